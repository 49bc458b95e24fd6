"""One build's state: the data it renders, the language of its pages, and for a site in several
languages which data and language each page is shown in. Made in `on_config`
(`clinicdocs.plugin.loading`), read by every later hook."""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs.structure.files import Files

from clinicdocs.data.site import SiteData
from clinicdocs.generate.languages import LanguagePlan, PageInLanguage, untranslated_records
from clinicdocs.generate.pages import GeneratedSite
from clinicdocs.generate.render import ShownInSource
from clinicdocs.html.branding import Branding
from clinicdocs.html.fonts import shown_characters
from clinicdocs.i18n.language import Language
from clinicdocs.plugin.parallel import LanguageSites
from clinicdocs.plugin.project import Project
from clinicdocs.plugin.sites import LanguageBuild
from clinicdocs.translations.state import TranslationState


@dataclass
class BuildState:
    """What one language's build renders.

    Attributes:
        project: the project's settings (mkdocs.yml and the plugin's options).
        site: the data this build's pages are made from (in its language).
        generated: the generated pages; emptied once MkDocs holds them (`on_files`).
        language: the language of this build's pages.
        language_build: in another language's nested build, what the source build handed it;
            None in the source language's build.
        plan: the site's languages and where each page exists, when it has more than one.
        languages_data: in the source build of a site in several languages, the validated
            data (translations and file positions included) handed to the other languages'
            builds, so they do not read and check every file again.
        branding: the clinic's brand, as `on_config` applied it.
        files: the build's files, once `on_files` has them.
        font_language: the language whose bundled fonts the site needs, if any.
        page_characters: the characters each built page shows (by its address), in the order
            the pages were built, when the site's language needs the bundled fonts; kept by
            page so the preview can render one page again (`clinicdocs.plugin.preview`).
        preview: whether the build is for the preview server (`mkdocs serve`): content findings
            are shown on the pages instead of stopping a strict build.
        page_findings: in the preview, the content findings about the records each page shows,
            by page.
        page_inputs: in the preview, a digest of what each generated page was made from
            (`clinicdocs.plugin.rendering.page_inputs`), by page.
        language_sites: in the source build, the other languages' builds running in other
            processes, from `on_config` to `on_post_build`.
    """

    project: Project
    site: SiteData
    generated: GeneratedSite
    language: Language
    language_build: LanguageBuild | None = None
    plan: LanguagePlan | None = None
    languages_data: SiteData | None = None
    branding: Branding | None = None
    files: Files | None = None
    font_language: str | None = None
    page_characters: dict[str, frozenset[str]] = field(default_factory=dict)
    preview: bool = False
    page_findings: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    page_inputs: dict[str, str] = field(default_factory=dict)
    language_sites: LanguageSites | None = None

    @property
    def code(self) -> str:
        """This build's language code."""
        return self.language.code

    @property
    def source_site(self) -> SiteData | None:
        """In another language's build: the untranslated data, for pages shown in the source
        language."""
        return self.language_build.source_site if self.language_build else None

    def in_language(self, uri: str) -> PageInLanguage:
        """How the page at `uri` stands in this build's language."""
        if self.plan is None:
            return PageInLanguage(TranslationState.CURRENT)
        return self.plan.page(uri, self.code)

    def page_site(self, uri: str) -> SiteData:
        """The data a page is made from: the source's for a page shown in the source language."""
        missing = self.in_language(uri).state is TranslationState.MISSING
        if self.source_site is not None and missing:
            return self.source_site
        return self.site

    def page_language(self, uri: str) -> Language:
        """The language a page is written in: the source's for a page shown in the source
        language."""
        if self.plan is not None and self.in_language(uri).state is TranslationState.MISSING:
            return self.plan.source
        return self.language

    def page_untranslated(self, uri: str) -> ShownInSource | None:
        """The records a page lists in the source language: those this build's language has
        no translation of, on a page in that language (None on a page in the source's)."""
        if self.plan is None or self.in_language(uri).state is TranslationState.MISSING:
            return None
        return untranslated_records(self.plan, self.code)

    def page_path(self, uri: str) -> str:
        """A page's path from the site's root, as MkDocs publishes it."""
        found = self.files.get_file_from_path(uri) if self.files else None
        return found.url if found else uri

    def address(self, uri: str, site_url: str | None) -> str | None:
        """A page's public address, or None when the site's address is not known."""
        return site_url + self.page_path(uri) if site_url else None

    def note_characters(self, html: str, where: str) -> None:
        """Remember the characters a built page shows, when the site's language needs the
        bundled fonts (cut to those characters after the build); a page built again replaces
        its own."""
        if self.font_language:
            self.page_characters[where] = frozenset(shown_characters(html))

    @property
    def shown(self) -> dict[str, str]:
        """Each character the built pages show, with the first page that shows it."""
        shown: dict[str, str] = {}
        for where, characters in self.page_characters.items():
            for char in characters:
                shown.setdefault(char, where)
        return shown
