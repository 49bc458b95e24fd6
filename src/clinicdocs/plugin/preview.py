"""The preview renders again only what an edit changed.

`mkdocs serve` rebuilds the whole site, every page of every language, on each change: at 100
treatments in three languages that is 20 seconds between saving a file and seeing it. When only
treatment or concern files (or their translations) changed, this renders again just the pages
that show those records (`clinicdocs.generate.affected`), in every language, and leaves the rest
as served; the site served is the one a full build of the same data writes, file for file (a
test compares them).

How: each build of a preview (the source language's, and the other languages' nested builds,
run one after another in this process while previewing) hands the session what MkDocs needs to
render one of its pages again: its config, files, navigation and template environment, and the
clinicdocs plugin's state. `on_serve` replaces the server's builder with `PreviewBuilder`, which
compares the project's files with the last build's and either renders the changed records'
pages again with MkDocs' own page functions, or runs the server's full build. A full build
happens whenever anything else changed (mkdocs.yml, a template, the clinic file, the glossary,
the statements, messages, a hand-written page, a file added or removed), when a record's edit
changes the navigation (a name, a category), when mkdocs.yml has a plugin this module does not
know (it could keep state of its own), when the project has its own page templates (they may
show a record on any page), and when rendering logs a warning in a strict build (the full build
then stops as it would have).

MkDocs 1.6 has no public way to render one page; this uses `mkdocs.commands.build`'s
`_populate_page`, `_build_page` and `_build_theme_template`, the functions its `build` calls
for each page and for the sitemap (MkDocs 1.x is frozen; ProperDocs keeps them).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from clinicdocs.data.kinds import record_of_file
from clinicdocs.data.reuse import keep_between_builds
from clinicdocs.data.site import SiteData
from clinicdocs.errors import DataError
from clinicdocs.generate.affected import affected_pages
from clinicdocs.generate.languages import LanguagePlan, generate_language, make_plan, record_key
from clinicdocs.generate.opendata import API_DIR, write_open_data
from clinicdocs.generate.pages import (
    BLOCK_MARKER,
    EDITORIAL_STATUS,
    GeneratedSite,
    generate,
    public_url,
)
from clinicdocs.i18n.language import PROJECT_MESSAGES
from clinicdocs.lint.editorial import status_page
from clinicdocs.lint.rules import LintReport, lint_site
from clinicdocs.load import load_site
from clinicdocs.plugin.files import findings_by_page
from clinicdocs.plugin.outputs import write_fonts
from clinicdocs.plugin.project import Project
from clinicdocs.plugin.rendering import page_inputs
from clinicdocs.plugin.sites import SEARCH_PLUGINS, LanguageBuild
from clinicdocs.plugin.state import BuildState
from clinicdocs.plugin.theme import template_globals

log = get_plugin_logger(__name__)

KNOWN_PLUGINS = frozenset({"clinicdocs", *SEARCH_PLUGINS})
"""Plugins whose state between pages this module keeps right (the search index); with any
other plugin in mkdocs.yml that is enabled (the offline plugin is off in a preview, unless asked)
every change is a full build."""

Snapshot = dict[str, tuple[int, int]]
"""Each file of the project the preview watches: its modification time (ns) and size."""


@dataclass
class ServedSite:
    """One language's site as the preview's last build left it: what MkDocs needs to render one
    of its pages again."""

    config: MkDocsConfig
    state: BuildState
    files: Files
    nav: Navigation
    env: jinja2.Environment
    serving: bool
    """Whether MkDocs built it for the server (pages it keeps out of `mkdocs build` included)."""
    search: Any = None
    """Material's search index of this site (`SearchIndex`): one search plugin serves every
    language's build in a process (it has `on_startup`, so MkDocs keeps one instance), each
    build giving it a new index; the site's own is kept here."""


