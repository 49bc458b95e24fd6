"""A project as MkDocs reads it: mkdocs.yml loaded and validated by MkDocs' own `load_config`,
with the clinicdocs plugin's validated options. The plugin's build and every `clinicdocs`
command take their folders, languages and settings from here: one config path, so a command
checks exactly what `mkdocs build` would build."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from clinicdocs.lint.rules import LintSettings
from clinicdocs.load import clinic_path
from clinicdocs.plugin.config import ClinicdocsConfig, site_languages

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
"""The names MkDocs looks for, in its order."""


class ProjectError(Exception):
    """mkdocs.yml is missing or wrong; the message says what, in MkDocs' words."""


def find_config_file(folder: Path) -> Path | None:
    """The project's mkdocs.yml (or mkdocs.yaml), or None when `folder` has neither."""
    return next((folder / name for name in CONFIG_NAMES if (folder / name).is_file()), None)


@dataclass(frozen=True)
class Project:
    """The settings a build of one project uses, all from MkDocs' validated config.

    Attributes:
        config: mkdocs.yml as MkDocs validated it.
        options: the clinicdocs plugin's options (their defaults when mkdocs.yml leaves the
            plugin out).
    """

    config: MkDocsConfig
    options: ClinicdocsConfig

    @property
    def root(self) -> Path:
        """The project folder: the one holding mkdocs.yml. Problems name files relative to it."""
        return Path(self.config.config_file_path or ".").resolve().parent

    @property
    def data_dir(self) -> Path:
        """The data folder (the plugin's `data_dir`)."""
        return Path(self.options.data_dir)

    @property
    def templates_dir(self) -> Path:
        """The project's templates folder (the plugin's `templates_dir`)."""
        return Path(self.options.templates_dir)

    @property
    def page_templates(self) -> Path:
        """The project's page-template overrides: `pages/` in its templates folder."""
        return self.templates_dir / "pages"

    @property
    def docs_dir(self) -> Path:
        """The hand-written pages' folder (mkdocs.yml's `docs_dir`)."""
        return Path(self.config.docs_dir)

    @property
    def site_dir(self) -> Path:
        """Where MkDocs writes the site (mkdocs.yml's `site_dir`)."""
        return Path(self.config.site_dir)

    @property
    def site_url(self) -> str | None:
        """mkdocs.yml's `site_url` (a clinic file's `site_url` wins over it)."""
        return self.config.site_url

    @property
    def clinic_file(self) -> Path | None:
        """The clinic file the plugin's `clinic_file` names, or None for `<data_dir>/clinic.yml`."""
        return Path(self.options.clinic_file) if self.options.clinic_file else None

    @property
    def clinic_path(self) -> Path:
        """The clinic file the site is branded for: `clinic_file`, else `<data_dir>/clinic.yml`."""
        return clinic_path(self.data_dir, self.clinic_file)

    @property
    def languages(self) -> list[str]:
        """The site's language codes, source first."""
        return site_languages(self.options, self.config)

    @property
    def lint(self) -> LintSettings:
        """The content lint's settings (the plugin's `lint`)."""
        return self.options.lint


def load_project(folder: Path, *, clinic_file: Path | None = None) -> Project:
    """Load `folder`'s mkdocs.yml with MkDocs, as `mkdocs build` does.

    Args:
        folder: the project folder.
        clinic_file: a clinic file to use instead of the one mkdocs.yml names (relative to the
            current folder, as given on a command line).

    Raises:
        ProjectError: no mkdocs.yml, or one MkDocs refuses; the message is MkDocs' own
            (`Config value 'plugins': Plugin 'clinicdocs' option 'languages': ...`).
    """
    config_file = find_config_file(folder)
    if config_file is None:
        raise ProjectError(
            f"no mkdocs.yml in {folder.resolve()}; run this in the project folder (the one "
            "holding mkdocs.yml and data/), or name it with --project"
        )
    with _config_errors() as errors:
        try:
            config = load_config(str(config_file.resolve()))
        except MkDocsException as exc:
            raise ProjectError("\n".join(errors) or exc.format_message()) from None
    project = Project(config, plugin_options(config))
    if clinic_file is not None:
        # Absolute, because the plugin would read a relative one from the project folder, not
        # from where the command was run.
        project.options.clinic_file = str(clinic_file.resolve())
    return project


def plugin_options(config: MkDocsConfig) -> ClinicdocsConfig:
    """The clinicdocs plugin's validated options in `config`; their defaults when mkdocs.yml
    does not use the plugin (commands still check `data/` then)."""
    plugin = config.plugins.get("clinicdocs")
    if plugin is not None and isinstance(plugin.config, ClinicdocsConfig):
        return plugin.config
    options = ClinicdocsConfig(config_file_path=config.config_file_path)
    options.load_dict({})
    options.validate()  # the defaults are valid: nothing to report
    return options


@contextmanager
def _config_errors() -> Iterator[list[str]]:
    """Collect the errors MkDocs logs while it validates mkdocs.yml instead of letting them be
    printed: they become the ProjectError's message, shown once. Warnings are left alone."""
    errors: list[str] = []

    def keep_errors(record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            errors.append(record.getMessage())
            return False
        return True

    # MkDocs logs each problem of mkdocs.yml on this logger, then raises a bare "Aborted".
    logger = logging.getLogger("mkdocs.config")
    logger.addFilter(keep_errors)
    try:
        yield errors
    finally:
        logger.removeFilter(keep_errors)
