"""Checks that look across records: ids that must exist, names that must be unique, pages that
must not clash. Each check returns `Problem`s; none raises."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from clinicdocs.data.models import Concern, Glossary, Statements, Treatment
from clinicdocs.data.source import SourceFile, field_path
from clinicdocs.data.statements import uses_in
from clinicdocs.errors import Problem

REFERENCES: dict[str, tuple[tuple[str, ...], ...]] = {
    "concerns": (("concerns", "*"), ("limits", "*", "concerns", "*")),
    "treatments": (("alternatives", "*", "treatment"),),
}
"""Where a treatment's file names another record by its id, by the folder of the record named
(`*`: every item of a list): the fields `check_concern_ids` and `check_alternatives` follow.
Renaming a record (the editor) rewrites these; `tests/data/test_checks.py` keeps the table
equal to the models' id fields."""


def check_concern_ids(
    treatments: Mapping[str, Treatment],
    concern_ids: Collection[str],
    sources: Mapping[str, SourceFile],
) -> Iterable[Problem]:
    """Every concern a treatment names (as one it treats, or in a limit as one it is a poor
    choice for) must exist; one it treats is named once, and never also in a limit.

    Args:
        treatments: the treatments, by id.
        concern_ids: the ids of every concern file, including files that have mistakes.
        sources: the file behind each record, keyed `treatments/<id>`.
    """
    known = sorted(concern_ids)
    for treatment_id, treatment in treatments.items():
        source = sources[f"treatments/{treatment_id}"]
        seen: set[str] = set()
        named: list[tuple[tuple[str | int, ...], str]] = [
            (("concerns", i), concern) for i, concern in enumerate(treatment.concerns)
        ]
        named += [
            (("limits", n, "concerns", i), concern)
            for n, limit in enumerate(treatment.limits)
            for i, concern in enumerate(limit.concerns)
        ]
        for loc, concern_id in named:
            line, col = source.position(loc)
            field = field_path(source.node, loc)
            if concern_id not in concern_ids:
                yield Problem(
                    source.display,
                    line,
                    col,
                    field,
                    f"unknown concern '{concern_id}' (there is no concerns/{concern_id}.yml)"
                    + _closest(concern_id, known, "concerns"),
                )
            elif loc[0] == "concerns" and concern_id in seen:
                yield Problem(
                    source.display, line, col, field, f"concern '{concern_id}' is listed twice"
                )
            elif loc[0] == "limits" and concern_id in treatment.concerns:
                yield Problem(
                    source.display,
                    line,
                    col,
                    field,
                    f"concern '{concern_id}' is also in 'concerns', as one it treats; a treatment "
                    "either may help with a concern or is a poor choice for it",
                )
            if loc[0] == "concerns":
                seen.add(concern_id)


def check_alternatives(
    treatments: Mapping[str, Treatment],
    treatment_ids: Collection[str],
    sources: Mapping[str, SourceFile],
) -> Iterable[Problem]:
    """Every treatment named as an alternative must exist, and not be the treatment itself.

    Args:
        treatments: the valid treatments, by id.
        treatment_ids: the ids of every treatment file, including files that have mistakes.
        sources: the file behind each record, keyed `treatments/<id>`.
    """
    known = sorted(treatment_ids)
    for treatment_id, treatment in treatments.items():
        source = sources[f"treatments/{treatment_id}"]
        for index, alternative in enumerate(treatment.alternatives):
            other = alternative.treatment
            if other is None:
                continue
            loc = ("alternatives", index, "treatment")
            line, col = source.position(loc)
            if other == treatment_id:
                yield Problem(
                    source.display,
                    line,
                    col,
                    field_path(source.node, loc),
                    "is this treatment itself; name another treatment",
                )
            elif other not in treatment_ids:
                yield Problem(
                    source.display,
                    line,
                    col,
                    field_path(source.node, loc),
                    f"unknown treatment '{other}' (there is no treatments/{other}.yml)"
                    + _closest(other, known, "treatments"),
                )


STATEMENTS_FILE = "statements.yml"
"""The file of the statements written once, in the data folder."""


def check_statement_uses(
    treatments: Mapping[str, Treatment],
    statement_ids: Collection[str],
    sources: Mapping[str, SourceFile],
    statements_file: str,
) -> Iterable[Problem]:
    """Every statement a record uses by id (`- use: <id>`) must be in `data/statements.yml`.

    Args:
        treatments: the valid treatments, by id.
        statement_ids: the ids of every statement in the file, valid or not (empty without it).
        sources: the file behind each record, keyed `treatments/<id>`.
        statements_file: the statements file as the user knows it (`data/statements.yml`).
    """
    known = sorted(statement_ids)
    for treatment_id, treatment in treatments.items():
        source = sources[f"treatments/{treatment_id}"]
        for loc, statement_id in uses_in(treatment):
            if statement_id in statement_ids:
                continue
            where = (*loc, "use")
            line, col = source.position(where)
            hint = (
                _closest(statement_id, known, "statements")
                if known
                else f"; there is no {statements_file} yet: create it with this statement"
            )
            yield Problem(
                source.display,
                line,
                col,
                field_path(source.node, where),
                f"no statement '{statement_id}' in {statements_file}" + hint,
            )


