"""Branding from the clinic file: the generated colour stylesheet, the booking call to action,
opt-in analytics, and what the built sample site shows in its header and footer. (The checks of
the clinic's images are in tests/data/test_branding.py.)"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from clinicdocs.data.colours import AA_TEXT, BLACK, DARK_PAGE, WHITE, contrast_ratio
from clinicdocs.data.models import Clinic
from clinicdocs.generate.pages import generate
from clinicdocs.html.branding import (
    colour_stylesheet,
    css_string,
    custom_palette,
    short_name_stylesheet,
    site_branding,
)
from clinicdocs.load import load_site
from support.projects import FIXTURE_SITE, ROOT, run_mkdocs_build, set_clinic_fields

CSS_VAR = re.compile(r"(--md-[a-z-]+):\s*(#[0-9a-f]{6})")


def clinic(**fields: object) -> Clinic:
    """The tiny site's clinic with some fields changed."""
    base = load_site(FIXTURE_SITE / "data", FIXTURE_SITE).clinic
    return base.model_copy(update=fields)


def test_no_colours_no_stylesheet_and_the_palette_is_left_alone() -> None:
    plain = clinic()
    assert colour_stylesheet(plain) is None
    assert site_branding(plain, FIXTURE_SITE).stylesheet is None
    assert custom_palette({"primary": "teal"}, plain) == {"primary": "teal"}


def test_the_palette_uses_custom_colours_in_every_scheme() -> None:
    branded = clinic(primary_color="#1e3a8a", accent_color="#b45309")
    palette = [
        {"scheme": "default", "primary": "teal", "accent": "indigo"},
        {"scheme": "slate", "primary": "teal", "accent": "indigo"},
    ]

    assert custom_palette(palette, branded) == [
        {"scheme": "default", "primary": "custom", "accent": "custom"},
        {"scheme": "slate", "primary": "custom", "accent": "custom"},
    ]
    assert custom_palette(None, branded) == {"primary": "custom", "accent": "custom"}


def _rules(css: str) -> dict[str, dict[str, str]]:
    return {
        selector.strip(): dict(CSS_VAR.findall(body))
        for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", css))
    }


def test_the_stylesheet_sets_both_schemes_with_readable_pairs() -> None:
    css = colour_stylesheet(clinic(primary_color="#1e3a8a", accent_color="#b45309"))
    assert css is not None
    rules = _rules(css)
    light_primary = rules['[data-md-color-primary="custom"]']
    light_accent = rules['[data-md-color-accent="custom"]']
    dark_primary = rules['[data-md-color-scheme="slate"][data-md-color-primary="custom"]']
    dark_accent = rules['[data-md-color-scheme="slate"][data-md-color-accent="custom"]']

    assert light_primary["--md-primary-fg-color"] == "#1e3a8a"
    assert light_accent["--md-accent-fg-color"] == "#b45309"
    # Every text-on-colour pair Material shows, in both schemes.
    pairs = [
        (light_primary["--md-primary-bg-color"], light_primary["--md-primary-fg-color"]),
        (light_primary["--md-primary-bg-color--light"], light_primary["--md-primary-fg-color"]),
        (light_primary["--md-typeset-a-color"], WHITE),
        (light_accent["--md-accent-fg-color"], WHITE),
        (light_accent["--md-accent-bg-color"], light_accent["--md-accent-fg-color"]),
        (dark_primary["--md-typeset-a-color"], DARK_PAGE),
        (dark_accent["--md-accent-fg-color"], DARK_PAGE),
        (dark_accent["--md-accent-bg-color"], dark_accent["--md-accent-fg-color"]),
    ]
    for foreground, background in pairs:
        assert contrast_ratio(foreground, background) >= AA_TEXT, (foreground, background)
    assert dark_accent["--md-accent-bg-color"] == BLACK


def test_book_a_consultation_only_when_the_clinic_has_a_booking_link() -> None:
    site = load_site(FIXTURE_SITE / "data", FIXTURE_SITE)
    without = dataclasses.replace(site, clinic=site.clinic.model_copy(update={"booking_url": None}))
    button = re.compile(
        r'<a class="md-button md-button--primary" href="([^"]+)">Book a consultation'
    )

    with_link = generate(site).pages
    without_link = generate(without).pages

    for uri in ("treatments/full-laser.md", "treatments/bare-peel.md"):
        found = button.findall(with_link[uri])
        assert found == ["https://example.org/book"], uri
        assert "Book a consultation" not in without_link[uri], uri


