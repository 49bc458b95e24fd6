"""The thin MkDocs adapter. Each hook calls the modules that do the work.

Data is loaded and every page rendered in `on_config`, before MkDocs cleans `site/`, so a build
with bad data stops with every problem listed and leaves the previous site untouched.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import markdown as markdown_lib
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from watchdog.events import FileCreatedEvent, FileSystemEvent, FileSystemEventHandler
from watchdog.observers.api import ObservedWatch

from clinicdocs.branding import STYLESHEET_URI, Branding, custom_palette, site_branding
from clinicdocs.compact import compact_html
from clinicdocs.editorial import EDITORIAL_STATUS, status_page
from clinicdocs.errors import DataError, shown_path
from clinicdocs.fonts import (
    FONT_STYLESHEET,
    needs_fonts,
    shown_characters,
    site_fonts,
    write_site_fonts,
)
from clinicdocs.glossary import GlossaryExtension, definitions
from clinicdocs.hosting import OFFLINE_ENV, local_polyfills, offline_requested, robots_txt
from clinicdocs.i18n import PROJECT_MESSAGES, Language, english, load_language
from clinicdocs.lint import LintSettings, lint_settings, lint_site
from clinicdocs.load import SiteData
from clinicdocs.models import Clinic
from clinicdocs.opendata import API_DIR, write_open_data
from clinicdocs.pages import (
    CONCERNS_INDEX,
    TREATMENTS_INDEX,
    GeneratedSite,
    NavItem,
    fill_blocks,
    load_and_generate,
    public_url,
)
from clinicdocs.printing import prepare_for_print
from clinicdocs.render import phone_link
from clinicdocs.structured import page_structured_data, script_json
from clinicdocs.theme_markup import fix_material_markup
from clinicdocs.translations import site_languages

log = get_plugin_logger(__name__)

THEME_DIR = Path(__file__).parent / "theme"
STYLESHEET = "assets/stylesheets/clinicdocs.css"
PRINT_STYLESHEET = "assets/stylesheets/print.css"
PRINT_SCRIPT = "assets/javascripts/print.js"


# mkdocs' `__init_subclass__` hooks are untyped; subclassing is how MkDocs wants plugins written.
class ClinicdocsConfig(base.Config):  # type: ignore[no-untyped-call]
    """`plugins: - clinicdocs:` options in mkdocs.yml. Paths are relative to mkdocs.yml."""

    data_dir = c.Type(str, default="data")
    templates_dir = c.Type(str, default="templates")
    navigation = c.Type(bool, default=True)
    """Build the site's navigation when mkdocs.yml has no `nav`."""
    lint = c.Type(dict, default={})
    """Content-lint options (`clinicdocs.lint.LintSettings`); findings are build warnings."""
    editorial_status = c.Type(bool, default=True)
    """Add the editorial status page (`/editorial-status/`, not in the navigation or search)."""
    compact_html = c.Type(bool, default=True)
    """Remove the indentation from built pages (`clinicdocs.compact`): about a quarter of a page."""
    clinic_file = c.Optional(c.Type(str))
    languages = c.ListOfItems(c.Type(str), default=[])
    """The site's languages, the source language first, e.g. `[en, ar, zh]`; default: the theme's
    language alone. Translations (`data/**/<id>.<code>.yml`) are checked against their sources."""
    """The clinic to brand the site for, instead of `<data_dir>/clinic.yml` (`clinicdocs build
    --clinic` sets it)."""


