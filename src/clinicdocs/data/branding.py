"""The clinic's images checked as files: the logo and favicon must be real images inside the
project, small enough, and (for SVG) free of script."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from clinicdocs.data.models import FAVICON_SUFFIXES, LOGO_SUFFIXES, check_project_path
from clinicdocs.data.source import SourceFile
from clinicdocs.errors import Problem

MAX_IMAGE_BYTES = 1_000_000


_MAGIC: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".ico": (b"\x00\x00\x01\x00",),
}


# An SVG is served from the clinic's own address, so a script inside it would run there when
# someone opens the file directly.
_SVG_ACTIVE_RE = re.compile(
    rb"<\s*script|<\s*foreignObject|javascript\s*:|\son[a-z]+\s*=", re.IGNORECASE
)


def check_branding(source: SourceFile, project: Path) -> list[Problem]:
    """Check what validating the clinic file alone cannot: that the logo and favicon are real
    images inside the project. Works on the file as written, so the images are checked even when
    other fields of the clinic have mistakes.

    Args:
        source: the clinic's `SourceFile`.
        project: the project folder; image paths are relative to it.
    """
    problems: list[Problem] = []
    node = source.node
    for name, suffixes in (("logo", LOGO_SUFFIXES), ("favicon", FAVICON_SUFFIXES)):
        value = node.get(name) if hasattr(node, "get") else None
        if not isinstance(value, str):
            continue
        value = value.strip()
        try:
            check_project_path(value, suffixes)
        except ValueError:
            continue  # validating the model reports it
        message = _image_problem(project, value)
        if message:
            line, col = source.position((name,))
            problems.append(Problem(source.display, line, col, name, message))
    return problems


def _image_problem(project: Path, value: str) -> str | None:
    root = project.resolve()
    path = project / value
    if not path.exists() and not path.is_symlink():
        return (
            f"'{value}' not found; the path is relative to the project folder (the one holding "
            "mkdocs.yml)"
        )
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        return (
            f"'{value}' is a link that leads outside the project folder; copy the image into "
            "the project instead"
        )
    if not resolved.is_file():
        return f"'{value}' is not a file"
    size = resolved.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"'{value}' is {size:,} bytes; the limit is {MAX_IMAGE_BYTES:,}. Use a smaller image"
    head = resolved.read_bytes()
    suffix = PurePosixPath(value).suffix.lower()
    if suffix == ".svg":
        if b"<svg" not in head[:4096].lower():
            return f"'{value}' is not an SVG image"
        if _SVG_ACTIVE_RE.search(head):
            return f"'{value}' contains script or event handlers; save a plain SVG image"
    elif suffix == ".webp":
        if not (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
            return f"'{value}' is not a WebP image"
    elif not head.startswith(_MAGIC[suffix]):
        return f"'{value}' is not a {suffix[1:].upper()} image (its content is something else)"
    return None
