"""Projects the tests work on: where the fixtures are, copies of a project in a temporary folder,
and the two ways of running the tools on one, as a user does.

- `run_cli` runs a `clinicdocs` command in this process (click's `CliRunner`): the same exit code,
  stdout and stderr as the console script, without starting Python again for every command.
- `run_cli_process` and `run_mkdocs_build` start a child process, for the runs where that is
  the point: the console script itself, `clinicdocs pdf` (it starts a browser of its own) and
  MkDocs' own command line.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from clinicdocs.cli import main
from clinicdocs.plugin.project import load_project

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
"""The repository, which is also the sample project (mkdocs.yml, data/, docs/)."""
FIXTURES = TESTS / "fixtures"
FIXTURE_SITE = FIXTURES / "site"
"""The tiny fixture site: two treatments, three concerns, two glossary terms."""
DENTAL_SITE = FIXTURES / "dental"
"""A dental practice's tiny site in English, Arabic and Chinese: a clinic that covers teeth, with
its own contact wording, and one dental treatment, its facts from the public pages it cites."""


def project_languages(project: Path) -> tuple[str, ...]:
    """The languages `project`'s mkdocs.yml declares, the source language first, read as the
    build reads them (MkDocs' `load_config` and the plugin's options). A test that loads a
    project's data passes them to `load_site`: the sample's data folder holds Arabic and Chinese
    translations, which a one-language load refuses."""
    return tuple(load_project(project).languages)


def copy_project(source: Path, target: Path) -> Path:
    """Copy a project (mkdocs.yml, docs/, data/, templates/) into `target`, without built output."""
    shutil.copytree(
        source,
        target,
        ignore=shutil.ignore_patterns(
            "site",
            ".venv",
            ".git",
            "__pycache__",
            "screenshots",
            "node_modules",
            "tests",
            "src",
            "*.egg-info",
            ".*_cache",
        ),
    )
    return target


def set_clinic_fields(project: Path, text: str) -> None:
    """Add YAML lines (`text`) to the end of `project`'s data/clinic.yml."""
    path = project / "data" / "clinic.yml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def run_mkdocs_build(
    project: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` in `project` as a user would, capturing its output.

    Args:
        project: the project folder.
        extra: more command-line arguments.
        env: environment variables to add, e.g. `{"CLINICDOCS_OFFLINE": "true"}`.
    """
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `clinicdocs ARGS` in `project`, in this process, capturing stdout and stderr apart.

    The result has a finished process's fields (`returncode`, `stdout`, `stderr`), so a test
    reads it as it would read `run_cli_process`'s. An exception the command does not turn into
    a message and an exit code is raised here, where a child process would print a traceback:
    a crash fails the test instead of passing for an exit code 1.
    """
    with contextlib.chdir(project):
        result = CliRunner().invoke(
            main, list(args), prog_name="clinicdocs", catch_exceptions=False
        )
    return subprocess.CompletedProcess(
        ["clinicdocs", *args], result.exit_code, result.stdout, result.stderr
    )


def run_cli_process(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m clinicdocs ARGS` in `project` in a child process, capturing its output.

    Args:
        project: the folder to run in.
        args: the command and its arguments.
        env: the whole environment of the child process (default: this process's).
    """
    return subprocess.run(
        [sys.executable, "-m", "clinicdocs", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def build_project(project: Path) -> Path:
    """Build `project` with `mkdocs build --strict` (failing the test if it fails); its `site/`."""
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def built_site(source: Path, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """Copy the project at `source` into a fresh folder, build it, and return its `site/`."""
    return build_project(copy_project(source, tmp_path_factory.mktemp(name) / "project"))


def figures_project(target: Path) -> Path:
    """The tiny site with `fixtures/translated/` (Arabic) and `fixtures/figures/` laid over it:
    a treatment with two figures (one marked for the handout), translated, and a concern with
    one."""
    project = copy_project(FIXTURE_SITE, target)
    shutil.copytree(FIXTURES / "translated", project, dirs_exist_ok=True)
    shutil.copytree(FIXTURES / "figures", project, dirs_exist_ok=True)
    return project