@dataclass
class PreviewSession:
    """The served sites of the last full build, and the project's files as it began."""

    project: Project
    site_url: str | None
    """mkdocs.yml's `site_url` as the build read it (`mkdocs serve` sets its own address)."""
    snapshot: Snapshot
    sites: dict[str, ServedSite] = field(default_factory=dict)
    complete: bool = False
    """Whether the last full build finished: only then are `sites` a whole served site."""
    data: SiteData | None = None
    """The data (translations in) the served pages show."""


_session: PreviewSession | None = None
"""The preview's session: one `mkdocs serve` per process. Set by the source build of a preview
(`begin_build`), never by `mkdocs build`."""


def begin_build(project: Project) -> None:
    """A full build of the preview starts (its source build's `on_config`): note the project's
    files as they are now, before anything is read, so an edit saved during the build is seen
    by the next rebuild."""
    global _session
    _session = PreviewSession(project, project.site_url, snapshot(project))
    keep_between_builds()  # the data is loaded and linted again after every edit


def recording() -> bool:
    """Whether this process serves a preview: its builds note what each page is made from."""
    return _session is not None


def search_index_of(config: MkDocsConfig) -> Any:
    """The build's own search index (Material's `SearchIndex`), while the build runs (`on_env`):
    by the end of a source build, the other languages' builds have given the one search plugin
    theirs."""
    return getattr(_search_plugin(config), "search_index", None)


def keep_site(
    config: MkDocsConfig,
    state: BuildState,
    nav: Navigation | None,
    env: Any,
    search: Any,
    *,
    serving: bool,
) -> None:
    """A build of the preview wrote its site (`on_post_build`): keep what renders its pages
    again, `search` its search index (`search_index_of`). Nothing is kept outside a preview's
    full build (`mkdocs build`, a worker process)."""
    session = _session
    if session is None or session.complete or state.files is None or nav is None:
        return
    session.sites[state.code] = ServedSite(config, state, state.files, nav, env, serving, search)
    if state.language_build is None:
        # The source build ends last: its on_post_build waits for every other language's.
        session.data = state.languages_data or state.site
        session.complete = True


def watched_files(project: Project) -> Iterator[Path]:
    """Every file whose change the preview rebuilds for: mkdocs.yml, the hand-written pages, the
    data, the templates, the project's message files and the clinic file."""
    root = project.root
    config_file = project.config.config_file_path
    if config_file:
        yield Path(config_file)
    folders = (project.docs_dir, project.data_dir, project.templates_dir, root / PROJECT_MESSAGES)
    for folder in folders:
        for dirpath, _, filenames in os.walk(folder):
            for name in filenames:
                yield Path(dirpath, name)
    if project.clinic_file is not None:
        yield project.clinic_file
    for item in project.config.watch:
        path = Path(item)
        if path.is_file():
            yield path
        else:
            yield from (Path(d, n) for d, _, names in os.walk(path) for n in names)


def snapshot(project: Project) -> Snapshot:
    """The watched files' modification times and sizes."""
    found: Snapshot = {}
    for path in watched_files(project):
        try:
            stat = path.stat()
        except OSError:
            continue
        found[str(path.resolve())] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed_records(project: Project, before: Snapshot, after: Snapshot) -> set[str] | None:
    """The records (`treatments/<id>`, `concerns/<id>`) whose file or translation files changed
    between two snapshots, or None when anything else changed, a file was added or removed, or
    nothing seems to have changed (the watcher saw something: build it all, to be sure)."""
    if before.keys() != after.keys():
        return None
    changed = [path for path, stamp in after.items() if before[path] != stamp]
    if not changed:
        return None
    data_dir = project.data_dir.resolve()
    keys = set()
    for path in map(Path, changed):
        if not path.is_relative_to(data_dir):
            return None
        key = record_of_file(path.relative_to(data_dir))
        if key is None or not key.startswith(("treatments/", "concerns/")):
            return None
        keys.add(key)
    return keys


