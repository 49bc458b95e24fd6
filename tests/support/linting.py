"""Running the content lint on a fixture project in process, and editing its records first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clinicdocs.lint.rules import LintSettings, lint_site
from clinicdocs.load import load_site
from support.projects import project_languages

TODAY = dt.date(2026, 11, 21)
"""The date the lint tests compare review dates with."""
FULL_LASER = "data/treatments/full-laser.yml"
"""The tiny site's treatment with every section filled in."""


def edit(project: Path, relative: str, old: str, new: str) -> None:
    """Replace the first `old` in a project's file with `new`; `old` must be there."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def lint_lines(project: Path, settings: LintSettings | None = None) -> list[str]:
    """The lint's findings on a project, one printed line each, as `clinicdocs lint` prints."""
    site = load_site(project / "data", project, languages=project_languages(project))
    return [str(f) for f in lint_site(site, settings, today=TODAY).findings]
