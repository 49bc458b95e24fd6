"""The open data in `api/`: the validated content as JSON, valid against the schemas beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from clinicdocs.generate.opendata import open_data_schemas, write_open_data
from clinicdocs.load import load_site
from support.projects import FIXTURE_SITE, project_languages


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def validator(api: Path, schema_name: str) -> Draft202012Validator:
    """A validator for one of the published schemas, resolving `$ref`s to the files beside it."""
    schemas = {p.name: load(p) for p in (api / "schema").glob("*.schema.json")}
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    schema = schemas[schema_name]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry)


def assert_valid(api: Path, file: str, schema_name: str) -> None:
    errors = [e.message for e in validator(api, schema_name).iter_errors(load(api / file))]
    assert errors == [], f"{file}: {errors}"


@pytest.mark.build
@pytest.mark.parametrize(
    ("file", "schema"),
    [
        ("index.json", "index.schema.json"),
        ("treatments.json", "treatments.schema.json"),
        ("concerns.json", "concerns.schema.json"),
        ("glossary.json", "glossary.schema.json"),
        ("clinic.json", "clinic.schema.json"),
    ],
)
def test_each_file_is_valid_against_its_schema(sample_site: Path, file: str, schema: str) -> None:
    assert_valid(sample_site / "api", file, schema)


@pytest.mark.build
def test_one_valid_file_per_treatment_with_the_records_text(sample_site: Path) -> None:
    api = sample_site / "api"
    project = sample_site.parent
    site = load_site(project / "data", project, languages=project_languages(project))
    assert sorted(p.stem for p in (api / "treatments").glob("*.json")) == sorted(site.treatments)
    everything = load(api / "treatments.json")
    for tid, treatment in site.treatments.items():
        assert_valid(api, f"treatments/{tid}.json", "treatment.schema.json")
        record = load(api / "treatments" / f"{tid}.json")
        assert record == everything[tid]
        assert record["name"] == treatment.name
        assert record["summary"] == treatment.summary
        assert [s["what_to_do"] for s in record["side_effects"]] == [
            s.what_to_do for s in treatment.side_effects
        ]
        assert record["review"]["status"] == treatment.review.status


@pytest.mark.build
def test_schema_rejects_what_validation_rejects(sample_site: Path) -> None:
    """The published schema is the real one: an unknown field or a wrong choice fails it."""
    api = sample_site / "api"
    check = validator(api, "treatment.schema.json")
    record = load(api / "treatments" / "laser-mesotherapy.json")
    assert check.is_valid(record)
    assert not check.is_valid({**record, "whenn": "now"})
    bad_effect = {**record["side_effects"][0], "how_common": "seldom"}
    assert not check.is_valid({**record, "side_effects": [bad_effect]})


@pytest.mark.build
def test_index_links_each_record_to_its_page(sample_site: Path) -> None:
    api = sample_site / "api"
    index = load(api / "index.json")
    base = "https://riverside-skin.example.org/patient-info/"
    assert index["site_url"] == base
    for entry in index["treatments"]:
        assert entry["page"] == f"{base}treatments/{entry['id']}/"
        assert (api / entry["data"]).is_file()
        assert (sample_site / entry["page"].removeprefix(base) / "index.html").is_file()
    melasma = next(c for c in index["concerns"] if c["id"] == "melasma")
    assert melasma["page"] == f"{base}concerns/melasma/"
    assert melasma["treatments"] == ["co2-fractional-laser", "laser-pigment-removal"]


def test_written_without_mkdocs(tmp_path: Path) -> None:
    site = load_site(FIXTURE_SITE / "data", FIXTURE_SITE)
    written = write_open_data(site, tmp_path)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    assert "treatments/full-laser.json" in names
    assert "schema/treatment.schema.json" in names
    index = load(tmp_path / "index.json")
    assert index["site_url"] is None
    assert [e["page"] for e in index["treatments"]] == [
        "treatments/bare-peel/",
        "treatments/full-laser/",
    ]
    assert load(tmp_path / "treatments" / "full-laser.json")["review"]["reviewed_on"] == (
        "2026-01-15"
    )
    assert sorted(open_data_schemas()) == sorted(p.name for p in (tmp_path / "schema").iterdir())
