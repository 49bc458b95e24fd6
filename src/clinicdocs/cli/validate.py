"""`clinicdocs validate`: check the data, templates and pages as a build would."""

from __future__ import annotations

from pathlib import Path

import click

from clinicdocs.cli.common import clinic_option, every_language, open_project, project_option


@click.command()
@project_option
@clinic_option
def validate(project: Path, clinic: Path | None) -> None:
    """Check data/, the page templates and docs/, and print each problem as
    file:line:col: field: message. Exits with 1 if there is any problem."""
    from clinicdocs.data.checks import unused_statement_warnings
    from clinicdocs.translations.state import translation_summary

    # Every language's pages are rendered, so a template that fails in one is reported too.
    source, *_ = every_language(open_project(project, clinic))
    site = source.site
    glossary = len(site.glossary.terms) if site.glossary else 0
    click.echo(
        f"data is valid: {len(site.treatments)} treatments, {len(site.concerns)} concerns, "
        f"{glossary} glossary terms."
    )
    for warning in unused_statement_warnings(
        site.statements, site.sources.get("statements"), site.treatments.values()
    ):
        click.echo(str(warning), err=True)
    if len(site.languages) > 1:
        click.echo(translation_summary(site))
    if source.plan is not None:
        for language in source.plan.languages:
            if language.lagging:
                count = len(language.lagging)
                click.echo(
                    f"{language.lagging[0].file}: {count} text{'' if count == 1 else 's'} "
                    "not translated yet, shown in English (`clinicdocs translations` lists them)."
                )
