"""Files and settings that let the built site be hosted anywhere: robots.txt and the offline
(file://) build's local Web Worker shim. Nothing here knows MkDocs."""

from __future__ import annotations

import os
from collections.abc import Sequence

OFFLINE_ENV = "CLINICDOCS_OFFLINE"
"""Set to `true` to build a site that works opened from disk (mkdocs.yml reads it with `!ENV`)."""

IFRAME_WORKER_SHIM = "assets/javascripts/iframe-worker-1.0.4.js"
"""The file:// Web Worker shim Material's offline plugin needs for search, shipped in the package
(MIT, github.com/squidfunk/iframe-worker), so an offline site fetches nothing from a CDN."""


def offline_requested() -> bool:
    """Whether the environment asks for an offline build (`CLINICDOCS_OFFLINE=true`, `1`, `yes`)."""
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def robots_txt(site_url: str | None, sitemaps: Sequence[str] = ()) -> str:
    """robots.txt for the site: everything may be crawled, and the sitemap is named when the site
    has a public address (the Sitemap line must be a full URL, so without one it is left out).
    `sitemaps`, when given, are every language's sitemaps (the source's first), all named.

    Robots files are only read at a host's root: a site published under a sub-path
    (`https://example.org/patient-info/`) has its robots.txt copied or merged there by the host.
    """
    lines = ["User-agent: *", "Allow: /"]
    if sitemaps:
        lines += ["", *(f"Sitemap: {address}" for address in sitemaps)]
    elif site_url:
        base = site_url if site_url.endswith("/") else site_url + "/"
        lines += ["", f"Sitemap: {base}sitemap.xml"]
    return "\n".join(lines) + "\n"


def local_polyfills(polyfills: list[object]) -> list[object]:
    """Material's offline plugin loads its Web Worker shim from a CDN; use the packaged copy.

    Any polyfill that names `iframe-worker` is replaced by the local file; the offline plugin
    sees the local one and adds no other.
    """
    kept = [script for script in polyfills if "iframe-worker" not in str(script)]
    return [*kept, IFRAME_WORKER_SHIM]