def why_not_incremental(session: PreviewSession) -> str | None:
    """Why the project's preview always builds everything, or None when it can render pages
    again one by one."""
    project = session.project
    if not project.options.preview_by_page:
        return "the clinicdocs plugin's 'preview_by_page' is off"
    others = sorted(
        name
        for name, plugin in project.config.plugins.items()
        if name.partition(" #")[0] not in KNOWN_PLUGINS
        and getattr(plugin.config, "enabled", True) is not False
    )
    if others:
        return f"mkdocs.yml has plugins the preview cannot follow page by page: {', '.join(others)}"
    templates = project.page_templates
    if templates.is_dir() and any(templates.rglob("*.j2")):
        return f"the project has its own page templates ('{templates.name}/' may show any record)"
    return None


class PreviewBuilder:
    """The preview server's builder: renders again only the changed records' pages when it can,
    else runs the server's full build.

    The source language's pages are rendered before the server reloads the browsers; the other
    languages' follow in a thread of their own, and a request for one of their pages waits until
    that language is done (`wait_for`), so no page is served from before the edit. A new edit
    saved meanwhile does not wait for all of them: the batch being rendered is finished, and
    the pages of the batches left are rendered with the new edit's.
    """

    def __init__(self, full_build: Callable[[], None]) -> None:
        self.full_build = full_build
        self.explained = False
        self.following: _Following | None = None
        self.stopped: _Following | None = None
        """The last edit's rendering, stopped by a new change with batches left: a request
        for a file they write waits until the new change's rendering has taken them over."""

    def __call__(self) -> None:
        """Bring the served site up to date with the project's files."""
        carried = self.stop_following()
        try:
            self._update(carried)
        finally:
            # The new change's rendering (or the full build) has taken the batches over.
            stopped, self.stopped = self.stopped, None
            if stopped is not None:
                stopped.release()

    def _update(self, carried: set[str]) -> None:
        """Render the changed records' pages (and the `carried` pages the last edit left), or
        build the whole site."""
        session = _session
        if session is None or not session.complete or session.data is None:
            self.full_build()
            return
        reason = why_not_incremental(session)
        if reason is not None:
            if not self.explained:
                log.info("The preview builds the whole site on each change: %s", reason)
                self.explained = True
            self.full_build()
            return
        now = snapshot(session.project)
        keys = changed_records(session.project, session.snapshot, now)
        if keys is None:
            self.full_build()
            return
        start = time.monotonic()
        source = session.project.languages[0]
        pages: list[Page] = []
        try:
            edit = prepare_edit(session, session.data, keys, carried)
            rendered = None
            if edit is not None:
                pages = prepare_language(session, edit, source)
                first = _split(pages, keys)[0]
                rendered = render_batch(session.sites[source], first, lists=False)
        except DataError:
            edit = rendered = None  # the full build reports the problems, as always
        except Exception as exc:
            # Whatever stops a partial render, the full build is the reference: it runs instead.
            log.debug("The preview renders everything again: %r", exc)
            edit = rendered = None
        if edit is None or rendered is None:
            session.complete = False
            self.full_build()
            return
        session.snapshot = now
        session.data = edit.after
        log.info(
            "Preview: rendered %s again for %s in '%s', in %.2f s; the pages listing "
            "them and the other languages follow",
            _pages(rendered),
            ", ".join(sorted(keys)),
            source,
            time.monotonic() - start,
        )
        self.following = _Following(session, edit, keys, pages)

    def stop_following(self) -> set[str]:
        """Stop rendering the last edit's other languages and lists once the batch being
        rendered is done; returns the pages some language has still to render (the next edit
        renders them)."""
        following = self.following
        if following is None:
            return set()
        self.stopped = following  # before it stops being `following`: `wait_for` sees one
        self.following = None
        carried = following.stop()
        if carried:
            log.info(
                "Preview: a new change came before the last edit was rendered in every "
                "language; what is left of it is rendered with the change"
            )
        return carried

    def wait_for(self, path: str) -> None:
        """A request for `path` (from the server's root) waits until its language is rendered."""
        stopped = self.stopped
        if stopped is not None:
            stopped.wait_for(path)
        following = self.following
        if following is not None:
            following.wait_for(path)


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def _split(pages: list[Page], keys: Collection[str]) -> tuple[list[Page], list[Page]]:
    """The edited records' own pages, and the others (the pages listing them)."""
    first: list[Page] = []
    rest: list[Page] = []
    for page in pages:
        (first if record_key(page.file.src_uri) in keys else rest).append(page)
    return first, rest


