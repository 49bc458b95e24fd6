"""Translations (`clinicdocs.translations`): files beside their sources, checked against their
structure, their state (current / outdated / missing), the merged site in a language, the
commands and the lint warning.

The project is the tiny fixture site with `tests/fixtures/translated/` laid over it: languages
`[en, ar]`, Arabic translations of `full-laser`, `scars`, the glossary and the clinic; `bare-peel`
and two concerns have none. The golden bad cases `translation-*` in `tests/fixtures/bad/` (run by
`tests/data/test_load.py` like every bad case) hold the structure errors with their exact lines.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Annotated

import pytest
import yaml
from pydantic import Field, ValidationError
from ruamel.yaml import YAML

from clinicdocs.data.models import (
    TRANSLATABLE,
    Concern,
    GeneralAdvice,
    ShortText,
    Treatment,
    translation_model,
)
from clinicdocs.data.site import SiteData
from clinicdocs.errors import DataError
from clinicdocs.generate.pages import CONCERNS_INDEX, generate
from clinicdocs.i18n.language import load_language
from clinicdocs.lint.rules import lint_site
from clinicdocs.load import load_site
from clinicdocs.translations.authoring import stamp, translation_skeleton
from clinicdocs.translations.state import (
    RecordTranslation,
    TranslationState,
    site_in_language,
    translation_states,
)
from clinicdocs.translations.text import section_versions, source_version
from support.badcases import case_names, expected_lines
from support.projects import (
    DENTAL_SITE,
    FIXTURE_SITE,
    FIXTURES,
    copy_project,
    run_cli,
    run_mkdocs_build,
)

TRANSLATED = FIXTURES / "translated"
LANGUAGES = ("en", "ar")
FULL_LASER_AR = "data/treatments/full-laser.ar.yml"
ALT_AR = "رسم يبيّن طبقات الجلد الثلاث، من الطبقة الخارجية إلى الدهون تحتها."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the tiny site with its Arabic translations."""
    target = copy_project(FIXTURE_SITE, tmp_path / "project")
    shutil.copytree(TRANSLATED, target, dirs_exist_ok=True)
    return target


def load(project: Path) -> SiteData:
    return load_site(project / "data", project, languages=LANGUAGES)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_translations_load_beside_their_sources_and_are_not_records(project: Path) -> None:
    site = load(project)

    assert sorted(site.treatments) == ["bare-peel", "full-laser"]
    assert sorted(site.concerns) == ["dark-spots", "scars", "wrinkles"]
    assert site.languages == LANGUAGES
    assert sorted(site.translations["ar"]) == [
        "clinic",
        "concerns/scars",
        "glossary",
        "treatments/full-laser",
    ]
    assert site.translations["ar"]["treatments/full-laser"].source.display == FULL_LASER_AR


def test_a_translation_file_in_a_site_without_that_language_is_an_error(project: Path) -> None:
    with pytest.raises(DataError) as raised:
        load_site(project / "data", project)

    assert [str(p) for p in raised.value.problems] == [
        f"{name}: 'ar' is not one of the site's languages (en); add it to mkdocs.yml (plugins: - "
        "clinicdocs: languages: [...]), or rename the file."
        for name in (
            "data/clinic.ar.yml",
            "data/concerns/scars.ar.yml",
            "data/glossary.ar.yml",
            FULL_LASER_AR,
        )
    ]


def test_source_version_is_the_hash_of_the_translatable_text_only(project: Path) -> None:
    site = load(project)
    laser = site.treatments["full-laser"]

    # Pinned: translation files record this value, so its canonical form must not drift.
    assert source_version(laser) == "7010bd1a7147"
    unchanged = laser.model_copy(
        update={
            "sources": [],
            "review": laser.review.model_copy(update={"reviewed_on": None}),
            "concerns": ["scars"],
            "procedure_type": None,
        }
    )
    assert source_version(unchanged) == "7010bd1a7147"
    faq = [laser.faq[0], laser.faq[1].model_copy(update={"answer": "Three to six."})]
    assert source_version(laser.model_copy(update={"faq": faq})) != "7010bd1a7147"


