"""The build's files (`on_files`): the generated pages, held in memory (nothing is written to
`docs/`), the hand-written pages' translations, the editorial status page with the content
lint's findings, the clinic's brand files, the figures' images and the navigation."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from clinicdocs.data.site import SiteData
from clinicdocs.errors import Problem
from clinicdocs.generate.pages import EDITORIAL_STATUS, GeneratedSite, figure_files, record_uri
from clinicdocs.html.branding import STYLESHEET_URI, Branding
from clinicdocs.lint.editorial import status_page
from clinicdocs.lint.rules import TRANSLATION_RULE, Finding, lint_site
from clinicdocs.plugin.config import ClinicdocsConfig
from clinicdocs.plugin.navigation import navigation
from clinicdocs.plugin.sites import use_translated_pages
from clinicdocs.plugin.state import BuildState
from clinicdocs.translations.state import missing_translations

log = get_plugin_logger(__name__)


def add_files(
    files: Files, config: MkDocsConfig, state: BuildState, options: ClinicdocsConfig
) -> None:
    """Add this build's pages and files to `files`, and the navigation to `config` when
    mkdocs.yml has none; in another language's site, put the hand-written pages' translations
    in place. The generated pages' Markdown is handed over: `state.generated` keeps only the
    outline."""
    if state.plan is not None:
        use_translated_pages(files, state.plan, state.code, state.language_build is None)
    add_generated_pages(files, config, state.generated)
    # The Files hold the pages' Markdown now, until each is rendered (`clinicdocs.plugin.release`).
    state.generated = dataclasses.replace(state.generated, pages={})
    if state.language_build is None:
        report_content(
            files,
            config,
            state,
            editorial_status=options.editorial_status,
            strict_translations=options.strict_translations,
        )
    if state.branding is not None:
        add_branding_files(files, config, state.branding)
    add_figure_files(files, config, state)
    if config.nav is None and options.navigation:
        config.nav = navigation(files, state.generated, state.language)
    state.files = files


def add_generated_pages(files: Files, config: MkDocsConfig, generated: GeneratedSite) -> None:
    """Add the generated pages, in memory; unlisted ones stay out of the navigation."""
    for uri, content in generated.pages.items():
        unlisted = uri in generated.unlisted
        inclusion = InclusionLevel.NOT_IN_NAV if unlisted else InclusionLevel.UNDEFINED
        files.append(File.generated(config, uri, content=content, inclusion=inclusion))


def report_content(
    files: Files,
    config: MkDocsConfig,
    state: BuildState,
    *,
    editorial_status: bool,
    strict_translations: bool,
) -> None:
    """The source build's content lint: each finding a build warning, and the editorial status
    page when it is on. The editor's page and the lint report on the source data, once.

    A lagging translation (outdated, missing, a glossary term not yet translated) is a warning
    only with `strict_translations`; otherwise an outdated one is logged as info, so a strict
    build (and the preview) goes on when an editor changes the source's text."""
    hand_written = {
        f.src_uri: f.content_string for f in files.documentation_pages() if f.generated_by is None
    }
    settings = state.project.lint
    report = lint_site(state.site, settings, extra_texts=hand_written)
    if state.preview:
        # The preview never stops on content: each finding is logged, and shown on the page of
        # the record it is about, for the editor looking at that page.
        for finding in report.findings:
            log.info(str(finding))
        for problem in lagging_messages(state):
            log.info(str(problem))
        state.page_findings = findings_by_page(report.findings, state.site)
    else:
        log_findings(
            report.findings,
            state.site,
            lagging_messages(state),
            strict_translations=strict_translations,
        )
    if editorial_status:
        page = status_page(state.site, report, settings)
        files.append(
            File.generated(
                config, EDITORIAL_STATUS, content=page, inclusion=InclusionLevel.NOT_IN_NAV
            )
        )
    # Positions in the data files serve only problem and lint reports, all made by now;
    # a large catalogue's position trees would otherwise be held through the whole build.
    state.site = dataclasses.replace(state.site, sources={})


def lagging_messages(state: BuildState) -> list[Problem]:
    """The texts each language added by the project's message files has not translated yet."""
    languages = state.plan.languages if state.plan is not None else [state.language]
    return [problem for language in languages for problem in language.lagging]


def log_findings(
    findings: Sequence[Finding],
    site: SiteData,
    lagging: Sequence[Problem] = (),
    *,
    strict_translations: bool,
) -> None:
    """Log the findings as build warnings, which `mkdocs build --strict` counts; a lagging
    translation (of the data, or `lagging` texts of a message file) only with
    `strict_translations` (otherwise as information)."""
    for finding in findings:
        if finding.rule == TRANSLATION_RULE and not strict_translations:
            log.info(str(finding))
        else:
            log.warning(str(finding))
    for problem in lagging:
        (log.warning if strict_translations else log.info)(str(problem))
    if strict_translations:
        for problem in missing_translations(site):
            log.warning(str(problem))


def findings_by_page(
    findings: Sequence[Finding], site: SiteData
) -> dict[str, list[tuple[str, str]]]:
    """Each finding, as its place (`file:line:col`) and the rest of the line `clinicdocs lint`
    prints, on the page of the record it is about: a
    treatment's page, a concern's, the glossary, and the home page for the clinic file. A
    finding about a translation file goes on its source record's page."""
    keys = {source.display: key for key, source in site.sources.items()}
    for translations in site.translations.values():
        keys.update((t.source.display, key) for key, t in translations.items())
    pages: dict[str, list[tuple[str, str]]] = {}
    for finding in findings:
        key = keys.get(finding.file)
        uri = record_uri(key) if key is not None else None
        if uri is not None:
            where = f"{finding.file}:{finding.line}:{finding.col}"
            pages.setdefault(uri, []).append((where, str(finding).removeprefix(f"{where}: ")))
    return pages


def add_branding_files(files: Files, config: MkDocsConfig, branding: Branding) -> None:
    """The clinic's logo and favicon, and its colour stylesheet."""
    for uri, path in branding.files.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    if branding.stylesheet is not None:
        files.append(File.generated(config, STYLESHEET_URI, content=branding.stylesheet))


class _SharedFile(File):
    """A figure's image in another language's build: known to MkDocs, so pages may link to it,
    but never copied there; the source language's build copies it once, and
    `html.figures.link_shared_figures` points the pages at that copy."""

    def copy_file(self, dirty: bool = False) -> None:
        """Copy nothing: the source language's site holds the file."""


def add_figure_files(files: Files, config: MkDocsConfig, state: BuildState) -> None:
    """The figures' images: copied into the source language's site, and only linked from the
    other languages' sites (each a nested build into a folder of the source's)."""
    kind = File if state.language_build is None else _SharedFile
    for uri, path in figure_files(state.site).items():
        files.append(kind.generated(config, uri, abs_src_path=str(path)))
