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
from bs4 import BeautifulSoup

from clinicdocs.data.site import SiteData
from clinicdocs.i18n.language import load_language
from clinicdocs.load import load_site
from clinicdocs.translations.state import (
    TranslationState,
    site_in_language,
    translation_states,
)
from support.projects import (
    FIXTURE_SITE,
    FIXTURES,
    ROOT,
    build_project,
    copy_project,
    run_cli,
    run_mkdocs_build,
)

TRANSLATED = FIXTURES / "translated"
FULL_LASER = "data/treatments/full-laser.yml"
FULL_LASER_AR = "data/treatments/full-laser.ar.yml"

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
    assert validated.stdout.splitlines()[-1] == (
        "translations: ar: 3 current, 1 outdated, 3 missing, 1 glossary term untranslated."
    )
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


def test_a_glossary_translation_from_before_source_names_gets_the_line_to_add(
    project: Path,
) -> None:
    glossary_ar = project / "data/glossary.ar.yml"
    text = glossary_ar.read_text(encoding="utf-8")
    # The format before terms named their source: matched by position.
    text = text.replace("  - source: collagen\n    term:", "  - term:")
    text = text.replace("  - source: post-inflammatory hyperpigmentation\n    term:", "  - term:")
    glossary_ar.write_text(text, encoding="utf-8")

    result = run_cli(project, "validate")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/glossary.ar.yml:6:5: terms[0].source: missing; name the item of glossary.yml that "
        "this translates, as written there; if it translates the term at the same place in the "
        "source, add `source: collagen`.",
        "data/glossary.ar.yml:8:5: terms[1].source: missing; name the item of glossary.yml that "
        "this translates, as written there; if it translates the term at the same place in the "
        "source, add `source: post-inflammatory hyperpigmentation`.",
        "2 problems found.",
    ]


def test_a_repeated_spelling_in_a_reordered_glossary_translation_points_at_its_item(
    project: Path,
) -> None:
    glossary_ar = project / "data/glossary.ar.yml"
    header = glossary_ar.read_text(encoding="utf-8").split("terms:\n")[0]
    glossary_ar.write_text(
        header + "terms:\n"
        "  - source: post-inflammatory hyperpigmentation\n"
        "    term: فرط التصبغ التالي للالتهاب\n"
        "    also: [الكولاجين]\n"
        "    definition: علامات داكنة تبقى بعد تهيج الجلد.\n"
        "  - source: collagen\n"
        "    term: الكولاجين\n"
        "    definition: بروتين يحافظ على تماسك الجلد.\n",
        encoding="utf-8",
    )

    result = run_cli(project, "validate")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/glossary.ar.yml:11:11: terms[1].term: 'الكولاجين' is already in the glossary, "
        "under 'فرط التصبغ التالي للالتهاب' (line 7).",
        "1 problem found.",
    ]


def test_an_outdated_translation_whose_source_gained_items_is_valid_and_shows_the_source_there(
    project: Path,
) -> None:
    source = project / "data/treatments/full-laser.yml"
    edit(
        source,
        "  urgent:\n    - Spreading redness.\n",
        "  urgent:\n    - Spreading redness.\n    - A fever.\n",
    )
    edit(source, "  - when: First month\n    do: [Use SPF 30.]\n", "")

    validated = run_cli(project, "validate")
    arabic, states = site_in_language(load(project), "ar")

    assert validated.returncode == 0, validated.stderr
    assert states["treatments/full-laser"].state is TranslationState.OUTDATED
    laser = arabic.treatments["full-laser"]
    assert laser.name == "ليزر كامل"  # translated where the shapes agree
    assert laser.get_help.urgent == ["Spreading redness.", "A fever."]
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


def test_an_outdated_translation_names_its_changed_sections_and_shows_changed_safety_in_source(
    project: Path,
) -> None:
    assert run_cli(project, "translations", "stamp", FULL_LASER_AR).returncode == 0
    source = project / FULL_LASER
    edit(source, "every section filled in.", "every section written out.")
    edit(source, "    - Spreading redness.\n", "    - Spreading redness or a fever.\n")

    site = load(project)
    arabic, states = site_in_language(site, "ar")

    laser_state = states["treatments/full-laser"]
    assert laser_state.state is TranslationState.OUTDATED
    assert laser_state.changed == ("summary", "get_help")
    assert laser_state.shown_in_source == ("get_help",)
    laser = arabic.treatments["full-laser"]
    assert laser.get_help.urgent == ["Spreading redness or a fever."]  # never the older advice
    assert laser.summary != site.treatments["full-laser"].summary  # still translated
    assert laser.side_effects != site.treatments["full-laser"].side_effects


def test_lint_names_the_sections_changed_since_the_translation(project: Path) -> None:
    assert run_cli(project, "translations", "stamp", FULL_LASER_AR).returncode == 0
    edit(project / FULL_LASER, "every section filled in.", "every section written out.")

    result = run_cli(project, "lint")

    (line,) = [line for line in result.stdout.splitlines() if "[translation]" in line]
    assert line.startswith(f"{FULL_LASER_AR}:3:19: translation.source_version: warning[")
    assert "so it may be out of date; changed since: summary; bring it up to date" in line


