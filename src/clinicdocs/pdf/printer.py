"""PDFs of the built site's handouts (and, on request, treatment pages and staff sheets) from
headless Chromium.

The PDFs are printed from the *built* site, served on a loopback address, so they look exactly
like what a browser prints: same templates, same print stylesheet. Chromium is Debian's
`chromium` driven through Playwright; Playwright's own browser download is never used.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import shutil
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from clinicdocs.generate.pages import consent_uri, handout_uri, screening_uri, treatment_uri
from clinicdocs.html.fonts import FONT_STYLESHEET, for_printing
from clinicdocs.i18n.language import Language, english
from clinicdocs.pdf.chromium import CHROMIUM_ARGS, chromium_path

if TYPE_CHECKING:  # Playwright is optional at run time (the `pdf` extra)
    from playwright.sync_api import Route

Paper = Literal["A4", "Letter"]
PAPER_SIZES: tuple[Paper, ...] = ("A4", "Letter")


class PdfError(Exception):
    """A problem the user can mend (no browser, site not built); printed without a traceback."""


@dataclass(frozen=True)
class PdfJob:
    """One built page to print: its URL path inside the site and the PDF to write."""

    url_path: str
    target: Path
    language: str = ""
    """The page's language code (`en`, `ar`), shown in the progress lines."""


@dataclass(frozen=True)
class LanguageSite:
    """One language's site inside a built site: the source language's at the root, each other
    language's under `<code>/` (see the handbook, Languages)."""

    code: str
    site_dir: Path
    prefix: str
    """Its URL path from the built site's root: `""`, `"ar/"`."""


_HTML_LANG_RE = re.compile(r"<html\b[^>]*?\blang=\"([^\"]+)\"", re.IGNORECASE)


def page_language(page: Path) -> str | None:
    """The `lang` of a built page's `<html>` element, if it has one."""
    try:
        with page.open(encoding="utf-8") as handle:
            head = handle.read(2048)
    except OSError:
        return None
    match = _HTML_LANG_RE.search(head)
    return match.group(1) if match else None


def language_sites(site_dir: Path, source_language: str = "en") -> list[LanguageSite]:
    """Every language present in a built site: the root first, then each `<site>/<code>/` that
    is a whole site in the language `<code>` (its home page says `lang="<code>"`).

    Args:
        site_dir: the built site.
        source_language: the root site's code when its home page does not say.
    """
    root_code = page_language(site_dir / "index.html") or source_language
    found = [LanguageSite(root_code, site_dir, "")]
    if site_dir.is_dir():
        for folder in sorted(p for p in site_dir.iterdir() if p.is_dir()):
            code = page_language(folder / "index.html")
            if code is not None and code.casefold() == folder.name.casefold():
                found.append(LanguageSite(folder.name, folder, folder.name + "/"))
    return found


@dataclass(frozen=True)
class PdfResult:
    """A written PDF and how many sheets it has."""

    job: PdfJob
    pages: int


def find_chromium(explicit: str | None = None) -> str:
    """The Chromium binary to use: `explicit`, else `$CHROMIUM`, else `chromium` on PATH.

    Raises:
        PdfError: when the given path is not a program, or no Chromium is found.
    """
    if explicit:
        found = shutil.which(explicit)
        if found is None:
            raise PdfError(f"no Chromium at '{explicit}': give the path of a Chromium program")
        return found
    found = chromium_path()
    if found is not None:
        return found
    raise PdfError(
        "no Chromium found: install Debian's chromium (sudo apt-get install chromium) "
        "or pass --chromium PATH"
    )


def built_file(site_dir: Path, uri: str) -> tuple[Path, str] | None:
    """Where MkDocs wrote the page made from `uri` (`handouts/x.md`), with directory URLs or
    without, and the page's URL path; None if the site has no such page."""
    stem = uri.removesuffix(".md")
    for candidate, url_path in (
        (site_dir / stem / "index.html", stem + "/"),
        (site_dir / f"{stem}.html", f"{stem}.html"),
    ):
        if candidate.is_file():
            return candidate, url_path
    return None


