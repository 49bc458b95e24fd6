"""The built site works wherever it is put: under a sub-path, at a domain's root, and opened from
disk (the offline build), checked in headless Chromium.

Every page is loaded in the browser; every link, stylesheet, script and image it references must
resolve (HTTP 200, or an existing file for file://), and a search result must lead to its page.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from playwright.sync_api import Page, Request, Response, expect

from clinicdocs.html.hosting import OFFLINE_ENV
from support.browser import serve_directory
from support.projects import ROOT, copy_project, run_mkdocs_build

pytestmark = [pytest.mark.build, pytest.mark.browser]

WAIT_MS = 30_000
SUB_PATH = "/patient-info/"
PUBLIC_BASE = "https://riverside-skin.example.org/patient-info/"
# Every element that makes the browser fetch something or leads somewhere, with its address
# resolved by the browser itself (the `href`/`src`/`action` properties are absolute).
REFERENCES_JS = """() => [...document.querySelectorAll(
    'a[href], link[href], script[src], img[src], source[src], iframe[src], form[action]')]
  .filter(e => !(e.tagName === 'LINK' && /canonical|alternate/.test(e.rel)))
  .map(e => ({tag: e.tagName.toLowerCase(), url: e.href || e.src || e.action,
               printOnly: e.closest('.cd-print-only') !== null}))"""


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project built for opening from disk."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("offline") / "project")
    result = run_mkdocs_build(project, env={OFFLINE_ENV: "true"})
    assert result.returncode == 0, result.stderr
    return project / "site"


def page_addresses(site_dir: Path, base: str) -> list[str]:
    """The address of every page of a site built with directory URLs, 404 page aside."""
    out = []
    for html in sorted(site_dir.rglob("*.html")):
        relative = html.relative_to(site_dir).as_posix()
        # Every language's 404 page (`404.html`, `ar/404.html`) is shown at missing addresses.
        if relative.endswith("404.html") or "assets/" in relative:
            continue
        out.append(base + relative.removesuffix("index.html"))
    return out


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def load_and_record(
    page: Page, url: str, settle: bool = False
) -> tuple[Response | None, list[str]]:
    """Open `url`; return its response and every sub-request that failed or was refused.

    Args:
        page: the browser tab.
        url: the address to open.
        settle: also wait until the network is idle (the search index, fetched after load).
    """
    failed: list[str] = []

    def on_failed(request: Request) -> None:
        # A request the browser cancels itself (the next page is opened) is not a broken link.
        if "ERR_ABORTED" not in (request.failure or ""):
            failed.append(f"failed: {request.url} {request.failure}")

    def on_response(response: Response) -> None:
        if response.status >= 400 and response.url != url:
            failed.append(f"{response.status}: {response.url}")

    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    try:
        response = page.goto(url)
        if settle:
            page.wait_for_load_state("networkidle")
    finally:
        page.remove_listener("requestfailed", on_failed)
        page.remove_listener("response", on_response)
    return response, failed


def crawl_over_http(page: Page, site_dir: Path, base: str) -> list[str]:
    """Load every page; return every problem: a page, sub-request or reference that does not
    resolve, or one that leaves the site's base."""
    problems: list[str] = []
    references: dict[str, str] = {}
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    for url in page_addresses(site_dir, base):
        response, failed = load_and_record(page, url)
        if response is None or response.status != 200:
            problems.append(f"{url}: status {response.status if response else None}")
        problems += [f"{url}: {f}" for f in failed]
        for ref in page.evaluate(REFERENCES_JS):
            address = urldefrag(ref["url"])[0].split("?")[0]
            # On paper a page names its public address on purpose (`.cd-print-only`); on
            # screen, a link to the public address would leave a staging or mirror host.
            if ref["tag"] == "a" and address.startswith(PUBLIC_BASE) and not ref["printOnly"]:
                problems.append(f"{url}: internal link written as a public address: {address}")
            if address.startswith(origin):
                references.setdefault(address, url)
    for address, found_on in sorted(references.items()):
        if not address.startswith(base):
            problems.append(f"{found_on}: {address} is outside the site's base {base}")
        elif (status := status_of(address)) != 200:
            problems.append(f"{found_on}: {address} answers {status}")
    unreached = set(page_addresses(site_dir, base)) - set(references)
    assert unreached == set(), "pages no link leads to: is the crawl looking?"
    return problems


def heading(text: str) -> re.Pattern[str]:
    """A heading's whole text, with or without its `¶` permalink."""
    return re.compile(rf"^\s*{re.escape(text)}\s*¶?\s*$")


def search_and_follow(page: Page, base: str, query: str, title: str) -> None:
    """Search from the home page's header and follow the result titled `title`."""
    page.goto(base)
    box = page.locator("header input.md-search__input")
    box.click()
    box.fill(query[:-1])
    box.press_sequentially(query[-1])
    result = page.locator(".md-search-result__item").filter(has=page.locator("h1", has_text=title))
    expect(result.first).to_be_visible(timeout=WAIT_MS)
    with page.expect_navigation():
        result.first.locator("a").first.click()
    expect(page.locator("article h1").first).to_have_text(heading(title))


