"""Images checked as files: the clinic's logo and favicon, and the figures of treatments and
concerns, must be real images inside the project, small enough, and (for SVG) free of script
and of anything loaded from elsewhere. One set of rules for all of them (`read_image`)."""

from __future__ import annotations

import hashlib
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import imagesize

from clinicdocs.data.models import (
    FAVICON_SUFFIXES,
    FIGURE_SUFFIXES,
    LOGO_SUFFIXES,
    check_project_path,
)
from clinicdocs.data.source import SourceFile
from clinicdocs.errors import Problem

MAX_IMAGE_BYTES = 1_000_000
"""The largest PNG, JPEG, WebP or ICO file: 1 MB is a full-width photo saved for the web
(a 1600-pixel JPEG at quality 80 is about 300 KB), so anything bigger is a camera original."""

MAX_SVG_BYTES = 300_000
"""The largest SVG file: a drawn diagram is a few kilobytes; 300 KB means a photo embedded in
the SVG or an unoptimised export."""


@dataclass(frozen=True)
class ImageFile:
    """An image that passed the checks, as a build needs it.

    Attributes:
        path: the file, resolved (links followed, inside the project).
        width: its width in CSS pixels (an SVG's `width`, or its viewBox's).
        height: its height in CSS pixels.
        digest: the start of its content's SHA-256, which names its copy in a built site: a
            changed image gets a new address, so no browser shows the old one from its cache.
    """

    path: Path
    width: int
    height: int
    digest: str


class ImageProblem(ValueError):
    """What is wrong with an image file, in words for the editor."""


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
# Anything an SVG would fetch from another address (a web font, an image, a stylesheet) tells
# that address who reads the page, and is missing when the site is read offline.
_SVG_EXTERNAL_RE = re.compile(
    rb"""(?:href|src)\s*=\s*["']\s*(?!data:image/(?:png|jpe?g|gif|webp)[;,])"""
    rb"""(?:[a-z][a-z0-9+.-]*:|//)|url\(\s*["']?\s*(?:https?:|//)|@import""",
    re.IGNORECASE,
)
_SVG_LENGTH_RE = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(?:px)?\s*$")


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
        value = node.get(name) if isinstance(node, Mapping) else None
        problem = _path_problem(source, project, (name,), name, value, suffixes)
        if problem is not None:
            problems.append(problem)
    return problems


def check_figures(
    source: SourceFile, project: Path, found: dict[str, ImageFile] | None = None
) -> list[Problem]:
    """Check the images of a treatment's or a concern's `figures`, as the logo's are checked
    (`read_image`). Works on the file as written, like `check_branding`.

    Args:
        source: the record's `SourceFile`.
        project: the project folder; image paths are relative to it.
        found: where to put each image that passed, by its path as written.
    """
    node = source.node
    figures = node.get("figures") if isinstance(node, Mapping) else None
    if not isinstance(figures, list):
        return []
    problems: list[Problem] = []
    for index, figure in enumerate(figures):
        value = figure.get("file") if isinstance(figure, Mapping) else None
        loc = ("figures", index, "file")
        problem = _path_problem(
            source, project, loc, f"figures[{index}].file", value, FIGURE_SUFFIXES, found
        )
        if problem is not None:
            problems.append(problem)
    return problems


