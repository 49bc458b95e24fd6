"""How data files are named: record ids (lowercase slugs), language codes, and translation files
(`<id>.<code>.yml`). The one place each of these rules is written."""

from __future__ import annotations

import re
from pathlib import PurePath

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""A record id: lowercase letters and digits in words joined by single hyphens."""
_SLUG_RE = re.compile(SLUG_PATTERN)

YAML_SUFFIXES = (".yml", ".yaml")

LANGUAGE_CODE_PATTERN = r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$"
"""A language code, the subset of BCP 47 that Material and the sites use: a language (`en`,
`ar`, `zh`), then optionally a script (`zh-Hant`) and a region (`pt-BR`, `es-419`)."""
_LANGUAGE_CODE_RE = re.compile(LANGUAGE_CODE_PATTERN)


def is_slug(value: str) -> bool:
    """Tell whether `value` is a valid record id (a lowercase slug)."""
    return bool(_SLUG_RE.match(value))


def suggest_slug(name: str) -> str:
    """The id an editor most likely meant by `name` (`Glow Peel!` -> `glow-peel`); empty when
    `name` has no letters or digits to keep."""
    out = "".join(ch.lower() if ch.isalnum() and ch.isascii() else "-" for ch in name)
    return "-".join(part for part in out.split("-") if part)


def is_language_code(value: str) -> bool:
    """Tell whether `value` is a language code such as `en`, `zh-Hant`, `pt-BR` or `es-419`."""
    return bool(_LANGUAGE_CODE_RE.match(value))


def translation_name(path: PurePath) -> tuple[str, str] | None:
    """The record id and language code of a file named `<id>.<code>.yml`, or None when the name
    is not a translation's (record ids hold no dot, so `x.ar.yml` is never a record `x.ar`)."""
    if path.suffix.lower() not in YAML_SUFFIXES:
        return None
    base, dot, code = path.stem.rpartition(".")
    if dot and is_slug(base) and is_language_code(code):
        return base, code
    return None
