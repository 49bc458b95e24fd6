"""Privacy: a patient's browser asks nothing of any host but the clinic's own.

A real browser records every request while loading each kind of page (and running a search);
any request that leaves the site's own server fails the test. A static scan of the built files
backs it up for the pages the browser does not open.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from support.browser import serve_directory

WAIT_MS = 30_000
SUB_PATH = "/patient-info/"
# Elements whose address the browser fetches by itself (links a patient clicks are not fetched).
FETCHED = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}
FETCHED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "preconnect", "prefetch"}
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_EXTERNAL = re.compile(r"(?:url\(|@import)\s*['\"]?((?:https?:)?//[^'\")\s]+)")


def page_types(site_dir: Path) -> dict[str, str]:
    """One page of each kind the site has, by name: its address relative to the site's base."""
    first_category = sorted((site_dir / "categories").iterdir())[0].name
    kinds = {
        "home": "",
        "treatments index": "treatments/",
        "category": f"categories/{first_category}/",
        "treatment": "treatments/laser-mesotherapy/",
        "concerns index": "concerns/",
        "concern": "concerns/melasma/",
        "glossary": "glossary/",
        "hand-written page": "about/",
        "404 page": "no/such/page/",
    }
    # Printable handouts, when the site has them (issue 3).
    handouts = sorted((site_dir / "handouts").glob("*/index.html"))
    if handouts:
        kinds["handout"] = handouts[0].parent.relative_to(site_dir).as_posix() + "/"
    return kinds


@pytest.mark.build
def test_built_files_fetch_nothing_from_other_hosts(sample_site: Path) -> None:
    found = []
    for html in sorted(sample_site.rglob("*.html")):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in FETCHED.items():
            for element in page.find_all(tag, attrs={attribute: True}):
                if EXTERNAL.match(str(element[attribute])):
                    found.append(f"{html.relative_to(sample_site)}: {element}")
        for link in page.find_all("link", href=True):
            if FETCHED_LINK_RELS & set(link.get("rel") or []) and EXTERNAL.match(link["href"]):
                found.append(f"{html.relative_to(sample_site)}: {link}")
    for css in sorted(sample_site.rglob("*.css")):
        for match in re.finditer(
            r"(?:url\(|@import)\s*['\"]?((?:https?:)?//[^'\")\s]+)", css.read_text()
        ):
            found.append(f"{css.relative_to(sample_site)}: {match.group(1)}")
    assert found == []


@pytest.mark.build
@pytest.mark.browser
def test_every_page_type_requests_only_the_sites_own_host(page: Page, sample_site: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with serve_directory(sample_site, SUB_PATH) as base:
        own = urlsplit(base).netloc
        kinds = page_types(sample_site)
        for address in kinds.values():
            page.goto(base + address)
            page.wait_for_load_state("networkidle")
        # Search runs in a worker that fetches the index: part of what a patient's browser does.
        page.goto(base)
        box = page.locator("header input.md-search__input")
        box.click()
        box.fill("sunspot")
        box.press_sequentially("s")
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        page.wait_for_load_state("networkidle")

    assert len(requests) > len(kinds), "nothing recorded: is the browser listening?"
    assert any("search_index" in url for url in requests), "the search index was not loaded"
    elsewhere = [
        url
        for url in requests
        if not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != own
    ]
    assert elsewhere == []
