"""Fixtures of the plugin's tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from support.preview import Preview, previews


@pytest.fixture
def start_preview(tmp_path: Path) -> Iterator[Callable[..., Preview]]:
    """Start `python -m mkdocs serve <args>` in a project; every server is stopped afterwards."""
    with previews(tmp_path) as start:
        yield start
