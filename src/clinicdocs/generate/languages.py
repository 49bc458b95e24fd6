"""A site in several languages: which languages there are, which pages exist in which language,
and the links between them (language switcher, `hreflang`, sitemaps). Knows nothing of MkDocs.

The first language is the source: `data/*.yml` and `docs/*.md` are written in it, and its site is
built at the root. Every other language is a whole site under `<code>/`, with the same page
paths. A page whose record (or hand-written page) has no translation in a language is still
built there, at the same path, but entirely in the source language under a notice, so the
language switcher always lands on the same page (handbook, Languages).
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from clinicdocs.data.site import SiteData
from clinicdocs.errors import DataError, Problem, shown_path
from clinicdocs.generate.pages import (
    EDITORIAL_STATUS,
    GeneratedSite,
    generate,
    public_url,
    record_pages,
    shown_fields,
)
from clinicdocs.generate.render import ShownInSource
from clinicdocs.generate.sections import strip_section_marks, use_source_sections
from clinicdocs.i18n.language import Language
from clinicdocs.translations.state import RecordTranslation, TranslationState, site_in_language

# Languages Material's search (lunr-languages) has a stemmer for. Chinese is left out on purpose:
# lunr's Chinese module needs a segmenter in the browser; Material segments Chinese when it
# builds the index instead (jieba), with its Chinese defaults (handbook, Languages).
_LUNR_LANGUAGES = frozenset(
    "ar da de du el es fi fr he hi hu hy it ja kn ko nl no pt ro ru sa sv ta te th tr vi".split()  # noqa: SIM905
)


def search_languages(code: str) -> list[str] | None:
    """The `lang` to give Material's search in a language's site, or None for Material's own
    default for that theme language (Chinese: its separator, with jieba segmenting the index)."""
    base = code.split("-")[0]
    return [base] if base in _LUNR_LANGUAGES else None


def segmented_by_jieba(code: str) -> bool:
    """Whether Material's search segments the language's index with jieba (Chinese)."""
    return code.split("-")[0] == "zh"


_RECORD_FOLDERS = [
    page.split("/")[0] for kind in ("treatments", "concerns") for page in record_pages(kind, "x")
]
_RECORD_PAGE_RE = re.compile(rf"({'|'.join(_RECORD_FOLDERS)})/([^/]+)\.md")


def record_key(uri: str) -> str | None:
    """The record a generated page shows (`treatments/<id>` for a treatment's page, its
    handout and its staff sheets, `concerns/<id>`, `glossary`), or None for pages made from
    many records (indexes, categories) and hand-written pages."""
    if uri == "glossary.md":
        return "glossary"
    match = _RECORD_PAGE_RE.fullmatch(uri)
    if match is None or match.group(2) == "index":
        return None
    kind = "concerns" if match.group(1) == "concerns" else "treatments"
    return f"{kind}/{match.group(2)}"


def translated_pages(
    docs_dir: Path, codes: Sequence[str], project: Path | None = None
) -> tuple[dict[str, dict[str, Path]], set[str]]:
    """Hand-written pages' translations: `docs/about.ar.md` translates `docs/about.md`.

    Args:
        docs_dir: the hand-written pages' folder.
        codes: the site's language codes, source first.
        project: the project folder, to name files in problems.

    Returns:
        For each language after the source, `{page uri: translation file}`; and the uris of
        every `<name>.<code>.md` file of a declared language (never a page of its own).

    Raises:
        DataError: a translation whose page does not exist.
    """
    found: dict[str, dict[str, Path]] = {code: {} for code in codes[1:]}
    excluded: set[str] = set()
    problems: list[Problem] = []
    if not docs_dir.is_dir():
        return found, excluded
    for path in sorted(docs_dir.rglob("*.md")):
        uri = path.relative_to(docs_dir).as_posix()
        stem, dot, code = uri.removesuffix(".md").rpartition(".")
        if not dot or code not in codes or "/" in code:
            continue
        excluded.add(uri)
        page = f"{stem}.md"
        if not (docs_dir / page).is_file():
            problems.append(
                Problem.about_file(
                    shown_path(path, project),
                    f"translates '{page}', which does not exist in "
                    f"{shown_path(docs_dir, project)}/; name it after the page it translates",
                )
            )
        elif code != codes[0]:
            found[code][page] = path
    if problems:
        raise DataError(problems)
    return found, excluded


@dataclass(frozen=True)
class PageInLanguage:
    """How one page stands in one language's site."""

    state: TranslationState
    """CURRENT: translated; OUTDATED: translated from an older source; MISSING: shown in the
    source language."""
    draft: bool = False
    """A translation no clinician has checked yet."""
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None
    """Who checked the translation, and when (a reviewed translation)."""
    changed: tuple[str, ...] | None = ()
    """OUTDATED: the record's sections changed in the source since (None: not known)."""
    shown_in_source: tuple[str, ...] = ()
    """OUTDATED: the safety sections shown in the source language, as the source now has them."""
    changed_items: tuple[str, ...] = ()
    """OUTDATED: the glossary terms changed in the source since, by their translated names."""


