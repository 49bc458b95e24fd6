"""One `clinicdocs edit` session: the project's editor store, and the preview site next to it
(`mkdocs serve`, as `make serve` runs it, on 127.0.0.1)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from ruamel.yaml.error import YAMLError

from clinicdocs.data.yaml import round_trip_yaml
from clinicdocs.editor.server import Editor, serving
from clinicdocs.editor.store import Store
from clinicdocs.plugin.project import Project

DEFAULT_MEDIA = "assets"
"""Where uploaded images go when the clinic has no logo or favicon yet."""


def media_folder(project: Project) -> Path:
    """The image folder: the folder of the clinic's logo (or favicon) as clinic.yml names it,
    when that is a folder inside the project, else `assets/` in the project folder. Uploads go
    only there."""
    root = project.root.resolve()
    path = project.clinic_path
    try:
        node = round_trip_yaml().load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError):
        node = None  # the editor still starts; the clinic's problems show when it is saved
    for key in ("logo", "favicon"):
        value = node.get(key) if isinstance(node, dict) else None
        if isinstance(value, str) and value:
            folder = (root / value).parent.resolve()
            if root in folder.parents:
                return folder
    return root / DEFAULT_MEDIA


def project_store(project: Project) -> Store:
    """The editor's view of a project's files."""
    return Store(
        root=project.root,
        data_dir=(project.root / project.data_dir).resolve(),
        clinic_path=(project.root / project.clinic_path).resolve(),
        media_dir=media_folder(project).resolve(),
        languages=tuple(project.languages),
        docs_dir=project.docs_dir.resolve(),
    )


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def preview_site(project: Project, *, wait: float = 300) -> Iterator[str]:
    """Run `mkdocs serve` for the project on 127.0.0.1 until exit; yields its address once it
    answers (the first build may take a while on a large catalogue).

    Raises:
        RuntimeError: it stopped or did not answer within `wait` seconds.
    """
    port = free_port()
    config = project.config.config_file_path
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload"]
    command += ["-a", f"127.0.0.1:{port}", "-f", str(config)]
    process = subprocess.Popen(command, cwd=project.root)
    address = f"http://127.0.0.1:{port}{_base_path(project)}"
    try:
        deadline = time.monotonic() + wait
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the preview (mkdocs serve) stopped with {process.returncode}")
            try:
                with urllib.request.urlopen(address, timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the preview (mkdocs serve) did not answer") from None
                time.sleep(0.5)
        yield address
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _base_path(project: Project) -> str:
    """The path `mkdocs serve` serves the site under: site_url's path, as MkDocs does."""
    path = urlsplit(project.site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


@contextmanager
def editing(
    project: Project, bundle: Path, *, preview: bool = True, port: int = 0
) -> Iterator[tuple[str, str | None]]:
    """A `clinicdocs edit` session until exit: the preview (unless `preview` is false), then
    the editor server.

    Args:
        project: the project.
        bundle: Decap CMS's browser files (`clinicdocs.editor.bundle.ensure_bundle`).
        preview: run `mkdocs serve` and show each record's page beside its form.
        port: the editor's port on 127.0.0.1, or 0 for a free one.

    Yields:
        The editor's address (with its token) and the preview's, or None without one.
    """
    with contextlib.ExitStack() as stack:
        preview_url = stack.enter_context(preview_site(project)) if preview else None
        editor = Editor(project_store(project), bundle, preview_url)
        yield stack.enter_context(serving(editor, port)), preview_url
