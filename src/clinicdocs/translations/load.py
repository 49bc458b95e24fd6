"""Translations: files beside their source records that hold only the translatable text.

`data/treatments/<id>.ar.yml` translates `data/treatments/<id>.yml` into Arabic, and likewise
`data/concerns/<id>.<code>.yml`, `data/glossary.<code>.yml` and `data/clinic.<code>.yml` (or,
for another clinic file, `clinics/<name>.<code>.yml`). A translation starts with a
`translation:` block (`TranslationInfo`) and then repeats the source's translatable fields (the
ones marked `Translatable` in `clinicdocs.data.models`) in the same shape: every text the source
has, every list as long as the source's, nothing more; a keyed list's items (the glossary's
terms) each name the source item they translate instead, so any of them may be left out. Only a
current translation is held to its source's shape: an outdated one lags where the source
changed, which is not an error.

A translation records the version of the source it was made from (`source_version`, a hash of
the source's translatable text only): when that text changes, the translation is OUTDATED.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from clinicdocs.data.checks import check_glossary_terms, check_unique_names
from clinicdocs.data.kinds import KINDS, RECORD_FOLDERS
from clinicdocs.data.models import (
    KEY_FIELD,
    SOURCE_VERSION_PATTERN,
    GeneralAdvice,
    Glossary,
    GlossaryTerm,
    Strict,
    translatable_mark,
    translation_model,
)
from clinicdocs.data.site import Candidate, Translation
from clinicdocs.data.source import SourceFile, field_path
from clinicdocs.data.wording import fields_at, problem_from_error, without_misspelt_missing
from clinicdocs.data.yaml import read_checked
from clinicdocs.errors import Problem, quoted, shown_path
from clinicdocs.translations.state import merge
from clinicdocs.translations.text import first_text, has_text, source_version, translated_items

LIST_NOUNS = {
    "on_the_day": ("step", "steps"),
    "side_effects": ("side effect", "side effects"),
    "aftercare": ("aftercare stage", "aftercare stages"),
    "faq": ("question", "questions"),
    "terms": ("term", "terms"),
    "opening_hours": ("line of opening hours", "lines of opening hours"),
    "social": ("social link", "social links"),
    "address": ("address line", "address lines"),
    "also_known_as": ("other name", "other names"),
    "also": ("other spelling", "other spellings"),
}
"""How to name a list's items in a message; other lists have "items"."""


M = TypeVar("M", bound=BaseModel)


Loc = tuple[str | int, ...]


