"""Reading PDFs back as a person would: poppler-utils' pdfinfo and pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from support.browser import on_ci


def require_tool(name: str, package: str) -> str:
    """A command-line tool the tests read PDFs with: skip without it, but fail on CI."""
    path = shutil.which(name)
    if path is None:
        message = f"'{name}' not found: install Debian's {package} (`make chromium` does)"
        if on_ci():
            pytest.fail(message)
        pytest.skip(message)
    return path


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(
        [require_tool("pdfinfo", "poppler-utils"), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {
        key.strip(): value.strip()
        for key, value in (line.split(":", 1) for line in out.splitlines() if ":" in line)
    }


def pdf_text(pdf: Path, page: int | None = None) -> str:
    """The PDF's text with whitespace made single spaces (line breaks fall anywhere)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        [require_tool("pdftotext", "poppler-utils"), *pages, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(out.split())
