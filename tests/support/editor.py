"""Driving the form editor (`clinicdocs edit`) in Chromium: open a record, open an aftercare
stage, save. Used by tests/editor/test_browser.py and scripts/screenshots.py."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Locator, Page

from clinicdocs.editor.bundle import ensure_bundle
from clinicdocs.editor.session import editing
from clinicdocs.plugin.project import load_project


@contextmanager
def running_editor(project: Path, *, preview: bool = True) -> Iterator[tuple[str, str | None]]:
    """`clinicdocs edit` on `project`, as the command runs it (`editing`): the editor's address
    and the preview's (`mkdocs serve`), or None without a preview."""
    with editing(load_project(project), ensure_bundle(), preview=preview) as addresses:
        yield addresses


def open_record(
    page: Page, address: str, collection: str, slug: str, *, shows: str | None = None
) -> None:
    """Open a record's form (past the local backend's one-click login), once it shows its
    Name box, or the text `shows` for a record without one (the glossary)."""
    page.goto(f"{address}#/collections/{collection}/entries/{slug}")
    page.get_by_role("button", name="Login").click()
    if shows is None:
        page.get_by_role("textbox", name="Name", exact=True).first.wait_for()
    else:
        page.get_by_text(shows, exact=True).first.wait_for()


def open_list_item(page: Page, summary: str) -> Locator:
    """Open the list item (e.g. an aftercare stage) shown collapsed as `summary`."""
    item = page.get_by_text(summary, exact=True).locator("xpath=..")
    item.locator("button").first.click()
    return item


def publish(page: Page) -> None:
    """Save the record: Decap's Publish, then Publish now."""
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now", exact=True).click()
