"""The `clinicdocs` commands as a user runs them: exit codes, what they print, what they write,
and a real `mkdocs build` on bad data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.badcases import apply_case, expected_lines, make_case
from support.projects import ROOT, run_cli, run_mkdocs_build

VALID = "data is valid: 2 treatments, 3 concerns, 2 glossary terms."


def test_validate_valid_data_prints_a_summary_and_exits_0(tiny_project: Path) -> None:
    result = run_cli(tiny_project, "validate")

    assert (result.returncode, result.stdout, result.stderr) == (0, VALID + "\n", "")


def test_validate_bad_data_exits_1_with_one_line_per_problem(tmp_path: Path) -> None:
    project = make_case("many-files", tmp_path / "project")

    result = run_cli(project, "validate")

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == expected_lines("many-files")


def test_validate_from_another_folder_shows_the_same_paths(tmp_path: Path) -> None:
    """Paths are relative to the project, also for templates, wherever the command runs."""
    project = make_case("template-error", tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    result = run_cli(elsewhere, "validate", "--project", str(project))

    assert result.returncode == 1
    assert result.stderr.splitlines() == expected_lines("template-error")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "--no-such-option"], "No such option '--no-such-option'"),
        (["no-such-command"], "No such command 'no-such-command'"),
        (["validate", "--project", "missing-folder"], "Directory 'missing-folder' does not exist"),
        (["export"], "Missing option '--out'"),
        (["schema"], "Missing option '--out'"),
        (["build", "--clinic", "missing.yml"], "File 'missing.yml' does not exist"),
        (["validate", "--clinic", "data"], "File 'data' is a directory"),
    ],
)
def test_usage_errors_exit_2(tiny_project: Path, args: list[str], message: str) -> None:
    result = run_cli(tiny_project, *args)

    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_reads_docs_dir_and_data_dir_from_mkdocs_yml(tiny_project: Path) -> None:
    """`validate` checks the folders `mkdocs build` would use, not fixed names."""
    config = tiny_project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - clinicdocs\n", "  - clinicdocs:\n      data_dir: content\n")
        + "docs_dir: pages\n"
        + "extra:\n  icon: !!python/name:builtins.str\n"
    )
    (tiny_project / "data").rename(tiny_project / "content")
    (tiny_project / "docs").rename(tiny_project / "pages")
    (tiny_project / "pages" / "glossary.md").write_text("# Hand-written glossary\n")
    (tiny_project / "docs").mkdir()
    (tiny_project / "docs" / "glossary.md").write_text("# Not part of the build\n")

    result = run_cli(tiny_project, "validate")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "pages/glossary.md: this hand-written page has the same address ('/glossary/') as the "
        "generated page 'glossary.md'; rename or move the hand-written page.",
        "1 problem found.",
    ]


def test_export_writes_the_generated_pages(tiny_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"

    result = run_cli(tiny_project, "export", "--out", str(out))

    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert result.stdout == f"wrote {len(written)} pages to {out}\n"
    assert {
        "treatments/index.md",
        "treatments/full-laser.md",
        "treatments/bare-peel.md",
        "concerns/index.md",
        "concerns/scars.md",
        "glossary.md",
    } <= set(written)
    assert "Full laser" in (out / "treatments" / "full-laser.md").read_text()


def test_export_with_bad_data_writes_nothing(tmp_path: Path) -> None:
    project = make_case("unknown-concern", tmp_path / "project")
    out = tmp_path / "out"

    result = run_cli(project, "export", "--out", str(out))

    assert result.returncode == 1
    assert result.stderr.splitlines() == expected_lines("unknown-concern")
    assert not out.exists()


def test_schema_writes_one_json_schema_per_kind_of_file(tmp_path: Path) -> None:
    out = tmp_path / "schema"

    result = run_cli(tmp_path, "schema", "--out", str(out))

    assert result.returncode == 0, result.stderr
    names = ["treatment", "concern", "glossary", "statements", "clinic"]
    translations = [f"{name}-translation" for name in names]
    assert result.stdout.splitlines() == [
        f"wrote {out / name}.schema.json" for name in names + translations
    ]
    for name in names + translations:
        document = json.loads((out / f"{name}.schema.json").read_text())
        assert document["$id"] == f"{name}.schema.json"
        assert {"name", "terms", "statements"} & set(document["properties"])


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    files = (path for path in folder.rglob("*") if path.is_file())
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in files}


@pytest.mark.build
def test_mkdocs_build_on_bad_data_lists_the_problems_and_keeps_the_old_site(
    tiny_project: Path,
) -> None:
    first = run_mkdocs_build(tiny_project)
    assert first.returncode == 0, first.stderr
    site = tiny_project / "site"
    before = _snapshot(site)
    assert "treatments/full-laser/index.html" in before

    apply_case("many-files", tiny_project)
    result = run_mkdocs_build(tiny_project)

    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    # MkDocs puts its log prefix before the first line; the lines themselves are the same.
    lines = [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines()]
    expected = expected_lines("many-files")
    start = lines.index(expected[0])
    assert lines[start : start + len(expected)] == expected
    assert _snapshot(site) == before


@pytest.mark.parametrize("command", ["validate", "lint", "translations", "build"])
def test_a_folder_without_mkdocs_yml_is_named_with_what_to_do(tmp_path: Path, command: str) -> None:
    result = run_cli(tmp_path, command)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: no mkdocs.yml in {tmp_path.resolve()}; run this in the project folder (the one "
        "holding mkdocs.yml and data/), or name it with --project\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("code", ["ar", "zh"])
def test_a_clinic_translation_given_as_the_clinic_is_named_as_such(code: str) -> None:
    result = run_cli(ROOT, "validate", "--clinic", f"clinics/harbour-clinic.{code}.yml")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"clinics/harbour-clinic.{code}.yml: this is the '{code}' translation of "
        "clinics/harbour-clinic.yml, not a clinic file; give clinics/harbour-clinic.yml as the "
        "clinic (its translations beside it are read with it).\n1 problem found.\n"
    )
