"""Screenshots of the form editor (`clinicdocs edit`) on a copy of a project: a treatment's form
with an aftercare stage open, at desktop width, and the same with a translation side by side;
its "Change id…" form; the clinic's form with its translation beside it.

Usage: python scripts/editor_screenshots.py [--project .] [--out screenshots] [TREATMENT_ID]
Look at the PNGs afterwards.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from clinicdocs.pdf.chromium import CHROMIUM_ARGS, chromium_path
from support.editor import open_list_item, open_record, running_editor
from support.projects import copy_project


def main() -> None:
    """Open the editor on a copy of the project and save the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path())
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("treatment", nargs="?", default="co2-fractional-laser")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        project = copy_project(args.project.resolve(), Path(scratch) / "project")
        with running_editor(project) as (address, _), sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            open_record(page, address, "treatments", args.treatment)
            page.wait_for_timeout(3000)  # the preview's first page
            page.screenshot(path=args.out / "editor-top.png")
            aftercare = page.get_by_text("Aftercare (optional)", exact=False).first
            aftercare.scroll_into_view_if_needed()
            first = aftercare.locator("xpath=../..").locator("[class*=NestedObjectLabel]").first
            stage = open_list_item(page, first.inner_text())
            stage.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=args.out / "editor-aftercare.png")
            page.get_by_role("button", name="Change id…").click()
            page.wait_for_timeout(300)
            page.screenshot(path=args.out / "editor-rename.png")
            page.get_by_role("button", name="Cancel").click()
            page.goto(f"{address}#/collections/site/entries/clinic")
            page.reload()  # from the top of its form
            page.get_by_role("textbox", name="Name", exact=True).first.wait_for()
            page.wait_for_timeout(1000)
            page.screenshot(path=args.out / "editor-clinic.png")
            browser.close()
    for name in SHOTS:
        print(args.out / name)


SHOTS = ("editor-top.png", "editor-aftercare.png", "editor-rename.png", "editor-clinic.png")


if __name__ == "__main__":
    main()
