"""Where each key stands in a data file: a parsed file with positions, and pydantic locations
turned into the paths an editor reads (`side_effects[2].what_to_do`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clinicdocs.data.models import UNION_TAGS


@dataclass(frozen=True)
class SourceFile:
    """A loaded YAML file: where it is, how to name it to the user, its parsed node tree, and
    the text it was parsed from."""

    path: Path
    display: str
    node: Any
    text: str = field(default="", repr=False, compare=False)
    """The file's text as the loader read it; positions inside a value are found in it."""

    def position(self, loc: tuple[str | int, ...], *, of_key: bool = False) -> tuple[int, int]:
        """Find the 1-based line and column of the value (or key) at `loc` in this file.

        Walks as deep as the file goes; a location the file lacks (a missing field) points at the
        deepest mapping that exists, which is where the field should be added.
        """
        return _position(self.node, loc, of_key=of_key)

    def phrase_position(
        self, loc: tuple[str | int, ...], value: str, offset: int
    ) -> tuple[int, int]:
        """Find the 1-based line and column of character `offset` of the text value at `loc`.

        The value's characters are followed through its scalar as written in the text the file
        was parsed from: plain or quoted (folded lines, `''` and backslash escapes), literal `|`
        or folded `>` blocks. Where the written text cannot be followed (an escape such as
        `\\u00e9` before the phrase), the value's own start is given, as for any other finding.
        """
        start = self.position(loc)
        return scalar_position(self.text, start, value, offset) or start


def scalar_position(
    text: str, start: tuple[int, int], value: str, offset: int
) -> tuple[int, int] | None:
    """The 1-based line and column in `text` of character `offset` of `value`, the scalar that
    starts at `start` (1-based line and column, as `SourceFile.position` gives it).

    Returns None when the scalar as written cannot be followed to that character.
    """
    lines = text.split("\n")
    line, col = start
    if not 0 < line <= len(lines) or not 0 <= offset < len(value):
        return None
    line_starts = [0]
    for written in lines:
        line_starts.append(line_starts[-1] + len(written) + 1)
    at = line_starts[line - 1] + col - 1
    if text[at : at + 1] in ("|", ">"):
        # A block scalar: its text starts on the line after the header (`|-`, `>2`, ...).
        at = line_starts[line] if line < len(lines) else len(text)
    quote = text[at] if text[at : at + 1] in ("'", '"') else ""
    at += len(quote)
    for index, char in enumerate(value[: offset + 1]):
        if char.isspace():
            continue
        while at < len(text) and (text[at].isspace() or (quote == '"' and text[at] == "\\")):
            if text[at] == "\\" and text[at + 1 : at + 2] not in ("\n", " "):
                break  # an escape that stands for this character
            at += 1
        if at >= len(text):
            return None
        if text[at] == "\\" and quote == '"':
            if index == offset:
                break
            at += 2  # a two-character escape; longer ones (\x, \u) lose the thread below
            continue
        if text[at] != char:
            return None
        if index == offset:
            break
        at += 2 if quote == "'" and char == "'" and text[at : at + 2] == "''" else 1
    row = max(i for i, first in enumerate(line_starts) if first <= at)
    return row + 1, at - line_starts[row] + 1


def _position(node: Any, loc: tuple[str | int, ...], *, of_key: bool) -> tuple[int, int]:
    line, col = (node.lc.line, node.lc.col) if hasattr(node, "lc") else (0, 0)
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        # ruamel's CommentedMap/CommentedSeq or fastload's PositionedMap/PositionedSeq.
        if isinstance(node, dict) and part in node:
            # An empty value has no position of its own (the parser gives the next line's), so
            # point at its key instead.
            of_key_here = (last and of_key) or node[part] is None
            lc: Any = node.lc  # type: ignore[attr-defined]  # set by both loaders
            line, col = lc.key(part) if of_key_here else lc.value(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.lc.item(part)  # type: ignore[attr-defined]
            node = node[part]
        elif part in UNION_TAGS:
            continue
        else:
            break
    return line + 1, col + 1


def field_path(node: Any, loc: tuple[str | int, ...]) -> str:
    """Turn a pydantic location into the path a user reads: `side_effects[2].what_to_do`.

    Union tags that pydantic adds (they are not keys in the data) are left out.
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            continue
        if part in UNION_TAGS and not (isinstance(node, dict) and part in node):
            continue
        out += f".{part}" if out else part
        node = node.get(part) if isinstance(node, dict) else None
    return out
