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

from clinicdocs.editor import store as store_module
from clinicdocs.editor.server import Editor, serving
from clinicdocs.editor.session import project_store
from clinicdocs.plugin.project import load_project
from support.projects import figures_project, run_cli


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


def _files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def translated_editor(tmp_path: Path) -> Editor:
    """The tiny site with Arabic translations (full-laser, scars, the clinic, the glossary)."""
    project = figures_project(tmp_path / "translated")
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    return Editor(project_store(load_project(project)), bundle, None)


def test_a_record_is_deleted_with_its_translations(translated_editor: Editor) -> None:
    store = translated_editor.store
    folder = store.data_dir / "treatments"
    assert (folder / "full-laser.ar.yml").is_file()
    with serving(translated_editor) as address:
        # As Decap names a record's files: one per language, the source's as `<id>.en.yml`.
        paths = [f"data/treatments/full-laser.{code}.yml" for code in ("en", "ar")]
        status, answer = _api(address, {"action": "deleteFiles", "params": {"paths": paths}})
    assert (status, answer) == (200, {"message": "deleted full-laser.yml, full-laser.ar.yml"})
    assert sorted(p.name for p in folder.iterdir()) == [
        "bare-peel.yml",
        "skin-laser.ar.yml",
        "skin-laser.yml",
    ]
    result = run_cli(store.root, "validate")
    assert result.returncode == 0, result.stderr


def test_deleting_the_source_takes_its_translations_even_unnamed(
    translated_editor: Editor,
) -> None:
    """A one-language configuration names only the record's file: its translations still go."""
    folder = translated_editor.store.data_dir / "concerns"
    treatments = translated_editor.store.data_dir / "treatments"
    for name in ("full-laser.yml", "bare-peel.yml"):
        path = treatments / name
        path.write_text(
            path.read_text(encoding="utf-8")
            .replace(", scars]", "]")
            .replace("[scars]", "[dark-spots]"),
            encoding="utf-8",
        )
    with serving(translated_editor) as address:
        body = {"action": "deleteFiles", "params": {"paths": ["data/concerns/scars.yml"]}}
        assert _api(address, body)[0] == 200
    assert sorted(p.name for p in folder.iterdir()) == [
        "dark-spots.yml",
        "sun-damage.yml",
        "wrinkles.yml",
    ]


def test_a_concern_a_treatment_names_is_not_deleted(translated_editor: Editor) -> None:
    root = translated_editor.store.root
    before = _files(root)
    with serving(translated_editor) as address:
        paths = ["data/concerns/scars.en.yml", "data/concerns/scars.ar.yml"]
        status, answer = _api(address, {"action": "deleteFiles", "params": {"paths": paths}})
    assert status == 422
    # The validator's own lines, as `clinicdocs validate` would print them without the file.
    lines = [
        "data/treatments/bare-peel.yml:4:12: concerns[0]: unknown concern 'scars' (there is no "
        "concerns/scars.yml); known concerns are: dark-spots, sun-damage, wrinkles.",
        "data/treatments/full-laser.yml:5:24: concerns[1]: unknown concern 'scars' (there is no "
        "concerns/scars.yml); known concerns are: dark-spots, sun-damage, wrinkles.",
    ]
    assert answer["problems"] == lines
    assert _files(root) == before
    # The files removed by hand: `clinicdocs validate` says the same.
    for name in ("scars.yml", "scars.ar.yml"):
        (root / "data" / "concerns" / name).unlink()
    assert run_cli(root, "validate").stderr.splitlines()[: len(lines)] == lines


def test_the_last_treatments_are_not_deleted(editor: Editor, address: str) -> None:
    before = _files(editor.store.root)
    paths = ["data/treatments/full-laser.yml", "data/treatments/bare-peel.yml"]
    status, answer = _api(address, {"action": "deleteFiles", "params": {"paths": paths}})
    assert status == 422
    assert answer["problems"] == [
        "data/treatments: no treatments found; add at least one '<id>.yml' file here."
    ]
    assert _files(editor.store.root) == before


