"""Figures on built pages: the tiny site with `tests/fixtures/translated/` and
`tests/fixtures/figures/` laid over it, whose skin laser has two figures (the first marked for
the handout), translated into Arabic, and whose sun damage concern has one. Checked in the HTML
(the figure, its image's attributes, the caption), on the handout, in the open data, in the
site built for opening from disk (the image copied once, loading from every language's pages),
and with axe in light and dark, on desktop and phone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, Page

from clinicdocs.html.hosting import OFFLINE_ENV
from support.browser import serve_directory
from support.checkers import SCHEMES, VIEWPORTS, require_checkers, run_axe
from support.projects import (
    FIXTURES,
    build_project,
    figures_project,
    run_mkdocs_build,
)

ALT = "Diagram of the skin's three layers, from the outer layer down to the fat below."
WEB_ONLY_ALT = "The same diagram, shown on the web page only."
CONCERN_ALT = "Diagram of the skin's three layers; the sun reaches the outer two."
ALT_AR = "رسم يبيّن طبقات الجلد الثلاث، من الطبقة الخارجية إلى الدهون تحتها."
WEB_ONLY_ALT_AR = "الرسم نفسه، على صفحة الموقع فقط."
SVG = "assets/figures/skin-layers.8e4fb772a8.svg"
"""The image's address in the site: its name and the start of its content's SHA-256."""


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def figures(page: BeautifulSoup) -> list[Tag]:
    return page.select("article figure.cd-figure")


@pytest.fixture(scope="module")
def figures_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as for a web server (`x/` addresses)."""
    return build_project(figures_project(tmp_path_factory.mktemp("figures") / "project"))


