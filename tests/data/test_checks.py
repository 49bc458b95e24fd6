"""Checks across files: concern ids, unique names and glossary spellings, pages that clash, and
the one report that carries every problem."""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from clinicdocs.data.checks import (
    REFERENCES,
    check_concern_ids,
    check_glossary_terms,
    check_page_clashes,
    check_unique_names,
    page_url,
)
from clinicdocs.data.models import Concern, Treatment
from clinicdocs.data.naming import SLUG_PATTERN
from clinicdocs.data.site import SiteData
from clinicdocs.errors import DataError, Problem
from clinicdocs.load import load_site
from support.projects import FIXTURE_SITE, run_cli


@pytest.fixture
def tiny_data(tiny_project: Path) -> SiteData:
    """The tiny site's data, loaded from an editable copy."""
    return load_site(tiny_project / "data", tiny_project)


def test_unknown_and_repeated_concerns_point_at_the_item(tiny_data: SiteData) -> None:
    laser = tiny_data.treatments["full-laser"]
    treatments = {"full-laser": laser.model_copy(update={"concerns": ["scars", "scar", "scars"]})}

    problems = list(check_concern_ids(treatments, ["dark-spots", "scars"], tiny_data.sources))

    # Positions come from the file, which still says `concerns: [dark-spots, scars]`.
    assert [str(p) for p in problems] == [
        "data/treatments/full-laser.yml:5:24: concerns[1]: unknown concern 'scar' (there is no "
        "concerns/scar.yml); did you mean 'scars'?",
        "data/treatments/full-laser.yml:5:11: concerns[2]: concern 'scars' is listed twice.",
    ]


def test_an_unknown_concern_with_no_close_match_lists_the_known_ones(tiny_data: SiteData) -> None:
    laser = tiny_data.treatments["full-laser"]
    treatments = {"full-laser": laser.model_copy(update={"concerns": ["tattoos"]})}

    problems = list(check_concern_ids(treatments, tiny_data.concerns, tiny_data.sources))

    assert [p.message for p in problems] == [
        "unknown concern 'tattoos' (there is no concerns/tattoos.yml); known concerns are: "
        "dark-spots, scars, wrinkles"
    ]


def test_names_must_be_unique_whatever_their_case(tiny_data: SiteData) -> None:
    concerns = dict(tiny_data.concerns)
    concerns["wrinkles"] = concerns["wrinkles"].model_copy(update={"name": "DARK SPOTS"})

    problems = list(check_unique_names("concerns", concerns, tiny_data.sources))

    assert problems == [
        Problem(
            "data/concerns/wrinkles.yml",
            1,
            7,
            "name",
            "name 'DARK SPOTS' is already used by data/concerns/dark-spots.yml",
        )
    ]


def test_a_glossary_spelling_is_defined_once(tiny_project: Path) -> None:
    glossary = tiny_project / "data" / "glossary.yml"
    glossary.write_text(
        glossary.read_text().replace("also: [PIH]", "also: [PIH, Collagen, pih]")
        + "  - term: PIH\n    definition: Dark marks.\n"
    )

    with pytest.raises(DataError) as raised:
        load_site(tiny_project / "data", tiny_project)

    assert raised.value.report().splitlines() == [
        "data/glossary.yml:5:17: terms[1].also[1]: 'Collagen' is already in the glossary (line 2).",
        "data/glossary.yml:7:11: terms[2].term: 'PIH' is already in the glossary, under "
        "'post-inflammatory hyperpigmentation' (line 4).",
        "2 problems found.",
    ]


def test_check_glossary_terms_on_the_tiny_glossary_finds_nothing(tiny_data: SiteData) -> None:
    assert tiny_data.glossary is not None
    assert list(check_glossary_terms(tiny_data.glossary, tiny_data.sources["glossary"])) == []


@pytest.mark.parametrize(
    ("uri", "url"),
    [
        ("index.md", ""),
        ("glossary.md", "glossary/"),
        ("treatments/index.md", "treatments/"),
        ("treatments.md", "treatments/"),
        ("treatments/full-laser.md", "treatments/full-laser/"),
        ("categories/peels/index.md", "categories/peels/"),
    ],
)
def test_page_url_is_the_address_mkdocs_gives(uri: str, url: str) -> None:
    assert page_url(uri) == url


