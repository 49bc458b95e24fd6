"""`SiteData`: everything in `data/`, validated, with the file behind each record and the
valid translations."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from clinicdocs.data.branding import ImageFile
from clinicdocs.data.models import (
    Clinic,
    Concern,
    Glossary,
    Limit,
    Statements,
    Strict,
    TranslationInfo,
    Treatment,
    name_order,
)
from clinicdocs.data.source import SourceFile


@dataclass
class SiteData:
    """Everything in `data/`, validated. Keys of the dicts are record ids (file names)."""

    treatments: dict[str, Treatment]
    concerns: dict[str, Concern]
    glossary: Glossary | None
    clinic: Clinic
    sources: dict[str, SourceFile] = field(default_factory=dict)
    """The file behind each record, keyed `treatments/<id>`, `concerns/<id>`, `glossary`,
    `statements` and `clinic`."""
    languages: tuple[str, ...] = ()
    """The site's languages, the source language first (`("en",)` when `load_site` is given
    none; empty only for a SiteData made by hand)."""
    translations: dict[str, dict[str, Translation]] = field(default_factory=dict)
    """The valid translations, by language code, then by record key (as in `sources`); see
    `clinicdocs.translations.state.site_in_language`."""
    images: dict[str, ImageFile] = field(default_factory=dict)
    """The figures' image files, checked, with their sizes, by the path the data gives
    (`figures[].file`)."""
    statements: Statements | None = None
    """`data/statements.yml`, the statements written once (None without the file). The
    records' `- use: <id>` items are already resolved to their text
    (`clinicdocs.data.statements`)."""

    def poor_choices_for(self, concern_id: str) -> list[tuple[str, Treatment, Limit]]:
        """The treatments whose limits name `concern_id` (a poor choice for it), each with that
        limit, in name order."""
        found = [
            (tid, t, limit)
            for tid, t in self.treatments.items()
            for limit in t.limits
            if concern_id in limit.concerns
        ]
        return sorted(found, key=lambda item: name_order(item[1].name))

    def without_positions(self) -> SiteData:
        """The same data with its files' parsed trees and texts left out (their paths and names
        kept): what rendering needs, a quarter of the size, for handing to another process.
        Positions in the files serve problem and lint reports, which need the full data."""

        def light(source: SourceFile) -> SourceFile:
            return SourceFile(source.path, source.display, None)

        return dataclasses.replace(
            self,
            sources={key: light(source) for key, source in self.sources.items()},
            translations={
                code: {
                    key: dataclasses.replace(translation, source=light(translation.source))
                    for key, translation in records.items()
                }
                for code, records in self.translations.items()
            },
        )

    def record(self, key: str) -> Strict:
        """The record `key` names: `treatments/<id>`, `concerns/<id>`, `glossary`, `statements`
        or `clinic`.

        Raises:
            KeyError: no such record.
        """
        kind, _, name = key.partition("/")
        if kind == "treatments":
            return self.treatments[name]
        if kind == "concerns":
            return self.concerns[name]
        found = {
            "glossary": self.glossary,
            "statements": self.statements,
            "clinic": self.clinic,
        }.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def treatments_for(self, concern_id: str) -> list[tuple[str, Treatment]]:
        """The treatments that list `concern_id`, in name order: derived, never stored twice."""
        found = [(tid, t) for tid, t in self.treatments.items() if concern_id in t.concerns]
        return sorted(found, key=lambda item: name_order(item[1].name))


@dataclass(frozen=True)
class Translation:
    """A loaded, valid translation file.

    Attributes:
        key: the source record's key.
        language: the language code.
        source: the file, with the position of every key.
        record: the translated texts (an instance of `translation_model(<source model>)`).
    """

    key: str
    language: str
    source: SourceFile
    record: Strict

    @property
    def info(self) -> TranslationInfo:
        """The file's `translation:` block."""
        info = self.record.translation  # type: ignore[attr-defined]  # derived model's field
        assert isinstance(info, TranslationInfo)
        return info


@dataclass(frozen=True)
class Candidate:
    """A file whose name is that of a translation: `<id>.<code>.yml`."""

    path: Path
    key: str
    record_id: str
    code: str
