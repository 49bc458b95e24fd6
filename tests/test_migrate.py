"""`clinicdocs migrate` (src/clinicdocs/migrate.py): records of the older data model still
validate as they are, with a warning naming the new field, and the command moves them to
today's model, keeping comments and layout, stamping again the translations that were current,
and writing nothing when it cannot finish."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from clinicdocs.load import load_site
from clinicdocs.migrate import migrated_text
from clinicdocs.translations.state import TranslationState, translation_states
from support.projects import FIXTURES, ROOT, copy_project, run_cli

OLD_MODEL = FIXTURES / "old-model"
LASER = "data/treatments/co2-fractional-laser.yml"


@pytest.fixture
def old_project(tmp_path: Path) -> Path:
    """The sample project with its data as it was before data model 2."""
    project = copy_project(ROOT, tmp_path / "project")
    shutil.rmtree(project / "data")
    shutil.copytree(OLD_MODEL / "data", project / "data")
    return project


def states(project: Path) -> dict[tuple[str, str], TranslationState]:
    site = load_site(project / "data", project, languages=("en", "ar", "zh"))
    return {
        (code, key): state.state
        for code in ("ar", "zh")
        for key, state in translation_states(site, code).items()
    }


def test_old_data_validates_as_it_is_and_lint_names_the_new_field(old_project: Path) -> None:
    assert run_cli(old_project, "validate").returncode == 0
    lint = run_cli(old_project, "lint")
    warnings = [line for line in lint.stdout.splitlines() if "red_flags" in line]
    assert len(warnings) == 3
    assert warnings[0].startswith(f"{LASER}:")
    assert "'red_flags' is the older name of 'get_help: urgent:'" in warnings[0]
    assert "run `clinicdocs migrate`" in warnings[0]


def test_migrate_moves_red_flags_under_get_help_keeping_everything_else(
    old_project: Path,
) -> None:
    before = {p: p.read_text(encoding="utf-8") for p in (old_project / "data").rglob("*.yml")}
    states_before = states(old_project)
    check = run_cli(old_project, "migrate", "--check")
    assert check.returncode == 1
    assert f"{LASER}: needs migrating" in check.stdout.splitlines()
    assert {p: p.read_text(encoding="utf-8") for p in before} == before, "--check writes nothing"

    result = run_cli(old_project, "migrate")

    assert result.returncode == 0, result.stderr
    assert f"{LASER}: migrated" in result.stdout.splitlines()
    assert (
        "data/treatments/co2-fractional-laser.ar.yml: migrated (translation stamped again: it "
        "was current)" in result.stdout.splitlines()
    )
    text = (old_project / LASER).read_text(encoding="utf-8")
    assert "red_flags" not in text
    assert "get_help:\n  urgent:\n    - text: >-\n        Signs of infection:" in text
    # Everything else is as it was, line for line (the moved lines two spaces further in), but
    # for key facts, which move too (test_key_facts_as_text_become_notes...).
    old = _without_key_facts(before[old_project / LASER]).splitlines()
    new = _without_key_facts(text).splitlines()
    moved = new.index("get_help:")
    assert new[moved + 1] == "  urgent:"
    assert new[:moved] == old[:moved]
    assert old[moved] == "red_flags:"
    assert [line.strip() for line in new[moved + 2 :]] == [
        line.strip() for line in old[moved + 1 :]
    ]
    site = load_site(old_project / "data", old_project, languages=("en", "ar", "zh"))
    assert site.treatments["co2-fractional-laser"].get_help.urgent[2].text == (
        "Bleeding that does not stop when you press on it."
    )
    assert states(old_project) == states_before, "current translations stay current"
    assert run_cli(old_project, "lint").stdout.count("red_flags") == 0
    assert run_cli(old_project, "migrate", "--check").returncode == 0
    assert run_cli(old_project, "migrate").stdout == (
        "nothing to migrate: the data follows today's model.\n"
    )


def _without_key_facts(text: str) -> str:
    return re.sub(r"(?m)^key_facts:\n(?:[ \t]+[^\n]*\n)*", "", text)


def test_today_sample_needs_no_migration(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "sample")
    assert run_cli(project, "migrate", "--check").returncode == 0


def test_a_record_with_both_names_is_refused_and_nothing_is_written(old_project: Path) -> None:
    laser = old_project / LASER
    laser.write_text(
        laser.read_text(encoding="utf-8") + "get_help:\n  emergency:\n    - Trouble breathing.\n",
        encoding="utf-8",
    )
    before = {p: p.read_text(encoding="utf-8") for p in (old_project / "data").rglob("*.yml")}

    result = run_cli(old_project, "migrate")

    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{LASER}: has both 'red_flags' and 'get_help'; move each red flag into get_help's "
        "contact_clinic, urgent or emergency list by hand."
    )
    assert {p: p.read_text(encoding="utf-8") for p in before} == before


def test_migrated_text_keeps_comments_and_flow_lists() -> None:
    text = "name: X\n# Signs.\nred_flags:  # keep\n  # first\n  - A.\n\n  - B.\nfaq: []\n"
    assert migrated_text(text) == (
        "name: X\n# Signs.\nget_help:\n  urgent:  # keep\n    # first\n    - A.\n\n    - B.\n"
        "faq: []\n"
    )
    assert migrated_text("red_flags: [A., B.]\n") == "get_help:\n  urgent: [A., B.]\n"
    assert migrated_text("name: X\n") is None


MESO = "data/treatments/laser-mesotherapy.yml"


def test_key_facts_as_text_become_notes_and_lint_names_the_numbers(old_project: Path) -> None:
    """Old key facts validate and show as they were; lint names the fields that would make
    them numbers; migrate moves each text into its fact's `note:`, and says the numbers are
    the editor's to add (reading them out of words would be guessing)."""
    lint = run_cli(old_project, "lint").stdout.splitlines()
    facts = [line for line in lint if "warning[facts]" in line]
    assert len(facts) == 7
    sessions = next(line for line in facts if line.startswith(f"{MESO}:35:13: key_facts.sessions:"))
    assert "give its 'min:' and 'max:' (with 'unit:') and keep the words as 'note:'" in sessions
    states_before = states(old_project)

    result = run_cli(old_project, "migrate")

    assert result.returncode == 0, result.stderr
    assert f"{MESO}: key facts written as text are now notes; add their numbers" in result.stdout
    text = (old_project / MESO).read_text(encoding="utf-8")
    assert "key_facts:\n  sessions:\n    note: Usually 4 to 6\n  interval:\n" in text
    assert "  downtime:\n    note: >-\n      Little or no downtime." in text
    zh = (old_project / "data/treatments/laser-mesotherapy.zh.yml").read_text(encoding="utf-8")
    assert "  sessions:\n    note: 通常4至6次\n" in zh
    site = load_site(old_project / "data", old_project, languages=("en", "ar", "zh"))
    meso = site.treatments["laser-mesotherapy"].key_facts
    assert meso.sessions is not None
    assert meso.sessions.note == "Usually 4 to 6"
    assert states(old_project) == states_before, "current translations stay current"
    assert "warning[facts]" not in run_cli(old_project, "lint").stdout


def test_migrated_key_facts_keep_mappings_comments_and_continued_lines() -> None:
    text = (
        "key_facts:  # facts\n"
        "  sessions: Usually 4  # as the notes say\n"
        "  interval:\n    min: 1\n    unit: weeks\n"
        "  numbing: {methods: [none]}\n"
        "  downtime: Little or no downtime, most\n    go back straight away.\n"
        "suits: []\n"
    )
    assert migrated_text(text) == (
        "key_facts:  # facts\n"
        "  sessions:\n    note: Usually 4  # as the notes say\n"
        "  interval:\n    min: 1\n    unit: weeks\n"
        "  numbing: {methods: [none]}\n"
        "  downtime:\n    note: Little or no downtime, most\n      go back straight away.\n"
        "suits: []\n"
    )
    assert migrated_text(migrated_text(text) or "") is None