def test_hand_written_pages_that_take_a_generated_address_are_named_with_it(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    for page in ("index.md", "about.md", "glossary.md", "treatments.md", "concerns/index.md"):
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text("# Page\n")
    generated = ["treatments/index.md", "concerns/index.md", "glossary.md", "concerns/scars.md"]

    problems = check_page_clashes(generated, docs, "docs")

    assert [str(p) for p in problems] == [
        "docs/concerns/index.md: this hand-written page has the same address ('/concerns/') as "
        "the generated page 'concerns/index.md'; rename or move the hand-written page.",
        "docs/glossary.md: this hand-written page has the same address ('/glossary/') as the "
        "generated page 'glossary.md'; rename or move the hand-written page.",
        "docs/treatments.md: this hand-written page has the same address ('/treatments/') as the "
        "generated page 'treatments/index.md'; rename or move the hand-written page.",
    ]


def test_no_docs_folder_means_no_clash(tmp_path: Path) -> None:
    assert check_page_clashes(["glossary.md"], tmp_path / "docs", "docs") == []


def test_a_broken_template_override_names_the_template_its_line_and_each_record(
    tiny_project: Path,
) -> None:
    override = tiny_project / "templates" / "pages" / "treatment.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("# {{ treatment.name }}\n\n{{ treatment.key_facts.price }}\n")

    result = run_cli(tiny_project, "validate")

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert [line.split(": while rendering ")[0] for line in lines[:-1]] == [
        "templates/pages/treatment.md.j2:3:1",
        "templates/pages/treatment.md.j2:3:1",
    ]
    assert "data/treatments/bare-peel.yml" in lines[0]
    assert "data/treatments/full-laser.yml" in lines[1]
    assert all("price" in line for line in lines[:-1])
    assert lines[-1] == "2 problems found."


def test_data_error_sorts_removes_repeats_and_counts() -> None:
    problems = [
        Problem("data/treatments/b.yml", 3, 1, "name", "second"),
        Problem("data/clinic.yml", None, None, "", "file is missing"),
        Problem("data/treatments/b.yml", 1, 5, "", "first"),
        Problem("data/treatments/b.yml", 3, 1, "name", "second"),
        Problem("data/treatments/a.yml", 10, 2, "", "earlier file"),
    ]

    assert DataError(problems).report().splitlines() == [
        "data/clinic.yml: file is missing.",
        "data/treatments/a.yml:10:2: earlier file.",
        "data/treatments/b.yml:1:5: first.",
        "data/treatments/b.yml:3:1: name: second.",
        "4 problems found.",
    ]
    assert DataError([problems[1]]).report().splitlines()[-1] == "1 problem found."


def test_data_error_shows_files_inside_the_project_relative_to_it(tmp_path: Path) -> None:
    inside = tmp_path / "templates" / "pages" / "treatment.md.j2"
    error = DataError(
        [
            Problem(str(inside), 3, 1, "", "broken"),
            Problem("data/x.yml", 1, 1, "", "relative already"),
            Problem("/elsewhere/theme.html", 2, 1, "", "outside"),
        ]
    )

    assert [p.file for p in error.relative_to(tmp_path).problems] == [
        "/elsewhere/theme.html",
        "data/x.yml",
        "templates/pages/treatment.md.j2",
    ]


def test_problem_text_adds_a_full_stop_only_when_needed() -> None:
    assert str(Problem("f.yml", 2, None, "a", "did you mean 'b'?")) == (
        "f.yml:2:1: a: did you mean 'b'?"
    )
    assert str(Problem("f.yml", None, None, "", "whole file")) == "f.yml: whole file."


def test_the_fixture_site_is_untouched_by_these_tests() -> None:
    """The tests above edit copies; the fixture itself must stay valid for everyone else."""
    assert load_site(FIXTURE_SITE / "data", FIXTURE_SITE).treatments


def _id_fields(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every field path of `model` whose value is a record id (`Slug`), `*` for a list's items;
    a statement's `use` (an id of data/statements.yml, not a record) left out."""
    found: set[tuple[str, ...]] = set()

    def visit(annotation: Any, path: tuple[str, ...]) -> None:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            inner, *metadata = typing.get_args(annotation)
            if any(getattr(m, "pattern", None) == SLUG_PATTERN for m in metadata):
                found.add(path)
                return
            visit(inner, path)
        elif origin in (typing.Union, types.UnionType):
            for arg in typing.get_args(annotation):
                visit(arg, path)
        elif origin is list:
            visit(typing.get_args(annotation)[0], (*path, "*"))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for name, info in annotation.model_fields.items():
                pattern = any(getattr(m, "pattern", None) == SLUG_PATTERN for m in info.metadata)
                if pattern and name != "use":
                    found.add((*path, name))
                elif name != "use":
                    visit(info.annotation, (*path, name))

    visit(model, prefix)
    return found


def test_the_references_renaming_follows_are_every_id_field_of_the_records() -> None:
    """The editor's rename rewrites `REFERENCES`; a new field naming a record must be in it."""
    named = {path for paths in REFERENCES.values() for path in paths}
    assert _id_fields(Treatment) == named
    assert _id_fields(Concern) == set()  # a concern names no other record
