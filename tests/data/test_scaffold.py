"""`clinicdocs new`: a complete skeleton that validates, shows every section, and refuses to
overwrite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from clinicdocs.data.models import DEPRECATED_FIELDS, Concern, Treatment
from clinicdocs.data.scaffold import EXAMPLE, ScaffoldError, site_files, skeleton, write_site
from support.content import TREATMENT_SECTIONS
from support.projects import ROOT, run_cli, run_mkdocs_build


def test_a_new_treatment_validates_and_every_todo_is_a_lint_error(tiny_project: Path) -> None:
    made = run_cli(tiny_project, "new", "treatment", "glow-peel")
    assert made.returncode == 0, made.stderr
    assert made.stdout == (
        "wrote data/treatments/glow-peel.yml; replace each TODO, then run `clinicdocs lint`\n"
    )
    text = (tiny_project / "data/treatments/glow-peel.yml").read_text(encoding="utf-8")
    assert "name: Glow peel\n" in text
    assert "  - dark-spots\n" in text  # the first existing concern, so the record is valid

    validated = run_cli(tiny_project, "validate")
    assert validated.returncode == 0, validated.stderr
    assert "3 treatments" in validated.stdout

    linted = run_cli(tiny_project, "lint")
    assert linted.returncode == 1
    placeholders = [line for line in linted.stdout.splitlines() if "[placeholder]" in line]
    assert all(line.startswith("data/treatments/glow-peel.yml:") for line in placeholders)
    # One finding per value still holding "TODO" (comments do not count).
    assert len(placeholders) == text.count(': "TODO') + text.count('- "TODO') == 32


def test_the_skeleton_has_every_field_with_a_comment_above_it() -> None:
    text = skeleton("treatments", "x-peel", "scars")
    lines = text.splitlines()
    for name in Treatment.model_fields.keys() - DEPRECATED_FIELDS.keys():
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
        assert lines[index - 1].startswith("#"), name
    concern = skeleton("concerns", "oily-skin").splitlines()
    for name in Concern.model_fields:
        index = next(i for i, line in enumerate(concern) if line.startswith(f"{name}:"))
        assert concern[index - 1].startswith("#"), name


@pytest.mark.build
def test_the_new_page_shows_every_section(tiny_project: Path) -> None:
    assert run_cli(tiny_project, "new", "treatment", "glow-peel").returncode == 0
    result = run_mkdocs_build(tiny_project, "--no-strict")
    assert result.returncode == 0, result.stderr
    html = (tiny_project / "site/treatments/glow-peel/index.html").read_text(encoding="utf-8")
    headings = [
        h.get_text(strip=True).rstrip("¶") for h in BeautifulSoup(html, "html.parser")("h2")
    ]
    assert headings == TREATMENT_SECTIONS
    # The strict build refuses to publish the placeholders.
    assert run_mkdocs_build(tiny_project).returncode == 1


def test_a_new_concern_validates(tiny_project: Path) -> None:
    assert run_cli(tiny_project, "new", "concern", "oily-skin").returncode == 0
    assert run_cli(tiny_project, "validate").returncode == 0
    assert "name: Oily skin\n" in (tiny_project / "data/concerns/oily-skin.yml").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("existing", ["full-laser.yml", "full-laser.yaml"])
def test_it_refuses_to_overwrite(tiny_project: Path, existing: str) -> None:
    target = tiny_project / "data/treatments" / existing
    if existing.endswith(".yaml"):
        (tiny_project / "data/treatments/full-laser.yml").rename(target)
    before = target.read_bytes()
    result = run_cli(tiny_project, "new", "treatment", "full-laser")
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: treatments/{existing} already exists; it was not changed. Edit it, or choose "
        "another id\n"
    )
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    ("bad", "hint"),
    [("Glow Peel", ", e.g. 'glow-peel'"), ("../../etc/x", ", e.g. 'etc-x'"), ("-", "")],
)
def test_it_rejects_a_bad_id(tiny_project: Path, bad: str, hint: str) -> None:
    result = run_cli(tiny_project, "new", "treatment", bad)
    assert result.returncode == 2
    assert (
        f"Invalid value for 'ID': '{bad}' is not a valid id; use lowercase letters, digits and "
        f"single hyphens{hint}" in result.stderr
    )
    assert sorted(p.name for p in (tiny_project / "data/treatments").iterdir()) == [
        "bare-peel.yml",
        "full-laser.yml",
    ]


HEADINGS = {"home": "Home", "concerns": "Concerns", "treatments": "Treatments"}


def test_the_example_treatment_is_the_sample_s_word_for_word() -> None:
    """The new site's example makes no medical claim of its own: its files are the sample
    project's, so a correction to the sample must reach the example too."""
    examples = sorted(EXAMPLE.rglob("*.yml"))
    assert [p.relative_to(EXAMPLE).as_posix() for p in examples] == [
        "data/concerns/birthmarks.yml",
        "data/concerns/melasma.yml",
        "data/concerns/moles.yml",
        "data/concerns/pigmentation.yml",
        "data/statements.yml",
        "data/treatments/laser-pigment-removal.yml",
    ]
    for path in examples:
        sample = ROOT / path.relative_to(EXAMPLE)
        assert path.read_bytes() == sample.read_bytes(), path.name


def test_the_example_names_only_concerns_it_brings() -> None:
    files = site_files("Clinic", ["en"], HEADINGS, example=True)
    treatment = yaml.safe_load(files["data/treatments/laser-pigment-removal.yml"])
    assert {f"data/concerns/{c}.yml" for c in treatment["concerns"]} == {
        name for name in files if name.startswith("data/concerns/")
    }


@pytest.mark.parametrize("name", ["Ash & Oak: Skin", 'The "Best" #1 clinic', "诊所: O'Brien"])
def test_the_clinic_name_is_quoted_in_every_yaml_file(name: str) -> None:
    files = site_files(name, ["en", "ar"], HEADINGS, example=False)
    assert yaml.safe_load(files["mkdocs.yml"])["site_name"] == name
    assert yaml.safe_load(files["data/clinic.yml"])["name"] == name
    assert f"\n# {name}\n" in files["docs/index.md"]
    assert not [path for path, text in files.items() if "__" in text and path.endswith(".yml")]


def test_writing_a_site_writes_all_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure part-way (here a full disk on the fourth file) leaves no folder behind."""
    written = 0
    real_write = Path.write_text

    def failing_write(self: Path, *args: Any, **kwargs: Any) -> int:
        nonlocal written
        written += 1
        if written == 4:
            raise OSError(28, "No space left on device")
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", failing_write)
    with pytest.raises(OSError, match="No space left"):
        write_site(tmp_path / "clinic", "Clinic", ["en"], HEADINGS, example=True)
    assert list(tmp_path.iterdir()) == []


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    written = write_site(folder, "Clinic", ["en"], HEADINGS, example=True)
    assert sorted(written) == sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
    )
    assert [p.name for p in tmp_path.iterdir()] == ["clinic"]


def test_a_file_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "clinic").write_text("mine\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="is a file; choose a new or empty folder"):
        write_site(tmp_path / "clinic", "Clinic", ["en"], HEADINGS, example=True)
    assert (tmp_path / "clinic").read_text(encoding="utf-8") == "mine\n"
