"""`clinicdocs new`: a complete skeleton that validates, shows every section, and refuses to
overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from clinicdocs.data.models import Concern, Treatment
from clinicdocs.data.scaffold import skeleton
from support.content import TREATMENT_SECTIONS
from support.projects import run_cli, run_mkdocs_build


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
    assert len(placeholders) == text.count(': "TODO') + text.count('- "TODO') == 28


def test_the_skeleton_has_every_field_with_a_comment_above_it() -> None:
    text = skeleton("treatments", "x-peel", "scars")
    lines = text.splitlines()
    for name in Treatment.model_fields:
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
