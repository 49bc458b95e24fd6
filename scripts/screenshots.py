"""Take screenshots of a built site in headless Chromium: desktop, phone width and print media.

Usage: python scripts/screenshots.py [--site site] [--out screenshots] [--scheme light|dark]
       [--first-screen] [--open-switcher] [PAGE ...]
PAGE is a path inside the site, e.g. `treatments/laser-mesotherapy/`. `--site` takes any built
site, e.g. one built for another clinic (`clinicdocs build --clinic ... --site-dir ...`).
`--scheme dark` shows the dark colour scheme; `--first-screen` captures what shows before
scrolling (easier to read than a whole long page); `--open-switcher` opens the language switcher
(on a site with several languages), e.g. `ar/treatments/co2-fractional-laser/`. Look at the PNGs
afterwards.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support.browser import CHROMIUM_ARGS, chromium_path

DEFAULT_PAGES = [
    "",
    "treatments/",
    "treatments/co2-fractional-laser/",
    "concerns/melasma/",
    "glossary/",
    "handouts/co2-fractional-laser/",
]
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the terminal for the script's own output."""


def main() -> None:
    """Serve the site on a free local port and write one PNG per page and view."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--scheme", choices=["light", "dark"], default="light")
    parser.add_argument("--first-screen", action="store_true")
    parser.add_argument("--open-switcher", action="store_true")
    parser.add_argument("pages", nargs="*", default=DEFAULT_PAGES)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    handler = functools.partial(_QuietHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for page_path in args.pages:
            name = page_path.strip("/").replace("/", "_") or "home"
            for view, (width, height) in VIEWPORTS.items():
                page = browser.new_page(
                    viewport={"width": width, "height": height}, color_scheme=args.scheme
                )
                page.goto(base + page_path)
                page.wait_for_timeout(800)  # let Material's tabs and fonts settle
                suffix = "" if args.scheme == "light" else f"-{args.scheme}"
                if args.open_switcher:
                    # Material opens it on hover or keyboard focus (`:focus-within`).
                    page.locator(".cd-language-switcher button").focus()
                    page.wait_for_timeout(300)
                    suffix += "-switcher"
                page.screenshot(
                    path=args.out / f"{name}-{view}{suffix}.png", full_page=not args.first_screen
                )
                page.close()
            page = browser.new_page(viewport={"width": 800, "height": 1100})
            page.emulate_media(media="print")
            page.goto(base + page_path)
            page.screenshot(path=args.out / f"{name}-print.png", full_page=True)
            page.close()
        browser.close()
    server.shutdown()
    print(f"screenshots in {args.out}/")


if __name__ == "__main__":
    main()
