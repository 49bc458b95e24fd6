"""Read `data/` into validated models, remembering where every key stands in its file.

Every problem found is collected; `load_site` raises one `DataError` carrying all of them, so a user
sees every mistake in one run.
"""

from __future__ import annotations

import codecs
import difflib
import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, MappingStartEvent, SequenceStartEvent
from ruamel.yaml.parser import ParserError
from ruamel.yaml.scanner import ScannerError

from clinicdocs.branding import check_branding
from clinicdocs.checks import check_concern_ids, check_glossary_terms, check_unique_names
from clinicdocs.errors import DataError, Problem, shown_path
from clinicdocs.fastload import UNSURE, load_node
from clinicdocs.models import (
    PATTERN_HINTS,
    SLUG_PATTERN,
    UNION_TAGS,
    Clinic,
    Concern,
    Glossary,
    Strict,
    Treatment,
    is_slug,
    name_order,
)

MAX_FILE_BYTES = 1_000_000
"""A record larger than this is a mistake (a pasted document, a binary file), not content."""

YAML_SUFFIXES = (".yml", ".yaml")

MAX_NESTING = 12
"""No field nests deeper than a few levels; far deeper nesting is a mistake or an attack on the
parser (which recurses once per level)."""

if TYPE_CHECKING:
    from clinicdocs.translations import Candidate, Translation

M = TypeVar("M", bound=BaseModel)

_UNCLOSED_QUOTE = "this quote mark is never closed; add the closing quote at the end of the value"
# A line whose value (after any `- ` and `key: `) starts with a quote mark.
_QUOTED_VALUE = re.compile(
    r"""^(?P<lead>\s*(?:-\s+)*(?:[^\s"'#:-][^:#]*:\s+)?)(?P<q>["'])(?P<rest>.*)$"""
)


@dataclass(frozen=True)
class SourceFile:
    """A loaded YAML file: where it is, how to name it to the user, and its parsed node tree."""

    path: Path
    display: str
    node: Any

    def position(self, loc: tuple[str | int, ...], *, of_key: bool = False) -> tuple[int, int]:
        """Find the 1-based line and column of the value (or key) at `loc` in this file.

        Walks as deep as the file goes; a location the file lacks (a missing field) points at the
        deepest mapping that exists, which is where the field should be added.
        """
        return _position(self.node, loc, of_key=of_key)


@dataclass
class SiteData:
    """Everything in `data/`, validated. Keys of the dicts are record ids (file names)."""

    treatments: dict[str, Treatment]
    concerns: dict[str, Concern]
    glossary: Glossary | None
    clinic: Clinic
    sources: dict[str, SourceFile] = field(default_factory=dict)
    """The file behind each record, keyed `treatments/<id>`, `concerns/<id>`, `glossary` and
    `clinic`."""
    languages: tuple[str, ...] = ()
    """The site's languages, the source language first (`("en",)` when `load_site` is given
    none; empty only for a SiteData made by hand)."""
    translations: dict[str, dict[str, Translation]] = field(default_factory=dict)
    """The valid translations, by language code, then by record key (as in `sources`); see
    `clinicdocs.translations.site_in_language`."""

    def treatments_for(self, concern_id: str) -> list[tuple[str, Treatment]]:
        """The treatments that list `concern_id`, in name order: derived, never stored twice."""
        found = [(tid, t) for tid, t in self.treatments.items() if concern_id in t.concerns]
        return sorted(found, key=lambda item: name_order(item[1].name))


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


