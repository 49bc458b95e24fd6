"""The clinicdocs plugin's options (`plugins: - clinicdocs:` in mkdocs.yml), typed the MkDocs
way: MkDocs validates them while it loads mkdocs.yml and words every mistake itself
(`Config value 'plugins': Plugin 'clinicdocs' option 'lint': ...`). `clinicdocs` commands read the
same validated options (`clinicdocs.plugin.project`)."""

from __future__ import annotations

from collections.abc import Mapping

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig

from clinicdocs.data.naming import is_language_code
from clinicdocs.lint.rules import LintSettings, lint_settings

DEFAULT_LANGUAGE = "en"
"""A site's one language when neither the plugin's `languages` nor `theme.language` names one."""


class LintOption(base.BaseConfigOption[LintSettings]):
    """The `lint:` mapping, read into `LintSettings` (its pydantic model: the one place its
    fields, defaults and limits are written)."""

    def __init__(self) -> None:
        super().__init__()
        self.default = {}

    def run_validation(self, value: object, /) -> LintSettings:
        """The lint settings, or a ValidationError naming the option that is wrong."""
        if value is None:  # `lint:` left empty
            value = {}
        if not isinstance(value, Mapping):
            raise ValidationError(
                f"expected a mapping of lint options, e.g. {{target_grade: 8}}, not {value!r}"
            )
        try:
            return lint_settings(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class LanguageCodes(base.BaseConfigOption[list[str]]):
    """The site's languages: distinct language codes (`data.naming`'s rule), source first."""

    def run_validation(self, value: object, /) -> list[str]:
        """The codes as listed, or a ValidationError saying which one is wrong."""
        if not isinstance(value, list) or not value:
            raise ValidationError("expected a list of language codes, e.g. [en, ar, zh]")
        codes: list[str] = []
        for code in value:
            if not isinstance(code, str) or not is_language_code(code):
                raise ValidationError(
                    f"{code!r} is not a language code "
                    "(Material's codes: en, ar, zh, fr, pt-BR, ...)"
                )
            if code in codes:
                raise ValidationError(f"'{code}' is listed twice")
            codes.append(code)
        return codes


# mkdocs' `__init_subclass__` hooks are untyped; subclassing is how MkDocs wants plugins written.
class ClinicdocsConfig(base.Config):  # type: ignore[no-untyped-call]
    """`plugins: - clinicdocs:` options in mkdocs.yml. Paths are relative to mkdocs.yml; MkDocs
    hands them over absolute."""

    enabled = c.Type(bool, default=True)
    """Off: the plugin does nothing, and the site is a plain MkDocs site of `docs/`."""
    data_dir = c.Dir(default="data")
    """The data folder. Not required to exist: a missing one is reported with the data's
    problems, which say what to put in it."""
    templates_dir = c.Dir(default="templates")
    """The project's templates (`pages/` overrides the package's page templates)."""
    navigation = c.Type(bool, default=True)
    """Build the site's navigation when mkdocs.yml has no `nav`."""
    lint = LintOption()
    """Content-lint options (`clinicdocs.lint.rules.LintSettings`); findings are build warnings."""
    strict_translations = c.Type(bool, default=False)
    """On: an outdated translation, a missing one and a glossary term not yet translated are
    build warnings, so `mkdocs build --strict` (and `clinicdocs build`) refuse to publish until
    every language has caught up. Off (the default): translations may lag; the build logs the
    outdated ones as info, readers see a notice on each lagging page, and `clinicdocs lint` and
    `clinicdocs translations` still report them."""
    editorial_status = c.Type(bool, default=True)
    """Add the editorial status page (`/editorial-status/`, not in the navigation or search)."""
    compact_html = c.Type(bool, default=True)
    """Remove the indentation from built pages (`clinicdocs.html.compact`): about a quarter of
    a page."""
    release_pages = c.Type(bool, default=True)
    """Let go of each page's Markdown, HTML and table of contents once the build no longer needs
    them (`clinicdocs.plugin.release`); off for a plugin that reads other pages' texts after
    that."""
    clinic_file = c.Optional(c.File())
    """The clinic to brand the site for, instead of `<data_dir>/clinic.yml` (`clinicdocs build
    --clinic` sets it). A missing file is reported with the data's problems."""
    parallel_languages = c.Type(bool, default=True)
    """On (the default): every language after the source is built in a process of its own, as
    many at once as there are cores, while the source language's pages are rendered and
    written (`clinicdocs.plugin.parallel`). Off: one after another in the build's own process, for
    debugging; the output is the same. The preview (`mkdocs serve`) always builds them one
    after another, in its own process, so it can render their pages again after an edit."""
    preview_by_page = c.Type(bool, default=True)
    """On (the default): after an edit to treatment or concern files, `mkdocs serve` renders
    again only the pages that show those records, in every language, and leaves the others as
    served (`clinicdocs.plugin.preview`); the site served is the one a full build writes. Off:
    every change rebuilds the whole site, as MkDocs does."""
    languages = c.Optional(LanguageCodes())
    """The site's languages, source first (`[en, ar, zh]`); each after the first gets a whole
    site under `<code>/` (`clinicdocs.generate.languages`). Default: `[theme.language or en]`."""


def site_languages(options: ClinicdocsConfig, config: MkDocsConfig) -> list[str]:
    """The site's language codes, source first: the plugin's `languages`, else the theme's
    language alone, else English."""
    if options.languages is not None:
        return list(options.languages)
    theme_language = config.theme.get("language")
    return [
        theme_language if isinstance(theme_language, str) and theme_language else DEFAULT_LANGUAGE
    ]
