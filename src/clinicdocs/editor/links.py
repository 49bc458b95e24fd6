"""Links in hand-written pages to a record's generated pages, rewritten when the record is
renamed: `docs/about.md`'s `[our laser](treatments/co2-laser.md)` would otherwise point at a page
that no longer exists (a strict build stops on it; the preview stops with it).

A link's target is read as MkDocs reads it: relative to the page's folder, with or without
`.md` (`treatments/x.md`, `treatments/x/`, `treatments/x`), a `#section` or `?query` kept. Inline
links, reference definitions and HTML `href`/`src` attributes are rewritten; absolute addresses
(`https://...`, `/...`) and links that lead elsewhere are left alone.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

_INLINE = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
_REFERENCE = re.compile(r"(?m)^( {0,3}\[[^\]\n]+\]:[ \t]*<?)(\S+?)(?=>|\s|$)")
_HTML = re.compile(r"""(\b(?:href|src)\s*=\s*["'])([^"']+)""")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def renamed_links(docs_dir: Path, pages: Mapping[str, str]) -> dict[Path, str]:
    """The new text of every hand-written page (`docs/**/*.md`, translations included) that
    links to one of `pages`, each link pointing at its new page.

    Args:
        docs_dir: the folder of hand-written pages.
        pages: each generated page's old path in the site (`treatments/old.md`) and its new one.
    """
    texts: dict[Path, str] = {}
    if not pages or not docs_dir.is_dir():
        return texts
    for path in sorted(docs_dir.rglob("*.md")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        here = path.parent.relative_to(docs_dir).as_posix()
        changed = relinked(text, "" if here == "." else here, pages)
        if changed != text:
            texts[path] = changed
    return texts


def relinked(text: str, folder: str, pages: Mapping[str, str]) -> str:
    """`text`, a page in `folder` (from the docs folder, '' at its top), with every link to one
    of `pages` pointing at its new page."""

    def replace(match: re.Match[str]) -> str:
        target = match.group(2)
        new = _new_target(target, folder, pages)
        return match.group(1) + (new if new is not None else target)

    for pattern in (_INLINE, _REFERENCE, _HTML):
        text = pattern.sub(replace, text)
    return text


def _new_target(target: str, folder: str, pages: Mapping[str, str]) -> str | None:
    """The target pointing at the renamed page, or None when `target` leads to none of them."""
    if _SCHEME.match(target) or target.startswith(("/", "#")):
        return None
    path, mark, rest = _split_anchor(target)
    if not path:
        return None
    resolved = posixpath.normpath(posixpath.join(folder, path))
    if resolved.startswith("../"):
        return None
    ending = ".md" if path.endswith(".md") else "/" if path.endswith("/") else ""
    stem = resolved.removesuffix(".md")
    new = pages.get(stem + ".md")
    if new is None:
        return None
    old_name = posixpath.basename(stem)
    new_name = posixpath.basename(new.removesuffix(".md"))
    # Only the last part of the path is the record's id: the rest of the target stays as written.
    kept = path.removesuffix(ending)
    if posixpath.basename(kept) != old_name:
        return None
    return kept[: len(kept) - len(old_name)] + new_name + ending + mark + rest


def _split_anchor(target: str) -> tuple[str, str, str]:
    """A target's path, and its `#section` or `?query` (the mark and the rest)."""
    for index, char in enumerate(target):
        if char in "#?":
            return target[:index], char, target[index + 1 :]
    return target, "", ""
