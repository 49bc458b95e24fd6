"""Translations: files beside their source records that hold only the translatable text.

`data/treatments/<id>.ar.yml` translates `data/treatments/<id>.yml` into Arabic, and likewise
`data/concerns/<id>.<code>.yml`, `data/glossary.<code>.yml` and `data/clinic.<code>.yml` (or,
for another clinic file, `clinics/<name>.<code>.yml`). A translation starts with a
`translation:` block (`TranslationInfo`) and then repeats the source's translatable fields (the
ones marked `Translatable` in `clinicdocs.data.models`) in the same shape: every text the source has,
every list as long as the source's, nothing more.

A translation records the version of the source it was made from (`source_version`, a hash of
the source's translatable text only): when that text changes, the translation is OUTDATED.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import enum
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from clinicdocs.data.checks import check_glossary_terms, check_unique_names
from clinicdocs.data.kinds import KINDS
from clinicdocs.data.models import (
    GeneralAdvice,
    Glossary,
    Strict,
    translatable_mark,
    translation_model,
)
from clinicdocs.data.naming import is_slug, translation_name
from clinicdocs.data.site import Candidate, SiteData, Translation
from clinicdocs.data.source import SourceFile, field_path
from clinicdocs.data.wording import fields_at, problem_from_error, without_misspelt_missing
from clinicdocs.data.yaml import read_and_validate, read_yaml
from clinicdocs.errors import DataError, Problem, quoted, shown_path

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


class TranslationState(enum.StrEnum):
    """Where a record stands in one language."""

    CURRENT = "current"
    OUTDATED = "outdated"
    MISSING = "missing"


@dataclass(frozen=True)
class RecordTranslation:
    """One record's translation into one language, as pages and reports need it.

    Attributes:
        key: the record, `treatments/<id>`, `concerns/<id>`, `glossary` or `clinic`.
        language: the language code.
        state: current, outdated or missing.
        status: the translation's `draft` or `reviewed`; None when missing (and for the source
            language, whose review is the record's own).
        file: the translation file as the user knows it, None when missing.
        translated_by: who translated it, when the file says.
        reviewed_by: who checked it, when reviewed.
        reviewed_on: when it was checked, when reviewed.
    """

    key: str
    language: str
    state: TranslationState
    status: str | None
    file: str | None
    translated_by: str | None = None
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None


def translatable_text(value: Any) -> Any:
    """The translatable text of a record (or part of one) as plain data, in field order:
    what a translation translates and what `source_version` is computed from."""
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
        return out
    if isinstance(value, list):
        return [translatable_text(item) for item in value]
    return value


def source_version(record: BaseModel) -> str:
    """The version of a source record's translatable text: the first 12 hex digits of the
    sha256 of its canonical JSON. Dates, review data, sources and ids are not part of it, so
    editing them does not outdate a translation; editing any translatable text does."""
    canonical = json.dumps(
        translatable_text(record), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def _has_text(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str | GeneralAdvice):
        return True
    if isinstance(value, list):
        return any(_has_text(item) for item in value)
    if isinstance(value, BaseModel):
        return any(
            _has_text(getattr(value, name))
            for name, info in type(value).model_fields.items()
            if translatable_mark(info) is not None
        )
    return True


def _first_text(value: Any) -> str:
    text = translatable_text(value)
    while isinstance(text, list | dict):
        items = list(text.values()) if isinstance(text, dict) else text
        text = items[0] if items else ""
    return str(text)


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
            if not _has_text(value):
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
            else:
                self.value(value, given, here)

    def value(self, value: Any, given: Any, loc: Loc) -> None:
        if isinstance(value, BaseModel) and not isinstance(value, GeneralAdvice):
            self.record(value, given, loc)
        elif isinstance(value, list) and isinstance(given, list):
            if len(given) != len(value):
                name = str(next(p for p in reversed(loc) if isinstance(p, str)))
                one, many = LIST_NOUNS.get(name, ("item", "items"))
                self.add(
                    loc,
                    f"the translation has {len(given)} {one if len(given) == 1 else many}; its "
                    f"source ({self.source_name}) has {len(value)}. Translate every one, in the "
                    "same order",
                )
                return
            for index, (item, given_item) in enumerate(zip(value, given, strict=True)):
                # An empty item (`- `) is reported by validation as "must not be empty".
                if given_item is not None:
                    self.value(item, given_item, (*loc, index))

    def _missing(self, loc: Loc, value: Any) -> None:
        name = str(loc[-1]).replace("_", " ")
        quote = quoted(_first_text(value), 40)
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
) -> Strict | None:
    """Validate a translation file against the translation model of `source_model`, naming a
    field that is not translatable as such instead of as an unknown field."""

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
            elif err["type"] == "string_type" and isinstance(value, dict) and "text" in value:
                message = (
                    "write the statement as plain text; whether it is general advice comes "
                    f"from {source_name}"
                )
                problems.append(_problem_at(source, loc, message))
            else:
                problems.append(problem_from_error(source, tmodel, err))
        return None


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

    source_language, *others = languages
    listed = ", ".join(languages)
    found: dict[str, dict[str, Translation]] = {code: {} for code in others}
    seen: dict[tuple[str, str], str] = {}
    for candidate in candidates:
        display = shown_path(candidate.path, root)
        code = candidate.code
        kind = candidate.key.split("/")[0]
        source_file = f"{candidate.record_id}.yml"
        if code == source_language:
            problems.append(
                Problem.about_file(
                    display,
                    f"'{code}' is the site's source language, in which {source_file} is written; "
                    f"a translation is named after another language, e.g. "
                    f"'{candidate.record_id}.{others[0] if others else 'ar'}.yml'",
                )
            )
            continue
        if code not in found:
            problems.append(
                Problem.about_file(
                    display,
                    f"'{code}' is not one of the site's languages ({listed}); add it to "
                    "mkdocs.yml (plugins: - clinicdocs: languages: [...]), or rename the file",
                )
            )
            continue
        if candidate.key not in records:
            where = f"{kind}/{source_file}" if "/" in candidate.key else source_file
            problems.append(
                Problem.about_file(
                    display,
                    f"there is no source record for this translation ({where} does not exist); "
                    "rename it after its source, or delete it",
                )
            )
            continue
        if (candidate.key, code) in seen:
            problems.append(
                Problem.about_file(
                    display,
                    f"{seen[candidate.key, code]} is the same translation; keep only one of the "
                    "two files",
                )
            )
            continue
        seen[candidate.key, code] = display
        # As for records: the C parser first; a file with any problem is read again by the
        # round-trip loader, so every problem is worded and placed as that loader reports it.
        for fast in (True, False):
            collected: list[Problem] = []
            source = read_yaml(candidate.path, display, collected, fast=fast)
            translated = None
            if source is not None:
                translated = _validate(source, KINDS[kind].model, source_file, collected)
                record = records[candidate.key]
                if record is not None:
                    _StructureCheck(source, source_file, collected).record(record, source.node, ())
            if not collected:
                break
        problems.extend(collected)
        if source is not None and translated is not None and not collected:
            found[code][candidate.key] = Translation(candidate.key, code, source, translated)
    for loaded in found.values():
        problems.extend(_check_across_files(loaded, records))
    return found


def _check_across_files(
    loaded: dict[str, Translation], records: dict[str, BaseModel | None]
) -> list[Problem]:
    """The checks across files that hold in every language: no two translated treatments (or
    concerns) share a name, and a glossary term is defined once."""

    problems: list[Problem] = []
    sources = {key: translation.source for key, translation in loaded.items()}
    for kind in ("treatments", "concerns"):
        merged: dict[str, Any] = {}
        for key, translation in loaded.items():
            record = records.get(key)
            if key.startswith(f"{kind}/") and record is not None:
                merged[key.split("/", 1)[1]] = merge(record, translation.record)
        problems.extend(check_unique_names(kind, merged, sources))
    glossary = records.get("glossary")
    if "glossary" in loaded and isinstance(glossary, Glossary):
        translated = merge(glossary, loaded["glossary"].record)
        problems.extend(check_glossary_terms(translated, loaded["glossary"].source))
    return problems


def missing_clinic_translations(
    clinic_path: Path,
    languages: Sequence[str],
    loaded: set[str],
    root: Path | None,
    *,
    other_clinic: bool = False,
) -> list[Problem]:
    """A declared language without the clinic's translation: its texts are on every page.

    Args:
        clinic_path: the clinic file the site is built for.
        languages: the site's languages, the source language first.
        loaded: the languages whose translation of the clinic loaded.
        root: the project folder, for naming files.
        other_clinic: the clinic file is not `data/clinic.yml` (`--clinic`), so the command
            that starts its translation needs `--clinic` too.
    """
    option = f" --clinic {shown_path(clinic_path, root)}" if other_clinic else ""
    problems = []
    for code in languages[1:]:
        target = clinic_path.with_name(f"{clinic_path.stem}.{code}.yml")
        if code not in loaded and not target.exists():
            problems.append(
                Problem.about_file(
                    shown_path(target, root),
                    f"file is missing; '{code}' is one of the site's languages, and the clinic's "
                    "texts (emergency wording, disclaimer, opening hours) are on every page. "
                    f"Create it with `clinicdocs new translation clinic {code}{option}`",
                )
            )
    return problems


def translation_states(site: SiteData, language: str) -> dict[str, RecordTranslation]:
    """Each record's state in `language` (every one CURRENT in the source language)."""
    records = _records(site)
    if not site.languages or language == site.languages[0]:
        return {
            key: RecordTranslation(key, language, TranslationState.CURRENT, None, None)
            for key in records
        }
    loaded = site.translations.get(language, {})
    states = {}
    for key, record in records.items():
        translation = loaded.get(key)
        if translation is None:
            states[key] = RecordTranslation(key, language, TranslationState.MISSING, None, None)
            continue
        info = translation.info
        state = (
            TranslationState.CURRENT
            if info.source_version == source_version(record)
            else TranslationState.OUTDATED
        )
        states[key] = RecordTranslation(
            key,
            language,
            state,
            info.status,
            translation.source.display,
            info.translated_by,
            info.reviewed_by,
            info.reviewed_on,
        )
    return states


