"""The sample built with ProperDocs, the maintained continuation of MkDocs 1.6, which runs
Material and this plugin unchanged (it answers `import mkdocs` with its own modules): every
file the same as MkDocs' build, every language's, apart from the generator tag each page
names its builder in."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support.projects import ROOT, copy_project, run_mkdocs_build

pytestmark = pytest.mark.build

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_properdocs_builds_the_sample_as_mkdocs_does(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "project")

    mkdocs = run_mkdocs_build(project, "--site-dir", str(tmp_path / "mkdocs"))
    properdocs = subprocess.run(
        [
            *(sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"),
            *("--site-dir", str(tmp_path / "properdocs")),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )

    assert mkdocs.returncode == 0, mkdocs.stderr
    assert properdocs.returncode == 0, properdocs.stderr
    built, expected = files_of(tmp_path / "properdocs"), files_of(tmp_path / "mkdocs")
    assert sorted(built) == sorted(expected)
    for page in ("index.html", "ar/index.html", "zh/treatments/index.html"):
        generator = GENERATOR.search(built[page])
        assert generator is not None
        assert generator.group(1).startswith(b"mkdocs-ProperDocs "), page  # not MkDocs' pages
    differing = [
        path
        for path in expected
        if GENERATOR.sub(b"", built[path]) != GENERATOR.sub(b"", expected[path])
    ]
    assert differing == []
