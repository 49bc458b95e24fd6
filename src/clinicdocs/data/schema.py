"""JSON Schema for every kind of data file, generated from the models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from clinicdocs.data.kinds import KINDS
from clinicdocs.data.models import translation_model

SCHEMAS: dict[str, type[BaseModel]] = {kind.schema_file: kind.model for kind in KINDS.values()}
"""The schema of each kind of data file."""

TRANSLATION_SCHEMAS: dict[str, type[BaseModel]] = {
    kind.translation_schema_file: translation_model(kind.model) for kind in KINDS.values()
}
"""The schema of each kind of translation file (`data/treatments/<id>.<code>.yml`, ...)."""


def json_schemas() -> dict[str, dict[str, Any]]:
    """Each schema file's name and content, ready to write: the data files', then the
    translation files'."""
    out = {}
    for name, model in {**SCHEMAS, **TRANSLATION_SCHEMAS}.items():
        document = model.model_json_schema()
        out[name] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": name,
            **document,
        }
    return out
