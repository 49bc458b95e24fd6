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
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from watchdog.events import FileCreatedEvent, FileSystemEvent, FileSystemEventHandler
from watchdog.observers.api import ObservedWatch

from clinicdocs.data.models import Clinic
from clinicdocs.data.site import SiteData
from clinicdocs.errors import DataError, shown_path
from clinicdocs.generate.glossary import GlossaryExtension, definitions
from clinicdocs.generate.languages import (
    LanguageConfigError,
    LanguagePlan,
    PageInLanguage,
    document_language,
    generate_language,
    in_sitemap,
    language_codes,
    load_site_in_languages,
    make_plan,
    notices_html,
    sitemap_addresses,
    wrap_in_source_language,
)
from clinicdocs.generate.opendata import API_DIR, write_open_data
from clinicdocs.generate.pages import (
    CONCERNS_INDEX,
    EDITORIAL_STATUS,
    TREATMENTS_INDEX,
    GeneratedSite,
    NavItem,
    fill_blocks,
    public_url,
)
from clinicdocs.generate.render import phone_link
from clinicdocs.generate.structured import page_structured_data, script_json
from clinicdocs.html.branding import STYLESHEET_URI, Branding, custom_palette, site_branding
from clinicdocs.html.compact import compact_html
from clinicdocs.html.fonts import (
    FONT_STYLESHEET,
    needs_fonts,
    preloaded_fonts,
    shown_characters,
    site_fonts,
    write_site_fonts,
)
from clinicdocs.html.hosting import OFFLINE_ENV, local_polyfills, offline_requested, robots_txt
from clinicdocs.html.printing import prepare_for_print
from clinicdocs.html.theme_markup import fix_material_markup
from clinicdocs.i18n.language import PROJECT_MESSAGES, Language, english
from clinicdocs.lint.editorial import status_page
from clinicdocs.lint.rules import LintSettings, lint_settings, lint_site
from clinicdocs.plugin.release import markdown_read_later, release_output, release_source
from clinicdocs.plugin.sites import LanguageBuild, build_language_sites, use_translated_pages
from clinicdocs.translations.state import TranslationState

log = get_plugin_logger(__name__)

THEME_DIR = Path(__file__).parents[1] / "theme"
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
    """Content-lint options (`clinicdocs.lint.rules.LintSettings`); findings are build warnings."""
    editorial_status = c.Type(bool, default=True)
    """Add the editorial status page (`/editorial-status/`, not in the navigation or search)."""
    compact_html = c.Type(bool, default=True)
    """Remove the indentation from built pages (`clinicdocs.html.compact`): about a quarter of a page."""
    release_pages = c.Type(bool, default=True)
    """Let go of each page's Markdown, HTML and table of contents once the build no longer needs
    them (`clinicdocs.plugin.release`); off for a plugin that reads other pages' texts after that."""
    clinic_file = c.Optional(c.Type(str))
    """The clinic to brand the site for, instead of `<data_dir>/clinic.yml` (`clinicdocs build
    --clinic` sets it)."""
    languages = c.Optional(c.Type(list))
    """The site's languages, source first (`[en, ar, zh]`); each after the first gets a whole
    site under `<code>/` (`clinicdocs.generate.languages`). Default: `[theme.language or en]`."""


class _LanguageSwitcher:
    """Put in `extra.alternate` so Material shows its language button (our
    `partials/alternate.html` fills it per page). Truthy, but not iterable, so Material's
    `base.html` writes no site-wide alternate links: each page's own are in `main.html`."""

    def __bool__(self) -> bool:
        return True