class _StructureCheck:
    """Compares a translation file's tree with its source record, collecting problems."""

    def __init__(self, source: SourceFile, source_name: str, problems: list[Problem]) -> None:
        self.source = source
        self.source_name = source_name
        self.problems = problems

    def add(self, loc: Loc, message: str, *, of_key: bool = False) -> None:

        line, col = self.source.position(loc, of_key=of_key)
        self.problems.append(
            Problem(self.source.display, line, col, field_path(self.source.node, loc), message)
        )

    def record(self, record: BaseModel, node: Any, loc: Loc) -> None:
        if not isinstance(node, dict):
            return  # validation reports a wrong type
        fields = type(record).model_fields
        # A misspelt field is reported once, as unknown ("did you mean ...?"), not also as missing.
        misspelt = {
            close
            for key in node
            if key not in fields
            for close in difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.6)
        }
        for name, info in fields.items():
            mark = translatable_mark(info)
            if mark is None:
                continue
            value = getattr(record, name)
            given = node.get(name)
            here = (*loc, name)
            if not has_text(value):
                if given not in (None, [], {}):
                    self.add(
                        here,
                        f"the source ({self.source_name}) has no {name.replace('_', ' ')} here; "
                        "remove it: a translation holds only the texts its source has",
                        of_key=True,
                    )
            elif given is None:
                if not mark.optional and name not in misspelt:
                    self._missing(here, value)
            elif mark.keyed_by is not None:
                self.keyed(value, given, here, mark.keyed_by)
            else:
                self.value(value, given, here)

    def keyed(self, value: list[Any], given: Any, loc: Loc, keyed_by: str) -> None:
        """A keyed list (`Translatable.keyed_by`): each translated item names a source item,
        once; any number of the source's items may be translated, in any order."""
        if not isinstance(given, list):
            return  # validation reports a wrong type
        by_key = {str(getattr(item, keyed_by)): item for item in value}
        seen: dict[str, int] = {}
        for index, given_item in enumerate(given):
            key = given_item.get(KEY_FIELD) if isinstance(given_item, dict) else None
            if not isinstance(key, str):
                continue  # validation reports the missing `source:`
            key = key.strip()
            here = (*loc, index)
            if key in seen:
                self.add(
                    (*here, KEY_FIELD),
                    f"{quoted(key)} is translated twice (also item {seen[key] + 1}); keep one",
                )
                continue
            seen[key] = index
            item = by_key.get(key)
            if item is None:
                close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.6)
                hint = f"; did you mean {quoted(close[0])}?" if close else ""
                self.add(
                    (*here, KEY_FIELD),
                    f"{quoted(key)} is not a {keyed_by} of {self.source_name}{hint} Name the "
                    f"{keyed_by} this translates exactly as the source writes it",
                )
            else:
                self.record(item, given_item, here)

    def value(self, value: Any, given: Any, loc: Loc) -> None:
        if isinstance(value, BaseModel) and not isinstance(value, GeneralAdvice):
            self.record(value, given, loc)
        elif isinstance(value, list) and isinstance(given, list):
            # Items with no text to translate (an alternative named by its id) may be left out.
            items = translated_items(value, given)
            if len(given) != len(items):
                name = str(next(p for p in reversed(loc) if isinstance(p, str)))
                one, many = LIST_NOUNS.get(name, ("item", "items"))
                self.add(
                    loc,
                    f"the translation has {len(given)} {one if len(given) == 1 else many}; its "
                    f"source ({self.source_name}) has {len(value)}. Translate every one, in the "
                    "same order",
                )
                return
            for index, ((_, item), given_item) in enumerate(zip(items, given, strict=True)):
                # An empty item (`- `) is reported by validation as "must not be empty".
                if given_item is not None:
                    self.value(item, given_item, (*loc, index))

    def _missing(self, loc: Loc, value: Any) -> None:
        name = str(loc[-1]).replace("_", " ")
        quote = quoted(first_text(value), 40)
        if isinstance(value, list):
            one, many = LIST_NOUNS.get(str(loc[-1]), ("item", "items"))
            count = len(value)
            what = f"{count} {one if count == 1 else many} here, starting with {quote}"
        elif isinstance(value, BaseModel):
            what = f"{name} here ({quote})"
        else:
            what = f"{'an' if name[0] in 'aeiou' else 'a'} {name} here ({quote})"
        self.add(loc, f"missing; the source has {what}")


def _validate(
    source: SourceFile,
    source_model: type[Strict],
    source_name: str,
    problems: list[Problem],
    record: BaseModel | None = None,
) -> Strict | None:
    """Validate a translation file against the translation model of `source_model`, naming a
    field that is not translatable as such instead of as an unknown field, and an item of a
    keyed list without its `source:` with the line to add (`record`: the valid source)."""

    tmodel = translation_model(source_model)
    try:
        return tmodel.model_validate(source.node)
    except ValidationError as exc:
        for err in without_misspelt_missing(tmodel, exc.errors()):
            loc = tuple(err["loc"])
            value = err.get("input")
            if err["type"] == "extra_forbidden" and str(loc[-1]) in fields_at(
                source_model, loc[:-1]
            ):
                message = f"not translatable; it comes from {source_name}"
                problems.append(_problem_at(source, loc, message, of_key=True))
            elif err["type"] == "missing" and loc and loc[-1] == KEY_FIELD:
                message = (
                    f"missing; name the item of {source_name} that this translates, as written "
                    f"there{_key_hint(record, loc)}"
                )
                # At the item: the key it lacks has no position of its own.
                line, col = source.position(loc[:-1])
                problems.append(Problem(source.display, line, col, _field(source, loc), message))
            elif err["type"] == "string_type" and isinstance(value, dict) and "text" in value:
                message = (
                    "write the statement as plain text; whether it is general advice comes "
                    f"from {source_name}"
                )
                problems.append(_problem_at(source, loc, message))
            else:
                problems.append(problem_from_error(source, tmodel, err))
        return None


