"""Read plain, well-formed data files with libyaml's C parser, keeping every key's position.

ruamel's round-trip loader, which the error reports are built on, is pure Python: on a catalogue
of a thousand treatments it spent longer reading YAML than MkDocs spent building the site. This
module reads the common case, a file with nothing unusual in it, from the C parser's events into
a dict and list tree that answers positions as ruamel's does (`node.lc.line`, `.col`, `.key(k)`,
`.value(k)`, `.item(i)`), in about half the memory of ruamel's `CommentedMap`/`CommentedSeq`: a
catalogue keeps every file's tree for the lint's positions.

Anything unusual (a syntax error, an anchor or alias, a tag, a duplicate key, deep nesting, a
`%YAML` directive, a key that is not text, line-break characters YAML versions disagree on) makes
it give up and return `UNSURE`: the caller then reads the file with ruamel, which words the problem.
Values are resolved as ruamel's loader in `load.py` resolves them (YAML 1.2 nulls and booleans;
numbers and dates kept as the text written).
"""

from __future__ import annotations

import re
from typing import Any, Final

import yaml  # type: ignore[import-untyped]  # PyYAML ships no type hints

AVAILABLE: Final = getattr(yaml, "__with_libyaml__", False)
"""Whether PyYAML was built with libyaml (the wheels on PyPI are)."""


class LineCol:
    """Where a node and its keys, values or items start (0-based), like ruamel's `LineCol`."""

    __slots__ = ("col", "data", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col
        self.data: dict[Any, tuple[int, ...]] = {}

    def key(self, key: Any) -> tuple[int, int]:
        """The line and column of a mapping's key."""
        found = self.data[key]
        return found[0], found[1]

    def value(self, key: Any) -> tuple[int, int]:
        """The line and column of a mapping's value."""
        found = self.data[key]
        return found[2], found[3]

    def item(self, index: int) -> tuple[int, int]:
        """The line and column of a sequence's item."""
        found = self.data[index]
        return found[0], found[1]


class PositionedMap(dict[str, Any]):
    """A mapping from a data file, with the positions of its keys and values in `lc`."""

    __slots__ = ("lc",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.lc = LineCol(line, col)


class PositionedSeq(list[Any]):
    """A sequence from a data file, with the positions of its items in `lc`."""

    __slots__ = ("lc",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.lc = LineCol(line, col)


class _Unsure:
    """The file needs the round-trip loader."""

    def __repr__(self) -> str:
        return "UNSURE"


UNSURE: Final = _Unsure()

# YAML 1.2 core schema, as ruamel resolves plain scalars. Numbers and dates stay text (see
# `_TextConstructor` in load.py), so only these two need resolving.
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are line breaks in YAML 1.1 (libyaml) but not in
# 1.2 (ruamel); a merge key `<<` is special in 1.1 only.
_DISAGREEMENT = re.compile("[\x85\u2028\u2029\ufeff]|<<")


def load_node(text: str, max_nesting: int) -> Any:
    """The file's top-level value as ruamel's round-trip loader would build it, or `UNSURE`.

    Args:
        text: the file's text.
        max_nesting: give up (so the round-trip loader reports it) beyond this depth.

    Returns:
        None for an empty file, a `PositionedMap` for a mapping, or `UNSURE` when the file has
        anything the round-trip loader should see (including any top level other than a mapping).
    """
    if not AVAILABLE or _DISAGREEMENT.search(text):
        return UNSURE
    try:
        return _build(yaml.parse(text, Loader=yaml.CSafeLoader), max_nesting)
    except (yaml.YAMLError, ValueError, TypeError, _GiveUp):
        return UNSURE


class _GiveUp(Exception):
    pass


def _build(events: Any, max_nesting: int) -> Any:
    # A stack of open collections; for a mapping, the key waiting for its value.
    stack: list[tuple[Any, Any]] = []
    root: Any = None
    documents = 0
    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or not _untagged(event):
                raise _GiveUp
            value: Any = event.value
            if event.style == "" and event.implicit[0]:
                if value in _NULL:
                    value = None
                elif value in _BOOL:
                    value = _BOOL[value]
            root = _add(stack, value, event, root)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or not _untagged(event) or len(stack) >= max_nesting:
                raise _GiveUp
            mark = event.start_mark
            collection: Any = (
                PositionedMap(mark.line, mark.column)
                if kind is yaml.MappingStartEvent
                else PositionedSeq(mark.line, mark.column)
            )
            root = _add(stack, collection, event, root)
            stack.append((collection, None))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1 or event.version is not None or event.tags:
                raise _GiveUp
        elif kind is yaml.AliasEvent:
            raise _GiveUp
    if not isinstance(root, PositionedMap | type(None)):
        raise _GiveUp
    return root


def _untagged(event: Any) -> bool:
    return event.tag is None or event.tag == "!"


def _add(stack: list[tuple[Any, Any]], value: Any, event: Any, root: Any) -> Any:
    """Put `value` into the innermost open collection; return the document's root."""
    if not stack:
        return value
    parent, pending = stack[-1]
    mark = event.start_mark
    if isinstance(parent, PositionedSeq):
        parent.lc.data[len(parent)] = (mark.line, mark.column)
        parent.append(value)
    elif pending is None:
        # A key: only text keys, each once, as the data's fields are.
        if not isinstance(value, str) or value in parent or not isinstance(event, yaml.ScalarEvent):
            raise _GiveUp
        stack[-1] = (parent, (value, mark.line, mark.column))
    else:
        key, line, column = pending
        parent.lc.data[key] = (line, column, mark.line, mark.column)
        parent[key] = value
        stack[-1] = (parent, None)
    return root
