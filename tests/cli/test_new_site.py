"""`clinicdocs new site`: a new project that validates, lints clean and builds at once, and a
folder that is not empty left as it was."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from clinicdocs import __version__
from support.projects import run_cli, run_mkdocs_build

EXPECTED_FILES = {
    ".github/workflows/publish.yml",
    ".gitignore",
    "README.md",
    "requirements.txt",
    "mkdocs.yml",
    "docs/index.md",
    "data/clinic.yml",
    "data/treatments/laser-pigment-removal.yml",
    "data/statements.yml",
    *(f"data/concerns/{c}.yml" for c in ("pigmentation", "melasma", "birthmarks", "moles")),
    *(
        f"schema/{kind}{part}.schema.json"
        for kind in ("treatment", "concern", "glossary", "statements", "clinic")
        for part in ("", "-translation")
    ),
}


def files_in(folder: Path) -> set[str]:
    """Every file under `folder`, as paths relative to it."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def new_site(tmp_path: Path, *args: str) -> Path:
    """Run `clinicdocs new site clinic ARGS` in `tmp_path`; the new project's folder."""
    result = run_cli(tmp_path, "new", "site", "clinic", *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote a new site into clinic; preview it with")
    return tmp_path / "clinic"


def test_a_new_site_has_every_file_and_validates_and_lints_clean(tmp_path: Path) -> None:
    project = new_site(tmp_path, "--name", "Ash & Oak: Skin 'Clinic'")

    assert files_in(project) == EXPECTED_FILES
    assert sorted(p.name for p in (project / "data").iterdir()) == [
        "clinic.yml",
        "concerns",
        "statements.yml",
        "treatments",
    ]
    validated = run_cli(project, "validate")
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout == "data is valid: 1 treatments, 4 concerns, 0 glossary terms.\n"
    linted = run_cli(project, "lint")
    assert (linted.returncode, linted.stdout, linted.stderr) == (0, "", "0 errors, 0 warnings.\n")
    mkdocs = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert mkdocs["site_name"] == "Ash & Oak: Skin 'Clinic'"
    assert mkdocs["plugins"][1] == {"clinicdocs": {"languages": ["en"]}}
    clinic = yaml.safe_load((project / "data/clinic.yml").read_text(encoding="utf-8"))
    assert clinic["name"] == "Ash & Oak: Skin 'Clinic'"
    requirements = (project / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert f"clinicdocs=={__version__}" in requirements


def test_languages_go_to_mkdocs_yml_and_the_home_page_speaks_the_first(tmp_path: Path) -> None:
    project = new_site(tmp_path, "-l", "zh", "-l", "en", "--no-example")

    mkdocs = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert mkdocs["theme"]["language"] == "zh"
    assert mkdocs["plugins"][1] == {"clinicdocs": {"languages": ["zh", "en"]}}
    home = (project / "docs/index.md").read_text(encoding="utf-8")
    assert "title: 首页\n" in home
    assert "# Clinic\n" in home  # the name, from the folder's
    assert "## 治疗项目\n" in home


def test_without_the_example_the_skeletons_validate_and_each_todo_is_a_lint_error(
    tmp_path: Path,
) -> None:
    project = new_site(tmp_path, "--no-example")

    assert sorted(files_in(project / "data")) == [
        "clinic.yml",
        "concerns/my-concern.yml",
        "treatments/my-treatment.yml",
    ]
    assert run_cli(project, "validate").returncode == 0
    linted = run_cli(project, "lint")
    assert linted.returncode == 1
    findings = linted.stdout.splitlines()
    assert findings
    assert all("error[placeholder]" in line for line in findings), findings


def test_what_the_site_covers_is_written_or_asked_for_with_a_todo(tmp_path: Path) -> None:
    (tmp_path / "dental").mkdir()
    (tmp_path / "plain").mkdir()
    dental = new_site(tmp_path / "dental", "--covers", "teeth", "--no-example")
    plain = new_site(tmp_path / "plain", "--no-example")

    clinic = yaml.safe_load((dental / "data/clinic.yml").read_text(encoding="utf-8"))
    assert clinic["covers"] == "teeth"
    assert "contact_wording" not in clinic  # a commented example: the clinic's name by default
    assert run_cli(dental, "validate").returncode == 0
    text = (plain / "data/clinic.yml").read_text(encoding="utf-8")
    assert "covers" not in yaml.safe_load(text)
    assert "# TODO: what the site covers" in text
    assert "\n# covers: skin\n" in text


@pytest.mark.parametrize("content", ["a file", "a folder"])
def test_a_folder_that_is_not_empty_is_refused_and_left_as_it_was(
    tmp_path: Path, content: str
) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    if content == "a file":
        (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    else:
        (folder / "data").mkdir()

    result = run_cli(tmp_path, "new", "site", "clinic")

    assert result.returncode == 1
    assert result.stderr == (
        "Error: 'clinic' is not empty; nothing was written. Choose a new or empty folder\n"
    )
    assert sorted(p.name for p in folder.rglob("*")) == (
        ["notes.txt"] if content == "a file" else ["data"]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic"]  # no temporary folder left


def test_an_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "new", "site", "clinic", "-l", "en", "-l", "xx")

    assert result.returncode == 2
    assert "Invalid value for --language: 'xx' has no message file; choose from" in result.stderr
    assert not (tmp_path / "clinic").exists()


def placeholder_gate(project: Path) -> subprocess.CompletedProcess[str]:
    """Run the publishing workflow's "No placeholder left" step in `project`, as Actions runs a
    `run:` script (bash)."""
    workflow = yaml.safe_load(
        (project / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    )
    steps = workflow["jobs"]["check-and-build"]["steps"]
    script = next(step["run"] for step in steps if step.get("name") == "No placeholder left")
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=project, capture_output=True, text=True, check=False
    )


def test_the_workflow_checks_then_publishes_main_to_github_pages(tmp_path: Path) -> None:
    project = new_site(tmp_path)
    workflow = yaml.safe_load(
        (project / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    )

    runs = [
        step.get("run", step.get("uses")) for step in workflow["jobs"]["check-and-build"]["steps"]
    ]
    commands = [run for run in runs if run.startswith("clinicdocs")]
    assert commands == ["clinicdocs validate", "clinicdocs lint", "clinicdocs build"]
    assert runs[-1].startswith("actions/upload-pages-artifact@")
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "check-and-build"
    assert publish["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_workflow_refuses_to_publish_until_every_todo_is_replaced(tmp_path: Path) -> None:
    project = new_site(tmp_path)

    refused = placeholder_gate(project)
    assert refused.returncode == 1
    *places, message = refused.stdout.splitlines()
    assert message.startswith("::error::Replace each TODO above")
    flagged = {line.split(":", 2)[0] for line in places}
    assert flagged == {"data/clinic.yml", "docs/index.md"}

    for name in ("data/clinic.yml", "docs/index.md"):
        path = project / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line.replace("TODO:", "Done:") for line in lines), encoding="utf-8")
    passed = placeholder_gate(project)
    assert (passed.returncode, passed.stdout) == (0, "")


@pytest.mark.build
def test_a_new_site_in_two_languages_builds_strict_at_once(tmp_path: Path) -> None:
    project = new_site(tmp_path, "--name", "Ash & Oak Skin", "-l", "en", "-l", "ar")

    result = run_mkdocs_build(project)

    assert result.returncode == 0, result.stderr
    home = BeautifulSoup((project / "site/index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.h1 is not None
    assert home.h1.get_text(strip=True).rstrip("¶") == "Ash & Oak Skin"
    links = {a["href"] for a in home.select("article a[href]")}
    assert "treatments/laser-pigment-removal/" in links
    treatment = project / "site/treatments/laser-pigment-removal/index.html"
    assert "Laser pigment removal" in treatment.read_text(encoding="utf-8")
    arabic = BeautifulSoup(
        (project / "site/ar/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert arabic.html is not None
    assert arabic.html["dir"] == "rtl"
