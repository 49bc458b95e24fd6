"""The first step of every build (`on_config`): load and check the data and render this build's
pages, before MkDocs cleans `site/`, so a build with bad data stops with every problem listed and
leaves the previous site untouched."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from clinicdocs.errors import DataError
from clinicdocs.generate.languages import generate_language, make_plan
from clinicdocs.generate.pages import GeneratedSite, generate_checked, load_checked
from clinicdocs.plugin.outputs import start_other_languages, stop_other_languages
from clinicdocs.plugin.project import Project
from clinicdocs.plugin.sites import LanguageBuild
from clinicdocs.plugin.state import BuildState


def load_build(
    project: Project, language_build: LanguageBuild | None, *, parallel: bool = False
) -> BuildState:
    """This build's data, language and pages: the source language's, or (in a nested build)
    another language's from the data the source build checked. With `parallel`, the source
    build of a site in several languages starts the other languages' builds in other
    processes as soon as the data is checked (`start_other_languages`).

    Raises:
        PluginError: listing every problem in the data, templates, pages or message files.
    """
    try:
        if language_build is None:
            return load_source(project, parallel=parallel)
        return load_language(project, language_build)
    except DataError as exc:
        raise PluginError(exc.relative_to(project.root).report()) from None


def load_source(project: Project, *, parallel: bool = False) -> BuildState:
    """The source language's build: every language's messages, the data and the source's
    pages, and (for several languages) the plan every language's build shares; with
    `parallel`, the other languages' builds start before the source's pages are rendered.

    Raises:
        DataError: every problem found.
    """
    codes = project.languages
    site, loaded = load_checked(project.root, project.data_dir, project.clinic_file, codes)
    language = loaded[codes[0]]
    state = BuildState(project, site, GeneratedSite(), language.about(site.clinic.covers))
    if len(codes) > 1:
        languages = [loaded[code] for code in codes]
        state.plan = make_plan(site, languages, project.docs_dir, project.root, project.site_url)
        state.languages_data = site
        if parallel:
            start_other_languages(project.config, state)
    try:
        state.generated = generate_checked(
            site,
            project.root,
            project.templates_dir,
            project.docs_dir,
            project.site_url,
            language,
        )
    except BaseException:
        # Whatever stops this build here (a template, a bug, Ctrl-C), the builds started above
        # are stopped, and their folders removed, before the error is reported.
        stop_other_languages(state)
        raise
    return state


def load_language(project: Project, language_build: LanguageBuild) -> BuildState:
    """Another language's nested build: its pages, from the data the source build checked.

    Raises:
        DataError: a template failed.
    """
    plan, code = language_build.plan, language_build.code
    site, generated = generate_language(
        plan, code, language_build.source_site, project.page_templates
    )
    language = plan.language(code).about(site.clinic.covers)
    return BuildState(project, site, generated, language, language_build=language_build, plan=plan)
