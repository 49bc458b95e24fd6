"""`clinicdocs new`: start a record, or a record's translation, from a skeleton."""

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
    """Start a new record from a complete skeleton with a comment on every field."""


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
