"""Whether work done for one build is kept for the next.

On in the preview server (`clinicdocs.plugin.preview` turns it on), which loads, resolves and
lints the data again after every edit: files whose content is unchanged are not read and
validated again (`data.yaml.read_and_validate`), nor their records' statements resolved
(`load`, `translations.state`) or their records linted (`lint.rules`) again. Off for a one-shot
build, which reads everything once: the memory would only hold what the build is done with (the
files' position trees, among others) to its end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_KEEPING = False
_FORGETTERS: list[Callable[[], None]] = []


def keeping() -> bool:
    """Whether builds keep their work for the next one."""
    return _KEEPING


def keep_between_builds(on: bool = True) -> None:
    """Keep work for the next build (the preview), or stop and forget everything kept."""
    global _KEEPING
    _KEEPING = on
    if not on:
        for forget in _FORGETTERS:
            forget()


def kept(store: dict[Any, Any]) -> dict[Any, Any]:
    """Register a module's memory (a dict), emptied when keeping stops; returns it."""
    _FORGETTERS.append(store.clear)
    return store


def forgotten_unless_kept(*caches: Callable[..., Any]) -> None:
    """Empty `functools.lru_cache` functions that only help the next build, unless keeping."""
    if not _KEEPING:
        for cache in caches:
            cache.cache_clear()  # type: ignore[attr-defined]
