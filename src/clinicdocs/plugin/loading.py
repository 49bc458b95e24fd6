"""The first step of every build (`on_config`): load and check the data and render this build's
pages, before MkDocs cleans `site/`, so a build with bad data stops with every problem listed and
leaves the previous site untouched."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from clinicdocs.errors import DataError
from clinicdocs.generate.languages import generate_language, load_site_in_languages, make_plan
from clinicdocs.plugin.project import Project
from clinicdocs.plugin.sites import LanguageBuild
from clinicdocs.plugin.state import BuildState


def load_build(project: Project, language_build: LanguageBuild | None) -> BuildState:
    """This build's data, language and pages: the source language's, or (in a nested build)
    another language's from the data the source build checked.

    Raises:
        PluginError: listing every problem in the data, templates, pages or message files.
    """
    try:
        if language_build is None:
            return load_source(project)
        return load_language(project, language_build)
    except DataError as exc:
        raise PluginError(exc.relative_to(project.root).report()) from None


def load_source(project: Project) -> BuildState:
    """The source language's build: every language's messages, the data and the source's
    pages, and (for several languages) the plan every language's build shares.

    Raises:
        DataError: every problem found.
    """
    languages, site, generated = load_site_in_languages(
        project.root,
        project.data_dir,
        project.templates_dir,
        project.docs_dir,
        project.site_url,
        project.clinic_file,
        project.languages,
    )
    state = BuildState(project, site, generated, languages[0].about(site.clinic.covers))
    if len(languages) > 1:
        state.plan = make_plan(site, languages, project.docs_dir, project.root, project.site_url)
        state.languages_data = site
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