def _path_problem(
    source: SourceFile,
    project: Path,
    loc: tuple[str | int, ...],
    field: str,
    value: Any,
    suffixes: tuple[str, ...],
    found: dict[str, ImageFile] | None = None,
) -> Problem | None:
    """The problem with the image at `loc`, if any; a figure's image (`found` given) is read for
    its size too, and kept in `found`."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        check_project_path(value, suffixes)
    except ValueError:
        return None  # validating the model reports it
    try:
        if found is None:
            check_image(project, value)
        else:
            found[value] = read_image(project, value)
    except ImageProblem as problem:
        line, col = source.position(loc)
        return Problem(source.display, line, col, field, str(problem))
    return None


def check_image(project: Path, value: str) -> tuple[Path, bytes]:
    """Check an image the data names: the rules every image of a site follows (the logo, the
    favicon, the figures).

    Args:
        project: the project folder.
        value: the image's path as written, relative to `project`, already checked by
            `check_project_path` (relative, no `..`, an allowed ending).

    Returns:
        The file, resolved, and its content.

    Raises:
        ImageProblem: the file is missing, leads out of the project, is too big, is not the
            kind of image its name says, or (an SVG) holds script or loads from elsewhere.
    """
    root = project.resolve()
    path = project / value
    if not path.exists() and not path.is_symlink():
        raise ImageProblem(
            f"'{value}' not found; the path is relative to the project folder (the one holding "
            "mkdocs.yml)"
        )
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        raise ImageProblem(
            f"'{value}' is a link that leads outside the project folder; copy the image into "
            "the project instead"
        )
    if not resolved.is_file():
        raise ImageProblem(f"'{value}' is not a file")
    suffix = PurePosixPath(value).suffix.lower()
    limit = MAX_SVG_BYTES if suffix == ".svg" else MAX_IMAGE_BYTES
    size = resolved.stat().st_size
    if size > limit:
        raise ImageProblem(
            f"'{value}' is {size:,} bytes; the limit is {limit:,}. Use a smaller image"
        )
    content = resolved.read_bytes()
    if suffix == ".svg":
        if b"<svg" not in content[:4096].lower():
            raise ImageProblem(f"'{value}' is not an SVG image")
        if _SVG_ACTIVE_RE.search(content):
            raise ImageProblem(
                f"'{value}' contains script or event handlers; save a plain SVG image"
            )
        if _SVG_EXTERNAL_RE.search(content):
            raise ImageProblem(
                f"'{value}' loads something from another address (a font, image or "
                "stylesheet); save a self-contained SVG image"
            )
    elif suffix == ".webp":
        if not (content[:4] == b"RIFF" and content[8:12] == b"WEBP"):
            raise ImageProblem(f"'{value}' is not a WebP image")
    elif not content.startswith(_MAGIC[suffix]):
        raise ImageProblem(
            f"'{value}' is not a {suffix[1:].upper()} image (its content is something else)"
        )
    return resolved, content


def read_image(project: Path, value: str) -> ImageFile:
    """Check a figure's image as every image is checked (`check_image`), and read the size a
    page reserves for it.

    Args:
        project: the project folder.
        value: the image's path as written, relative to `project`, already checked by
            `check_project_path`.

    Raises:
        ImageProblem: what `check_image` finds, or an image whose size cannot be read.
    """
    resolved, content = check_image(project, value)
    if PurePosixPath(value).suffix.lower() == ".svg":
        width, height = _svg_size(value, content)
    else:
        width, height = imagesize.get(io.BytesIO(content))
        if width <= 0 or height <= 0:
            raise ImageProblem(f"'{value}' could not be read as an image; save it again")
    return ImageFile(resolved, width, height, _digest(content))


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:10]


def _svg_size(value: str, content: bytes) -> tuple[int, int]:
    """An SVG's size in CSS pixels: its `width` and `height` when given in pixels, else its
    viewBox's; the page reserves that space (scaled to fit) before the image loads."""
    try:
        _, root = next(ET.iterparse(io.BytesIO(content), events=("start",)))
    except (ET.ParseError, StopIteration):
        raise ImageProblem(f"'{value}' is not a well-formed SVG image; save it again") from None
    lengths = [_SVG_LENGTH_RE.match(root.get(name, "")) for name in ("width", "height")]
    if lengths[0] and lengths[1]:
        width, height = (float(match.group(1)) for match in lengths if match)
    else:
        box = (root.get("viewBox") or "").replace(",", " ").split()
        try:
            width, height = float(box[2]), float(box[3])
        except (IndexError, ValueError):
            width = height = 0
    if width <= 0 or height <= 0:
        raise ImageProblem(
            f"'{value}' does not say its size; give its <svg> element a viewBox, "
            'e.g. viewBox="0 0 600 400"'
        )
    return max(1, round(width)), max(1, round(height))