def plan_jobs(
    site_dir: Path,
    out_dir: Path,
    treatment_ids: Sequence[str],
    with_pages: bool,
    language: LanguageSite | None = None,
    with_sheets: bool = False,
) -> list[PdfJob]:
    """The PDFs to make: `<out>/<id>.pdf` per handout; with `with_pages`,
    `<out>/treatments/<id>.pdf` per treatment page; with `with_sheets`,
    `<out>/screening/<id>.pdf` and `<out>/consent/<id>.pdf` per treatment (the staff sheets).

    Args:
        site_dir: the built site (served from its root).
        out_dir: where this language's PDFs go.
        treatment_ids: the treatments.
        with_pages: print the treatment pages too.
        language: the language site to print (default: the one at `site_dir`'s root).
        with_sheets: print the screening checklists and consent discussion records too.

    Raises:
        PdfError: when the site has not been built (or was built before a treatment was added).
    """
    lang = language or LanguageSite("", site_dir, "")
    wanted = [(handout_uri(tid), out_dir / f"{tid}.pdf") for tid in treatment_ids]
    if with_pages:
        wanted += [(treatment_uri(t), out_dir / "treatments" / f"{t}.pdf") for t in treatment_ids]
    if with_sheets:
        for uri_of, folder in ((screening_uri, "screening"), (consent_uri, "consent")):
            wanted += [(uri_of(t), out_dir / folder / f"{t}.pdf") for t in treatment_ids]
    jobs, missing = [], []
    for uri, target in wanted:
        found = built_file(lang.site_dir, uri)
        if found is None:
            missing.append(lang.prefix + uri.removesuffix(".md") + "/")
        else:
            jobs.append(PdfJob(lang.prefix + found[1], target, lang.code))
    if missing:
        raise PdfError(
            f"the built site in '{site_dir}' has no page for {', '.join(missing)}: "
            "build the site first (mkdocs build), then run clinicdocs pdf"
        )
    return jobs


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:
        """Drop the request log line."""


class _QuietServer(http.server.ThreadingHTTPServer):
    """Chromium drops connections it no longer needs (a font or script already cached), which
    the standard server reports with a traceback; that is not a problem worth showing."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore a connection the browser closed; report anything else as usual."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve_site(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1 and a free port until exit; yields the base URL.

    Over HTTP rather than file://, so directory URLs (`handouts/x/`) open their index.html.
    """
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    with serve_until_exit(_QuietServer(("127.0.0.1", 0), handler)) as base:
        yield base


