"""The editorial status page as an editor sees it in the browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from support.browser import serve_directory

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture(scope="module")
def served(sample_site: Path) -> Iterator[str]:
    with serve_directory(sample_site) as url:
        yield url


@pytest.mark.parametrize("width", [1280, 1024, 768])
def test_every_column_of_the_status_tables_is_in_sight(page: Page, served: str, width: int) -> None:
    """Up to eight columns (the last: Warnings) fit the page from a tablet's width up, with no
    sideways scrolling inside the tables."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{served}editorial-status/")
    headers = page.locator("article table th").all_inner_texts()
    assert "Warnings" in headers
    wraps = page.locator("article .md-typeset__scrollwrap").evaluate_all(
        "ws => ws.map(w => [w.scrollWidth, w.clientWidth])"
    )
    assert len(wraps) >= 2
    assert all(scroll <= client for scroll, client in wraps), wraps
    assert page.evaluate("document.documentElement.scrollWidth") == width
