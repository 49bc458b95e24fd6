"""The other languages' sites built in other processes, as many at once as the machine has
cores, while the source language's build renders and writes its own pages.

They start as soon as the source build has checked the data and made the plan (`on_config`),
and each writes into a folder of its own beside the site folder (`.site.languages-*/<code>/`),
so none waits for MkDocs to clean the site folder, nor can write into it while it is cleaned.
The source build waits for them in its `on_post_build` and moves each built language into
`<site_dir>/<code>/`. A source build that stops (bad data, a bug, Ctrl-C) abandons them: each
stops at its next step (once its pages are made, before each page is read or written), and
their folders are removed; nothing of theirs reaches the site.

Each process runs the same nested build as the sequential path
(`clinicdocs.plugin.sites.build_language_site`), so the output is the same byte for byte; what
it logs is collected there and logged again here, in language order (its own folder named as
the one it is moved to), so its warnings count for `--strict` and its errors read as usual
(`path:line:col: field: message.`). Each process reports its peak memory.

The processes come from a fork server (`multiprocessing`'s "forkserver"): started once, with
MkDocs, Material and this package imported, it forks each worker, so a worker starts in
milliseconds; it never forks a server's threads. It is started at the very beginning of the
build (`prepare_processes`), so its imports run on another core while the data is loaded; the
builds are handed to it from a thread, so the source build goes on with its own pages while
the fork server finishes its imports.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import logging
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import forkserver
from multiprocessing.synchronize import Event
from pathlib import Path

from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.plugins import get_plugin_logger

from clinicdocs.data.site import SiteData
from clinicdocs.generate.languages import LanguagePlan, segmented_by_jieba
from clinicdocs.plugin.sites import LanguageBuild, SiteSettings, build_language_site

log = get_plugin_logger(__name__)

PRELOADED = (
    "clinicdocs.plugin.plugin",
    "material.plugins.search.plugin",
    "material.plugins.offline.plugin",
    "jieba",
)
"""Imported once by the fork server, so each worker starts with them (a missing one is
skipped by `multiprocessing`)."""
CHINESE = "clinicdocs.plugin.chinese_search"
"""Also imported by the fork server of a site with Chinese: jieba's dictionary, loaded."""


@dataclass(frozen=True)
class _Task:
    """One language's build, as handed to a worker process."""

    settings: SiteSettings
    language_build: LanguageBuild
    environ: dict[str, str]
    """The environment of the build (mkdocs.yml's `!ENV` reads it); the fork server's is the
    one it started with."""
    cwd: str
    log_level: int


@dataclass
class _Outcome:
    """What a worker hands back: its messages, the build's error if it failed, and its cost."""

    records: list[logging.LogRecord]
    error: MkDocsException | None
    seconds: float
    cpu_seconds: float
    """The build's processor time: below `seconds` when the processes share the cores."""
    peak_kib: int


class _Collector(logging.Handler):
    """Keeps a worker's log records, made picklable (the message formatted, exceptions as text)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.setFormatter(logging.Formatter("%(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        record.msg = self.format(record)
        record.args = None
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        self.records.append(record)


_ABANDONED: Event | None = None
"""In a worker process, set when the build that started it stopped; None in any other process."""


def _enter_worker(abandoned: Event) -> None:
    """Run once in each new worker process (events can only be handed over then)."""
    global _ABANDONED
    _ABANDONED = abandoned


def stop_if_abandoned() -> None:
    """In a worker process: stop this language's build if the source build has stopped (no-op
    in any other process). Called once its pages are made and before each page is read and
    written, so an abandoned build ends within a page.

    Raises:
        mkdocs.exceptions.Abort: the source language's build stopped.
    """
    if _ABANDONED is not None and _ABANDONED.is_set():
        raise Abort("the source language's build stopped")


def _build_in_worker(task: _Task) -> _Outcome:
    """Run in a worker process: build one language's site, collecting what it logs."""
    os.chdir(task.cwd)
    os.environ.clear()
    os.environ.update(task.environ)
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    for name in {"mkdocs", _running_mkdocs()}:
        logging.getLogger(name).setLevel(task.log_level)
    start, cpu_start = time.monotonic(), time.process_time()
    error: MkDocsException | None = None
    try:
        build_language_site(task.settings, task.language_build)
    except MkDocsException as exc:
        error = exc
    finally:
        root.removeHandler(collector)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return _Outcome(
        collector.records,
        error,
        time.monotonic() - start,
        time.process_time() - cpu_start,
        peak,
    )


