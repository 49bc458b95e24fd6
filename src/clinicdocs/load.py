"""Read `data/` into validated models, remembering where every key stands in its file.

Every problem found is collected; `load_site` raises one `DataError` carrying all of them, so a user
sees every mistake in one run.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from clinicdocs.errors import DataError, Problem
from clinicdocs.models import (
    UNION_TAGS,
    Clinic,
    Concern,
    Glossary,
    Strict,
    Treatment,
    is_slug,
)

MAX_FILE_BYTES = 1_000_000
"""A record larger than this is a mistake (a pasted document, a binary file), not content."""

YAML_SUFFIXES = (".yml", ".yaml")

M = TypeVar("M", bound=BaseModel)


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
    """The file behind each record, keyed `treatments/<id>`, `concerns/<id>`, `glossary`, `clinic`."""

    def treatments_for(self, concern_id: str) -> list[tuple[str, Treatment]]:
        """The treatments that list `concern_id`, in name order: derived, never stored twice."""
        found = [(tid, t) for tid, t in self.treatments.items() if concern_id in t.concerns]
        return sorted(found, key=lambda item: item[1].name.casefold())


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def read_yaml(path: Path, display: str, problems: list[Problem]) -> SourceFile | None:
    """Parse one YAML file, appending to `problems` (and returning None) if it cannot be read.

    Args:
        path: the file on disk.
        display: the path to show the user.
        problems: where problems are collected.
    """
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        problems.append(
            Problem(display, None, None, "", f"file is {len(raw):,} bytes; the limit is "
                    f"{MAX_FILE_BYTES:,}. Split it or remove pasted material")
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        problems.append(
            Problem(display, line, col, "", f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x});"
                    " save it with UTF-8 encoding")
        )
        return None
    try:
        node = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = (exc.problem or exc.context or "invalid YAML").strip()
        problems.append(Problem(display, line, col, "", f"YAML syntax error: {what}"))
        return None
    except YAMLError as exc:
        problems.append(Problem(display, None, None, "", f"YAML syntax error: {exc}"))
        return None
    if node is None:
        problems.append(Problem(display, 1, 1, "", "file is empty; expected fields such as 'name:'"))
        return None
    if not isinstance(node, CommentedMap):
        problems.append(
            Problem(display, 1, 1, "", "expected a mapping of fields ('name: ...') at the top level")
        )
        return None
    return SourceFile(path, display, node)


def validate_record(
    source: SourceFile, model: type[M], problems: list[Problem]
) -> M | None:
    """Validate a parsed file against `model`, turning each pydantic error into a `Problem`."""
    try:
        return model.model_validate(source.node)
    except ValidationError as exc:
        problems.extend(_problem_from_error(source, model, err) for err in exc.errors())
        return None


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
        and p.suffix in YAML_SUFFIXES
    )


def _load_folder(
    folder: Path, model: type[M], kind: str, root: Path | None, site_sources: dict[str, SourceFile],
    problems: list[Problem],
) -> dict[str, M]:
    records: dict[str, M] = {}
    seen: dict[str, str] = {}
    for path in _yaml_files(folder):
        display = _display(path, root)
        record_id = path.stem
        if not is_slug(record_id):
            problems.append(Problem(
                display, None, None, "",
                f"file name '{path.name}' is not a valid id; use lowercase letters, digits and "
                f"hyphens, e.g. '{_suggest_slug(record_id)}{path.suffix}'",
            ))
            continue
        if record_id in seen:
            problems.append(Problem(
                display, None, None, "", f"duplicate id '{record_id}': {seen[record_id]} has it too"
            ))
            continue
        seen[record_id] = display
        source = read_yaml(path, display, problems)
        if source is None:
            continue
        site_sources[f"{kind}/{record_id}"] = source
        record = validate_record(source, model, problems)
        if record is not None:
            records[record_id] = record
    return records


def _suggest_slug(name: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in name)
    return "-".join(part for part in out.split("-") if part) or "my-record"


def load_site(data_dir: Path, root: Path | None = None) -> SiteData:
    """Load and validate everything under `data_dir`, including checks across files.

    Args:
        data_dir: the `data/` folder.
        root: the project folder; paths in problems are shown relative to it.

    Returns:
        The validated site data.

    Raises:
        DataError: listing every problem found, if there is any.
    """
    from clinicdocs.checks import check_site  # checks imports SiteData from here

    shown = _display(data_dir, root)
    if not data_dir.is_dir():
        raise DataError([Problem(shown, None, None, "", "data folder not found; create it with "
                                 "'clinic.yml', 'treatments/' and 'concerns/' inside")])
    problems: list[Problem] = []
    sources: dict[str, SourceFile] = {}

    folders = {}
    for kind in ("treatments", "concerns"):
        folder = data_dir / kind
        if not folder.is_dir() or not _yaml_files(folder):
            problems.append(Problem(_display(folder, root), None, None, "",
                                    f"no {kind} found; add at least one '<id>.yml' file here"))
        else:
            folders[kind] = folder

    treatments = _load_folder(folders["treatments"], Treatment, "treatments", root, sources,
                              problems) if "treatments" in folders else {}
    concerns = _load_folder(folders["concerns"], Concern, "concerns", root, sources,
                            problems) if "concerns" in folders else {}

    clinic = _load_single(data_dir / "clinic.yml", Clinic, "clinic", root, sources, problems,
                          required=True)
    glossary = _load_single(data_dir / "glossary.yml", Glossary, "glossary", root, sources,
                            problems, required=False)

    if problems or clinic is None:
        raise DataError(problems)
    site = SiteData(treatments, concerns, glossary, clinic, sources)
    problems.extend(check_site(site))
    if problems:
        raise DataError(problems)
    return site


def _load_single(
    path: Path, model: type[M], key: str, root: Path | None, sources: dict[str, SourceFile],
    problems: list[Problem], *, required: bool,
) -> M | None:
    display = _display(path, root)
    if not path.is_file():
        if required:
            problems.append(Problem(display, None, None, "", "file is missing; it is required"))
        return None
    source = read_yaml(path, display, problems)
    if source is None:
        return None
    sources[key] = source
    return validate_record(source, model, problems)


def _position(node: Any, loc: tuple[str | int, ...], *, of_key: bool) -> tuple[int, int]:
    line, col = (node.lc.line, node.lc.col) if hasattr(node, "lc") else (0, 0)
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, CommentedMap) and part in node:
            line, col = node.lc.key(part) if (last and of_key) else node.lc.value(part)
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.lc.item(part)
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
    return Problem(source.display, line, col, field_path(source.node, loc),
                   _friendly_message(model, loc, err))


def _friendly_message(model: type[BaseModel], loc: tuple[str | int, ...], err: ErrorDetails) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else (
            f"; valid fields are: {', '.join(allowed)}" if allowed else "")
        return f"unknown field '{loc[-1]}'{hint}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return f"needs at least {need} item{'s' if need != 1 else ''}"
    if kind in ("string_too_long", "too_long"):
        return f"is too long; the limit is {ctx.get('max_length')}"
    if kind == "string_type":
        return f"expected text, got {_describe(value)}"
    if kind == "list_type":
        return f"expected a list ('- item' lines), got {_describe(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields, got {_describe(value)}"
    if kind.startswith("date_"):
        return f"expected a date written YYYY-MM-DD, got {value!r}"
    if kind == "literal_error":
        return f"must be {ctx.get('expected')}, not {value!r}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern", "").startswith("^[a-z0-9]+"):
            return f"'{value}' is not a valid id; ids are lowercase with hyphens, like 'acne-scars'"
        return f"{value!r} is not in the expected format"
    if kind in ("value_error", "assertion_error"):
        message = err["msg"]
        return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return err["msg"][0].lower() + err["msg"][1:]


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    return f"{type(value).__name__} {value!r}"


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Names of the fields valid at `loc`, by following the model's annotations."""
    current: Any = model
    for part in loc:
        current = _unwrap(current, part)
        if current is None:
            return []
    current = _unwrap(current, None)
    if isinstance(current, type) and issubclass(current, Strict):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any, part: str | int | None) -> Any:
    """Follow one step of a location through an annotation (model field, list item, union)."""
    for _ in range(10):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            candidates = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in (_unwrap(c, None) for c in candidates)
                      if isinstance(a, type) and issubclass(a, BaseModel)]
            lists = [c for c in candidates if typing.get_origin(_unwrap(c, None)) is list]
            annotation = models[0] if models and not isinstance(part, int) else (
                lists[0] if lists else candidates[0])
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
