"""The `clinicdocs` command line: options and help only; the work lives in the other modules."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from clinicdocs import __version__
from clinicdocs.errors import DataError, Problem, shown_path

if TYPE_CHECKING:
    from clinicdocs.data.site import SiteData
    from clinicdocs.generate.pages import GeneratedSite
    from clinicdocs.i18n.language import Language

project_option = click.option(
    "--project",
    "-p",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="The project folder (it holds mkdocs.yml, data/ and templates/).",
)


def out_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The `--out DIR` option of the commands that write files."""
    return click.option(
        "--out",
        "-o",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=help_text,
    )


class DataProblems(click.ClickException):
    """Bad data: every problem on its own line, exit code 1, no traceback."""

    exit_code = 1

    def __init__(self, error: DataError) -> None:
        super().__init__(error.report())

    def show(self, file: object = None) -> None:
        click.echo(self.message, err=True)


@click.group()
@click.version_option(__version__, prog_name="clinicdocs")
def main() -> None:
    """Build patient-education pages from treatment data in data/."""


def _mkdocs_config(project: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as plain data, or {} when there is none (or it is broken:
    mkdocs reports a broken mkdocs.yml itself, better than we could)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    config_file = next(
        (project / name for name in ("mkdocs.yml", "mkdocs.yaml") if (project / name).is_file()),
        None,
    )
    if config_file is None:
        return {}
    try:
        # Round-trip mode accepts the `!!python/name:` and `!ENV` tags MkDocs configs use.
        config: Any = YAML(typ="rt").load(config_file.read_text(encoding="utf-8"))
    except (YAMLError, OSError, ValueError):
        return {}
    return config if isinstance(config, dict) else {}


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The options under `plugins: - clinicdocs:` in a loaded mkdocs.yml."""
    plugins = config.get("plugins") or []
    for entry in plugins if isinstance(plugins, list) else [plugins]:
        options = entry.get("clinicdocs") if isinstance(entry, dict) else None
        if isinstance(options, dict):
            return options
    return {}


def _project_settings(project: Path) -> dict[str, str]:
    """The folders a build of `project` uses: `docs_dir` from its mkdocs.yml, and `data_dir` and
    `templates_dir` from the clinicdocs plugin's options there, so that the commands check and
    export what `mkdocs build` would.

    Args:
        project: the project folder.

    Returns:
        `docs_dir`, `site_dir`, `data_dir` and `templates_dir`, relative to the project,
        `language` (the theme's, default `en`), and `site_url` and `clinic_file` when mkdocs.yml
        sets them.
    """
    settings = {
        "docs_dir": "docs",
        "site_dir": "site",
        "data_dir": "data",
        "templates_dir": "templates",
        "language": "en",
    }
    config = _mkdocs_config(project)
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("language"), str):
        settings["language"] = theme["language"]
    for key in ("docs_dir", "site_dir", "site_url"):
        if isinstance(config.get(key), str):
            settings[key] = config[key]
    options = _plugin_options(config)
    for key in ("data_dir", "templates_dir", "clinic_file"):
        if isinstance(options.get(key), str):
            settings[key] = options[key]
    return settings


def _languages(project: Path) -> tuple[str, ...]:
    """The site's language codes from mkdocs.yml (`plugins: - clinicdocs: languages: [en,
    ar]`), the source language first; the theme's language alone when none are declared. A
    list that is not one of language codes exits 1 with the message the build gives."""
    from clinicdocs.generate.languages import LanguageConfigError, language_codes

    config = _mkdocs_config(project)
    theme = config.get("theme")
    theme_language = theme.get("language") if isinstance(theme, dict) else None
    try:
        return tuple(
            language_codes(
                _plugin_options(config).get("languages"),
                theme_language if isinstance(theme_language, str) else None,
            )
        )
    except LanguageConfigError as exc:
        raise click.ClickException(f"Config value 'plugins.clinicdocs.languages': {exc}") from None


def _load_languages_and_generate(
    project: Path, clinic_file: Path | None = None
) -> tuple[list[Language], SiteData, GeneratedSite]:
    """Check and render the project as `mkdocs build` would: every language's messages, the
    data with its translations, the source language's pages; bad data exits 1."""
    from clinicdocs.generate.languages import load_site_in_languages

    settings = _project_settings(project)
    try:
        return load_site_in_languages(
            project,
            project / settings["data_dir"],
            project / settings["templates_dir"],
            project / settings["docs_dir"],
            settings.get("site_url"),
            _clinic_file(project, clinic_file, settings),
            _languages(project),
        )
    except DataError as exc:
        raise DataProblems(exc.relative_to(project)) from None


def _load_and_generate(
    project: Path, clinic_file: Path | None = None
) -> tuple[SiteData, GeneratedSite]:
    """Check and render the project as `mkdocs build` would, translations included; bad data
    exits 1."""
    _, site, generated = _load_languages_and_generate(project, clinic_file)
    return site, generated


def _language_sites(
    project: Path, clinic_file: Path | None = None
) -> Iterator[tuple[Language, SiteData, GeneratedSite]]:
    """Every language's data and generated pages, source first, as the build makes them; bad
    data exits 1."""
    from clinicdocs.generate.languages import generate_language, make_plan

    languages, site, generated = _load_languages_and_generate(project, clinic_file)
    yield languages[0], site, generated
    if len(languages) == 1:
        return
    settings = _project_settings(project)
    try:
        plan = make_plan(
            site, languages, project / settings["docs_dir"], project, settings.get("site_url")
        )
        for language in languages[1:]:
            translated, pages = generate_language(
                plan, language.code, site, project / settings["templates_dir"] / "pages"
            )
            yield language, translated, pages
    except DataError as exc:
        raise DataProblems(exc.relative_to(project)) from None


clinic_option = click.option(
    "--clinic",
    "-c",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Use this clinic file instead of data/clinic.yml (one content folder, several clinics).",
)


def _clinic_file(project: Path, given: Path | None, settings: dict[str, str]) -> Path | None:
    """The clinic file a build uses: the one given on the command line (relative to where the
    command runs), else the plugin's `clinic_file` in mkdocs.yml (relative to the project), else
    None (`data/clinic.yml`)."""
    if given is not None:
        return given.resolve()
    if "clinic_file" in settings:
        return project / settings["clinic_file"]
    return None


@main.command()
@project_option
@clinic_option
def validate(project: Path, clinic: Path | None) -> None:
    """Check data/, the page templates and docs/, and print each problem as
    file:line:col: field: message. Exits with 1 if there is any problem."""
    sites = list(_language_sites(project, clinic))
    _, site, _ = sites[0]
    glossary = len(site.glossary.terms) if site.glossary else 0
    click.echo(
        f"data is valid: {len(site.treatments)} treatments, {len(site.concerns)} concerns, "
        f"{glossary} glossary terms."
    )
    if len(site.languages) > 1:
        from clinicdocs.translations.state import translation_summary

        click.echo(translation_summary(site))


@main.command()
@project_option
@out_option("Folder to write the Markdown pages into.")
def export(project: Path, out: Path) -> None:
    """Write the generated Markdown pages to a folder, for use with any Markdown site tool.
    Other languages than the source go into `<code>/` subfolders, as on the site."""
    from clinicdocs.generate.glossary import abbreviation_lines

    for number, (language, site, generated) in enumerate(_language_sites(project)):
        folder = out if number == 0 else out / language.code
        glossary = abbreviation_lines(site.glossary)
        for uri, content in generated.pages.items():
            target = folder / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content + glossary, encoding="utf-8")
        click.echo(f"wrote {len(generated.pages)} pages to {folder}")


@main.command()
@project_option
@clinic_option
@click.option(
    "--site-dir",
    "-d",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to put the site [default: mkdocs.yml's site_dir, usually site/].",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Build for opening from disk (file://) with no network: sets CLINICDOCS_OFFLINE=true, "
    "which mkdocs.yml passes to Material's offline plugin.",
)
def build(project: Path, clinic: Path | None, site_dir: Path | None, offline: bool) -> None:
    """Build the site with MkDocs, branded for a clinic. The site folder is replaced only when
    the build succeeds; a failed build leaves the previous site as it was."""
    from clinicdocs.plugin.build import BuildFailed, build_site

    # Checked first, so bad data is reported in the usual one-line-per-problem form.
    _load_and_generate(project, clinic)
    try:
        target = build_site(project, clinic_file=clinic, site_dir=site_dir, offline=offline)
    except BuildFailed as exc:
        raise click.ClickException(
            f"{exc}\nThe previous site, if any, was left as it was."
        ) from None
    click.echo(f"built the site into {target}")


@main.command()
@out_option("Folder to write the JSON Schema files into.")
def schema(out: Path) -> None:
    """Write a JSON Schema for each kind of data file (for editor autocompletion)."""
    from clinicdocs.data.schema import json_schemas

    out.mkdir(parents=True, exist_ok=True)
    for name, document in json_schemas().items():
        (out / name).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        click.echo(f"wrote {out / name}")


@main.command()
@project_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one finding a line; json: every finding and each page's reading grade.",
)
@click.option("--strict", is_flag=True, help="Exit with 1 on warnings too, not only on errors.")
def lint(project: Path, output_format: str, strict: bool) -> None:
    """Check the content: reading grade, claims, safety sections, review dates, glossary use
    and placeholders. Prints file:line:col: field: severity[rule]: message; suggestion.
    Options come from mkdocs.yml (plugins: - clinicdocs: lint: ...)."""
    from clinicdocs.lint.rules import lint_settings, lint_site

    try:
        settings = lint_settings(_plugin_options(_mkdocs_config(project)).get("lint"))
    except ValueError as exc:
        raise click.ClickException(f"mkdocs.yml: plugins.clinicdocs.lint.{exc}") from None
    site, _ = _load_and_generate(project)
    docs = project / _project_settings(project)["docs_dir"]
    pages = {p.as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}
    report = lint_site(site, settings, extra_texts=pages)
    if output_format == "json":
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        for finding in report.findings:
            click.echo(str(finding))
        click.echo(
            f"{report.errors} error{'s' if report.errors != 1 else ''}, "
            f"{report.warnings} warning{'s' if report.warnings != 1 else ''}.",
            err=True,
        )
    if report.errors or (strict and report.warnings):
        raise SystemExit(1)


@main.group()
def new() -> None:
    """Start a new record from a complete skeleton with a comment on every field."""


def _new_record(project: Path, kind: str, record_id: str) -> None:
    from clinicdocs.data.scaffold import ScaffoldError, write_skeleton

    data_dir = project / _project_settings(project)["data_dir"]
    try:
        written = write_skeleton(data_dir, kind, record_id)
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
    shown = written.relative_to(project) if written.is_relative_to(project) else written
    click.echo(f"wrote {shown.as_posix()}; replace each TODO, then run `clinicdocs lint`")


def _check_id(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from clinicdocs.data.scaffold import id_problem

    problem = id_problem(value)
    if problem:
        raise click.BadParameter(problem)
    return value


@new.command("treatment")
@click.argument("record_id", metavar="ID", callback=_check_id)
@project_option
def new_treatment(record_id: str, project: Path) -> None:
    """Write data/treatments/ID.yml, a draft treatment with every section (refuses to
    overwrite)."""
    _new_record(project, "treatments", record_id)


@new.command("concern")
@click.argument("record_id", metavar="ID", callback=_check_id)
@project_option
def new_concern(record_id: str, project: Path) -> None:
    """Write data/concerns/ID.yml, a concern skeleton (refuses to overwrite)."""
    _new_record(project, "concerns", record_id)


@new.command("translation")
@click.argument("key", metavar="RECORD")
@click.argument("code", metavar="LANGUAGE")
@project_option
@clinic_option
def new_translation(key: str, code: str, project: Path, clinic: Path | None) -> None:
    """Write RECORD's translation into LANGUAGE, beside its source, with the source's texts to
    replace and its current version (refuses to overwrite). RECORD is treatments/ID,
    concerns/ID, glossary or clinic; LANGUAGE one of mkdocs.yml's languages, e.g. ar."""
    import os

    from clinicdocs.translations.authoring import load_source, source_path, translation_skeleton

    languages = _languages(project)
    if code not in languages[1:]:
        raise click.ClickException(
            f"'{code}' is not one of the site's languages to translate into ("
            + (", ".join(languages[1:]) or "none; the site has one language")
            + f"; the source language is {languages[0]}). Add it to mkdocs.yml: plugins: - "
            "clinicdocs: languages: [...]"
        )
    data_dir, clinic_path = _translation_places(project, clinic)
    try:
        source = source_path(data_dir, clinic_path, key)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="RECORD") from None
    try:
        record = load_source(source, key, project)
    except DataError as exc:
        raise DataProblems(exc.relative_to(project)) from None
    target = source.with_name(f"{source.stem}.{code}.yml")
    schema_dir = Path(os.path.relpath(project / "schema", target.parent)).as_posix()
    try:
        with target.open("x", encoding="utf-8") as out:
            out.write(translation_skeleton(record, key, code, schema_dir))
    except FileExistsError:
        raise click.ClickException(
            f"{shown_path(target, project)} already exists; it was not changed"
        ) from None
    click.echo(
        f"wrote {shown_path(target, project)}; translate each text, then run `clinicdocs validate`"
    )


def _translation_places(project: Path, clinic: Path | None) -> tuple[Path, Path]:
    """The data folder and the clinic file whose translations the commands handle."""
    settings = _project_settings(project)
    data_dir = project / settings["data_dir"]
    return data_dir, _clinic_file(project, clinic, settings) or data_dir / "clinic.yml"


@main.group(invoke_without_command=True)
@project_option
@clinic_option
@click.pass_context
def translations(ctx: click.Context, project: Path, clinic: Path | None) -> None:
    """Show each record's translation state in each of the site's languages: current,
    outdated (its source changed since) or missing, and draft or reviewed."""
    if ctx.invoked_subcommand is not None:
        return
    from clinicdocs.translations.state import status_table

    site, _ = _load_and_generate(project, clinic)
    if len(site.languages) < 2:
        click.echo(
            f"the site has one language ({site.languages[0]}); declare more in mkdocs.yml: "
            "plugins: - clinicdocs: languages: [en, ar]"
        )
        return
    rows = status_table(site)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


@translations.command("stamp")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@project_option
@clinic_option
def translations_stamp(files: tuple[Path, ...], project: Path, clinic: Path | None) -> None:
    """Record in each translation FILE that it matches its source's current text (sets
    translation.source_version). Run it after bringing a translation up to date."""
    from clinicdocs.translations.authoring import load_source, source_path, stamp, translation_key
    from clinicdocs.translations.text import source_version

    data_dir, clinic_path = _translation_places(project, clinic)
    problems: list[Problem] = []
    for file in files:
        path = file.resolve()
        shown = shown_path(path, project.resolve())
        try:
            key, _ = translation_key(data_dir, clinic_path, path)
            version = source_version(
                load_source(source_path(data_dir, clinic_path, key), key, project)
            )
            changed = stamp(path, version)
        except ValueError as exc:
            problems.append(Problem.about_file(shown, str(exc)))
            continue
        except DataError as exc:
            problems.extend(exc.relative_to(project).problems)
            continue
        click.echo(f"{shown}: source_version {version}" + ("" if changed else " (unchanged)"))
    if problems:
        raise DataProblems(DataError(problems))


@main.command()
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
    chromium: str | None,
) -> None:
    """Print every aftercare handout of the built site to PDF with headless Chromium.

    Build the site first (mkdocs build); run this again after every build, which empties the
    site folder.
    """
    import time

    from clinicdocs.pdf.printer import (
        Paper,
        PdfError,
        PdfResult,
        find_chromium,
        language_sites,
        link_pdfs,
        plan_jobs,
        render_pdfs,
    )

    started = time.perf_counter()
    settings = _project_settings(project)
    site_dir = site_dir if site_dir is not None else project / settings["site_dir"]
    size: Paper = "Letter" if paper.casefold() == "letter" else "A4"

    def report(number: int, total: int, result: PdfResult) -> None:
        sheets = f"{result.pages} page{'s' if result.pages != 1 else ''}"
        job = result.job
        click.echo(f"[{number}/{total}] {job.language}: {job.url_path} -> {job.target} ({sheets})")

    try:
        browser = find_chromium(chromium)
        site, _ = _load_and_generate(project)
        # The source language's PDFs go where they always did (site/pdf/, or --out); each other
        # language's into its own site (site/ar/pdf/), or a folder named after it in --out.
        languages = language_sites(site_dir)
        outputs = [
            (
                language,
                (language.site_dir / "pdf")
                if out is None
                else (out / language.prefix if language.prefix else out),
            )
            for language in languages
        ]
        jobs = [
            job
            for language, folder in outputs
            for job in plan_jobs(site_dir, folder, sorted(site.treatments), with_pages, language)
        ]
        click.echo(f"printing {len(jobs)} pages of the site to PDF ({size} paper) with {browser}")
        if len(languages) > 1:
            click.echo("languages: " + ", ".join(language.code for language in languages))
        results = render_pdfs(site_dir, jobs, size, browser, progress=report)
    except PdfError as exc:
        raise click.ClickException(str(exc)) from None
    from clinicdocs.i18n.language import load_language

    linked = 0
    for language, folder in outputs:
        # Each language's "PDF (A4)" link in its own words.
        try:
            messages = load_language(language.code, project)
        except DataError as exc:
            raise DataProblems(exc.relative_to(project)) from None
        linked += link_pdfs(language.site_dir, folder, size, messages)
    elapsed = time.perf_counter() - started
    pages = sum(result.pages for result in results)
    folders = ", ".join(str(folder) for _, folder in outputs)
    click.echo(
        f"wrote {len(results)} PDFs ({pages} pages in all) to {folders} in {elapsed:.1f} s"
        + (f"; linked them from {linked} handout pages" if linked else "")
    )
