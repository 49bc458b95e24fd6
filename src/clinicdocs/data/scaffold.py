"""`clinicdocs new`: a new project, or a new record from a skeleton with every section and a
comment on each field.

The skeleton is valid data (it passes `clinicdocs validate`, so the preview shows the page at once)
but every value an editor must write is marked "TODO", which `clinicdocs lint` reports as an error
and `mkdocs build --strict` therefore refuses to publish.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from clinicdocs import __version__
from clinicdocs.data.folders import staging_folder, swap_into_place
from clinicdocs.data.kinds import KINDS, RECORD_FOLDERS
from clinicdocs.data.naming import YAML_SUFFIXES, is_slug, suggest_slug
from clinicdocs.data.schema import json_schemas

SKELETONS = Path(__file__).parents[1] / "skeletons"


class ScaffoldError(Exception):
    """The skeleton cannot be written; the message says why and what to do."""


def id_problem(record_id: str) -> str | None:
    """What is wrong with `record_id` as a record id, or None when it is fine."""
    if is_slug(record_id) and len(record_id) <= 80:
        return None
    suggestion = suggest_slug(record_id)
    hint = f", e.g. '{suggestion[:80]}'" if suggestion else ""
    return (
        f"'{record_id}' is not a valid id; use lowercase letters, digits and single hyphens{hint}"
    )


def skeleton(kind: str, record_id: str, first_concern: str | None = None) -> str:
    """The skeleton's text for a new record of `kind` (`treatments` or `concerns`)."""
    text = (SKELETONS / KINDS[kind].skeleton).read_text(encoding="utf-8")
    name = record_id.replace("-", " ").capitalize()
    return text.replace("__NAME__", name).replace("__CONCERN__", first_concern or "replace-me")


def write_skeleton(data_dir: Path, kind: str, record_id: str) -> Path:
    """Write `data_dir/<kind>/<record_id>.yml`, refusing to overwrite an existing record.

    A new treatment names the first existing concern (in id order), so the skeleton is valid;
    its comment says to replace it.

    Raises:
        ScaffoldError: when the id is taken or the data folder is missing.
    """
    if not data_dir.is_dir():
        raise ScaffoldError(f"data folder '{data_dir}' not found; run this in the project folder")
    folder = data_dir / kind
    for suffix in YAML_SUFFIXES:
        existing = folder / f"{record_id}{suffix}"
        if existing.exists():
            raise ScaffoldError(
                f"{kind}/{existing.name} already exists; it was not changed. Edit it, or "
                "choose another id"
            )
    concerns = data_dir / "concerns"
    first = None
    if concerns.is_dir():
        ids = sorted(p.stem for p in concerns.iterdir() if p.suffix in YAML_SUFFIXES)
        first = next((i for i in ids if is_slug(i)), None)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{record_id}.yml"
    # "x": never replaces a file that appeared since the check above.
    with target.open("x", encoding="utf-8") as out:
        out.write(skeleton(kind, record_id, first))
    return target


SITE_SKELETON = SKELETONS / "site"
"""A new project's files (`clinicdocs new site`), with `__NAME__`-style markers filled in."""

EXAMPLE = SKELETONS / "example"
"""The example treatment and its concerns: copies of the sample project's, facts and all (a test
keeps them equal), so a new site starts with content that passes validation and lint."""

_RENAMED = {"gitignore": ".gitignore", "github": ".github"}
"""Skeleton names stored without their dot: the package's build leaves dot files alone."""


SITE_HEADINGS = ("home", "concerns", "treatments")
"""The home page's texts in the site's first language (`nav.<key>` in the message files)."""


def site_files(
    name: str,
    languages: Sequence[str],
    headings: Mapping[str, str],
    *,
    example: bool,
    covers: str | None = None,
) -> dict[str, str]:
    """A new project's files, by path relative to its folder.

    Args:
        name: the clinic's name (clinic.yml's `name`, the site's title).
        languages: the site's language codes, the data's own first.
        headings: the home page's title and headings (`SITE_HEADINGS`), in the first language.
        example: with the sample's laser treatment and its concerns; without, a treatment and a
            concern skeleton full of TODOs (valid, so the preview shows them, but `clinicdocs
            lint` and `mkdocs build --strict` refuse them until they are written).
        covers: what the site covers ('skin', 'teeth'; clinic.yml's `covers`), or None for a
            TODO asking for it.
    """
    quoted_name = json.dumps(name, ensure_ascii=False)  # a JSON string is a YAML scalar too
    markers = {
        "__CLINIC_NAME__": quoted_name,
        "__SITE_NAME__": name,
        "__LANGUAGES__": ", ".join(languages),
        "__LANGUAGE__": languages[0],
        "__COVERS__": _covers_lines(covers),
        "__VERSION__": __version__,
        **{f"__{key.upper()}__": headings[key] for key in SITE_HEADINGS},
    }
    files: dict[str, str] = {}
    for path in sorted(SITE_SKELETON.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(SITE_SKELETON)
        parts = [_RENAMED.get(part, part) for part in relative.parts]
        text = path.read_text(encoding="utf-8")
        for marker, value in markers.items():
            # YAML files take the name quoted; Markdown and comments take it as written.
            value = value if marker != "__SITE_NAME__" or relative.suffix != ".yml" else quoted_name
            text = text.replace(marker, value)
        files["/".join(parts)] = text
    if example:
        for path in sorted(EXAMPLE.rglob("*.yml")):
            files[path.relative_to(EXAMPLE).as_posix()] = path.read_text(encoding="utf-8")
    else:
        files["data/concerns/my-concern.yml"] = skeleton("concerns", "my-concern")
        files["data/treatments/my-treatment.yml"] = skeleton(
            "treatments", "my-treatment", "my-concern"
        )
    for schema_name, document in json_schemas().items():
        files[f"schema/{schema_name}"] = json.dumps(document, indent=2) + "\n"
    return files


def _covers_lines(covers: str | None) -> str:
    """clinic.yml's `covers` line with its comment, or a TODO asking for it."""
    if covers is not None:
        return (
            '# What the site covers, as it reads before "concerns" ("Skin concerns").\n'
            f"covers: {json.dumps(covers, ensure_ascii=False)}"
        )
    return (
        '# TODO: what the site covers, as it reads before "concerns" ("Skin concerns"), e.g. '
        "skin,\n# teeth, skin and teeth; then uncomment it. Left out, pages name no domain "
        '("Concerns").\n# covers: skin'
    )


def write_site(
    folder: Path,
    name: str,
    languages: Sequence[str],
    headings: Mapping[str, str],
    *,
    example: bool,
    covers: str | None = None,
) -> list[str]:
    """Write a new project into `folder`, which must be missing or empty; all of it or nothing.

    The files are written into a temporary folder beside it, which then takes its place in one
    rename, so an error part-way leaves nothing behind.

    Returns:
        The paths written, relative to `folder`.

    Raises:
        ScaffoldError: when `folder` is a file or holds anything.
    """
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"'{folder}' is a file; choose a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError(
            f"'{folder}' is not empty; nothing was written. Choose a new or empty folder"
        )
    files = site_files(name, languages, headings, example=example, covers=covers)
    staging = staging_folder(folder, "new")
    try:
        for relative, text in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        # Folders a clinic fills later; git keeps no empty folder, so they stay visible in files.
        for folder_name in RECORD_FOLDERS:
            (staging / "data" / folder_name).mkdir(parents=True, exist_ok=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_into_place(staging, folder)
    return list(files)
