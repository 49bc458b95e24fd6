"""The editor's local server: 127.0.0.1 only, a token in every address, its own Host and Origin
only, JSON only; it writes only what the store allows and refuses bad data with the validator's
lines. No browser here: requests are sent as another page or program would send them."""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from clinicdocs.editor.server import Editor, serving
from clinicdocs.editor.session import project_store
from clinicdocs.plugin.project import load_project


@pytest.fixture
def editor(tiny_project: Path, tmp_path: Path) -> Editor:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "decap-cms.js").write_text("/* Decap CMS */", encoding="utf-8")
    return Editor(project_store(load_project(tiny_project)), bundle, None)


@pytest.fixture
def address(editor: Editor) -> Iterator[str]:
    with serving(editor) as url:
        yield url


def _request(
    address: str,
    method: str,
    path: str,
    *,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(address)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    sent = {"Host": parts.netloc, **(headers or {})}
    data = json.dumps(body).encode() if body is not None else None
    connection.request(method, path, body=data, headers=sent)
    response = connection.getresponse()
    answer = (response.status, dict(response.getheaders()), response.read())
    connection.close()
    return answer


def _api(address: str, body: Any, **headers: str) -> tuple[int, Any]:
    origin = f"http://{urlsplit(address).netloc}"
    sent = {"Origin": origin, "Content-Type": "application/json", **headers}
    status, _, data = _request(
        address, "POST", urlsplit(address).path + "api/v1", body=body, headers=sent
    )
    return status, json.loads(data) if data.startswith(b"{") or data.startswith(b"[") else data


def test_it_listens_on_127_0_0_1_only(address: str) -> None:
    parts = urlsplit(address)
    assert parts.hostname == "127.0.0.1"
    # Another address of this machine (all of 127/8 is this machine on Linux) is not served.
    with (
        pytest.raises(ConnectionRefusedError),
        socket.create_connection(("127.0.0.2", parts.port), timeout=5),
    ):
        pass


def test_every_address_needs_the_token(address: str) -> None:
    status, _, _ = _request(address, "GET", urlsplit(address).path)
    assert status == 200
    for path in ("/", "/index.html", "/config.json", "/wrong-token/", "/api/v1"):
        assert _request(address, "GET", path)[0] == 404, path
    status, _, _ = _request(address, "POST", "/api/v1", body={"action": "info"})
    assert status == 404


def test_a_foreign_host_is_refused(address: str) -> None:
    """A page on another site whose name was pointed at 127.0.0.1 (DNS rebinding)."""
    port = urlsplit(address).port
    for host in (f"evil.example:{port}", "127.0.0.1", f"127.0.0.1.evil.example:{port}"):
        status, _, _ = _request(address, "GET", urlsplit(address).path, headers={"Host": host})
        assert status == 403, host


def test_the_api_answers_only_its_own_page(editor: Editor, address: str) -> None:
    path = editor.store.data_dir / "treatments" / "full-laser.yml"
    before = path.read_text(encoding="utf-8")
    entry = editor.store.read_entry(path)
    body = {
        "action": "persistEntry",
        "params": {"dataFiles": [{**entry["file"], "raw": "name: Taken over\n"}], "assets": []},
    }
    assert _api(address, {"action": "info"})[0] == 200
    assert _api(address, body, Origin="http://evil.example")[0] == 403
    assert _api(address, body, Origin="null")[0] == 403
    port = urlsplit(address).port
    assert _api(address, body, Origin=f"http://127.0.0.1:{port + 1}")[0] == 403
    # A form on another page can post text/plain without asking first; the API takes JSON only.
    assert _api(address, body, **{"Content-Type": "text/plain"})[0] == 415
    status, _, _ = _request(
        address,
        "POST",
        urlsplit(address).path + "api/v1",
        body=body,
        headers={"Content-Type": "application/json"},  # no Origin at all
    )
    assert status == 403
    assert path.read_text(encoding="utf-8") == before


def test_the_page_cannot_be_framed_and_loads_nothing_from_elsewhere(address: str) -> None:
    status, headers, page = _request(address, "GET", urlsplit(address).path)
    assert status == 200
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy
    assert "connect-src 'self'" in policy
    assert headers["Referrer-Policy"] == "no-referrer"  # the token never leaves in a Referer
    assert b'src="cms/decap-cms.js"' in page
    assert b"https://" not in page


@pytest.mark.parametrize(
    "name", ["../mkdocs.yml", "data/../mkdocs.yml", "/etc/hosts", "docs/index.md"]
)
def test_the_api_writes_nothing_outside_the_data_folder(
    editor: Editor, address: str, name: str
) -> None:
    root = editor.store.root
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    body = {
        "action": "persistEntry",
        "params": {"dataFiles": [{"path": name, "raw": "name: x\n"}], "assets": []},
    }
    status, answer = _api(address, body)
    assert status == 403
    assert "error" in answer
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_a_bad_save_is_refused_with_the_validators_lines(editor: Editor, address: str) -> None:
    path = editor.store.data_dir / "treatments" / "full-laser.yml"
    before = path.read_text(encoding="utf-8")
    entry = editor.store.read_entry(path)
    raw = entry["data"].replace("how_it_works: Light", "how_it_works: <b>Light</b>")
    body = {
        "action": "persistEntry",
        "params": {"dataFiles": [{**entry["file"], "raw": raw}], "assets": []},
    }
    status, answer = _api(address, body)
    assert status == 422
    assert answer["problems"] == [
        "data/treatments/full-laser.yml:6:15: how_it_works: raw HTML is not allowed in data; "
        "use plain text or Markdown."
    ]
    assert answer["error"] == answer["problems"][0]
    assert path.read_text(encoding="utf-8") == before


def test_a_good_save_writes_the_file(editor: Editor, address: str) -> None:
    path = editor.store.data_dir / "treatments" / "bare-peel.yml"
    entry = editor.store.read_entry(path)
    raw = entry["data"].replace("category: Peels", "category: Chemical peels")
    body = {
        "action": "persistEntry",
        "params": {"dataFiles": [{**entry["file"], "raw": raw}], "assets": []},
    }
    assert _api(address, body) == (200, {"message": "entry persisted"})
    assert "category: Chemical peels\n" in path.read_text(encoding="utf-8")


def test_the_configuration_is_generated_for_the_project(editor: Editor, address: str) -> None:
    status, _, data = _request(address, "GET", urlsplit(address).path + "config.json")
    config = json.loads(data)
    assert status == 200
    assert config["backend"]["proxy_url"] == f"/{editor.token}/api/v1"
    folders = [c.get("folder") for c in config["collections"]]
    assert folders == ["data/treatments", "data/concerns", None]
    # Without a preview site, no preview pane.
    assert all(c["editor"] == {"preview": False} for c in config["collections"])


def test_the_preview_shows_each_records_page(editor: Editor) -> None:
    editor.preview_url = "http://127.0.0.1:8000/tiny/"
    with serving(editor) as address:
        base = urlsplit(address).path
        expected = {
            "treatments/full-laser": "http://127.0.0.1:8000/tiny/treatments/full-laser/",
            "concerns/scars": "http://127.0.0.1:8000/tiny/concerns/scars/",
            "site/glossary": "http://127.0.0.1:8000/tiny/glossary/",
            "site/clinic": "http://127.0.0.1:8000/tiny/",
        }
        for record, page in expected.items():
            status, headers, _ = _request(address, "GET", f"{base}preview/{record}")
            assert (status, headers["Location"]) == (302, page), record
        status, _, _ = _request(address, "GET", f"{base}preview/treatments/..%2F..%2Fx")
        assert status == 404
        _, headers, _ = _request(address, "GET", base)
        assert "frame-src 'self' http://127.0.0.1:8000;" in headers["Content-Security-Policy"]