@pytest.fixture(scope="module")
def offline_figures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built for opening from disk (`x.html` addresses)."""
    project = figures_project(tmp_path_factory.mktemp("offline-figures") / "project")
    result = run_mkdocs_build(project, env={OFFLINE_ENV: "true"})
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.build
def test_a_treatment_shows_its_figures_after_how_it_works(figures_site: Path) -> None:
    page = soup(figures_site / "treatments" / "skin-laser" / "index.html")
    first, second = figures(page)

    heading = first.find_previous(["h2"])
    assert heading is not None
    assert heading.get("id") == "how-it-works"
    image = first.find("img")
    assert isinstance(image, Tag)
    assert image.attrs == {
        "alt": ALT,
        "src": f"../../{SVG}",
        "width": "600",
        "height": "340",
        "loading": "lazy",
        "decoding": "async",
    }
    caption = first.find("figcaption")
    assert isinstance(caption, Tag)
    credit = caption.select_one("small.cd-figure__credit")
    assert credit is not None
    assert credit.get_text() == "Drawing: Tiny test clinic, the clinic's own."
    assert caption.get_text(" ", strip=True).startswith(
        "The laser works in the dermis, the middle layer."
    )
    second_image = second.find("img")
    assert isinstance(second_image, Tag)
    assert second_image.get("alt") == WEB_ONLY_ALT
    assert second.find("figcaption") is None  # no caption, no credit: no empty caption
    assert (figures_site / SVG).read_bytes() == (
        FIXTURES / "figures" / "assets" / "figures" / "skin-layers.svg"
    ).read_bytes()


@pytest.mark.build
def test_the_handout_shows_only_the_figures_marked_for_it(figures_site: Path) -> None:
    page = soup(figures_site / "handouts" / "skin-laser" / "index.html")
    alts = [img.get("alt") for figure in figures(page) for img in figure.find_all("img")]
    assert alts == [ALT]
    bare = soup(figures_site / "handouts" / "bare-peel" / "index.html")
    assert figures(bare) == []


@pytest.mark.build
def test_the_open_data_lists_each_figure_with_its_address_and_alt_text(figures_site: Path) -> None:
    index = json.loads((figures_site / "api" / "index.json").read_text(encoding="utf-8"))
    entry = next(t for t in index["treatments"] if t["id"] == "skin-laser")
    assert entry["figures"] == [
        {
            "url": f"https://example.org/tiny/{SVG}",
            "alt": ALT,
            "caption": "The laser works in the dermis, the middle layer.",
            "credit": "Drawing: Tiny test clinic, the clinic's own.",
        },
        {
            "url": f"https://example.org/tiny/{SVG}",
            "alt": WEB_ONLY_ALT,
            "caption": None,
            "credit": None,
        },
    ]
    assert all(t["figures"] == [] for t in index["treatments"] if t["id"] != "skin-laser")
    concern = next(c for c in index["concerns"] if c["id"] == "sun-damage")
    assert [f["alt"] for f in concern["figures"]] == [CONCERN_ALT]


@pytest.mark.build
def test_a_concern_shows_its_figure_after_its_summary(figures_site: Path) -> None:
    page = soup(figures_site / "concerns" / "sun-damage" / "index.html")
    (figure,) = figures(page)
    before = figure.find_previous_sibling()
    assert before is not None
    assert before.get_text() == "Changes in the skin after years in the sun."
    image = figure.find("img")
    assert isinstance(image, Tag)
    assert (image.get("alt"), image.get("src")) == (CONCERN_ALT, f"../../{SVG}")


@pytest.mark.build
def test_the_arabic_pages_show_translated_alt_text_and_link_the_one_copy(
    offline_figures: Path,
) -> None:
    page = soup(offline_figures / "ar" / "treatments" / "skin-laser.html")
    images = [figure.find("img") for figure in figures(page)]
    assert [img.get("alt") for img in images if isinstance(img, Tag)] == [ALT_AR, WEB_ONLY_ALT_AR]
    assert {img.get("src") for img in images if isinstance(img, Tag)} == {f"../../{SVG}"}
    caption = figures(page)[0].find("figcaption")
    assert isinstance(caption, Tag)
    assert "يعمل الليزر في الأدمة" in caption.get_text()

    handout = soup(offline_figures / "ar" / "handouts" / "skin-laser.html")
    assert [img.get("alt") for img in handout.select("figure.cd-figure img")] == [ALT_AR]
    copies = sorted(p.relative_to(offline_figures) for p in offline_figures.rglob("*.svg"))
    assert [p for p in copies if "figures" in p.parts] == [Path(SVG)]


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize(
    "page_path", ["treatments/skin-laser.html", "ar/treatments/skin-laser.html"]
)
def test_the_image_loads_from_disk_in_every_language(
    page: Page, offline_figures: Path, page_path: str
) -> None:
    page.goto((offline_figures / page_path).as_uri())
    images = page.locator("article figure.cd-figure img")
    assert images.count() == 2
    for index in range(2):
        image = images.nth(index)
        image.scroll_into_view_if_needed()  # lazy: loaded when the reader comes near
        page.wait_for_function("img => img.complete", arg=image.element_handle())
        assert image.evaluate("img => img.naturalWidth") > 0


@pytest.fixture(scope="module")
def served(figures_site: Path) -> Iterator[str]:
    """The two-language site over HTTP."""
    with serve_directory(figures_site, "/tiny/") as base:
        yield base


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("view", VIEWPORTS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page_path", ["treatments/skin-laser/", "ar/handouts/skin-laser/"])
def test_axe_finds_no_violation_on_a_page_with_figures(
    chromium: Browser, served: str, page_path: str, scheme: str, view: str
) -> None:
    require_checkers()
    width, height = VIEWPORTS[view]
    context = chromium.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    try:
        tab = context.new_page()
        tab.goto(served + page_path)
        assert tab.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
        figure = tab.locator("article figure.cd-figure").first
        figure.scroll_into_view_if_needed()
        box = figure.locator("img").bounding_box()
        assert box is not None
        assert box["width"] <= width  # scaled down to fit a phone
        assert box["height"] == pytest.approx(box["width"] * 340 / 600, abs=1)
        violations = run_axe(tab)
    finally:
        context.close()
    assert not violations, "\n".join(violation.describe() for violation in violations)