class ClinicdocsPlugin(BasePlugin[ClinicdocsConfig]):  # type: ignore[no-untyped-call]
    """Adds the pages generated from `data/` to an MkDocs site."""

    def __init__(self) -> None:
        self.root = Path()
        self.site: SiteData | None = None
        self.generated = GeneratedSite()
        self.lint_settings = LintSettings()
        self.branding: Branding | None = None
        self.files: Files | None = None
        self.language: Language = english()
        self.font_language: str | None = None
        self.shown: dict[str, str] = {}
        """Each character the built pages show, with the first page that shows it."""

    @property
    def _page_templates(self) -> Path:
        return self.root / self.config.templates_dir / "pages"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the data, render every page, and add the package's theme files.

        Raises:
            PluginError: listing every problem in the data, templates or pages.
        """
        self.root = Path(config.config_file_path or ".").resolve().parent
        # The theme's language is the pages' language: a site with `theme.language: ar` is
        # Arabic throughout, Material's own texts and ours.
        code = str(config.theme.get("language") or "en")
        try:
            self.site, self.generated = load_and_generate(
                self.root,
                self.root / self.config.data_dir,
                self.root / self.config.templates_dir,
                Path(config.docs_dir),
                config.site_url,
                self.root / self.config.clinic_file if self.config.clinic_file else None,
                site_languages(self.config.languages, config.theme.get("language")),
                code,
            )
            self.language = load_language(code, self.root)
        except DataError as exc:
            raise PluginError(exc.relative_to(self.root).report()) from None
        try:
            self.lint_settings = lint_settings(self.config.lint)
        except ValueError as exc:
            raise PluginError(f"Config value 'plugins.clinicdocs.lint.{exc}") from None
        # The clinic's address and brand win: one content repository publishes several clinics'
        # sites, each from its own clinic file.
        config.site_url = public_url(self.site, config.site_url)
        self.branding = site_branding(self.site.clinic, self.root)
        apply_branding(config, self.branding, self.site.clinic)
        # Explain glossary terms on hover on every page, generated or hand-written.
        config.markdown_extensions.append(GlossaryExtension(definitions(self.site.glossary)))
        # After the project's own custom_dir, before Material: a clinic can still override us.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        for position, sheet in enumerate((STYLESHEET, PRINT_STYLESHEET)):
            if sheet not in config.extra_css:
                config.extra_css.insert(position, sheet)
        # A language whose script a device may lack gets the bundled fonts (written after the
        # build, cut to the characters the pages use): see fonts.py.
        language = config.theme["language"]
        self.font_language = language if needs_fonts(language) else None
        self.shown = {}
        if self.font_language and FONT_STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, FONT_STYLESHEET)
        if PRINT_SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(PRINT_SCRIPT)
        offline = config.plugins.get("material/offline")
        offline_enabled = offline is not None and bool(offline.config.get("enabled"))
        # The offline build turns directory URLs off for file://; its QR codes still open the
        # published site, which keeps them.
        if config.site_url and not config.use_directory_urls and not offline_enabled:
            # The handouts' QR codes (and their printed addresses) open `treatments/<id>/`.
            log.warning(
                "use_directory_urls is false, but the handouts' QR codes link to "
                "'treatments/<id>/' addresses; keep use_directory_urls: true"
            )
        if offline_enabled:
            config.extra["polyfills"] = local_polyfills(config.extra.get("polyfills", []))
        elif offline is None and offline_requested():
            log.warning(
                "%s is set, but mkdocs.yml has no offline plugin, so the site will not work "
                "from disk. Add to its plugins:  - offline: {enabled: !ENV [%s, false]}",
                OFFLINE_ENV,
                OFFLINE_ENV,
            )
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages (in memory; nothing is written to `docs/`) and the nav."""
        for uri, content in self.generated.pages.items():
            unlisted = uri in self.generated.unlisted
            inclusion = InclusionLevel.NOT_IN_NAV if unlisted else InclusionLevel.UNDEFINED
            files.append(File.generated(config, uri, content=content, inclusion=inclusion))
        if self.site is not None:
            # Logged here, inside the build, so `mkdocs build --strict` counts them.
            hand_written = {
                f.src_uri: f.content_string
                for f in files.documentation_pages()
                if f.generated_by is None
            }
            report = lint_site(self.site, self.lint_settings, extra_texts=hand_written)
            for finding in report.findings:
                log.warning(str(finding))
            if self.config.editorial_status:
                page = status_page(self.site, report, self.lint_settings)
                files.append(
                    File.generated(
                        config, EDITORIAL_STATUS, content=page, inclusion=InclusionLevel.NOT_IN_NAV
                    )
                )
            # Positions in the data files serve only problem and lint reports, all made by now;
            # a large catalogue's position trees would otherwise be held through the whole build.
            self.site = dataclasses.replace(self.site, sources={})
        if self.branding is not None:
            for uri, path in self.branding.files.items():
                files.append(File.generated(config, uri, abs_src_path=str(path)))
            if self.branding.stylesheet is not None:
                files.append(
                    File.generated(config, STYLESHEET_URI, content=self.branding.stylesheet)
                )
        if config.nav is None and self.config.navigation:
            config.nav = _navigation(files, self.generated, self.language)
        self.files = files
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Fill the `<!-- clinicdocs:... -->` blocks in hand-written pages."""
        if page.file.generated_by is None and self.site is not None:
            try:
                markdown = fill_blocks(
                    markdown, page.file.src_uri, self.site, self._page_templates, self.language
                )
            except DataError as exc:
                raise PluginError(exc.report()) from None
        return markdown

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Ask search engines not to index the editorial status page; make Material's markup
        valid HTML; drop indentation."""
        if page.file.src_uri == EDITORIAL_STATUS and page.file.generated_by is not None:
            output = output.replace("<head>", '<head>\n<meta name="robots" content="noindex">', 1)
        output = fix_material_markup(
            output, self.language
        )  # before compacting: it matches Material's markup
        self._note_characters(output, page.file.url)
        return compact_html(output) if self.config.compact_html else output

    def _note_characters(self, output: str, where: str) -> None:
        if self.font_language:
            for char in shown_characters(output):
                self.shown.setdefault(char, where)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """Make Material's markup valid HTML in the 404 page too (sitemaps are left alone); note
        its characters for the fonts."""
        if template_name.endswith(".html"):
            output_content = fix_material_markup(output_content, self.language)
            self._note_characters(output_content, template_name)
        return output_content

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Add what a printout needs: link addresses and the clinic's print header."""
        if self.site is None:
            return html
        return prepare_for_print(
            html, page.file.src_uri, page.url, self.site, config.site_url, self.language
        )

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Give a treatment or concern page its schema.org JSON-LD (`main.html` prints it)."""
        if self.site is not None:
            data = page_structured_data(
                self.site, page.file.src_uri, lambda uri: self._address(uri, config), self.language
            )
            page.meta["clinicdocs_jsonld"] = script_json(data) if data else None
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write robots.txt (unless `docs/` has its own), the open data (`api/`) and the fonts
        of a language that needs them."""
        site_dir = Path(config.site_dir)
        if self.files is None or self.files.get_file_from_path("robots.txt") is None:
            (site_dir / "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")
        if self.site is not None:
            write_open_data(self.site, site_dir / API_DIR, config.site_url, self._page_path)
        if self.font_language:
            fonts = site_fonts(self.font_language, self.shown)
            write_site_fonts(site_dir, fonts)
            for char in sorted(fonts.missing):
                log.warning(
                    "no bundled font has the character %r (U+%04X), used on %s: readers whose "
                    "device lacks it see a blank box",
                    char,
                    ord(char),
                    self.shown[char] or "the home page",
                )

    def _page_path(self, uri: str) -> str:
        """A page's path from the site's root, as MkDocs publishes it."""
        found = self.files.get_file_from_path(uri) if self.files else None
        return found.url if found else uri

    def _address(self, uri: str, config: MkDocsConfig) -> str | None:
        return config.site_url + self._page_path(uri) if config.site_url else None

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Give the theme templates the clinic's details for the footer, and the language's
        texts (`clinicdocs.t(key, ...)`, `clinicdocs.language`)."""
        env.globals["clinicdocs"] = {"t": self.language.t, "language": self.language}
        if self.site is not None:
            clinic = self.site.clinic
            env.globals["clinicdocs"] |= {
                "clinic": clinic,
                "phone_link": phone_link(clinic.phone),
                "disclaimer_html": _inline_html(clinic.disclaimer),
                "analytics": clinic.analytics,
            }
        # Where the 404 page links to, as published (directory URLs or not).
        env.globals["clinicdocs_links"] = {
            name: found.url
            for name, uri in (
                ("home", "index.md"),
                ("treatments", TREATMENTS_INDEX),
                ("concerns", CONCERNS_INDEX),
            )
            if (found := files.get_file_from_path(uri)) is not None
        }
        return env

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild the preview when data, templates or the project's message files change.

        A folder that does not exist yet is watched from the moment it is created: a clinic
        usually makes `templates/pages/` only when it first overrides a template, often while
        the preview is running.
        """
        folders = (
            self.root / self.config.data_dir,
            self.root / self.config.templates_dir,
            self.root / PROJECT_MESSAGES,
        )
        for folder in folders:
            if folder.is_dir():
                server.watch(str(folder))
            else:
                _WatchWhenCreated(server, folder, shown_path(folder, self.root)).start()
        if self.config.clinic_file:
            server.watch(str(self.root / self.config.clinic_file))
        return server


