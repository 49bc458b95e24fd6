"""The editor's forms, generated from the data models: the Decap CMS configuration (collections,
widgets, required marks, help text, choices, translations side by side) and the two small
changes of shape between a data file and a form.

Nothing here is written by hand per field: every kind of record comes from
`clinicdocs.data.kinds.KINDS`, every field from its pydantic model, so a field added to a model
appears in the editor, and `tests/editor/test_form.py` checks the configuration against the
models so it cannot drift.

The one change of shape: a statement (`Statement`) is plain text, `{text, general_advice:
true}` or `{use: <id>}` (a statement of `data/statements.yml`) in a file; a form list needs one
shape, so the form always holds `{text, general_advice, use}` (`to_form`), and a save turns an
item with an id back into `{use: <id>}` and items that are not general advice back into plain
text (`from_form`). Translations hold statements as plain text only.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from typing import Any, Literal

from annotated_types import MaxLen
from pydantic.fields import FieldInfo

from clinicdocs.data.kinds import KINDS, Kind
from clinicdocs.data.models import (
    KEY_FIELD,
    FaviconPath,
    FigurePath,
    LogoPath,
    Statement,
    Strict,
    Translatable,
    translatable_mark,
)

OPTIONAL_MARK = " (optional)"
"""Added to the label of a field the model leaves optional."""

MULTILINE_OVER = 200
"""Text fields allowed more characters than this get a multi-line box (`Text`, `Summary`,
definitions); names and short phrases get one line."""

IMAGE_TYPES = (LogoPath, FaviconPath, FigurePath)
"""Field types that name an image file in the project: an image widget (a figure's `file`
too)."""

STATEMENT_FIELDS = ("text", "general_advice", "use")
"""A statement's fields in a form: its text, whether it is general safety advice, and the id of
a statement of data/statements.yml it uses instead."""

# Decap's collection names are the kinds' keys; `glossary` and `clinic` are single files,
# shown together in one collection of files.
FILES_COLLECTION = "site"


def unwrap(annotation: Any) -> tuple[Any, list[Any], bool]:
    """The type inside `annotation`, the metadata of the `Annotated` layers around it, and
    whether None is allowed."""
    metadata: list[Any] = []
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata.extend(extra)
        elif origin in (typing.Union, types.UnionType) and annotation != Statement:
            kept = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(kept) != len(typing.get_args(annotation)):
                optional = True
            if len(kept) != 1:
                return annotation, metadata, optional
            annotation = kept[0]
        else:
            return annotation, metadata, optional


def _max_length(metadata: list[Any]) -> int | None:
    for item in metadata:
        length = getattr(item, "max_length", None)
        if isinstance(item, MaxLen):
            length = item.max_length
        if isinstance(length, int):
            return length
    return None


def _is_image(annotation: Any, metadata: list[Any] | None = None) -> bool:
    """Whether a field names an image file. A required field's type reaches pydantic's
    `FieldInfo` taken apart (`str`, and its checks in `metadata`), so the checks that make
    each image type (`check_project_path` with its endings) are compared too."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_is_image(arg) for arg in typing.get_args(annotation))
    if any(annotation == image for image in IMAGE_TYPES):
        return True
    given = list(metadata or [])
    return any(
        given[-len(checks) :] == checks
        for image in IMAGE_TYPES
        for checks in [list(typing.get_args(image)[1:])]
    )


def _label(name: str) -> str:
    """`how_it_works` -> `How it works`."""
    return name.replace("_", " ").capitalize()


