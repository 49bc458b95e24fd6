"""The search index is downloaded when a reader opens the search (theme script lazy-search.js),
and the search still finds pages, from the search field, the phone's search button and the
keyboard shortcut; a page opened from a search result still highlights the words."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from support.checkers import PAGES

pytestmark = [pytest.mark.build, pytest.mark.browser]

INDEX = "search/search_index.json"


def open_treatment(
    chromium: Browser, base: str, width: int, query: str = ""
) -> tuple[Page, list[str]]:
    """A treatment page at `width`, fully loaded and settled; the URLs it requested so far (the
    list keeps growing)."""
    page = chromium.new_page(viewport={"width": width, "height": 800})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + PAGES["treatment"] + query, wait_until="load")
    # Material starts its components on DOMContentLoaded and sent the request at once before.
    page.wait_for_load_state("networkidle")
    return page, requested


def index_requests(requested: list[str]) -> list[str]:
    """The requests for the search index among `requested`."""
    return [url for url in requested if url.split("?")[0].endswith(INDEX)]


@pytest.mark.parametrize(
    ("width", "how"),
    [(1280, "search field"), (390, "search button"), (390, "keyboard shortcut")],
)
def test_search_index_loads_when_search_opens(
    chromium: Browser, served_sample: str, width: int, how: str
) -> None:
    page, requested = open_treatment(chromium, served_sample, width)
    assert index_requests(requested) == []
    if how == "search field":
        page.click("input.md-search__input")
    elif how == "search button":
        page.click("label.md-header__button[for=__search]")
    else:
        page.keyboard.press("s")
    page.keyboard.type("laser")
    page.wait_for_selector(".md-search-result__item")
    assert len(index_requests(requested)) == 1
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert "CO2 fractional laser" in titles
    page.close()


def test_page_from_a_search_result_highlights_at_once(
    chromium: Browser, served_sample: str
) -> None:
    page, requested = open_treatment(chromium, served_sample, 1280, "?h=laser")
    assert len(index_requests(requested)) == 1
    page.wait_for_selector("article mark")
    assert page.locator("article mark").first.inner_text().lower() == "laser"
    page.close()
