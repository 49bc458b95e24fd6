"""Safety sections marked in the page templates, so that a page whose translation is out of date
can show the source's current text of such a section whole, in the source language.

A template marks the body of a safety section (below its heading) with `section_start(...)` and
`section_end()`: Markdown comments naming the record's fields the section shows. When an outdated
translation may show older advice in a section (`PageInLanguage.shown_in_source`), that body is
taken from the page rendered in the source language (its fixed texts too, so no English item
lands inside an Arabic sentence) and marked with the source's `lang` and `dir`, for browsers,
screen readers and search engines. The marks themselves never reach a built page.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from clinicdocs.i18n.language import Language

_START = "<!-- clinicdocs:section {names} -->"
_END = "<!-- /clinicdocs:section -->"
_SECTION_RE = re.compile(
    r"^<!-- clinicdocs:section (?P<names>[a-z_ ]+) -->\n"
    r"(?P<body>.*?)"
    # The blank line after the end mark goes with it: the body ends with one already.
    r"^<!-- /clinicdocs:section -->\n\n?",
    re.DOTALL | re.MULTILINE,
)


def section_start(*names: str) -> str:
    """The mark opening a safety section's body, naming the fields it shows (for templates)."""
    return _START.format(names=" ".join(names))


def section_end() -> str:
    """The mark closing a safety section's body (for templates)."""
    return _END


def strip_section_marks(markdown: str) -> str:
    """`markdown` without the marks, each section's body left as it is."""
    return _SECTION_RE.sub(lambda match: match["body"], markdown)


def use_source_sections(
    markdown: str, in_source: str, fields: Collection[str], source: Language
) -> str:
    """A translated page with the body of each section showing any of `fields` taken from the
    same page rendered in the source language (`in_source`), marked as that language; the
    other sections stay as translated, and no mark is left.

    A template without marks (a clinic's own override) gets its page back unmarked: the merged
    record already holds the source's text of those fields.
    """
    bodies = {match["names"]: match["body"] for match in _SECTION_RE.finditer(in_source)}

    def body(match: re.Match[str]) -> str:
        names = match["names"]
        if names not in bodies or not set(names.split()) & set(fields):
            return match["body"]
        return (
            f'<div lang="{source.code}" dir="{source.direction}" class="cd-source-language" '
            f"markdown>\n\n{bodies[names].rstrip()}\n\n</div>\n\n"
        )

    return _SECTION_RE.sub(body, markdown)
