"""Where each record stands in each language (current, outdated, missing; draft or reviewed), and
the site's records in one language, translations merged over their sources."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from clinicdocs.data.models import (
    KEY_FIELD,
    SAFETY_SECTIONS,
    GeneralAdvice,
    TranslationInfo,
    Treatment,
    translatable_mark,
)
from clinicdocs.data.reuse import keeping, kept
from clinicdocs.data.site import SiteData, Translation
from clinicdocs.data.statements import Used, by_id, resolve_statements, used
from clinicdocs.errors import Problem, quoted
from clinicdocs.translations.text import (
    has_text,
    item_section,
    section_versions,
    source_version,
    split_item_section,
    translated_items,
)

M = TypeVar("M", bound=BaseModel)


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
    changed: tuple[str, ...] | None = ()
    """The source's sections (translatable fields) changed since the translation was made, in
    the source's order: empty unless OUTDATED, and None for an outdated translation that does
    not record its sections' versions (`translation.sections`), so which changed is unknown."""
    shown_in_source: tuple[str, ...] = ()
    """The safety sections (`SAFETY_SECTIONS`) shown in the source language, as the source now
    has them, because they changed (or may have) since the translation was made."""
    changed_items: tuple[str, ...] = ()
    """The items of a keyed list (glossary terms) among `changed`, by their translated names,
    as a reader of the translation knows them."""


def changed_sections(record: BaseModel, info: TranslationInfo) -> tuple[str, ...] | None:
    """The sections of `record` whose text differs from the version a translation (`info`) was
    made from; None when the translation does not record its sections' versions."""
    if info.sections is None:
        return None
    recorded = info.sections
    # A keyed list whose items the translation recorded is named item by item, not as a whole.
    by_item = {item[0] for key in recorded if (item := split_item_section(key)) is not None}
    changed = []
    for name, version in section_versions(record).items():
        if recorded.get(name) == version:
            continue
        if split_item_section(name) is not None:
            # An item the translation never had is missing (`missing_items`), not changed.
            if name in recorded:
                changed.append(name)
        elif name not in by_item:
            changed.append(name)
    return tuple(changed)


def _shown_in_source(record: BaseModel, changed: tuple[str, ...] | None) -> tuple[str, ...]:
    """The safety sections an outdated translation must not show: those that changed, or all
    of them when which changed is unknown (older advice could be unsafe advice)."""
    if not isinstance(record, Treatment):
        return ()
    return tuple(
        name
        for name in SAFETY_SECTIONS
        if has_text(getattr(record, name)) and (changed is None or name in changed)
    )


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
        changed: tuple[str, ...] | None = ()
        in_source: tuple[str, ...] = ()
        items: tuple[str, ...] = ()
        if info.source_version == source_version(record):
            state = TranslationState.CURRENT
        else:
            state = TranslationState.OUTDATED
            changed = changed_sections(record, info)
            in_source = _shown_in_source(record, changed)
            items = _translated_item_names(record, translation.record, changed or ())
        states[key] = RecordTranslation(
            key,
            language,
            state,
            info.status,
            translation.source.display,
            info.translated_by,
            info.reviewed_by,
            info.reviewed_on,
            changed,
            in_source,
            items,
        )
    return states


def _translated_item_names(
    record: BaseModel, translated: BaseModel, changed: tuple[str, ...]
) -> tuple[str, ...]:
    """The translated names of the keyed-list items among `changed` (`terms/collagen` ->
    'الكولاجين'), in the source's order."""
    names = []
    for section in changed:
        item = split_item_section(section)
        if item is None:
            continue
        field, key = item
        mark = translatable_mark(type(record).model_fields[field])
        keyed_by = mark.keyed_by if mark is not None else None
        if keyed_by is None:
            continue
        found = [
            given
            for given in getattr(translated, field, None) or []
            if str(getattr(given, KEY_FIELD)) == key
        ]
        # The translated name, where the key is translated (a glossary term); else the key.
        name = getattr(found[0], keyed_by, None) if found else None
        names.append(str(name) if name is not None else key)
    return tuple(names)