def test_sub_path_every_link_and_asset_resolves(page: Page, sample_site: Path) -> None:
    with serve_directory(sample_site, SUB_PATH) as base:
        assert status_of(base.replace(SUB_PATH, "/")) == 404  # only the sub-path is served
        # Every language's site is crawled: the Arabic and Chinese sites under ar/ and zh/.
        crawled = page_addresses(sample_site, base)
        for code in ("ar", "zh"):
            assert f"{base}{code}/treatments/co2-fractional-laser/" in crawled
        assert crawl_over_http(page, sample_site, base) == []


def test_domain_root_every_link_and_asset_resolves(page: Page, rootless_site: Path) -> None:
    with serve_directory(rootless_site) as base:
        assert crawl_over_http(page, rootless_site, base) == []


def test_site_without_site_url_also_works_under_a_sub_path(page: Page, rootless_site: Path) -> None:
    """Pages link relatively, so a site built without knowing its address can go anywhere."""
    with serve_directory(rootless_site, "/somewhere/else/") as base:
        assert crawl_over_http(page, rootless_site, base) == []


def test_sub_path_search_result_leads_to_its_page(page: Page, sample_site: Path) -> None:
    with serve_directory(sample_site, SUB_PATH) as base:
        search_and_follow(page, base, "sunspots", "Laser pigment removal")
        assert page.url.startswith(f"{base}treatments/laser-pigment-removal/")


def test_404_page_at_any_depth_is_styled_and_its_links_work(page: Page, sample_site: Path) -> None:
    with serve_directory(sample_site, SUB_PATH) as base:
        missing = f"{base}no/such/page/at/depth/"
        response, failed = load_and_record(page, missing, settle=True)
        assert response is not None
        assert response.status == 404
        assert failed == []  # its stylesheets and scripts all loaded, from the deep address
        expect(page.locator("article h1")).to_have_text(heading("Page not found"))
        # Material's stylesheet is applied: the header is fixed-height and sticky.
        assert page.locator("header.md-header").evaluate("e => getComputedStyle(e).position") in (
            "sticky",
            "fixed",
        )
        with page.expect_navigation():
            page.get_by_role("link", name="See all treatments").click()
        assert page.url == f"{base}treatments/"
        expect(page.locator("article h1").first).to_have_text(heading("Treatments"))

        page.goto(missing)
        page.locator("article form.cd-search input[name=q]").fill("dark spots")
        with page.expect_navigation():
            page.locator("article form.cd-search button[type=submit]").click()
        assert urlsplit(page.url).path == SUB_PATH
        expect(page.locator(".md-search-result__item h1").first).to_be_visible()


def file_references(page: Page) -> list[str]:
    return [ref["url"] for ref in page.evaluate(REFERENCES_JS)]


def test_offline_build_works_from_disk(page: Page, offline_site: Path) -> None:
    """Every page opened via file://: each link and asset is an existing file (no folder
    listings), and the browser asks for nothing but files."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    problems = []
    pages = sorted(p for p in offline_site.rglob("*.html") if "assets" not in p.parts)
    assert (offline_site / "treatments" / "laser-mesotherapy.html").is_file()
    for html in pages:
        if html.name == "404.html":
            continue
        page.goto(html.as_uri())
        for url in file_references(page):
            if not url.startswith("file:"):
                continue
            target = Path(unquote(urlsplit(url).path))
            if not target.is_file():
                problems.append(f"{html.relative_to(offline_site)}: {url} is not a file")
    assert problems == []
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []


def test_offline_treatment_finder_from_disk(page: Page, offline_site: Path) -> None:
    """The finder works from disk too: it filters in the page and asks for nothing."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((offline_site / "treatments" / "index.html").as_uri())
    page.locator("form[data-cd-finder] select[name=downtime]").select_option(label="None")
    expect(page.locator("form[data-cd-finder] [role=status]")).to_have_text(
        "1 of 3 treatments shown"
    )
    visible = page.locator(".cd-compare tbody tr:visible th")
    expect(visible).to_have_text(["Laser mesotherapy"])
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []


def test_offline_recovery_day_by_day_from_disk(page: Page, offline_site: Path) -> None:
    """The day-by-day view works from disk, date from the address included, asking for
    nothing."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    start = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    page.goto((offline_site / "recovery" / "co2-fractional-laser.html").as_uri() + f"?date={start}")
    expect(page.locator(".cd-today__day")).to_contain_text("Today is day 3 after your treatment")
    expect(page.locator(".cd-stage--today h3")).to_contain_text("First week")
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []


def test_offline_navigation_and_search_from_disk(page: Page, offline_site: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    home = (offline_site / "index.html").as_uri()
    page.goto(home)
    with page.expect_navigation():
        page.locator(".md-tabs a", has_text="Treatments").first.click()
    assert page.url == (offline_site / "treatments" / "index.html").as_uri()
    expect(page.locator("article h1").first).to_have_text(heading("Treatments"))

    search_and_follow(page, home, "sunspots", "Laser pigment removal")
    assert page.url.startswith((offline_site / "treatments/laser-pigment-removal.html").as_uri())

    # The home page's own search form opens Material's search, from disk too.
    page.goto(home)
    page.locator("form.cd-search input[name=q]").fill("dark spots")
    with page.expect_navigation():
        page.locator("form.cd-search button[type=submit]").click()
    assert page.url == f"{home}?q=dark+spots"
    expect(page.locator(".md-search-result__item h1").first).to_be_visible()
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []
