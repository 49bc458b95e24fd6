"""Decap CMS, the editor's user interface: one pinned release, fetched once from the npm registry
and kept in the user's cache, so `clinicdocs edit` then works offline and nothing is ever loaded
from a CDN.

The release is pinned by version and by the registry's own sha512 integrity string (as
package-lock.json pins it): a tarball that does not match is refused. Its bundle (about 7 MB of
JavaScript, 66 MB with source maps) is too large to ship inside the wheel; only the files the
browser loads are kept (no source maps).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
import urllib.request
from pathlib import Path, PurePosixPath

DECAP_VERSION = "3.16.3"
"""The Decap CMS release the generated configuration is written for."""
DECAP_TARBALL = f"https://registry.npmjs.org/decap-cms/-/decap-cms-{DECAP_VERSION}.tgz"
DECAP_INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="  # noqa: E501 (one digest)
"""The registry's integrity string for the tarball (`npm view decap-cms@3.16.3 dist.integrity`)."""

MAIN_SCRIPT = "decap-cms.js"
"""The bundle the editor page loads; it loads its numbered chunks from the same folder."""


class BundleError(Exception):
    """The editor's files could not be fetched or were not the pinned release."""


def cache_root() -> Path:
    """Where downloaded editor files live: `$CLINICDOCS_CACHE`, else `$XDG_CACHE_HOME/clinicdocs`,
    else `~/.cache/clinicdocs`."""
    explicit = os.environ.get("CLINICDOCS_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "clinicdocs"


def bundle_dir(cache: Path | None = None) -> Path:
    """The folder holding the pinned release's browser files (it may not exist yet)."""
    return (cache or cache_root()) / f"decap-cms-{DECAP_VERSION}"


def check_integrity(data: bytes, integrity: str = DECAP_INTEGRITY) -> None:
    """Refuse `data` unless its sha512 is the pinned one.

    Raises:
        BundleError: naming both digests.
    """
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != integrity:
        raise BundleError(
            f"the downloaded Decap CMS {DECAP_VERSION} is not the pinned release "
            f"(expected {integrity}, got {digest}); nothing was kept"
        )


def _kept(name: str) -> str | None:
    """The file's name inside the bundle folder, for the files the browser loads."""
    path = PurePosixPath(name)
    if path.parts[:2] != ("package", "dist") or len(path.parts) != 3:
        return None
    file = path.name
    if file.endswith(".map") or file.startswith("cms.") or ".cms.js" in file:
        return None  # source maps, and the second copy of every script under the old name
    return file


def unpack(data: bytes, target: Path) -> Path:
    """Unpack the browser files of a checked tarball into `target`, atomically: the folder
    appears complete or not at all."""
    partial = target.with_name(target.name + ".partial")
    if partial.exists():
        for old in partial.iterdir():
            old.unlink()
    partial.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            name = _kept(member.name) if member.isfile() else None
            extracted = archive.extractfile(member) if name else None
            if name and extracted is not None:
                (partial / name).write_bytes(extracted.read())
    if not (partial / MAIN_SCRIPT).is_file():
        raise BundleError(f"the Decap CMS tarball has no dist/{MAIN_SCRIPT}")
    partial.rename(target)
    return target


def ensure_bundle(cache: Path | None = None, *, url: str = DECAP_TARBALL) -> Path:
    """The folder of Decap CMS's browser files, downloading the pinned release the first time.

    Args:
        cache: the cache folder (`cache_root()` when not given).
        url: where to fetch the tarball (the npm registry).

    Raises:
        BundleError: the download failed or was not the pinned release.
    """
    target = bundle_dir(cache)
    if (target / MAIN_SCRIPT).is_file():
        return target
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            data = response.read()
    except OSError as exc:
        raise BundleError(
            f"could not download Decap CMS {DECAP_VERSION} from {url} ({exc}); the editor "
            "needs it once, then works offline"
        ) from None
    check_integrity(data)
    return unpack(data, target)
