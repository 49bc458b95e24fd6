"""Loading `data/`: every kind of bad input gives exact problem lines that a clinic editor can act
on, each pointing at the right line and column."""

from __future__ import annotations

import datetime as dt
import pickle
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from clinicdocs.data.models import Clinic, Concern, KeyFacts, Source, Treatment
from clinicdocs.data.source import SourceFile, field_path
from clinicdocs.data.yaml import read_yaml, validate_record
from clinicdocs.errors import Problem
from clinicdocs.load import load_site
from support.badcases import BAD, case_names, expected_lines, make_case
from support.projects import FIXTURE_SITE, ROOT, project_languages, run_cli

REQUIRED_CASES = {
    "yaml-mistakes",
    "yaml-unclosed-quote",
    "missing-field",
    "unknown-field",
    "wrong-type",
    "empty-list",
    "unknown-concern",
    "duplicate-id",
    "duplicate-name",
    "bad-file-name",
    "not-utf8",
    "empty-data",
    "missing-data",
    "page-clash",
    "template-error",
    "many-files",
}
"""The cases the issue asks for by name; the folder holds more."""

LINE_RE = re.compile(
    r"^(?P<file>[^:]+?)(?::(?P<line>\d+):(?P<col>\d+))?: "
    r"(?:(?P<field>[A-Za-z_][\w.\[\]]*): )?(?P<message>.+)$"
)
COUNT_RE = re.compile(r"^(\d+) problems? found\.$")


@pytest.mark.parametrize("case", case_names())
def test_bad_case_prints_exactly_its_problems(case: str, tmp_path: Path) -> None:
    project = make_case(case, tmp_path / "project")

    result = run_cli(project, "validate")

    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == expected_lines(case)


def test_the_cases_the_issue_names_are_all_there() -> None:
    assert set(case_names()) >= REQUIRED_CASES
    for case in case_names():
        assert (BAD / case / "expected.txt").is_file(), case


@pytest.mark.parametrize("case", case_names())
def test_golden_lines_are_sorted_counted_and_well_formed(case: str) -> None:
    *problems, count = expected_lines(case)
    counted = COUNT_RE.match(count)
    assert counted is not None, count
    assert int(counted.group(1)) == len(problems) > 0

    keys = []
    for line in problems:
        match = LINE_RE.match(line)
        assert match is not None, line
        assert match.group("message").endswith((".", "?")), line
        keys.append((match.group("file"), int(match.group("line") or 0)))
    assert keys == sorted(keys)


@pytest.mark.parametrize("case", case_names())
def test_golden_lines_hold_no_programmer_jargon(case: str) -> None:
    """Someone regenerating a golden file must not bless a message only a programmer reads."""
    jargon = re.compile(
        r"Input should|validation error|pydantic|type=|\bstr '|\bdict\b|NoneType|mapping values"
        r"|<block|scalar|could not find expected|Value error|for further information"
    )
    for line in expected_lines(case):
        if line.startswith("templates/"):
            continue  # Jinja's own words, for the template author: checked in test_checks
        assert not jargon.search(line), line
        match = LINE_RE.match(line)
        if match and match.group("field"):
            parts = re.split(r"[.\[\]]+", match.group("field"))
            assert "advice" not in parts, line  # pydantic's union tag, not a key in the file


def test_the_tiny_site_and_the_sample_data_load_without_problems() -> None:
    tiny = load_site(FIXTURE_SITE / "data", FIXTURE_SITE)
    assert (len(tiny.treatments), len(tiny.concerns)) == (2, 3)
    assert tiny.glossary is not None
    assert len(tiny.glossary.terms) == 2
    assert set(tiny.sources) == {
        "treatments/full-laser",
        "treatments/bare-peel",
        "concerns/dark-spots",
        "concerns/scars",
        "concerns/wrinkles",
        "glossary",
        "clinic",
    }

    sample = load_site(ROOT / "data", ROOT, languages=project_languages(ROOT))
    assert sample.treatments
    assert sample.concerns


def _source(tmp_path: Path, text: str) -> SourceFile:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    source = read_yaml(path, "x.yml", problems)
    assert problems == []
    assert source is not None
    return source


