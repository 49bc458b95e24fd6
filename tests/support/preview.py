"""A running `mkdocs serve` for tests: start it on a free port, fetch its pages, wait for an
edit to show, stop it the way Ctrl+C does."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

# Generous bounds, not expectations: a rebuild of the tiny site takes well under a second.
STARTUP_SECONDS = 60
RELOAD_SECONDS = 60
POLL_SECONDS = 0.25

_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")  # Linux; IANA's range elsewhere
EPHEMERAL_PORTS_START = int(_RANGE.read_text().split()[0]) if _RANGE.is_file() else 49152


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now, from below the range the
    system hands out for port 0: a server another test starts at the same time (`-n 2`) on
    port 0 cannot be given it before `mkdocs serve` binds it."""
    candidates = range(10_000, EPHEMERAL_PORTS_START)
    for port in random.sample(candidates, min(100, len(candidates))):
        with socket.socket() as sock, contextlib.suppress(OSError):
            sock.bind(("127.0.0.1", port))
            return port
    raise RuntimeError("no free TCP port found")


@dataclass
class Preview:
    """A running `mkdocs serve` and what a test needs to talk to it."""

    process: subprocess.Popen[bytes]
    project: Path
    base_url: str
    log: Path

    def article(self, page: str) -> BeautifulSoup | None:
        """The page's main article, or None while the page cannot be fetched."""
        try:
            with urllib.request.urlopen(self.base_url + page, timeout=10) as response:
                html = response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None
        return BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")

    def article_text(self, page: str) -> str | None:
        """The text of the page's main article, or None while the page cannot be fetched."""
        article = self.article(page)
        return None if article is None else article.get_text(" ", strip=True)

    def wait_for(
        self,
        page: str,
        condition: Callable[[str], bool],
        what: str,
        seconds: float = RELOAD_SECONDS,
    ) -> str:
        """Poll `page` until `condition(article text)` holds; fail with the server's log if the
        deadline passes or the server exits."""
        deadline = time.monotonic() + seconds
        text = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(
                    f"mkdocs serve exited with {self.process.returncode} while waiting "
                    f"for {what}:\n{self.log.read_text()}"
                )
            text = self.article_text(page)
            if text is not None and condition(text):
                return text
            time.sleep(POLL_SECONDS)
        pytest.fail(
            f"{what}: not seen on /{page} within {seconds} s.\nLast text: {text!r}\n"
            f"Server log:\n{self.log.read_text()}"
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server the way Ctrl+C does, so it removes its temporary site folder; escalate
    if it does not stop (a shell that ignores SIGINT passes that on to its children)."""
    for send in (lambda: process.send_signal(signal.SIGINT), process.terminate, process.kill):
        if process.poll() is not None:
            return
        send()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)


@contextlib.contextmanager
def previews(tmp_path: Path) -> Iterator[Callable[..., Preview]]:
    """Start `python -m mkdocs serve <args>` in a project (`env`: more environment variables);
    every server is stopped afterwards."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(project: Path, *args: str, env: dict[str, str] | None = None) -> Preview:
        port = free_port()
        # mkdocs serves the site under the path of site_url (the tiny site uses /tiny/).
        with (project / "mkdocs.yml").open(encoding="utf-8") as config:
            site_url = yaml_load(config).get("site_url") or "/"  # MkDocs' loader: `!ENV` tags
        mount = urlsplit(site_url).path.strip("/")
        log = tmp_path / f"serve-{len(processes)}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", *args, "-a", f"127.0.0.1:{port}"],
                cwd=project,
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
            )
        processes.append(process)
        base_url = f"http://127.0.0.1:{port}/{mount}/" if mount else f"http://127.0.0.1:{port}/"
        return Preview(process, project, base_url, log)

    try:
        yield start
    finally:
        for process in processes:
            stop(process)
