"""Shared fixtures: copies of the tiny fixture site and of the sample project, built in tmp_path."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import require_chromium
from bs4 import Tag
from playwright.sync_api import Browser, Page, sync_playwright
from pydantic import BaseModel

from clinicdocs.data.models import GeneralAdvice
from clinicdocs.pdf.chromium import CHROMIUM_ARGS
from clinicdocs.plugin.project import load_project

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FIXTURE_SITE = TESTS / "fixtures" / "site"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

TREATMENT_SECTIONS = [
    "What it is",
    "How it works",
    "What it can treat",
    "Who it suits",
    "Who should not have it",
    "Before your treatment",
    "On the day",
    "Side effects",
    "Aftercare",
    "When to get help",
    "Questions people ask",
    "Sources",
    "Last reviewed",
]
"""Every treatment page's section headings, in the one order the issue asks for."""


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
    """Run the `clinicdocs` command in `project`, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "clinicdocs", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    """A fresh copy of the tiny fixture site, safe to edit."""
    return copy_project(FIXTURE_SITE, tmp_path / "tiny")


def built_site(source: Path, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """Copy the project at `source` into a fresh folder, build it, and return its `site/`."""
    return build_project(copy_project(source, tmp_path_factory.mktemp(name) / "project"))


def build_project(project: Path) -> Path:
    """Build `project` with `mkdocs build --strict` (failing the test if it fails); its `site/`."""
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project (the repository's own data/ and docs/), built once per test run."""
    return built_site(ROOT, tmp_path_factory, "sample")


@pytest.fixture(scope="session")
def rootless_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project built without a site_url (clinic.yml's removed), as a clinic that does
    not know its address yet would: no canonical links, a 404 page that assumes the domain root."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("rootless") / "project")
    clinic = project / "data" / "clinic.yml"
    text = clinic.read_text(encoding="utf-8")
    clinic.write_text(re.sub(r"(?m)^site_url:.*\n", "", text), encoding="utf-8")
    assert "site_url" not in (project / "mkdocs.yml").read_text(encoding="utf-8")
    return build_project(project)


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny fixture site, built once per test run."""
    return built_site(FIXTURE_SITE, tmp_path_factory, "tiny")


@pytest.fixture(scope="session")
def harbour_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content built for the second sample clinic (`clinics/harbour-clinic.yml`) with
    `clinicdocs build --clinic ... --site-dir site-harbour`, once per test run."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("harbour") / "project")
    result = run_cli(
        project, "build", "--clinic", "clinics/harbour-clinic.yml", "--site-dir", "site-harbour"
    )
    assert result.returncode == 0, result.stderr
    assert not (project / "site").exists()
    return project / "site-harbour"


def count_general_advice(value: object) -> int:
    """How many statements in a record (or any part of one) are marked as general advice."""
    if isinstance(value, GeneralAdvice):
        return 1
    if isinstance(value, list):
        return sum(count_general_advice(item) for item in value)
    if isinstance(value, BaseModel):
        return sum(count_general_advice(item) for item in dict(value).values())
    return 0


def elements_after(h2: Tag) -> list[Tag]:
    """A page section: the elements after an `<h2>`, up to the next `<h2>`."""
    out = []
    for sibling in h2.find_next_siblings():
        if sibling.name == "h2":
            break
        out.append(sibling)
    return out


BROWSER_WAIT_MS = 30_000
"""How long a browser test waits for an element: generous, the machine may be busy."""


# Per module, not per session: Playwright's sync API cannot start while another instance runs
# in the same thread, and tests such as test_pdf.py start their own.
@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Headless Debian Chromium for one test module (skipped without one, failed without one
    on CI)."""
    executable = require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    """A fresh desktop-width tab (where the header shows Material's search box)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(BROWSER_WAIT_MS)
    yield tab
    context.close()
