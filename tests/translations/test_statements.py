"""Statements translated once: `data/statements.<code>.yml` beside `data/statements.yml`, each
statement named by its id (`source:`); a record's translation leaves out its `use:` items, and
each language's pages show the statement's translation, or the source's text marked as not
translated.

The project is the tiny site with its Arabic translations (`tests/fixtures/translated/`), where
full-laser uses two statements (`support.statements`); only `infection` is translated."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from clinicdocs.data.site import SiteData
from clinicdocs.data.statements import UsedAdvice, UsedText
from clinicdocs.errors import DataError
from clinicdocs.load import load_site
from clinicdocs.translations.authoring import stamp
from clinicdocs.translations.state import TranslationState, site_in_language, translation_states
from clinicdocs.translations.text import section_versions, source_version
from support.projects import FIXTURE_SITE, FIXTURES, copy_project, run_cli, run_mkdocs_build
from support.statements import use_statements

LANGUAGES = ("en", "ar")
INFECTION_AR = "الأشخاص الذين لديهم التهاب في المنطقة."
STATEMENTS_AR = f"""\
translation:
  source_version: "000000000000"
  status: draft
statements:
  - source: infection
    text: {INFECTION_AR}
"""


def load(project: Path) -> SiteData:
    return load_site(project / "data", project, languages=LANGUAGES)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The tiny site in English and Arabic, full-laser using two statements, one translated."""
    target = copy_project(FIXTURE_SITE, tmp_path / "project")
    shutil.copytree(FIXTURES / "translated", target, dirs_exist_ok=True)
    use_statements(target)
    # The record's translation no longer holds the statement it now uses by id.
    laser_ar = target / "data/treatments/full-laser.ar.yml"
    text = laser_ar.read_text(encoding="utf-8")
    old = f"not_suitable:\n  - {INFECTION_AR}\n"
    assert old in text
    laser_ar.write_text(text.replace(old, ""), encoding="utf-8")
    (target / "data/statements.ar.yml").write_text(STATEMENTS_AR, encoding="utf-8")
    # Both translations are outdated until stamped: loaded, not held to their sources' shape.
    site = load(target)
    for path, key in (
        (laser_ar, "treatments/full-laser"),
        (target / "data/statements.ar.yml", "statements"),
    ):
        record = site.record(key)
        stamp(path, source_version(record), section_versions(record))
    return target


def test_a_statement_translated_once_shows_in_the_language(project: Path) -> None:
    site = load(project)

    arabic, states = site_in_language(site, "ar")

    assert states["treatments/full-laser"].state is TranslationState.CURRENT
    assert states["statements"].state is TranslationState.CURRENT
    laser = arabic.treatments["full-laser"]
    (infection,) = laser.not_suitable
    assert isinstance(infection, UsedAdvice)
    assert (infection.text, infection.language) == (INFECTION_AR, None)
    # Not translated yet: the source's text, marked with the source's language.
    keep_clean, sun = laser.aftercare[0].do
    assert keep_clean == "حافظ على نظافته."
    assert isinstance(sun, UsedText)
    assert (str(sun), sun.language) == ("Protect the treated skin from the sun.", "en")
    # The source language's site keeps its own text, unmarked.
    assert site.treatments["full-laser"].aftercare[0].do[1].language is None


def test_a_records_translation_does_not_repeat_a_statement_it_uses(project: Path) -> None:
    laser_ar = project / "data/treatments/full-laser.ar.yml"
    text = laser_ar.read_text(encoding="utf-8")
    laser_ar.write_text(
        text.replace("cautions:\n", f"not_suitable:\n  - {INFECTION_AR}\ncautions:\n"),
        encoding="utf-8",
    )

    with pytest.raises(DataError) as raised:
        load(project)

    assert [p.message for p in raised.value.problems] == [
        "the source (full-laser.yml) has no not suitable here; remove it: a translation holds "
        "only the texts its source has"
    ]


def test_changing_a_statement_outdates_its_translation_not_the_records(project: Path) -> None:
    path = project / "data/statements.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("in the area.", "in the treated area."),
        encoding="utf-8",
    )

    arabic, states = site_in_language(load(project), "ar")

    assert states["treatments/full-laser"].state is TranslationState.CURRENT
    assert states["statements"].state is TranslationState.OUTDATED
    assert states["statements"].changed == ("statements/infection",)
    # The Arabic text was made from the older English one: the page shows the source's.
    (infection,) = arabic.treatments["full-laser"].not_suitable
    assert (infection.text, infection.language) == (
        "People with an infection in the area.".replace("the area", "the treated area"),
        "en",
    )


