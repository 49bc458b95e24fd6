"""The C-parser fast path builds exactly what the round-trip loader builds, or gives up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml.comments import CommentedMap

from clinicdocs.data.fastload import AVAILABLE, UNSURE, load_node
from clinicdocs.data.models import Concern
from clinicdocs.data.yaml import MAX_NESTING, read_and_validate, round_trip_yaml
from clinicdocs.errors import Problem
from support.badcases import BAD
from support.projects import FIXTURE_SITE, ROOT

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="PyYAML built without libyaml")


def _shape(node: Any) -> Any:
    """Values, types that matter and every recorded position, as plain data to compare."""
    if isinstance(node, dict):
        return (
            "map",
            node.lc.line,
            node.lc.col,
            [
                (key, node.lc.key(key), _value_position(node, key), _shape(node[key]))
                for key in node
            ],
        )
    if isinstance(node, list):
        return (
            "seq",
            node.lc.line,
            node.lc.col,
            [(node.lc.item(i), _shape(v)) for i, v in enumerate(node)],
        )
    # ruamel returns str subclasses for block scalars; the text is what counts.
    return (str(node), "str") if isinstance(node, str) else (node, type(node).__name__)


def _value_position(node: Any, key: str) -> tuple[int, int] | None:
    # An empty value has no position of its own: ruamel gives the next token's, libyaml the end
    # of the key's line. Problems about an empty value point at its key (`load._position`).
    return None if node[key] is None else node.lc.value(key)


def _yaml_files() -> list[Path]:
    folders = (ROOT / "data", FIXTURE_SITE / "data", BAD)
    return sorted(p for folder in folders for p in folder.rglob("*.yml"))


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_path_builds_what_the_round_trip_loader_builds(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = load_node(text, MAX_NESTING)
    if fast is UNSURE:
        return  # the round-trip loader reads it; its own tests cover that
    assert _shape(fast) == _shape(round_trip_yaml().load(text))


def test_sample_data_takes_the_fast_path() -> None:
    for path in sorted((ROOT / "data").rglob("*.yml")):
        assert load_node(path.read_text(encoding="utf-8"), MAX_NESTING) is not UNSURE, path


def test_values_resolve_as_in_the_round_trip_loader() -> None:
    text = (
        "a: 000\nb: 1.50\nc: 2024-13-45\nd: yes\ne: true\nf: ~\ng:\nh: 'true'\n"
        "i: [é, x]\nj: |\n  kept\n  lines\n"
    )
    fast = load_node(text, MAX_NESTING)
    assert fast == {
        "a": "000",
        "b": "1.50",
        "c": "2024-13-45",
        "d": "yes",
        "e": True,
        "f": None,
        "g": None,
        "h": "true",
        "i": ["é", "x"],
        "j": "kept\nlines\n",
    }
    assert _shape(fast) == _shape(round_trip_yaml().load(text))


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchor and alias
        "a: !important x\n",  # a tag
        "a: !!str 1\n",
        "a: 1\na: 2\n",  # duplicate key
        "a: 'unclosed\nb: 2\n",  # syntax error
        "%YAML 1.1\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",  # two documents
        "- a\n- b\n",  # not a mapping
        "just text\n",
        "true: 1\n",  # a key that is not text
        "? [a, b]\n: 1\n",
        "<<: {a: 1}\n",
        "a: one\x85two\n",
        "a: " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1) + "\n",
    ],
)
def test_fast_path_hands_unusual_files_to_the_round_trip_loader(text: str) -> None:
    assert load_node(text, MAX_NESTING) is UNSURE


def test_empty_file_is_empty_on_both_paths() -> None:
    assert load_node("# only a comment\n", MAX_NESTING) is None


def test_a_file_with_problems_is_reported_by_the_round_trip_loader(tmp_path: Path) -> None:
    """The fast path parses this file, but it is invalid: the report is the usual one."""
    path = tmp_path / "x.yml"
    path.write_text("name: Melasma\nsummary:\n  - a list\n", encoding="utf-8")
    problems: list[Problem] = []

    source, record = read_and_validate(path, "x.yml", Concern, problems)

    assert record is None
    assert source is not None
    assert isinstance(source.node, CommentedMap)  # the round-trip loader's, as before
    assert [str(p) for p in problems] == ["x.yml:3:3: summary: expected text, got a list."]