def _aliasing() -> list[str]:
    """The module that makes `mkdocs` another package, when this process runs under one:
    ProperDocs (the continuation of MkDocs 1.6) answers every `import mkdocs...` with its own
    modules once `properdocs.replacement` is imported, and the workers must build with the
    same MkDocs as this process."""
    running = _running_mkdocs()
    return [] if running == "mkdocs" else [f"{running}.replacement"]


def _running_mkdocs() -> str:
    """The package `import mkdocs` gives: "mkdocs", or "properdocs" under ProperDocs, whose
    loggers are named after it."""
    return sys.modules["mkdocs"].__name__


def cores() -> int:
    """How many cores this process may run on."""
    return len(os.sched_getaffinity(0))


@dataclass(eq=False)
class LanguageSites:
    """The other languages' builds, running in worker processes, each into its own folder
    under `staging`."""

    executor: ProcessPoolExecutor
    processes: int
    tasks: dict[str, _Task]
    """Each language's build, in the plan's order."""
    site_dir: Path
    """The source site's folder, where each language's site is moved once built."""
    staging: Path
    """Where the languages' sites are built, beside `site_dir`."""
    abandoned: Event
    builds: dict[str, Future[_Outcome]] = field(default_factory=dict)
    """The builds handed to the workers so far (by `submitting`)."""
    submitting: threading.Thread | None = None
    not_started: BaseException | None = None
    """Why the builds could not be handed to the workers, if they could not."""
    done: bool = False

    def start(self) -> None:
        """Hand the builds to the workers from a thread: the first waits for the fork server's
        imports, and the source build goes on meanwhile."""
        self.submitting = threading.Thread(
            target=self._submit, name="clinicdocs-languages", daemon=True
        )
        self.submitting.start()

    def _submit(self) -> None:
        try:
            for code, task in self.tasks.items():
                self.builds[code] = self.executor.submit(_build_in_worker, task)
        except BaseException as exc:  # reported by `finish`, in the build's own thread
            self.not_started = exc

    def _submitted(self) -> None:
        if self.submitting is not None:
            self.submitting.join()

    def finish(self) -> None:
        """Wait for every language's build, log what each logged (in language order) and
        each process's peak memory, and move each language built into `<site_dir>/<code>/`.

        Raises:
            mkdocs.exceptions.Abort: a language's build failed (the first one's error, once
                every build has stopped and every message is logged).
        """
        failure: MkDocsException | None = None
        costs: list[str] = []
        try:
            self._submitted()
            if self.not_started is not None:
                failure = Abort(
                    f"the other languages' build processes did not start: {self.not_started}"
                )
            for code, future in self.builds.items():
                try:
                    outcome = future.result()
                except BrokenProcessPool as exc:
                    failure = failure or Abort(
                        f"the '{code}' site's build process stopped unexpectedly: {exc}"
                    )
                    continue
                for record in outcome.records:
                    # Its messages name the folder the language's site ends up in.
                    record.msg = str(record.msg).replace(str(self.staging), str(self.site_dir))
                    logging.getLogger(record.name).handle(record)
                failure = failure or outcome.error
                if outcome.error is None:
                    try:
                        self._move_into_site(code)
                    except OSError as exc:
                        failure = failure or Abort(
                            f"the '{code}' site could not be moved into "
                            f"{self.site_dir / code}: {exc}"
                        )
                costs.append(
                    f"{code} {outcome.seconds:.1f} s (processor {outcome.cpu_seconds:.1f} s), "
                    f"{outcome.peak_kib // 1024} MB"
                )
        finally:
            self.stop()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        log.info(
            "Other languages' sites built in %d processes (%s); peak memory of this process %d MB",
            self.processes,
            "; ".join(costs),
            own,
        )
        if failure is not None:
            raise failure

    def _move_into_site(self, code: str) -> None:
        """Put a language's built site at `<site_dir>/<code>/`, in place of anything there
        (as the sequential build's own cleaning of that folder would)."""
        built, target = self.staging / code, self.site_dir / code
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        shutil.move(built, target)  # a rename: `staging_folder` is on the site's file system

    def stop(self) -> None:
        """Abandon the builds still running and wait for them to stop (each at its next page),
        then remove their folders: nothing of theirs reaches the site folder afterwards."""
        if not self.done:
            self.done = True
            self.abandoned.set()
            self._submitted()
            self.executor.shutdown(wait=True, cancel_futures=True)
            shutil.rmtree(self.staging, ignore_errors=True)
            _RUNNING.remove(self)


