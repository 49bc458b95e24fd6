"""What a build writes beside MkDocs' pages (`on_post_build`): the bundled fonts cut to the
characters the pages show, robots.txt and the open data (`api/`), and every other language's
site: started in other processes once the data is checked (`on_config`), each into a folder of
its own, moved into the site folder once built; or built here one after another."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from clinicdocs.generate.languages import sitemap_addresses
from clinicdocs.generate.opendata import API_DIR, write_open_data
from clinicdocs.html.fonts import site_fonts, write_site_fonts
from clinicdocs.html.hosting import robots_txt
from clinicdocs.plugin.parallel import start_language_sites
from clinicdocs.plugin.sites import SiteSettings, build_language_sites
from clinicdocs.plugin.state import BuildState

log = get_plugin_logger(__name__)


def write_outputs(config: MkDocsConfig, state: BuildState) -> None:
    """Write the fonts of a language that needs them; in the source language's build,
    robots.txt (unless `docs/` has its own) and the open data, then every other language's
    site into `<site_dir>/<code>/` (waited for, when started in other processes).

    Raises:
        mkdocs.exceptions.Abort: another language's build failed (its messages are logged).
    """
    site_dir = Path(config.site_dir)
    write_fonts(site_dir, state)
    if state.language_build is not None:
        return  # robots.txt and api/ are the source site's, at the root
    if state.files is None or state.files.get_file_from_path("robots.txt") is None:
        sitemaps = sitemap_addresses(state.plan) if state.plan else []
        (site_dir / "robots.txt").write_text(
            robots_txt(config.site_url, sitemaps), encoding="utf-8"
        )
    write_open_data(state.site, site_dir / API_DIR, config.site_url, state.page_path)
    if state.language_sites is not None:
        sites, state.language_sites = state.language_sites, None
        sites.finish()
    elif state.plan is not None and state.languages_data is not None:
        build_language_sites(SiteSettings.of(config), state.plan, state.languages_data)


def start_other_languages(config: MkDocsConfig, state: BuildState) -> None:
    """In the source language's build of a site in several languages: start building the
    other languages' sites in other processes, as soon as the data is checked (`on_config`),
    each into a folder of its own; `write_outputs` waits for them and moves them in."""
    if state.plan is not None and state.languages_data is not None:
        state.language_sites = start_language_sites(
            SiteSettings.of(config), state.plan, state.languages_data
        )


def stop_other_languages(state: BuildState) -> None:
    """The build failed: stop the other languages' builds still running (`on_build_error`)."""
    if state.language_sites is not None:
        state.language_sites.stop()
        state.language_sites = None


def write_fonts(site_dir: Path, state: BuildState) -> None:
    """The bundled fonts, cut to the characters the pages show, for a language that needs
    them; a character no bundled font has is a warning."""
    if not state.font_language:
        return
    fonts = site_fonts(state.font_language, state.shown)
    write_site_fonts(site_dir, fonts)
    for char in sorted(fonts.missing):
        log.warning(
            "no bundled font has the character %r (U+%04X), used on %s: readers whose "
            "device lacks it see a blank box",
            char,
            ord(char),
            state.shown[char] or "the home page",
        )
