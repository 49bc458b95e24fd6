"""`clinicdocs new`: a new record from a skeleton with every section and a comment on each field.

The skeleton is valid data (it passes `clinicdocs validate`, so the preview shows the page at once)
but every value an editor must write is marked "TODO", which `clinicdocs lint` reports as an error
and `mkdocs build --strict` therefore refuses to publish.
"""

from __future__ import annotations

from pathlib import Path

from clinicdocs.data.kinds import KINDS
from clinicdocs.data.naming import YAML_SUFFIXES, is_slug, suggest_slug

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