def _records(site: SiteData) -> dict[str, BaseModel]:
    records: dict[str, BaseModel] = {}
    records.update((f"treatments/{tid}", t) for tid, t in sorted(site.treatments.items()))
    records.update((f"concerns/{cid}", c) for cid, c in sorted(site.concerns.items()))
    if site.glossary is not None:
        records["glossary"] = site.glossary
    if site.statements is not None:
        records["statements"] = site.statements
    records["clinic"] = site.clinic
    return records


def site_in_language(
    site: SiteData, language: str
) -> tuple[SiteData, dict[str, RecordTranslation]]:
    """The site's records in `language`: every current or outdated translation applied, records
    without one left in the source language; and each record key's state.

    Statement items keep their general-advice mark from the source. A safety section that
    changed in the source since an outdated translation was made (or that may have: the
    translation does not say) keeps the source's text (`RecordTranslation.shown_in_source`):
    a reader is never shown older advice on who should not have a treatment, its side
    effects, aftercare or when to get help. For the source language the site is returned
    unchanged.
    """
    states = translation_states(site, language)
    if not site.languages or language == site.languages[0]:
        return site, states
    loaded = site.translations.get(language, {})

    def translated(key: str, record: M) -> M:
        found = loaded.get(key)
        if found is None:
            return record
        merged = merge(record, found.record)
        in_source = states[key].shown_in_source
        if in_source:
            merged = merged.model_copy(update={name: getattr(record, name) for name in in_source})
        return merged

    glossary = site.glossary
    # Without its translation, the clinic's words for what it covers and whom to contact would
    # sit in the source language inside this language's sentences ("مشكلات teeth"): the pages
    # then name no domain and the clinic by its name, as if it had never set them.
    untranslated = site.clinic.model_copy(update={"covers": None, "contact_wording": None})
    shown = _statements_in_language(site, language, states)
    resolved = _Resolved.of(language, shown)
    return (
        dataclasses.replace(
            site,
            treatments={
                tid: resolved(tid, translated(f"treatments/{tid}", t))
                for tid, t in site.treatments.items()
            },
            concerns={cid: translated(f"concerns/{cid}", c) for cid, c in site.concerns.items()},
            glossary=translated("glossary", glossary) if glossary is not None else None,
            clinic=translated("clinic", site.clinic) if "clinic" in loaded else untranslated,
            statements=(
                translated("statements", site.statements) if site.statements is not None else None
            ),
        ),
        states,
    )


@dataclass
class _Resolved:
    """`resolve_statements` for one language, remembered by treatment as long as the records
    and the statements shown are the same (the preview asks again after every edit; resolving
    a thousand treatments takes a while)."""

    shown: Mapping[str, Used]
    records: dict[str, tuple[Treatment, Treatment]] = dataclasses.field(default_factory=dict)
    """Each treatment id's record, and that record resolved."""

    @classmethod
    def of(cls, language: str, shown: Mapping[str, Used]) -> _Resolved:
        """The memory for `language`, emptied if the statements it shows changed."""
        known = _RESOLVED.get(language)
        if known is None or known.shown != shown:
            known = cls(shown)
            if keeping():
                _RESOLVED[language] = known
        return known

    def __call__(self, treatment_id: str, record: Treatment) -> Treatment:
        known = self.records.get(treatment_id)
        if known is not None and known[0] is record:
            return known[1]
        resolved = resolve_statements(record, self.shown)
        self.records[treatment_id] = (record, resolved)
        return resolved


_RESOLVED: dict[str, _Resolved] = kept({})
"""By language code, while builds keep their work (`data.reuse`)."""


