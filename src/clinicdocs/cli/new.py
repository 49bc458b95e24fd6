"""`clinicdocs new`: start a site, a record, or a record's translation, from a skeleton."""

from __future__ import annotations

import os
from pathlib import Path

import click

from clinicdocs.cli.common import (
    clinic_option,
    open_project,
    project_option,
    reported,
)
from clinicdocs.errors import shown_path


@click.group()
def new() -> None:
    """Start a new site, or a new record from a complete skeleton with a comment on every
    field."""


@new.command("site")
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--name",
    "-n",
    help="The clinic's name (default: from DIR's name, e.g. riverside-skin: Riverside skin).",
)
@click.option(
    "--language",
    "-l",
    "languages",
    multiple=True,
    metavar="CODE",
    help="A language of the site, the data's own first; repeat for more (-l en -l ar). "
    "Default: en.",
)
@click.option(
    "--example/--no-example",
    default=True,
    show_default=True,
    help="Start with the sample's laser treatment and its concerns, in English (it builds at "
    "once), or with a treatment and a concern skeleton full of TODOs to replace.",
)
@click.option(
    "--covers",
    metavar="TEXT",
    help="What the site covers, as it reads before 'concerns': skin, teeth, 'skin and teeth' "
    "(clinic.yml's covers; pages then say 'Skin concerns'). Default: a TODO in clinic.yml.",
)
def new_site(
    folder: Path, name: str | None, languages: tuple[str, ...], example: bool, covers: str | None
) -> None:
    """Write a new site into DIR (new or empty): mkdocs.yml, data/ with clinic.yml, docs/, a
    README, requirements.txt and a GitHub Actions workflow that checks and publishes it."""
    from clinicdocs.data.scaffold import SITE_HEADINGS, ScaffoldError, write_site
    from clinicdocs.i18n.language import available_languages, load_language

    codes = list(languages) or ["en"]
    known = available_languages()
    for code in codes:
        if code not in known:
            raise click.BadParameter(
                f"'{code}' has no message file; choose from {', '.join(known)}",
                param_hint="--language",
            )
    if len(set(codes)) != len(codes):
        raise click.BadParameter("a language is listed twice", param_hint="--language")
    clinic = name or folder.resolve().name.replace("-", " ").replace("_", " ").capitalize()
    texts = load_language(codes[0])
    headings = {key: texts.t(f"nav.{key}") for key in SITE_HEADINGS}
    try:
        write_site(folder, clinic, codes, headings, example=example, covers=covers)
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"wrote a new site into {folder}; preview it with `mkdocs serve --livereload` there, "
        "and replace each TODO in data/clinic.yml (see its README.md)"
    )


def _check_id(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from clinicdocs.data.scaffold import id_problem

    problem = id_problem(value)
    if problem:
        raise click.BadParameter(problem)
    return value


def _new_record(folder: Path, kind: str, record_id: str) -> None:
    from clinicdocs.data.scaffold import ScaffoldError, write_skeleton

    project = open_project(folder)
    try:
        written = write_skeleton(project.data_dir, kind, record_id)
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"wrote {shown_path(written, project.root)}; replace each TODO, then run `clinicdocs lint`"
    )


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
    from clinicdocs.translations.authoring import load_source, source_path, translation_skeleton

    loaded = open_project(project, clinic)
    languages = loaded.languages
    if code not in languages[1:]:
        raise click.ClickException(
            f"'{code}' is not one of the site's languages to translate into ("
            + (", ".join(languages[1:]) or "none; the site has one language")
            + f"; the source language is {languages[0]}). Add it to mkdocs.yml: plugins: - "
            "clinicdocs: languages: [...]"
        )
    try:
        source = source_path(loaded.data_dir, loaded.clinic_path, key)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="RECORD") from None
    with reported(loaded.root):
        record = load_source(source, key, loaded.root)
    target = source.with_name(f"{source.stem}.{code}.yml")
    schema_dir = Path(os.path.relpath(loaded.root / "schema", target.parent)).as_posix()
    shown = shown_path(target, loaded.root)
    try:
        with target.open("x", encoding="utf-8") as out:
            out.write(translation_skeleton(record, key, code, schema_dir))
    except FileExistsError:
        raise click.ClickException(f"{shown} already exists; it was not changed") from None
    click.echo(f"wrote {shown}; translate each text, then run `clinicdocs validate`")
