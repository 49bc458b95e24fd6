"""The MkDocs plugin: each hook hands its work to one function of the modules beside it.

Data is loaded and every page rendered in `on_config` (`clinicdocs.plugin.loading`), before MkDocs
cleans `site/`, so a build with bad data stops with every problem listed and leaves the previous
site untouched. A plugin whose `enabled` option is off does nothing.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from clinicdocs.generate.pages import GeneratedSite
from clinicdocs.plugin.config import ClinicdocsConfig
from clinicdocs.plugin.files import add_files
from clinicdocs.plugin.loading import load_build
from clinicdocs.plugin.outputs import stop_other_languages, write_outputs
from clinicdocs.plugin.parallel import prepare_processes, stop_if_abandoned
from clinicdocs.plugin.preview import (
    begin_build,
    keep_site,
    recording,
    search_index_of,
    watch_with_pages,
)
from clinicdocs.plugin.project import Project
from clinicdocs.plugin.release import markdown_read_later, release_output, release_source
from clinicdocs.plugin.rendering import (
    fill_hand_written,
    finish_html,
    finish_page,
    page_context,
    page_inputs,
    printable_content,
)
from clinicdocs.plugin.serve import previewing, watch_project
from clinicdocs.plugin.sites import current_language_build
from clinicdocs.plugin.state import BuildState
from clinicdocs.plugin.theme import configure_site, template_globals


class ClinicdocsPlugin(BasePlugin[ClinicdocsConfig]):  # type: ignore[no-untyped-call]
    """Adds the pages generated from `data/` to an MkDocs site."""

    def __init__(self) -> None:
        self.state: BuildState | None = None
        """This build's data, language and files; None before `on_config`, or when disabled."""
        self.release_markdown = True
        """Let go of each page's Markdown once rendered (`clinicdocs.plugin.release`)."""
        self.nav: Navigation | None = None
        self.env: Any = None
        self.search_index: Any = None
        """The build's navigation, template environment and search index, for the preview to
        render a page again (`clinicdocs.plugin.preview`)."""

    @property
    def files(self) -> Files | None:
        """The build's files, once `on_files` has run."""
        return self.state.files if self.state else None

    @property
    def generated(self) -> GeneratedSite:
        """The generated pages; their Markdown is MkDocs' once `on_files` has run."""
        return self.state.generated if self.state else GeneratedSite()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the data, render every page, and fit MkDocs' settings to the clinic
        and the language (`clinicdocs.plugin.loading`, `clinicdocs.plugin.theme`).

        Raises:
            PluginError: listing every problem in the data, templates or pages.
        """
        if not self.config.enabled:
            return config
        preview = previewing(config)  # before configure_site gives site_url the clinic's address
        language_build = current_language_build()
        project = Project(config, self.config)
        if preview and language_build is None:
            begin_build(project)
        # The preview builds the languages one after another, so it can render their pages
        # again after an edit (`clinicdocs.plugin.preview`).
        parallel = self.config.parallel_languages and not preview and language_build is None
        if parallel and len(project.languages) > 1:
            prepare_processes(project.languages)
        self.state = load_build(project, language_build, parallel=parallel)
        self.state.preview = preview
        configure_site(config, self.state)
        self.release_markdown = self.config.release_pages and not markdown_read_later(
            config.plugins
        )
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """In another language's build running in another process: stop if the source build
        has (`clinicdocs.plugin.parallel`)."""
        stop_if_abandoned()

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages (in memory; nothing is written to `docs/`), the editorial
        status page, the clinic's files and the nav (`clinicdocs.plugin.files`)."""
        if self.state is not None:
            add_files(files, config, self.state, self.config)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep the navigation, for the preview (`clinicdocs.plugin.preview`)."""
        self.nav = nav
        return nav

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Fill the `<!-- clinicdocs:... -->` blocks in hand-written pages; in the preview, note
        what a generated page is made from (`clinicdocs.plugin.preview`); in another
        language's build running in another process, stop if the source build has."""
        if self.state is None:
            return markdown
        stop_if_abandoned()
        if recording() and page.file.generated_by is not None:
            uri = page.file.src_uri
            self.state.page_inputs[uri] = page_inputs(
                self.state, uri, page.url, config.site_url, page.file.content_string
            )
        return fill_hand_written(markdown, page, self.state)

    def _page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Add what a printout needs and the translation notices."""
        if self.state is None:
            return html
        return printable_content(html, page, config, self.state)

    @event_priority(-100)
    def _release_source(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Last of all plugins: drop the rendered page's Markdown (`clinicdocs.plugin.release`)."""
        if self.state is not None and self.release_markdown:
            release_source(page)
        return html

    def _post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Make the written page valid, compact HTML in the site's language."""
        if self.state is None:
            return output
        return finish_page(output, page, self.state, compact=self.config.compact_html)

    @event_priority(-100)
    def _release_output(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Last of all plugins: drop the written page's HTML and table of contents
        (`clinicdocs.plugin.release`)."""
        if self.state is not None and self.config.release_pages:
            release_output(page)
        return output

    on_page_content = CombinedEvent(_page_content, _release_source)
    on_post_page = CombinedEvent(_post_page, _release_output)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """Make Material's markup valid HTML in the 404 page too (sitemaps are left alone); note
        its characters for the fonts."""
        if self.state is None or not template_name.endswith(".html"):
            return output_content
        return finish_html(output_content, self.state, template_name)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Give a page its JSON-LD and language links (`main.html` prints them); in another
        language's build running in another process, stop if the source build has."""
        if self.state is not None:
            stop_if_abandoned()
            page_context(page, config, self.state)
        return context

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Give the theme templates the clinic's details, the language's texts and the
        sitemap's alternates (`clinicdocs.plugin.theme`)."""
        if self.state is not None:
            template_globals(env, self.state, files)
        self.env = env
        self.search_index = search_index_of(config)
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the fonts, robots.txt and the open data; then every other language's site
        (`clinicdocs.plugin.outputs`)."""
        if self.state is not None:
            write_outputs(config, self.state)
            serving = self.state.preview and self.state.language_build is None
            keep_site(config, self.state, self.nav, self.env, self.search_index, serving=serving)

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the other languages' builds still running, so nothing writes into the site
        folder after the build stopped (`clinicdocs.plugin.outputs`)."""
        if self.state is not None:
            stop_other_languages(self.state)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild the preview when data, templates, message files or the clinic file change
        (`clinicdocs.plugin.serve`)."""
        if self.config.enabled:
            watch_project(server, Project(config, self.config))
            watch_with_pages(server)
        return server