def _records(site: SiteData) -> dict[str, BaseModel]:
    records: dict[str, BaseModel] = {}
    records.update((f"treatments/{tid}", t) for tid, t in sorted(site.treatments.items()))
    records.update((f"concerns/{cid}", c) for cid, c in sorted(site.concerns.items()))
    if site.glossary is not None:
        records["glossary"] = site.glossary
    records["clinic"] = site.clinic
    return records


def site_in_language(
    site: SiteData, language: str
) -> tuple[SiteData, dict[str, RecordTranslation]]:
    """The site's records in `language`: every current or outdated translation applied, records
    without one left in the source language; and each record key's state.

    Statement items keep their general-advice mark from the source. For the source language
    the site is returned unchanged.
    """
    states = translation_states(site, language)
    if not site.languages or language == site.languages[0]:
        return site, states
    loaded = site.translations.get(language, {})

    def translated(key: str, record: M) -> M:
        found = loaded.get(key)
        return record if found is None else merge(record, found.record)

    glossary = site.glossary
    return (
        dataclasses.replace(
            site,
            treatments={
                tid: translated(f"treatments/{tid}", t) for tid, t in site.treatments.items()
            },
            concerns={cid: translated(f"concerns/{cid}", c) for cid, c in site.concerns.items()},
            glossary=translated("glossary", glossary) if glossary is not None else None,
            clinic=translated("clinic", site.clinic),
        ),
        states,
    )