SECTION_LABELS = {
    "name": "notice.section_name",
    "also_known_as": "notice.section_also_known_as",
    "category": "notice.section_category",
    "summary": "treatment.what_it_is",
    "how_it_works": "treatment.how_it_works",
    "key_facts": "treatment.at_a_glance",
    "limits": "treatment.limits",
    "alternatives": "treatment.alternatives",
    "suits": "treatment.who_it_suits",
    "not_suitable": "treatment.who_should_not",
    "cautions": "treatment.talk_first",
    "before": "treatment.before",
    "on_the_day": "treatment.on_the_day",
    "side_effects": "treatment.side_effects",
    "aftercare": "treatment.aftercare",
    "get_help": "treatment.when_to_get_help",
    "red_flags": "treatment.when_to_get_help",
    "figures": "figures.section",
    "faq": "treatment.faq",
}
"""The message naming each section of a record's page, as its heading does, for the notice
above an outdated translation; a field not listed here is not named there."""


@dataclass(frozen=True)
class Alternate:
    """A link to the same page in another language."""

    code: str
    name: str
    href: str
    current: bool = False


@dataclass
class LanguagePlan:
    """Every language of the site and where each page exists: made once by the source
    language's build, shared by every language's build."""

    languages: list[Language]
    root_url: str | None
    """The source site's public address (ending '/'), or None when it is not known."""
    records: dict[str, dict[str, RecordTranslation]] = field(default_factory=dict)
    """For each language after the source: each record key's translation."""
    docs: dict[str, dict[str, Path]] = field(default_factory=dict)
    """For each language after the source: hand-written pages' translation files."""
    docs_files: set[str] = field(default_factory=set)
    """Every `docs/<name>.<code>.md` of a declared language: never a page of its own."""
    hand_written: set[str] = field(default_factory=set)
    """The source's hand-written pages (`about.md`): missing in a language without a
    translation file."""

    @property
    def source(self) -> Language:
        """The language the data and pages are written in."""
        return self.languages[0]

    @property
    def codes(self) -> list[str]:
        """Every language code, source first."""
        return [language.code for language in self.languages]

    def language(self, code: str) -> Language:
        """The language `code`."""
        return next(language for language in self.languages if language.code == code)

    def prefix(self, code: str) -> str:
        """Where a language's site lives from the root: '' for the source, else `<code>/`."""
        return "" if code == self.source.code else f"{code}/"

    def site_url(self, code: str) -> str | None:
        """A language's site's public address, or None."""
        return self.root_url + self.prefix(code) if self.root_url else None

    def page(self, uri: str, code: str) -> PageInLanguage:
        """How the page `uri` (a path in `docs/` or a generated page's) stands in `code`."""
        if code == self.source.code:
            return PageInLanguage(TranslationState.CURRENT)
        if uri in self.hand_written:
            found = uri in self.docs.get(code, {})
            return PageInLanguage(
                TranslationState.CURRENT if found else TranslationState.MISSING, draft=False
            )
        key = record_key(uri)
        translation = self.records.get(code, {}).get(key) if key else None
        if translation is None:
            return PageInLanguage(TranslationState.CURRENT)
        state, changed, in_source = (
            translation.state,
            translation.changed,
            translation.shown_in_source,
        )
        shown = shown_fields(uri)
        if shown is not None:
            # A handout or a day-by-day page shows a few of the treatment's sections: its
            # notice names only those, and a change elsewhere leaves its translation as good
            # as current.
            in_source = tuple(name for name in in_source if name in shown)
            if changed is not None:
                changed = tuple(name for name in changed if name in shown)
                if not changed and state is TranslationState.OUTDATED:
                    state = TranslationState.CURRENT
        return PageInLanguage(
            state,
            draft=translation.status == "draft",
            reviewed_by=translation.reviewed_by,
            reviewed_on=translation.reviewed_on,
            changed=changed,
            shown_in_source=in_source,
            changed_items=translation.changed_items,
        )

    def multilingual(self, uri: str) -> bool:
        """Whether the page is built in every language (the editorial status page is not)."""
        return uri != EDITORIAL_STATUS and len(self.languages) > 1

    def available(self, uri: str) -> list[str]:
        """The languages the page really exists in (translated, even if out of date)."""
        if not self.multilingual(uri):
            return [self.source.code]
        return [
            code
            for code in self.codes
            if self.page(uri, code).state is not TranslationState.MISSING
        ]

    def switcher(self, uri: str, url: str, code: str) -> list[Alternate]:
        """The language switcher's links on a page: the same page in every language, relative
        to the page (so they work under any sub-path and from disk).

        Args:
            uri: the page's source path (`treatments/x.md`).
            url: its address within its language's site, as MkDocs publishes it
                (`treatments/x/` or `treatments/x.html`).
            code: the language of the site being built.
        """
        if not self.multilingual(uri):
            return []
        here = self.prefix(code) + url
        return [
            Alternate(
                language.code,
                language.name,
                relative_address(self.prefix(language.code) + url, here),
                current=language.code == code,
            )
            for language in self.languages
        ]

    def hreflang(self, uri: str, url: str, code: str) -> list[tuple[str, str]]:
        """`(hreflang, href)` for a page's alternates: every language the page really exists
        in, then `x-default` (the source). Absolute when the site's address is known, else
        relative to the page. Empty when the page exists in one language only."""
        available = self.available(uri)
        if len(available) < 2:
            return []
        here = self.prefix(code) + url

        def href(target: str) -> str:
            path = self.prefix(target) + url
            return self.root_url + path if self.root_url else relative_address(path, here)

        links = [(target, href(target)) for target in available]
        return [*links, ("x-default", href(self.source.code))]


