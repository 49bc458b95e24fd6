"""Translations that lag behind their sources (issue 14, point 2): an outdated or missing
translation is never a validation error, in any record kind; the glossary's terms are translated
one by one, each naming the source term it translates.

The project is the tiny fixture site with `tests/fixtures/translated/` laid over it (as in
`test_translations.py`): Arabic translations of `full-laser`, `scars`, the glossary (two terms)
and the clinic.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clinicdocs.data.site import SiteData
from clinicdocs.load import load_site
from clinicdocs.translations.state import TranslationState, site_in_language
from support.projects import FIXTURE_SITE, FIXTURES, copy_project, run_cli

TRANSLATED = FIXTURES / "translated"

NEW_TERM = (
    "  - term: photosensitivity\n    definition: Skin that reacts more than usual to sunlight.\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the tiny site with its Arabic translations."""
    target = copy_project(FIXTURE_SITE, tmp_path / "project")
    shutil.copytree(TRANSLATED, target, dirs_exist_ok=True)
    return target


def load(project: Path) -> SiteData:
    return load_site(project / "data", project, languages=("en", "ar"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(text)


def test_an_english_only_glossary_term_is_valid_and_listed_as_missing(project: Path) -> None:
    append(project / "data/glossary.yml", NEW_TERM)

    validated = run_cli(project, "validate")
    listed = run_cli(project, "translations")

    assert validated.returncode == 0, validated.stderr
    assert validated.stderr == ""
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "record                            ar",
        "treatments/bare-peel              missing",
        "treatments/full-laser             current (draft)",
        "concerns/dark-spots               missing",
        "concerns/scars                    current (reviewed)",
        "concerns/wrinkles                 missing",
        "glossary                          outdated (draft)",
        "glossary term 'photosensitivity'  missing",
        "clinic                            current (draft)",
    ]


def test_an_untranslated_term_is_left_out_of_the_language_and_the_others_stay(
    project: Path,
) -> None:
    append(project / "data/glossary.yml", NEW_TERM)

    arabic, states = site_in_language(load(project), "ar")

    assert states["glossary"].state is TranslationState.OUTDATED
    assert arabic.glossary is not None
    assert [t.term for t in arabic.glossary.terms] == [
        "الكولاجين",
        "فرط التصبغ التالي للالتهاب",
    ]


def test_source_terms_reordered_or_removed_keep_each_translation_with_its_term(
    project: Path,
) -> None:
    (project / "data/glossary.yml").write_text(
        "terms:\n"
        "  - term: post-inflammatory hyperpigmentation\n"
        "    also: [PIH]\n"
        "    definition: Dark marks left after skin has been irritated.\n"
        "  - term: elastin\n"
        "    definition: A protein that lets skin stretch and spring back.\n",
        encoding="utf-8",
    )

    validated = run_cli(project, "validate")
    arabic, _ = site_in_language(load(project), "ar")

    assert validated.returncode == 0, validated.stderr
    assert arabic.glossary is not None
    assert [(t.term, t.definition) for t in arabic.glossary.terms] == [
        ("فرط التصبغ التالي للالتهاب", "علامات داكنة تبقى بعد تهيج الجلد."),
    ]
    assert "glossary term 'elastin'" in run_cli(project, "translations").stdout


def test_a_current_glossary_translation_must_name_real_terms_once(project: Path) -> None:
    glossary_ar = project / "data/glossary.ar.yml"
    edit(glossary_ar, "source: post-inflammatory hyperpigmentation", "source: collagen")

    result = run_cli(project, "validate")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/glossary.ar.yml:9:13: terms[1].source: 'collagen' is translated twice (also item "
        "1); keep one.",
        "1 problem found.",
    ]


def test_an_outdated_translation_whose_source_gained_items_is_valid_and_shows_the_source_there(
    project: Path,
) -> None:
    source = project / "data/treatments/full-laser.yml"
    edit(
        source,
        "red_flags:\n  - Spreading redness.\n",
        "red_flags:\n  - Spreading redness.\n  - A fever.\n",
    )
    edit(source, "  - when: First month\n    do: [Use SPF 30.]\n", "")

    validated = run_cli(project, "validate")
    arabic, states = site_in_language(load(project), "ar")

    assert validated.returncode == 0, validated.stderr
    assert states["treatments/full-laser"].state is TranslationState.OUTDATED
    laser = arabic.treatments["full-laser"]
    assert laser.name == "ليزر كامل"  # translated where the shapes agree
    assert laser.red_flags == ["Spreading redness.", "A fever."]
    assert [stage.when for stage in laser.aftercare] == ["First day"]


def test_new_glossary_translation_names_each_source_term(project: Path) -> None:
    (project / "data/glossary.ar.yml").unlink()

    result = run_cli(project, "new", "translation", "glossary", "ar")

    assert result.returncode == 0, result.stderr
    text = (project / "data/glossary.ar.yml").read_text(encoding="utf-8")
    assert text.splitlines()[1:4] == [
        "# The 'ar' translation of glossary.yml. Replace each text below with its",
        "# translation; keep each item's `source:` as it is (it names the item translated).",
        "# An item not yet translated may be left out. Then run `clinicdocs validate`.",
    ]
    assert "  - source: collagen\n    term: collagen\n" in text
    assert "  - source: post-inflammatory hyperpigmentation\n" in text
    assert run_cli(project, "validate").returncode == 0