def test_states_current_outdated_and_missing(project: Path) -> None:
    states = translation_states(load(project), "ar")

    assert {key: state.state.value for key, state in states.items()} == {
        "treatments/bare-peel": "missing",
        "treatments/full-laser": "current",
        "concerns/dark-spots": "missing",
        "concerns/scars": "current",
        "concerns/wrinkles": "missing",
        "glossary": "current",
        "clinic": "current",
    }
    assert states["concerns/scars"] == RecordTranslation(
        "concerns/scars",
        "ar",
        TranslationState.CURRENT,
        "reviewed",
        "data/concerns/scars.ar.yml",
        None,
        "Dr Test, dermatologist",
        states["concerns/scars"].reviewed_on,
    )
    assert str(states["concerns/scars"].reviewed_on) == "2026-02-01"
    assert states["treatments/full-laser"].translated_by == "Test translator"


def test_editing_source_text_outdates_the_translation_and_review_data_does_not(
    project: Path,
) -> None:
    source = project / "data/treatments/full-laser.yml"
    edit(source, "reviewed_on: 2026-01-15", "reviewed_on: 2026-03-01")
    edit(source, "title: Test source", "title: Another test source")
    assert translation_states(load(project), "ar")["treatments/full-laser"].state == "current"

    edit(source, "answer: It stings a little.", "answer: It stings a bit.")
    assert translation_states(load(project), "ar")["treatments/full-laser"].state == "outdated"


def test_site_in_language_applies_translations_and_keeps_the_rest(project: Path) -> None:
    site = load(project)

    arabic, states = site_in_language(site, "ar")

    laser = arabic.treatments["full-laser"]
    assert laser.name == "ليزر كامل"
    assert laser.on_the_day[0].detail == "يتم تنظيف الجلد."
    assert laser.on_the_day[1].detail is None
    assert laser.side_effects[1].how_common == "rare"  # not translatable: from the source
    assert laser.concerns == ["dark-spots", "scars"]
    assert laser.review == site.treatments["full-laser"].review
    # The general-advice mark comes from the source; the text from the translation.
    assert laser.not_suitable == [
        GeneralAdvice(text="الأشخاص الذين لديهم التهاب في المنطقة.", general_advice=True)
    ]
    assert laser.suits == ["الأشخاص الذين لديهم بقع داكنة."]
    assert arabic.treatments["bare-peel"] is site.treatments["bare-peel"]
    assert arabic.concerns["scars"].name == "الندبات"
    assert arabic.concerns["scars"].medical_condition is True
    assert arabic.concerns["wrinkles"] is site.concerns["wrinkles"]
    assert arabic.glossary is not None
    assert [t.term for t in arabic.glossary.terms] == ["الكولاجين", "فرط التصبغ التالي للالتهاب"]
    assert arabic.glossary.terms[1].also == ["PIH"]
    # The clinic: translated name, wording and disclaimer; address and numbers from the source.
    assert arabic.clinic.name == "عيادة الاختبار الصغيرة"
    assert arabic.clinic.emergency.number == "112"
    assert arabic.clinic.emergency.wording == "اتصل بالرقم 112 إذا لم تستطع التنفس."
    assert arabic.clinic.address == site.clinic.address
    assert arabic.clinic.phone == site.clinic.phone
    assert states["treatments/bare-peel"].state is TranslationState.MISSING
    # The source data is not changed by building another language.
    assert site.treatments["full-laser"].name == "Full laser"


def test_an_outdated_translation_is_still_applied(project: Path) -> None:
    edit(project / "data/concerns/scars.yml", "heals.", "has healed.")

    arabic, states = site_in_language(load(project), "ar")

    assert states["concerns/scars"].state is TranslationState.OUTDATED
    assert arabic.concerns["scars"].summary == "علامات تبقى بعد أن يلتئم الجلد."