_RUNNING: list[LanguageSites] = []
"""The language builds started and not yet finished or stopped in this process."""
_EXIT_HOOKED = False
"""Whether `stop_language_sites` runs when this process exits."""


def stop_language_sites() -> None:
    """Stop every language build still running (`LanguageSites.stop`): for a build that failed
    or was interrupted before waiting for them, e.g. by Ctrl-C, which no plugin hook sees."""
    for sites in list(_RUNNING):
        sites.stop()


def _context(codes: Sequence[str]) -> multiprocessing.context.ForkServerContext:
    """The fork server's context; what it imports first (if it is not running yet) suits
    the languages `codes`."""
    context = multiprocessing.get_context("forkserver")
    chinese = [CHINESE] if any(segmented_by_jieba(code) for code in codes) else []
    context.set_forkserver_preload([*_aliasing(), *PRELOADED, *chinese])
    return context


def prepare_processes(codes: Sequence[str]) -> None:
    """Start the fork server now (it does not wait for it), so it imports MkDocs, Material
    and this package (and jieba's dictionary for Chinese) on another core while this build
    loads the data.

    Args:
        codes: the site's languages.
    """
    _context(codes)
    forkserver.ensure_running()


def staging_folder(site_dir: Path) -> Path:
    """A new folder for the other languages' sites, on the site folder's file system (each is
    moved in by a rename) and out of the way of MkDocs cleaning the site folder: beside it
    (`.site.languages-*`), or, where that cannot be (its parent is not writable, or another
    file system: the site folder is a mount point), a hidden folder inside it
    (`.clinicdocs-languages-*`), which MkDocs' cleaning leaves alone."""
    target = site_dir.resolve()
    beside: Path | None = None
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        prefix = f".{target.name.lstrip('.')}.languages-"
        beside = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    if beside is not None:
        if not target.exists() or beside.stat().st_dev == target.stat().st_dev:
            return beside
        beside.rmdir()
    target.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".clinicdocs-languages-", dir=target))


def start_language_sites(
    settings: SiteSettings, plan: LanguagePlan, source_site: SiteData
) -> LanguageSites:
    """Start building every language after the source in worker processes, each into its own
    folder beside the site folder (`LanguageSites.finish` moves them in).

    Args:
        settings: the source language's build settings.
        plan: the languages and where each page exists.
        source_site: the data the source build loaded and checked, translations included.
    """
    codes = [language.code for language in plan.languages[1:]]
    context = _context(plan.codes)
    abandoned = context.Event()
    processes = min(len(codes), cores())
    site_dir = Path(settings.site_dir)
    staging = staging_folder(site_dir)
    staged = dataclasses.replace(settings, site_dir=str(staging))
    executor = ProcessPoolExecutor(
        max_workers=processes, mp_context=context, initializer=_enter_worker, initargs=(abandoned,)
    )
    environ, cwd = dict(os.environ), str(Path.cwd())
    # Each process gets the data by pickle: without the files' parsed trees, which only the
    # source build's reports use, it is a quarter of the size and ten times faster to hand over.
    handed = source_site.without_positions()
    level = logging.getLogger(_running_mkdocs()).getEffectiveLevel()
    tasks = {
        code: _Task(staged, LanguageBuild(code, plan, handed), environ, cwd, level)
        for code in codes
    }
    sites = LanguageSites(executor, processes, tasks, site_dir, staging, abandoned)
    global _EXIT_HOOKED
    if not _EXIT_HOOKED:
        # A plain `mkdocs build` stopped by Ctrl-C runs no plugin hook: its folders are removed
        # at exit (the workers, in the same process group, were interrupted by the same Ctrl-C).
        atexit.register(stop_language_sites)
        _EXIT_HOOKED = True
    _RUNNING.append(sites)
    sites.start()
    return sites
