"""The clinics' colours as a browser shows them: every text-on-colour pair the branding check
reasons about, read back from Chromium's computed styles, in the light and dark schemes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from clinicdocs.data.colours import AA_TEXT, contrast_ratio, parse_hex, to_hex
from support.browser import serve_directory

pytestmark = [pytest.mark.build, pytest.mark.browser]

PAGE = "treatments/laser-mesotherapy/"
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"


def _rgba(css: str) -> tuple[float, float, float, float]:
    if css.startswith("#"):
        r, g, b = parse_hex(css)
        return (r, g, b, 1.0)
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def _over(foreground: str, background: str) -> str:
    """A possibly see-through CSS colour as it shows over an opaque one."""
    r, g, b, a = _rgba(foreground)
    br, bg, bb, _ = _rgba(background)
    return to_hex(r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a))


def _style(page: Page, selector: str, prop: str, pseudo: str = "") -> str:
    value: str = page.locator(selector).first.evaluate(
        f"(el) => getComputedStyle(el, '{pseudo}' || null).getPropertyValue('{prop}')"
    )
    return value


def _pairs(page: Page) -> dict[str, float]:
    """Contrast of each pair on the page as rendered now."""
    page_bg = _style(page, "body", "background-color")
    header_bg = _style(page, ".md-header", "background-color")
    pairs = {
        "header title": (_style(page, ".md-header__title", "color"), header_bg),
        "link on page": (_style(page, ".md-content a[href*='categories']", "color"), page_bg),
        "button": (
            _style(page, ".cd-book a", "color"),
            _style(page, ".cd-book a", "background-color"),
        ),
    }
    if page.viewport_size and page.viewport_size["width"] >= 960:
        # On phones the search box is not in the header but on a white overlay.
        placeholder = _style(page, ".md-search__input", "color", "::placeholder")
        pairs["search placeholder"] = (placeholder, header_bg)
    tab = ".md-tabs__item:not(.md-tabs__item--active) .md-tabs__link"
    if page.locator(tab).first.is_visible():
        assert _style(page, tab, "opacity") == "1"
        pairs["inactive tab"] = (_style(page, tab, "color"), header_bg)
    page.locator(".cd-book a").hover()
    pairs["button under the pointer"] = (
        _style(page, ".cd-book a", "color"),
        _style(page, ".cd-book a", "background-color"),
    )
    page.locator(".md-content a[href*='categories']").first.hover()
    pairs["link under the pointer"] = (
        _style(page, ".md-content a[href*='categories']", "color"),
        page_bg,
    )
    opaque_page = _over(page_bg, "rgb(255, 255, 255)")
    return {
        name: contrast_ratio(_over(fg, _over(bg, opaque_page)), _over(bg, opaque_page))
        for name, (fg, bg) in pairs.items()
    }


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("clinic", "viewport"), [("riverside", 1280), ("harbour", 390)])
def test_every_text_on_the_clinic_colours_reaches_aa(
    chromium: Browser,
    sample_site: Path,
    harbour_site: Path,
    clinic: str,
    viewport: int,
    scheme: str,
) -> None:
    site = sample_site if clinic == "riverside" else harbour_site
    with serve_directory(site) as base:
        page = chromium.new_page(
            viewport={"width": viewport, "height": 900},
            color_scheme=scheme,  # type: ignore[arg-type]
        )
        page.goto(base + PAGE)
        page.add_style_tag(content=NO_TRANSITIONS)
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        ratios = _pairs(page)
        shown_name = _style(page, ".md-header__topic .md-ellipsis", "content", "::after")
        page.close()

    # Phones show the clinic's short name in the header, where the full name would be cut off.
    short_names = {"riverside": "Riverside Skin (sample)", "harbour": "Harbour Skin (sample)"}
    assert shown_name == (f'"{short_names[clinic]}"' if viewport < 720 else "none")

    assert set(ratios) >= {"header title", "link on page", "button", "button under the pointer"}
    assert viewport < 960 or {"search placeholder", "inactive tab"} <= set(ratios)
    failing = {name: round(ratio, 2) for name, ratio in ratios.items() if ratio < AA_TEXT}
    assert failing == {}
