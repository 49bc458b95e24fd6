"""`clinicdocs edit`: the form editor, on this computer only."""

from __future__ import annotations

import contextlib
import threading
import webbrowser
from pathlib import Path

import click

from clinicdocs.cli.common import clinic_option, open_project, project_option


@click.command()
@project_option
@clinic_option
@click.option(
    "--port", type=int, default=0, help="The editor's port on 127.0.0.1 (default: a free one)."
)
@click.option(
    "--preview/--no-preview",
    default=True,
    show_default=True,
    help="Run `mkdocs serve` and show each record's page next to its form.",
)
@click.option(
    "--open/--no-open", "open_browser", default=True, help="Open the editor in the browser."
)
@click.option(
    "--download-only",
    is_flag=True,
    help="Only fetch the editor's files (Decap CMS, once, into the cache) and exit.",
)
def edit(
    project: Path,
    clinic: Path | None,
    port: int,
    preview: bool,
    open_browser: bool,
    download_only: bool,
) -> None:
    """Edit data/ in forms made from the data models (Decap CMS), in the browser, on this
    computer only. Each save is checked as `clinicdocs validate` checks it and written into
    the YAML file, keeping its comments. Stop with Ctrl+C."""
    from clinicdocs.editor.bundle import BundleError, ensure_bundle
    from clinicdocs.editor.session import editing

    try:
        bundle = ensure_bundle()
    except BundleError as exc:
        raise click.ClickException(str(exc)) from None
    if download_only:
        click.echo(f"the editor's files are in {bundle}")
        return
    opened = open_project(project, clinic)
    with editing(opened, bundle, preview=preview, port=port) as (address, _):
        click.echo(f"the editor is at {address} (this computer only); stop with Ctrl+C")
        if open_browser:
            webbrowser.open(address)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
