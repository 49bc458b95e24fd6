"""The form editor end to end in Chromium: a treatment changed through the form, an aftercare
point added, saved; the file changes, `clinicdocs validate` is clean, the preview shows the
change; a blank required field is refused with the validator's own line; a record deleted and
renamed."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from ruamel.yaml import YAML

from support.browser import BROWSER_WAIT_MS
from support.editor import open_list_item, open_record, publish, running_editor
from support.projects import ROOT, copy_project, figures_project, run_cli

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


def test_a_record_is_deleted_from_the_editor(tmp_path: Path, page: Page) -> None:
    """Decap's "Delete entry": a concern a treatment still names is refused with the
    validator's line and stays; a treatment goes, with its translation."""
    project = figures_project(tmp_path / "translated")
    data = project / "data"
    page.on("dialog", lambda dialog: dialog.accept())  # Decap asks "Are you sure…?"
    with running_editor(project, preview=False) as (address, _):
        open_record(page, address, "concerns", "scars")
        page.get_by_role("button", name="Delete entry").click()
        line = (
            "data/treatments/bare-peel.yml:4:12: concerns[0]: unknown concern 'scars' (there is "
            "no concerns/scars.yml); known concerns are: dark-spots, sun-damage, wrinkles."
        )
        expect(page.get_by_text(line)).to_be_visible(timeout=BROWSER_WAIT_MS)
        assert (data / "concerns" / "scars.yml").is_file()
        assert (data / "concerns" / "scars.ar.yml").is_file()

        # As an editor goes to another record: through the list of its collection.
        page.goto(f"{address}#/collections/treatments")
        page.get_by_text("Full laser", exact=True).click()
        expect(page.locator('input[value="Full laser"]')).to_be_visible()
        page.get_by_role("button", name="Delete entry").click()
        # Back on the list of treatments, without the one deleted.
        expect(page.get_by_text("Bare peel", exact=True)).to_be_visible()
        expect(page.get_by_text("Full laser", exact=True)).to_have_count(0)
    assert not (data / "treatments" / "full-laser.yml").exists()
    assert not (data / "treatments" / "full-laser.ar.yml").exists()
    result = run_cli(project, "validate")
    assert result.returncode == 0, result.stderr


def test_a_record_is_renamed_from_the_editor(tmp_path: Path, page: Page) -> None:
    """The editor's own "Change id…" form: refused with the validator's line for an id that
    cannot be; done for a good one, the editor then on the renamed record."""
    project = figures_project(tmp_path / "translated")
    data = project / "data"
    with running_editor(project, preview=False) as (address, _):
        open_record(page, address, "concerns", "scars")
        page.get_by_role("button", name="Change id…").click()
        new_id = page.get_by_role("textbox", name="New id")
        new_id.fill("Acne scars")
        page.get_by_role("button", name="Rename", exact=True).click()
        expect(page.get_by_role("alert")).to_have_text(
            "data/concerns/scars.yml: 'Acne scars' cannot be an id: an id is lowercase letters, "
            "digits and single hyphens, at most 80 characters, e.g. 'acne-scars'."
        )
        new_id.fill("acne-scars")
        page.get_by_role("button", name="Rename", exact=True).click()
        page.wait_for_url("**#/collections/concerns/entries/acne-scars")
        expect(page.locator('input[value="Scars"]')).to_be_visible()
        # With changes not saved, it is not renamed (renaming reloads the editor).
        page.locator('input[value="Scars"]').fill("Old scars")
        page.get_by_role("button", name="Change id…").click()
        expect(page.get_by_role("alert")).to_have_text(
            "This record has changes that are not saved: publish them, or undo them, before "
            "changing its id."
        )
        expect(page.get_by_role("button", name="Rename", exact=True)).to_be_disabled()
    assert sorted(p.name for p in (data / "concerns").glob("*scars*")) == [
        "acne-scars.ar.yml",
        "acne-scars.yml",
    ]
    assert "concerns: [dark-spots, acne-scars]" in (
        data / "treatments" / "full-laser.yml"
    ).read_text(encoding="utf-8")
    result = run_cli(project, "validate")
    assert result.returncode == 0, result.stderr


def test_the_clinics_translation_is_edited_beside_it(tmp_path: Path, page: Page) -> None:
    """The clinic's texts side by side (Decap's `single_file`, joined and split again by the
    editor server): the Arabic name saved into clinic.ar.yml, its stamp block kept."""
    project = copy_project(ROOT, tmp_path / "sample")
    data = project / "data"
    before = {p.name: p.read_text(encoding="utf-8") for p in data.glob("clinic*.yml")}
    with running_editor(project, preview=False) as (address, _):
        open_record(page, address, "site", "clinic")
        arabic_name = page.locator('input[value="عيادة ريفرسايد للجلد (نموذج)"]')
        expect(page.locator('input[value="Riverside Skin Clinic (sample)"]').first).to_be_visible()
        expect(arabic_name).to_be_visible()
        arabic_name.fill("عيادة ريفرسايد لأمراض الجلد (نموذج)")
        publish(page)
        expect(page.get_by_text("Entry saved")).to_be_visible()
    after = {p.name: p.read_text(encoding="utf-8") for p in data.glob("clinic*.yml")}
    assert after == {
        **before,
        "clinic.ar.yml": before["clinic.ar.yml"].replace(
            "name: عيادة ريفرسايد للجلد (نموذج)", "name: عيادة ريفرسايد لأمراض الجلد (نموذج)"
        ),
    }
    result = run_cli(project, "validate")
    assert result.returncode == 0, result.stderr


def test_a_glossary_translation_stays_paired_with_its_term(tmp_path: Path, page: Page) -> None:
    """The Arabic glossary beside the English, each Arabic term's English term (`source:`) in a
    hidden field: one definition changed through the form changes that line only."""
    project = copy_project(ROOT, tmp_path / "sample")
    arabic = project / "data" / "glossary.ar.yml"
    before = arabic.read_text(encoding="utf-8")
    with running_editor(project, preview=False) as (address, _):
        open_record(page, address, "site", "glossary", shows="الإيلاستين")
        item = page.get_by_text("الإيلاستين", exact=True).locator("xpath=..")
        item.locator("button").first.click()  # open the collapsed Arabic term
        definition = page.locator("textarea").filter(
            has_text="بروتين يسمح للجلد بأن يتمدد ثم يعود إلى شكله."
        )
        definition.fill("بروتين يجعل الجلد مرنًا.")
        publish(page)
        expect(page.get_by_text("Entry saved")).to_be_visible()
    assert arabic.read_text(encoding="utf-8") == before.replace(
        "definition: بروتين يسمح للجلد بأن يتمدد ثم يعود إلى شكله.",
        "definition: بروتين يجعل الجلد مرنًا.",
    )