def test_the_source_language_is_the_site_unchanged(project: Path) -> None:
    site = load(project)

    same, states = site_in_language(site, "en")

    assert same is site
    assert {state.state for state in states.values()} == {TranslationState.CURRENT}


def test_translation_models_follow_the_marks_of_any_model() -> None:
    """A clinic's own field, marked translatable, is translated and checked like the others."""

    class ClinicConcern(Concern):
        note: Annotated[ShortText, TRANSLATABLE] = Field(description="A note.")
        internal_code: str = Field(description="Not for patients.")

    model = translation_model(ClinicConcern)
    assert set(model.model_fields) == {
        "translation",
        "name",
        "also_known_as",
        "summary",
        "figures",
        "note",
    }
    header = {"source_version": "0123456789ab", "status": "draft"}
    with pytest.raises(ValidationError, match="raw HTML is not allowed"):
        model.model_validate({"translation": header, "note": "<b>x</b>"})
    with pytest.raises(ValidationError, match="Extra inputs"):
        model.model_validate({"translation": header, "internal_code": "x"})
    assert set(translation_model(Treatment).model_fields).isdisjoint(
        {"concerns", "sources", "procedure_type", "review", "lint_ignore"}
    )


def test_the_golden_translation_cases_name_every_kind_of_mismatch() -> None:
    assert {"translation-structure", "translation-files"} <= set(case_names())
    lines = "\n".join(expected_lines("translation-structure") + expected_lines("translation-files"))
    for needle in (
        "full-laser.ar.yml:24:3: side_effects: the translation has 1 side effect; its source "
        "(full-laser.yml) has 2. Translate every one, in the same order.",
        "full-laser.ar.yml:21:5: on_the_day[0].detail: missing; the source has a detail here ('The "
        "skin is cleaned.').",
        "full-laser.ar.yml:10:1: concerns: not translatable; it comes from full-laser.yml.",
        "full-laser.ar.yml:38:5: aftercare[1].avoid: the source (full-laser.yml) has no avoid here",
        "data/concerns/scars.fr.yml: 'fr' is not one of the site's languages (en, ar)",
        "data/treatments/no-such-thing.ar.yml: there is no source record for this translation",
        "data/glossary.ar.yml:6:13: terms[0].source: 'colagen' is not a term of glossary.yml; "
        "did you mean 'collagen'?",
        "dark-spots.ar.yml:2:3: translation: a reviewed translation needs 'reviewed_on'.",
    ):
        assert needle in lines
    # A missing translation is never an error, the clinic's included (`test_lag.py`).
    assert "file is missing" not in lines


def test_validate_reads_the_languages_from_mkdocs_yml(project: Path) -> None:
    result = run_cli(project, "validate")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "data is valid: 2 treatments, 3 concerns, 2 glossary terms.",
        "translations: ar: 4 current, 0 outdated, 3 missing.",
    ]


@pytest.mark.build
def test_the_build_stops_on_a_bad_translation(project: Path) -> None:
    edit(project / FULL_LASER_AR, "  - title: الليزر\n", "")

    result = run_mkdocs_build(project)

    assert result.returncode == 1
    assert (
        f"{FULL_LASER_AR}:23:3: on_the_day: the translation has 1 step; its source "
        "(full-laser.yml) has 2. Translate every one, in the same order." in result.stderr
    )


def test_translations_command_prints_the_state_table(project: Path) -> None:
    edit(project / "data/concerns/scars.yml", "heals.", "has healed.")

    result = run_cli(project, "translations")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "record                 ar",
        "treatments/bare-peel   missing",
        "treatments/full-laser  current (draft)",
        "concerns/dark-spots    missing",
        "concerns/scars         outdated (reviewed)",
        "concerns/wrinkles      missing",
        "glossary               current (draft)",
        "clinic                 current (draft)",
    ]