@contextmanager
def serve_until_exit(server: http.server.HTTPServer, prefix: str = "/") -> Iterator[str]:
    """Run a loopback `server` in a background thread until exit; yields its base URL, which
    ends with `prefix`. The server is shut down and closed on the way out."""
    thread = threading.Thread(target=server.serve_forever, name="clinicdocs-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


_PAGES_COUNT_RE = re.compile(
    rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b"
)


def pdf_page_count(data: bytes) -> int:
    """The number of pages in a PDF Chromium wrote: the `/Count` of its page tree's root, which
    counts every page (Chromium's PDFs keep the page tree uncompressed)."""
    counts = [int(a or b) for a, b in _PAGES_COUNT_RE.findall(data)]
    if not counts:
        raise PdfError("Chromium wrote a PDF without a page tree")
    return max(counts)


def render_pdfs(
    site_dir: Path,
    jobs: Sequence[PdfJob],
    paper: Paper = "A4",
    chromium: str | None = None,
    progress: Callable[[int, int, PdfResult], None] | None = None,
) -> list[PdfResult]:
    """Print each job's page to PDF with headless Chromium, with print media.

    Args:
        site_dir: the built site.
        jobs: what to print (see `plan_jobs`).
        paper: `A4` or `Letter`; margins come from the print stylesheet's `@page` rule.
        chromium: the Chromium binary (see `find_chromium`).
        progress: called after each PDF with its position, the total and the result.

    Raises:
        PdfError: when Playwright is not installed or Chromium cannot be started.
    """
    executable = find_chromium(chromium)
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PdfError("clinicdocs pdf needs Playwright: pip install 'clinicdocs[pdf]'") from None
    results: list[PdfResult] = []
    with serve_site(site_dir) as base, sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except PlaywrightError as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            raise PdfError(f"could not start Chromium '{executable}': {first_line}") from None
        try:
            page = browser.new_page()
            page.emulate_media(media="print")
            # On screen a late font is skipped rather than swapped in (fonts.py); a PDF waits.
            page.route(f"**/{FONT_STYLESHEET}", _fonts_for_printing)
            for number, job in enumerate(jobs, start=1):
                page.goto(base + job.url_path, wait_until="load")
                # An Arabic or Chinese page's own fonts (fonts.py) must be in before printing.
                page.evaluate("document.fonts.ready.then(() => true)")
                # Figures load lazily on screen; on paper every one must be there, however
                # busy the machine (Chromium's own print-time loading does not wait for them).
                page.evaluate(_LOAD_IMAGES)
                data = page.pdf(format=paper, print_background=True)
                job.target.parent.mkdir(parents=True, exist_ok=True)
                job.target.write_bytes(data)
                result = PdfResult(job, pdf_page_count(data))
                results.append(result)
                if progress is not None:
                    progress(number, len(jobs), result)
        finally:
            browser.close()
    return results


_LOAD_IMAGES = """() => Promise.all([...document.images].map(image => {
    image.loading = "eager";
    return image.complete ? null : new Promise(done => {
        image.addEventListener("load", done, {once: true});
        image.addEventListener("error", done, {once: true});
    });
}))"""


def _fonts_for_printing(route: Route) -> None:
    response = route.fetch()
    route.fulfill(response=response, body=for_printing(response.text()))


_PDF_SLOT_RE = re.compile(
    r'<span class="cd-pdf-link" id="pdf-([a-z0-9-]+)">(?:<a [^>]*>[^<]*</a>)?</span>'
)


def link_pdfs(site_dir: Path, pdf_dir: Path, paper: Paper, language: Language | None = None) -> int:
    """Show a "PDF" link on the built handout pages and the handouts index for every handout
    that now has a PDF in `pdf_dir` (which must be inside the site to be served with it).

    The pages carry an empty `<span class="cd-pdf-link" id="pdf-<id>">` from the build (hidden
    while empty); this fills it. A later `mkdocs build` empties `site/`, PDFs and links alike,
    so run `clinicdocs pdf` after every build.

    Args:
        site_dir: the built site.
        pdf_dir: where the PDFs are.
        paper: the paper size, named in the link.
        language: the language of the link's text (default English).

    Returns:
        The number of pages changed.
    """
    link_text = html.escape((language or english()).t("handout.pdf_link", paper=paper))
    site_dir, pdf_dir = site_dir.resolve(), pdf_dir.resolve()
    if not pdf_dir.is_relative_to(site_dir):
        return 0
    changed = 0
    handouts = site_dir / "handouts"
    pages = sorted(handouts.rglob("*.html")) if handouts.is_dir() else []
    for page_file in pages:
        text = page_file.read_text(encoding="utf-8")

        def fill(match: re.Match[str], page_dir: Path = page_file.parent) -> str:
            tid = match.group(1)
            pdf = pdf_dir / f"{tid}.pdf"
            if not pdf.is_file():
                return match.group(0)
            href = html.escape(Path(os.path.relpath(pdf, page_dir)).as_posix())
            return (
                f'<span class="cd-pdf-link" id="pdf-{tid}">'
                f'<a href="{href}" type="application/pdf">{link_text}</a></span>'
            )

        new_text = _PDF_SLOT_RE.sub(fill, text)
        if new_text != text:
            page_file.write_text(new_text, encoding="utf-8")
            changed += 1
    return changed