class ClinicdocsPlugin(BasePlugin[ClinicdocsConfig]):  # type: ignore[no-untyped-call]
    """Adds the pages generated from `data/` to an MkDocs site."""

    def __init__(self) -> None:
        self.root = Path()
        self.site: SiteData | None = None
        self.generated = GeneratedSite()
        self.lint_settings = LintSettings()
        self.branding: Branding | None = None
        self.files: Files | None = None
        self.language_build: LanguageBuild | None = None
        """Set by `clinicdocs.plugin.sites` when this build is another language's nested build."""
        self.plan: LanguagePlan | None = None
        """The site's languages, when it has more than one."""
        self.language: Language = english()
        """The language of this build's pages."""
        self.source_site: SiteData | None = None
        self.languages_data: SiteData | None = None
        """The source build's validated data (translations and file positions included), handed
        to the other languages' builds so they do not read and check every file again."""
        """In another language's build: the untranslated data, for pages shown in the source
        language."""
        self.font_language: str | None = None
        self.shown: dict[str, str] = {}
        """Each character the built pages show, with the first page that shows it."""
        self.release_markdown = True
        """Let go of each page's Markdown once rendered (`clinicdocs.plugin.release`)."""

    @property
    def _code(self) -> str:
        return self.language.code

    def _in_language(self, uri: str) -> PageInLanguage:
        if self.plan is None:
            return PageInLanguage(TranslationState.CURRENT)
        return self.plan.page(uri, self._code)

    def _page_site(self, uri: str) -> SiteData | None:
        """The data a page is made from: the source's for a page shown in the source
        language."""
        missing = self._in_language(uri).state is TranslationState.MISSING
        if self.source_site is not None and missing:
            return self.source_site
        return self.site

    def _page_language(self, uri: str) -> Language:
        """The language a page is written in: the source's for a page shown in the source
        language."""
        if self.plan is not None and self._in_language(uri).state is TranslationState.MISSING:
            return self.plan.source
        return self.language

    @property
    def _page_templates(self) -> Path:
        return self.root / self.config.templates_dir / "pages"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the data, render every page, and add the package's theme files.

        Raises:
            PluginError: listing every problem in the data, templates or pages.
        """
        self.root = Path(config.config_file_path or ".").resolve().parent
        nested = self.language_build
        clinic_file = self.root / self.config.clinic_file if self.config.clinic_file else None
        try:
            if nested is None:
                site = self._load_source(config, clinic_file)
            else:
                site = self._load_language(nested, clinic_file)
        except DataError as exc:
            raise PluginError(exc.relative_to(self.root).report()) from None
        try:
            self.lint_settings = lint_settings(self.config.lint)
        except ValueError as exc:
            raise PluginError(f"Config value 'plugins.clinicdocs.lint.{exc}") from None
        # The clinic's address and brand win: one content repository publishes several clinics'
        # sites, each from its own clinic file.
        config.site_url = (
            self.plan.site_url(self._code)
            if self.plan is not None
            else public_url(site, config.site_url)
        )
        if self.plan is not None:
            config.extra["alternate"] = _LanguageSwitcher()
        self.release_markdown = self.config.release_pages and not markdown_read_later(
            config.plugins
        )
        self.branding = site_branding(site.clinic, self.root)
        apply_branding(config, self.branding, site.clinic)
        # Explain glossary terms on hover on every page, generated or hand-written.
        config.markdown_extensions.append(
            GlossaryExtension(definitions(site.glossary, self.language.code))
        )
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

    def _load_source(self, config: MkDocsConfig, clinic_file: Path | None) -> SiteData:
        """The source language's build: every language's messages, the data and the source's
        pages, and (for several languages) the plan every language's build shares."""
        try:
            codes = language_codes(self.config.languages, config.theme.get("language"))
        except LanguageConfigError as exc:
            raise PluginError(f"Config value 'plugins.clinicdocs.languages': {exc}") from None
        languages, site, self.generated = load_site_in_languages(
            self.root,
            self.root / self.config.data_dir,
            self.root / self.config.templates_dir,
            Path(config.docs_dir),
            config.site_url,
            clinic_file,
            codes,
        )
        self.language = languages[0]
        # Material's texts in the source language too, whatever theme.language says.
        config.theme["language"] = self.language.code
        if len(languages) > 1:
            self.plan = make_plan(
                site, languages, Path(config.docs_dir), self.root, config.site_url
            )
            self.languages_data = site
        self.site = site
        return site

    def _load_language(self, nested: LanguageBuild, clinic_file: Path | None) -> SiteData:
        """Another language's nested build: its pages, from the data the source build
        checked."""
        self.plan = nested.plan
        self.language = nested.plan.language(nested.code)
        self.source_site = nested.source_site
        site, self.generated = generate_language(
            self.plan, nested.code, self.source_site, self._page_templates
        )
        # The editor's page and the content lint report on the source data, once.
        self.config.editorial_status = False
        self.site = site
        return site

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages (in memory; nothing is written to `docs/`) and the nav;
        in another language's site, put the hand-written pages' translations in place."""
        if self.plan is not None:
            use_translated_pages(files, self.plan, self._code, self.language_build is None)
        for uri, content in self.generated.pages.items():
            unlisted = uri in self.generated.unlisted
            inclusion = InclusionLevel.NOT_IN_NAV if unlisted else InclusionLevel.UNDEFINED
            files.append(File.generated(config, uri, content=content, inclusion=inclusion))
        # The Files hold the pages' Markdown now, until each is rendered (`clinicdocs.plugin.release`).
        self.generated = dataclasses.replace(self.generated, pages={})
        if self.site is not None and self.language_build is None:
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
        site = self._page_site(page.file.src_uri)
        if page.file.generated_by is None and site is not None:
            try:
                markdown = fill_blocks(
                    markdown,
                    page.file.src_uri,
                    site,
                    self._page_templates,
                    self._page_language(page.file.src_uri),
                    source=self.source_site,
                )
            except DataError as exc:
                raise PluginError(exc.report()) from None
        return markdown

    def _post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Ask search engines not to index the editorial status page; make Material's markup
        valid HTML; drop indentation."""
        if page.file.src_uri == EDITORIAL_STATUS and page.file.generated_by is not None:
            output = output.replace("<head>", '<head>\n<meta name="robots" content="noindex">', 1)
        output = document_language(output, self.language)
        # Before compacting: it matches Material's markup.
        output = fix_material_markup(output, self.language)
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
            output_content = document_language(output_content, self.language)
            output_content = fix_material_markup(output_content, self.language)
            self._note_characters(output_content, template_name)
        return output_content

    def _page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Add what a printout needs: link addresses and the clinic's print header."""
        site = self._page_site(page.file.src_uri)
        if site is None:
            return html
        uri = page.file.src_uri
        html = prepare_for_print(
            html, uri, page.url, site, config.site_url, self._page_language(uri)
        )
        if self.plan is None:
            return html
        state = self._in_language(uri)
        if state.state is TranslationState.MISSING:
            html = wrap_in_source_language(html, self.plan.source)
        return notices_html(self.plan, uri, page.url, self._code, state) + html

    @event_priority(-100)
    def _release_source(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Last of all plugins: drop the rendered page's Markdown (`clinicdocs.plugin.release`)."""
        if self.release_markdown:
            release_source(page)
        return html

    @event_priority(-100)
    def _release_output(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Last of all plugins: drop the written page's HTML and table of contents
        (`clinicdocs.plugin.release`)."""
        if self.config.release_pages:
            release_output(page)
        return output

    on_page_content = CombinedEvent(_page_content, _release_source)
    on_post_page = CombinedEvent(_post_page, _release_output)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Give a treatment or concern page its schema.org JSON-LD (`main.html` prints it)."""
        site = self._page_site(page.file.src_uri)
        if site is not None:
            data = page_structured_data(
                site,
                page.file.src_uri,
                lambda uri: self._address(uri, config),
                self._page_language(page.file.src_uri),
            )
            page.meta["clinicdocs_jsonld"] = script_json(data) if data else None
        if self.plan is not None:
            uri, code = page.file.src_uri, self._code
            page.meta["clinicdocs_switcher"] = self.plan.switcher(uri, page.url, code)
            page.meta["clinicdocs_hreflang"] = self.plan.hreflang(uri, page.url, code)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the fonts of a language that needs them; in the source language's build,
        robots.txt (unless `docs/` has its own) and the open data (`api/`), then every other
        language's site into `<site_dir>/<code>/`."""
        site_dir = Path(config.site_dir)
        self._write_fonts(site_dir)
        if self.language_build is not None:
            return  # robots.txt and api/ are the source site's, at the root
        if self.files is None or self.files.get_file_from_path("robots.txt") is None:
            sitemaps = sitemap_addresses(self.plan) if self.plan else []
            (site_dir / "robots.txt").write_text(
                robots_txt(config.site_url, sitemaps), encoding="utf-8"
            )
        if self.site is not None:
            write_open_data(self.site, site_dir / API_DIR, config.site_url, self._page_path)
        if self.plan is not None and self.languages_data is not None:
            build_language_sites(config, self.plan, self.config.clinic_file, self.languages_data)

    def _in_sitemap(self, file: File) -> bool:
        return self.plan is None or in_sitemap(self.plan, file.src_uri, self._code)

    def _sitemap_alternates(self, file: File) -> list[tuple[str, str]]:
        if self.plan is None or self.plan.root_url is None or file.page is None:
            return []
        return self.plan.hreflang(file.src_uri, file.page.url, self._code)

    def _write_fonts(self, site_dir: Path) -> None:
        """The bundled fonts, cut to the characters the pages show, for a language that needs
        them."""
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
        """Give the theme templates the clinic's details for the footer, the language's texts
        (`clinicdocs.t(key, ...)`, `clinicdocs.language`) and the sitemap's alternates."""
        env.globals["clinicdocs"] = {
            "t": self.language.t,
            "language": self.language,
            "preload_fonts": preloaded_fonts(self.font_language),
        }
        if self.site is not None:
            clinic = self.site.clinic
            env.globals["clinicdocs"] |= {
                "clinic": clinic,
                "phone_link": phone_link(clinic.phone),
                "disclaimer_html": _inline_html(clinic.disclaimer),
                "analytics": clinic.analytics,
                "in_sitemap": self._in_sitemap,
                "sitemap_alternates": self._sitemap_alternates,
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
