"""Driving Debian's Chromium with Playwright in tests and scripts. The binary and its flags are
the package's own (`clinicdocs.pdf.chromium`): tests launch it as `clinicdocs pdf` does."""

from __future__ import annotations

import functools
import http.server
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from clinicdocs.pdf.chromium import CHROMIUM_ARGS, chromium_path
from clinicdocs.pdf.printer import serve_until_exit

__all__ = [
    "BROWSER_WAIT_MS",
    "CHROMIUM_ARGS",
    "chromium_path",
    "on_ci",
    "require_chromium",
    "serve_directory",
]

BROWSER_WAIT_MS = 30_000
"""How long a browser test waits for an element: generous, the machine may be busy."""


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


class _SubPathHandler(_QuietHandler):
    """Serves the folder under one path prefix only (`/` for a domain's root), like a host
    publishing the site at `https://example.org/patient-info/`: anything outside the prefix is
    not found. Missing files get the site's 404.html with status 404, as nginx's `error_page 404`
    does."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        """Map `/prefix/x` to `directory/x`; anything else to a path that cannot exist."""
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-published-path" / "none")
        return super().translate_path("/" + path.removeprefix(self.prefix))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing file with the site's own 404 page, when it has one."""
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    """An HTTP server that does not print a traceback when a browser drops a connection."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore connections the browser closed early (it cancels what it no longer needs)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_directory(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `directory` over HTTP on 127.0.0.1 and a free port, in a thread, until exit.

    Args:
        directory: the built site.
        prefix: the path the site is published under, e.g. `/patient-info/`. Requests outside
            it are not found, and missing files get the site's 404.html (status 404).

    Yields:
        The site's base URL (the prefix included), ending with a slash.
    """
    handler_class = type("SubPathHandler", (_SubPathHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(directory))
    with serve_until_exit(_Server(("127.0.0.1", 0), handler), prefix) as base:
        yield base
