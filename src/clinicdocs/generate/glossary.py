"""A Markdown extension that explains glossary terms on hover, wherever they appear in text.

It works like Python-Markdown's `abbr` extension (each match becomes `<abbr title="...">`), but
leaves headings, links and code alone: a tooltip inside a link or a heading is clutter, and on a
phone a tap on a link should follow the link.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Sequence
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor

from clinicdocs.data.models import Glossary

SKIPPED_TAGS = frozenset(
    {"a", "abbr", "code", "pre", "summary", "h1", "h2", "h3", "h4", "h5", "h6"}
)


def definitions(glossary: Glossary | None, language: str | None = None) -> dict[str, str]:
    """Every spelling to match, with its definition.

    Matching is by exact word, so the usual capitalisations of each term are listed too; a term
    with capitals inside (`SPF`, `CO2 laser`) is matched only as written. In Arabic (`language`
    `ar`), the forms with a word written onto the term's front are listed as well
    (`arabic_forms`).
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
            if language == "ar":
                variants |= arabic_forms(spelling)
            for variant in sorted(variants):
                found.setdefault(variant, definition)
    return found


_ARABIC_LETTER_RE = re.compile(r"^[\u0620-\u064a\u066e-\u06d3]")
ARTICLE = "\u0627\u0644"  # ال, "the"
_CONJUNCTIONS = ("", "\u0648", "\u0641")  # و "and", ف "so"
_PREPOSITIONS = ("", "\u0628", "\u0643")  # ب "with, by", ك "like"
_LI = "\u0644"  # ل "for, to"


def arabic_forms(term: str) -> set[str]:
    """The ways an Arabic term is written with the short words Arabic joins to the next word:
    a one-word term with and without "the" (ال), then "and"/"so" (و, ف) and
    "with"/"like"/"for" (ب, ك, ل): الكولاجين → والكولاجين, بالكولاجين, للكولاجين. With ل the
    article loses its alef (ل + الكولاجين = للكولاجين), and before a word starting with ل one
    ل is written (ل + الليزر = لليزر). A term of several words keeps its first word as written:
    where its article goes depends on the grammar (حمض الهيالورونيك, "acid of hyaluronic", takes
    none on its first word). A term not written in Arabic letters gets none."""
    if not _ARABIC_LETTER_RE.match(term):
        return set()
    bases = {term}
    definite: str | None = term if term.startswith(ARTICLE) else None
    if " " not in term:  # one word: with and without "the" (الصبغة, صبغة)
        definite = ARTICLE + term.removeprefix(ARTICLE)
        bases |= {definite, term.removeprefix(ARTICLE)}
    forms = set(bases)
    for conjunction in _CONJUNCTIONS:
        for base in bases:
            for preposition in _PREPOSITIONS:
                forms.add(conjunction + preposition + base)
            if not base.startswith(ARTICLE):
                forms.add(conjunction + _LI + base)  # "for a ...", without the article
        if definite is not None:
            # ل + ال: the alef goes; before a word starting with ل, one ل is written.
            bare = definite.removeprefix(ARTICLE)
            forms.add(conjunction + _LI + (bare if bare.startswith(_LI) else _LI + bare))
    return forms


# Scripts written without spaces between words (Chinese, Japanese, Thai): a term sits between
# other letters, so "whole word" boundaries would never match it.
_UNSPACED_SCRIPT_RE = re.compile(
    r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)


def terms_pattern(terms: Sequence[str]) -> str:
    """The regular expression that finds any of `terms` in text, the longest where several
    start at the same place: as whole words, except terms in scripts written without spaces,
    found wherever they stand.

    The terms are folded into a tree of shared beginnings (`_shared_beginnings`): an Arabic
    glossary lists each term in a dozen forms or more (`arabic_forms`), and a flat list of
    alternatives made matching ten times slower on every page.
    """
    # Every page of a build asks for the same glossary's pattern: made once per glossary.
    return _terms_pattern(tuple(terms))


@functools.lru_cache(maxsize=8)
def _terms_pattern(terms: tuple[str, ...]) -> str:
    words = [term for term in terms if not _UNSPACED_SCRIPT_RE.search(term)]
    unspaced = [term for term in terms if _UNSPACED_SCRIPT_RE.search(term)]
    patterns = [rf"\b{_shared_beginnings(words)}\b"] if words else []
    if unspaced:
        patterns.append(_shared_beginnings(unspaced))
    return "|".join(patterns)


def _shared_beginnings(terms: Iterable[str]) -> str:
    """One pattern for `terms`: `laser|laser pen` becomes `laser(?: pen)?`. A longer term is
    tried first, and a shorter one when the longer does not fit (the `?` gives way)."""
    tree: dict[str, Any] = {}
    for term in terms:
        node = tree
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}  # a term ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [
            re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


class _GlossaryTreeprocessor(AbbrTreeprocessor):  # type: ignore[misc]
    def run(self, root: etree.Element) -> None:
        if not self.abbrs:
            return
        # Longest first, so "CO2 laser" wins over "laser" where both match (terms_pattern).
        self.RE = re.compile(terms_pattern(list(self.abbrs)))
        self.iter_element(root)

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