def _key_hint(record: BaseModel | None, loc: Loc) -> str:
    """The `source:` line an item of a keyed list lacks, as a hint: the source item at the same
    place, which is the one it translates in a file written before items named their source
    (they were matched by position then)."""
    if record is None or len(loc) != 3 or not isinstance(loc[1], int):
        return ""
    name, index = str(loc[0]), loc[1]
    info = type(record).model_fields.get(name)
    mark = translatable_mark(info) if info is not None else None
    items = getattr(record, name, None)
    if mark is None or mark.keyed_by is None or not isinstance(items, list):
        return ""
    if index >= len(items):
        return f", e.g. `{KEY_FIELD}: <a {mark.keyed_by} of the source, as written there>`"
    return (
        f"; if it translates the {mark.keyed_by} at the same place in the source, add "
        f"`{KEY_FIELD}: {getattr(items[index], mark.keyed_by)}`"
    )


def _problem_at(
    source: SourceFile, loc: tuple[str | int, ...], message: str, *, of_key: bool = False
) -> Problem:
    """A problem at `loc` in a translation file (at its key with `of_key`)."""
    line, col = source.position(loc, of_key=of_key)
    return Problem(source.display, line, col, _field(source, loc), message)


def _field(source: SourceFile, loc: Loc) -> str:

    return field_path(source.node, loc)


def load_translations(
    candidates: Sequence[Candidate],
    records: dict[str, BaseModel | None],
    languages: Sequence[str],
    root: Path | None,
    problems: list[Problem],
) -> dict[str, dict[str, Translation]]:
    """Load and check every translation file, appending each problem to `problems`.

    Args:
        candidates: the files named like translations.
        records: each existing source record by key; None for one whose file is invalid (its
            translations are then validated, but not compared with it).
        languages: the site's languages, the source language first.
        root: the project folder, for naming files.
        problems: where problems are collected.

    Returns:
        The valid translations, by language, then by record key.
    """

    found: dict[str, dict[str, Translation]] = {code: {} for code in languages[1:]}
    seen: dict[tuple[str, str], str] = {}
    for candidate in candidates:
        display = shown_path(candidate.path, root)
        misplaced = _misplaced(
            candidate, languages, records, seen.get((candidate.key, candidate.code))
        )
        if misplaced is not None:
            problems.append(Problem.about_file(display, misplaced))
            continue
        seen[candidate.key, candidate.code] = display
        collected: list[Problem] = []
        source, translated = read_checked(
            candidate.path, display, collected, _checker(candidate, records[candidate.key])
        )
        problems.extend(collected)
        if source is not None and translated is not None and not collected:
            found[candidate.code][candidate.key] = Translation(
                candidate.key, candidate.code, source, translated
            )
    for loaded in found.values():
        problems.extend(_check_across_files(loaded, records))
    return found