def _words(class_name: str) -> str:
    """`AftercareStage` -> `aftercare stage`."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", class_name).lower()


def _statement_fields(translated: bool) -> list[dict[str, Any]]:
    text: dict[str, Any] = {
        "name": "text",
        "label": "Text",
        "widget": "text",
        "hint": "One point, in plain words.",
        "required": False,
    }
    advice: dict[str, Any] = {
        "name": "general_advice",
        "label": "General safety advice" + OPTIONAL_MARK,
        "widget": "boolean",
        "default": False,
        "required": False,
        "hint": "Tick when the treatment's sources do not say this, but it is well-established "
        "general safety advice; pages mark it as such.",
    }
    use: dict[str, Any] = {
        "name": "use",
        "label": "Use a shared statement" + OPTIONAL_MARK,
        "widget": "string",
        "required": False,
        "hint": "Instead of a text: the id of a statement in data/statements.yml (e.g. "
        "'sun-protection'); the page shows that statement's text.",
    }
    if translated:
        text["i18n"] = True
    return [text, advice, use]


def keyed_source_field(keyed_by: str) -> dict[str, Any]:
    """The hidden field of a translated item of a keyed list (a glossary term, a statement):
    the source item it translates (its `keyed_by` text, the file's `source:`). It is kept with
    the item, so an item moved or removed in one language's list never pairs with another
    source item; the source language's items hold none."""
    return {
        "name": KEY_FIELD,
        "label": f"Translates ({keyed_by})",
        "widget": "hidden",
        "required": False,
        "i18n": True,
    }


def field_config(name: str, info: FieldInfo, *, translated: bool, i18n: bool) -> dict[str, Any]:
    """The Decap CMS field for one model field.

    Args:
        name: the field's name in the data file.
        info: the pydantic field.
        translated: the field is inside a translated part of the record (its text is edited
            side by side in each language).
        i18n: the site has more than one language.
    """
    annotation, metadata, optional = unwrap(info.annotation)
    metadata = [*info.metadata, *metadata]
    mark = translatable_mark(info)
    translated = translated and mark is not None
    field: dict[str, Any] = {"name": name, "label": _label(name)}
    if info.description:
        field["hint"] = info.description
    # Every field is optional to Decap CMS, so that no value is stopped in the browser with
    # Decap's own wording: each save reaches the editor server, where the project's loader
    # judges it and answers in the validator's words (`name: must not be empty.`). The label
    # marks what the model leaves optional, as Decap would; editor.css hides Decap's own mark.
    field["required"] = False
    if not (info.is_required() and not optional):
        field["label"] += OPTIONAL_MARK
    if i18n and translated:
        field["i18n"] = True
    field.update(_widget(annotation, metadata, info, translated=translated, i18n=i18n))
    if i18n and translated and mark is not None and mark.keyed_by is not None:
        field["fields"] = [*field["fields"], keyed_source_field(mark.keyed_by)]
        if not field["fields"][0].get("i18n"):
            # Its items are named by a field the translations do not have (a statement's id):
            # theirs by the source item they translate.
            field["summary"] += "{{fields." + KEY_FIELD + "}}"
    if _is_image(info.annotation, info.metadata):
        field["widget"] = "image"
    return field


def _widget(
    annotation: Any, metadata: list[Any], info: FieldInfo, *, translated: bool, i18n: bool
) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    if origin is Literal:
        options = [str(option) for option in typing.get_args(annotation)]
        return {"widget": "select", "options": [{"label": _label(o), "value": o} for o in options]}
    if annotation is bool:
        return {"widget": "boolean", "default": bool(info.default)}
    if annotation is int:
        # No min or max here: the validator says what is out of range, in its own words.
        return {"widget": "number", "value_type": "int"}
    if annotation is dt.date:
        return {"widget": "string"}  # YYYY-MM-DD, as the field's help text says
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        return {
            "widget": "object",
            "collapsed": False,
            "fields": model_fields(annotation, translated=translated, i18n=i18n),
        }
    if origin is list:
        (item,) = typing.get_args(annotation)
        widget: dict[str, Any] = {"widget": "list", "collapsed": True}
        item_type, _, _ = unwrap(item)
        if isinstance(item_type, type) and issubclass(item_type, Strict):
            widget["label_singular"] = _words(item_type.__name__)
        elif item == Statement:
            widget["label_singular"] = "point"
        if item == Statement:
            widget["fields"] = _statement_fields(translated and i18n)
            widget["summary"] = "{{fields.text}}"
            return widget
        inner, inner_meta, _ = unwrap(item)
        if isinstance(inner, type) and issubclass(inner, Strict):
            widget["fields"] = model_fields(inner, translated=translated, i18n=i18n)
            first = next(iter(inner.model_fields))
            widget["summary"] = "{{fields." + first + "}}"
            return widget
        single: dict[str, Any] = {
            "name": "item",
            "label": "Item",
            "widget": "string",
            "required": False,
        }
        single.update(
            _widget(
                inner, inner_meta, FieldInfo(annotation=inner), translated=translated, i18n=i18n
            )
        )
        if translated and i18n:
            single["i18n"] = True
        widget["field"] = single
        widget["collapsed"] = False
        return widget
    length = _max_length(metadata)
    if (
        length is not None
        and length > MULTILINE_OVER
        and not any(getattr(m, "pattern", None) for m in metadata)
    ):
        return {"widget": "text"}
    return {"widget": "string"}


def model_fields(
    model: type[Strict], *, translated: bool = True, i18n: bool
) -> list[dict[str, Any]]:
    """The Decap CMS fields of every field of `model`, in the model's order."""
    return [
        field_config(name, info, translated=translated, i18n=i18n)
        for name, info in model.model_fields.items()
    ]


def _reshape(model: type[Strict], data: Any, *, to_form: bool, translation: bool) -> Any:
    if not isinstance(data, dict):
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        info = model.model_fields.get(key)
        out[key] = (
            value
            if info is None
            else _reshape_value(info.annotation, value, to_form=to_form, translation=translation)
        )
    return out


def _reshape_value(annotation: Any, value: Any, *, to_form: bool, translation: bool) -> Any:
    inner, _, _ = unwrap(annotation)
    if inner is int and isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)  # the loader reads numbers as text; the form and the file hold numbers
    if isinstance(inner, type) and issubclass(inner, Strict):
        return _reshape(inner, value, to_form=to_form, translation=translation)
    if typing.get_origin(inner) is list and isinstance(value, list):
        (item,) = typing.get_args(inner)
        if item == Statement:
            return [_statement(one, to_form=to_form, translation=translation) for one in value]
        return [
            _reshape_value(item, one, to_form=to_form, translation=translation) for one in value
        ]
    return value


