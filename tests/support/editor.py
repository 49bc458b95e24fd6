"""Driving the form editor (`clinicdocs edit`) in Chromium: open a record, open an aftercare
stage, save. Used by tests/editor/test_browser.py and scripts/screenshots.py."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Locator, Page

from clinicdocs.editor.bundle import ensure_bundle
from clinicdocs.editor.server import Editor, serving
from clinicdocs.editor.session import preview_site, project_store
from clinicdocs.plugin.project import load_project


@contextmanager
def running_editor(project: Path, *, preview: bool = True) -> Iterator[tuple[str, str | None]]:
    """`clinicdocs edit` on `project`, as the command runs it: the editor's address and the
    preview's (`mkdocs serve`), or None without a preview."""
    opened = load_project(project)
    bundle = ensure_bundle()
    if not preview:
        with serving(Editor(project_store(opened), bundle, None)) as address:
            yield address, None
        return
    with preview_site(opened) as preview_url:
        editor = Editor(project_store(opened), bundle, preview_url)
        with serving(editor) as address:
            yield address, preview_url


def open_record(page: Page, address: str, collection: str, slug: str) -> None:
    """Open a record's form (past the local backend's one-click login)."""
    page.goto(f"{address}#/collections/{collection}/entries/{slug}")
    page.get_by_role("button", name="Login").click()
    page.get_by_label("Name", exact=True).first.wait_for()


def open_list_item(page: Page, summary: str) -> Locator:
    """Open the list item (e.g. an aftercare stage) shown collapsed as `summary`."""
    item = page.get_by_text(summary, exact=True).locator("xpath=..")
    item.locator("button").first.click()
    return item


def publish(page: Page) -> None:
    """Save the record: Decap's Publish, then Publish now."""
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now", exact=True).click()
