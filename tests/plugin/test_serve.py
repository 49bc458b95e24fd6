"""`mkdocs serve --livereload` previews the site and rebuilds it when data or templates change.

Each test starts a real `mkdocs serve` in a copy of the tiny fixture site, edits files the way a
clinic's editor would, and polls the served page until the edit shows (or a generous deadline
passes). `--livereload` is passed explicitly: with mkdocs 1.6.1 and click 8.2.2 to 8.3.x plain
`mkdocs serve` watches nothing (mkdocs/mkdocs#4032, fixed in click 8.4.0), and the flag works with
every click version, so it is the command the README gives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from clinicdocs.generate.render import PACKAGE_TEMPLATES
from support.preview import STARTUP_SECONDS, Preview
from support.projects import ROOT, copy_project

pytestmark = pytest.mark.build

TREATMENT_PAGE = "treatments/full-laser/"
CONCERN_PAGE = "concerns/dark-spots/"
ORIGINAL_SUMMARY = "A test treatment with every section filled in."


def test_data_change_rebuilds_the_preview(
    tiny_project: Path, start_preview: Callable[..., Preview]
) -> None:
    preview = start_preview(tiny_project, "--livereload")
    preview.wait_for(
        TREATMENT_PAGE, lambda text: ORIGINAL_SUMMARY in text, "the first build", STARTUP_SECONDS
    )

    record = tiny_project / "data" / "treatments" / "full-laser.yml"
    source = record.read_text()
    assert f"summary: {ORIGINAL_SUMMARY}\n" in source
    record.write_text(source.replace(ORIGINAL_SUMMARY, "Summary edited while the preview runs."))

    text = preview.wait_for(
        TREATMENT_PAGE,
        lambda text: "Summary edited while the preview runs." in text,
        "the edited summary",
    )
    assert ORIGINAL_SUMMARY not in text


@pytest.mark.parametrize("templates_at_start", [True, False], ids=["templates-dir", "no-templates"])
def test_project_template_override_rebuilds_the_preview(
    tiny_project: Path, start_preview: Callable[..., Preview], templates_at_start: bool
) -> None:
    """A clinic that adds `templates/pages/concern.md.j2` while previewing sees it at once, even
    when the project had no `templates/` folder when the server started (the tiny site has none)."""
    overrides = tiny_project / "templates" / "pages"
    assert not overrides.exists()
    if templates_at_start:
        overrides.mkdir(parents=True)
    preview = start_preview(tiny_project, "--livereload")
    first = preview.wait_for(
        CONCERN_PAGE, lambda text: "Dark spots" in text, "the first build", STARTUP_SECONDS
    )
    assert "Project override" not in first

    # Created in one go, as `mkdir -p` followed by `cp` would: the folder and the file appear
    # before any watcher could have noticed the folder alone.
    overrides.mkdir(parents=True, exist_ok=True)
    default = (PACKAGE_TEMPLATES / "concern.md.j2").read_text()
    override = overrides / "concern.md.j2"
    override.write_text(default + "\nProject override one.\n")
    preview.wait_for(
        CONCERN_PAGE, lambda text: "Project override one." in text, "the new project template"
    )

    # The folder is watched from now on: a later edit to the override shows too.
    override.write_text(default + "\nProject override number two.\n")
    text = preview.wait_for(
        CONCERN_PAGE,
        lambda text: "Project override number two." in text,
        "the edited project template",
    )
    assert "Project override one." not in text


def test_content_findings_never_stop_the_preview_and_show_on_the_page(
    tmp_path: Path, start_preview: Callable[..., Preview]
) -> None:
    """The sample says `strict: true`. Editing the English summary of a treatment translated
    into Arabic and Chinese makes both translations outdated (lint warnings): the preview
    rebuilds all the same, and the treatment's page lists the findings for its editor."""
    project = copy_project(ROOT, tmp_path / "sample")
    assert "strict: true" in (project / "mkdocs.yml").read_text()
    page = "treatments/laser-mesotherapy/"
    preview = start_preview(project, "--livereload")
    first = preview.wait_for(
        page, lambda text: "Laser mesotherapy" in text, "the first build", STARTUP_SECONDS
    )
    assert "Preview only" not in first

    record = project / "data" / "treatments" / "laser-mesotherapy.yml"
    source = record.read_text()
    assert "summary: >-\n  A low-level laser" in source
    record.write_text(source.replace("summary: >-\n  ", "summary: >-\n  Edited in English. ", 1))
    preview.wait_for(page, lambda text: "Edited in English." in text, "the edited summary")

    article = preview.article(page)
    assert article is not None
    box = article.select_one("details.cd-preview-findings[open]")
    assert box is not None
    summary = box.find("summary")
    assert summary is not None
    assert summary.get_text() == ("Preview only: 2 content findings for this page (click to fold)")
    places = [code.get_text() for code in box.select("li > code")]
    assert places == [
        "data/treatments/laser-mesotherapy.ar.yml:4:19",
        "data/treatments/laser-mesotherapy.zh.yml:4:19",
    ]
    assert "the 'ar' translation was made from an older version" in box.get_text()
    log = preview.log.read_text()
    assert "Aborted" not in log
    assert "An error happened during the rebuild" not in log
    # A page about another record shows no box.
    other = preview.article("treatments/co2-fractional-laser/")
    assert other is not None
    assert other.select_one("details.cd-preview-findings") is None
