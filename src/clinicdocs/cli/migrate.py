"""`clinicdocs migrate`: rewrite records written for an older data model into today's."""

from __future__ import annotations

from pathlib import Path

import click

from clinicdocs.cli.common import clinic_option, open_project, project_option, reported


@click.command()
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing; list the files that need migrating and exit with 1 if there are any "
    "(for CI).",
)
@project_option
@clinic_option
def migrate(check: bool, project: Path, clinic: Path | None) -> None:
    """Move records written for an older data model to today's, keeping comments and key order:
    a treatment's `red_flags` becomes `get_help: urgent:`, and a key fact written as text
    becomes its `note:` (in translations too). Writes nothing unless the data is valid before
    and after."""
    from clinicdocs.errors import shown_path
    from clinicdocs.migrate import migrate_project

    loaded = open_project(project, clinic)
    with reported(loaded.root):
        done = migrate_project(
            loaded.data_dir,
            loaded.root,
            loaded.clinic_file,
            list(loaded.languages),
            write=not check,
        )
    if not done.changed:
        click.echo("nothing to migrate: the data follows today's model.")
        return
    for path in done.changed:
        note = " (translation stamped again: it was current)" if path in done.restamped else ""
        verb = "needs migrating" if check else "migrated"
        click.echo(f"{shown_path(path, loaded.root)}: {verb}{note}")
    for path in done.facts_as_notes:
        click.echo(
            f"{shown_path(path, loaded.root)}: key facts written as text are now notes; add "
            "their numbers (min, max, unit, or methods for numbing) so the comparison table and "
            "the treatment finder can use them"
        )
    if check:
        raise SystemExit(1)
