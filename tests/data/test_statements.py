"""Statements written once (`data/statements.yml`, `clinicdocs.data.statements`): the model of a
`use:` item and of the file, ids checked across files, uses resolved to their text once after
loading, and linted once. The golden cases `statement-unknown-id` and `statements-bad-entry` in
`tests/fixtures/bad/` (run by `tests/data/test_load.py`) hold the exact error lines."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from pydantic import ValidationError

from clinicdocs.data.models import (
    GeneralAdvice,
    Statements,
    StatementUse,
    Treatment,
)
from clinicdocs.data.statements import UsedAdvice, UsedText, used_id
from clinicdocs.errors import DataError
from clinicdocs.generate.opendata import open_data_files
from clinicdocs.lint.rules import lint_site
from clinicdocs.load import load_site
from support.projects import run_cli
from support.statements import STATEMENTS, use_statements


def test_a_list_item_is_a_text_general_advice_or_a_statement_used_by_id() -> None:
    stage = Treatment.model_fields["aftercare"].annotation
    assert stage is not None
    treatment = Treatment.model_validate(
        {
            "name": "Peel",
            "category": "Peels",
            "summary": "A peel.",
            "concerns": ["scars"],
            "how_it_works": "An acid.",
            "review": {"status": "draft"},
            "cautions": ["Plain.", {"text": "Advice.", "general_advice": True}, {"use": "sun"}],
        }
    )

    plain, advice, shared = treatment.cautions
    assert plain == "Plain."
    assert isinstance(advice, GeneralAdvice)
    assert shared == StatementUse(use="sun")
    assert used_id(shared) == "sun"
    assert used_id(plain) is None


def test_a_use_takes_an_id_only() -> None:
    with pytest.raises(ValidationError) as raised:
        StatementUse.model_validate({"use": "Sun Protection", "text": "Protect."})

    assert {error["loc"] for error in raised.value.errors()} == {("use",), ("text",)}


def test_the_file_is_a_list_of_statements_with_ids_and_needs_one() -> None:
    statements = Statements.model_validate(
        {"statements": [{"id": "sun", "text": "Sun.", "general_advice": True}]}
    )
    assert statements.statements[0].general_advice is True
    with pytest.raises(ValidationError):
        Statements.model_validate({"statements": []})


def test_uses_are_resolved_once_to_the_text_and_its_mark(tiny_project: Path) -> None:
    use_statements(tiny_project)

    site = load_site(tiny_project / "data", tiny_project)

    laser = site.treatments["full-laser"]
    (infection,) = laser.not_suitable
    assert isinstance(infection, UsedAdvice)
    assert (infection.text, infection.use, infection.language) == (
        "People with an infection in the area.",
        "infection",
        None,
    )
    sun = laser.aftercare[0].do[1]
    assert isinstance(sun, UsedText)
    assert (str(sun), sun.use) == ("Protect the treated skin from the sun.", "sun-protection")
    # The resolved record survives a trip to another process (the language builds' workers).
    assert pickle.loads(pickle.dumps(laser)) == laser
    assert pickle.loads(pickle.dumps(laser)).aftercare[0].do[1].use == "sun-protection"


def test_open_data_holds_the_text_and_the_mark_never_the_id(tiny_project: Path) -> None:
    use_statements(tiny_project)
    site = load_site(tiny_project / "data", tiny_project)

    laser = open_data_files(site)["treatments/full-laser.json"]

    assert laser["not_suitable"] == [
        {"text": "People with an infection in the area.", "general_advice": True}
    ]
    assert laser["aftercare"][0]["do"] == [
        "Keep it clean.",
        "Protect the treated skin from the sun.",
    ]
    assert "sun-protection" not in str(laser)
    assert "'use'" not in str(laser)


def test_an_unknown_id_is_an_error_at_the_item_with_every_other_problem(
    tiny_project: Path,
) -> None:
    use_statements(tiny_project, STATEMENTS.replace("id: sun-protection", "id: sun-protect"))
    concern = tiny_project / "data/concerns/scars.yml"
    concern.write_text(concern.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")

    with pytest.raises(DataError) as raised:
        load_site(tiny_project / "data", tiny_project)

    problems = [str(p) for p in raised.value.problems]
    assert (
        "data/treatments/full-laser.yml:40:14: aftercare[0].do[1].use: no statement "
        "'sun-protection' in data/statements.yml; did you mean 'sun-protect'?"
    ) in problems
    assert any(p.startswith("data/concerns/scars.yml:") for p in problems)


def test_a_use_without_a_statements_file_says_to_create_it(tiny_project: Path) -> None:
    use_statements(tiny_project)
    (tiny_project / "data/statements.yml").unlink()

    with pytest.raises(DataError) as raised:
        load_site(tiny_project / "data", tiny_project)

    assert [str(p) for p in raised.value.problems] == [
        "data/treatments/full-laser.yml:18:10: not_suitable[0].use: no statement 'infection' in "
        "data/statements.yml; there is no data/statements.yml yet: create it with this "
        "statement.",
        "data/treatments/full-laser.yml:40:14: aftercare[0].do[1].use: no statement "
        "'sun-protection' in data/statements.yml; there is no data/statements.yml yet: create "
        "it with this statement.",
    ]


UNUSED = STATEMENTS + "  - id: spare\n    text: A statement no record uses yet.\n"


def test_an_unused_statement_is_a_warning_of_validate_and_lint(tiny_project: Path) -> None:
    use_statements(tiny_project, UNUSED)

    validated = run_cli(tiny_project, "validate")
    linted = run_cli(tiny_project, "lint")

    assert validated.returncode == 0, validated.stderr
    assert validated.stderr == (
        "data/statements.yml:7:9: statements[2].id: warning: statement 'spare' is not used by "
        "any record; use it in a list as '- use: spare', or remove it.\n"
    )
    assert linted.stdout.splitlines() == [
        "data/statements.yml:7:9: statements[2].id: warning[statements]: statement 'spare' is "
        "not used by any record; use it in a list as '- use: spare', or remove it."
    ]


def test_statements_are_linted_once_in_their_own_file(tiny_project: Path) -> None:
    claim = "Protect the treated skin from the sun. It is guaranteed to work. TODO"
    use_statements(
        tiny_project,
        STATEMENTS.replace("Protect the treated skin from the sun.", claim),
    )
    # Used twice: still one finding of each rule, at the statement.
    laser = tiny_project / "data/treatments/full-laser.yml"
    text = laser.read_text(encoding="utf-8")
    laser.write_text(
        text.replace("    do: [Use SPF 30.]\n", "    do: [Use SPF 30., {use: sun-protection}]\n"),
        encoding="utf-8",
    )
    site = load_site(tiny_project / "data", tiny_project)

    findings = [(f.file, f.line, f.field, f.rule) for f in lint_site(site).findings]

    assert ("data/statements.yml", 6, "statements[1].text", "claims") in findings
    assert ("data/statements.yml", 6, "statements[1].text", "placeholder") in findings
    assert [f for f in findings if f[0] != "data/statements.yml" and f[3] != "review"] == []


def test_a_lint_finding_in_statements_can_be_accepted_there(tiny_project: Path) -> None:
    use_statements(
        tiny_project,
        STATEMENTS.replace("from the sun.", "from the sun. TODO")
        + "lint_ignore:\n  - rule: placeholder\n    reason: Being written.\n",
    )
    site = load_site(tiny_project / "data", tiny_project)

    assert [f for f in lint_site(site).findings if f.file == "data/statements.yml"] == []


def test_a_pages_reading_grade_counts_the_statements_it_shows(tiny_project: Path) -> None:
    use_statements(tiny_project)
    before = lint_site(load_site(tiny_project / "data", tiny_project))
    statements = tiny_project / "data/statements.yml"
    statements.write_text(
        STATEMENTS.replace("from the sun.", "from the sun. Wear a wide hat."), encoding="utf-8"
    )
    after = lint_site(load_site(tiny_project / "data", tiny_project))

    key = "treatments/full-laser"
    assert after.records[key].grade.words == before.records[key].grade.words + 4
