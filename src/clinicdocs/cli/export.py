"""`clinicdocs export`: the generated Markdown pages, written to a folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from clinicdocs.cli.common import every_language, open_project, out_option, project_option


@click.command()
@project_option
@out_option("Folder to write the Markdown pages into.")
def export(project: Path, out: Path) -> None:
    """Write the generated Markdown pages to a folder, for use with any Markdown site tool.
    Other languages than the source go into `<code>/` subfolders, as on the site; each folder
    holds the figures' images its pages show."""
    from clinicdocs.generate.glossary import abbreviation_lines
    from clinicdocs.generate.pages import figure_files

    for number, state in enumerate(every_language(open_project(project))):
        folder = out if number == 0 else out / state.code
        glossary = abbreviation_lines(state.site.glossary)
        for uri, content in state.generated.pages.items():
            target = folder / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content + glossary, encoding="utf-8")
        for uri, path in figure_files(state.site).items():
            (folder / uri).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, folder / uri)
        click.echo(f"wrote {len(state.generated.pages)} pages to {folder}")
