"""Writing a whole folder all or nothing: into a hidden folder beside it, then swapped into its
place with renames on the same file system, so a reader (a web server, a practice system, an
editor) never sees half of one, and an error part-way leaves the old folder as it was.

Used by `clinicdocs new site` (a new project), `clinicdocs build` (the site) and `clinicdocs
export care` (the care texts).
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Mapping
from pathlib import Path


def staging_folder(target: Path, purpose: str) -> Path:
    """A fresh, empty hidden folder beside `target` (`.<name>.<purpose>-<random>`), with the
    usual permissions for new folders (not the owner-only ones of `tempfile.mkdtemp`): the
    folder it becomes is read by others, a web server or the clinic's staff."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.{purpose}-{secrets.token_hex(4)}"
    staging.mkdir()
    return staging


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace `target` (if any) with `staging`: two renames, then the old folder is deleted."""
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)
    if not target.exists():
        staging.rename(target)
        return
    old = target.with_name(f".{target.name}.old-{secrets.token_hex(4)}")
    target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def write_folder(target: Path, files: Mapping[str, bytes], purpose: str = "writing") -> None:
    """Write `files` (relative paths and contents) as the whole content of `target`, all or
    nothing. Checking that `target` may be replaced is the caller's."""
    staging = staging_folder(target, purpose)
    try:
        for name, content in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_into_place(staging, target)
