"""`clinicdocs lint`: check the content, with the settings of mkdocs.yml's `lint:`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from clinicdocs.cli.common import load_checked, open_project, project_option


@click.command()
@project_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one finding a line; json: every finding and each page's reading grade.",
)
@click.option("--strict", is_flag=True, help="Exit with 1 on warnings too, not only on errors.")
def lint(project: Path, output_format: str, strict: bool) -> None:
    """Check the content: reading grade, claims, safety sections, review dates, glossary use
    and placeholders. Prints file:line:col: field: severity[rule]: message; suggestion.
    Options come from mkdocs.yml (plugins: - clinicdocs: lint: ...)."""
    from clinicdocs.lint.rules import lint_site

    loaded = open_project(project)
    site = load_checked(loaded).site
    docs = loaded.docs_dir
    pages = {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(docs.rglob("*.md"))
    }
    report = lint_site(site, loaded.lint, extra_texts=pages)
    if output_format == "json":
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        for finding in report.findings:
            click.echo(str(finding))
        click.echo(
            f"{report.errors} error{'s' if report.errors != 1 else ''}, "
            f"{report.warnings} warning{'s' if report.warnings != 1 else ''}.",
            err=True,
        )
    if report.errors or (strict and report.warnings):
        raise SystemExit(1)
