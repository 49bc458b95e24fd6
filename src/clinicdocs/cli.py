"""The `clinicdocs` command line: options and help only; the work lives in the other modules."""

from __future__ import annotations

import json
from pathlib import Path

import click

from clinicdocs import __version__
from clinicdocs.errors import DataError

project_option = click.option(
    "--project", "-p",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="The project folder (it holds data/ and templates/).",
)


class DataProblems(click.ClickException):
    """Bad data: every problem on its own line, exit code 1, no traceback."""

    exit_code = 1

    def __init__(self, error: DataError) -> None:
        super().__init__(error.report())

    def show(self, file: object = None) -> None:
        click.echo(self.message, err=True)


@click.group()
@click.version_option(__version__, prog_name="clinicdocs")
def main() -> None:
    """Build patient-education pages from treatment data in data/."""


@main.command()
@project_option
def validate(project: Path) -> None:
    """Check every file in data/ and print each problem as file:line:col: field: message."""
    from clinicdocs.load import load_site
    from clinicdocs.pages import generate

    try:
        site = load_site(project / "data", project)
        generate(site, project / "templates" / "pages")
    except DataError as exc:
        raise DataProblems(exc) from None
    glossary = len(site.glossary.terms) if site.glossary else 0
    click.echo(
        f"data is valid: {len(site.treatments)} treatments, {len(site.concerns)} concerns, "
        f"{glossary} glossary terms."
    )


@main.command()
@project_option
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the Markdown pages into.")
def export(project: Path, out: Path) -> None:
    """Write the generated Markdown pages to a folder, for use with any Markdown site tool."""
    from clinicdocs.load import load_site
    from clinicdocs.pages import abbreviations, generate

    try:
        site = load_site(project / "data", project)
        generated = generate(site, project / "templates" / "pages")
    except DataError as exc:
        raise DataProblems(exc) from None
    glossary = abbreviations(site.glossary)
    for uri, content in generated.pages.items():
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content + glossary, encoding="utf-8")
    click.echo(f"wrote {len(generated.pages)} pages to {out}")


@main.command()
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the JSON Schema files into.")
def schema(out: Path) -> None:
    """Write a JSON Schema for each kind of data file (for editor autocompletion)."""
    from clinicdocs.schema import json_schemas

    out.mkdir(parents=True, exist_ok=True)
    for name, document in json_schemas().items():
        (out / name).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        click.echo(f"wrote {out / name}")
