"""The preview (`mkdocs serve`) rebuilds when data, templates, the project's message files or
the clinic file change, including folders that do not exist yet when the preview starts."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from watchdog.events import FileCreatedEvent, FileSystemEvent, FileSystemEventHandler
from watchdog.observers.api import ObservedWatch

from clinicdocs.errors import shown_path
from clinicdocs.i18n.language import PROJECT_MESSAGES
from clinicdocs.plugin.project import Project

log = get_plugin_logger(__name__)


def previewing(config: MkDocsConfig) -> bool:
    """Whether MkDocs is building for its preview server (`mkdocs serve`), read in `on_config`.

    `mkdocs serve` sets `site_url` to the server's own address (`http://<dev_addr>/`) for every
    build it serves. MkDocs 1.6 names the command to plugins only in `on_startup`, and defining
    that hook makes MkDocs keep one plugin instance for every later load of mkdocs.yml in the
    process, which the nested language builds must not share.
    """
    host, port = config.dev_addr
    return (config.site_url or "").startswith(f"http://{host}:{port}/")


def watch_project(server: LiveReloadServer, project: Project) -> None:
    """Have the preview server rebuild when the project's data, templates, message files or
    clinic file change.

    A folder that does not exist yet is watched from the moment it is created: a clinic
    usually makes `templates/pages/` only when it first overrides a template, often while the
    preview is running.
    """
    root = project.root
    for folder in (project.data_dir, project.templates_dir, root / PROJECT_MESSAGES):
        if folder.is_dir():
            server.watch(str(folder))
        else:
            WatchWhenCreated(server, folder, shown_path(folder, root)).start()
    if project.clinic_file is not None:
        server.watch(str(project.clinic_file))


class WatchWhenCreated(FileSystemEventHandler):
    """Starts the server's watch on `folder` once the folder exists.

    The server's watcher cannot watch a missing path, so this watches the nearest existing
    parent instead, without recursion (cheap: only that folder's own entries are polled).
    """

    def __init__(self, server: LiveReloadServer, folder: Path, shown: str) -> None:
        self.server = server
        self.folder = folder
        self.shown = shown
        self.anchor: Path | None = None
        self.done = False

    def start(self) -> None:
        """Watch the folder's nearest existing parent, and the folder itself once it is there."""
        anchor = next(p for p in self.folder.parents if p.is_dir())
        if anchor != self.anchor:
            self.anchor = anchor
            self.server.observer.schedule(self, str(anchor), recursive=False)
        # Checked after scheduling, so a folder made just before is not missed.
        if self.folder.is_dir():
            self._watch_folder()

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Something changed in the parent: the folder, or a folder on the way to it, may exist."""
        if not self.done:
            self.start()

    def _watch_folder(self) -> None:
        self.done = True
        self.server.watch(str(self.folder))
        log.info("Watching '%s' for changes, now that it exists", self.shown)
        # Files written together with the folder (`mkdir -p` and a copy, a checkout) are already
        # in the first snapshot the new watch takes, so it never reports them. The server has no
        # public "rebuild now": hand its watch the event it missed. The watch is found by its
        # key, which is what `server.watch` scheduled: the path, recursive, no filter.
        first_file = next((p for p in self.folder.rglob("*") if p.is_file()), None)
        if first_file is not None:
            watch = ObservedWatch(str(self.folder), recursive=True)
            self.server.observer.event_queue.put((FileCreatedEvent(str(first_file)), watch))
