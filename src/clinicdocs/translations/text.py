"""What a translation translates: the translatable text of a record, and the version of that text
(`source_version`) that tells when a translation is out of date."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel

from clinicdocs.data.models import (
    GeneralAdvice,
    translatable_mark,
)
from clinicdocs.data.statements import used_id


def translatable_text(value: Any) -> Any:
    """The translatable text of a record (or part of one) as plain data, in field order:
    what a translation translates and what `source_version` is computed from. A statement used
    by id (`- use: <id>`) has no text here, resolved or not: it is translated once, in
    `data/statements.yml`'s translations."""
    if used_id(value) is not None:
        return None
    if isinstance(value, GeneralAdvice):
        return value.text
    if isinstance(value, BaseModel):
        out = {}
        for name, info in type(value).model_fields.items():
            if translatable_mark(info) is None:
                continue
            text = translatable_text(getattr(value, name))
            if text not in (None, [], {}):
                out[name] = text
        # A key fact that was text before it had numbers keeps that text's version.
        alone = getattr(type(value), "TEXT_ALONE", None)
        if alone is not None and list(out) == [alone]:
            return out[alone]
        return out
    if isinstance(value, list):
        # A statement used by id is left out: adding, removing or changing one changes nothing
        # a record's translation holds, so it does not outdate it.
        return [translatable_text(item) for item in value if used_id(item) is None]
    return value


def source_version(record: BaseModel) -> str:
    """The version of a source record's translatable text: the first 12 hex digits of the
    sha256 of its canonical JSON. Dates, review data, sources and ids are not part of it, so
    editing them does not outdate a translation; editing any translatable text does."""
    return _version(translatable_text(record))


def content_version(data: Any) -> str:
    """The version of any JSON-like data, made as `source_version` makes a record's text's (12
    hex digits of the sha256 of its canonical JSON): for versions of more than the text, such
    as a printed sheet's (`clinicdocs.generate.sheets`)."""
    return _version(data)


def section_versions(record: BaseModel) -> dict[str, str]:
    """The version of each section of a source record (each translatable field that holds
    text), in field order, then of each item of a keyed list (`item_section`: a glossary's
    terms, one by one): what a translation records so that, once the source changes, its
    readers are told which sections, or which terms, changed."""
    text = translatable_text(record)
    assert isinstance(text, dict)
    versions = {name: _version(value) for name, value in text.items()}
    for name, info in type(record).model_fields.items():
        mark = translatable_mark(info)
        if mark is not None and mark.keyed_by is not None and name in text:
            for item in getattr(record, name):
                section = item_section(name, str(getattr(item, mark.keyed_by)))
                versions[section] = _version(translatable_text(item))
    return versions


ITEM_SEPARATOR = "/"


def item_section(field: str, key: str) -> str:
    """The section name of one item of a keyed list: `terms/collagen`."""
    return f"{field}{ITEM_SEPARATOR}{key}"


def split_item_section(section: str) -> tuple[str, str] | None:
    """`(field, key)` of an item's section name, or None for a whole field's."""
    field, separator, key = section.partition(ITEM_SEPARATOR)
    return (field, key) if separator else None


def _version(text: Any) -> str:
    canonical = json.dumps(text, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def has_text(value: Any) -> bool:
    """Tell whether `value` (a text, list, mapping or record) holds any text at all."""
    if value is None or used_id(value) is not None:
        return False
    if isinstance(value, str | GeneralAdvice):
        return True
    if isinstance(value, list):
        return any(has_text(item) for item in value)
    if isinstance(value, BaseModel):
        return any(
            has_text(getattr(value, name))
            for name, info in type(value).model_fields.items()
            if translatable_mark(info) is not None
        )
    return True


def first_text(value: Any) -> str:
    """The first text inside `value`, to quote in a message that points at it."""
    text = translatable_text(value)
    while isinstance(text, list | dict):
        items = list(text.values()) if isinstance(text, dict) else text
        text = items[0] if items else ""
    return str(text)


def translated_items(value: list[Any], given: list[Any]) -> list[tuple[int, Any]]:
    """The items of a source list that a translated list of the same field stands for, with
    their indexes: every item, or, when the translation leaves out the items that have no text
    to translate (an alternative named only by its id, a statement used by id), the items that
    have text."""
    if len(given) != len(value):
        texted = [(index, item) for index, item in enumerate(value) if has_text(item)]
        if len(texted) == len(given):
            return texted
    return list(enumerate(value))