def merge(record: M, translated: BaseModel) -> M:
    """`record` with the texts of its (structurally checked) translation in place of its own;
    a field the translation leaves out (a clinic's name, say) keeps the source's text."""
    updates = {}
    for name, info in type(record).model_fields.items():
        if translatable_mark(info) is None:
            continue
        given = getattr(translated, name, None)
        if given is not None:
            updates[name] = _merge_value(getattr(record, name), given)
    return record.model_copy(update=updates)


def _merge_value(value: Any, given: Any) -> Any:
    if isinstance(value, GeneralAdvice):
        return value.model_copy(update={"text": given})
    if isinstance(value, BaseModel) and isinstance(given, BaseModel):
        return merge(value, given)
    if isinstance(value, list) and isinstance(given, list):
        return [_merge_value(item, new) for item, new in zip(value, given, strict=True)]
    return given


def outdated(site: SiteData) -> list[tuple[Translation, str]]:
    """Every translation made from an older version of its source, with the source's current
    version."""
    records = _records(site)
    out = []
    for language in site.languages[1:]:
        for key, translation in sorted(site.translations.get(language, {}).items()):
            current = source_version(records[key])
            if translation.info.source_version != current:
                out.append((translation, current))
    return out


def translation_summary(site: SiteData) -> str:
    """One line: how many records each language has current, outdated and missing."""
    parts = []
    for language in site.languages[1:]:
        states = [t.state for t in translation_states(site, language).values()]
        counts = ", ".join(f"{states.count(state)} {state.value}" for state in TranslationState)
        parts.append(f"{language}: {counts}")
    return f"translations: {'; '.join(parts)}."


def status_table(site: SiteData) -> list[list[str]]:
    """The rows of `clinicdocs translations`: a header, then each record with its state (and
    draft/reviewed) in each language other than the source."""
    languages = site.languages[1:]
    states = {language: translation_states(site, language) for language in languages}
    rows = [["record", *languages]]
    for key in _records(site):
        row = [key]
        for language in languages:
            found = states[language][key]
            row.append(
                found.state.value
                if found.status is None
                else f"{found.state.value} ({found.status})"
            )
        rows.append(row)
    return rows