def relative_address(target: str, here: str) -> str:
    """`target` (a path from the root of all the language sites) as a link from the page at
    `here` (another such path): `../../ar/treatments/x/`."""
    here_dir = here.rpartition("/")[0] or "."
    link = posixpath.relpath(target or ".", here_dir)
    if link == ".":
        return "./"
    return link + "/" if not target or target.endswith("/") else link


def document_language(page_html: str, language: Language) -> str:
    """Set `lang` and `dir` on the page's `<html>` element (Material sets `dir` only on
    `<body>`, and `lang` from its own language files)."""
    return re.sub(
        r"<html lang=\"[^\"]*\"",
        f'<html lang="{language.code}" dir="{language.direction}"',
        page_html,
        count=1,
    )


def notices_html(plan: LanguagePlan, uri: str, url: str, code: str, state: PageInLanguage) -> str:
    """The notices above a page in a language after the source: not translated (shown in the
    source language), out of date, or a draft translation. Empty for the source language."""
    if code == plan.source.code or not plan.multilingual(uri):
        return ""
    language = plan.language(code)
    # Native names ("English", "العربية"): a reader who cannot read the source language still
    # recognises its own name for it in the switcher.
    names = {"language": language.name, "source_language": plan.source.name}
    source_link = relative_address(url, plan.prefix(code) + url)
    read_source = (
        f'<a href="{html.escape(source_link)}" hreflang="{plan.source.code}">'
        f"{html.escape(language.t('notice.read_source', **names))}</a>"
    )
    paragraphs: list[str] = []
    if state.state is TranslationState.MISSING:
        paragraphs.append(
            f"{html.escape(language.t('notice.untranslated', **names))} {read_source}"
        )
    else:
        if state.state is TranslationState.OUTDATED:
            paragraphs.append(
                f"{html.escape(language.t('notice.outdated', **names))} {read_source}"
            )
            paragraphs.extend(_changed_sections(language, state, names))
        if state.draft:
            paragraphs.append(html.escape(language.t("notice.translation_draft")))
        elif state.reviewed_by and state.reviewed_on:
            checked = language.t(
                "notice.translation_reviewed",
                name=state.reviewed_by,
                date=language.date(state.reviewed_on),
            )
            paragraphs.append(html.escape(checked))
    if not paragraphs:
        return ""
    kind = state.state.value
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    # Safety advice shown in another language than the page's must not read as a footnote.
    level = "warning" if state.shown_in_source else "info"
    return (
        f'<div class="admonition {level} cd-translation-notice cd-translation-{kind}" '
        f'role="note">{body}</div>\n'
    )


