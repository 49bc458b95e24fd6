"""The JSON Schema files editors use: committed, current, and named by every sample data file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clinicdocs.data.naming import translation_name
from clinicdocs.data.schema import SCHEMAS, TRANSLATION_SCHEMAS
from support.projects import ROOT, run_cli

SCHEMA_DIR = ROOT / "schema"
DATA_DIR = ROOT / "data"
SCHEMA_COMMENT = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$")
DATA_FILES = sorted(p for p in DATA_DIR.rglob("*") if p.suffix in (".yml", ".yaml"))


def schema_for(data_file: Path) -> str:
    """The schema file a data file must name, from where it lives in `data/`."""
    relative = data_file.relative_to(DATA_DIR)
    name = translation_name(data_file)
    ending = "-translation.schema.json" if name else ".schema.json"
    if relative.parts[0] == "treatments":
        return f"treatment{ending}"
    if relative.parts[0] == "concerns":
        return f"concern{ending}"
    return f"{name[0] if name else data_file.stem}{ending}"


def test_schema_command_reproduces_the_committed_files(tmp_path: Path) -> None:
    result = run_cli(ROOT, "schema", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted({**SCHEMAS, **TRANSLATION_SCHEMAS})
    assert written == sorted(p.name for p in SCHEMA_DIR.glob("*.json"))
    for name in written:
        fresh = (tmp_path / name).read_text(encoding="utf-8")
        committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert fresh == committed, (
            f"schema/{name} is stale: run `clinicdocs schema --out schema` and commit it"
        )


def test_committed_schemas_describe_their_models() -> None:
    for name, model in SCHEMAS.items():
        document = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
        assert document["$id"] == name
        assert document["title"] == model.__name__
        assert set(document["properties"]) == set(model.model_fields)


def test_translation_schemas_hold_only_the_translatable_fields() -> None:
    document = json.loads(
        (SCHEMA_DIR / "treatment-translation.schema.json").read_text(encoding="utf-8")
    )
    assert document["title"] == "TreatmentTranslation"
    assert document["required"] == ["translation"]
    assert {"name", "faq", "side_effects"} <= set(document["properties"])
    assert not {"concerns", "sources", "review", "lint_ignore"} & set(document["properties"])


def test_there_is_sample_data_of_every_kind() -> None:
    sources = [p for p in DATA_FILES if translation_name(p) is None]
    assert {schema_for(p) for p in sources} == set(SCHEMAS)


@pytest.mark.parametrize("data_file", DATA_FILES, ids=lambda p: p.relative_to(DATA_DIR).as_posix())
def test_data_file_names_its_schema_on_the_first_line(data_file: Path) -> None:
    first_line = data_file.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_COMMENT.match(first_line)
    assert match, f"first line is {first_line!r}"
    target = (data_file.parent / match["path"]).resolve()
    assert target.is_file(), f"{match['path']} does not exist"
    assert target.parent == SCHEMA_DIR.resolve()
    assert target.name == schema_for(data_file)