def _page(site: Path, path: str = "index.html") -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.build
def test_the_sample_header_shows_the_clinic_logo_name_and_favicon(sample_site: Path) -> None:
    page = _page(sample_site, "treatments/laser-mesotherapy/index.html")
    logo = page.select_one(".md-header .md-logo img")
    favicon = page.select_one('link[rel="icon"]')

    assert logo is not None
    assert logo["src"] == "../../assets/clinic/logo.svg"
    assert (sample_site / "assets/clinic/logo.svg").read_bytes() == (
        ROOT / "branding/riverside/logo.svg"
    ).read_bytes()
    assert favicon is not None
    assert favicon["href"] == "../../assets/clinic/favicon.svg"
    title = page.select_one(".md-header__title .md-ellipsis")
    assert title is not None
    assert title.get_text(strip=True) == "Riverside Skin Clinic (sample)"
    body = page.body
    assert body is not None
    assert (body["data-md-color-primary"], body["data-md-color-accent"]) == ("custom", "custom")
    stylesheets = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assert "../../assets/stylesheets/clinic-colours.css" in stylesheets


@pytest.mark.build
def test_the_sample_footer_shows_contact_hours_social_and_disclaimer(sample_site: Path) -> None:
    footer = _page(sample_site).select_one(".cd-footer")
    assert footer is not None
    text = " ".join(footer.get_text(" ", strip=True).split())

    assert "Riverside Skin Clinic (sample)" in text
    assert "+44 20 7946 0123" in text
    assert "hello@example.org" in text
    assert "1 Example Street (fictional address)" in text
    hours = [s.get_text(strip=True) for s in footer.select(".cd-footer__hours-line")]
    assert hours == ["Monday to Friday: 9am to 6pm", "Saturday: 10am to 2pm", "Sunday: Closed"]
    social = [(a.get_text(strip=True), a["href"]) for a in footer.select(".cd-footer__social a")]
    assert social == [("Instagram (sample)", "https://www.instagram.com/example")]
    assert "not medical advice" in text


def _scripts(site: Path) -> list[str]:
    found = []
    for page in sorted(site.rglob("*.html")):
        for script in _page(site, str(page.relative_to(site))).find_all("script"):
            if script.get("type") == "application/ld+json":
                continue  # structured data for search engines: never run, fetches nothing
            found.append(str(script.get("src", "")) + script.get_text())
    return found


@pytest.mark.build
def test_analytics_are_off_by_default(tiny_site: Path, sample_site: Path) -> None:
    for site in (tiny_site, sample_site):
        scripts = _scripts(site)
        assert scripts  # Material's own scripts are there ...
        for script in scripts:  # ... but nothing from another host, and no tracker
            assert not re.search(r"https?://|//[a-z]", script.split("\n")[0]), script[:200]
            assert not re.search(r"plausible|matomo|umami|_paq", script), script[:200]


@pytest.mark.build
@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            "  provider: plausible\n  script_url: https://plausible.io/js/script.js\n"
            "  site_id: example.org\n",
            'script[data-domain="example.org"][src="https://plausible.io/js/script.js"]',
        ),
        (
            "  provider: umami\n  script_url: https://stats.example.org/script.js\n"
            "  site_id: 94db1cb1-74f4-4a40-ad6c-962362670409\n",
            'script[data-website-id="94db1cb1-74f4-4a40-ad6c-962362670409"]'
            '[src="https://stats.example.org/script.js"]',
        ),
    ],
)
def test_analytics_only_when_the_clinic_opts_in(
    tiny_project: Path, settings: str, expected: str
) -> None:
    set_clinic_fields(tiny_project, "analytics:\n" + settings)

    result = run_mkdocs_build(tiny_project)

    assert result.returncode == 0, result.stderr
    for path in ("index.html", "treatments/full-laser/index.html"):
        assert len(_page(tiny_project / "site", path).select(expected)) == 1, path


@pytest.mark.build
def test_matomo_analytics_point_at_the_clinics_own_server(tiny_project: Path) -> None:
    set_clinic_fields(
        tiny_project,
        "analytics:\n  provider: matomo\n  script_url: https://stats.example.org\n  site_id: '7'\n",
    )

    result = run_mkdocs_build(tiny_project)

    assert result.returncode == 0, result.stderr
    inline = [s for s in _scripts(tiny_project / "site") if "_paq" in s]
    assert inline
    assert all('"https://stats.example.org/"' in s for s in inline)
    assert all('["setSiteId", "7"]' in s for s in inline)


def test_css_strings_escape_quotes_backslashes_and_line_breaks() -> None:
    assert css_string('Dr "Skin" \\ Co') == '"Dr \\"Skin\\" \\\\ Co"'
    assert css_string("a\nb") == '"a\\a b"'


def test_phones_show_the_short_name_only_when_there_is_one() -> None:
    assert short_name_stylesheet(clinic()) is None
    css = short_name_stylesheet(clinic(short_name="Tiny (sample)"))
    assert css is not None
    assert css.startswith("@media screen and (max-width: 44.984375em) {")
    assert 'content: "Tiny (sample)";' in css
    # With no colours, the short name alone still makes a stylesheet.
    assert site_branding(clinic(short_name="Tiny"), FIXTURE_SITE).stylesheet is not None
