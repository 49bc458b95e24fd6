"""The form editor end to end in Chromium: a treatment changed through the form, an aftercare
point added, saved; the file changes, `clinicdocs validate` is clean, the preview shows the
change; a blank required field is refused with the validator's own line."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from ruamel.yaml import YAML

from support.browser import BROWSER_WAIT_MS
from support.editor import open_list_item, open_record, publish, running_editor
from support.projects import ROOT, copy_project, run_cli

pytestmark = [pytest.mark.browser, pytest.mark.build]  # `mkdocs serve` is the preview

SUMMARY = "A laser treatment for dark spots, changed in the editor."
NEW_POINT = "Sleep with your head raised."


def _record(project: Path) -> dict:
    return YAML(typ="safe").load(project / "data" / "treatments" / "full-laser.yml")


def test_a_treatment_is_edited_saved_and_previewed(tiny_project: Path, page: Page) -> None:
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("http://127.0.0.1", "blob:", "data:"))
            else elsewhere.append(r.url)
        ),
    )
    with running_editor(tiny_project) as (address, preview):
        assert preview is not None
        open_record(page, address, "treatments", "full-laser")
        page.get_by_role("textbox", name="Summary", exact=True).fill(SUMMARY)
        stage = open_list_item(page, "First day")
        stage.get_by_role("button", name="Add point").first.click()
        stage.locator("textarea:visible").last.fill(NEW_POINT)
        publish(page)
        expect(page.get_by_text("Entry saved")).to_be_visible()

        record = _record(tiny_project)
        assert record["summary"] == SUMMARY
        assert record["aftercare"][0]["do"] == ["Keep it clean.", NEW_POINT]
        assert record["aftercare"][0]["avoid"] == ["Make-up."]
        result = run_cli(tiny_project, "validate")
        assert result.returncode == 0, result.stderr

        # The preview (mkdocs serve) rebuilds on the save; its page shows the new text.
        preview_page = page.context.new_page()
        for _ in range(60):
            preview_page.goto(preview + "treatments/full-laser/")
            if NEW_POINT in preview_page.content():
                break
            preview_page.wait_for_timeout(1000)
        expect(preview_page.locator("article")).to_contain_text(SUMMARY)
        expect(preview_page.locator("article")).to_contain_text(NEW_POINT)
    assert elsewhere == []  # nothing from a CDN or any other host


def test_an_empty_required_field_is_refused_with_the_validators_line(
    tiny_project: Path, page: Page
) -> None:
    path = tiny_project / "data" / "treatments" / "full-laser.yml"
    before = path.read_text(encoding="utf-8")
    with running_editor(tiny_project, preview=False) as (address, _):
        open_record(page, address, "treatments", "full-laser")
        page.get_by_role("textbox", name="Name", exact=True).first.fill("")
        publish(page)
        line = "data/treatments/full-laser.yml:1:7: name: must not be empty."
        expect(page.get_by_text(line)).to_be_visible(timeout=BROWSER_WAIT_MS)
    assert path.read_text(encoding="utf-8") == before
    # The same mistake written by hand gets the same line from the validator.
    path.write_text(before.replace("name: Full laser", "name: ''"), encoding="utf-8")
    result = run_cli(tiny_project, "validate")
    assert line in result.stderr.splitlines()


def test_a_translation_is_edited_beside_its_source(tmp_path: Path, page: Page) -> None:
    project = copy_project(ROOT, tmp_path / "sample")
    folder = project / "data" / "treatments"
    source = (folder / "co2-fractional-laser.yml").read_text(encoding="utf-8")
    arabic = (folder / "co2-fractional-laser.ar.yml").read_text(encoding="utf-8")
    chinese = (folder / "co2-fractional-laser.zh.yml").read_text(encoding="utf-8")
    with running_editor(project, preview=False) as (address, _):
        open_record(page, address, "treatments", "co2-fractional-laser")
        # The Arabic form stands beside the English one, each field in its own language.
        arabic_name = page.locator('input[value="ليزر CO2 التجزيئي"]')
        expect(page.locator('input[value="CO2 fractional laser"]')).to_be_visible()
        expect(arabic_name).to_be_visible()
        expect(arabic_name).to_have_attribute("dir", "auto")  # Arabic runs right to left
        arabic_name.fill("ليزر ثاني أكسيد الكربون التجزيئي")
        publish(page)
        expect(page.get_by_text("Entry saved")).to_be_visible()
    after = (folder / "co2-fractional-laser.ar.yml").read_text(encoding="utf-8")
    assert after == arabic.replace(
        "name: ليزر CO2 التجزيئي", "name: ليزر ثاني أكسيد الكربون التجزيئي"
    )  # the translation block, comments and every other line as they were
    assert (folder / "co2-fractional-laser.yml").read_text(encoding="utf-8") == source
    assert (folder / "co2-fractional-laser.zh.yml").read_text(encoding="utf-8") == chinese
