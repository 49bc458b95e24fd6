"""Reading YAML data files: the C parser for clean files, ruamel's round-trip loader for anything
else, so every syntax problem is reported at its line with a mend; then validation against a
model. And writing one back in one step (`write_atomically`)."""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, MappingStartEvent, SequenceStartEvent
from ruamel.yaml.parser import ParserError
from ruamel.yaml.scanner import ScannerError

from clinicdocs.data.fastload import UNSURE, load_node
from clinicdocs.data.reuse import keeping, kept
from clinicdocs.data.source import SourceFile
from clinicdocs.data.wording import (
    describe_value,
    example_fields,
    problem_from_error,
    without_misspelt_missing,
)
from clinicdocs.errors import Problem

MAX_FILE_BYTES = 1_000_000
"""A record larger than this is a mistake (a pasted document, a binary file), not content."""


MAX_NESTING = 12
"""No field nests deeper than a few levels; far deeper nesting is a mistake or an attack on the
parser (which recurses once per level)."""


M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


_UNCLOSED_QUOTE = "this quote mark is never closed; add the closing quote at the end of the value"


# A line whose value (after any `- ` and `key: `) starts with a quote mark.
_QUOTED_VALUE = re.compile(
    r"""^(?P<lead>\s*(?:-\s+)*(?:[^\s"'#:-][^:#]*:\s+)?)(?P<q>["'])(?P<rest>.*)$"""
)


class _TextConstructor(RoundTripConstructor):
    """Keep numbers and dates as the text the editor wrote.

    Every field is text or a date, and pydantic reads dates from text. Left to YAML, `000` (an
    emergency number) becomes 0, `1.50` becomes 1.5, and an impossible date such as 2024-13-45
    raises inside the parser instead of being reported at its line.
    """


for _tag in ("int", "float", "timestamp"):
    _TextConstructor.add_constructor(
        f"tag:yaml.org,2002:{_tag}", RoundTripConstructor.construct_yaml_str
    )


# A value such as `!important` would otherwise load as a tagged object that no field accepts and
# that has no position left; refusing the tag while parsing reports it where it stands.
_TextConstructor.add_constructor(None, RoundTripConstructor.construct_undefined)


