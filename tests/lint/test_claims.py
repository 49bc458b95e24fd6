"""Claims v2: kinds, context, the labelled sentences' figures, and positions of the phrase."""

from __future__ import annotations

import importlib.util
import json
import socket
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from clinicdocs.data.source import scalar_position
from clinicdocs.lint.claims import KINDS, find_claims
from clinicdocs.lint.rules import lint_settings
from support.linting import FULL_LASER, edit, lint_lines
from support.projects import ROOT, run_cli

HERE = Path(__file__).parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("claims_script", ROOT / "scripts/claims.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the claims rule must not use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.usefixtures("no_network")
def test_the_labelled_sentences_meet_the_targets() -> None:
    result = _script().evaluate(HERE / "claims_sentences.yml")
    assert (result.claims, result.honest) == (67, 67)
    assert result.recall >= 0.95, result.misses
    assert result.false_alarm_rate <= 0.05, result.alarms


def test_the_sentences_written_after_the_rules_stay_near_the_targets() -> None:
    # Written after the rules; measured 92.9% recall (26/28) and 3.6% false alarms (1/28)
    # before its three misses and false alarm changed the rules (now 100% and 0%).
    result = _script().evaluate(HERE / "claims_heldout.yml")
    assert result.recall >= 0.9, result.misses
    assert result.false_alarm_rate <= 0.05, result.alarms


@pytest.mark.parametrize(
    ("name", "recall", "false_alarms"),
    [
        # Written blind (by someone who had not read the rules), each measured once before any
        # change it prompted (handbook, Content lint, "How well it does"): set 2 at 92.5% and
        # 5.0%, set 3 at 86.7% and 11.1% (both since used to change the rules), set 4 at 82.2%
        # and 6.7% (never used to change them: the honest estimate on new text). The bounds are
        # regression guards at today's figures, not the targets.
        ("claims_heldout_2.yml", 0.95, 0.0),
        ("claims_heldout_3.yml", 0.93, 0.03),
        ("claims_heldout_4.yml", 0.82, 0.07),
    ],
)
def test_the_blind_sets_do_not_regress(name: str, recall: float, false_alarms: float) -> None:
    result = _script().evaluate(HERE / name)
    assert (result.claims, result.honest) in {(40, 40), (45, 45)}
    assert result.recall >= recall, result.misses
    assert result.false_alarm_rate <= false_alarms, result.alarms


@pytest.mark.parametrize(
    ("text", "kind", "phrase"),
    [
        ("Results guaranteed in 3 sessions.", "guarantee", "guaranteed"),
        ("It is harmless to the skin.", "safety", "harmless"),
        ("There is zero downtime.", "comfort", "zero downtime"),
        ("Suitable for all skin types.", "everyone", "Suitable for all"),
        ("The hair never grows back.", "permanent", "never grows back"),
        ("The leading clinic in Leeds.", "superlative", "leading"),
        ("It cures acne.", "cure", "cures"),
        ("Results appear overnight.", "speed", "overnight"),
        ("Clinically proven results.", "proof", "Clinically proven"),
        ("A 90% success rate.", "proof", "90% success"),
    ],
)
def test_each_kind_is_named(text: str, kind: str, phrase: str) -> None:
    (claim,) = find_claims(text)
    assert (claim.kind, claim.phrase, claim.start) == (kind, phrase, text.index(phrase))


@pytest.mark.parametrize(
    "text",
    [
        "Results are not guaranteed.",
        "We cannot promise that the marks will fade.",
        "Nothing is entirely without risk.",
        "It would be wrong to call it painless.",
        "The change in colour may not fade.",
        "A scar may be permanent.",
        "This cream suits dry skin best.",
        "One setting suits dark ink best.",
        "Contact us immediately if it blisters.",
        "Most people go back to work straight away.",
        "There is little or no downtime.",
        # From the seed notes in /work/shared/seeds/, honest text the rules first flagged:
        "There is little to no downtime.",
        "The particles are then eliminated from the body.",
        "We check whether this treatment is the best option for your goals.",
        "A trained doctor is key to ensuring the best treatment outcomes.",
    ],
)
def test_context_makes_these_honest(text: str) -> None:
    assert find_claims(text) == []


def test_every_kind_has_a_label_and_suggestion() -> None:
    assert set(KINDS) == {
        "guarantee",
        "safety",
        "comfort",
        "everyone",
        "permanent",
        "superlative",
        "cure",
        "speed",
        "proof",
    }
    assert all(k.label and k.suggestion and k.patterns for k in KINDS.values())


def test_settings_add_phrases_and_drop_kinds_or_phrases(tiny_project: Path) -> None:
    edit(tiny_project, FULL_LASER, "Light heats", "Painless, instant light heats")
    assert [line.split("error[claims]: ")[1][:12] for line in lint_lines(tiny_project)] == [
        "'Painless' i",
        "'instant' is",
    ]
    dropped = lint_settings({"claims": {"speed": None, "painless": None}})
    assert lint_lines(tiny_project, dropped) == []
    added = lint_settings({"claims": {"collagen": "say what it does", "instant": "say when"}})
    assert (
        "'instant' is a claim of a kind this project lists (custom); say when."
        in (lint_lines(tiny_project, added)[1])
    )
    assert lint_lines(tiny_project, added)[2] == (
        f"{FULL_LASER}:6:76: how_it_works: error[claims]: 'collagen' is a claim of a kind this "
        "project lists (custom); say what it does."
    )


def test_a_finding_in_a_folded_block_points_at_its_phrase(tiny_project: Path) -> None:
    edit(
        tiny_project,
        FULL_LASER,
        "how_it_works: Light heats the skin and helps it make new collagen.",
        "how_it_works: >-\n  Light heats the skin and helps it make\n"
        "  new collagen, with results that are\n    permanent for most.",
    )
    assert [line.split(": error")[0] for line in lint_lines(tiny_project)] == [
        f"{FULL_LASER}:9:5: how_it_works"
    ]


def test_a_finding_in_a_literal_block_points_at_its_phrase(tiny_project: Path) -> None:
    edit(
        tiny_project,
        FULL_LASER,
        "how_it_works: Light heats the skin and helps it make new collagen.",
        "how_it_works: |  # a comment\n  Light heats the skin.\n\n  It is a painless\n"
        "  way to renew collagen.",
    )
    assert [line.split(": error")[0] for line in lint_lines(tiny_project)] == [
        f"{FULL_LASER}:9:11: how_it_works"
    ]


@pytest.mark.parametrize(
    ("written", "value", "phrase", "expected"),
    [
        ("k: It is painless.\n", "It is painless.", "painless", (1, 10)),
        ("k: 'It''s painless.'\n", "It's painless.", "painless", (1, 11)),
        ('k: "It\\"s painless."\n', 'It"s painless.', "painless", (1, 11)),
        ("k: It is\n  quite\n  painless.\n", "It is quite painless.", "painless", (3, 3)),
        ("k: >\n  It is\n\n  painless.\n", "It is\npainless.\n", "painless", (4, 3)),
        ("k: |-\n    It is\n      painless.\n", "It is\n  painless.", "painless", (3, 7)),
    ],
)
def test_scalar_positions(written: str, value: str, phrase: str, expected: tuple[int, int]) -> None:
    assert scalar_position(written, (1, 4), value, value.index(phrase)) == expected


def test_an_escape_it_cannot_follow_gives_no_position() -> None:
    written = 'k: "caf\\u00e9 is painless"\n'
    value = "café is painless"
    assert scalar_position(written, (1, 4), value, value.index("painless")) is None


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz'\"é", min_size=1, max_size=9)
_STYLES = [None, "'", '"', "|", ">"]


@settings(max_examples=150, deadline=None)
@given(
    before=st.lists(_WORD, max_size=30),
    after=st.lists(_WORD, max_size=10),
    style=st.sampled_from(_STYLES),
    width=st.integers(min_value=20, max_value=80),
)
def test_a_phrase_is_found_where_it_is_written_in_any_scalar_style(
    before: list[str], after: list[str], style: str | None, width: int
) -> None:
    # Whatever style and line width PyYAML writes the value in, the position points at the
    # phrase's first character in the file.
    value = " ".join([*before, "painless", *after])
    written = yaml.dump({"k": value}, default_style=style, width=width, allow_unicode=True)
    node = yaml.compose(written)
    mark = node.value[0][1].start_mark
    assert yaml.safe_load(written)["k"] == value
    offset = len(" ".join(before)) + (1 if before else 0)
    position = scalar_position(written, (mark.line + 1, mark.column + 1), value, offset)
    assert position is not None, written
    line, col = position
    assert written.splitlines()[line - 1][col - 1 :].startswith("painless"), (written, position)


def test_json_output_keeps_its_fields_and_gives_the_phrase_position(tiny_project: Path) -> None:
    edit(
        tiny_project,
        FULL_LASER,
        "how_it_works: Light heats the skin and helps it make new collagen.",
        "how_it_works: >-\n  Light heats the skin. Results are not guaranteed,\n"
        "  but they are guaranteed to please.",
    )
    result = run_cli(tiny_project, "lint", "--format", "json")
    assert result.returncode == 1
    (finding,) = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "claims"]
    assert finding == {
        "file": FULL_LASER,
        "line": 8,
        "col": 16,
        "field": "how_it_works",
        "rule": "claims",
        "severity": "error",
        "message": "'guaranteed' is a claim of a guaranteed outcome (guarantee)",
        "suggestion": "say what most people can expect, e.g. 'most people see a change after 3 "
        "sessions'",
    }
