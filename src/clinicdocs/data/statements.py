"""Statements written once (`data/statements.yml`) and used by id (`- use: <id>`): the records'
`use:` items replaced by the statement's text, once, after loading.

A used statement becomes `UsedText` (a `str`) or `UsedAdvice` (a `GeneralAdvice`), so templates,
handouts, open data, JSON-LD and search see the text and its general-advice mark, never the id.
Each still knows its id (`used_id`), so translation treats it as the `use:` item it was: it has
no text of its own in the record (its record's translation does not repeat it, and its record's
`source_version` does not change when the statement's text does); each language's pages show
the statement's own translation (`resolve_statements` again, with that language's texts).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, PrivateAttr

from clinicdocs.data.models import GeneralAdvice, StatementEntry, Statements, StatementUse, Strict

M = TypeVar("M", bound=BaseModel)


class UsedText(str):
    """A statement of `data/statements.yml` used by id, that is not general advice: its text.

    Attributes:
        use: the statement's id.
        language: the language code of the text when it is not the page's (a statement not
            translated yet, shown as the source has it), else None.
    """

    use: str
    language: str | None

    def __new__(cls, text: str, use: str, language: str | None = None) -> UsedText:
        """The text `text` of statement `use`."""
        made = super().__new__(cls, text)
        made.use = use
        made.language = language
        return made

    def __getnewargs__(self) -> tuple[str, str, str | None]:  # type: ignore[override]
        return (str(self), self.use, self.language)


class UsedAdvice(GeneralAdvice):
    """A statement of `data/statements.yml` used by id, marked as general safety advice.
    Serialised as any `GeneralAdvice` (text and mark, never the id)."""

    _use: str = PrivateAttr("")
    _language: str | None = PrivateAttr(None)

    @property
    def use(self) -> str:
        """The statement's id."""
        return self._use

    @property
    def language(self) -> str | None:
        """The language code of the text when it is not the page's, else None."""
        return self._language


Used = UsedText | UsedAdvice
"""A list item that was `- use: <id>`, resolved."""


def used(entry: StatementEntry, language: str | None = None) -> Used:
    """The list item that shows `entry`: its text, marked as general advice when it is."""
    if not entry.general_advice:
        return UsedText(entry.text, entry.id, language)
    advice = UsedAdvice(text=entry.text, general_advice=True)
    advice._use = entry.id
    advice._language = language
    return advice


def used_id(item: object) -> str | None:
    """The statement id of a list item that is a use of one (resolved or not), else None."""
    if isinstance(item, StatementUse):
        return item.use
    if isinstance(item, UsedText | UsedAdvice):
        return item.use
    return None


def shown_in_source(item: object) -> str | None:
    """The language of a used statement's text when it is not the page's language."""
    return item.language if isinstance(item, UsedText | UsedAdvice) else None


def by_id(statements: Statements | None) -> dict[str, StatementEntry]:
    """The statements of `data/statements.yml` by id (empty without the file)."""
    if statements is None:
        return {}
    return {entry.id: entry for entry in statements.statements}


def resolve_statements(record: M, shown: Mapping[str, Used]) -> M:
    """`record` with every statement used by id (`StatementUse`, or one resolved before, in
    another language) replaced by `shown[id]`. An id `shown` lacks is left as it is (the
    checks across files report it before any record is resolved).

    Args:
        record: a validated record.
        shown: the list item to show for each statement id.
    """
    resolved = _resolve(record, shown)
    assert isinstance(resolved, type(record))
    return resolved


def _resolve(value: Any, shown: Mapping[str, Used]) -> Any:
    if isinstance(value, list):
        items = [_resolve(item, shown) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    statement_id = used_id(value)
    if statement_id is not None:
        return shown.get(statement_id, value)
    if isinstance(value, Strict) and not isinstance(value, GeneralAdvice):
        updates = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _resolve(old, shown)
            if new is not old:
                updates[name] = new
        return value.model_copy(update=updates) if updates else value
    return value


def uses_in(value: Any, loc: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    """Every statement used by id in a record, with its location (`aftercare`, 1, `do`, 2),
    in field order."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(value, list):
        for index, item in enumerate(value):
            found += uses_in(item, (*loc, index))
    elif (statement_id := used_id(value)) is not None:
        found.append((loc, statement_id))
    elif isinstance(value, Strict) and not isinstance(value, GeneralAdvice):
        for name in type(value).model_fields:
            found += uses_in(getattr(value, name), (*loc, name))
    return found