def round_trip_yaml() -> YAML:
    """ruamel's round-trip loader as data files are read: numbers and dates kept as written,
    unknown tags and duplicate keys refused where they stand."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextConstructor
    yaml.allow_duplicate_keys = False
    return yaml


def read_yaml(
    path: Path,
    display: str,
    problems: list[Problem],
    *,
    model: type[BaseModel] | None = None,
    fast: bool = False,
) -> SourceFile | None:
    """Parse one YAML file, appending to `problems` (and returning None) if it cannot be read.

    Args:
        path: the file on disk.
        display: the path to show the user.
        problems: where problems are collected.
        model: the model the file should hold; its fields are named when the file is empty.
        fast: try libyaml's C parser first (`clinicdocs.data.fastload`); it hands anything unusual
            back to the round-trip loader, which reports every syntax problem.
    """
    text = _read_text(path, display, problems)
    if text is None:
        return None
    node = load_node(text, MAX_NESTING) if fast else UNSURE
    if node is UNSURE:
        node = _round_trip_node(text, display, problems)
        if node is UNSURE:
            return None
    if node is None:
        problems.append(
            Problem.about_file(display, f"file is empty; expected {example_fields(model)}")
        )
        return None
    if not isinstance(node, dict):
        problems.append(
            Problem(
                display,
                1,
                1,
                "",
                f"expected {example_fields(model)} at the top level, not {describe_value(node)}",
            )
        )
        return None
    return SourceFile(path, display, node, text)


def _read_text(path: Path, display: str, problems: list[Problem]) -> str | None:
    """A data file's text, or None (with the problem appended) when it cannot be read, is too
    large, or is not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem.about_file(display, f"file cannot be read: {exc.strerror}"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.append(
            Problem.about_file(
                display,
                f"file is {len(raw):,} bytes; the limit is "
                f"{MAX_FILE_BYTES:,}. Split it or remove pasted material",
            )
        )
        return None
    # Some Windows editors start UTF-8 files with a byte-order mark; it is not content.
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(_encoding_problem(display, body, exc))
        return None


def _round_trip_node(text: str, display: str, problems: list[Problem]) -> Any:
    """Parse with ruamel's round-trip loader; on failure, append the problem and return UNSURE."""
    structure = _structure_problem(text, display)
    if structure is not None:
        problems.append(structure)
        return UNSURE
    try:
        return round_trip_yaml().load(text)
    except MarkedYAMLError as exc:
        line, col, message = _syntax_problem(exc)
        # Only a failure to parse can come from an unclosed quote; a file that parsed has none.
        quote = _unclosed_quote(text, line) if isinstance(exc, ScannerError | ParserError) else None
        if quote is not None:
            line, col = quote
            message = _UNCLOSED_QUOTE
        problems.append(Problem(display, line, col, "", f"YAML syntax error: {message}"))
        return UNSURE
    except (YAMLError, ValueError, TypeError) as exc:
        # A parser failure that carries no position must still not end in a traceback.
        problems.append(Problem.about_file(display, f"YAML syntax error: {exc}"))
        return UNSURE


def _structure_problem(text: str, display: str) -> Problem | None:
    """Refuse aliases and absurd nesting before the file is built into objects.

    An alias (`*name`) repeats a value written elsewhere: data never needs it, and a few lines of
    nested aliases ("billion laughs") expand into more values than validation can walk. Deep
    nesting would exhaust the recursion of the YAML composer. Both are caught on the parser's
    event stream, which uses no recursion; a file that does not parse is left for the loader
    to report.
    """
    depth = 0
    anchors: set[str] = set()
    try:
        for event in YAML(typ="rt").parse(text):
            mark = event.start_mark
            if getattr(event, "anchor", None) and not isinstance(event, AliasEvent):
                anchors.add(event.anchor)
            # An alias to no anchor is a value that starts with '*'; the loader explains that.
            if isinstance(event, AliasEvent) and event.anchor in anchors:
                return Problem(
                    display,
                    mark.line + 1,
                    mark.column + 1,
                    "",
                    "aliases ('*name') are not allowed in data; write the value out in full",
                )
            if isinstance(event, MappingStartEvent | SequenceStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    return Problem(
                        display,
                        mark.line + 1,
                        mark.column + 1,
                        "",
                        f"lists and fields are nested more than {MAX_NESTING} levels deep here; "
                        "no field needs that, check the indentation and brackets",
                    )
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except (YAMLError, ValueError, TypeError):
        return None
    return None


def _encoding_problem(display: str, raw: bytes, exc: UnicodeDecodeError) -> Problem:
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    line = raw.count(b"\n", 0, exc.start) + 1
    # Columns count characters, as editors do; the bytes before the bad one are valid UTF-8.
    col = len(raw[line_start : exc.start].decode("utf-8")) + 1
    byte = raw[exc.start]
    # Files that are not UTF-8 almost always come from Windows-1252 (Latin-1) editors, so naming
    # the character it would be there tells the editor which letter to look for.
    guess = bytes([byte]).decode("cp1252", errors="replace")
    what = f"byte 0x{byte:02x}"
    if guess.isprintable() and guess != "\ufffd":
        what += f", probably '{guess}' saved in another encoding"
    return Problem(
        display,
        line,
        col,
        "",
        f"file is not saved as UTF-8 text ({what}); save it again with UTF-8 encoding",
    )


def _syntax_problem(exc: MarkedYAMLError) -> tuple[int | None, int | None, str]:
    """Say where a YAML syntax error is and what it means, in an editor's words.

    The parser's own words ('mapping values are not allowed here', '<block end>') mean nothing to
    a clinic editor, and for an unclosed quote or bracket its position is where it gave up (often
    the end of the file), not where the quote or bracket was opened.
    """
    problem = str(exc.problem or "").strip()
    context = str(exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    opened_at = exc.context_mark or exc.problem_mark
    bad_start = re.match(r"found character '(.+?)' that cannot start any token", problem)
    if isinstance(exc, DuplicateKeyError):
        key = re.search(r'duplicate key "(.*?)" with value', problem)
        message = f"'{key.group(1) if key else 'this field'}' is given twice here; keep only one"
    elif bad_start and bad_start.group(1) == "\\t":
        message = "tab characters cannot be used to indent; use spaces"
    elif bad_start:
        message = f"a value cannot start with '{bad_start.group(1)}'; put the whole value in quotes"
    elif problem.startswith("found undefined alias"):
        message = "a value cannot start with '*'; put the whole value in quotes"
    elif problem.startswith("could not determine a constructor for the tag"):
        message = "a value cannot start with '!'; put the whole value in quotes"
    elif problem == "mapping values are not allowed here":
        message = (
            "unexpected ':'; if the value contains ': ', put the whole value in quotes, "
            "otherwise check the indentation"
        )
    elif "escape character" in problem:
        message = "a backslash inside double quotes must be doubled ('\\\\'); or use single quotes"
    elif "quoted scalar" in context:
        mark = opened_at
        message = _UNCLOSED_QUOTE
    elif context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")):
        mark = opened_at
        opening, closing = ("[", "]") if "sequence" in context else ("{", "}")
        message = (
            f"this '{opening}' is never closed with '{closing}'; to write text that starts with "
            f"'{opening}', put the whole value in quotes"
        )
    elif problem == "could not find expected ':'":
        mark = opened_at
        message = (
            "this line is neither 'field: value' nor a '- ' list item; indent it if it "
            "continues the line above"
        )
    elif problem.startswith("expected <block end>") and "'<scalar>'" in problem:
        message = (
            "unexpected text after the closing quote mark; when a value starts with a "
            "quote, put the whole value in quotes"
        )
    elif problem.startswith("expected <block end>"):
        message = "this line is not indented like the lines around it"
    elif problem == "but found another document":
        message = "a file holds one record; remove this '---' line and what follows it"
    else:
        message = problem or context or "the file cannot be read as YAML"
        if context and problem and exc.context_mark is not None:
            message += f" ({context} on line {exc.context_mark.line + 1})"
    if mark is None:
        return None, None, message
    return mark.line + 1, mark.column + 1, message


def _unclosed_quote(text: str, error_line: int | None) -> tuple[int, int] | None:
    """Find a quoted value left open on a line before `error_line`, as (line, column).

    YAML lets a quoted value run over many lines, so the parser trips over an unclosed quote only
    where the text next looks wrong, often far below it. Called only when parsing failed, this
    looks for a value that opens a quote, does not close it on its line, and is followed by a line
    indented no deeper, which a value meant to go on would be.
    """
    lines = text.splitlines()
    last = len(lines) if error_line is None else min(error_line, len(lines))
    for index in range(last):
        match = _QUOTED_VALUE.match(lines[index])
        if match is None:
            continue
        rest = match.group("rest")
        if match.group("q") == '"':
            closed = re.search(r'(?<!\\)"', rest) is not None
        else:
            closed = "'" in rest.replace("''", "")
        if closed:
            continue
        indent = len(lines[index]) - len(lines[index].lstrip())
        following = [line for line in lines[index + 1 :] if line.strip()]
        if following and len(following[0]) - len(following[0].lstrip()) <= indent:
            return index + 1, len(match.group("lead")) + 1
    return None


def validate_record(source: SourceFile, model: type[M], problems: list[Problem]) -> M | None:
    """Validate a parsed file against `model`, turning each pydantic error into a `Problem`."""
    try:
        return model.model_validate(source.node)
    except ValidationError as exc:
        errors = without_misspelt_missing(model, exc.errors())
        problems.extend(problem_from_error(source, model, err) for err in errors)
        return None


def read_checked(
    path: Path,
    display: str,
    problems: list[Problem],
    check: Callable[[SourceFile, list[Problem]], T | None],
    *,
    model: type[BaseModel] | None = None,
) -> tuple[SourceFile | None, T | None]:
    """Read a file with the C parser where it can, and `check` it.

    A file with any problem is read again by the round-trip loader and checked again, so every
    problem is worded and placed exactly as that loader reports it; only clean files, the common
    case, take the fast path alone.

    Args:
        path: the file on disk.
        display: the path to show the user.
        problems: where problems are collected.
        check: validates the parsed file, appending its problems to the list it is given.
        model: the model the file should hold; its fields are named when the file is empty.

    Returns:
        The parsed file (None if it cannot be read) and what `check` returned (None if invalid).
    """
    trial: list[Problem] = []
    source = read_yaml(path, display, trial, model=model, fast=True)
    if source is not None:
        result = check(source, trial)
        if not trial:
            return source, result
    source = read_yaml(path, display, problems, model=model)
    if source is None:
        return None, None
    return source, check(source, problems)


_VALIDATED: dict[tuple[str, str, type[BaseModel]], tuple[bytes, SourceFile, BaseModel]] = kept({})
"""Each valid file read by `read_and_validate`, by path, name shown and model: its content's
digest, the parsed file and the record (frozen). The preview loads the data again after every
edit, and reads and validates again only the files whose content changed (`data.reuse`)."""


def read_and_validate(
    path: Path, display: str, model: type[M], problems: list[Problem]
) -> tuple[SourceFile | None, M | None]:
    """Read a file (`read_checked`) and validate it against `model`; a file whose content is
    the same as when it last passed is not read again (`_VALIDATED`).

    Returns:
        The parsed file (None if it cannot be read) and the record (None if invalid).
    """
    key = (str(path), display, model)
    digest = b""
    if keeping():
        with contextlib.suppress(OSError):  # read_checked reports it
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    known = _VALIDATED.get(key)
    if digest and known is not None and known[0] == digest:
        remembered = known[2]
        assert isinstance(remembered, model)
        return known[1], remembered
    found: list[Problem] = []
    source, record = read_checked(
        path,
        display,
        found,
        lambda source, found: validate_record(source, model, found),
        model=model,
    )
    problems.extend(found)
    if digest and source is not None and record is not None and not found:
        _VALIDATED[key] = (digest, source, record)
    else:
        _VALIDATED.pop(key, None)
    return source, record


def write_atomically(path: Path, content: bytes) -> None:
    """Write through a temporary file in the same folder, so a reader sees the old file or the
    new one, never half of it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        if path.exists():
            shutil.copymode(path, temporary)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