class _WatchWhenCreated(FileSystemEventHandler):
    """Starts the server's watch on `folder` once the folder exists.

    The server's watcher cannot watch a missing path, so this watches the nearest existing
    parent instead, without recursion (cheap: only that folder's own entries are polled).
    """

    def __init__(self, server: LiveReloadServer, folder: Path, shown: str) -> None:
        self.server = server
        self.folder = folder
        self.shown = shown
        self.anchor: Path | None = None
        self.done = False

    def start(self) -> None:
        """Watch the folder's nearest existing parent, and the folder itself once it is there."""
        anchor = next(p for p in self.folder.parents if p.is_dir())
        if anchor != self.anchor:
            self.anchor = anchor
            self.server.observer.schedule(self, str(anchor), recursive=False)
        # Checked after scheduling, so a folder made just before is not missed.
        if self.folder.is_dir():
            self._watch_folder()

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Something changed in the parent: the folder, or a folder on the way to it, may exist."""
        if not self.done:
            self.start()

    def _watch_folder(self) -> None:
        self.done = True
        self.server.watch(str(self.folder))
        log.info("Watching '%s' for changes, now that it exists", self.shown)
        # Files written together with the folder (`mkdir -p` and a copy, a checkout) are already
        # in the first snapshot the new watch takes, so it never reports them. The server has no
        # public "rebuild now": hand its watch the event it missed. The watch is found by its
        # key, which is what `server.watch` scheduled: the path, recursive, no filter.
        first_file = next((p for p in self.folder.rglob("*") if p.is_file()), None)
        if first_file is not None:
            watch = ObservedWatch(str(self.folder), recursive=True)
            self.server.observer.event_queue.put((FileCreatedEvent(str(first_file)), watch))


def apply_branding(config: MkDocsConfig, brand: Branding, clinic: Clinic) -> None:
    """Put the clinic's name, logo, favicon, colours and (opt-in) analytics into MkDocs' and
    Material's settings."""
    config.site_name = brand.site_name
    if brand.logo:
        config.theme["logo"] = brand.logo
    if brand.favicon:
        config.theme["favicon"] = brand.favicon
    if clinic.primary_color or clinic.accent_color:
        config.theme["palette"] = custom_palette(config.theme.get("palette"), clinic)
    if brand.stylesheet is not None and STYLESHEET_URI not in config.extra_css:
        config.extra_css.append(STYLESHEET_URI)
    if brand.analytics is not None:
        config.extra["analytics"] = brand.analytics


def _inline_html(text: str) -> str:
    html: str = markdown_lib.markdown(text)  # Python-Markdown ships no type hints
    return html.removeprefix("<p>").removesuffix("</p>")


def _navigation(
    files: Files, generated: GeneratedSite, language: Language | None = None
) -> list[NavItem]:
    """Home first, then the generated sections, then the other hand-written pages."""
    hand_written = sorted(f.src_uri for f in files.documentation_pages() if f.generated_by is None)
    nav: list[NavItem] = []
    if "index.md" in hand_written:
        nav.append({(language or english()).t("nav.home"): "index.md"})
    nav.extend(generated.nav)
    nav.extend(uri for uri in hand_written if uri != "index.md")
    return nav
