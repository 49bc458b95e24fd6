"""`clinicdocs export`: the generated Markdown pages, written to a folder; and `export care`,
the care texts for a clinic's practice software."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from clinicdocs.cli.common import (
    clinic_option,
    every_language,
    load_checked,
    open_project,
    out_option,
    project_option,
    reported,
)

# The group takes `--out` for the pages (`clinicdocs export --out DIR`, as before there was a
# sub-command), so it cannot be required: `clinicdocs export care --out DIR` gives it to `care`.
_pages_out = click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write the Markdown pages into (required without a sub-command).",
)


@click.group(invoke_without_command=True)
@project_option
@_pages_out
@click.pass_context
def export(ctx: click.Context, project: Path, out: Path | None) -> None:
    """Write the generated Markdown pages to a folder, for use with any Markdown site tool.
    Other languages than the source go into `<code>/` subfolders, as on the site; each folder
    holds the figures' images its pages show.
    `clinicdocs export care` writes the care texts for a practice system instead."""
    if ctx.invoked_subcommand is not None:
        return
    if out is None:
        raise click.UsageError("Missing option '--out' / '-o'.", ctx)
    from clinicdocs.generate.glossary import abbreviation_lines
    from clinicdocs.generate.pages import figure_files

    for number, state in enumerate(every_language(open_project(project))):
        folder = out if number == 0 else out / state.code
        glossary = abbreviation_lines(state.site.glossary)
        for uri, content in state.generated.pages.items():
            target = folder / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content + glossary, encoding="utf-8")
        for uri, path in figure_files(state.site).items():
            (folder / uri).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, folder / uri)
        click.echo(f"wrote {len(state.generated.pages)} pages to {folder}")


@export.command("care")
@project_option
@clinic_option
@out_option(
    "Folder to write the care texts into. It is replaced as a whole, so it must be new, empty "
    "or an earlier care export."
)
@click.option(
    "--format",
    "-f",
    "formats",
    type=click.Choice(["json", "email", "sms"]),
    multiple=True,
    help="What to write (repeat for several; all three when left out): json (care.json with "
    "every text, and care.schema.json, its JSON Schema), email (per treatment and language: "
    "pre-care.txt, aftercare.html and aftercare.txt) or sms (sms.txt per treatment, and "
    "sms.csv with every reminder's day, characters, encoding and parts).",
)
@click.option(
    "--language",
    "-l",
    "languages",
    multiple=True,
    metavar="CODE",
    help="Only this language of the site (repeat for several); all when left out.",
)
def care(
    project: Path,
    clinic: Path | None,
    out: Path,
    formats: tuple[str, ...],
    languages: tuple[str, ...],
) -> None:
    """Write care texts for a practice system, per treatment and language: the pre-care text,
    the aftercare email (HTML with inline styles, no scripts or images, and plain text) and a
    text-message reminder for the first day of each aftercare stage, counted in characters and
    parts (160 GSM-7 or 70 UCS-2 characters per message).

    Each carries the clinic's phone and the link to the treatment's day-by-day page, ending
    `?date={treatment_date}`: the practice system puts the treatment date there (YYYY-MM-DD).
    Treatments not translated into a language are left out of it and listed. Bad data exits 1
    and writes nothing."""
    from clinicdocs.generate.care import FolderInUse, care_export, care_files, write_folder
    from clinicdocs.generate.pages import public_url

    opened = open_project(project, clinic)
    state = load_checked(opened)
    site_languages = state.plan.languages if state.plan is not None else [state.language]
    codes = [language.code for language in site_languages]
    unknown = [code for code in languages if code not in codes]
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)} is not a language of this site ({', '.join(codes)})",
            param_hint="'--language'",
        )
    with reported(opened.root):
        texts = care_export(
            state.site, site_languages, public_url(state.site, opened.site_url), languages
        )
    try:
        write_folder(care_files(texts, formats), out)
    except FolderInUse as exc:
        raise click.ClickException(str(exc)) from None
    messages = [m for text in texts.texts for m in text.text_messages]
    longer = sum(1 for m in messages if m.parts > 1)
    click.echo(
        f"wrote care texts for {len(texts.texts)} treatment(s) and language(s) to {out}: "
        f"{len(messages)} text message(s), {longer} of them in more than one part"
    )
    for missing in texts.not_translated:
        click.echo(f"not translated, left out: {missing}")
