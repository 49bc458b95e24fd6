"""JSON Schema for every kind of data file, generated from the models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from clinicdocs.models import Clinic, Concern, Glossary, Treatment, translation_model

SCHEMAS: dict[str, type[BaseModel]] = {
    "treatment.schema.json": Treatment,
    "concern.schema.json": Concern,
    "glossary.schema.json": Glossary,
    "clinic.schema.json": Clinic,
}

TRANSLATION_SCHEMAS: dict[str, type[BaseModel]] = {
    name.replace(".schema.json", "-translation.schema.json"): translation_model(model)
    for name, model in SCHEMAS.items()
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