def test_stamp_records_the_current_source_version_and_changes_nothing_else(
    project: Path,
) -> None:
    edit(project / "data/treatments/full-laser.yml", "Three to five.", "3 to 5.")
    translation = project / FULL_LASER_AR
    before = translation.read_text(encoding="utf-8")

    result = run_cli(project, "translations", "stamp", FULL_LASER_AR)

    assert result.returncode == 0, result.stderr
    laser = load(project).treatments["full-laser"]
    version = source_version(laser)
    assert result.stdout == f"{FULL_LASER_AR}: source_version {version}\n"
    # The version, and each section's version at the block's end: nothing else changes.
    sections = "".join(f'    {name}: "{v}"\n' for name, v in section_versions(laser).items())
    assert list(section_versions(laser))[:3] == ["name", "also_known_as", "category"]
    assert translation.read_text(encoding="utf-8") == before.replace(
        '"7010bd1a7147"', f'"{version}"'
    ).replace(
        "  translated_by: Test translator\n",
        f"  translated_by: Test translator\n  sections:\n{sections}",
    )
    assert translation_states(load(project), "ar")["treatments/full-laser"].state == "current"
    again = run_cli(project, "translations", "stamp", FULL_LASER_AR)
    assert again.stdout == f"{FULL_LASER_AR}: source_version {version} (unchanged)\n"


def test_stamp_quotes_a_version_yaml_would_read_as_a_number(project: Path) -> None:
    translation = project / FULL_LASER_AR
    for version in ("012345678901", "123456e78901"):
        assert stamp(translation, version)
        text = translation.read_text(encoding="utf-8")
        # Both readers the loader uses: ruamel (YAML 1.2) and libyaml through PyYAML (YAML 1.1).
        for loaded in (YAML(typ="safe").load(text), yaml.safe_load(text)):
            assert loaded["translation"]["source_version"] == version
        assert not stamp(translation, version)


def test_stamp_refuses_a_file_that_is_not_a_translation(project: Path) -> None:
    result = run_cli(project, "translations", "stamp", "data/treatments/full-laser.yml")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/treatments/full-laser.yml: is not a translation file; translations are named "
        "<id>.<code>.yml and lie beside their source, e.g. data/treatments/full-laser.ar.yml.",
        "1 problem found.",
    ]


def test_new_translation_writes_a_valid_skeleton_and_never_overwrites(project: Path) -> None:
    result = run_cli(project, "new", "translation", "treatments/bare-peel", "ar")

    assert result.returncode == 0, result.stderr
    written = project / "data/treatments/bare-peel.ar.yml"
    text = written.read_text(encoding="utf-8")
    assert text.splitlines()[:6] == [
        "# yaml-language-server: $schema=../../schema/treatment-translation.schema.json",
        "# The 'ar' translation of bare-peel.yml. Replace each text below with its",
        "# translation; keep every item, in the same order. Then run `clinicdocs validate`.",
        "translation:",
        f"  source_version: {source_version(load(project).treatments['bare-peel'])}",
        "  status: draft",
    ]
    assert "lint_ignore" not in text
    assert "concerns" not in text
    states = translation_states(load(project), "ar")
    assert states["treatments/bare-peel"].state is TranslationState.CURRENT

    again = run_cli(project, "new", "translation", "treatments/bare-peel", "ar")
    assert again.returncode == 1
    assert "data/treatments/bare-peel.ar.yml already exists; it was not changed" in again.stderr
    assert written.read_text(encoding="utf-8") == text


def test_new_translation_of_the_clinic_leaves_out_name_and_address(project: Path) -> None:
    (project / "data/clinic.ar.yml").unlink()

    result = run_cli(project, "new", "translation", "clinic", "ar")

    assert result.returncode == 0, result.stderr
    text = (project / "data/clinic.ar.yml").read_text(encoding="utf-8")
    assert "wording: Call 112 if you cannot breathe." in text
    # Left out as fields; the `translation.sections` block still records their versions.
    assert re.search(r"(?m)^(short_)?name:", text) is None
    assert re.search(r"(?m)^address:", text) is None
    assert re.search(r"(?m)^    name: \"[0-9a-f]{12}\"$", text) is not None
    assert run_cli(project, "validate").returncode == 0


