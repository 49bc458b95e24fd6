"""What a build changes in MkDocs' and Material's settings (`on_config`) and gives the theme's
templates (`on_env`): the clinic's address and brand, the package's theme files, stylesheets and
fonts, the glossary's hover texts, the offline build's local scripts."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import markdown as markdown_lib
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from clinicdocs.data.models import Clinic
from clinicdocs.generate.glossary import GlossaryExtension, definitions
from clinicdocs.generate.languages import in_sitemap
from clinicdocs.generate.pages import (
    CONCERNS_INDEX,
    HOME,
    TREATMENTS_INDEX,
    is_sheet,
    public_url,
)
from clinicdocs.generate.render import phone_link
from clinicdocs.html.branding import STYLESHEET_URI, Branding, custom_palette, site_branding
from clinicdocs.html.fonts import FONT_STYLESHEET, needs_fonts, preloaded_fonts
from clinicdocs.html.hosting import OFFLINE_ENV, local_polyfills, offline_requested
from clinicdocs.plugin.sites import theme_language
from clinicdocs.plugin.state import BuildState

log = get_plugin_logger(__name__)

THEME_DIR = Path(__file__).parents[1] / "theme"
STYLESHEET = "assets/stylesheets/clinicdocs.css"
PRINT_STYLESHEET = "assets/stylesheets/print.css"
PRINT_SCRIPT = "assets/javascripts/print.js"
FINDER_SCRIPT = "assets/javascripts/finder.js"
"""The treatment finder and the comparison table's sort buttons (treatments index)."""
RECOVERY_SCRIPT = "assets/javascripts/recovery.js"
"""The aftercare day by day from the treatment date, and its calendar file."""


class LanguageSwitcher:
    """Put in `extra.alternate` so Material shows its language button (our
    `partials/alternate.html` fills it per page). Truthy, but not iterable, so Material's
    `base.html` writes no site-wide alternate links: each page's own are in `main.html`."""

    def __bool__(self) -> bool:
        return True


def configure_site(config: MkDocsConfig, state: BuildState) -> None:
    """Fit MkDocs' settings to this build: its language, the clinic's address and brand, the
    glossary's hover texts, the package's theme files, fonts and the offline build's scripts."""
    # Material's texts in the build's language, whatever theme.language says.
    config.theme["language"] = theme_language(state.code, config.theme.dirs)
    # The clinic's address and brand win: one content repository publishes several clinics'
    # sites, each from its own clinic file.
    config.site_url = (
        state.plan.site_url(state.code)
        if state.plan is not None
        else public_url(state.site, config.site_url)
    )
    if state.plan is not None:
        config.extra["alternate"] = LanguageSwitcher()
    state.branding = site_branding(state.site.clinic, state.project.root)
    apply_branding(config, state.branding, state.site.clinic)
    # Explain glossary terms on hover on every page, generated or hand-written.
    config.markdown_extensions.append(
        GlossaryExtension(definitions(state.site.glossary, state.code))
    )
    state.font_language = add_theme_files(config)
    check_offline(config)


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


def add_theme_files(config: MkDocsConfig) -> str | None:
    """Add the package's theme folder, stylesheets and print script; returns the theme
    language when its script needs the bundled fonts (their stylesheet is added too)."""
    # After the project's own custom_dir, before Material: a clinic can still override us.
    config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
    for position, sheet in enumerate((STYLESHEET, PRINT_STYLESHEET)):
        if sheet not in config.extra_css:
            config.extra_css.insert(position, sheet)
    # A language whose script a device may lack gets the bundled fonts (written after the
    # build, cut to the characters the pages use): see fonts.py.
    language = config.theme["language"]
    font_language = language if needs_fonts(language) else None
    if font_language and FONT_STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, FONT_STYLESHEET)
    for script in (PRINT_SCRIPT, FINDER_SCRIPT, RECOVERY_SCRIPT):
        if script not in config.extra_javascript:
            config.extra_javascript.append(script)
    return font_language


def check_offline(config: MkDocsConfig) -> None:
    """Point Material's offline plugin at the packaged Web Worker shim; warn when an offline
    build is asked for but cannot work, or directory URLs break the handouts' QR codes."""
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


def template_globals(env: Any, state: BuildState, files: Files) -> None:
    """Give the theme templates the clinic's details for the footer, the language's texts
    (`clinicdocs.t(key, ...)`, `clinicdocs.language`), the sitemap's filters and where the 404
    page links to."""
    clinic = state.site.clinic
    env.globals["clinicdocs"] = {
        "t": state.language.t,
        "language": state.language,
        "preload_fonts": preloaded_fonts(state.font_language),
        "clinic": clinic,
        "phone_link": phone_link(clinic.phone),
        "disclaimer_html": _inline_html(clinic.disclaimer),
        "analytics": clinic.analytics,
        "in_sitemap": partial(_in_sitemap, state),
        "sitemap_alternates": partial(_sitemap_alternates, state),
    }
    # Where the 404 page links to, as published (directory URLs or not).
    env.globals["clinicdocs_links"] = {
        name: found.url
        for name, uri in (
            ("home", HOME),
            ("treatments", TREATMENTS_INDEX),
            ("concerns", CONCERNS_INDEX),
        )
        if (found := files.get_file_from_path(uri)) is not None
    }


def _in_sitemap(state: BuildState, file: File) -> bool:
    """Whether a page is in this language's sitemap: not a staff sheet (marked noindex)."""
    if is_sheet(file.src_uri) and file.generated_by is not None:
        return False
    return state.plan is None or in_sitemap(state.plan, file.src_uri, state.code)


def _sitemap_alternates(state: BuildState, file: File) -> list[tuple[str, str]]:
    """A sitemap entry's links to the same page in the other languages."""
    if state.plan is None or state.plan.root_url is None or file.page is None:
        return []
    return state.plan.hreflang(file.src_uri, file.page.url, state.code)


def _inline_html(text: str) -> str:
    html: str = markdown_lib.markdown(text)  # Python-Markdown ships no type hints
    return html.removeprefix("<p>").removesuffix("</p>")
