"""The other languages' sites: each is a nested MkDocs build of the same mkdocs.yml into
`<site_dir>/<code>/`, started when the source language's build has written its own site.

The nested build re-reads mkdocs.yml (so every plugin starts fresh), takes over what the command
line or `clinicdocs build` changed in the source build's settings (site folder, strictness,
directory URLs), and sets Material's theme language and the search language. Its clinicdocs
plugin is handed a `LanguageBuild`: the language, the plan and the data (the clinic's included)
the source build checked. The source build's `site_dir` is a staging folder under
`clinicdocs build` and a temporary folder under `mkdocs serve`, so every language lands in it and
is swapped into place, or served, together.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from clinicdocs.data.site import SiteData
from clinicdocs.generate.languages import LanguagePlan, search_languages

log = get_plugin_logger(__name__)

SEARCH_PLUGINS = ("material/search", "search")


@dataclass(frozen=True)
class LanguageBuild:
    """What the clinicdocs plugin of a nested build is handed: which language it builds, the
    plan every language's build shares, and the data the source build loaded and checked."""

    code: str
    plan: LanguagePlan
    source_site: SiteData


_LANGUAGE_BUILD: ContextVar[LanguageBuild | None] = ContextVar(
    "clinicdocs_language_build", default=None
)
"""The language build MkDocs is running, set around a nested `build()`: MkDocs' `build` takes
only a config, so this hands the nested build's (fresh) clinicdocs plugin its context without
anyone reaching into that plugin."""


def current_language_build() -> LanguageBuild | None:
    """What the running build is: another language's nested build, or None for the source
    language's own build (`mkdocs build`, `mkdocs serve`, `clinicdocs build`)."""
    return _LANGUAGE_BUILD.get()


@contextmanager
def _building(language_build: LanguageBuild) -> Iterator[None]:
    token = _LANGUAGE_BUILD.set(language_build)
    try:
        yield
    finally:
        _LANGUAGE_BUILD.reset(token)


@dataclass(frozen=True)
class SiteSettings:
    """What a nested build takes over from the source language's build: its mkdocs.yml, and
    what the command line or `clinicdocs build` changed in its settings. Small and picklable,
    so a language's site can be built in another process (`clinicdocs.plugin.parallel`)."""

    config_file_path: str
    site_dir: str
    """Where each language's site goes, into `<site_dir>/<code>/`: the source site's folder
    (built one after another), or a folder beside it (`clinicdocs.plugin.parallel`)."""
    strict: bool
    use_directory_urls: bool

    @classmethod
    def of(cls, config: MkDocsConfig) -> SiteSettings:
        """The settings of the source language's build."""
        return cls(
            config.config_file_path, config.site_dir, config.strict, config.use_directory_urls
        )


def build_language_sites(settings: SiteSettings, plan: LanguagePlan, source_site: SiteData) -> None:
    """Build every language after the source into `<settings.site_dir>/<code>/`, one after
    another in this process.

    Args:
        settings: the source language's build settings.
        plan: the languages and where each page exists.
        source_site: the data the source build loaded and checked, translations included.

    Raises:
        mkdocs.exceptions.Abort: a nested build failed (its messages are logged).
    """
    for language in plan.languages[1:]:
        build_language_site(settings, LanguageBuild(language.code, plan, source_site))


def build_language_site(settings: SiteSettings, language_build: LanguageBuild) -> Path:
    """Build one language's site with a nested MkDocs build; returns its folder.

    The nested build's clinicdocs plugin renders that language's pages from the data in
    `language_build`; its clinic is the source build's, through that data.
    """
    # jieba (Chinese segmentation for Material's search) logs its start-up to stderr itself.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    code = language_build.code
    site_dir = Path(settings.site_dir) / code
    log.info("Building the '%s' site into %s", code, site_dir)
    nested = load_config(
        settings.config_file_path,
        site_dir=str(site_dir),
        strict=settings.strict,
        use_directory_urls=settings.use_directory_urls,
    )
    # Before any plugin's on_config: Material's search takes its language from the theme's.
    nested.theme["language"] = theme_language(code, nested.theme.dirs)
    search_lang = search_languages(code)
    for name in SEARCH_PLUGINS:
        search = nested.plugins.get(name)
        if search is not None and search_lang is not None:
            search.config.lang = search_lang
    with _building(language_build):
        build(nested)
    return site_dir


def theme_language(code: str, theme_dirs: Sequence[str]) -> str:
    """The theme language for a site in `code`: the code itself when the theme has texts for it
    (Material's `partials/languages/<code>.html`), else the nearest broader code it has
    (`es-419` -> `es`), else English. The page's own `lang` stays `code` (`document_language`).
    """
    parts = code.split("-")
    for size in range(len(parts), 0, -1):
        candidate = "-".join(parts[:size])
        for folder in theme_dirs:
            if (Path(folder) / "partials" / "languages" / f"{candidate}.html").is_file():
                return candidate
    return "en"


def use_translated_pages(files: Files, plan: LanguagePlan, code: str, source_build: bool) -> None:
    """Hand-written pages in one language's build: `docs/x.<code>.md` files are never pages of
    their own; in `<code>`'s site, `docs/x.<code>.md` is read in place of `docs/x.md` (same
    address, same place in the navigation).

    Args:
        files: the build's files, changed in place.
        plan: the site's languages.
        code: the language of this build.
        source_build: the source language's build, which records the hand-written pages (the
            pages that exist in other languages only when translated).
    """
    for uri in sorted(plan.docs_files):
        found = files.get_file_from_path(uri)
        if found is not None:
            files.remove(found)
    if source_build:
        plan.hand_written = {
            f.src_uri for f in files.documentation_pages() if f.generated_by is None
        }
    for uri, path in plan.docs.get(code, {}).items():
        page = files.get_file_from_path(uri)
        if page is not None:
            page.abs_src_path = str(path)
