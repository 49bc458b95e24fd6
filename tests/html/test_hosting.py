"""Files for hosts and crawlers: robots.txt, sitemap.xml and the 404 page, read from built sites."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from clinicdocs.html.hosting import IFRAME_WORKER_SHIM, OFFLINE_ENV, local_polyfills, robots_txt
from support.projects import ROOT, run_mkdocs_build

SAMPLE_BASE = "https://riverside-skin.example.org/patient-info/"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.mark.build
def test_robots_txt_names_the_sitemap_at_the_base_url(sample_site: Path) -> None:
    lines = (sample_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /" not in lines
    assert f"Sitemap: {SAMPLE_BASE}sitemap.xml" in lines


@pytest.mark.build
def test_robots_txt_without_site_url_has_no_sitemap_line(rootless_site: Path) -> None:
    text = (rootless_site / "robots.txt").read_text(encoding="utf-8")
    assert text.startswith("User-agent: *\n")
    assert "Sitemap" not in text
    assert robots_txt("https://example.org/x") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/x/sitemap.xml\n"
    )


@pytest.mark.build
def test_sitemap_lists_every_page_at_the_base_url(sample_site: Path) -> None:
    root = ET.parse(sample_site / "sitemap.xml").getroot()
    locations = [loc.text or "" for loc in root.findall("s:url/s:loc", SITEMAP_NS)]
    # The other languages' pages are in their own sitemaps (tests/plugin/test_languages.py).
    # The staff sheets ask search engines not to index them: they are left out of it.
    noindex = '<meta name="robots" content="noindex">'
    pages = sorted(
        p.parent.relative_to(sample_site).as_posix()
        for p in sample_site.rglob("index.html")
        if p.relative_to(sample_site).parts[0] not in ("assets", "ar", "zh", "screening", "consent")
    )
    assert sorted(locations) == sorted(
        SAMPLE_BASE if page == "." else f"{SAMPLE_BASE}{page}/" for page in pages
    )
    assert f"{SAMPLE_BASE}treatments/laser-mesotherapy/" in locations
    for kind in ("screening", "consent"):
        sheet = sample_site / kind / "laser-mesotherapy" / "index.html"
        assert noindex in sheet.read_text(encoding="utf-8")
        assert not any(location.startswith(f"{SAMPLE_BASE}{kind}/") for location in locations)


def not_found_page(site_dir: Path) -> BeautifulSoup:
    return BeautifulSoup((site_dir / "404.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.build
@pytest.mark.parametrize(("build", "path"), [("sample", "/patient-info/"), ("rootless", "/")])
def test_404_page_links_work_from_any_depth(
    sample_site: Path, rootless_site: Path, build: str, path: str
) -> None:
    """The 404 page is served at whatever address was asked for, so its links and assets are
    absolute paths from the site's base (site_url's path, or '/' without one)."""
    site_dir = sample_site if build == "sample" else rootless_site
    page = not_found_page(site_dir)
    article = page.select_one("article")
    assert article is not None
    assert article.h1 is not None
    assert article.h1.get_text(strip=True) == "Page not found"
    links = {a.get_text(strip=True): a["href"] for a in article.find_all("a")}
    assert links["Go to the home page"] in (path, f"{path}./")
    assert links["See all treatments"] == f"{path}treatments/"
    assert links["Find help for a skin concern"] == f"{path}concerns/"
    form = article.find("form")
    assert form is not None
    assert form["action"] in (path, f"{path}./")
    assert form.find("input", attrs={"name": "q"}) is not None

    references = [str(t["href"]) for t in page.find_all(["a", "link"], href=True)]
    references += [str(t["src"]) for t in page.find_all(["script", "img"], src=True)]
    local = [r for r in references if not re.match(r"[a-z]+:|#", r)]
    assert local, "the 404 page links nothing"
    assert [r for r in local if not r.startswith(path)] == []
    stylesheets = [str(t["href"]) for t in page.find_all("link", rel="stylesheet")]
    assert f"{path}assets/stylesheets/clinicdocs.css" in stylesheets


@pytest.mark.build
def test_404_page_shows_the_clinics_contact(sample_site: Path) -> None:
    article = not_found_page(sample_site).select_one("article")
    assert article is not None
    contact = article.select_one(".cd-notfound__contact")
    assert contact is not None
    text = " ".join(contact.get_text().split())
    assert "Riverside Skin Clinic (sample)" in text
    assert "+44 20 7946 0123" in text
    hrefs = [a["href"] for a in contact.find_all("a")]
    assert hrefs == ["tel:+442079460123", "mailto:hello@example.org"]


def test_offline_build_uses_the_packaged_web_worker_shim() -> None:
    polyfills = local_polyfills(["https://unpkg.com/iframe-worker/shim", "keep.js"])
    assert polyfills == ["keep.js", IFRAME_WORKER_SHIM]
    assert (ROOT / "src/clinicdocs/theme" / IFRAME_WORKER_SHIM).is_file()


@pytest.mark.build
def test_offline_requested_without_the_plugin_fails_a_strict_build(tiny_project: Path) -> None:
    """The tiny fixture's mkdocs.yml has no offline plugin: asking for offline must not pass
    silently with a site that breaks on the tablet."""
    result = run_mkdocs_build(tiny_project, env={OFFLINE_ENV: "true"})
    assert result.returncode == 1
    assert f"{OFFLINE_ENV} is set, but mkdocs.yml has no offline plugin" in result.stderr


@pytest.mark.build
def test_a_hand_written_robots_txt_is_kept(tiny_project: Path) -> None:
    own = "User-agent: *\nDisallow: /staff/\n"
    (tiny_project / "docs" / "robots.txt").write_text(own, encoding="utf-8")
    result = run_mkdocs_build(tiny_project)
    assert result.returncode == 0, result.stderr
    assert (tiny_project / "site" / "robots.txt").read_text(encoding="utf-8") == own
