"""A treatment's key facts in words, and as numbers to sort and filter by.

The data holds numbers with units (`downtime: {min: 5, max: 7, unit: days}`); the page says them
in the reader's language ("5 to 7 days", "من 5 إلى 7 أيام", "5至7天"; templates give a cell its
capital with `upper_first`), and the comparison table and the treatment finder order and filter
by one common unit per fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from clinicdocs.data.models import NUMBING_METHODS, Amount, Concern, KeyFacts, Numbing, Treatment
from clinicdocs.i18n.language import Language

FACTS = (
    "sessions",
    "interval",
    "session_length",
    "numbing",
    "downtime",
    "results_show",
    "results_last",
)
"""The key facts, in the order pages show them."""

_IN_DAYS = {"days": 1.0, "weeks": 7.0, "months": 30.44, "years": 365.25}
_IN_MINUTES = {"minutes": 1.0, "hours": 60.0}


def fact_value(fact: Amount | Numbing | None, language: Language) -> str | None:
    """The fact's numbers (or numbing methods) in words, without its note; None when the data
    has none, e.g. `5 to 7 days`, `Numbing cream or gel`."""
    if fact is None:
        return None
    if isinstance(fact, Numbing):
        if not fact.methods:
            return None
        return language.or_list([language.t(f"numbing.{method}") for method in fact.methods])
    if fact.min is None and fact.max is None:
        return None
    unit = getattr(fact, "unit", None)
    if not fact.min and not fact.max:
        return language.t("facts.none")
    return language.quantity(fact.min, fact.max, unit)


def fact_words(fact: Amount | Numbing | None, language: Language) -> str | None:
    """The fact as the treatment page states it: its numbers in words, then its note."""
    if fact is None:
        return None
    value = fact_value(fact, language)
    if value is None:
        return fact.note
    if fact.note is None:
        return value
    return language.t("facts.with_note", value=value, note=fact.note)


def fact_cell(fact: Amount | Numbing | None, language: Language) -> str | None:
    """The fact as a comparison table's cell shows it: its numbers, or its note when it has
    none (a table of sentences would not compare at a glance)."""
    if fact is None:
        return None
    return fact_value(fact, language) or fact.note


@dataclass(frozen=True)
class FactRange:
    """A fact's numbers in one common unit (days, or minutes for a session's length), for
    sorting and filtering; `low` and `high` are equal for a single number."""

    low: float
    high: float


def fact_range(fact: Amount | None) -> FactRange | None:
    """The fact's numbers in its common unit, or None when it has none."""
    if fact is None or (fact.min is None and fact.max is None):
        return None
    unit = getattr(fact, "unit", None)
    scale = 1.0 if unit is None else {**_IN_DAYS, **_IN_MINUTES}[unit]
    low = fact.min if fact.min is not None else 0
    high = fact.max if fact.max is not None else low
    return FactRange(round(low * scale, 2), round(high * scale, 2))


def stated_facts(facts: KeyFacts) -> list[str]:
    """The names of the facts the data has, in page order."""
    return [name for name in FACTS if getattr(facts, name) is not None]


@dataclass(frozen=True)
class Filter:
    """One of the treatment finder's choices: a `<select>` over the rows' `data-<name>`.

    Attributes:
        name: the rows' data attribute it reads.
        label: its label, in the page's language.
        match: `max` (the row's number is at most the chosen one) or `has` (the row's
            space-separated words include the chosen one).
        options: `(value, label)` for each choice, besides "any".
    """

    name: str
    label: str
    match: str
    options: list[tuple[str, str]]


@dataclass(frozen=True)
class Finder:
    """What the treatments index needs for its comparison table and its finder.

    Attributes:
        columns: the key facts at least one treatment states, in page order: the table has a
            column for each (a column of "Not stated" only would compare nothing).
        rows: for each treatment id, its `data-*` attributes (`concerns`, `downtime` in days,
            `sessions`, `numbing`), for the finder's script.
        filters: the finder's choices; one is left out when no treatment states its fact.
    """

    columns: list[str]
    rows: dict[str, dict[str, str]]
    filters: list[Filter]


def finder(
    treatments: list[tuple[str, Treatment]],
    concerns: list[tuple[str, Concern]],
    language: Language,
) -> Finder:
    """The comparison table's columns and the finder's rows and choices, from the data.

    Args:
        treatments: every treatment with its id, in the order the table lists them.
        concerns: every concern with its id, in the order the finder offers them.
        language: the page's language, for the choices' words.
    """
    columns = [name for name in FACTS if any(getattr(t.key_facts, name) for _, t in treatments)]
    rows = {tid: _row(treatment) for tid, treatment in treatments}
    treated = {cid for _, t in treatments for cid in t.concerns}
    filters = [
        Filter(
            "concerns",
            language.t("finder.concern"),
            "has",
            [(cid, concern.name) for cid, concern in concerns if cid in treated],
        ),
        Filter(
            "downtime",
            language.t("key_facts.downtime"),
            "max",
            _limits([t.key_facts.downtime for _, t in treatments], language, "finder.at_most"),
        ),
        Filter(
            "sessions",
            language.t("key_facts.sessions"),
            "max",
            _limits([t.key_facts.sessions for _, t in treatments], language, "finder.fewer"),
        ),
        Filter(
            "numbing",
            language.t("key_facts.numbing"),
            "has",
            [
                (method, language.t(f"numbing.{method}"))
                for method in NUMBING_METHODS
                if any(
                    t.key_facts.numbing and method in t.key_facts.numbing.methods
                    for _, t in treatments
                )
            ],
        ),
    ]
    return Finder(columns, rows, [f for f in filters if f.options])


def _row(treatment: Treatment) -> dict[str, str]:
    facts = treatment.key_facts
    row = {"concerns": " ".join(treatment.concerns)}
    for name in ("downtime", "sessions"):
        found = fact_range(getattr(facts, name))
        if found is not None:
            row[name] = _number(found.high)
    if facts.numbing and facts.numbing.methods:
        row["numbing"] = " ".join(facts.numbing.methods)
    return row


def _limits(facts: list[Amount | None], language: Language, message: str) -> list[tuple[str, str]]:
    """A finder's "at most" choices: each upper end the treatments state, smallest first, in
    the words of the fact that states it ("None", "7 days or less", "2 weeks or less") and of
    `message` (`finder.at_most`, or `finder.fewer` for a count)."""
    choices: dict[float, str] = {}
    for fact in facts:
        found = fact_range(fact)
        if fact is None or found is None or found.high in choices:
            continue
        top = fact.max if fact.max is not None else fact.min
        assert top is not None  # fact_range found a number
        choices[found.high] = (
            language.t("facts.none")
            if not top
            else language.t(
                message, value=language.quantity(top, None, getattr(fact, "unit", None))
            )
        )
    return [(_number(high), choices[high]) for high in sorted(choices)]


def _number(value: float) -> str:
    """`7.0` -> `7`: data attributes hold plain numbers."""
    return f"{value:g}"
