"""A Markdown extension that explains glossary terms on hover, wherever they appear in text.

It works like Python-Markdown's `abbr` extension (each match becomes `<abbr title="...">`), but
leaves headings, links and code alone: a tooltip inside a link or a heading is clutter, and on a
phone a tap on a link should follow the link.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor

from clinicdocs.models import Glossary

SKIPPED_TAGS = frozenset(
    {"a", "abbr", "code", "pre", "summary", "h1", "h2", "h3", "h4", "h5", "h6"}
)


def definitions(glossary: Glossary | None) -> dict[str, str]:
    """Every spelling to match, with its definition.

    Matching is by exact word, so the usual capitalisations of each term are listed too; a term
    with capitals inside (`SPF`, `CO2 laser`) is matched only as written.
    """
    found: dict[str, str] = {}
    if glossary is None:
        return found
    for term in glossary.terms:
        definition = " ".join(term.definition.split())
        for spelling in (term.term, *term.also):
            variants = {spelling}
            if not any(ch.isupper() for ch in spelling[1:]):
                variants |= {spelling.lower(), spelling[0].upper() + spelling[1:]}
            for variant in sorted(variants):
                found.setdefault(variant, definition)
    return found


class _GlossaryTreeprocessor(AbbrTreeprocessor):  # type: ignore[misc]
    def iter_element(self, el: etree.Element, parent: etree.Element | None = None) -> None:
        if el.tag not in SKIPPED_TAGS:
            super().iter_element(el, parent)
            return
        # Hide the element's own text and children so only its tail (text after it, which
        # belongs to the parent) is searched for terms.
        text, children = el.text, list(el)
        el.text = None
        for child in children:
            el.remove(child)
        super().iter_element(el, parent)
        el.text = text
        el.extend(children)


class GlossaryExtension(Extension):  # type: ignore[misc]
    """Wrap glossary terms in `<abbr title="definition">` outside headings, links and code."""

    def __init__(self, terms: dict[str, str], **kwargs: Any) -> None:
        self.terms = terms
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the tree processor (after inline parsing, like `abbr`)."""
        md.treeprocessors.register(_GlossaryTreeprocessor(md, dict(self.terms)), "cd-glossary", 7)


def abbreviation_lines(glossary: Glossary | None) -> str:
    """The same definitions as Markdown `*[term]: definition` lines, for exported pages that other
    Markdown tools render with their own `abbr` support."""
    terms = definitions(glossary)
    if not terms:
        return ""
    return "\n\n" + "\n".join(f"*[{term}]: {text}" for term, text in terms.items()) + "\n"
