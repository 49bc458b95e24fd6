"""`clinicdocs translations`: each record's translation state, and `stamp` to mark a
translation up to date."""

from __future__ import annotations

from pathlib import Path

import click

from clinicdocs.cli.common import (
    DataProblems,
    clinic_option,
    load_checked,
    open_project,
    project_option,
)
from clinicdocs.errors import DataError, Problem, shown_path


@click.group(invoke_without_command=True)
@project_option
@clinic_option
@click.pass_context
def translations(ctx: click.Context, project: Path, clinic: Path | None) -> None:
    """Show each record's translation state in each of the site's languages: current,
    outdated (its source changed since) or missing, and draft or reviewed."""
    if ctx.invoked_subcommand is not None:
        return
    from clinicdocs.translations.state import status_table

    state = load_checked(open_project(project, clinic))
    site = state.site
    if len(site.languages) < 2:
        click.echo(
            f"the site has one language ({site.languages[0]}); declare more in mkdocs.yml: "
            "plugins: - clinicdocs: languages: [en, ar]"
        )
        return
    rows = status_table(site)
    languages = state.plan.languages[1:] if state.plan is not None else []
    # The fixed texts (messages/<code>.yml) of a language the project adds to the package's.
    if any(language.lagging for language in languages):
        rows.append(
            [
                "messages",
                *(
                    f"{len(language.lagging)} texts missing" if language.lagging else "current"
                    for language in languages
                ),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


@translations.command("stamp")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@project_option
@clinic_option
def translations_stamp(files: tuple[Path, ...], project: Path, clinic: Path | None) -> None:
    """Record in each translation FILE that it matches its source's current text (sets
    translation.source_version, and translation.sections: each section's version, so readers
    are later told which sections changed). Run it after bringing a translation up to date."""
    from clinicdocs.translations.authoring import load_source, source_path, stamp, translation_key
    from clinicdocs.translations.text import section_versions, source_version

    loaded = open_project(project, clinic)
    data_dir, clinic_path, root = loaded.data_dir, loaded.clinic_path, loaded.root
    problems: list[Problem] = []
    for file in files:
        path = file.resolve()
        shown = shown_path(path, root)
        try:
            key, _ = translation_key(data_dir, clinic_path, path)
            record = load_source(source_path(data_dir, clinic_path, key), key, root)
            version = source_version(record)
            changed = stamp(path, version, section_versions(record))
        except ValueError as exc:
            problems.append(Problem.about_file(shown, str(exc)))
            continue
        except DataError as exc:
            problems.extend(exc.relative_to(root).problems)
            continue
        click.echo(f"{shown}: source_version {version}" + ("" if changed else " (unchanged)"))
    if problems:
        raise DataProblems(DataError(problems))