def _misplaced(
    candidate: Candidate,
    languages: Sequence[str],
    records: dict[str, BaseModel | None],
    same_as: str | None,
) -> str | None:
    """What is wrong with a translation file's name or place, before its content is read: not
    a site language, no source record, or a second file for the same translation."""
    source_language, *others = languages
    code = candidate.code
    source_file = f"{candidate.record_id}.yml"
    if code == source_language:
        return (
            f"'{code}' is the site's source language, in which {source_file} is written; "
            f"a translation is named after another language, e.g. "
            f"'{candidate.record_id}.{others[0] if others else 'ar'}.yml'"
        )
    if code not in others:
        return (
            f"'{code}' is not one of the site's languages ({', '.join(languages)}); add it to "
            "mkdocs.yml (plugins: - clinicdocs: languages: [...]), or rename the file"
        )
    if candidate.key not in records:
        kind = candidate.key.split("/")[0]
        where = f"{kind}/{source_file}" if "/" in candidate.key else source_file
        return (
            f"there is no source record for this translation ({where} does not exist); "
            "rename it after its source, or delete it"
        )
    if same_as is not None:
        return f"{same_as} is the same translation; keep only one of the two files"
    return None


def _checker(
    candidate: Candidate, record: BaseModel | None
) -> Callable[[SourceFile, list[Problem]], Strict | None]:
    """The check of one translation file's content: valid as a translation, and the same shape
    as its source record (when that record is valid)."""
    source_file = f"{candidate.record_id}.yml"
    model = KINDS[candidate.key.split("/")[0]].model

    def check(source: SourceFile, problems: list[Problem]) -> Strict | None:
        translated = _validate(source, model, source_file, problems, record)
        if record is not None:
            structure: list[Problem] = []
            _StructureCheck(source, source_file, structure).record(record, source.node, ())
            # An outdated translation differs from its source where the source changed since:
            # that lag is reported (`clinicdocs translations`, the lint, the page's notice),
            # never an error, and `merge` shows the source's text where the shapes differ.
            if not _made_from_older_version(source.node, record):
                problems.extend(structure)
        return translated

    return check


def _made_from_older_version(node: Any, record: BaseModel) -> bool:
    """Whether a translation file's tree names a valid source version other than the source's
    current one (a missing or malformed version is reported by validation)."""
    info = node.get("translation") if isinstance(node, dict) else None
    version = info.get("source_version") if isinstance(info, dict) else None
    return (
        isinstance(version, str)
        and re.fullmatch(SOURCE_VERSION_PATTERN, version.strip()) is not None
        and version.strip() != source_version(record)
    )


def _in_file_order(glossary: Glossary, translated: Strict) -> Glossary:
    """The translated glossary with its terms in the translation file's order (each merged over
    the source term it names, or alone when it names none), so that a problem found in it
    points at the right item of the file."""
    by_term = {term.term: term for term in glossary.terms}
    terms = []
    for item in getattr(translated, "terms", None) or []:
        source_term = by_term.get(str(getattr(item, KEY_FIELD)))
        if source_term is not None:
            terms.append(merge(source_term, item))
        else:
            terms.append(
                GlossaryTerm.model_construct(
                    term=item.term or "", also=item.also or [], definition=item.definition or ""
                )
            )
    return Glossary.model_construct(terms=terms)


def _check_across_files(
    loaded: dict[str, Translation], records: dict[str, BaseModel | None]
) -> list[Problem]:
    """The checks across files that hold in every language: no two translated treatments (or
    concerns) share a name, and a glossary term is defined once."""

    problems: list[Problem] = []
    sources = {key: translation.source for key, translation in loaded.items()}
    for kind in RECORD_FOLDERS:
        merged: dict[str, Any] = {}
        for key, translation in loaded.items():
            record = records.get(key)
            if key.startswith(f"{kind}/") and record is not None:
                merged[key.split("/", 1)[1]] = merge(record, translation.record)
        problems.extend(check_unique_names(kind, merged, sources))
    glossary = records.get("glossary")
    if "glossary" in loaded and isinstance(glossary, Glossary):
        translated = _in_file_order(glossary, loaded["glossary"].record)
        problems.extend(check_glossary_terms(translated, loaded["glossary"].source))
    return problems