def _yaml() -> YAML:
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
        fast: try libyaml's C parser first (`clinicdocs.fastload`); it hands anything unusual
            back to the round-trip loader, which reports every syntax problem.
    """
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
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(_encoding_problem(display, body, exc))
        return None
    node = load_node(text, MAX_NESTING) if fast else UNSURE
    if node is UNSURE:
        node = _round_trip_node(text, display, problems)
        if node is UNSURE:
            return None
    if node is None:
        problems.append(
            Problem.about_file(display, f"file is empty; expected {_example_fields(model)}")
        )
        return None
    if not isinstance(node, dict):
        problems.append(
            Problem(
                display,
                1,
                1,
                "",
                f"expected {_example_fields(model)} at the top level, not {_describe(node)}",
            )
        )
        return None
    return SourceFile(path, display, node)


def _round_trip_node(text: str, display: str, problems: list[Problem]) -> Any:
    """Parse with ruamel's round-trip loader; on failure, append the problem and return UNSURE."""
    structure = _structure_problem(text, display)
    if structure is not None:
        problems.append(structure)
        return UNSURE
    try:
        return _yaml().load(text)
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
        errors = _without_misspelt_missing(model, exc.errors())
        problems.extend(_problem_from_error(source, model, err) for err in errors)
        return None


def read_and_validate(
    path: Path, display: str, model: type[M], problems: list[Problem]
) -> tuple[SourceFile | None, M | None]:
    """Read a file with the C parser where it can, and validate it.

    A file with any problem is read again by the round-trip loader and validated again, so every
    problem is worded and placed exactly as that loader reports it; only clean files, the common
    case, take the fast path alone.

    Returns:
        The parsed file (None if it cannot be read) and the record (None if invalid).
    """
    trial: list[Problem] = []
    source = read_yaml(path, display, trial, model=model, fast=True)
    if source is not None:
        record = validate_record(source, model, trial)
        if not trial:
            return source, record
    source = read_yaml(path, display, problems, model=model)
    if source is None:
        return None, None
    return source, validate_record(source, model, problems)


def _without_misspelt_missing(
    model: type[BaseModel], errors: list[ErrorDetails]
) -> list[ErrorDetails]:
    """Drop "required field is missing" for a field that is there, misspelt: the unknown-field
    problem already names it ("did you mean ...?"), and one mistake should make one line."""
    misspelt = set()
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and loc:
            close = _closest_field(model, loc)
            if close is not None:
                misspelt.add((*loc[:-1], close))
    return [
        err for err in errors if not (err["type"] == "missing" and tuple(err["loc"]) in misspelt)
    ]


def _closest_field(model: type[BaseModel], loc: tuple[str | int, ...]) -> str | None:
    """The valid field an unknown field at `loc` was most likely meant to be, if any."""
    close = difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc[:-1]), n=1, cutoff=0.6)
    return close[0] if close else None


def _yaml_files(folder: Path) -> list[Path]:
    # `x.YML` is meant as a record too (some editors save names so); skipping it silently would
    # hide the record, so it is read and its name reported instead. `x.yml`, the documented
    # name, comes before `x.yaml`, so that the odd one out is the one reported as a duplicate.
    return sorted(
        (
            p
            for p in folder.iterdir()
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in YAML_SUFFIXES
        ),
        key=lambda p: (p.stem, p.suffix != ".yml", p.suffix),
    )


def _load_folder(
    files: list[Path],
    model: type[M],
    kind: str,
    root: Path | None,
    site_sources: dict[str, SourceFile],
    problems: list[Problem],
) -> tuple[dict[str, M], set[str]]:
    """Load every record in `files` (one folder's YAML files); also return the ids of all of
    them, valid or not."""
    records: dict[str, M] = {}
    seen: dict[str, str] = {}
    for path in files:
        display = shown_path(path, root)
        record_id = path.stem
        usable = False
        if not is_slug(record_id) or path.suffix not in YAML_SUFFIXES:
            problems.append(
                Problem.about_file(
                    display,
                    f"file name '{path.name}' is not a valid id; use lowercase letters, digits and "
                    f"hyphens, e.g. '{_suggest_slug(record_id)}{path.suffix.lower()}'",
                )
            )
        elif record_id in seen:
            problems.append(
                Problem.about_file(
                    display,
                    f"duplicate id '{record_id}': {seen[record_id]} has the same id (the file name "
                    "without its ending); keep only one of the two files",
                )
            )
        else:
            seen[record_id] = display
            usable = True
        # The content of a misnamed or duplicate file is still checked, so that renaming it does
        # not reveal a second round of problems.
        source, record = read_and_validate(path, display, model, problems)
        if source is None:
            continue
        if usable:
            site_sources[f"{kind}/{record_id}"] = source
            if record is not None:
                records[record_id] = record
    return records, set(seen)