def test_an_outdated_translation_without_section_versions_shows_every_safety_section_in_source(
    project: Path,
) -> None:
    # The fixture's translation predates `translation.sections`: which sections changed is
    # not known, so no safety section may show its older text.
    edit(project / FULL_LASER, "every section filled in.", "every section written out.")

    site = load(project)
    arabic, states = site_in_language(site, "ar")

    laser_state = states["treatments/full-laser"]
    assert laser_state.changed is None
    assert laser_state.shown_in_source == ("not_suitable", "side_effects", "aftercare", "get_help")
    source = site.treatments["full-laser"]
    laser = arabic.treatments["full-laser"]
    assert (laser.not_suitable, laser.side_effects, laser.aftercare, laser.get_help) == (
        source.not_suitable,
        source.side_effects,
        source.aftercare,
        source.get_help,
    )
    assert laser.name == "ليزر كامل"
    assert translation_states(site, "ar")["concerns/scars"].shown_in_source == ()


@pytest.mark.build
def test_an_english_only_term_and_an_edited_summary_build_strict_in_every_language(
    tmp_path: Path,
) -> None:
    """The sample: an editor adds a glossary term and rewords a translated treatment's summary
    and one side effect, in English only."""
    project = copy_project(ROOT, tmp_path / "sample")
    append(
        project / "data/glossary.yml",
        "  - term: downtime\n"
        "    definition: The time it takes to get back to your usual day after a treatment.\n",
    )
    source = project / "data/treatments/laser-mesotherapy.yml"
    edit(source, "A low-level laser makes", "A gentle low-level laser makes")
    edit(source, "    how_long: A few hours\n", "    how_long: A few hours to a day\n")

    site = build_project(project)

    english_glossary = (site / "glossary/index.html").read_text(encoding="utf-8")
    assert "The time it takes to get back to your usual day" in english_glossary
    for code in ("ar", "zh"):
        language = load_language(code)
        page = BeautifulSoup(
            (site / code / "treatments/laser-mesotherapy/index.html").read_text(encoding="utf-8"),
            "html.parser",
        )
        notice = page.select_one(".cd-translation-notice.cd-translation-outdated")
        assert notice is not None, code
        assert "warning" in notice.get("class", [])
        changed = notice.select_one(".cd-changed-sections")
        assert changed is not None
        sections = language.join(
            [language.t("treatment.what_it_is"), language.t("treatment.side_effects")]
        )
        assert changed.get_text() == language.t(
            "notice.changed_sections", sections=sections, source_language="English"
        )
        safety = notice.select_one(".cd-safety-in-source")
        assert safety is not None
        assert safety.get_text() == language.t(
            "notice.safety_in_source",
            sections=language.t("treatment.side_effects"),
            source_language="English",
        )
        link = notice.select_one('a[hreflang="en"]')
        assert link is not None
        assert link["href"] == "../../../treatments/laser-mesotherapy/"
        # The changed side effect in the source's current words, not the older translation:
        # the whole section below its heading, in English and marked so (its table's headers
        # too, so no English item sits in a sentence of the page's language).
        (in_english,) = page.select("article .cd-source-language")
        assert (in_english["lang"], in_english["dir"]) == ("en", "ltr")
        assert "A few hours to a day" in in_english.get_text()
        headers = [th.get_text(strip=True) for th in in_english.select("thead th")]
        assert headers == ["Side effect", "How common", "How long it lasts", "What to do"]
        heading = in_english.find_previous_sibling("h2")
        assert heading is not None
        assert heading.get_text(strip=True).rstrip("¶") == language.t("treatment.side_effects")
        # The sections that did not change stay translated, unmarked.
        (aftercare,) = [
            h2
            for h2 in page.select("article h2")
            if h2.get_text(strip=True).rstrip("¶") == language.t("treatment.aftercare")
        ]
        assert aftercare.find_parent(class_="cd-source-language") is None
        assert aftercare.find_next_sibling(class_="cd-timeline").get("lang") is None
        assert "<!--" not in str(page.select_one("article"))
        # Its handout: the side effects and the help box (which lists side effects' warnings)
        # in English; the notice names only what the handout shows.
        handout = BeautifulSoup(
            (site / code / "handouts/laser-mesotherapy/index.html").read_text(encoding="utf-8"),
            "html.parser",
        )
        marked = handout.select("article .cd-source-language")
        assert len(marked) == 2
        assert all((m["lang"], m["dir"]) == ("en", "ltr") for m in marked)
        assert "lasts a few hours to a day" in marked[0].get_text()
        assert marked[1].find_parent(class_="cd-handout__help") is not None
        handout_changed = handout.select_one(".cd-changed-sections")
        assert handout_changed is not None
        assert handout_changed.get_text() == language.t(
            "notice.changed_sections",
            sections=language.t("treatment.side_effects"),
            source_language="English",
        )
        glossary = (site / code / "glossary/index.html").read_text(encoding="utf-8")
        assert "The time it takes to get back" not in glossary


