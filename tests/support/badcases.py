"""The bad-input cases in `tests/fixtures/bad/`, shared by the test modules that use them.

Each case is a folder that is laid over a copy of the tiny fixture site:

- every file in it (except the two below) replaces or adds the file at the same relative path;
- a file ending in `.latin-1` is written without that ending, re-encoded as Latin-1, so that the
  repository holds only UTF-8 text while the test still gets a file that is not UTF-8;
- `remove.txt` lists paths (files or folders) to delete from the copy, one a line;
- `expected.txt` holds the exact lines `clinicdocs validate` prints to stderr.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from support.projects import FIXTURE_SITE, FIXTURES, copy_project

BAD = FIXTURES / "bad"
CONTROL_FILES = {"expected.txt", "remove.txt"}
LATIN_1 = ".latin-1"


def case_names() -> list[str]:
    """Every case folder's name, sorted."""
    return sorted(path.name for path in BAD.iterdir() if path.is_dir())


def expected_lines(case: str) -> list[str]:
    """The exact stderr lines a case must produce."""
    return (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def make_case(case: str, target: Path) -> Path:
    """Build the project for `case` in `target`: the tiny site with the case laid over it."""
    return apply_case(case, copy_project(FIXTURE_SITE, target))


def apply_case(case: str, project: Path) -> Path:
    """Lay the case's files over an existing copy of the tiny site, and delete what it lists."""
    folder = BAD / case
    remove = folder / "remove.txt"
    if remove.is_file():
        for line in remove.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            path = project / line.strip()
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    for source in sorted(folder.rglob("*")):
        relative = source.relative_to(folder)
        if source.is_dir() or relative.as_posix() in CONTROL_FILES:
            continue
        if source.name.endswith(LATIN_1):
            target_path = project / relative.parent / source.name.removesuffix(LATIN_1)
            content = source.read_text(encoding="utf-8").encode("latin-1")
        else:
            target_path = project / relative
            content = source.read_bytes()
        target_path.parent.mkdir(parents=True, exist_ok=True)
        target_path.write_bytes(content)
    return project