def _suggest_slug(name: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() and ch.isascii() else "-" for ch in name)
    return "-".join(part for part in out.split("-") if part) or "my-record"


def load_site(
    data_dir: Path,
    project: Path | None = None,
    clinic_file: Path | None = None,
    languages: Sequence[str] = (),
) -> SiteData:
    """Load and validate everything under `data_dir`, including checks across files.

    Args:
        data_dir: the `data/` folder.
        project: the project folder; paths in problems are shown relative to it, and the
            clinic's logo and favicon paths are relative to it (`data_dir`'s parent when not
            given).
        clinic_file: the clinic to brand the site for, instead of `data_dir/clinic.yml`: one
            content folder serves several clinics.
        languages: the site's languages, the source language first (mkdocs.yml's
            `plugins: - clinicdocs: languages:`); their translations (`<id>.<code>.yml`) are
            loaded and checked against their sources. Empty: a one-language English site.

    Returns:
        The validated site data.

    Raises:
        DataError: listing every problem found, if there is any.
    """
    root = project
    shown = shown_path(data_dir, root)
    if not data_dir.is_dir():
        raise DataError(
            [
                Problem.about_file(
                    shown,
                    "data folder not found; create it with "
                    "'clinic.yml', 'treatments/' and 'concerns/' inside",
                )
            ]
        )
    problems: list[Problem] = []
    sources: dict[str, SourceFile] = {}

    # Each folder is listed once; an empty or missing one is a problem of its own.
    from clinicdocs.translations import (
        Candidate,
        load_translations,
        missing_clinic_translations,
    )

    declared = tuple(languages) or ("en",)
    candidates: list[Candidate] = []
    listed: dict[str, list[Path]] = {}
    for kind in ("treatments", "concerns"):
        folder = data_dir / kind
        files = _yaml_files(folder) if folder.is_dir() else []
        files = _without_translations(files, kind, candidates)
        if files:
            listed[kind] = files
        else:
            problems.append(
                Problem.about_file(
                    shown_path(folder, root),
                    f"no {kind} found; add at least one '<id>.yml' file here",
                )
            )

    treatments: dict[str, Treatment] = {}
    concerns: dict[str, Concern] = {}
    concern_ids: set[str] = set()
    treatment_ids: set[str] = set()
    if "treatments" in listed:
        treatments, treatment_ids = _load_folder(
            listed["treatments"], Treatment, "treatments", root, sources, problems
        )
    if "concerns" in listed:
        concerns, concern_ids = _load_folder(
            listed["concerns"], Concern, "concerns", root, sources, problems
        )

    clinic = _load_single(
        clinic_file or data_dir / "clinic.yml",
        Clinic,
        "clinic",
        root,
        sources,
        problems,
        required=True,
    )
    glossary = _load_single(
        data_dir / "glossary.yml", Glossary, "glossary", root, sources, problems, required=False
    )

    # Checks across files run on whatever loaded, so one run shows every problem. A concern whose
    # file has mistakes still counts as known: its own problems are reported already.
    if "concerns" in listed:
        problems.extend(check_concern_ids(treatments, concern_ids, sources))
    problems.extend(check_unique_names("treatments", treatments, sources))
    problems.extend(check_unique_names("concerns", concerns, sources))
    if glossary is not None:
        problems.extend(check_glossary_terms(glossary, sources["glossary"]))
    if "clinic" in sources:
        folder = root if root is not None else data_dir.parent
        problems.extend(check_branding(sources["clinic"], folder))

    # Translations: whatever loaded of their sources is compared with them. A source file with
    # problems still exists (None: its translation is validated but not compared).
    clinic_path = clinic_file or data_dir / "clinic.yml"
    for path, key in ((data_dir / "glossary.yml", "glossary"), (clinic_path, "clinic")):
        for found in sorted(path.parent.glob(f"{path.stem}.*")):
            name = _translation_name(found)
            if name is not None and name[0] == path.stem:
                candidates.append(Candidate(found, key, name[0], name[1]))
    existing: dict[str, BaseModel | None] = {}
    existing.update((f"treatments/{i}", treatments.get(i)) for i in treatment_ids)
    existing.update((f"concerns/{i}", concerns.get(i)) for i in concern_ids)
    if (data_dir / "glossary.yml").is_file():
        existing["glossary"] = glossary
    if clinic_path.is_file():
        existing["clinic"] = clinic
    translations = load_translations(candidates, existing, declared, root, problems)
    if clinic_path.is_file():
        problems.extend(
            missing_clinic_translations(
                clinic_path,
                declared,
                set(translations_with("clinic", translations)),
                root,
                other_clinic=clinic_file is not None,
            )
        )

    if problems or clinic is None:
        raise DataError(problems)
    return SiteData(treatments, concerns, glossary, clinic, sources, declared, translations)


