"""Checks that look across records: ids that must exist, names that must be unique, pages that
must not clash. Each check returns `Problem`s; none raises."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from clinicdocs.errors import Problem

if TYPE_CHECKING:
    from clinicdocs.load import SiteData


def check_site(site: SiteData) -> list[Problem]:
    """Run every cross-file check on validated data."""
    return [
        *check_concern_ids(site),
        *check_unique_names(site),
        *check_glossary_terms(site),
    ]


def check_concern_ids(site: SiteData) -> Iterable[Problem]:
    """Every concern a treatment names must exist, and be named once."""
    known = sorted(site.concerns)
    for treatment_id, treatment in site.treatments.items():
        source = site.sources[f"treatments/{treatment_id}"]
        seen: set[str] = set()
        for index, concern_id in enumerate(treatment.concerns):
            line, col = source.position(("concerns", index))
            field = f"concerns[{index}]"
            if concern_id in seen:
                yield Problem(source.display, line, col, field,
                              f"concern '{concern_id}' is listed twice")
            elif concern_id not in site.concerns:
                close = difflib.get_close_matches(concern_id, known, n=1, cutoff=0.6)
                hint = (f"; did you mean '{close[0]}'?" if close
                        else f"; known concerns are: {', '.join(known)}")
                yield Problem(source.display, line, col, field,
                              f"unknown concern '{concern_id}'{hint}")
            seen.add(concern_id)


def check_unique_names(site: SiteData) -> Iterable[Problem]:
    """Two treatments (or two concerns) with the same name would confuse patients and search."""
    for kind, records in (("treatments", site.treatments), ("concerns", site.concerns)):
        owner: dict[str, str] = {}
        for record_id, record in sorted(records.items()):
            source = site.sources[f"{kind}/{record_id}"]
            key = record.name.casefold()
            if key in owner:
                line, col = source.position(("name",))
                yield Problem(source.display, line, col, "name",
                              f"name '{record.name}' is already used by {owner[key]}")
            else:
                owner[key] = source.display


def check_glossary_terms(site: SiteData) -> Iterable[Problem]:
    """A glossary term (or its other spelling) may be defined once only."""
    if site.glossary is None:
        return
    source = site.sources["glossary"]
    first: dict[str, int] = {}
    for index, term in enumerate(site.glossary.terms):
        for spelling in (term.term, *term.also):
            key = spelling.casefold()
            if key in first and first[key] != index:
                line, col = source.position(("terms", index, "term"))
                yield Problem(source.display, line, col, f"terms[{index}].term",
                              f"'{spelling}' is already defined at terms[{first[key]}]")
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
    problems = []
    if not docs_dir.is_dir():
        return problems
    for path in sorted(docs_dir.rglob("*.md")):
        uri = path.relative_to(docs_dir).as_posix()
        clash = by_url.get(page_url(uri))
        if clash is not None:
            problems.append(Problem(
                f"{shown_docs}/{uri}", None, None, "",
                f"this hand-written page has the same address ('/{page_url(uri)}') as the "
                f"generated page '{clash}'; rename or move the hand-written page",
            ))
    return problems