@pytest.mark.build
def test_strict_translations_makes_lagging_translations_block_publishing(project: Path) -> None:
    append(project / "data/glossary.yml", NEW_TERM.replace("photosensitivity", "redness"))
    mkdocs_yml = project / "mkdocs.yml"
    edit(
        mkdocs_yml,
        "      languages: [en, ar]\n",
        "      languages: [en, ar]\n      strict_translations: true\n",
    )

    result = run_mkdocs_build(project)

    assert result.returncode == 1
    assert "Aborted with 5 warnings in strict mode!" in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert any(
        "data/glossary.ar.yml:3:19: translation.source_version: warning[translation]: the 'ar' "
        "translation was made from an older version of glossary.yml" in line
        for line in lines
    ), lines
    assert (
        "WARNING -  clinicdocs: data/treatments/bare-peel.yml: no 'ar' translation yet; start one "
        "with `clinicdocs new translation treatments/bare-peel ar`." in lines
    )
    assert (
        "WARNING -  clinicdocs: data/glossary.ar.yml:5:1: terms: 'redness' has no 'ar' "
        "translation yet; add it with `source: redness`." in lines
    )
    # Off (the default), the same data builds.
    edit(mkdocs_yml, "      strict_translations: true\n", "")
    assert run_mkdocs_build(project).returncode == 0


def test_a_changed_glossary_term_is_named_by_its_translated_term(project: Path) -> None:
    glossary_ar = "data/glossary.ar.yml"
    assert run_cli(project, "translations", "stamp", glossary_ar).returncode == 0
    stamped = (project / glossary_ar).read_text(encoding="utf-8")
    assert "    terms/collagen: " in stamped, "each term's version is recorded"
    edit(
        project / "data/glossary.yml",
        "A protein that keeps skin firm.",
        "A protein that keeps skin firm and springy.",
    )
    # A term added since is missing from the translation, not changed in it.
    append(project / "data/glossary.yml", NEW_TERM)

    state = translation_states(load(project), "ar")["glossary"]

    assert state.state is TranslationState.OUTDATED
    assert state.changed == ("terms/collagen",)
    assert state.changed_items == ("الكولاجين",)


@pytest.mark.build
def test_the_glossary_notice_names_the_changed_term(project: Path) -> None:
    assert run_cli(project, "translations", "stamp", "data/glossary.ar.yml").returncode == 0
    edit(
        project / "data/glossary.yml",
        "A protein that keeps skin firm.",
        "A protein that keeps skin firm and springy.",
    )
    site = build_project(project)
    page = BeautifulSoup(
        (site / "ar/glossary/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    changed = page.select_one(".cd-translation-outdated .cd-changed-sections")
    assert changed is not None
    assert changed.get_text() == load_language("ar").t(
        "notice.changed_sections", sections="الكولاجين", source_language="English"
    )


def test_a_glossary_translation_may_have_no_terms_yet(project: Path) -> None:
    glossary_ar = project / "data/glossary.ar.yml"
    text = glossary_ar.read_text(encoding="utf-8")
    glossary_ar.write_text(text[: text.index("terms:")] + "terms: []\n", encoding="utf-8")

    result = run_cli(project, "validate")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 glossary terms untranslated" in result.stdout
    state = translation_states(load(project), "ar")["glossary"]
    assert state.state is TranslationState.CURRENT


def test_an_alternative_named_only_by_id_needs_no_translation(project: Path) -> None:
    """An alternative given only as another treatment's id has nothing to translate: the
    translation lists the alternatives that have words, and stays valid and current."""
    edit(
        project / FULL_LASER,
        "alternatives:\n",
        "alternatives:\n  - treatment: bare-peel\n",
    )
    assert run_cli(project, "translations", "stamp", FULL_LASER_AR).returncode == 0
    text = (project / FULL_LASER_AR).read_text(encoding="utf-8")
    assert "bare-peel" not in text

    validated = run_cli(project, "validate")

    assert validated.returncode == 0, validated.stderr
    arabic, states = site_in_language(load(project), "ar")
    assert states["treatments/full-laser"].state is TranslationState.CURRENT
    alternatives = arabic.treatments["full-laser"].alternatives
    assert [(a.treatment, a.text) for a in alternatives] == [
        ("bare-peel", None),
        (None, "خيار ألطف."),
        (None, "تقشير كيميائي."),
    ]
    # A new translation's skeleton holds only the alternatives with words.
    (project / FULL_LASER_AR).unlink()
    skeleton = run_cli(project, "new", "translation", "treatments/full-laser", "ar")
    assert skeleton.returncode == 0, skeleton.stderr
    fresh = (project / FULL_LASER_AR).read_text(encoding="utf-8")
    assert "{}" not in fresh
    assert "alternatives:\n  - text: A gentler option.\n  - text: A chemical peel.\n" in fresh