def _statements_in_language(
    site: SiteData, language: str, states: dict[str, RecordTranslation]
) -> dict[str, Used]:
    """The list item that shows each statement of `data/statements.yml` in `language`: its
    translation, or, for one not translated yet (or changed in the source since it was), the
    source's text marked with the source's language (`shown_in_source`), as a safety section of
    an outdated translation is shown."""
    source = by_id(site.statements)
    found = site.translations.get(language, {}).get("statements")
    state = states.get("statements")
    translated = {}
    if found is not None and site.statements is not None and state is not None:
        changed = state.changed if state.state is TranslationState.OUTDATED else ()
        merged = merge(site.statements, found.record)
        translated = {
            entry.id: entry
            for entry in merged.statements
            if changed is not None and item_section("statements", entry.id) not in changed
        }
    return {
        sid: used(translated[sid]) if sid in translated else used(entry, site.languages[0])
        for sid, entry in source.items()
    }


def merge(record: M, translated: BaseModel) -> M:
    """`record` with the texts of its translation in place of its own.

    A field the translation leaves out (a clinic's name, say), or whose shape differs from the
    source's (an outdated translation, made before the source gained or lost an item), keeps
    the source's text. A keyed list (`Translatable.keyed_by`, the glossary's terms) holds the
    source's items that the translation translates, in the source's order: an item not yet
    translated is left out, since its source-language words are not in the translated pages.
    """
    updates = {}
    for name, info in type(record).model_fields.items():
        mark = translatable_mark(info)
        if mark is None:
            continue
        given = getattr(translated, name, None)
        value = getattr(record, name)
        if given is None or not has_text(value):
            continue
        if mark.keyed_by is not None:
            updates[name] = _merge_keyed(value, given, mark.keyed_by)
        elif _same_shape(value, given):
            updates[name] = _merge_value(value, given)
    return record.model_copy(update=updates)


def _merge_keyed(value: list[Any], given: list[Any], keyed_by: str) -> list[Any]:
    by_key = {str(getattr(item, KEY_FIELD)): item for item in given}
    return [
        merge(item, by_key[key])
        for item in value
        if (key := str(getattr(item, keyed_by))) in by_key
    ]


def translated_keys(record: BaseModel, translated: BaseModel) -> dict[str, set[str]]:
    """For each keyed list of `record` (`Translatable.keyed_by`): the keys of its items that
    `translated` translates (and that the source still has)."""
    out: dict[str, set[str]] = {}
    for name, info in type(record).model_fields.items():
        mark = translatable_mark(info)
        if mark is None or mark.keyed_by is None:
            continue
        keys = {str(getattr(item, mark.keyed_by)) for item in getattr(record, name)}
        given = getattr(translated, name, None) or []
        out[name] = keys & {str(getattr(item, KEY_FIELD)) for item in given}
    return out


def _same_shape(value: Any, given: Any) -> bool:
    """Whether a translated value has the source's shape: every list as long as the source's."""
    if isinstance(value, list):
        if not isinstance(given, list):
            return False
        items = translated_items(value, given)
        return len(given) == len(items) and all(
            _same_shape(v, g) for (_, v), g in zip(items, given, strict=True)
        )
    if isinstance(value, BaseModel) and not isinstance(value, GeneralAdvice):
        return isinstance(given, BaseModel)
    return given is not None


def _merge_value(value: Any, given: Any) -> Any:
    if isinstance(value, GeneralAdvice):
        return value.model_copy(update={"text": given})
    if isinstance(value, BaseModel) and isinstance(given, BaseModel):
        return merge(value, given)
    if isinstance(value, list) and isinstance(given, list):
        merged = list(value)
        for (index, item), new in zip(translated_items(value, given), given, strict=True):
            merged[index] = _merge_value(item, new)
        return merged
    return given


def outdated(site: SiteData) -> list[tuple[Translation, str, tuple[str, ...] | None]]:
    """Every translation made from an older version of its source, with the source's current
    version and the sections changed since (None when the translation does not record its
    sections' versions)."""
    records = _records(site)
    out = []
    for language in site.languages[1:]:
        for key, translation in sorted(site.translations.get(language, {}).items()):
            record = records[key]
            current = source_version(record)
            if translation.info.source_version != current:
                out.append((translation, current, changed_sections(record, translation.info)))
    return out


