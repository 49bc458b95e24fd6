"""The thin MkDocs adapter. Each hook calls the modules that do the work.

Data is loaded and every page rendered in `on_config`, before MkDocs cleans `site/`, so a build
with bad data stops with every problem listed and leaves the previous site untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown as markdown_lib
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from clinicdocs.checks import check_page_clashes
from clinicdocs.errors import DataError
from clinicdocs.load import SiteData, load_site
from clinicdocs.pages import GeneratedSite, NavItem, abbreviations, fill_blocks, generate

log = get_plugin_logger(__name__)

THEME_DIR = Path(__file__).parent / "theme"
STYLESHEET = "assets/stylesheets/clinicdocs.css"


class ClinicdocsConfig(base.Config):
    """`plugins: - clinicdocs:` options in mkdocs.yml. Paths are relative to mkdocs.yml."""

    data_dir = c.Type(str, default="data")
    templates_dir = c.Type(str, default="templates")
    navigation = c.Type(bool, default=True)
    """Build the site's navigation when mkdocs.yml has no `nav`."""


class ClinicdocsPlugin(BasePlugin[ClinicdocsConfig]):
    """Adds the pages generated from `data/` to an MkDocs site."""

    def __init__(self) -> None:
        self.root = Path()
        self.site: SiteData | None = None
        self.generated = GeneratedSite()
        self.glossary_abbreviations = ""

    @property
    def _page_templates(self) -> Path:
        return self.root / self.config.templates_dir / "pages"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the data, render every page, and add the package's theme files.

        Raises:
            PluginError: listing every problem in the data, templates or pages.
        """
        self.root = Path(config.config_file_path or ".").resolve().parent
        docs_dir = Path(config.docs_dir)
        try:
            self.site = load_site(self.root / self.config.data_dir, self.root)
            self.generated = generate(self.site, self._page_templates)
            clashes = check_page_clashes(self.generated.pages, docs_dir, _shown(docs_dir, self.root))
            if clashes:
                raise DataError(clashes)
        except DataError as exc:
            raise PluginError(exc.report()) from None
        self.glossary_abbreviations = abbreviations(self.site.glossary)
        # After the project's own custom_dir, before Material: a clinic can still override us.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages (in memory; nothing is written to `docs/`) and the nav."""
        for uri, content in self.generated.pages.items():
            files.append(File.generated(config, uri, content=content))
        if config.nav is None and self.config.navigation:
            config.nav = _navigation(files, self.generated)
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Fill generated blocks in hand-written pages and explain glossary terms on hover."""
        if page.file.generated_by is None and self.site is not None:
            try:
                markdown = fill_blocks(markdown, page.file.src_uri, self.site,
                                       self._page_templates)
            except DataError as exc:
                raise PluginError(exc.report()) from None
        return markdown + self.glossary_abbreviations

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Give the theme templates the clinic's details for the footer."""
        if self.site is not None:
            clinic = self.site.clinic
            env.globals["clinicdocs"] = {
                "clinic": clinic,
                "phone_link": "".join(ch for ch in clinic.phone if ch.isdigit() or ch == "+"),
                "disclaimer_html": _inline_html(clinic.disclaimer),
            }
        return env

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild the preview when data or templates change."""
        for folder in (self.root / self.config.data_dir, self.root / self.config.templates_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _inline_html(text: str) -> str:
    html = markdown_lib.markdown(text)
    return html.removeprefix("<p>").removesuffix("</p>")


def _navigation(files: Files, generated: GeneratedSite) -> list[NavItem]:
    """Home first, then the generated sections, then the other hand-written pages."""
    hand_written = sorted(
        f.src_uri for f in files.documentation_pages() if f.generated_by is None
    )
    nav: list[NavItem] = []
    if "index.md" in hand_written:
        nav.append({"Home": "index.md"})
    nav.extend(generated.nav)
    nav.extend(uri for uri in hand_written if uri != "index.md")
    return nav
