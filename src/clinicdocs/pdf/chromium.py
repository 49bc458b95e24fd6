"""Debian's Chromium, as everything here launches it (PDFs, and the browser tests and scripts):
which binary, and with which flags. Playwright's own browser download is never used."""

from __future__ import annotations

import os
import shutil

CHROMIUM_ARGS = [
    "--no-sandbox",  # headless in containers and CI, where the sandbox cannot start
    "--disable-gpu",
    # The machine's network is closed: without these, Chromium's background connections are
    # refused many at a time and slow every start.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
"""The flags every headless Chromium here is launched with."""

CHROMIUM_NAMES = ("chromium", "chromium-browser")


def chromium_path() -> str | None:
    """The Chromium binary: `$CHROMIUM` when it names a program, else `chromium` on PATH; None
    when there is none."""
    from_env = os.environ.get("CHROMIUM")
    if from_env and shutil.which(from_env):
        return from_env
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)
