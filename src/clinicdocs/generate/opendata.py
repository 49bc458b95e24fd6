"""The validated content as JSON files, so a clinic's booking system or chatbot can reuse the same
reviewed text the pages show.

Written into the built site's `api/` folder:

    api/index.json                 what there is, with each record's page address and figures
    api/treatments.json            every treatment, keyed by id
    api/treatments/<id>.json       one treatment
    api/concerns.json              every concern, keyed by id
    api/glossary.json, clinic.json the glossary and the clinic's details
    api/schema/*.schema.json       the JSON Schema of each file above

A record's JSON is the data file's content, so it validates against the same schema editors use
for `data/`. Nothing here knows MkDocs: `write_open_data` works on any folder.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from clinicdocs import __version__
from clinicdocs.data.models import Figure, name_order
from clinicdocs.data.naming import SLUG_PATTERN
from clinicdocs.data.schema import json_schemas
from clinicdocs.data.site import SiteData
from clinicdocs.generate.pages import concern_uri, figure_uri, treatment_uri

API_DIR = "api"
SCHEMA_DIR = "schema"


class FigureEntry(BaseModel):
    """One of a record's figures in `api/index.json`: where its image is, and its words."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        description="The image: a full address when the site has one, else a path from the "
        "site's root."
    )
    alt: str = Field(description="What the image shows, for people who cannot see it.")
    caption: str | None = Field(None, description="The caption shown under it, if any.")
    credit: str | None = Field(None, description="Who made it and its licence, if given.")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    figures: list[FigureEntry] = Field(
        default_factory=list, description="The record's figures, in the order its page shows."
    )

    id: str = Field(pattern=SLUG_PATTERN, description="The record's id (its data file's name).")
    name: str = Field(description="The record's name, as its page shows it.")
    page: str = Field(
        description="The record's page: a full address when the site has one, else a path "
        "from the site's root."
    )
    data: str = Field(description="The record's JSON file, relative to index.json.")


class TreatmentEntry(_Entry):
    """One treatment in `api/index.json`."""


class ConcernEntry(_Entry):
    """One concern in `api/index.json`, with the treatments that address it."""

    treatments: list[str] = Field(description="Ids of the treatments for this concern.")


class OpenDataIndex(BaseModel):
    """`api/index.json`: what the open data holds and where each record's page is."""

    model_config = ConfigDict(extra="forbid")

    generator: str = Field(description="The program and version that wrote these files.")
    site_url: str | None = Field(description="The site's public address, if it has one.")
    treatments: list[TreatmentEntry] = Field(description="Every treatment, in name order.")
    concerns: list[ConcernEntry] = Field(description="Every concern, in name order.")
    glossary: str | None = Field(description="The glossary's JSON file, if there is a glossary.")
    clinic: str = Field(description="The clinic's JSON file.")


def directory_url(uri: str) -> str:
    """A page's path from the site root in MkDocs' default style: `treatments/x.md` ->
    `treatments/x/`, `concerns/index.md` -> `concerns/`."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def open_data_files(
    site: SiteData,
    site_url: str | None = None,
    page_path: Callable[[str], str] = directory_url,
) -> dict[str, Any]:
    """Every open-data file, as `{path inside api/: JSON value}`.

    Args:
        site: validated data.
        site_url: the site's public address ending in '/', or None.
        page_path: a page's path from the site root, from its source path.
    """

    def page(uri: str) -> str:
        return (site_url or "") + page_path(uri)

    def record(model: BaseModel) -> Any:
        return model.model_dump(mode="json", exclude_none=True)

    def figures(items: list[Figure]) -> list[FigureEntry]:
        return [
            FigureEntry(
                url=(site_url or "") + figure_uri(f.file, site.images[f.file]),
                alt=f.alt,
                caption=f.caption,
                credit=f.credit,
            )
            for f in items
        ]

    treatments = sorted(site.treatments.items(), key=lambda kv: name_order(kv[1].name))
    concerns = sorted(site.concerns.items(), key=lambda kv: name_order(kv[1].name))
    treatment_records = {tid: record(t) for tid, t in treatments}
    files: dict[str, Any] = {
        "treatments.json": treatment_records,
        "concerns.json": {cid: record(c) for cid, c in concerns},
        "clinic.json": record(site.clinic),
    }
    for tid, value in treatment_records.items():
        files[f"treatments/{tid}.json"] = value
    if site.glossary is not None:
        files["glossary.json"] = record(site.glossary)
    index = OpenDataIndex(
        generator=f"clinicdocs {__version__}",
        site_url=site_url,
        treatments=[
            TreatmentEntry(
                id=tid,
                name=t.name,
                page=page(treatment_uri(tid)),
                data=f"treatments/{tid}.json",
                figures=figures(t.figures),
            )
            for tid, t in treatments
        ],
        concerns=[
            ConcernEntry(
                id=cid,
                name=c.name,
                page=page(concern_uri(cid)),
                data="concerns.json",
                figures=figures(c.figures),
                treatments=[tid for tid, _ in site.treatments_for(cid)],
            )
            for cid, c in concerns
        ],
        glossary="glossary.json" if site.glossary is not None else None,
        clinic="clinic.json",
    )
    files["index.json"] = index.model_dump(mode="json")
    for name, schema in open_data_schemas().items():
        files[f"{SCHEMA_DIR}/{name}"] = schema
    return files


def open_data_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each open-data file, by file name.

    The record schemas are the ones `clinicdocs schema` writes for `data/`; the collections
    refer to them, so there is one description of a treatment, not two.
    """
    schemas = json_schemas()
    dialect = "https://json-schema.org/draft/2020-12/schema"

    def keyed(name: str, record_schema: str, title: str) -> dict[str, Any]:
        return {
            "$schema": dialect,
            "$id": name,
            "title": title,
            "type": "object",
            "propertyNames": {"pattern": SLUG_PATTERN},
            "additionalProperties": {"$ref": record_schema},
        }

    schemas["treatments.schema.json"] = keyed(
        "treatments.schema.json", "treatment.schema.json", "Every treatment, keyed by id"
    )
    schemas["concerns.schema.json"] = keyed(
        "concerns.schema.json", "concern.schema.json", "Every concern, keyed by id"
    )
    schemas["index.schema.json"] = {
        "$schema": dialect,
        "$id": "index.schema.json",
        **OpenDataIndex.model_json_schema(),
    }
    return schemas


def write_open_data(
    site: SiteData,
    out_dir: Path,
    site_url: str | None = None,
    page_path: Callable[[str], str] = directory_url,
) -> list[Path]:
    """Write the open-data files into `out_dir` (a built site's `api/` folder, or any folder).

    Returns:
        The files written.
    """
    written = []
    for name, value in open_data_files(site, site_url, page_path).items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
