"""`clinicdocs pdf` and printing in a real browser: real PDFs from Debian's Chromium, read back
with poppler-utils (pdfinfo, pdftotext, pdftoppm) and zbar (zbarimg) as a person would read them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from clinicdocs.data.site import SiteData
from clinicdocs.generate.pages import page_address, recovery_uri
from clinicdocs.load import load_site
from clinicdocs.pdf.chromium import CHROMIUM_ARGS
from clinicdocs.pdf.printer import pdf_page_count
from support.browser import require_chromium, serve_directory
from support.pdfs import pdf_info, pdf_text, require_tool
from support.projects import (
    FIXTURE_SITE,
    ROOT,
    copy_project,
    figures_project,
    project_languages,
    run_cli,
    run_cli_process,
    run_mkdocs_build,
)

pytestmark = [pytest.mark.build, pytest.mark.browser]


def plain(text: str) -> str:
    """Data text as it reads on paper: Markdown marks dropped, whitespace single."""
    return " ".join(re.sub(r"[*_`]", "", text).split())


@dataclass(frozen=True)
class Printed:
    """The sample project, built, with `clinicdocs pdf --pages` run on it."""

    project: Path
    site: Path
    data: SiteData
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    require_chromium()
    project = copy_project(ROOT, tmp_path_factory.mktemp("pdf") / "project")
    built = run_mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    result = run_cli_process(project, "pdf", "--pages")
    assert result.returncode == 0, result.stderr
    return Printed(
        project,
        project / "site",
        load_site(project / "data", project, languages=project_languages(project)),
        result,
    )


def test_pdf_reports_progress_pages_and_time(printed: Printed) -> None:
    lines = printed.result.stdout.splitlines()
    # Every language's site is printed: the sample's English, Arabic and Chinese.
    languages = printed.data.languages
    count = 2 * len(printed.data.treatments) * len(languages)
    assert lines[0].startswith(f"printing {count} pages of the site to PDF (A4 paper) with ")
    progress = [line for line in lines if line.startswith("[")]
    assert [line.split("]")[0] + "]" for line in progress] == [
        f"[{n}/{count}]" for n in range(1, count + 1)
    ]
    total = 0
    for line in progress:
        target = Path(line.split(" -> ")[1].rsplit(" (", 1)[0])
        pages = int(re.fullmatch(r".* \((\d+) pages?\)", line).group(1))  # type: ignore[union-attr]
        assert pages == int(pdf_info(printed.project / target)["Pages"]), line
        total += pages
    assert re.fullmatch(
        rf"wrote {count} PDFs \({total} pages in all\) to "
        + ", ".join(["site/pdf", *(f"site/{code}/pdf" for code in languages[1:])])
        + r" in \d+\.\d s; "
        r"linked them from \d+ handout pages",
        lines[-1],
    )


def test_each_handout_pdf_fits_and_holds_the_essentials(printed: Printed) -> None:
    clinic = printed.data.clinic
    for tid, treatment in printed.data.treatments.items():
        pdf = printed.site / "pdf" / f"{tid}.pdf"
        info = pdf_info(pdf)
        assert 1 <= int(info["Pages"]) <= 2, (tid, info["Pages"])
        assert "(A4)" in info["Page size"]
        assert pdf_page_count(pdf.read_bytes()) == int(info["Pages"])
        text = pdf_text(pdf)
        assert clinic.phone in text
        assert f"Emergency: {plain(clinic.emergency.wording)}" in text
        assert clinic.emergency.number in clinic.emergency.wording
        assert f"Aftercare: {treatment.name}" in text
        for stage in treatment.aftercare:
            assert plain(stage.when) in text, (tid, stage.when)


def test_handout_qr_code_opens_the_recovery_page(printed: Printed, tmp_path: Path) -> None:
    """Decoded with zbar (`zbarimg`, Debian's zbar-tools) from the printed sheet, not compared
    with the encoder's input: this proves a scanner reads what the printer put on paper. It
    opens the day-by-day page, where the patient gives the date written on the sheet."""
    zbarimg = require_tool("zbarimg", "zbar-tools")
    pdftoppm = require_tool("pdftoppm", "poppler-utils")
    site_url = str(printed.data.clinic.site_url)
    for tid in printed.data.treatments:
        image = tmp_path / tid
        pdf = printed.site / "pdf" / f"{tid}.pdf"
        subprocess.run(
            [pdftoppm, "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, image],
            check=True,
        )
        decoded = subprocess.run(
            [zbarimg, "--quiet", "--raw", f"{image}.png"], capture_output=True, text=True
        )
        assert decoded.returncode == 0, decoded.stderr
        assert decoded.stdout.strip().splitlines() == [page_address(site_url, recovery_uri(tid))]


def test_handout_pages_link_their_pdf(printed: Printed) -> None:
    for tid in printed.data.treatments:
        handout = (printed.site / "handouts" / tid / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'id="pdf-[^"]+"><a href="([^"]+)"', handout)
        assert links == [f"../../pdf/{tid}.pdf"]
        assert (printed.site / "handouts" / tid / links[0]).resolve().is_file()


def test_treatment_page_pdf_has_content_on_every_page_and_no_chrome(printed: Printed) -> None:
    for tid, treatment in printed.data.treatments.items():
        pdf = printed.site / "pdf" / "treatments" / f"{tid}.pdf"
        pages = int(pdf_info(pdf)["Pages"])
        for number in range(1, pages + 1):
            assert pdf_text(pdf, number).strip(), f"{tid}: page {number} of {pages} is blank"
        text = pdf_text(pdf)
        assert treatment.name in text
        assert printed.data.clinic.phone in text
        # The header's site name, the search box, the tabs and sidebars, the footer's links.
        for chrome in (
            "patient information",
            "Search",
            "Skip to content",
            "Aftercare handouts",
            "Back to top",
            "Previous",
        ):
            assert chrome not in text, (tid, chrome)
        assert "../" not in text


def test_faq_answers_print_open_without_javascript(printed: Printed, tmp_path: Path) -> None:
    """Print media emulation with JavaScript off: only the print stylesheet opens the answers."""
    executable = require_chromium()
    with serve_directory(printed.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_context(java_script_enabled=False).new_page()
        page.emulate_media(media="print")
        for tid in printed.data.treatments:
            page.goto(f"{base}treatments/{tid}/")
            page.pdf(path=tmp_path / f"{tid}.pdf", format="Letter")
        browser.close()
    for tid, treatment in printed.data.treatments.items():
        pdf = tmp_path / f"{tid}.pdf"
        text = pdf_text(pdf)
        pages = int(pdf_info(pdf)["Pages"])
        assert all(pdf_text(pdf, n) for n in range(1, pages + 1)), f"{tid}: a blank page"
        for qa in treatment.faq:
            assert plain(qa.answer) in text, (tid, qa.question)
        assert "concerns/" in text, "internal links print their short address"


def test_letter_paper_handouts_fit_too(printed: Printed, tmp_path: Path) -> None:
    out = tmp_path / "letter"
    result = run_cli_process(printed.project, "pdf", "--paper", "letter", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "(Letter paper)" in result.stdout
    for tid in printed.data.treatments:
        info = pdf_info(out / f"{tid}.pdf")
        assert 1 <= int(info["Pages"]) <= 2, tid
        assert "(letter)" in info["Page size"]


def test_missing_chromium_exits_1_with_a_clear_message(tmp_path: Path) -> None:
    project = copy_project(FIXTURE_SITE, tmp_path / "project")
    env = {key: value for key, value in os.environ.items() if key != "CHROMIUM"}
    env["PATH"] = str(Path(sys.executable).parent)  # python, but no chromium
    result = run_cli_process(project, "pdf", env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "Error: no Chromium found: install Debian's chromium (sudo apt-get install chromium) "
        "or pass --chromium PATH"
    )
    wrong = run_cli(project, "pdf", "--chromium", str(tmp_path / "no-such-chromium"))
    assert wrong.returncode == 1
    assert f"no Chromium at '{tmp_path / 'no-such-chromium'}'" in wrong.stderr


def test_pdf_before_a_build_says_to_build_first(tmp_path: Path) -> None:
    require_chromium()
    project = copy_project(FIXTURE_SITE, tmp_path / "project")
    result = run_cli(project, "pdf")
    assert result.returncode == 1
    assert "build the site first (mkdocs build), then run clinicdocs pdf" in result.stderr
    assert not (project / "site").exists()


def test_print_button_shows_only_where_it_works(printed: Printed) -> None:
    """Visible on screen with JavaScript (it calls window.print()), hidden without it, and
    never on paper."""
    executable = require_chromium()
    url = "treatments/co2-fractional-laser/"
    seen = {}
    with serve_directory(printed.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for js, media in ((True, "screen"), (False, "screen"), (True, "print")):
            page = browser.new_context(java_script_enabled=js).new_page()
            page.emulate_media(media=media)  # type: ignore[arg-type]
            page.goto(base + url)
            button = page.get_by_role("button", name="Print this page")
            handout = page.get_by_role("link", name="Aftercare handout to print")
            seen[js, media] = (button.is_visible(), handout.is_visible())
        browser.close()
    assert seen == {
        (True, "screen"): (True, True),
        (False, "screen"): (False, True),
        (True, "print"): (False, False),
    }


def test_short_pages_print_without_a_blank_last_sheet(printed: Printed, tmp_path: Path) -> None:
    """Material's full-height layout used to push a blank second sheet out of one-sheet pages."""
    executable = require_chromium()
    urls = ["", "concerns/", *(f"concerns/{cid}/" for cid in printed.data.concerns), "handouts/"]
    with serve_directory(printed.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.emulate_media(media="print")
        for number, url in enumerate(urls):
            page.goto(base + url)
            page.pdf(path=tmp_path / f"{number}.pdf", format="A4")
        browser.close()
    for number, url in enumerate(urls):
        pdf = tmp_path / f"{number}.pdf"
        pages = int(pdf_info(pdf)["Pages"])
        assert pdf_text(pdf, pages), f"/{url}: sheet {pages} of {pages} is blank"


def test_an_untranslated_handout_prints_on_as_many_sheets_as_its_source(tmp_path: Path) -> None:
    """A treatment with no translation is printed in the Arabic and Chinese sites in English,
    under the notice saying so: on as many sheets as the English handout (its lists' bullets:
    `plugin/test_languages.py`). The
    longest sample treatment, copied untranslated, filled one sheet in English and ran onto a
    second, nearly empty one in the other languages."""
    require_chromium()
    project = copy_project(ROOT, tmp_path / "project")
    source = (project / "data" / "treatments" / "co2-fractional-laser.yml").read_text()
    assert "name: CO2 fractional laser\n" in source
    # An id that sorts last: one that sorts first meets another defect, tested on its own.
    (project / "data" / "treatments" / "zz-untranslated.yml").write_text(
        source.replace("name: CO2 fractional laser\n", "name: Beta untranslated laser\n")
    )
    built = run_mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    result = run_cli_process(project, "pdf")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    sheets = {
        code: int(pdf_info(site / folder / "pdf" / "zz-untranslated.pdf")["Pages"])
        for code, folder in (("en", "."), ("ar", "ar"), ("zh", "zh"))
    }
    assert sheets == {"en": 1, "ar": 1, "zh": 1}
    arabic = pdf_text(site / "ar" / "pdf" / "zz-untranslated.pdf")
    assert "Aftercare: Beta untranslated laser" in arabic
    assert "هذه الصفحة غير متوفرة بعد باللغة" in arabic  # the notice, on paper too


def test_figures_print_on_the_handout_only_when_marked_in_every_language(tmp_path: Path) -> None:
    """The skin laser's first figure is marked for the handout, the second is not; both are on
    its page. They are loaded lazily on screen, yet printed: Chromium loads them for paper."""
    require_chromium()
    project = figures_project(tmp_path / "project")
    built = run_mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    result = run_cli_process(project, "pdf", "--pages")
    assert result.returncode == 0, result.stderr
    pdf = project / "site" / "pdf"
    for folder in (pdf, project / "site" / "ar" / "pdf"):
        handout = pdf_text(folder / "skin-laser.pdf")
        page = pdf_text(folder / "treatments" / "skin-laser.pdf")
        # The SVG's own labels are text in the PDF: each printed copy of the diagram adds one
        # (in an Arabic page, poppler reorders the brackets around them).
        assert handout.count("Epidermis") == 1, folder
        assert page.count("Epidermis") == 2, folder
        assert int(pdf_info(folder / "skin-laser.pdf")["Pages"]) == 1
    assert "The laser works in the dermis, the middle layer." in pdf_text(pdf / "skin-laser.pdf")
