"""Helping an editor write translations: a new translation's skeleton, stamping a translation as
matching its source, and finding a translation's source."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from clinicdocs.data.kinds import KINDS, RECORD_FOLDERS
from clinicdocs.data.models import (
    KEY_FIELD,
    translatable_mark,
)
from clinicdocs.data.naming import is_slug, translation_name
from clinicdocs.data.yaml import read_and_validate
from clinicdocs.errors import DataError, Problem, shown_path
from clinicdocs.translations.text import section_versions, source_version, translatable_text


def translation_skeleton(record: BaseModel, key: str, code: str, schema_dir: str) -> str:
    """A new translation file's text: the `translation:` block with the source's current
    version, then every translatable text of `record`, in English, to replace.

    A clinic's name, short name and address are left out: a translation may leave them out,
    and the source's are shown then.

    Args:
        record: the source record.
        key: its key, e.g. `treatments/full-laser`.
        code: the language code.
        schema_dir: the path from the new file's folder to `schema/`, for the editor comment.
    """
    from io import StringIO

    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    # An item with no text to translate (an alternative named by its id, a statement used by
    # id) is left out, and so is a list or group left with nothing to translate.
    texts = _with_text(translatable_text(record))
    assert isinstance(texts, dict)
    keyed = False
    for name, info in type(record).model_fields.items():
        mark = translatable_mark(info)
        if mark is not None and mark.optional:
            texts.pop(name, None)
        elif mark is not None and mark.keyed_by is not None and name in texts:
            # Each item names the source item it translates, first, so the translator sees
            # which one it is and may leave items out or reorder them.
            keyed = True
            # The key may be a field that is not translated (a statement's id).
            texts[name] = [
                {KEY_FIELD: str(getattr(source, mark.keyed_by)), **item}
                for source, item in zip(getattr(record, name), texts[name], strict=True)
            ]
    data = {
        "translation": {
            "source_version": source_version(record),
            "status": "draft",
            # Quoted: a version of only digits would be read back as a number.
            "sections": {
                name: DoubleQuotedScalarString(version)
                for name, version in section_versions(record).items()
            },
        },
        **texts,
    }
    yaml = YAML(typ="rt")
    yaml.width = 100
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = StringIO()
    yaml.dump(data, out)
    kind = key.split("/")[0]
    source_name = key.split("/")[-1] if "/" in key else key
    return (
        f"# yaml-language-server: $schema={schema_dir}/{KINDS[kind].translation_schema_file}\n"
        f"# The '{code}' translation of {source_name}.yml. Replace each text below with its\n"
        + (
            "# translation; keep each item's `source:` as it is (it names the item translated).\n"
            "# An item not yet translated may be left out. Then run `clinicdocs validate`.\n"
            if keyed
            else "# translation; keep every item, in the same order. Then run `clinicdocs "
            "validate`.\n"
        )
        + out.getvalue()
    )


def _with_text(value: Any) -> Any:
    """`translatable_text`'s plain data without the items, lists and groups that hold no text."""
    if isinstance(value, list):
        items = [_with_text(item) for item in value]
        return [item for item in items if item not in ({}, [])]
    if isinstance(value, dict):
        kept = {name: _with_text(one) for name, one in value.items()}
        return {name: one for name, one in kept.items() if one not in ({}, [])}
    return value


def stamp(path: Path, version: str, sections: dict[str, str] | None = None) -> bool:
    """Set the `translation.source_version` of the translation file at `path` to `version`,
    and its `translation.sections` to `sections` (each source section's version) when given,
    changing nothing else in the file (comments and layout stay as they are).

    Returns:
        True when the file changed, False when it already had that version (and sections).

    Raises:
        ValueError: when the file has no `source_version:` line under `translation:`.
    """
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(
        r"(?m)^(translation:[^\n]*\n(?:[ \t]+[^\n]*\n|[ \t]*\n)*?([ \t]+)source_version:[ \t]*)"
        r"(\"[^\"\n]*\"|'[^'\n]*'|[^\s#]*)"
    )
    match = pattern.search(text)
    if match is None:
        raise ValueError(
            "no 'source_version:' line under 'translation:'; add one (any value), then stamp again"
        )
    # Quoted: a version of only digits (or digits, 'e' and digits) would otherwise be read back
    # by YAML as a number and lose its leading zeros.
    new_text = text[: match.start(3)] + f'"{version}"' + text[match.end(3) :]
    if sections is not None:
        new_text = _with_sections(new_text, match.group(2), sections)
    if new_text == text:
        return False
    path.write_text(new_text, encoding="utf-8")
    return True


def _with_sections(text: str, indent: str, sections: dict[str, str]) -> str:
    """`text` with the `translation:` block's `sections:` mapping replaced by (or, without one,
    ended with) `sections`, indented as the block's other keys are."""
    block = re.search(r"(?m)^translation:[^\n]*\n((?:[ \t]+[^\n]*\n|[ \t]*\n)*)", text)
    assert block is not None  # the caller found `source_version:` in it
    body = block.group(1)
    # The old mapping: its key line, then every line indented deeper.
    body = re.sub(rf"(?m)^{indent}sections:[^\n]*\n(?:{indent}[ \t]+[^\n]*\n)*", "", body, count=1)
    kept = body.rstrip(" \t\n")
    trailing = body[len(kept) :].lstrip(" \t")
    lines = "".join(f'{indent}{indent}{name}: "{value}"\n' for name, value in sections.items())
    new_body = f"{kept}\n{indent}sections:\n{lines}" + trailing.removeprefix("\n")
    return text[: block.start(1)] + new_body + text[block.end(1) :]


def source_path(data_dir: Path, clinic_path: Path, key: str) -> Path:
    """The source file of the record `key` (`treatments/<id>`, `concerns/<id>`, `glossary`,
    `statements`, `clinic`).

    Raises:
        ValueError: when `key` is not a record key.
    """
    kind, _, record_id = key.partition("/")
    if kind in RECORD_FOLDERS and is_slug(record_id):
        return data_dir / kind / f"{record_id}.yml"
    if key in ("glossary", "statements"):
        return data_dir / f"{key}.yml"
    if key == "clinic":
        return clinic_path
    raise ValueError(
        f"'{key}' is not a record; write treatments/<id>, concerns/<id>, glossary, statements "
        "or clinic"
    )


def translation_key(data_dir: Path, clinic_path: Path, path: Path) -> tuple[str, str]:
    """The record key and language code of the translation file at `path`.

    Raises:
        ValueError: when `path` is not named and placed as a translation.
    """
    name = translation_name(path)
    if name is not None:
        record_id, code = name
        folder = path.resolve().parent
        for kind in RECORD_FOLDERS:
            if folder == (data_dir / kind).resolve():
                return f"{kind}/{record_id}", code
        if folder == data_dir.resolve() and record_id in ("glossary", "statements"):
            return record_id, code
        if folder == clinic_path.resolve().parent and record_id == clinic_path.stem:
            return "clinic", code
    raise ValueError(
        "is not a translation file; translations are named <id>.<code>.yml and lie beside "
        "their source, e.g. data/treatments/full-laser.ar.yml"
    )


def load_source(path: Path, key: str, root: Path | None) -> BaseModel:
    """Read and validate one source record.

    Raises:
        DataError: with its problems, when it is missing or invalid.
    """

    display = shown_path(path, root)
    if not path.is_file():
        raise DataError([Problem.about_file(display, "file not found; there is no such record")])
    problems: list[Problem] = []
    _, record = read_and_validate(path, display, KINDS[key.split("/")[0]].model, problems)
    if record is None:
        raise DataError(problems)
    return record