@pytest.mark.parametrize(
    "name",
    [
        "../mkdocs.yml",
        "data/../mkdocs.yml",
        "/etc/hosts",
        "docs/index.md",
        "data/clinic.yml",  # the clinic and the glossary are not records one deletes
        "data/glossary.yml",
        "data/treatments/no-such-treatment.yml",
        "assets/logo.png",  # images are not deleted from the editor
    ],
)
def test_delete_refuses_what_is_not_a_record_of_the_data_folder(
    editor: Editor, address: str, name: str
) -> None:
    before = _files(editor.store.root)
    status, answer = _api(address, {"action": "deleteFiles", "params": {"paths": [name]}})
    assert status == 403
    assert "error" in answer
    assert _files(editor.store.root) == before


def test_delete_refuses_a_symbolic_link(editor: Editor, address: str, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text("name: kept\n", encoding="utf-8")
    folder = editor.store.data_dir / "treatments"
    (folder / "linked.yml").symlink_to(outside)
    (folder / "inside.yml").symlink_to(folder / "bare-peel.yml")
    for name in ("linked.yml", "inside.yml"):
        body = {"action": "deleteFiles", "params": {"paths": [f"data/treatments/{name}"]}}
        assert _api(address, body)[0] == 403, name
        assert (folder / name).is_symlink()
    assert outside.read_text(encoding="utf-8") == "name: kept\n"
    assert (folder / "bare-peel.yml").is_file()


def _rename(address: str, collection: str, slug: str, new_slug: str) -> tuple[int, Any]:
    params = {"collection": collection, "slug": slug, "new_slug": new_slug}
    return _api(address, {"action": "renameEntry", "params": params})


def test_a_rename_moves_the_record_its_translations_and_what_names_it(
    translated_editor: Editor,
) -> None:
    data = translated_editor.store.data_dir
    laser = data / "treatments" / "full-laser.yml"
    # A comment beside the reference: the file is edited in its YAML document, not rewritten.
    laser.write_text(
        laser.read_text(encoding="utf-8").replace(
            "concerns: [dark-spots, scars]", "# what it treats\nconcerns: [dark-spots, scars]"
        ),
        encoding="utf-8",
    )
    # A hand-written page links to the concern's page: the link follows the rename.
    guide = translated_editor.store.root / "docs" / "guide.md"
    guide.write_text("Read about [scars](concerns/scars.md#treatments).\n", encoding="utf-8")
    before = _files(translated_editor.store.root)
    with serving(translated_editor) as address:
        status, answer = _rename(address, "concerns", "scars", "acne-scars")
    assert (status, answer) == (200, {"message": "entry renamed", "slug": "acne-scars"})
    after = _files(translated_editor.store.root)
    moved = {"scars.yml": "acne-scars.yml", "scars.ar.yml": "acne-scars.ar.yml"}
    for old, new in moved.items():
        assert not (data / "concerns" / old).exists()
        assert after[data / "concerns" / new] == before[data / "concerns" / old]  # as it was
    peel = data / "treatments" / "bare-peel.yml"
    assert after[peel] == before[peel].replace(b"concerns: [scars]", b"concerns: [acne-scars]")
    assert after[laser] == before[laser].replace(b", scars]", b", acne-scars]")
    assert "# what it treats\n" in laser.read_text(encoding="utf-8")
    assert guide.read_text(encoding="utf-8") == (
        "Read about [scars](concerns/acne-scars.md#treatments).\n"
    )
    unchanged = set(before) - {peel, laser, guide} - {data / "concerns" / old for old in moved}
    assert {p: after[p] for p in unchanged} == {p: before[p] for p in unchanged}
    result = run_cli(translated_editor.store.root, "validate")
    assert result.returncode == 0, result.stderr


def test_a_treatment_renamed_is_renamed_where_it_is_an_alternative(
    editor: Editor, address: str
) -> None:
    folder = editor.store.data_dir / "treatments"
    peel = folder / "bare-peel.yml"
    peel.write_text(
        peel.read_text(encoding="utf-8") + "alternatives:\n  - treatment: full-laser\n",
        encoding="utf-8",
    )
    assert _rename(address, "treatments", "full-laser", "fractional-laser")[0] == 200
    assert sorted(p.name for p in folder.iterdir()) == ["bare-peel.yml", "fractional-laser.yml"]
    assert peel.read_text(encoding="utf-8").endswith(
        "alternatives:\n  - treatment: fractional-laser\n"
    )
    result = run_cli(editor.store.root, "validate")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("new_slug", "line"),
    [
        (
            "Acne Scars!",
            "data/concerns/scars.yml: 'Acne Scars!' cannot be an id: an id is lowercase letters, "
            "digits and single hyphens, at most 80 characters, e.g. 'acne-scars'.",
        ),
        (
            "dark-spots",
            "data/concerns/dark-spots.yml: already exists; choose another id, or delete that "
            "record first.",
        ),
        (
            "scars",
            "data/concerns/scars.yml: is already this record's id; choose another id.",
        ),
    ],
)
def test_a_rename_to_an_id_that_cannot_be_is_refused(
    editor: Editor, address: str, new_slug: str, line: str
) -> None:
    before = _files(editor.store.root)
    status, answer = _rename(address, "concerns", "scars", new_slug)
    assert (status, answer["problems"]) == (422, [line])
    assert _files(editor.store.root) == before


