"""The wording of problems: each pydantic error said the way a clinic editor can act on it, with
the mend where there is one ("did you mean 'when'?")."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Tag
from pydantic_core import ErrorDetails

from clinicdocs.data.models import PATTERN_HINTS, UNION_TAGS, Strict
from clinicdocs.data.naming import SLUG_PATTERN, suggest_slug
from clinicdocs.data.source import SourceFile, field_path
from clinicdocs.errors import Problem


def problem_from_error(source: SourceFile, model: type[BaseModel], err: ErrorDetails) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    line, col = source.position(loc, of_key=kind == "extra_forbidden")
    return Problem(
        source.display, line, col, field_path(source.node, loc), _friendly_message(model, loc, err)
    )


def without_misspelt_missing(
    model: type[BaseModel], errors: list[ErrorDetails]
) -> list[ErrorDetails]:
    """Drop "required field is missing" for a field that is there, misspelt: the unknown-field
    problem already names it ("did you mean ...?"), and one mistake should make one line."""
    misspelt = set()
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and loc:
            close = closest_field(model, loc)
            if close is not None:
                misspelt.add((*loc[:-1], close))
    return [
        err for err in errors if not (err["type"] == "missing" and tuple(err["loc"]) in misspelt)
    ]


def closest_field(model: type[BaseModel], loc: tuple[str | int, ...]) -> str | None:
    """The valid field an unknown field at `loc` was most likely meant to be, if any."""
    close = difflib.get_close_matches(str(loc[-1]), fields_at(model, loc[:-1]), n=1, cutoff=0.6)
    return close[0] if close else None


_MODEL_ERRORS = ("model_type", "model_attributes_type", "dict_type")


@dataclass(frozen=True)
class _Error:
    """One pydantic error, with what its wording needs."""

    model: type[BaseModel]
    loc: tuple[str | int, ...]
    kind: str
    ctx: dict[str, Any]
    value: Any
    msg: str

    @property
    def name(self) -> str | int:
        return self.loc[-1] if self.loc else ""

    @property
    def expected_fields(self) -> str:
        return example_fields(_model_at(self.model, self.loc))


def _missing(e: _Error) -> str:
    if e.name == "general_advice":
        return (
            "required field is missing; add 'general_advice: true', or write the statement as "
            "plain text without 'text:'"
        )
    return "required field is missing"


def _empty(e: _Error) -> str | None:
    """An empty value (`field:` with nothing after it) where something is expected."""
    if e.value is not None:
        return None
    if e.kind == "list_type":
        return "is empty; add '- ' items below it, or remove the line"
    if e.kind in _MODEL_ERRORS:
        return f"is empty; add {e.expected_fields} below it"
    if e.kind.endswith("_type"):
        return "must not be empty"
    return None


def _unknown_field(e: _Error) -> str:
    if len(e.loc) >= 2 and e.loc[-2] == "shared":
        return (
            f"unknown field '{e.name}'; an item with 'use:' takes its text from "
            "data/statements.yml, so it has 'use:' only (or write the item as a text of its own)"
        )
    allowed = fields_at(e.model, e.loc[:-1])
    close = closest_field(e.model, e.loc)
    if close:
        hint = f"; did you mean '{close}'?"
    else:
        hint = f"; valid fields are: {', '.join(allowed)}" if allowed else ""
    return f"unknown field '{e.name}'{hint}"


def _too_short(e: _Error) -> str:
    need = e.ctx.get("min_length", 1)
    return f"needs at least {need} item{'s' if need != 1 else ''}"


def _not_text(e: _Error) -> str:
    if isinstance(e.value, bool):
        return (
            f"expected text, got {describe_value(e.value)}; put it in quotes if it is meant as text"
        )
    return f"expected text, got {describe_value(e.value)}"


def _not_a_choice(e: _Error) -> str:
    if e.name == "general_advice":
        return (
            "must be true; a statement taken from the sources is written as plain text, "
            "without 'text:' and 'general_advice:'"
        )
    # pydantic spells the choices as Python does; an editor writes them as YAML does.
    expected = re.sub(r"\b(True|False)\b", lambda m: m.group(1).lower(), str(e.ctx.get("expected")))
    return f"must be {expected}, not {describe_value(e.value)}"


def _bad_format(e: _Error) -> str:
    pattern = e.ctx.get("pattern", "")
    if pattern == SLUG_PATTERN:
        return (
            f"{e.value!r} is not a valid id; ids are lowercase letters, digits and hyphens, "
            f"e.g. '{suggest_slug(str(e.value)) or 'my-record'}'"
        )
    if pattern in PATTERN_HINTS:
        return PATTERN_HINTS[pattern].format(value=e.value)
    return f"{e.value!r} is not in the expected format"


def _own_message(e: _Error) -> str:
    """A model's own check (a validator's message), written for editors already."""
    return e.msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")


_WORDING: dict[str, Callable[[_Error], str]] = {
    "missing": _missing,
    "extra_forbidden": _unknown_field,
    "string_too_short": lambda e: "must not be empty",
    "too_short": _too_short,
    "string_too_long": lambda e: (
        f"is too long ({len(str(e.value))} characters); the limit is "
        f"{e.ctx.get('max_length')} characters"
    ),
    "too_long": lambda e: f"has too many items; the limit is {e.ctx.get('max_length')}",
    "string_type": _not_text,
    "list_type": lambda e: f"expected a list ('- item' lines), got {describe_value(e.value)}",
    **dict.fromkeys(
        _MODEL_ERRORS, lambda e: f"expected {e.expected_fields}, got {describe_value(e.value)}"
    ),
    "literal_error": _not_a_choice,
    "greater_than_equal": lambda e: (
        f"must be {e.ctx.get('ge')} or more, not {describe_value(e.value)}"
    ),
    "less_than_equal": lambda e: (
        f"must be {e.ctx.get('le')} or less, not {describe_value(e.value)}"
    ),
    "int_parsing": lambda e: f"expected a whole number, got {describe_value(e.value)}",
    "int_type": lambda e: f"expected a whole number, got {describe_value(e.value)}",
    "string_pattern_mismatch": _bad_format,
    "value_error": _own_message,
    "assertion_error": _own_message,
}
"""How each kind of pydantic error is worded for a clinic editor: what is wrong and, where
possible, the mend. Dates (`date_*`) and empty values are worded before this table is read."""


def _friendly_message(model: type[BaseModel], loc: tuple[str | int, ...], err: ErrorDetails) -> str:
    """Word a pydantic error for a clinic editor (`_WORDING`); an error kind the table lacks
    keeps pydantic's own message."""
    e = _Error(model, loc, err["type"], dict(err.get("ctx") or {}), err.get("input"), err["msg"])
    if e.kind != "missing":
        empty = _empty(e)
        if empty is not None:
            return empty
    if e.kind.startswith("date_"):
        return f"expected a date written YYYY-MM-DD, got {describe_value(e.value)}"
    wording = _WORDING.get(e.kind)
    if wording is not None:
        return wording(e)
    return e.msg[0].lower() + e.msg[1:]


def describe_value(value: object) -> str:
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


def example_fields(model: type[BaseModel] | None, limit: int | None = 3) -> str:
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


def fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Names of the fields valid at `loc`."""
    found = _model_at(model, loc)
    if found is not None and issubclass(found, Strict):
        return list(found.model_fields)
    return []


def _tag_of(annotation: Any) -> str | None:
    """The tag of a member of a tagged union (`Annotated[..., Tag("shared")]`), if any."""
    if typing.get_origin(annotation) is not typing.Annotated:
        return None
    return next((m.tag for m in annotation.__metadata__ if isinstance(m, Tag)), None)


def _unwrap(annotation: Any, part: str | int | None) -> Any:
    """Follow one step of a location through an annotation (model field, list item, union)."""
    for _ in range(10):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            candidates = [a for a in typing.get_args(annotation) if a is not type(None)]
            # A tagged union's member is named by its tag in the location (a statement's
            # `shared` is `StatementUse`, `advice` is `GeneralAdvice`).
            tagged = [c for c in candidates if part in UNION_TAGS and _tag_of(c) == part]
            if tagged:
                annotation = tagged[0]
                continue
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
