"""Drop the indentation Material's templates leave in every page.

A built page is about a quarter indentation (nested navigation, icons, footer). Removing it
changes nothing a reader sees: a run of white space between words or tags renders as one space
whether or not it holds a line break, and a line break is kept wherever there was one. Content
whose white space matters (`pre`, `textarea`) and scripts and styles are left exactly as written.
"""

from __future__ import annotations

import re

_KEPT_OR_INDENT = re.compile(
    r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|\n[ \t\r\n]*", re.DOTALL | re.IGNORECASE
)


def compact_html(html: str) -> str:
    """`html` with each line break and the white space around it reduced to one line break.

    Args:
        html: a whole page as MkDocs wrote it.
    """
    return _KEPT_OR_INDENT.sub(lambda m: m.group(1) or "\n", html)
