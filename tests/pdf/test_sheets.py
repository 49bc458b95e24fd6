"""`clinicdocs pdf --sheets`: the screening checklists and consent discussion records printed by
Chromium and read back with poppler-utils (issue 16, point 3): each on one or two sheets of
paper, with its version and review line, DRAFT on a draft record's."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from clinicdocs.data.site import SiteData
from clinicdocs.generate.sheets import sheet_infos
from clinicdocs.i18n.language import load_language
from clinicdocs.load import load_site
from clinicdocs.translations.state import site_in_language
from support.browser import require_chromium
from support.pdfs import pdf_info, pdf_text
from support.projects import (
    ROOT,
    copy_project,
    project_languages,
    run_cli_process,
    run_mkdocs_build,
)

pytestmark = [pytest.mark.build, pytest.mark.browser]

REVIEWED = "laser-pigment-removal"
"""Made a reviewed record in the test's copy of the sample (whose records are all drafts)."""
REVIEW = """review:
  status: reviewed
  reviewed_by: Dr A. Example, dermatologist
  reviewed_on: 2026-11-02
  next_review: 2027-11-02
"""
KINDS = ("screening", "consent")


@dataclass(frozen=True)
class Sheets:
    """The sample, one record reviewed, built and printed with `clinicdocs pdf --sheets`."""

    project: Path
    out: Path
    data: SiteData
    result: subprocess.CompletedProcess[str]

    def pdf(self, code: str, kind: str, tid: str) -> Path:
        folder = self.out if code == self.data.languages[0] else self.out / code
        return folder / kind / f"{tid}.pdf"


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> Sheets:
    require_chromium()
    project = copy_project(ROOT, tmp_path_factory.mktemp("sheets") / "project")
    record = project / "data" / "treatments" / f"{REVIEWED}.yml"
    text = record.read_text(encoding="utf-8")
    assert text.endswith("review:\n  status: draft\n")
    record.write_text(text.removesuffix("review:\n  status: draft\n") + REVIEW, encoding="utf-8")
    built = run_mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    out = project / "printed"
    result = run_cli_process(project, "pdf", "--sheets", "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = load_site(project / "data", project, languages=project_languages(project))
    return Sheets(project, out, data, result)


def test_pdf_reports_the_sheets(sheets: Sheets) -> None:
    languages = sheets.data.languages
    count = 3 * len(sheets.data.treatments) * len(languages)
    lines = sheets.result.stdout.splitlines()
    assert lines[0].startswith(f"printing {count} pages of the site to PDF (A4 paper) with ")
    for code in languages:
        prefix = "" if code == languages[0] else f"{code}/"
        for kind in KINDS:
            for tid in sheets.data.treatments:
                assert any(
                    f"] {code}: {prefix}{kind}/{tid}/ -> {sheets.pdf(code, kind, tid)} (" in line
                    for line in lines
                ), (code, kind, tid)


def test_each_sheet_prints_on_one_or_two_pages_with_its_version_line(sheets: Sheets) -> None:
    """English, Arabic and Chinese; pdftotext reads the version (12 hex digits, a left-to-right
    run in every language), the record and the review as a person reads them on paper."""
    codes = sheets.data.languages
    languages = [load_language(code, sheets.project) for code in codes]
    for language in languages:
        translated, _ = site_in_language(sheets.data, language.code)
        source = sheets.data if language.code != codes[0] else None
        infos = sheet_infos(translated, language, source)
        for kind in KINDS:
            for tid, info in infos.items():
                pdf = sheets.pdf(language.code, kind, tid)
                where = (language.code, kind, tid)
                info_lines = pdf_info(pdf)
                pages = int(info_lines["Pages"])
                assert 1 <= pages <= 2, (*where, pages)
                assert "(A4)" in info_lines["Page size"]
                for number in range(1, pages + 1):
                    assert pdf_text(pdf, number).strip(), (*where, f"page {number} is blank")
                text = pdf_text(pdf)
                assert info.version in text, where
                assert f"treatments/{tid}" in text, where
                # The page with the signatures names the version on its own.
                assert info.version in pdf_text(pdf, pages), where
                draft_word = language.t("sheets.draft")
                if tid == REVIEWED:
                    assert not info.draft
                    assert draft_word not in text, where
                    assert "Dr A. Example, dermatologist" in text, where
                else:
                    assert info.draft
                    assert draft_word in text, where


def test_english_sheets_read_as_written(sheets: Sheets) -> None:
    reviewed = pdf_text(sheets.pdf("en", "consent", REVIEWED))
    assert (
        "Reviewed on 2 November 2026 by Dr A. Example, dermatologist. "
        "Next review due 2 November 2027." in reviewed
    )
    assert "Language: English" in reviewed
    treatment = sheets.data.treatments[REVIEWED]
    assert f"Record of our discussion: {treatment.name}" in reviewed
    for label in ("Patient's signature:", "Practitioner's signature:", "Date:"):
        assert label in reviewed
    screening = pdf_text(sheets.pdf("en", "screening", "co2-fractional-laser"))
    assert "DRAFT: Not yet reviewed by a clinician." in screening
    assert "Does this apply to you? Yes No" in screening
    assert "Discussed with the patient? Yes No" in screening
