"""The editor's local server: the Decap CMS page, its generated configuration, and the API of
Decap's proxy backend (the protocol of `decap-server`), answered by `Store`, so every save goes
through the project's loader and into the file's round-trip document.

It listens on 127.0.0.1 only. Every address starts with a random token, so another web page
open in the same browser cannot guess it; requests must name this server as their Host (a DNS
rebinding page cannot), and API calls must come from this server's own Origin as JSON (a form
on another site cannot send that). The page may not be framed and sends no Referer.
"""

from __future__ import annotations

import http.server
import json
import logging
import mimetypes
import secrets
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from clinicdocs.data.naming import is_slug, translation_name
from clinicdocs.editor.form import FILES_COLLECTION, cms_config
from clinicdocs.editor.store import RefusedPath, SaveRefused, Store
from clinicdocs.generate.pages import record_uri

log = logging.getLogger("clinicdocs.editor")

STATIC = Path(__file__).parent / "static"
"""The editor page and its script (ours, small); Decap's bundle comes from the cache."""

RENAME_ACTION = "renameEntry"
"""Not in Decap's protocol (it renames no record of a folder): the editor page's own rename
form calls it, with the record's `collection`, `slug` and `new_slug`."""

MAX_BODY = 20 * 1024 * 1024
"""The largest request accepted: a record file, or an image in base64."""