def test_new_translation_refuses_an_undeclared_language_and_a_bad_record(project: Path) -> None:
    french = run_cli(project, "new", "translation", "concerns/wrinkles", "fr")
    assert french.returncode == 1
    assert "'fr' is not one of the site's languages to translate into (ar;" in french.stderr
    bad = run_cli(project, "new", "translation", "wrinkles", "ar")
    assert bad.returncode == 2
    assert "'wrinkles' is not a record" in bad.stderr
    assert not list((project / "data").rglob("*.fr.yml"))


def test_lint_warns_about_an_outdated_translation_at_its_source_version_line(
    project: Path,
) -> None:
    edit(project / "data/concerns/scars.yml", "heals.", "has healed.")

    result = run_cli(project, "lint")

    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stdout.splitlines() if "[translation]" in line]
    assert re.fullmatch(
        r"data/concerns/scars\.ar\.yml:3:19: translation\.source_version: warning\[translation\]: "
        r"the 'ar' translation was made from an older version of scars\.yml \(330ffd4160e4; the "
        r"source is now [0-9a-f]{12}\), so it may be out of date; bring it up to date with the "
        r"source's text, then run `clinicdocs translations stamp data/concerns/scars\.ar\.yml`\.",
        line,
    )
    assert run_cli(project, "lint", "--strict").returncode == 1


def test_english_only_lint_rules_do_not_read_translations(project: Path) -> None:
    # A claim word in the Arabic file is not an English claim; only the source is linted.
    edit(project / FULL_LASER_AR, "answer: يلسع قليلا.", "answer: painless guaranteed TODO.")

    report = lint_site(load(project))

    assert not [f for f in report.findings if f.file.endswith(".ar.yml")]


def test_the_editorial_status_page_lists_each_records_translation_state(project: Path) -> None:
    from clinicdocs.lint.editorial import status_page
    from clinicdocs.lint.rules import LintSettings

    site = load(project)

    page = status_page(site, lint_site(site), LintSettings())

    section = page.split("## Translations\n", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("|")]
    assert table[0] == "| Record | ar |"
    assert "| `treatments/full-laser` | current (draft) |" in table
    assert "| `concerns/scars` | current (reviewed) |" in table
    assert "| `treatments/bare-peel` | missing |" in table
    one_language = load_site(FIXTURE_SITE / "data", FIXTURE_SITE)
    assert "## Translations" not in status_page(
        one_language, lint_site(one_language), LintSettings()
    )


def test_another_clinic_file_needs_its_own_translations(project: Path) -> None:
    (project / "clinics").mkdir()
    shutil.copy(project / "data/clinic.yml", project / "clinics/harbour.yml")

    result = run_cli(project, "validate", "--clinic", "clinics/harbour.yml")
    listed = run_cli(project, "translations", "--clinic", "clinics/harbour.yml")

    # Missing, not an error: the Arabic pages show the clinic's texts in English until then.
    assert result.returncode == 0, result.stderr
    assert listed.stdout.splitlines()[-1] == "clinic                 missing"
    made = run_cli(project, "new", "translation", "clinic", "ar", "--clinic", "clinics/harbour.yml")
    assert made.returncode == 0, made.stderr
    assert (project / "clinics/harbour.ar.yml").is_file()
    listed = run_cli(project, "translations", "--clinic", "clinics/harbour.yml")
    assert listed.stdout.splitlines()[-1] == "clinic                 current (draft)"


def test_a_one_language_site_has_no_translations_to_show(tiny_project: Path) -> None:
    result = run_cli(tiny_project, "translations")

    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "the site has one language (en); declare more in mkdocs.yml: plugins: - clinicdocs: "
        "languages: [en, ar]\n"
    )