def test_a_statements_new_translation_shows_in_a_record_not_translated(project: Path) -> None:
    # The record's own translation gone, its page in Arabic is the source's, with the
    # statements' Arabic texts; loaded again in the same process (as the preview does after an
    # edit), the record is the same object and only the statements' translation changed.
    (project / "data/treatments/full-laser.ar.yml").unlink()
    first, _ = site_in_language(load(project), "ar")
    path = project / "data/statements.ar.yml"
    newer = "الأشخاص المصابون بالتهاب في المنطقة."
    path.write_text(path.read_text(encoding="utf-8").replace(INFECTION_AR, newer), "utf-8")

    second, _ = site_in_language(load(project), "ar")

    (before,) = first.treatments["full-laser"].not_suitable
    (after,) = second.treatments["full-laser"].not_suitable
    assert isinstance(before, UsedAdvice)
    assert isinstance(after, UsedAdvice)
    assert (before.text, after.text) == (INFECTION_AR, newer)


def test_the_commands_know_the_statements_translation(project: Path) -> None:
    (project / "data/statements.ar.yml").unlink()

    table = run_cli(project, "translations")
    written = run_cli(project, "new", "translation", "statements", "ar")

    assert "statements             missing" in table.stdout.splitlines()
    assert written.returncode == 0, written.stderr
    skeleton = (project / "data/statements.ar.yml").read_text(encoding="utf-8")
    assert skeleton.startswith(
        "# yaml-language-server: $schema=../schema/statements-translation.schema.json\n"
    )
    assert "source: infection" in skeleton
    assert "source: sun-protection" in skeleton
    states = translation_states(load(project), "ar")
    assert states["statements"].state is TranslationState.CURRENT


@pytest.mark.build
def test_the_pages_show_the_statements_text_never_their_ids(project: Path) -> None:
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"

    for page, infection, sun in (
        (
            "treatments/full-laser/index.html",
            "People with an infection in the area.",
            "Protect the treated skin from the sun.",
        ),
        (
            "ar/treatments/full-laser/index.html",
            INFECTION_AR,
            "Protect the treated skin from the sun. (لم تُترجم بعد)",
        ),
    ):
        html = (site / page).read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        items = [li.get_text(" ", strip=True) for li in soup.select("article li")]
        assert any(item.startswith(infection) for item in items), page
        # The general-advice mark follows the statement wherever it is used.
        advice = next(item for item in items if item.startswith(infection))
        assert advice != infection, page
        assert sun in items, page
        assert "sun-protection" not in html, page
        assert "use:" not in html, page
    # The untranslated statement is marked as English and isolated, so it reads left to right.
    arabic = BeautifulSoup(
        (site / "ar/treatments/full-laser/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    # (So are the name and other names of the concern it treats that has no Arabic translation.)
    assert [b.get_text() for b in arabic.select('article li bdi[lang="en"]')] == [
        "Dark spots",
        "sunspots",
        "age spots",
        "Protect the treated skin from the sun.",
    ]
    api = json.loads((site / "api/treatments/full-laser.json").read_text(encoding="utf-8"))
    assert api["aftercare"][0]["do"][1] == "Protect the treated skin from the sun."


def test_a_new_translation_of_a_record_leaves_out_the_statements_it_uses(project: Path) -> None:
    (project / "data/treatments/full-laser.ar.yml").unlink()

    written = run_cli(project, "new", "translation", "treatments/full-laser", "ar")

    assert written.returncode == 0, written.stderr
    skeleton = (project / "data/treatments/full-laser.ar.yml").read_text(encoding="utf-8")
    assert "not_suitable" not in skeleton  # its one item is a statement used by id
    assert "{}" not in skeleton
    assert "Protect the treated skin" not in skeleton
    assert "      - Keep it clean.\n" in skeleton
    states = translation_states(load(project), "ar")
    assert states["treatments/full-laser"].state is TranslationState.CURRENT


def test_using_another_statement_does_not_outdate_the_records_translation(
    project: Path,
) -> None:
    laser = project / "data/treatments/full-laser.yml"
    text = laser.read_text(encoding="utf-8")
    laser.write_text(
        text.replace("      - use: sun-protection\n", "")
        .replace("get_help:\n  urgent:\n", "get_help:\n  urgent:\n    - use: sun-protection\n")
        .replace("before:\n", "before:\n  - use: infection\n"),
        encoding="utf-8",
    )

    states = translation_states(load(project), "ar")

    assert states["treatments/full-laser"].state is TranslationState.CURRENT