@dataclass
class _Batch:
    """Pages of one language the preview renders again: the edited records' own pages
    (`first`), or the pages listing them followed by what lists every page of the language
    (search index, sitemap, fonts, open data)."""

    code: str
    first: bool
    prefix: str
    """Where the language's site lives from the server's root ('' for the source)."""
    pages: list[Page] | None = None
    """Known once the language is given the edit's data (`prepare_language`)."""
    done: bool = False

    def writes(self, path: str) -> bool:
        """Whether this batch writes the served file at `path` (from the server's root)."""
        if self.pages is None:
            # Until the language is given the edit's data its pages are not known: its first
            # batch, which is rendered first and gives both batches their pages, stands for
            # the whole language (so asking for one of its pages does not put its lists ahead
            # of the next language's edited pages).
            return self.first and path.startswith(self.prefix)
        local = path[len(self.prefix) :] if path.startswith(self.prefix) else None
        if local is None:
            return False
        if any(local in (page.url, page.file.dest_uri) for page in self.pages):
            return True
        return not self.first and local.startswith(("search/", "sitemap.xml", f"{API_DIR}/"))


class _Following:
    """The rest of an edit, rendered batch after batch in a thread of its own once the source
    language's edited pages are served: each other language's edited pages, then the pages
    listing them in every language. A request for a file a batch not done yet writes waits,
    and that batch is rendered next (an editor looking at the Chinese page need not wait for
    the Arabic lists)."""

    def __init__(
        self, session: PreviewSession, edit: _Edit, keys: Collection[str], source_pages: list[Page]
    ) -> None:
        self.session = session
        self.edit = edit
        self.keys = keys
        source = session.project.languages[0]
        others = [code for code in session.sites if code != source]

        def prefix(code: str) -> str:
            return edit.plan.prefix(code) if edit.plan else ""

        self.batches = [_Batch(code, True, prefix(code)) for code in others]
        self.batches += [_Batch(code, False, prefix(code)) for code in [source, *others]]
        self._give_pages(source, source_pages)
        self.wanted: list[int] = []
        """Batches a request waits for, first asked first."""
        self.stopping = False
        """Set by `stop`: no batch is started after the one being rendered."""
        self.changed = threading.Condition()
        """Held to read or change the batches; notified when one is done or given its pages."""
        self.thread = threading.Thread(target=self._render, name="clinicdocs-preview", daemon=True)
        self.thread.start()

    def _give_pages(self, code: str, pages: list[Page]) -> None:
        first, rest = _split(pages, self.keys)
        for batch in self.batches:
            if batch.code == code:
                batch.pages = first if batch.first else rest

    def _next(self) -> _Batch | None:
        """The batch to render next: the first a request waits for, else the first in order; a
        language's edited pages always before the pages listing them (which write the lists)."""
        if self.stopping:
            return None
        order: list[int] = [*self.wanted, *range(len(self.batches))]
        for index in order:
            batch = self.batches[index]
            if batch.done:
                continue
            if not batch.first:
                before = next(
                    (b for b in self.batches if b.code == batch.code and b.first and not b.done),
                    None,
                )
                if before is not None:
                    return before
            return batch
        return None

    def _render(self) -> None:
        while True:
            with self.changed:
                batch = self._next()
            if batch is None:
                return
            start = time.monotonic()
            try:
                if batch.pages is None:
                    pages = prepare_language(self.session, self.edit, batch.code)
                    with self.changed:
                        self._give_pages(batch.code, pages)
                        self.changed.notify_all()
                assert batch.pages is not None
                rendered = render_batch(
                    self.session.sites[batch.code], batch.pages, lists=not batch.first
                )
            except Exception as exc:
                # The edited pages are served already: the next change builds the whole site.
                log.error(
                    "The preview could not render the '%s' pages again (%r); save a file to "
                    "build the whole site",
                    batch.code,
                    exc,
                )
                self.session.complete = False
                with self.changed:
                    for each in self.batches:
                        each.done = True
                    self.changed.notify_all()
                return
            log.info(
                "Preview: rendered %s again in '%s'%s, in %.2f s",
                _pages(rendered),
                batch.code,
                "" if batch.first else " (the pages listing the edited records, and the lists)",
                time.monotonic() - start,
            )
            with self.changed:
                batch.done = True
                self.changed.notify_all()

    def stop(self) -> set[str]:
        """Let the batch being rendered finish and start no other; returns the pages this
        edit may have changed (`_Edit.pages`) when a batch was left, for the next edit to
        render (those already rendered are found unchanged then), else none. A request for
        a file a batch left writes waits until `release`."""
        with self.changed:
            self.stopping = True
        self.thread.join()
        with self.changed:
            left = any(not batch.done for batch in self.batches)
        return set(self.edit.pages) if left else set()

    def release(self) -> None:
        """The batches left by `stop` are taken over (or the whole site built again): let the
        requests waiting for them go on."""
        with self.changed:
            for batch in self.batches:
                batch.done = True
            self.changed.notify_all()

    def wait_for(self, path: str) -> None:
        """Wait (a minute at most) until no batch still to render writes `path`."""
        deadline = time.monotonic() + 60
        with self.changed:
            while time.monotonic() < deadline:
                pending = [
                    index
                    for index, batch in enumerate(self.batches)
                    if not batch.done and batch.writes(path)
                ]
                if not pending:
                    return
                self.wanted.extend(index for index in pending if index not in self.wanted)
                self.changed.wait(timeout=1)


