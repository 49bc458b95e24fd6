"""What the commands share: the options every command takes, reading the project through
MkDocs (`clinicdocs.plugin.project`), and turning a user's mistake into one clear message with
the right exit code (1 for bad data or settings, 2 for usage, from click)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from clinicdocs.errors import DataError

if TYPE_CHECKING:
    from clinicdocs.plugin.project import Project
    from clinicdocs.plugin.state import BuildState

project_option = click.option(
    "--project",
    "-p",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="The project folder (it holds mkdocs.yml, data/ and templates/).",
)

clinic_option = click.option(
    "--clinic",
    "-c",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Use this clinic file instead of data/clinic.yml (one content folder, several clinics).",
)


def out_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The `--out DIR` option of the commands that write files."""
    return click.option(
        "--out",
        "-o",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=help_text,
    )


class DataProblems(click.ClickException):
    """Bad data: every problem on its own line, exit code 1, no traceback."""

    exit_code = 1

    def __init__(self, error: DataError) -> None:
        super().__init__(error.report())

    def show(self, file: object = None) -> None:
        """Print the problems alone, without click's `Error:` before the first."""
        click.echo(self.message, err=True)


@contextmanager
def reported(root: Path) -> Iterator[None]:
    """Turn bad data into `DataProblems`, its files named relative to the project folder."""
    try:
        yield
    except DataError as exc:
        raise DataProblems(exc.relative_to(root)) from None


def open_project(folder: Path, clinic: Path | None = None) -> Project:
    """The project as `mkdocs build` reads it (MkDocs' `load_config`), with `--clinic`'s file
    instead of the one mkdocs.yml names; a missing or wrong mkdocs.yml exits 1 with MkDocs'
    message."""
    from clinicdocs.plugin.project import ProjectError, load_project

    try:
        return load_project(folder, clinic_file=clinic)
    except ProjectError as exc:
        raise click.ClickException(str(exc)) from None


def load_checked(project: Project) -> BuildState:
    """Check and render the project as `mkdocs build` would: every language's messages, the
    data with its translations, the source language's pages; bad data exits 1."""
    from clinicdocs.plugin.loading import load_source

    with reported(project.root):
        return load_source(project)


def every_language(project: Project) -> Iterator[BuildState]:
    """Every language's data and generated pages, source first, as the build makes them; bad
    data exits 1."""
    from clinicdocs.plugin.loading import load_language
    from clinicdocs.plugin.sites import LanguageBuild

    source = load_checked(project)
    yield source
    if source.plan is None:
        return
    with reported(project.root):
        for language in source.plan.languages[1:]:
            yield load_language(project, LanguageBuild(language.code, source.plan, source.site))