def _changed_sections(
    language: Language, state: PageInLanguage, names: dict[str, str]
) -> list[str]:
    """The notice's paragraphs naming the sections that changed in the source, and the safety
    sections shown in the source language because of it (escaped HTML)."""
    paragraphs = []
    changed = [
        language.t(SECTION_LABELS[name]) for name in state.changed or () if name in SECTION_LABELS
    ]
    # A glossary's terms are named one by one, as the translation calls them.
    changed += state.changed_items
    if changed:
        text = language.t("notice.changed_sections", sections=language.join(changed), **names)
        paragraphs.append(f'<span class="cd-changed-sections">{html.escape(text)}</span>')
    in_source = [language.t(SECTION_LABELS[name]) for name in state.shown_in_source]
    if in_source:
        text = language.t("notice.safety_in_source", sections=language.join(in_source), **names)
        paragraphs.append(f'<strong class="cd-safety-in-source">{html.escape(text)}</strong>')
    return paragraphs


def wrap_in_source_language(content: str, source: Language) -> str:
    """A page shown in the source language inside another language's site: marked as such, so
    browsers, screen readers and search engines read it as the source language."""
    return (
        f'<div lang="{source.code}" dir="{source.direction}" class="cd-source-language">\n'
        f"{content}\n</div>"
    )


def sitemap_alternates(plan: LanguagePlan, uri: str, url: str, code: str) -> list[tuple[str, str]]:
    """The `xhtml:link` alternates of a page in a sitemap (absolute addresses only)."""
    if plan.root_url is None:
        return []
    return plan.hreflang(uri, url, code)


def in_sitemap(plan: LanguagePlan, uri: str, code: str) -> bool:
    """Whether a page belongs in its language's sitemap: not when it is only the source page
    shown again (the source language's sitemap lists that)."""
    return plan.page(uri, code).state is not TranslationState.MISSING


def sitemap_addresses(plan: LanguagePlan) -> list[str]:
    """Every language's sitemap, for robots.txt (empty without a public address)."""
    if plan.root_url is None:
        return []
    return [f"{plan.site_url(code)}sitemap.xml" for code in plan.codes]


def untranslated_records(plan: LanguagePlan, code: str) -> ShownInSource:
    """The records the site in `code` shows in the source language (none in the source's own
    site): their texts are marked so where that site's translated pages list them."""
    if code == plan.source.code:
        return ShownInSource()
    missing = frozenset(
        key
        for key, translation in plan.records.get(code, {}).items()
        if translation.state is TranslationState.MISSING
    )
    return ShownInSource(plan.source.code, missing)


