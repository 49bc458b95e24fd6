"""Shared settings for driving Debian's Chromium with Playwright (tests and scripts)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """Debian's Chromium: $CHROMIUM if set, else `chromium` on PATH (Playwright's own browser
    download is not used)."""
    return (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


def on_ci() -> bool:
    """True when the CI environment variable says so (`CI=true`, as CI services set it)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_chromium() -> str:
    """The Chromium to launch. Without one, skip the calling tests on a developer's machine but
    fail them on CI, where a missing browser must not pass for a green run."""
    import pytest  # here, not at the top: scripts/screenshots.py imports this module too

    path = chromium_path()
    if path is None:
        message = (
            "no Chromium found: install Debian's chromium (`make chromium`) or set "
            "$CHROMIUM to a Chromium binary"
        )
        if on_ci():
            pytest.fail(f"CI is set and the browser tests cannot run: {message}")
        pytest.skip(message)
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        """Drop the request log line."""


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve `directory` over HTTP on 127.0.0.1 and a free port, in a thread, until exit.

    Yields:
        The base URL, ending with a slash.
    """
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