def _statement(value: Any, *, to_form: bool, translation: bool) -> Any:
    if to_form:
        return {"text": value} if isinstance(value, str) else value
    if not isinstance(value, dict):
        return value
    text = value.get("text")
    if not translation and isinstance(value.get("use"), str) and value["use"].strip():
        return {"use": value["use"].strip()}
    if translation or not value.get("general_advice"):
        return text
    return {"text": text, "general_advice": True}


def to_form(kind: Kind, data: Any, *, translation: bool = False) -> Any:
    """A data file's content as the form holds it: every statement as `{text, ...}`."""
    return _reshape(kind.model, data, to_form=True, translation=translation)


def from_form(kind: Kind, data: Any, *, translation: bool = False) -> Any:
    """A form's content as the data file holds it: statements that are not general advice as
    plain text (a translation's always), and empty optional values left out, as an editor
    writing YAML by hand leaves them out."""
    shaped = _reshape(kind.model, data, to_form=False, translation=translation)
    return _drop_empty(kind.model, shaped)


def _drop_empty(model: type[Strict], data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        info = model.model_fields.get(key)
        if info is None:
            out[key] = value
            continue
        inner, _, optional = unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, Strict):
            value = _drop_empty(inner, value)
        elif typing.get_origin(inner) is list and isinstance(value, list):
            (item,) = typing.get_args(inner)
            item_type, _, _ = unwrap(item)
            if isinstance(item_type, type) and issubclass(item_type, Strict):
                value = [_drop_empty(item_type, one) for one in value]
        required = info.is_required() and not optional
        if value is None or value == [] or value == {} or (value == "" and not required):
            continue
        out[key] = value
    return out