def translation_skeleton(record: BaseModel, key: str, code: str, schema_dir: str) -> str:
    """A new translation file's text: the `translation:` block with the source's current
    version, then every translatable text of `record`, in English, to replace.

    A clinic's name, short name and address are left out: a translation may leave them out,
    and the source's are shown then.

    Args:
        record: the source record.
        key: its key, e.g. `treatments/full-laser`.
        code: the language code.
        schema_dir: the path from the new file's folder to `schema/`, for the editor comment.
    """
    from io import StringIO

    from ruamel.yaml import YAML

    texts = translatable_text(record)
    for name, info in type(record).model_fields.items():
        mark = translatable_mark(info)
        if mark is not None and mark.optional:
            texts.pop(name, None)
    data = {
        "translation": {"source_version": source_version(record), "status": "draft"},
        **texts,
    }
    yaml = YAML(typ="rt")
    yaml.width = 100
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = StringIO()
    yaml.dump(data, out)
    kind = key.split("/")[0]
    source_name = key.split("/")[-1] if "/" in key else key
    return (
        f"# yaml-language-server: $schema={schema_dir}/{KINDS[kind].translation_schema_file}\n"
        f"# The '{code}' translation of {source_name}.yml. Replace each text below with its\n"
        "# translation; keep every item, in the same order. Then run `clinicdocs validate`.\n"
        + out.getvalue()
    )


def stamp(path: Path, version: str) -> bool:
    """Set the `translation.source_version` of the translation file at `path` to `version`,
    changing nothing else in the file (comments and layout stay as they are).

    Returns:
        True when the file changed, False when it already had that version.

    Raises:
        ValueError: when the file has no `source_version:` line under `translation:`.
    """
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(
        r"(?m)^(translation:[^\n]*\n(?:[ \t]+[^\n]*\n|[ \t]*\n)*?[ \t]+source_version:[ \t]*)"
        r"(\"[^\"\n]*\"|'[^'\n]*'|[^\s#]*)"
    )
    match = pattern.search(text)
    if match is None:
        raise ValueError(
            "no 'source_version:' line under 'translation:'; add one (any value), then stamp again"
        )
    if match.group(2).strip("\"'") == version:
        return False
    # Quoted: a version of only digits (or digits, 'e' and digits) would otherwise be read back
    # by YAML as a number and lose its leading zeros.
    new_value = f'"{version}"'
    path.write_text(text[: match.start(2)] + new_value + text[match.end(2) :], encoding="utf-8")
    return True


def source_path(data_dir: Path, clinic_path: Path, key: str) -> Path:
    """The source file of the record `key` (`treatments/<id>`, `concerns/<id>`, `glossary`,
    `clinic`).

    Raises:
        ValueError: when `key` is not a record key.
    """
    kind, _, record_id = key.partition("/")
    if kind in ("treatments", "concerns") and is_slug(record_id):
        return data_dir / kind / f"{record_id}.yml"
    if key == "glossary":
        return data_dir / "glossary.yml"
    if key == "clinic":
        return clinic_path
    raise ValueError(
        f"'{key}' is not a record; write treatments/<id>, concerns/<id>, glossary or clinic"
    )


def translation_key(data_dir: Path, clinic_path: Path, path: Path) -> tuple[str, str]:
    """The record key and language code of the translation file at `path`.

    Raises:
        ValueError: when `path` is not named and placed as a translation.
    """
    name = translation_name(path)
    if name is not None:
        record_id, code = name
        folder = path.resolve().parent
        for kind in ("treatments", "concerns"):
            if folder == (data_dir / kind).resolve():
                return f"{kind}/{record_id}", code
        if folder == data_dir.resolve() and record_id == "glossary":
            return "glossary", code
        if folder == clinic_path.resolve().parent and record_id == clinic_path.stem:
            return "clinic", code
    raise ValueError(
        "is not a translation file; translations are named <id>.<code>.yml and lie beside "
        "their source, e.g. data/treatments/full-laser.ar.yml"
    )


def load_source(path: Path, key: str, root: Path | None) -> BaseModel:
    """Read and validate one source record.

    Raises:
        DataError: with its problems, when it is missing or invalid.
    """

    display = shown_path(path, root)
    if not path.is_file():
        raise DataError([Problem.about_file(display, "file not found; there is no such record")])
    problems: list[Problem] = []
    _, record = read_and_validate(path, display, KINDS[key.split("/")[0]].model, problems)
    if record is None:
        raise DataError(problems)
    return record
