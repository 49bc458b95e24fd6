"""`clinicdocs edit` as a user runs it: the command starts the editor on 127.0.0.1, prints its
address, serves the page there, and stops cleanly on Ctrl+C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from clinicdocs.editor.bundle import bundle_dir


def test_the_command_serves_the_editor_until_ctrl_c(tiny_project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    folder = bundle_dir(cache)
    folder.mkdir(parents=True)
    (folder / "decap-cms.js").write_text("/* Decap CMS */", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "clinicdocs", "edit", "--no-open", "--no-preview"],
        cwd=tiny_project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CLINICDOCS_CACHE": str(cache)},
        # A test run started in the background (as a CI step may be) ignores Ctrl+C, and a
        # child inherits that; the command is meant for a terminal, where Ctrl+C stops it.
        preexec_fn=_ctrl_c_stops,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        prefix = "the editor is at http://127.0.0.1:"
        assert line.startswith(prefix), line + (process.stderr.read() if process.stderr else "")
        address = line.split()[4]
        with urllib.request.urlopen(address, timeout=30) as response:
            page = response.read().decode()
        assert '<script src="cms/decap-cms.js"></script>' in page
        with urllib.request.urlopen(address + "cms/decap-cms.js", timeout=30) as response:
            assert response.read() == b"/* Decap CMS */"
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Traceback" not in err


def _ctrl_c_stops() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