def test_names_and_glossary_terms_stay_unique_in_every_language(project: Path) -> None:
    edit(project / "data/glossary.ar.yml", "also: [PIH]", "also: [الكولاجين]")
    (project / "data/concerns/wrinkles.ar.yml").write_text(
        "translation:\n  source_version: 000000000000\n  status: draft\n"
        "name: الندبات\nsummary: خطوط في الجلد.\n",
        encoding="utf-8",
    )

    result = run_cli(project, "validate")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/concerns/wrinkles.ar.yml:4:7: name: name 'الندبات' is already used by "
        "data/concerns/scars.ar.yml.",
        "data/glossary.ar.yml:11:12: terms[1].also[0]: 'الكولاجين' is already in the glossary "
        "(line 7).",
        "2 problems found.",
    ]


def test_a_clinic_without_its_translation_puts_no_source_words_in_another_language(
    tmp_path: Path,
) -> None:
    """The dental practice's words ('teeth', 'the dental practice') are English: a language
    without the clinic's translation gets the texts that name no domain, and the clinic's name."""
    dental = copy_project(DENTAL_SITE, tmp_path / "dental")
    (dental / "data" / "clinic.ar.yml").unlink()
    site = load_site(dental / "data", dental, languages=["en", "ar", "zh"])

    arabic, _ = site_in_language(site, "ar")
    chinese, _ = site_in_language(site, "zh")

    assert (arabic.clinic.covers, arabic.clinic.help_contact) == (None, "Tiny Test Dental Practice")
    assert (chinese.clinic.covers, chinese.clinic.help_contact) == ("牙齿", "牙科诊所")
    assert (site.clinic.covers, site.clinic.help_contact) == ("teeth", "the dental practice")
    index = generate(arabic, language=load_language("ar")).pages[CONCERNS_INDEX]
    front_matter = yaml.safe_load(index.split("---\n")[1])
    assert front_matter["title"] == "المشكلات"
    assert "teeth" not in index


def test_figures_words_are_translated_and_fall_back_as_other_fields_do(project: Path) -> None:
    """The figures' overlay (tests/fixtures/figures/) translates the skin laser's alt text. A
    translation made before the source had figures shows the source's words for them, as for
    any field it lacks; an outdated one keeps its own words, as other fields do."""
    shutil.copytree(FIXTURES / "figures" / "data", project / "data", dirs_exist_ok=True)
    shutil.copytree(FIXTURES / "figures" / "assets", project / "assets")
    arabic, states = site_in_language(load(project), "ar")
    assert states["treatments/skin-laser"].state is TranslationState.CURRENT
    figures = arabic.treatments["skin-laser"].figures
    assert [f.alt for f in figures] == [ALT_AR, "الرسم نفسه، على صفحة الموقع فقط."]
    assert [(f.file, f.handout) for f in figures] == [
        ("assets/figures/skin-layers.svg", True),
        ("assets/figures/skin-layers.svg", False),
    ]
    source = project / "data" / "treatments" / "skin-laser.yml"
    edit(source, "alt: The same diagram, shown", "alt: The diagram again, shown")

    arabic, states = site_in_language(load(project), "ar")

    assert states["treatments/skin-laser"].state is TranslationState.OUTDATED
    assert arabic.treatments["skin-laser"].figures[0].alt == ALT_AR

    translation = project / "data" / "treatments" / "skin-laser.ar.yml"
    text = translation.read_text(encoding="utf-8")
    translation.write_text(text[: text.index("\nfigures:") + 1], encoding="utf-8")

    arabic, _ = site_in_language(load(project), "ar")

    assert [f.alt for f in arabic.treatments["skin-laser"].figures] == [
        "Diagram of the skin's three layers, from the outer layer down to the fat below.",
        "The diagram again, shown on the web page only.",
    ]
    assert arabic.treatments["skin-laser"].name == "ليزر الجلد"


def test_a_new_translations_skeleton_holds_the_figures_words() -> None:
    record = Concern.model_validate(
        {
            "name": "Sun damage",
            "summary": "Changes in the skin.",
            "figures": [{"file": "a.svg", "alt": "A diagram.", "handout": True}],
        }
    )
    skeleton = yaml.safe_load(translation_skeleton(record, "concerns/sun", "ar", "../../schema"))
    assert skeleton["figures"] == [{"alt": "A diagram."}]
