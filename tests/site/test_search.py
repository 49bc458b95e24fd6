"""Material's search, in a real browser, finds treatments by the words patients use.

The built sample site is served over HTTP (the search index is fetched by a web worker, which
`file://` pages cannot start) and driven with headless Chromium through Playwright.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Locator, Page, expect

from support.browser import serve_directory
from support.projects import ROOT

pytestmark = [pytest.mark.build, pytest.mark.browser]

# Generous: the worker downloads and indexes the whole site before the first answer.
RESULTS_MS = 30_000
RESULT = ".md-search-result__item"
RESULT_TITLE = f"{RESULT} h1"  # each result is a page; its sections are h2 inside it


@pytest.fixture(scope="module")
def site_url(sample_site: Path) -> Iterator[str]:
    """The built sample site, served on 127.0.0.1 for this module's tests."""
    with serve_directory(sample_site) as url:
        yield url


def exactly(text: str) -> re.Pattern[str]:
    """Match an element whose whole text is `text` (not just a part of it)."""
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def result_titles(page: Page, expected: str) -> list[str]:
    """Wait until the search results list a page titled `expected`; return every result title."""
    expect(page.locator(RESULT).first).to_be_visible(timeout=RESULTS_MS)
    titles = page.locator(RESULT_TITLE)
    expect(titles).to_contain_text([exactly(expected)], timeout=RESULTS_MS)
    return [title.strip() for title in titles.all_inner_texts()]


def search(page: Page, site_url: str, query: str) -> None:
    """Open the home page and type `query` into the search box in the header."""
    page.goto(site_url)
    box = page.locator("header input.md-search__input")
    box.click()
    # Material searches on every keyup. Filling all but the last character and typing that one
    # sends a single query, so the results waited for are the whole query's, not a prefix's.
    box.fill(query[:-1])
    box.press_sequentially(query[-1])
    expect(box).to_have_value(query)


def result_for(page: Page, title: str) -> Locator:
    """The result item whose page title is `title`."""
    return page.locator(RESULT).filter(has=page.locator("h1", has_text=exactly(title)))


@pytest.mark.parametrize(
    ("query", "treatment"),
    [
        ("sunspots", "Laser pigment removal"),
        ("acne scars", "CO2 fractional laser"),
        ("hyaluronic", "Laser mesotherapy"),
    ],
)
def test_search_finds_treatment(page: Page, site_url: str, query: str, treatment: str) -> None:
    search(page, site_url, query)
    assert treatment in result_titles(page, treatment)


def test_search_finds_treatment_by_another_name(page: Page, site_url: str) -> None:
    """'Needle-free' appears only in laser mesotherapy's also_known_as, shown on its page."""
    record = yaml.safe_load((ROOT / "data/treatments/laser-mesotherapy.yml").read_text())
    assert "Needle-free mesotherapy" in record["also_known_as"], "the sample data changed"

    search(page, site_url, "needle-free")
    assert "Laser mesotherapy" in result_titles(page, "Laser mesotherapy")
    # The hit comes from the page's "Also known as" line (shown folded under the page's result).
    expect(result_for(page, "Laser mesotherapy")).to_contain_text("Needle-free mesotherapy")


def test_home_page_search_form_opens_material_search(page: Page, site_url: str) -> None:
    """The form on the home page submits `?q=`; Material reads it on load and runs the search."""
    record = yaml.safe_load((ROOT / "data/concerns/pigmentation.yml").read_text())
    assert "Dark spots" in record["also_known_as"], "the sample data changed"

    page.goto(site_url)
    form = page.locator("form.cd-search")
    form.locator("input[name=q]").fill("dark spots")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?q=dark\+spots$"))

    expect(page.locator("header input.md-search__input")).to_have_value("dark spots")
    expect(page.locator("#__search")).to_be_checked()  # Material's search overlay is open
    # "Dark spots" is another name of the pigmentation concern, which lists the treatments.
    assert "Pigmentation" in result_titles(page, "Pigmentation")