def translations_with(key: str, translations: dict[str, dict[str, Translation]]) -> list[str]:
    """The languages that have a valid translation of the record `key`."""
    return [code for code, records in translations.items() if key in records]


def _translation_name(path: Path) -> tuple[str, str] | None:
    from clinicdocs.translations import translation_name

    if not path.is_file() or path.suffix.lower() not in YAML_SUFFIXES:
        return None
    return translation_name(path)


def _without_translations(files: list[Path], kind: str, candidates: list[Candidate]) -> list[Path]:
    """The record files of a folder; files named `<id>.<code>.yml` go to `candidates`."""
    from clinicdocs.translations import Candidate

    records = []
    for path in files:
        name = _translation_name(path)
        if name is None:
            records.append(path)
        else:
            candidates.append(Candidate(path, f"{kind}/{name[0]}", name[0], name[1]))
    return records


def _load_single(
    path: Path,
    model: type[M],
    key: str,
    root: Path | None,
    sources: dict[str, SourceFile],
    problems: list[Problem],
    *,
    required: bool,
) -> M | None:
    display = shown_path(path, root)
    if not path.is_file():
        if required:
            problems.append(
                Problem.about_file(
                    display,
                    f"file is missing; create it with {_example_fields(model, limit=None)}",
                )
            )
        return None
    source, record = read_and_validate(path, display, model, problems)
    if source is not None:
        sources[key] = source
    return record


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


def _problem_from_error(source: SourceFile, model: type[BaseModel], err: ErrorDetails) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    line, col = source.position(loc, of_key=kind == "extra_forbidden")
    return Problem(
        source.display, line, col, field_path(source.node, loc), _friendly_message(model, loc, err)
    )


_MODEL_ERRORS = ("model_type", "model_attributes_type", "dict_type")