def translation_summary(site: SiteData) -> str:
    """One line: how many records each language has current, outdated and missing, and how
    many items of a keyed list (glossary terms) its translations lack."""
    parts = []
    for language in site.languages[1:]:
        states = [t.state for t in translation_states(site, language).values()]
        counts = ", ".join(f"{states.count(state)} {state.value}" for state in TranslationState)
        for key, items in sorted(missing_items(site, language).items()):
            for field in dict.fromkeys(field for field, _ in items):
                count = sum(1 for f, _ in items if f == field)
                noun = field.removesuffix("s") + ("" if count == 1 else "s")
                counts += f", {count} {key} {noun} untranslated"
        parts.append(f"{language}: {counts}")
    return f"translations: {'; '.join(parts)}."


def status_table(site: SiteData) -> list[list[str]]:
    """The rows of `clinicdocs translations`: a header, then each record with its state (and
    draft/reviewed) in each language other than the source."""
    languages = site.languages[1:]
    states = {language: translation_states(site, language) for language in languages}
    rows = [["record", *languages]]
    missing = {language: missing_items(site, language) for language in languages}
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
        # A keyed list's items (the glossary's terms) are translated one by one: each one
        # some language lacks gets a row, so an editor sees what is left to translate.
        lacking = {item for language in languages for item in missing[language].get(key, [])}
        for field, item in sorted(lacking, key=lambda pair: _item_order(site, key, pair)):
            rows.append(
                [
                    f"{key} {field.removesuffix('s')} {quoted(item)}",
                    *(
                        "missing" if (field, item) in missing[language].get(key, []) else "current"
                        for language in languages
                    ),
                ]
            )
    return rows


def missing_items(site: SiteData, language: str) -> dict[str, list[tuple[str, str]]]:
    """For each record whose `language` translation exists but lacks some items of a keyed
    list (a glossary term added in the source since): those items, as (field, key) pairs in
    the source's order. A record without a translation is missing as a whole instead."""
    if not site.languages or language == site.languages[0]:
        return {}
    out: dict[str, list[tuple[str, str]]] = {}
    records = _records(site)
    for key, translation in site.translations.get(language, {}).items():
        record = records.get(key)
        if record is None:
            continue
        done = translated_keys(record, translation.record)
        lacking = [
            (field, item)
            for field, items in _keyed_items(record).items()
            for item in items
            if item not in done.get(field, set())
        ]
        if lacking:
            out[key] = lacking
    return out


def _keyed_items(record: BaseModel) -> dict[str, list[str]]:
    """Each keyed list's item keys, in the source's order."""
    out = {}
    for name, info in type(record).model_fields.items():
        mark = translatable_mark(info)
        if mark is not None and mark.keyed_by is not None:
            out[name] = [str(getattr(item, mark.keyed_by)) for item in getattr(record, name)]
    return out


def _item_order(site: SiteData, key: str, pair: tuple[str, str]) -> int:
    record = _records(site)[key]
    return _keyed_items(record)[pair[0]].index(pair[1])


def missing_translations(site: SiteData) -> list[Problem]:
    """Every translation a language lacks, one problem each: a record with no translation file
    (at its source file), and a glossary term its translation does not have yet (at the
    translation file). For a clinic that wants every language complete before publishing."""
    problems = []
    for language in site.languages[1:]:
        for key, state in translation_states(site, language).items():
            source = site.sources.get(key)
            if state.state is TranslationState.MISSING and source is not None:
                # Another clinic file than data/clinic.yml needs `--clinic` to be found.
                option = (
                    f" --clinic {source.display}"
                    if key == "clinic" and source.display != "data/clinic.yml"
                    else ""
                )
                problems.append(
                    Problem.about_file(
                        source.display,
                        f"no '{language}' translation yet; start one with `clinicdocs new "
                        f"translation {key} {language}{option}`",
                    )
                )
        translations = site.translations.get(language, {})
        for key, items in sorted(missing_items(site, language).items()):
            source = translations[key].source
            for field, item in items:
                line, col = source.position((field,), of_key=True)
                problems.append(
                    Problem(
                        source.display,
                        line,
                        col,
                        field,
                        f"{quoted(item)} has no '{language}' translation yet; add it with "
                        f"`source: {item}`",
                    )
                )
    return problems
