"""Fixtures shared by the tests that open the built sample site in a browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.browser import serve_directory
from support.checkers import site_prefix


@pytest.fixture(scope="module")
def served_sample(sample_site: Path) -> Iterator[str]:
    """The sample site over HTTP under its published path (`/patient-info/`)."""
    with serve_directory(sample_site, site_prefix(sample_site)) as base:
        yield base
