"""Shared fixtures: copies of the tiny fixture site and of the sample project, built in tmp_path,
and headless Chromium. Helpers live in `support/`; `support.marks` fails a test that builds a
site or starts Chromium without the `build` or `browser` mark."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from support.browser import BROWSER_WAIT_MS, CHROMIUM_ARGS, require_chromium
from support.projects import (
    DENTAL_SITE,
    FIXTURE_SITE,
    ROOT,
    build_project,
    built_site,
    copy_project,
    run_cli,
)

pytest_plugins = ["support.marks", "pytester"]

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    """A fresh copy of the tiny fixture site, safe to edit."""
    return copy_project(FIXTURE_SITE, tmp_path / "tiny")


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
def dental_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dental practice's fixture site (en, ar, zh), built once per test run."""
    return built_site(DENTAL_SITE, tmp_path_factory, "dental")


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


# Per module, not per session: Playwright's sync API cannot start while another instance runs
# in the same thread, and tests such as pdf/test_pdf.py start their own.
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