def watch_with_pages(server: LiveReloadServer) -> None:
    """Have the preview server render only what changed when it can (`PreviewBuilder`), and
    hold a request for a page of a language still being rendered until it is."""
    if isinstance(server.builder, PreviewBuilder):
        return
    builder = PreviewBuilder(server.builder)
    server.builder = builder
    serve = server.get_app()
    assert serve is not None  # the server set its app when it was made
    mount = server.mount_path

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        path: str = environ.get("PATH_INFO", "")
        if path.startswith(mount):
            builder.wait_for(path[len(mount) :])
        return serve(environ, start_response)

    server.set_app(app)


@dataclass
class _Edit:
    """The data after an edit, and what the preview renders again for it."""

    after: SiteData
    plan: LanguagePlan | None
    pages: set[str]
    """The generated pages that may show the edited records (`generate.affected`)."""
    report: LintReport
    findings: dict[str, list[tuple[str, str]]] | None
    """The preview's content findings by page, when it shows them."""


def prepare_edit(
    session: PreviewSession, before: SiteData, keys: set[str], carried: Collection[str] = ()
) -> _Edit | None:
    """Load the data as it is now and decide what to render again for the records `keys`
    names, and the `carried` pages an earlier edit left to render; None when the edit changed
    the navigation of a language (a name, a category), which only a full build brings up to
    date.

    Raises:
        DataError: the data has problems now (the full build reports them).
    """
    project = session.project
    served_source = session.sites[project.languages[0]]
    after = load_site(project.data_dir, project.root, project.clinic_file, project.languages)
    pages = affected_pages(before, after, keys) | set(carried)
    report = lint_site(after, project.lint, extra_texts=_hand_written_texts(served_source.files))
    findings = findings_by_page(report.findings, after) if served_source.state.preview else None
    if findings is not None:
        shown = served_source.state.page_findings
        pages |= {
            uri for uri in findings.keys() | shown.keys() if findings.get(uri) != shown.get(uri)
        }
    # Message files are not among the changed files: the languages the build loaded still hold.
    old_plan = served_source.state.plan
    plan = None
    if old_plan is not None:
        plan = make_plan(
            after, old_plan.languages, project.docs_dir, project.root, session.site_url
        )
    edit = _Edit(after, plan, pages, report, findings)
    for code, served in session.sites.items():
        outline = _generate(session, edit, code, only=())[1]
        old = served.state.generated
        if outline.nav != old.nav or outline.unlisted != old.unlisted:
            return None
    return edit


