"""support.catalogues.check_links finds what it promises to find (on a hand-made site)."""

from __future__ import annotations

from pathlib import Path

from support.catalogues import check_links


def _page(site: Path, path: str, body: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def test_broken_links_anchors_and_unreachable_pages_are_found(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(
        site,
        "index.html",
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="#top">self</a>'
        '<a href="a/#nowhere">bad anchor</a> <a href="missing/">no file</a>'
        '<a href="../../outside/">leaves</a> <a href="https://example.org/x">external</a>'
        '<h1 id="top">Top</h1>',
    )
    _page(site, "a/index.html", '<h2 id="here">Here</h2><a href="../">home</a>')
    _page(site, "lonely/index.html", "no link leads here")

    broken, reachable = check_links(site)

    assert sorted((link.href, link.reason) for link in broken) == [
        ("../../outside/", "leaves the site"),
        ("a/#nowhere", "no element with id 'nowhere'"),
        ("missing/", "no such file"),
    ]
    assert reachable == {site / "index.html", site / "a" / "index.html"}
