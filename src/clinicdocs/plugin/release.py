"""Let go of each page's texts as soon as the build no longer needs them.

MkDocs reads and renders every page before it writes the first one, and keeps every page's
Markdown, HTML and table of contents until the build ends: for a large catalogue most of a
build's memory. What still reads them, and when (MkDocs 1.6, Material 9, `mkdocs/commands/
build.py` and `material/plugins/search/plugin.py`):

- The Markdown (`page.markdown`, and a generated page's in-memory source `page.file`) is read by
  `Page.read_source` and `Page.render` only. Once rendered, a page's title comes from the render
  (`_title_from_render`), its front matter (`page.meta`) or its file name: `Page.title` looks at
  the Markdown only to tell "not read yet" (`None`) from "read", so it becomes `""`, never
  `None`.
- The HTML (`page.content`) and the table of contents (`page.toc`) are read while that one page
  is written: the theme's templates use the current page's only, and Material's search plugin
  indexes the page in `on_page_context`, from them, before the template renders it. After the
  page is written (`on_post_page`), MkDocs checks anchor links from `present_anchor_ids` and
  `links_to_anchors`, which stay, and the sitemap uses addresses and dates only.

The plugin calls these last (event priority -100), after every other plugin's hook of that
event. `mkdocs serve` makes new pages on every rebuild, so a rebuild reads everything again.
A plugin that reads *other* pages' Markdown while pages are written keeps it all
(`MARKDOWN_READERS`).
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

MARKDOWN_READERS = ("material/blog",)
"""Plugins that read other pages' Markdown while pages are written: Material's blog renders a
post's excerpt from the post's Markdown on every index page of the blog that lists it."""


def markdown_read_later(plugin_names: Iterable[str]) -> bool:
    """Whether one of the build's plugins (their names in mkdocs.yml's `plugins`, as MkDocs keys
    them: `material/blog`, `material/blog #2`) reads pages' Markdown after they are rendered."""
    return any(name.partition(" #")[0] in MARKDOWN_READERS for name in plugin_names)


def release_source(page: Page) -> None:
    """Drop a rendered page's Markdown (and a generated page's in-memory source)."""
    page.markdown = ""
    if page.file.generated_by is not None and page.file.abs_src_path is None:
        # The File's setter keeps the file "generated in memory": nothing is read from disk.
        page.file.content_string = ""


def release_output(page: Page) -> None:
    """Drop a written page's HTML and table of contents."""
    page.content = ""
    page.toc = TableOfContents([])