def _generate(
    session: PreviewSession, edit: _Edit, code: str, only: Collection[str]
) -> tuple[SiteData, GeneratedSite]:
    """One language's data after the edit, and its pages `only` names (the navigation whole)."""
    project = session.project
    if edit.plan is None or code == project.languages[0]:
        language = session.sites[code].state.language
        generated = generate(
            edit.after,
            project.page_templates,
            public_url(edit.after, session.site_url),
            language,
            only=only,
        )
        return edit.after, generated
    return generate_language(edit.plan, code, edit.after, project.page_templates, only=only)


def prepare_language(session: PreviewSession, edit: _Edit, code: str) -> list[Page]:
    """Give one language's build the data after the edit, and its changed pages their new
    Markdown; returns those pages (`render_batch` renders them)."""
    served = session.sites[code]
    state = served.state
    site, generated = _generate(session, edit, code, only=edit.pages)
    state.generated = dataclasses.replace(generated, pages={})
    state.plan = edit.plan
    extra = _hand_written_with_blocks(served.files)
    if code != session.project.languages[0]:
        state.site = site
        assert edit.plan is not None  # another language exists only in a plan
        state.language_build = LanguageBuild(code, edit.plan, edit.after)
    else:
        # As the source build's content report leaves it (`plugin.files.report_content`).
        state.site = dataclasses.replace(site, sources={})
        state.languages_data = edit.after if edit.plan is not None else None
        if edit.findings is not None:
            state.page_findings = edit.findings
        extra |= _status_page(served, edit.after, edit.report)
    template_globals(served.env, state, served.files)
    return _changed_pages(served, generated.pages, extra)


def render_batch(served: ServedSite, pages: list[Page], *, lists: bool) -> int:
    """Render `pages` again into the served site; with `lists`, then what lists every page of
    it: the search index, the sitemap, the fonts and, for the source language, the open data.
    Returns how many pages.

    Raises:
        _NavigationChanged: a page's title changed.
        _StrictWarnings: rendering logged warnings in a strict build.
    """
    config, files = served.config, served.files
    log.debug(
        "Rendering again in '%s': %s",
        served.state.code,
        ", ".join(page.file.src_uri for page in pages),
    )
    inclusion = InclusionLevel.is_in_serve if served.serving else InclusionLevel.is_included
    doc_files = files.documentation_pages(inclusion=inclusion)
    titles = {page.file.src_uri: page.title for page in pages}
    with _counting_warnings() as warnings:
        for page in pages:
            _populate_page(page, config, files)
            if page.title != titles[page.file.src_uri]:
                raise _NavigationChanged(page.file.src_uri)
        with _searching(served, write=lists) as entries:
            for page in pages:
                with _in_place(entries, page.url):
                    _build_page(page, config, doc_files, served.nav, served.env)
        if lists:
            _write_lists(served)
    if warnings and config.strict:
        raise _StrictWarnings(warnings)
    return len(pages)


class _StrictWarnings(Exception):
    """Rendering logged warnings, which stop a strict build: the full build reports them."""


