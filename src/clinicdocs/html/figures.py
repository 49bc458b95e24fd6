"""Figures' images in another language's site: each image is copied once, into the source
language's site (`generate.pages.FIGURES_FOLDER`), and a nested language build's pages link
there, one level further up than MkDocs, which knows only its own site, wrote."""

from __future__ import annotations

import re

from clinicdocs.generate.pages import FIGURES_FOLDER

_FIGURE_SRC_RE = re.compile(rf'(<img\b[^>]*?\ssrc=")((?:\.\./)*{re.escape(FIGURES_FOLDER)}/)')


def link_shared_figures(html: str, prefix: str) -> str:
    """Point the figures' images on a page of the site at `prefix` (`ar/`) to their one copy
    in the source language's site.

    Args:
        html: the page's content.
        prefix: where the page's site lives from the root of all the language sites: '' for
            the source language's (nothing to change), `<code>/` for another's.
    """
    if not prefix:
        return html
    up = "../" * prefix.count("/")
    return _FIGURE_SRC_RE.sub(lambda match: match.group(1) + up + match.group(2), html)
