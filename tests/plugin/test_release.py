"""Pages let go of their Markdown, HTML and table of contents during the build
(`clinicdocs.plugin.release`), and nothing the built site shows needed them after that: the search
index, each page's table of contents, and the titles of other pages in the navigation and the
footer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config

from clinicdocs.plugin.plugin import ClinicdocsPlugin
from clinicdocs.plugin.release import markdown_read_later
from support.projects import FIXTURE_SITE, copy_project


def _text(tag: Tag) -> str:
    """A tag's visible words, without a heading's permalink mark."""
    for link in tag.select("a.headerlink"):
        link.decompose()
    return " ".join(tag.get_text(" ").split())


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _unsegmented(text: str) -> str:
    """Chinese text in the search index is cut into words (spaces, zero-width spaces)."""
    return "".join(text.replace("\u200b", "").split())


def _text_before_subheadings(heading: Tag) -> str:
    """A section's own text: what follows its heading up to the next heading at any level."""
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h2", "h3") or sibling.find(["h2", "h3"]) is not None:
            break
        parts.append(sibling.get_text(" "))
    return " ".join(" ".join(parts).split())


def _treatment_pages(root: Path) -> list[Path]:
    pages = sorted(root.glob("treatments/*/index.html"))
    assert pages, f"no treatment pages in {root}"
    return pages


@pytest.mark.build
@pytest.mark.parametrize("language", ["", "ar", "zh"])
def test_search_index_has_every_section_of_every_treatment(
    sample_site: Path, language: str
) -> None:
    """Material indexes a page from its HTML and table of contents: every section of every
    treatment page (in each language's site) is in the index with its heading and its text."""
    root = sample_site / language
    index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {entry["location"]: entry for entry in index["docs"]}
    for page_file in _treatment_pages(root):
        address = page_file.parent.relative_to(root).as_posix() + "/"
        headings = _soup(page_file).select("article h2[id]")
        assert len(headings) >= 10, page_file
        for heading in headings:
            entry = by_location.get(f"{address}#{heading['id']}")
            assert entry is not None, f"{address}#{heading['id']} is not in the search index"
            assert _unsegmented(entry["title"]) == _unsegmented(_text(heading))
            own_text = _text_before_subheadings(heading)
            indexed = BeautifulSoup(entry["text"], "html.parser").get_text().strip()
            assert bool(indexed) == bool(own_text), entry


@pytest.mark.build
def test_search_index_text_is_the_page_text(sample_site: Path) -> None:
    """A section's text in the index is the text the page shows under its heading."""
    page_file = sample_site / "treatments" / "co2-fractional-laser" / "index.html"
    heading = _soup(page_file).select_one("article h2#what-it-is")
    assert heading is not None
    paragraph = heading.find_next_sibling("p")
    assert isinstance(paragraph, Tag)
    shown = _text(paragraph)
    index = json.loads((sample_site / "search" / "search_index.json").read_text("utf-8"))
    entry = next(
        e for e in index["docs"] if e["location"] == "treatments/co2-fractional-laser/#what-it-is"
    )
    indexed = " ".join(BeautifulSoup(entry["text"], "html.parser").get_text(" ").split())
    assert len(shown) > 40
    assert shown in indexed


@pytest.mark.build
@pytest.mark.parametrize("language", ["", "ar", "zh"])
def test_treatment_pages_show_their_own_table_of_contents(sample_site: Path, language: str) -> None:
    """The table of contents (secondary sidebar) lists the page's own headings, in order."""
    for page_file in _treatment_pages(sample_site / language):
        page = _soup(page_file)
        toc = page.select_one("nav.md-nav--secondary")
        assert toc is not None, page_file
        links = [link["href"] for link in toc.select("a.md-nav__link")]
        headings = [f"#{h['id']}" for h in page.select("article h2[id], article h3[id]")]
        assert len(headings) >= 10, page_file
        assert links == headings, page_file