def _friendly_message(model: type[BaseModel], loc: tuple[str | int, ...], err: ErrorDetails) -> str:
    """Word a pydantic error for a clinic editor: what is wrong and, where possible, the mend."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    name = loc[-1] if loc else ""
    if kind == "missing":
        if name == "general_advice":
            return (
                "required field is missing; add 'general_advice: true', or write the "
                "statement as plain text without 'text:'"
            )
        return "required field is missing"
    if value is None and kind == "list_type":
        return "is empty; add '- ' items below it, or remove the line"
    if value is None and kind in _MODEL_ERRORS:
        return f"is empty; add {_example_fields(_model_at(model, loc))} below it"
    if value is None and kind.endswith("_type"):
        return "must not be empty"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = _closest_field(model, loc)
        hint = (
            f"; did you mean '{close}'?"
            if close
            else (f"; valid fields are: {', '.join(allowed)}" if allowed else "")
        )
        return f"unknown field '{name}'{hint}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return f"needs at least {need} item{'s' if need != 1 else ''}"
    if kind == "string_too_long":
        return (
            f"is too long ({len(str(value))} characters); the limit is "
            f"{ctx.get('max_length')} characters"
        )
    if kind == "too_long":
        return f"has too many items; the limit is {ctx.get('max_length')}"
    if kind == "string_type" and isinstance(value, bool):
        return f"expected text, got {_describe(value)}; put it in quotes if it is meant as text"
    if kind == "string_type":
        return f"expected text, got {_describe(value)}"
    if kind == "list_type":
        return f"expected a list ('- item' lines), got {_describe(value)}"
    if kind in _MODEL_ERRORS:
        return f"expected {_example_fields(_model_at(model, loc))}, got {_describe(value)}"
    if kind.startswith("date_"):
        return f"expected a date written YYYY-MM-DD, got {_describe(value)}"
    if kind == "literal_error":
        if name == "general_advice":
            return (
                "must be true; a statement taken from the sources is written as plain text, "
                "without 'text:' and 'general_advice:'"
            )
        # pydantic spells the choices as Python does; an editor writes them as YAML does.
        expected = re.sub(
            r"\b(True|False)\b", lambda m: m.group(1).lower(), str(ctx.get("expected"))
        )
        return f"must be {expected}, not {_describe(value)}"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == SLUG_PATTERN:
            return (
                f"{value!r} is not a valid id; ids are lowercase letters, digits and "
                f"hyphens, e.g. '{_suggest_slug(str(value))}'"
            )
        if pattern in PATTERN_HINTS:
            return PATTERN_HINTS[pattern].format(value=value)
        return f"{value!r} is not in the expected format"
    if kind in ("value_error", "assertion_error"):
        message = err["msg"]
        return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return err["msg"][0].lower() + err["msg"][1:]


def _describe(value: object) -> str:
    """Name a value the way an editor sees it in the file."""
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    return repr(str(value))


def _example_fields(model: type[BaseModel] | None, limit: int | None = 3) -> str:
    """`fields such as 'name:', 'category:' and 'summary:'`: the required fields, to show an
    editor what belongs in an empty file or mapping."""
    if model is None:
        return "'field: value' lines"
    names = [n for n, info in model.model_fields.items() if info.is_required()]
    names = names or list(model.model_fields)
    shown = [f"'{n}:'" for n in names[:limit]]
    listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    if limit is None or len(names) <= limit:
        return f"the field{'s' if len(shown) != 1 else ''} {listed}"
    return f"fields such as {listed}"


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model expected at `loc`, by following the model's annotations."""
    current: Any = model
    for part in loc:
        current = _unwrap(current, part)
        if current is None:
            return None
    current = _unwrap(current, None)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Names of the fields valid at `loc`."""
    found = _model_at(model, loc)
    if found is not None and issubclass(found, Strict):
        return list(found.model_fields)
    return []


def _unwrap(annotation: Any, part: str | int | None) -> Any:
    """Follow one step of a location through an annotation (model field, list item, union)."""
    for _ in range(10):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            candidates = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [
                a
                for a in (_unwrap(c, None) for c in candidates)
                if isinstance(a, type) and issubclass(a, BaseModel)
            ]
            lists = [c for c in candidates if typing.get_origin(_unwrap(c, None)) is list]
            annotation = (
                models[0]
                if models and not isinstance(part, int)
                else (lists[0] if lists else candidates[0])
            )
        else:
            break
    if part is None:
        return annotation
    if isinstance(part, int):
        return typing.get_args(annotation)[0] if typing.get_origin(annotation) is list else None
    if part in UNION_TAGS:
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        info = annotation.model_fields.get(part)
        return info.annotation if info else None
    return None
