"""`clinicdocs build`: build the site with MkDocs, for any clinic, replacing the old site only
when the build succeeds (`clinicdocs.plugin.build`)."""

from __future__ import annotations

from pathlib import Path

import click

from clinicdocs.cli.common import clinic_option, load_checked, open_project, project_option
from clinicdocs.html.hosting import OFFLINE_ENV


@click.command()
@project_option
@clinic_option
@click.option(
    "--site-dir",
    "-d",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to put the site [default: mkdocs.yml's site_dir, usually site/].",
)
@click.option(
    "--offline",
    is_flag=True,
    help=f"Build for opening from disk (file://) with no network: sets {OFFLINE_ENV}=true, "
    "which mkdocs.yml passes to Material's offline plugin.",
)
def build(project: Path, clinic: Path | None, site_dir: Path | None, offline: bool) -> None:
    """Build the site with MkDocs, branded for a clinic. The site folder is replaced only when
    the build succeeds; a failed build leaves the previous site as it was."""
    from clinicdocs.plugin.build import BuildFailed, build_site

    # Checked first, so bad data is reported in the usual one-line-per-problem form.
    load_checked(open_project(project, clinic))
    try:
        target = build_site(project, clinic_file=clinic, site_dir=site_dir, offline=offline)
    except BuildFailed as exc:
        raise click.ClickException(
            f"{exc}\nThe previous site, if any, was left as it was."
        ) from None
    click.echo(f"built the site into {target}")
