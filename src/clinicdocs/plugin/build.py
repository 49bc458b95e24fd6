"""`clinicdocs build`: build the site with MkDocs, for any clinic, atomically.

The site is built into a temporary folder next to the target and moved into place only when the
build succeeded, so a failed or interrupted build leaves the previous site as it was: a web server
serving the folder never sees half a site.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.exceptions import MkDocsException

from clinicdocs.data.folders import swap_into_place
from clinicdocs.html.hosting import OFFLINE_ENV
from clinicdocs.plugin.parallel import stop_language_sites
from clinicdocs.plugin.project import ProjectError, load_project


class BuildFailed(Exception):
    """The build stopped; the message says why. The previous site is untouched."""


def build_site(
    project: Path,
    *,
    clinic_file: Path | None = None,
    site_dir: Path | None = None,
    offline: bool = False,
) -> Path:
    """Build the project's site with MkDocs and put it in place only if the build succeeds.

    Args:
        project: the folder holding mkdocs.yml.
        clinic_file: the clinic to brand the site for, instead of `data/clinic.yml`.
        site_dir: where the site goes; mkdocs.yml's `site_dir` when not given.
        offline: build for opening from disk (`file://`), by setting `CLINICDOCS_OFFLINE=true`
            (`clinicdocs.html.hosting.OFFLINE_ENV`).

    Returns:
        The site folder.

    Raises:
        BuildFailed: when MkDocs reports an error (its messages are logged as it goes).
    """
    # Set while mkdocs.yml is read (its `!ENV` turns the offline plugin on) and while the
    # site is built (the plugin checks the offline plugin is there).
    with _environment({OFFLINE_ENV: "true"} if offline else {}), _mkdocs_messages():
        try:
            config = load_project(project, clinic_file=clinic_file).config
        except ProjectError as exc:
            raise BuildFailed(str(exc)) from None
        if clinic_file is not None and "clinicdocs" not in config.plugins:
            raise BuildFailed(
                f"{Path(config.config_file_path).name} does not use the clinicdocs plugin"
            )
        target = (site_dir or Path(config.site_dir)).resolve()
        if target.exists() and not target.is_dir():
            raise BuildFailed(f"{target} is a file, not a folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
        config.site_dir = str(staging)
        try:
            build(config)
        except MkDocsException as exc:
            stop_language_sites()
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildFailed(str(exc)) from None
        except BaseException:
            # Any other failure, Ctrl-C included: remove the half-built folder, keep the old site;
            # first wait for the other languages' processes, which write into it.
            stop_language_sites()
            shutil.rmtree(staging, ignore_errors=True)
            raise
    swap_into_place(staging, target)
    return target


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the build (mkdocs.yml's `!ENV` reads them), then restore."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _mkdocs_messages() -> Iterator[None]:
    """Show MkDocs' warnings and errors as `mkdocs build` does (`WARNING -  ...`)."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