def test_a_rename_the_validator_refuses_changes_nothing(editor: Editor, address: str) -> None:
    """Checked on a scratch copy first: a data folder that would not be valid is left as it
    was, and the answer is the validator's lines."""
    peel = editor.store.data_dir / "treatments" / "bare-peel.yml"
    peel.write_text(
        peel.read_text(encoding="utf-8").replace("category: Peels", "category: ''"),
        encoding="utf-8",
    )
    before = _files(editor.store.root)
    status, answer = _rename(address, "concerns", "scars", "acne-scars")
    assert status == 422
    assert answer["problems"] == [
        "data/treatments/bare-peel.yml:2:11: category: must not be empty."
    ]
    assert _files(editor.store.root) == before


@pytest.mark.parametrize(
    ("collection", "slug"),
    [
        ("site", "clinic"),
        ("concerns", "no-such-concern"),
        ("concerns", "../treatments/x"),
        ("x", "y"),
    ],
)
def test_a_rename_of_no_record_is_refused(
    editor: Editor, address: str, collection: str, slug: str
) -> None:
    before = _files(editor.store.root)
    status, answer = _rename(address, collection, slug, "new-id")
    assert status == 403
    assert "error" in answer
    assert _files(editor.store.root) == before


def test_a_rename_refuses_a_translation_already_there(
    translated_editor: Editor,
) -> None:
    """A stray translation file with the new id would be taken over: refused."""
    folder = translated_editor.store.data_dir / "concerns"
    (folder / "acne-scars.ar.yml").write_text("name: x\n", encoding="utf-8")
    before = _files(translated_editor.store.root)
    with serving(translated_editor) as address:
        status, answer = _rename(address, "concerns", "scars", "acne-scars")
    assert status == 422
    assert answer["problems"] == [
        "data/concerns/acne-scars.ar.yml: already exists; choose another id, or delete that "
        "record first."
    ]
    assert _files(translated_editor.store.root) == before


def test_a_delete_naming_one_path_out_removes_nothing(editor: Editor, address: str) -> None:
    """Every name is checked before anything is removed: a good record beside a path out."""
    before = _files(editor.store.root)
    paths = ["data/treatments/bare-peel.yml", "data/../mkdocs.yml"]
    status, _ = _api(address, {"action": "deleteFiles", "params": {"paths": paths}})
    assert status == 403
    assert _files(editor.store.root) == before


def test_a_rename_without_its_parameters_is_a_bad_request(editor: Editor, address: str) -> None:
    before = _files(editor.store.root)
    body = {"action": "renameEntry", "params": {"collection": "concerns", "slug": "scars"}}
    status, answer = _api(address, body)
    assert status == 400
    assert "new_slug" in answer["error"]
    assert _files(editor.store.root) == before


def test_a_rename_the_disk_refuses_is_reported_and_changes_nothing(
    translated_editor: Editor, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = translated_editor.store.root
    (root / "docs" / "guide.md").write_text("[scars](concerns/scars.md)\n", encoding="utf-8")
    before = _files(root)
    real_write = store_module.write_atomically

    def full_disk(path: Path, data: bytes) -> None:
        if path.name == "guide.md":
            raise OSError(28, "No space left on device", str(path))
        real_write(path, data)

    monkeypatch.setattr(store_module, "write_atomically", full_disk)
    with serving(translated_editor) as address:
        status, answer = _rename(address, "concerns", "scars", "acne-scars")
    assert status == 500
    assert "No space left on device" in answer["error"]
    assert _files(root) == before