def check_statement_ids(statements: Statements, source: SourceFile) -> Iterable[Problem]:
    """A statement id may be given once only.

    Args:
        statements: the validated statements file.
        source: its file, to point at the repeated id.
    """
    first: dict[str, int] = {}
    for index, entry in enumerate(statements.statements):
        if entry.id in first:
            loc = ("statements", index, "id")
            line, col = source.position(loc)
            earlier, _ = source.position(("statements", first[entry.id], "id"))
            yield Problem(
                source.display,
                line,
                col,
                field_path(source.node, loc),
                f"statement id '{entry.id}' is already used (line {earlier}); give each "
                "statement its own id",
            )
        first.setdefault(entry.id, index)


def unused_statements(
    statements: Statements, treatments: Iterable[Treatment]
) -> list[tuple[int, str]]:
    """The statements no record uses, as (index in the file, id): a warning, not an error (a
    clinic may write a statement before the record that needs it)."""
    used = {statement_id for t in treatments for _, statement_id in uses_in(t)}
    return [
        (index, entry.id)
        for index, entry in enumerate(statements.statements)
        if entry.id not in used
    ]


def unused_statement(statement_id: str) -> tuple[str, str]:
    """What to say of a statement no record uses, and what to do: (message, suggestion)."""
    return (
        f"statement '{statement_id}' is not used by any record",
        f"use it in a list as '- use: {statement_id}', or remove it",
    )


def unused_statement_warnings(
    statements: Statements | None, source: SourceFile | None, treatments: Iterable[Treatment]
) -> list[Problem]:
    """A warning for each statement no record uses, at its id (`clinicdocs validate`; the lint
    reports the same as its `statements` rule)."""
    if statements is None or source is None:
        return []
    warnings = []
    for index, statement_id in unused_statements(statements, treatments):
        loc = ("statements", index, "id")
        line, col = source.position(loc)
        message, suggestion = unused_statement(statement_id)
        warnings.append(
            Problem(
                source.display,
                line,
                col,
                field_path(source.node, loc),
                f"warning: {message}; {suggestion}",
            )
        )
    return warnings


def _closest(name: str, known: list[str], what: str) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else f"; known {what} are: {', '.join(known)}"


def check_unique_names(
    kind: str,
    records: Mapping[str, Treatment] | Mapping[str, Concern],
    sources: Mapping[str, SourceFile],
) -> Iterable[Problem]:
    """Two treatments (or two concerns) with the same name would confuse patients and search.

    Args:
        kind: `treatments` or `concerns`, as in the keys of `sources`.
        records: the records of that kind, by id.
        sources: the file behind each record, keyed `<kind>/<id>`.
    """
    owner: dict[str, str] = {}
    for record_id in sorted(records):
        source = sources[f"{kind}/{record_id}"]
        name = records[record_id].name
        key = name.casefold()
        if key in owner:
            line, col = source.position(("name",))
            yield Problem(
                source.display, line, col, "name", f"name '{name}' is already used by {owner[key]}"
            )
        else:
            owner[key] = source.display


def check_glossary_terms(glossary: Glossary, source: SourceFile) -> Iterable[Problem]:
    """A glossary term (or its other spelling) may be defined once only.

    Args:
        glossary: the validated glossary.
        source: the glossary's file, to point at the repeated spelling.
    """
    first: dict[str, int] = {}
    for index, term in enumerate(glossary.terms):
        # Point at the repeated spelling itself, which may be one of the term's `also` entries.
        spellings: list[tuple[str, tuple[str | int, ...], str]] = [
            (term.term, ("terms", index, "term"), f"terms[{index}].term"),
            *(
                (also, ("terms", index, "also", n), f"terms[{index}].also[{n}]")
                for n, also in enumerate(term.also)
            ),
        ]
        for spelling, loc, field in spellings:
            key = spelling.casefold()
            if key in first and first[key] != index:
                line, col = source.position(loc)
                earlier = glossary.terms[first[key]].term
                where, _ = source.position(("terms", first[key], "term"))
                under = "" if earlier.casefold() == key else f", under '{earlier}'"
                yield Problem(
                    source.display,
                    line,
                    col,
                    field,
                    f"'{spelling}' is already in the glossary{under} (line {where})",
                )
            first.setdefault(key, index)


def page_url(uri: str) -> str:
    """The address MkDocs gives a Markdown file with directory URLs: `a/b.md` and `a/b/index.md`
    both become `a/b/`, which is how a generated page can clash with a differently named one."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    return stem.lstrip("/")


def check_page_clashes(generated: Iterable[str], docs_dir: Path, shown_docs: str) -> list[Problem]:
    """Hand-written pages in `docs/` must not take the address of a generated page.

    Args:
        generated: the URIs of generated pages, e.g. `treatments/index.md`.
        docs_dir: the hand-written pages' folder.
        shown_docs: how to name `docs_dir` to the user, e.g. `docs`.
    """
    by_url = {page_url(uri): uri for uri in generated}
    problems: list[Problem] = []
    if not docs_dir.is_dir():
        return problems
    for path in sorted(docs_dir.rglob("*.md")):
        uri = path.relative_to(docs_dir).as_posix()
        clash = by_url.get(page_url(uri))
        if clash is not None:
            problems.append(
                Problem.about_file(
                    f"{shown_docs}/{uri}",
                    f"this hand-written page has the same address ('/{page_url(uri)}') as the "
                    f"generated page '{clash}'; rename or move the hand-written page",
                )
            )
    return problems