def _yaml_problems(tmp_path: Path, raw: bytes) -> list[str]:
    path = tmp_path / "x.yml"
    path.write_bytes(raw)
    problems: list[Problem] = []
    assert read_yaml(path, "x.yml", problems) is None
    return [str(problem) for problem in problems]


def _validation_problems(tmp_path: Path, text: str, model: type[BaseModel]) -> list[str]:
    problems: list[Problem] = []
    assert validate_record(_source(tmp_path, text), model, problems) is None
    return [str(problem) for problem in sorted(problems, key=Problem.sort_key)]


@pytest.mark.parametrize(
    ("loc", "node", "expected"),
    [
        (
            ("side_effects", 2, "what_to_do"),
            {"side_effects": [{}] * 3},
            "side_effects[2].what_to_do",
        ),
        (("suits", 0, "advice", "text"), {"suits": [{"text": "x"}]}, "suits[0].text"),
        (("suits", 1, "plain"), {"suits": ["a", "b"]}, "suits[1]"),
        (("suits", 0, "shared", "use"), {"suits": [{"use": "x"}]}, "suits[0].use"),
        (("statements", 0, "text"), {"statements": [{"id": "x"}]}, "statements[0].text"),
        (("key_facts", "sessions"), {"key_facts": {"sessions": ["3"]}}, "key_facts.sessions"),
        (("name",), {}, "name"),
    ],
)
def test_field_path_reads_like_the_file(
    loc: tuple[str | int, ...], node: object, expected: str
) -> None:
    assert field_path(node, loc) == expected


def test_field_path_keeps_a_real_key_that_shares_a_union_tags_name() -> None:
    node = {"terms": [{"text": "x"}]}

    assert field_path(node, ("terms", 0, "text")) == "terms[0].text"


POSITIONS_YAML = """\
name: Test
concerns: [scars, dark-spots]
how_it_works:
side_effects:
  - name: Redness
    how_common: common
  - name: Swelling
    what_to_do: Rest.
review:
  status: draft
"""


@pytest.mark.parametrize(
    ("loc", "of_key", "expected"),
    [
        (("name",), False, (1, 7)),
        (("name",), True, (1, 1)),
        (("concerns", 1), False, (2, 19)),
        # An empty value has no position of its own: point at its key, not the next line.
        (("how_it_works",), False, (3, 1)),
        (("side_effects", 1, "what_to_do"), False, (8, 17)),
        (("side_effects", 1, "what_to_do"), True, (8, 5)),
        # A missing field points at the mapping where it should be added.
        (("side_effects", 1, "how_common"), False, (7, 5)),
        (("review", "reviewed_by"), False, (10, 3)),
        (("nothing", "here"), False, (1, 1)),
    ],
)
def test_position_points_at_the_value_or_key(
    tmp_path: Path, loc: tuple[str | int, ...], of_key: bool, expected: tuple[int, int]
) -> None:
    source = _source(tmp_path, POSITIONS_YAML)

    assert source.position(loc, of_key=of_key) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: 1\n\tb: 2\n",
            "x.yml:2:1: YAML syntax error: tab characters cannot be used to indent; use spaces.",
        ),
        (
            "a: @home\n",
            "x.yml:1:4: YAML syntax error: a value cannot start with '@'; put the whole value in "
            "quotes.",
        ),
        (
            "a: !important thing\n",
            "x.yml:1:4: YAML syntax error: a value cannot start with '!'; put the whole value in "
            "quotes.",
        ),
        (
            "a: 1\nb: 2\na: 3\n",
            "x.yml:3:1: YAML syntax error: 'a' is given twice here; keep only one.",
        ),
        (
            "a: 1\nb\nc: 3\n",
            "x.yml:2:1: YAML syntax error: this line is neither 'field: value' nor a '- ' list "
            "item; indent it if it continues the line above.",
        ),
        (
            "a: {b: 1\nc: 2\n",
            "x.yml:1:4: YAML syntax error: this '{' is never closed with '}'; to write text that "
            "starts with '{', put the whole value in quotes.",
        ),
        (
            "a: 1\n---\nb: 2\n",
            "x.yml:2:1: YAML syntax error: a file holds one record; remove this '---' line and "
            "what follows it.",
        ),
        (
            'a: "C:\\path"\n',
            "x.yml:1:8: YAML syntax error: a backslash inside double quotes must be doubled "
            "('\\\\'); or use single quotes.",
        ),
        (
            "a: 'it''s\nb: 2\n",
            "x.yml:1:4: YAML syntax error: this quote mark is never closed; add the closing quote "
            "at the end of the value.",
        ),
        (
            "- name: x\n",
            "x.yml:1:1: expected 'field: value' lines at the top level, not a list.",
        ),
    ],
)
def test_yaml_mistakes_are_explained_where_they_are(
    tmp_path: Path, text: str, expected: str
) -> None:
    assert _yaml_problems(tmp_path, text.encode("utf-8")) == [expected]