def _hand_written_texts(files: Files) -> dict[str, str]:
    return {
        f.src_uri: f.content_string for f in files.documentation_pages() if f.generated_by is None
    }


def _hand_written_with_blocks(files: Files) -> set[str]:
    """Hand-written pages with `<!-- clinicdocs:... -->` blocks: they list records."""
    return {
        f.src_uri
        for f in files.documentation_pages()
        if f.generated_by is None and BLOCK_MARKER.search(f.content_string)
    }


def _status_page(served: ServedSite, after: SiteData, report: LintReport) -> set[str]:
    """The editorial status page, made again from the data as it is now, when the site has one."""
    found = served.files.get_file_from_path(EDITORIAL_STATUS)
    if found is None or found.generated_by is None:
        return set()
    found.content_string = status_page(after, report, served.state.project.lint)
    return {EDITORIAL_STATUS}


def _changed_pages(
    served: ServedSite, markdown: dict[str, str], extra: Iterable[str]
) -> list[Page]:
    """The pages at these addresses whose inputs changed, given their new Markdown (the
    generated ones); `extra` pages are always rendered again."""
    config, files, state = served.config, served.files, served.state
    pages: list[Page] = []
    for uri in sorted({*markdown, *extra}):
        found = files.get_file_from_path(uri)
        if found is None or found.page is None:
            continue
        if uri in markdown:
            inputs = page_inputs(state, uri, found.url, config.site_url, markdown[uri])
            if inputs == state.page_inputs.get(uri):
                continue  # made from the same inputs: the served page is the one it would be
            found.content_string = markdown[uri]
        pages.append(found.page)
    return pages


class _NavigationChanged(Exception):
    """A page's title changed: other pages' navigation shows it."""


def _search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin of the build, if it has one."""
    for name in SEARCH_PLUGINS:
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index"):
            return plugin
    return None


@contextmanager
def _searching(served: ServedSite, *, write: bool) -> Iterator[list[dict[str, Any]] | None]:
    """The site's search index given back to the search plugin while its pages are rendered and
    (with `write`) the index written; its entries (one per section of each page)."""
    plugin = _search_plugin(served.config)
    if plugin is None or served.search is None:
        yield None
        return
    shared = plugin.search_index
    plugin.search_index = served.search
    try:
        entries: list[dict[str, Any]] = served.search.entries
        yield entries
        if write:
            plugin.on_post_build(config=served.config)
    finally:
        plugin.search_index = shared


@contextmanager
def _in_place(entries: list[dict[str, Any]] | None, url: str) -> Iterator[None]:
    """A page's search entries, indexed again as it renders, where its old ones were: the index
    lists pages in build order, and the served one must be the full build's."""
    if entries is None:
        yield
        return
    position = next(
        (i for i, entry in enumerate(entries) if _entry_page(entry) == url), len(entries)
    )
    entries[:] = [entry for entry in entries if _entry_page(entry) != url]
    end = len(entries)
    yield
    added = entries[end:]
    del entries[end:]
    entries[position:position] = added


def _entry_page(entry: dict[str, Any]) -> str:
    location: str = entry["location"]
    return location.partition("#")[0]


def _write_lists(served: ServedSite) -> None:
    config, state = served.config, served.state
    if "sitemap.xml" in config.theme.static_templates:
        _build_theme_template("sitemap.xml", served.env, served.files, config, served.nav)
    write_fonts(Path(config.site_dir), state)
    if state.language_build is None:
        api = Path(config.site_dir) / API_DIR
        write_open_data(state.site, api, config.site_url, state.page_path)


@contextmanager
def _counting_warnings() -> Iterator[list[logging.LogRecord]]:
    """The warnings MkDocs' loggers log meanwhile (a strict full build would stop on them)."""
    found: list[logging.LogRecord] = []

    class _Counter(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append(record)

    handler = _Counter(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)
