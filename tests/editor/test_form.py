"""The editor's forms against the models: every kind of record and every field, checked against
the models' JSON Schema (pydantic's own reading of them, not the form generator's), so the
forms cannot drift from the data they write."""

from __future__ import annotations

from typing import Any

import pytest

from clinicdocs.data.kinds import KINDS
from clinicdocs.data.models import Treatment, translatable_mark
from clinicdocs.editor.form import cms_config, from_form, keyed_source_field, to_form

LANGUAGES = ["en", "ar", "zh"]

KEYED = {
    f"{key}.{name}[]": mark.keyed_by
    for key, kind in KINDS.items()
    for name, info in kind.model.model_fields.items()
    if (mark := translatable_mark(info)) is not None and mark.keyed_by is not None
}
"""The keyed lists (`Translatable.keyed_by`), as `_check_fields` names them: `glossary.terms[]`."""


def _config(languages: list[str] = LANGUAGES) -> dict[str, Any]:
    return cms_config(
        api_url="/token/api/v1",
        data_folder="data",
        clinic_file="data/clinic.yml",
        media_folder="branding/riverside",
        languages=languages,
    )


def _forms(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each kind's form (a folder collection, or a file of the single files' collection)."""
    found = {}
    for collection in config["collections"]:
        for form in collection.get("files", [collection]):
            found[form["name"]] = form
    return found


def _schema_of(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """`node` with `$ref`, optional (`anyOf` with null) and lists unwrapped to the object or
    value it holds, and whether it is a list."""
    if "$ref" in node:
        return _schema_of(schema, schema["$defs"][node["$ref"].split("/")[-1]])
    options = [n for n in node.get("anyOf", []) if n.get("type") != "null"]
    if len(options) == 1:
        return _schema_of(schema, {**options[0], "description": node.get("description")})
    return node


def _check_fields(
    schema: dict[str, Any], node: dict[str, Any], fields: list[dict[str, Any]], where: str
) -> int:
    """Assert that `fields` are exactly the object schema `node`'s properties, in order, with
    the same required marks, help texts, choices and nesting; returns how many were checked."""
    properties = node["properties"]
    # A keyed list's item holds one field more than its model: the hidden `source` of its
    # translations (test_a_translated_keyed_item_keeps_its_source_in_a_hidden_field).
    hidden = [f for f in fields if f.get("widget") == "hidden"]
    keyed_by = KEYED.get(where)
    assert hidden == ([keyed_source_field(keyed_by)] if keyed_by else []), where
    fields = [f for f in fields if f not in hidden]
    assert [f["name"] for f in fields] == list(properties), where
    checked = 0
    for field in fields:
        name = field["name"]
        prop = properties[name]
        here = f"{where}.{name}"
        # The validator judges every value (Decap is told none is required); the label marks
        # what the model leaves optional.
        assert field["required"] is False, here
        optional = name not in node.get("required", [])
        assert field["label"].endswith(" (optional)") == optional, here
        assert field["hint"] == prop["description"], here
        inner = _schema_of(schema, prop)
        if inner.get("type") == "array":
            assert field["widget"] == "list", here
            items = _schema_of(schema, inner["items"])
            if "properties" in items:
                checked += _check_fields(schema, items, field["fields"], here + "[]")
            elif "oneOf" in items or "anyOf" in items:  # a statement: text, advice or a use
                options = [_schema_of(schema, o) for o in items.get("oneOf", items.get("anyOf"))]
                names = [n for o in options for n in o.get("properties", {})]
                assert names == ["text", "general_advice", "use"], here
                assert [f["name"] for f in field["fields"]] == names, here
            else:
                assert "field" in field, here
        elif "properties" in inner:
            assert field["widget"] == "object", here
            checked += _check_fields(schema, inner, field["fields"], here)
        elif "enum" in inner or "const" in inner:
            if inner.get("type") == "boolean":
                assert field["widget"] == "boolean", here
            else:
                assert field["widget"] == "select", here
                assert [o["value"] for o in field["options"]] == [str(v) for v in inner["enum"]], (
                    here
                )
        elif inner.get("type") == "boolean":
            assert field["widget"] == "boolean", here
        elif inner.get("type") == "integer":
            assert (field["widget"], field["value_type"]) == ("number", "int"), here
        else:
            assert inner.get("type") == "string", here
            assert field["widget"] in ("string", "text", "image"), here
        checked += 1
    return checked


def test_every_kind_and_field_has_its_form() -> None:
    forms = _forms(_config())
    assert set(KINDS) <= set(forms)
    checked = 0
    for key, kind in KINDS.items():
        schema = kind.model.model_json_schema()
        checked += _check_fields(schema, schema, forms[key]["fields"], key)
    assert checked >= 80  # the walk went into the nested models (87 fields today)


def test_choices_are_selects_and_images_image_widgets() -> None:
    forms = _forms(_config())
    fields = {f["name"]: f for f in forms["treatments"]["fields"]}
    assert fields["procedure_type"]["widget"] == "select"
    assert fields["procedure_type"]["options"] == [
        {"label": "Noninvasive", "value": "noninvasive"},
        {"label": "Percutaneous", "value": "percutaneous"},
        {"label": "Surgical", "value": "surgical"},
    ]
    assert fields["procedure_type"]["label"] == "Procedure type (optional)"
    side_effect = {f["name"]: f for f in fields["side_effects"]["fields"]}
    frequencies = ["very_common", "common", "uncommon", "rare", "very_rare"]
    assert [o["value"] for o in side_effect["how_common"]["options"]] == frequencies
    assert side_effect["how_common"]["options"][0]["label"] == "Very common"
    clinic = {f["name"]: f for f in forms["clinic"]["fields"]}
    assert clinic["logo"]["widget"] == "image"
    assert clinic["favicon"]["widget"] == "image"
    assert fields["how_it_works"]["widget"] == "text"  # a paragraph: a multi-line box
    assert fields["name"]["widget"] == "string"


def test_a_figure_is_an_image_with_its_words_and_translated_words_side_by_side() -> None:
    for kind in ("treatments", "concerns"):
        fields = {f["name"]: f for f in _forms(_config())[kind]["fields"]}
        figure = {f["name"]: f for f in fields["figures"]["fields"]}
        assert fields["figures"]["label_singular"] == "figure"
        assert figure["file"]["widget"] == "image"
        assert (figure["alt"]["widget"], figure["alt"]["label"]) == ("string", "Alt")
        assert figure["caption"]["label"] == "Caption (optional)"
        assert figure["handout"]["widget"] == "boolean"
    fields = {f["name"]: f for f in _forms(_config())["treatments"]["fields"]}
    assert fields["figures"].get("i18n") is True
    assert _translated_names(fields["figures"]["fields"]) == {"alt", "caption", "credit"}


def test_aftercare_stages_hold_do_and_avoid_lists() -> None:
    fields = {f["name"]: f for f in _forms(_config())["treatments"]["fields"]}
    stage = {f["name"]: f for f in fields["aftercare"]["fields"]}
    assert fields["aftercare"]["label_singular"] == "aftercare stage"
    assert stage["when"]["label"] == "When"
    for name in ("do", "avoid"):
        assert stage[name]["widget"] == "list"
        assert [f["name"] for f in stage[name]["fields"]] == ["text", "general_advice", "use"]


def _translated_names(fields: list[dict[str, Any]]) -> set[str]:
    return {f["name"] for f in fields if f.get("i18n") is True}


def test_translated_fields_are_side_by_side_in_every_language() -> None:
    config = _config()
    assert config["i18n"] == {
        "structure": "multiple_files",
        "locales": LANGUAGES,
        "default_locale": "en",
    }
    fields = _forms(config)["treatments"]["fields"]
    expected = {n for n, info in Treatment.model_fields.items() if translatable_mark(info)}
    assert _translated_names(fields) == expected
    aftercare = next(f for f in fields if f["name"] == "aftercare")
    assert _translated_names(aftercare["fields"]) == {"when", "do", "avoid"}
    side_effects = next(f for f in fields if f["name"] == "side_effects")
    assert "how_common" not in _translated_names(side_effects["fields"])  # a choice, not text


def test_one_language_has_no_translations() -> None:
    config = _config(["en"])
    assert "i18n" not in config
    assert not _translated_names(_forms(config)["treatments"]["fields"])


def test_treatments_and_concerns_may_be_deleted_the_clinic_and_glossary_not() -> None:
    """Decap shows "Delete entry" only where `delete` is true; the server deletes a record with
    its translations (`Store.delete`), never the clinic or the glossary."""
    deletable = {c["name"]: c["delete"] for c in _config()["collections"]}
    assert deletable == {"treatments": True, "concerns": True, "site": False}


def test_the_clinic_glossary_and_statements_are_translated_side_by_side() -> None:
    """Decap translates a collection of single files only with every language in one file
    (`single_file`); the editor server joins and splits the files (test_store.py)."""
    config = _config()
    single = next(c for c in config["collections"] if "files" in c)
    assert single["i18n"] == {"structure": "single_file"}
    forms = _forms(config)
    for key in ("clinic", "glossary", "statements"):
        assert forms[key]["i18n"] is True, key
        model = KINDS[key].model
        expected = {n for n, info in model.model_fields.items() if translatable_mark(info)}
        assert _translated_names(forms[key]["fields"]) == expected, key
    # The clinic's phone number is the same in every language: only the source has it.
    assert "phone" not in _translated_names(forms["clinic"]["fields"])
    assert KEYED == {"glossary.terms[]": "term", "statements.statements[]": "id"}
    terms = next(f for f in forms["glossary"]["fields"] if f["name"] == "terms")
    assert terms["fields"][-1] == keyed_source_field("term")
    assert terms["fields"][-1]["widget"] == "hidden"
    assert terms["fields"][-1]["i18n"] is True
    # Items are named by their first field; a translated statement has no id: by its source.
    assert terms["summary"] == "{{fields.term}}"
    shared = next(f for f in forms["statements"]["fields"] if f["name"] == "statements")
    assert shared["summary"] == "{{fields.id}}{{fields.source}}"
    # One language: nothing translated, no hidden source.
    alone = _forms(_config(["en"]))
    assert "i18n" not in next(c for c in _config(["en"])["collections"] if "files" in c)
    assert [f["name"] for f in alone["glossary"]["fields"][0]["fields"]] == [
        "term",
        "also",
        "definition",
    ]


def test_the_api_is_the_editor_servers_own() -> None:
    config = _config()
    assert config["backend"] == {"name": "proxy", "proxy_url": "/token/api/v1", "branch": "main"}
    assert config["media_folder"] == config["public_folder"] == "branding/riverside"


@pytest.mark.parametrize("translation", [False, True])
def test_statements_round_trip_between_file_and_form(translation: bool) -> None:
    kind = KINDS["treatments"]
    data = {
        "name": "Peel",
        "suits": ["Oily skin."],
        "aftercare": [{"when": "Day 1", "do": ["Rest."], "avoid": ["Sun."]}],
    }
    form = to_form(kind, data, translation=translation)
    assert form["suits"] == [{"text": "Oily skin."}]
    assert form["aftercare"][0]["do"] == [{"text": "Rest."}]
    assert from_form(kind, form, translation=translation) == data


def test_general_advice_stays_marked_and_empty_optional_values_are_left_out() -> None:
    kind = KINDS["treatments"]
    form = {
        "name": "Peel",
        "suits": [{"text": "Oily skin.", "general_advice": False}],
        "not_suitable": [{"text": "Pregnancy.", "general_advice": True}],
        "procedure_type": "",
        "also_known_as": [],
        "key_facts": {"sessions": ""},
    }
    assert from_form(kind, form) == {
        "name": "Peel",
        "suits": ["Oily skin."],
        "not_suitable": [{"text": "Pregnancy.", "general_advice": True}],
    }
    # A translation holds statements as plain text; the mark comes from the source.
    assert from_form(kind, form, translation=True)["not_suitable"] == ["Pregnancy."]


def test_a_shared_statement_is_saved_as_its_id() -> None:
    kind = KINDS["treatments"]
    data = {"name": "Peel", "not_suitable": [{"use": "pregnancy"}, "Oily skin."]}
    form = to_form(kind, data)
    assert form["not_suitable"] == [{"use": "pregnancy"}, {"text": "Oily skin."}]
    assert from_form(kind, form) == data
    # A form item with an id and a text left over from before is saved as the id alone.
    form["not_suitable"][0] = {"text": "", "general_advice": False, "use": " pregnancy "}
    assert from_form(kind, form)["not_suitable"][0] == {"use": "pregnancy"}
