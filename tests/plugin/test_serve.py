"""`mkdocs serve --livereload` previews the site and rebuilds it when data or templates change.

Each test starts a real `mkdocs serve` in a copy of the tiny fixture site, edits files the way a
clinic's editor would, and polls the served page until the edit shows (or a generous deadline
passes). `--livereload` is passed explicitly: with mkdocs 1.6.1 and click 8.2.2 to 8.3.x plain
`mkdocs serve` watches nothing (mkdocs/mkdocs#4032, fixed in click 8.4.0), and the flag works with
every click version, so it is the command the README gives.
"""

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

from clinicdocs.generate.render import PACKAGE_TEMPLATES
from support.projects import ROOT, copy_project

# Generous bounds, not expectations: a rebuild of the tiny site takes well under a second.
STARTUP_SECONDS = 60
RELOAD_SECONDS = 60
POLL_SECONDS = 0.25

pytestmark = pytest.mark.build

TREATMENT_PAGE = "treatments/full-laser/"
CONCERN_PAGE = "concerns/dark-spots/"
ORIGINAL_SUMMARY = "A test treatment with every section filled in."
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


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server the way Ctrl+C does, so it removes its temporary site folder; escalate
    if it does not stop (a shell that ignores SIGINT passes that on to its children)."""
    for send in (lambda: process.send_signal(signal.SIGINT), process.terminate, process.kill):
        if process.poll() is not None:
            return
        send()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)


@pytest.fixture
def start_preview(tmp_path: Path) -> Iterator[Callable[..., Preview]]:
    """Start `python -m mkdocs serve <args>` in a project; every server is stopped afterwards."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(project: Path, *args: str) -> Preview:
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
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
        processes.append(process)
        base_url = f"http://127.0.0.1:{port}/{mount}/" if mount else f"http://127.0.0.1:{port}/"
        return Preview(process, project, base_url, log)

    yield start
    for process in processes:
        _stop(process)


def test_data_change_rebuilds_the_preview(
    tiny_project: Path, start_preview: Callable[..., Preview]
) -> None:
    preview = start_preview(tiny_project, "--livereload")
    preview.wait_for(
        TREATMENT_PAGE, lambda text: ORIGINAL_SUMMARY in text, "the first build", STARTUP_SECONDS
    )

    record = tiny_project / "data" / "treatments" / "full-laser.yml"
    source = record.read_text()
    assert f"summary: {ORIGINAL_SUMMARY}\n" in source
    record.write_text(source.replace(ORIGINAL_SUMMARY, "Summary edited while the preview runs."))

    text = preview.wait_for(
        TREATMENT_PAGE,
        lambda text: "Summary edited while the preview runs." in text,
        "the edited summary",
    )
    assert ORIGINAL_SUMMARY not in text


@pytest.mark.parametrize("templates_at_start", [True, False], ids=["templates-dir", "no-templates"])
def test_project_template_override_rebuilds_the_preview(
    tiny_project: Path, start_preview: Callable[..., Preview], templates_at_start: bool
) -> None:
    """A clinic that adds `templates/pages/concern.md.j2` while previewing sees it at once, even
    when the project had no `templates/` folder when the server started (the tiny site has none)."""
    overrides = tiny_project / "templates" / "pages"
    assert not overrides.exists()
    if templates_at_start:
        overrides.mkdir(parents=True)
    preview = start_preview(tiny_project, "--livereload")
    first = preview.wait_for(
        CONCERN_PAGE, lambda text: "Dark spots" in text, "the first build", STARTUP_SECONDS
    )
    assert "Project override" not in first

    # Created in one go, as `mkdir -p` followed by `cp` would: the folder and the file appear
    # before any watcher could have noticed the folder alone.
    overrides.mkdir(parents=True, exist_ok=True)
    default = (PACKAGE_TEMPLATES / "concern.md.j2").read_text()
    override = overrides / "concern.md.j2"
    override.write_text(default + "\nProject override one.\n")
    preview.wait_for(
        CONCERN_PAGE, lambda text: "Project override one." in text, "the new project template"
    )

    # The folder is watched from now on: a later edit to the override shows too.
    override.write_text(default + "\nProject override number two.\n")
    text = preview.wait_for(
        CONCERN_PAGE,
        lambda text: "Project override number two." in text,
        "the edited project template",
    )
    assert "Project override one." not in text


def test_content_findings_never_stop_the_preview_and_show_on_the_page(
    tmp_path: Path, start_preview: Callable[..., Preview]
) -> None:
    """The sample says `strict: true`. Editing the English summary of a treatment translated
    into Arabic and Chinese makes both translations outdated (lint warnings): the preview
    rebuilds all the same, and the treatment's page lists the findings for its editor."""
    project = copy_project(ROOT, tmp_path / "sample")
    assert "strict: true" in (project / "mkdocs.yml").read_text()
    page = "treatments/laser-mesotherapy/"
    preview = start_preview(project, "--livereload")
    first = preview.wait_for(
        page, lambda text: "Laser mesotherapy" in text, "the first build", STARTUP_SECONDS
    )
    assert "Preview only" not in first

    record = project / "data" / "treatments" / "laser-mesotherapy.yml"
    source = record.read_text()
    assert "summary: >-\n  A low-level laser" in source
    record.write_text(source.replace("summary: >-\n  ", "summary: >-\n  Edited in English. ", 1))
    preview.wait_for(page, lambda text: "Edited in English." in text, "the edited summary")

    article = preview.article(page)
    assert article is not None
    box = article.select_one("details.cd-preview-findings[open]")
    assert box is not None
    summary = box.find("summary")
    assert summary is not None
    assert summary.get_text() == ("Preview only: 2 content findings for this page (click to fold)")
    places = [code.get_text() for code in box.select("li > code")]
    assert places == [
        "data/treatments/laser-mesotherapy.ar.yml:4:19",
        "data/treatments/laser-mesotherapy.zh.yml:4:19",
    ]
    assert "the 'ar' translation was made from an older version" in box.get_text()
    log = preview.log.read_text()
    assert "Aborted" not in log
    assert "An error happened during the rebuild" not in log
    # A page about another record shows no box.
    other = preview.article("treatments/co2-fractional-laser/")
    assert other is not None
    assert other.select_one("details.cd-preview-findings") is None
