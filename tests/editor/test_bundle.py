"""The pinned Decap CMS release: a tarball that is not the pinned one is refused, and only the
browser files are kept, all at once or not at all. No network here: the tarballs are made."""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
from pathlib import Path

import pytest

from clinicdocs.editor import bundle
from clinicdocs.editor.bundle import BundleError, check_integrity, ensure_bundle, unpack
from support.projects import run_cli


def _tarball(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return out.getvalue()


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def test_a_tarball_that_is_not_the_pinned_release_is_refused() -> None:
    data = _tarball({"package/dist/decap-cms.js": b"console.log('not decap')"})
    with pytest.raises(BundleError, match="not the pinned release"):
        check_integrity(data)
    check_integrity(data, _integrity(data))  # the same bytes with their own digest pass


def test_only_the_browser_files_are_kept(tmp_path: Path) -> None:
    data = _tarball(
        {
            "package/dist/decap-cms.js": b"main",
            "package/dist/117.decap-cms.js": b"chunk",
            "package/dist/f728dc876b39e5273411.wasm": b"wasm",
            "package/dist/decap-cms.js.map": b"map",
            "package/dist/cms.js": b"old name",
            "package/dist/117.cms.js": b"old chunk",
            "package/package.json": b"{}",
            "package/dist/../../escape.js": b"no",
        }
    )
    target = unpack(data, tmp_path / "decap")
    assert sorted(p.name for p in target.iterdir()) == [
        "117.decap-cms.js",
        "decap-cms.js",
        "f728dc876b39e5273411.wasm",
    ]
    assert not (tmp_path / "escape.js").exists()


def test_a_tarball_without_the_bundle_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match=r"no dist/decap-cms\.js"):
        unpack(_tarball({"package/dist/other.js": b"x"}), tmp_path / "decap")
    assert not (tmp_path / "decap").exists()


def test_a_cached_release_is_used_without_the_network(
    tmp_path: Path, tiny_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLINICDOCS_CACHE", str(tmp_path / "cache"))
    folder = bundle.bundle_dir()
    folder.mkdir(parents=True)
    (folder / "decap-cms.js").write_text("cached", encoding="utf-8")
    assert ensure_bundle(url="http://127.0.0.1:9/unreachable") == folder
    result = run_cli(tiny_project, "edit", "--download-only")
    assert result.returncode == 0
    assert result.stdout.strip() == f"the editor's files are in {folder}"


def test_a_failed_download_says_what_to_do(
    tmp_path: Path, tiny_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLINICDOCS_CACHE", str(tmp_path / "empty"))
    with pytest.raises(BundleError, match=r"could not download Decap CMS 3\.16\.3"):
        ensure_bundle(url="http://127.0.0.1:9/unreachable")
    assert not bundle.bundle_dir().exists()