@dataclass
class Editor:
    """One editing session: the project's files, Decap's bundle, the token in every address.

    Attributes:
        store: the project's files.
        bundle: the folder of Decap CMS's browser files.
        preview_url: the preview site (`mkdocs serve`) to show next to the form, or None.
        token: the secret first part of every address.
    """

    store: Store
    bundle: Path
    preview_url: str | None = None
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    def config(self) -> dict[str, Any]:
        """The Decap CMS configuration, generated from the models."""
        store = self.store
        return cms_config(
            api_url=f"/{self.token}/api/v1",
            data_folder=store.relative(store.data_dir),
            clinic_file=store.relative(store.clinic_path),
            media_folder=store.relative(store.media_dir),
            languages=list(store.languages),
            preview=self.preview_url is not None,
        )

    def preview(self, collection: str, slug: str) -> str | None:
        """The preview address of a record's page."""
        if self.preview_url is None or not is_slug(slug):
            return None
        key = slug if collection == FILES_COLLECTION else f"{collection}/{slug}"
        uri = record_uri(key)
        if uri is None:
            return None
        page = uri.removesuffix("index.md").removesuffix(".md")
        page = page + "/" if page and not page.endswith("/") else page
        return self.preview_url.rstrip("/") + "/" + page

    def api(self, body: dict[str, Any]) -> tuple[int, Any]:
        """Answer one call of Decap's proxy backend: (status, JSON)."""
        action = body.get("action")
        params = body.get("params") or {}
        try:
            return 200, self._action(str(action), params)
        except SaveRefused as exc:
            log.warning("save refused:\n%s", exc)
            return 422, {"error": str(exc), "problems": [str(p) for p in exc.problems]}
        except RefusedPath as exc:
            log.warning("refused: %s", exc)
            return 403, {"error": str(exc)}
        except (KeyError, TypeError, ValueError) as exc:
            return 400, {"error": f"bad request for {action!r}: {exc}"}
        except OSError as exc:
            # A full disk, a file locked or read-only: a rename or delete undid what it had
            # done, a save's file was written whole or not at all.
            log.error("%s failed: %s", action, exc)
            return 500, {"error": f"the files could not be changed: {exc}"}

    def _action(self, action: str, params: dict[str, Any]) -> Any:
        store = self.store
        if action == "info":
            return {"repo": store.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            return store.list_folder(str(params["folder"]))
        if action == "entriesByFiles":
            return [
                store.read_entry(store.resolve(str(f["path"])), str(f["path"]))
                for f in params["files"]
            ]
        if action == "getEntry":
            return store.read_entry(store.resolve(str(params["path"])), str(params["path"]))
        if action == "persistEntry":
            return self._persist(params)
        if action == "getMedia":
            return store.media()
        if action == "getMediaFile":
            return store.read_media(store.resolve(str(params["path"]), media=True))
        if action == "persistMedia":
            asset = params["asset"]
            return store.save_media(str(asset["path"]), str(asset["content"]))
        if action == "deleteFiles":
            removed = store.delete([str(name) for name in params["paths"]])
            log.info("deleted %s", ", ".join(store.relative(path) for path in removed))
            return {"message": f"deleted {', '.join(p.name for p in removed)}"}
        if action == RENAME_ACTION:
            moved = store.rename(
                str(params["collection"]), str(params["slug"]), str(params["new_slug"])
            )
            log.info(
                "renamed %s",
                ", ".join(f"{store.relative(a)} -> {store.relative(b)}" for a, b in moved.items()),
            )
            return {"message": "entry renamed", "slug": str(params["new_slug"])}
        if action == "getDeployPreview":
            return None
        raise ValueError(f"the editor does not do {action!r}")

    def _persist(self, params: dict[str, Any]) -> Any:
        store = self.store
        files = params.get("dataFiles") or [params["entry"]]
        for asset in params.get("assets") or []:
            store.save_media(str(asset["path"]), str(asset["content"]))
        planned = []
        for data_file in files:
            if data_file.get("newPath"):
                raise ValueError("renaming a record is not done in the editor; rename its file")
            path = store.resolve(str(data_file["path"]))
            if not path.is_file() and translation_name(path) is not None:
                # A language without a translation of this record yet: a translation is
                # started with `clinicdocs new translation`, which stamps its source version.
                log.info("no translation file %s; not created", store.relative(path))
                continue
            planned.append((path, str(data_file["raw"])))
        store.save_all(planned)  # all the files of the record, or none
        log.info("saved %s", ", ".join(store.relative(path) for path, _ in planned))
        return {"message": "entry persisted"}


def _handler(editor: Editor, port: Callable[[], int]) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "clinicdocs-edit"

        def log_message(self, format: str, *args: Any) -> None:
            """Requests are not logged; saves and refusals are."""

        def _hosts(self) -> set[str]:
            return {f"127.0.0.1:{port()}", f"localhost:{port()}"}

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cross-Origin-Resource-Policy", "same-origin")
            frame = (
                f" frame-src 'self' {_origin(editor.preview_url)};" if editor.preview_url else ""
            )
            self.send_header(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; "
                "style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; "
                f"connect-src 'self'; frame-ancestors 'none';{frame} base-uri 'none'",
            )
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _json(self, status: int, value: Any) -> None:
            self._send(status, json.dumps(value).encode(), "application/json; charset=utf-8")

        def _refuse(self, status: int, why: str) -> None:
            self._send(status, why.encode(), "text/plain; charset=utf-8")

        def _route(self) -> str | None:
            """The path after the token, or None when the request is refused (answered)."""
            if self.headers.get("Host", "") not in self._hosts():
                self._refuse(403, "this editor answers only to 127.0.0.1 and localhost")
                return None
            path = unquote(urlsplit(self.path).path)
            parts = path.split("/", 2)  # "", the token, the rest
            token = parts[1] if len(parts) > 1 else ""
            if len(parts) < 3 or not secrets.compare_digest(token.encode(), editor.token.encode()):
                self._refuse(404, "not found")
                return None
            return parts[2]

        def do_GET(self) -> None:
            """The page, its configuration, Decap's files and the preview redirects."""
            route = self._route()
            if route is None:
                return
            if route in ("", "index.html"):
                page = (STATIC / "index.html").read_bytes()
                self._send(200, page, "text/html; charset=utf-8")
            elif route == "config.json":
                self._json(200, editor.config())
            elif route in ("editor.js", "init.js"):
                self._send(200, (STATIC / route).read_bytes(), "text/javascript")
            elif route == "editor.css":
                self._send(200, (STATIC / route).read_bytes(), "text/css")
            elif route.startswith("cms/"):
                self._static(editor.bundle, route.removeprefix("cms/"))
            elif route.startswith("preview/"):
                _, collection, slug = [*route.split("/"), "", ""][:3]
                target = editor.preview(collection, slug)
                if target is None:
                    self._refuse(404, "no preview for this record")
                else:
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.send_header("Referrer-Policy", "no-referrer")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
            else:
                self._refuse(404, "not found")

        do_HEAD = do_GET

        def _static(self, folder: Path, name: str) -> None:
            path = folder / name
            if "/" in name or name.startswith(".") or not path.is_file():
                self._refuse(404, "not found")
                return
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            if name.endswith(".js"):
                kind = "text/javascript"
            self._send(200, path.read_bytes(), kind)

        def do_POST(self) -> None:
            """Decap's proxy backend API, from this server's own page only."""
            route = self._route()
            if route is None:
                return
            if route != "api/v1":
                self._refuse(404, "not found")
                return
            origin = self.headers.get("Origin", "")
            if origin not in {f"http://{host}" for host in self._hosts()}:
                self._refuse(403, "the editor's API answers only its own page")
                return
            if not self.headers.get("Content-Type", "").startswith("application/json"):
                self._refuse(415, "the editor's API takes JSON")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._refuse(413, "too large")
                return
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                self._json(400, {"error": "not JSON"})
                return
            if not isinstance(body, dict):
                self._json(400, {"error": "not a JSON object"})
                return
            status, answer = editor.api(body)
            self._json(status, answer)

    return Handler


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore connections the browser closed early."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serving(editor: Editor, port: int = 0) -> Iterator[str]:
    """Serve the editor on 127.0.0.1 in a thread until exit.

    Args:
        editor: the session.
        port: the port, or 0 for a free one.

    Yields:
        The editor's address, token included, ending with a slash.
    """
    server: _Server | None = None

    def bound_port() -> int:
        assert server is not None
        return int(server.server_address[1])

    server = _Server(("127.0.0.1", port), _handler(editor, bound_port))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{bound_port()}/{editor.token}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