@pytest.mark.build
@pytest.mark.parametrize("language", ["", "ar", "zh"])
def test_footer_shows_the_titles_of_pages_built_before(sample_site: Path, language: str) -> None:
    """Every page's "previous" and "next" links carry the title of the page they open (its
    `<h1>`), though the texts of the pages built before it were let go by then. The home page
    is the exception: its title is the navigation's "Home"."""
    root = sample_site / language
    checked = 0
    for page_file in sorted(root.glob("**/index.html")):
        if page_file.relative_to(root).parts[0] in ("ar", "zh"):
            continue  # another language's site, checked with its own root
        for link in _soup(page_file).select("a.md-footer__link"):
            target = (page_file.parent / str(link["href"])).resolve()
            if target == root.resolve():
                continue
            heading = _soup(target / "index.html").select_one("article h1")
            title = link.select_one(".md-footer__title .md-ellipsis")
            assert heading is not None, target
            assert title is not None, link
            assert _text(title) == _text(heading), f"{page_file}: {link}"
            checked += 1
    assert checked > 10


@pytest.mark.build
def test_built_pages_hold_no_texts_and_keep_their_titles(tmp_path: Path) -> None:
    """After a build every page has let go of its Markdown, HTML and table of contents (the
    memory a large catalogue's build saves), and still knows its title."""
    project = copy_project(FIXTURE_SITE, tmp_path / "tiny")
    config = load_config(str(project / "mkdocs.yml"))
    build(config)
    plugin = config.plugins["clinicdocs"]
    assert isinstance(plugin, ClinicdocsPlugin)
    assert plugin.files is not None
    pages = [f.page for f in plugin.files.documentation_pages() if f.page is not None]
    generated = [p for p in pages if p.file.generated_by is not None]
    assert len(generated) >= 5
    for page in pages:
        assert (page.markdown, page.content, list(page.toc)) == ("", "", []), page.file.src_uri
        if not page.is_homepage:  # the home page's title is the navigation's "Home"
            built = _soup(Path(page.file.abs_dest_path)).select_one("article h1")
            assert built is not None
            assert page.title == _text(built)
    for page in generated:
        assert page.file.content_string == "", page.file.src_uri
    assert plugin.generated.pages == {}


@pytest.mark.build
def test_blog_excerpts_keep_their_posts_markdown(tiny_project: Path) -> None:
    """Material's blog renders a post's excerpt from the post's Markdown when it writes the
    blog's index: with the blog plugin on, pages keep their Markdown."""
    posts = tiny_project / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (tiny_project / "docs" / "blog" / "index.md").write_text("# News\n", encoding="utf-8")
    (posts / "saturdays.md").write_text(
        "---\ndate: 2026-01-05\n---\n\n# Open on Saturdays\n\n"
        "We now open on Saturday mornings.\n\n<!-- more -->\n\nMore after the excerpt.\n",
        encoding="utf-8",
    )
    config_file = tiny_project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(
        text.replace("  - clinicdocs\n", "  - blog\n  - clinicdocs\n"), encoding="utf-8"
    )
    config = load_config(str(config_file))
    build(config)
    index = _soup(tiny_project / "site" / "blog" / "index.html").select_one("article")
    assert index is not None
    assert "We now open on Saturday mornings." in _text(index)
    assert "More after the excerpt." not in _text(index)
    plugin = config.plugins["clinicdocs"]
    assert isinstance(plugin, ClinicdocsPlugin)
    assert not plugin.release_markdown


def test_only_plugins_that_read_markdown_later_keep_it() -> None:
    assert markdown_read_later(["material/search", "material/blog", "clinicdocs"])
    assert markdown_read_later(["material/blog #2"])
    assert not markdown_read_later(["material/search", "clinicdocs", "material/offline"])


@pytest.mark.build
def test_pages_keep_their_texts_when_release_is_off(tiny_project: Path) -> None:
    """`release_pages: false` keeps every page's texts to the end of the build, for plugins
    that read other pages' texts late."""
    config_file = tiny_project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(
        text.replace("  - clinicdocs\n", "  - clinicdocs:\n      release_pages: false\n"),
        encoding="utf-8",
    )
    config = load_config(str(config_file))
    build(config)
    plugin = config.plugins["clinicdocs"]
    assert isinstance(plugin, ClinicdocsPlugin)
    assert plugin.files is not None
    file = plugin.files.get_file_from_path("treatments/full-laser.md")
    assert file is not None
    assert file.page is not None
    assert file.page.markdown
    assert "<h2" in (file.page.content or "")
    assert list(file.page.toc)
    assert file.content_string
