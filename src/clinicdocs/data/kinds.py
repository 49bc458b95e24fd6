"""The kinds of record: the one map from a record key's first part (`treatments/<id>`,
`concerns/<id>`, `glossary`, `statements`, `clinic`) to its model, its JSON Schema and its
skeleton."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from clinicdocs.data.models import Clinic, Concern, Glossary, Statements, Strict, Treatment
from clinicdocs.data.naming import YAML_SUFFIXES, is_slug, translation_name


@dataclass(frozen=True)
class Kind:
    """One kind of record.

    Attributes:
        key: the first part of its records' keys, and their folder for kinds with many records.
        model: the model its files are validated against.
        schema: the base name of its JSON Schema files (`<schema>.schema.json`, and
            `<schema>-translation.schema.json` for its translations).
        many: whether there is one file per record in a folder (`treatments/<id>.yml`) rather
            than one file (`glossary.yml`).
    """

    key: str
    model: type[Strict]
    schema: str
    many: bool

    @property
    def schema_file(self) -> str:
        """The file name of its records' JSON Schema."""
        return f"{self.schema}.schema.json"

    @property
    def translation_schema_file(self) -> str:
        """The file name of its translations' JSON Schema."""
        return f"{self.schema}-translation.schema.json"

    @property
    def skeleton(self) -> str:
        """The file name of its skeleton (`clinicdocs new`), for kinds with many records."""
        return f"{self.schema}.yml"


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("treatments", Treatment, "treatment", many=True),
        Kind("concerns", Concern, "concern", many=True),
        Kind("glossary", Glossary, "glossary", many=False),
        Kind("statements", Statements, "statements", many=False),
        Kind("clinic", Clinic, "clinic", many=False),
    )
}
"""Every kind of record, by key, in the order pages and reports list them."""

RECORD_FOLDERS = tuple(key for key, kind in KINDS.items() if kind.many)
"""The kinds with one file per record: `treatments`, `concerns`."""


def record_of_file(path: PurePath) -> str | None:
    """The record (`treatments/<id>`, `concerns/<id>`) a data file holds, or a translation of,
    from its path in the data folder; None for any other file (the clinic, the glossary, the
    statements, anything else)."""
    if len(path.parts) != 2 or path.parts[0] not in RECORD_FOLDERS:
        return None
    if path.suffix.lower() not in YAML_SUFFIXES:
        return None
    translated = translation_name(PurePath(path.name))
    record_id = translated[0] if translated else path.stem
    return f"{path.parts[0]}/{record_id}" if is_slug(record_id) else None