def collections(data_folder: str, clinic_file: str, *, i18n: bool) -> list[dict[str, Any]]:
    """The Decap CMS collections: one folder collection per kind with a file per record, and
    one collection of the single files (clinic, glossary, statements).

    Args:
        data_folder: the data folder, relative to the project folder (`data`).
        clinic_file: the clinic file, relative to the project folder (`data/clinic.yml`).
        i18n: the site has more than one language: translated fields are edited side by side.
    """
    found: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    for kind in KINDS.values():
        # Decap CMS 3 translates a collection of single files only when every language is in
        # one file (its `single_file` structure); the clinic's, glossary's and statements'
        # translations are files of their own, so the editor server joins them for Decap and
        # splits them again on saving (`Store.single_file`); a keyed list's translated items
        # keep their `source:` in a hidden field (`keyed_source_field`).
        translated = i18n and (not kind.many or not _has_keyed_list(kind.model))
        label = kind.model.__name__
        if kind.many:
            found.append(
                {
                    "name": kind.key,
                    "label": kind.key.capitalize(),
                    "label_singular": label,
                    "description": (kind.model.__doc__ or "")
                    .strip()
                    .splitlines()[0]
                    .replace("`", ""),
                    "folder": f"{data_folder}/{kind.key}",
                    "extension": "yml",
                    "format": "yml",
                    "create": True,
                    # Deleted with its translations by the editor server, only when nothing
                    # else names it (`Store.delete`).
                    "delete": True,
                    "identifier_field": next(iter(kind.model.model_fields)),
                    "slug": "{{slug}}",
                    "i18n": translated,
                    "fields": model_fields(kind.model, i18n=translated),
                }
            )
        else:
            path = clinic_file if kind.key == "clinic" else f"{data_folder}/{kind.schema}.yml"
            files.append(
                {
                    "name": kind.key,
                    "label": label,
                    "file": path,
                    **({"i18n": True} if translated else {}),
                    "fields": model_fields(kind.model, i18n=translated),
                }
            )
    single: dict[str, Any] = {
        "name": FILES_COLLECTION,
        "label": "Clinic and glossary",
        "delete": False,
        "files": files,
    }
    if i18n:
        single["i18n"] = {"structure": "single_file"}
    found.append(single)
    return found


def _has_keyed_list(model: type[Strict]) -> bool:
    marks = (translatable_mark(info) for info in model.model_fields.values())
    return any(isinstance(m, Translatable) and m.keyed_by is not None for m in marks)


def cms_config(
    *,
    api_url: str,
    data_folder: str,
    clinic_file: str,
    media_folder: str,
    languages: list[str],
    preview: bool = True,
) -> dict[str, Any]:
    """The whole Decap CMS configuration for a project.

    Args:
        api_url: the editor server's API address (root-relative, with its token).
        data_folder: the data folder, relative to the project folder.
        clinic_file: the clinic file, relative to the project folder.
        media_folder: where uploaded images go, relative to the project folder; image fields
            hold paths relative to the project folder, as the models ask.
        languages: the site's languages, source first.
        preview: a preview site is shown beside the forms.
    """
    i18n = len(languages) > 1
    config: dict[str, Any] = {
        "load_config_file": False,
        "backend": {"name": "proxy", "proxy_url": api_url, "branch": "main"},
        "media_folder": media_folder,
        "public_folder": media_folder,
        "publish_mode": "simple",
        "collections": collections(data_folder, clinic_file, i18n=i18n),
    }
    if not preview:
        for collection in config["collections"]:
            collection["editor"] = {"preview": False}
    if i18n:
        config["i18n"] = {
            "structure": "multiple_files",
            "locales": list(languages),
            "default_locale": languages[0],
        }
    return config