def generate_language(
    plan: LanguagePlan,
    code: str,
    source: SiteData,
    project_templates: Path | None = None,
    only: Collection[str] | None = None,
) -> tuple[SiteData, GeneratedSite]:
    """Every generated page of one language's site (or those `only` names).

    Records translated into `code` (even if out of date) are rendered from their translation;
    the others are rendered entirely in the source language (source data, source templates'
    texts), never half-translated.

    Args:
        plan: the languages and the translations' states.
        code: the language to generate.
        source: the validated data, translations loaded.
        project_templates: the project's `templates/pages/` folder.
        only: the pages to render (the preview's re-rendering); None for every page.

    Returns:
        The data in that language (untranslated records as in the source) and its pages.

    Raises:
        DataError: when a template fails.
    """
    translated, _ = site_in_language(source, code)
    site_url = plan.site_url(code)
    states = _PageStates(plan, code, only)
    generated = generate(
        translated,
        project_templates,
        site_url,
        plan.language(code),
        source=source,
        section_marks=True,
        only=states.rendered_translated,
        untranslated=untranslated_records(plan, code),
    )
    in_source = GeneratedSite()
    if states.any_in_source():
        # Each page is rendered once in each language it shows: a missing translation's
        # page only in the source language; a page showing a few sections in it, in both.
        in_source = generate(
            source,
            project_templates,
            site_url,
            plan.source,
            section_marks=True,
            only=states.rendered_in_source,
        )
    pages: dict[str, str] = {}
    for uri in generated.addresses:
        page = generated.pages.get(uri)
        shown_in_source = states.page(uri).shown_in_source
        if page is not None and shown_in_source:
            page = use_source_sections(page, in_source.pages[uri], shown_in_source, plan.source)
        elif page is None:
            page = in_source.pages.get(uri)
        if page is not None:
            pages[uri] = strip_section_marks(page)
    generated.pages = pages
    return translated, generated


class _PageStates:
    """How each page of one language's site stands (`LanguagePlan.page`), as `generate`'s
    `only`: which pages to render from the translations, which in the source language."""

    def __init__(self, plan: LanguagePlan, code: str, only: Collection[str] | None) -> None:
        self.plan, self.code, self.only = plan, code, only
        self.states: dict[str, PageInLanguage] = {}
        self.rendered_translated = _Where(self._translated)
        self.rendered_in_source = _Where(self._in_source)

    def page(self, uri: str) -> PageInLanguage:
        """The page's state in this language (asked up to three times a page: remembered)."""
        state = self.states.get(uri)
        if state is None:
            state = self.states[uri] = self.plan.page(uri, self.code)
        return state

    def any_in_source(self) -> bool:
        """Whether some record is shown wholly or partly in the source language."""
        return any(
            translation.state is TranslationState.MISSING or translation.shown_in_source
            for translation in self.plan.records.get(self.code, {}).values()
        )

    def _translated(self, uri: str) -> bool:
        wanted = self.only is None or uri in self.only
        return wanted and self.page(uri).state is not TranslationState.MISSING

    def _in_source(self, uri: str) -> bool:
        if self.only is not None and uri not in self.only:
            return False
        state = self.page(uri)
        return state.state is TranslationState.MISSING or bool(state.shown_in_source)


@dataclass(frozen=True)
class _Where:
    """The pages a test picks, as a container `generate`'s `only` asks with `in`."""

    test: Callable[[str], bool]

    def __contains__(self, uri: object) -> bool:
        return isinstance(uri, str) and self.test(uri)


def make_plan(
    site: SiteData,
    languages: list[Language],
    docs_dir: Path,
    project: Path | None = None,
    site_url: str | None = None,
) -> LanguagePlan:
    """Which page exists in which language, for a site with more than one.

    Args:
        site: the validated data (translations loaded).
        languages: the site's languages, source first.
        docs_dir: the hand-written pages' folder.
        project: the project folder, to name files in problems.
        site_url: mkdocs.yml's `site_url`, used when the clinic file sets none.

    Raises:
        DataError: a hand-written page's translation whose page does not exist.
    """
    codes = [language.code for language in languages]
    docs, docs_files = translated_pages(docs_dir, codes, project)
    hand_written = (
        {
            path.relative_to(docs_dir).as_posix()
            for path in docs_dir.rglob("*.md")
            if path.relative_to(docs_dir).as_posix() not in docs_files
        }
        if docs_dir.is_dir()
        else set()
    )
    return LanguagePlan(
        languages,
        public_url(site, site_url),
        records={code: site_in_language(site, code)[1] for code in codes[1:]},
        docs=docs,
        docs_files=docs_files,
        hand_written=hand_written,
    )