def test_a_quoted_value_over_several_lines_is_fine(tmp_path: Path) -> None:
    source = _source(tmp_path, 'a: "one\n  two"\nb: 2\n')

    assert source.node == {"a": "one two", "b": "2"}


def test_not_utf8_column_counts_characters_and_names_the_likely_letter(tmp_path: Path) -> None:
    # "è" is two bytes in UTF-8: a column counted in bytes would say 18.
    raw = "name: Crème\nsummary: Crème ".encode() + "sèche".encode("latin-1") + b"\n"

    assert _yaml_problems(tmp_path, raw) == [
        "x.yml:2:17: file is not saved as UTF-8 text (byte 0xe8, probably 'è' saved in another "
        "encoding); save it again with UTF-8 encoding."
    ]


def test_a_byte_order_mark_is_not_content(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbfname: Caf\xc3\xa9\n")
    problems: list[Problem] = []

    source = read_yaml(path, "x.yml", problems)

    assert problems == []
    assert source is not None
    assert source.node == {"name": "Café"}
    assert _yaml_problems(tmp_path, b"\xef\xbb\xbfname: Caf\xe9\n") == [
        "x.yml:1:10: file is not saved as UTF-8 text (byte 0xe9, probably 'é' saved in another "
        "encoding); save it again with UTF-8 encoding."
    ]


def test_numbers_and_dates_keep_the_text_the_editor_wrote(tmp_path: Path) -> None:
    """YAML would read `000` as 0 and `1.50` as 1.5; an emergency number of 000 must survive."""
    facts = KeyFacts.model_validate(
        _source(tmp_path, "sessions: 1.50\ninterval: 007\nsession_length: 1e3\n").node
    )
    # Key facts written as text (the older model) are read as their notes.
    notes = [fact.note for fact in (facts.sessions, facts.interval, facts.session_length) if fact]
    assert notes == ["1.50", "007", "1e3"]

    clinic = (FIXTURE_SITE / "data" / "clinic.yml").read_text().replace('"112"', "000")
    loaded = Clinic.model_validate(_source(tmp_path, clinic).node)
    assert loaded.emergency.number == "000"

    dated = Source.model_validate(_source(tmp_path, "title: T\ndate: 2024-11-19\n").node)
    assert dated.date == dt.date(2024, 11, 19)


def test_a_misspelt_required_field_is_one_problem_not_two(tmp_path: Path) -> None:
    text = (FIXTURE_SITE / "data" / "treatments" / "bare-peel.yml").read_text()
    text = text.replace("how_it_works:", "how_it_work:")

    assert _validation_problems(tmp_path, text, Treatment) == [
        "x.yml:5:1: how_it_work: unknown field 'how_it_work'; did you mean 'how_it_works'?"
    ]


def test_a_missing_required_field_with_an_unrelated_unknown_field_is_two_problems(
    tmp_path: Path,
) -> None:
    text = (FIXTURE_SITE / "data" / "clinic.yml").read_text()
    text = text.replace("disclaimer:", "footer_note:")

    assert _validation_problems(tmp_path, text, Clinic) == [
        "x.yml:1:1: disclaimer: required field is missing.",
        "x.yml:11:1: footer_note: unknown field 'footer_note'; valid fields are: name, "
        "short_name, covers, contact_wording, phone, email, address, booking_url, emergency, "
        "disclaimer, site_url, logo, favicon, primary_color, accent_color, opening_hours, "
        "social, analytics.",
    ]


def test_messages_for_choices_lengths_and_ids(tmp_path: Path) -> None:
    text = (FIXTURE_SITE / "data" / "treatments" / "bare-peel.yml").read_text()
    text = text.replace("name: Bare peel", "name: " + "x" * 201)
    text = text.replace("concerns: [scars]", "concerns: [Acne Scars]")
    text = text.replace("  status: draft", "  status: reviewed")

    assert _validation_problems(tmp_path, text, Treatment) == [
        "x.yml:1:7: name: is too long (201 characters); the limit is 200 characters.",
        "x.yml:4:12: concerns[0]: 'Acne Scars' is not a valid id; ids are lowercase letters, "
        "digits and hyphens, e.g. 'acne-scars'.",
        "x.yml:7:3: review: a reviewed record needs 'reviewed_by' and 'reviewed_on'.",
    ]


def test_a_concern_file_with_mistakes_still_counts_as_a_known_concern(tmp_path: Path) -> None:
    """Otherwise each treatment naming it would add a second, misleading problem."""
    project = make_case("unknown-concern", tmp_path / "project")
    (project / "data" / "treatments" / "full-laser.yml").write_text(
        (FIXTURE_SITE / "data" / "treatments" / "full-laser.yml").read_text()
    )
    (project / "data" / "treatments" / "bare-peel.yml").write_text(
        (FIXTURE_SITE / "data" / "treatments" / "bare-peel.yml").read_text()
    )
    (project / "data" / "concerns" / "scars.yml").write_text("name: Scars\nsumary: Marks.\n")

    result = run_cli(project, "validate")

    assert result.stderr.splitlines() == [
        "data/concerns/scars.yml:2:1: sumary: unknown field 'sumary'; did you mean 'summary'?",
        "1 problem found.",
    ]


def test_a_concern_with_no_summary_is_reported_for_the_concern_model(tmp_path: Path) -> None:
    problems: list[Problem] = []

    assert validate_record(_source(tmp_path, "name: Scars\n"), Concern, problems) is None
    assert [str(p) for p in problems] == ["x.yml:1:1: summary: required field is missing."]


def test_the_catalogue_holds_at_least_30_cases_with_hostile_ones() -> None:
    names = case_names()
    assert len(names) >= 30
    assert len([n for n in names if n.startswith("hostile-")]) >= 10


def test_an_absurdly_large_file_is_refused_unread(tmp_path: Path) -> None:
    project = make_case("missing-field", tmp_path / "project")
    big = project / "data/concerns/huge.yml"
    big.write_text(
        "name: Huge\nsummary: |\n" + "  A line of pasted text.\n" * 60_000, encoding="utf-8"
    )

    result = run_cli(project, "validate")

    assert result.returncode == 1
    assert (
        "data/concerns/huge.yml: file is 1,500,022 bytes; the limit is 1,000,000. Split it or "
        "remove pasted material." in result.stderr.splitlines()
    )


def test_loaded_data_survives_pickling_translations_included() -> None:
    """The other languages' sites are built in other processes, handed the data by pickle:
    translations are instances of models derived at run time, which pickle cannot find by name
    (`data.models.Derived`)."""
    site = load_site(ROOT / "data", ROOT, languages=project_languages(ROOT))
    assert site.translations, "the sample has translations"

    copy = pickle.loads(pickle.dumps(site))

    assert copy == site
    arabic = site.translations["ar"]
    key = next(iter(arabic))
    assert copy.translations["ar"][key].record == arabic[key].record
    assert type(copy.translations["ar"][key].record) is type(arabic[key].record)


def test_the_data_handed_to_other_processes_keeps_names_not_positions() -> None:
    """The other languages' processes render pages, which name files but never point into
    them (only the source build's reports do): their data leaves out the parsed trees."""
    site = load_site(ROOT / "data", ROOT, languages=project_languages(ROOT))

    light = site.without_positions()
    copy = pickle.loads(pickle.dumps(light))

    assert copy.treatments == site.treatments
    assert copy.translations["ar"].keys() == site.translations["ar"].keys()
    for key, source in site.sources.items():
        assert (copy.sources[key].path, copy.sources[key].display) == (source.path, source.display)
        assert copy.sources[key].node is None
    assert all(t.source.node is None for t in copy.translations["ar"].values())
    assert len(pickle.dumps(light)) < len(pickle.dumps(site)) / 2
    assert site.sources["clinic"].node is not None  # the source build's data is untouched
