"""`clinicdocs pdf`: print the built site's handouts (and pages, staff sheets) to PDF with
Chromium."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from clinicdocs.cli.common import load_checked, open_project, project_option, reported

if TYPE_CHECKING:
    from clinicdocs.pdf.printer import LanguageSite, Paper, PdfResult
    from clinicdocs.plugin.project import Project


@click.command()
@project_option
@click.option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The built site to print from.  [default: mkdocs.yml's site_dir, usually site/]",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the PDFs.  [default: pdf/ inside the built site, so the site serves them "
    "and the handouts link them]",
)
@click.option(
    "--paper",
    type=click.Choice(["A4", "Letter"], case_sensitive=False),
    default="A4",
    show_default=True,
    help="Paper size.",
)
@click.option(
    "--pages",
    "with_pages",
    is_flag=True,
    help="Also print every treatment page, into treatments/ in the output folder.",
)
@click.option(
    "--sheets",
    "with_sheets",
    is_flag=True,
    help="Also print every treatment's screening checklist and consent discussion record, "
    "into screening/ and consent/ in the output folder.",
)
@click.option(
    "--chromium",
    metavar="PATH",
    help="The Chromium program.  [default: $CHROMIUM, else chromium on PATH]",
)
def pdf(
    project: Path,
    site_dir: Path | None,
    out: Path | None,
    paper: str,
    with_pages: bool,
    with_sheets: bool,
    chromium: str | None,
) -> None:
    """Print every aftercare handout of the built site to PDF with headless Chromium.

    Build the site first (mkdocs build); run this again after every build, which empties the
    site folder.
    """
    from clinicdocs.pdf.printer import (
        PdfError,
        find_chromium,
        language_sites,
        plan_jobs,
        render_pdfs,
    )

    started = time.perf_counter()
    loaded = open_project(project)
    site_dir = site_dir if site_dir is not None else _built_site(project, loaded)
    size: Paper = "Letter" if paper.casefold() == "letter" else "A4"
    try:
        browser = find_chromium(chromium)
        treatments = sorted(load_checked(loaded).site.treatments)
        languages = language_sites(site_dir)
        outputs = [(language, _pdf_folder(language, out)) for language in languages]
        jobs = [
            job
            for language, folder in outputs
            for job in plan_jobs(site_dir, folder, treatments, with_pages, language, with_sheets)
        ]
        click.echo(f"printing {len(jobs)} pages of the site to PDF ({size} paper) with {browser}")
        if len(languages) > 1:
            click.echo("languages: " + ", ".join(language.code for language in languages))
        results = render_pdfs(site_dir, jobs, size, browser, progress=_progress)
    except PdfError as exc:
        raise click.ClickException(str(exc)) from None
    linked = _link_handouts(outputs, size, loaded.root)
    elapsed = time.perf_counter() - started
    pages = sum(result.pages for result in results)
    folders = ", ".join(str(folder) for _, folder in outputs)
    click.echo(
        f"wrote {len(results)} PDFs ({pages} pages in all) to {folders} in {elapsed:.1f} s"
        + (f"; linked them from {linked} handout pages" if linked else "")
    )


def _built_site(folder: Path, project: Project) -> Path:
    """mkdocs.yml's `site_dir`, named from the project folder as given (`site`, as the
    progress lines show it), or as it is when it lies outside the project."""
    site_dir = project.site_dir
    try:
        return folder / site_dir.resolve().relative_to(project.root)
    except ValueError:
        return site_dir


def _pdf_folder(language: LanguageSite, out: Path | None) -> Path:
    """Where a language's PDFs go: the source language's into `site/pdf/` (or `--out`), each
    other language's into its own site (`site/ar/pdf/`), or a folder named after it in
    `--out`."""
    if out is None:
        return language.site_dir / "pdf"
    return out / language.prefix if language.prefix else out


def _link_handouts(outputs: list[tuple[LanguageSite, Path]], size: Paper, root: Path) -> int:
    """Link each language's handouts to their PDFs, the link in that language's words; returns
    how many pages changed. A language's broken message file exits 1."""
    from clinicdocs.i18n.language import load_language
    from clinicdocs.pdf.printer import link_pdfs

    linked = 0
    with reported(root):
        for language, folder in outputs:
            messages = load_language(language.code, root)
            linked += link_pdfs(language.site_dir, folder, size, messages)
    return linked


def _progress(number: int, total: int, result: PdfResult) -> None:
    sheets = f"{result.pages} page{'s' if result.pages != 1 else ''}"
    job = result.job
    click.echo(f"[{number}/{total}] {job.language}: {job.url_path} -> {job.target} ({sheets})")
