"""Figures on treatments and concerns: the model, and their images checked as the clinic's logo
is (`data/branding.py`), each problem at the figure's line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from clinicdocs.data.branding import MAX_IMAGE_BYTES, MAX_SVG_BYTES, ImageProblem, read_image
from clinicdocs.data.models import Figure, Treatment, translation_model
from clinicdocs.load import load_site
from support.images import png
from support.projects import run_cli

PEEL = "data/treatments/bare-peel.yml"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"><rect width="9"/></svg>'


def add_figure(project: Path, file: str, alt: str = "A diagram of the peel.") -> None:
    """Give the tiny site's bare peel one figure (after its last line: line 11 is `figures:`,
    the file's value is at 12:11)."""
    path = project / PEEL
    path.write_text(
        path.read_text(encoding="utf-8") + f"figures:\n  - file: {file}\n    alt: {alt}\n",
        encoding="utf-8",
    )


def test_a_figure_needs_alt_text_and_is_left_off_the_handout_unless_marked() -> None:
    with pytest.raises(ValidationError, match="alt"):
        Figure.model_validate({"file": "assets/a.svg"})
    figure = Figure.model_validate({"file": "assets/a.svg", "alt": "A diagram."})
    assert (figure.handout, figure.caption, figure.credit) == (False, None, None)


def test_a_translation_of_a_figure_holds_its_words_only() -> None:
    derived = translation_model(Treatment)
    item = derived.model_fields["figures"].annotation
    assert item is not None
    text = str(item)
    for name in ("alt", "caption", "credit"):
        assert Figure.model_fields[name].description
    translated = derived.model_validate(
        {
            "translation": {"source_version": "0" * 12, "status": "draft"},
            "figures": [{"alt": "رسم."}],
        }
    )
    assert translated.model_dump(exclude_none=True)["figures"] == [{"alt": "رسم."}]
    with pytest.raises(ValidationError):
        derived.model_validate(
            {
                "translation": {"source_version": "0" * 12, "status": "draft"},
                "figures": [{"alt": "رسم.", "file": "other.svg"}],
            }
        )
    assert "Figure" in text


def test_the_sizes_a_page_reserves_are_read_from_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(png(64, 40))
    (tmp_path / "box.svg").write_text(SVG)
    (tmp_path / "sized.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="80" viewBox="0 0 12 8"/>'
    )
    (tmp_path / "em.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10em" height="5em" viewBox="0 0 40 20"/>'
    )

    sizes = {
        name: (image.width, image.height)
        for name in ("a.png", "box.svg", "sized.svg", "em.svg")
        for image in [read_image(tmp_path, name)]
    }

    assert sizes == {
        "a.png": (64, 40),
        "box.svg": (300, 150),
        "sized.svg": (120, 80),
        "em.svg": (40, 20),
    }
    assert read_image(tmp_path, "a.png").digest != read_image(tmp_path, "box.svg").digest


def test_a_figure_linked_from_outside_the_project_is_refused(
    tiny_project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.svg"
    outside.write_text(SVG)
    (tiny_project / "pics").mkdir()
    (tiny_project / "pics" / "peel.svg").symlink_to(outside)
    add_figure(tiny_project, "pics/peel.svg")

    result = run_cli(tiny_project, "validate")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{PEEL}:12:11: figures[0].file: 'pics/peel.svg' is a link that leads outside the "
        "project folder; copy the image into the project instead.",
        "1 problem found.",
    ]


@pytest.mark.parametrize(
    ("name", "content", "limit"),
    [
        ("big.svg", SVG.encode() + b" " * MAX_SVG_BYTES, MAX_SVG_BYTES),
        ("big.png", png(4, 4, padding=MAX_IMAGE_BYTES), MAX_IMAGE_BYTES),
    ],
)
def test_a_figure_too_big_is_refused_with_its_size_and_the_limit(
    tiny_project: Path, name: str, content: bytes, limit: int
) -> None:
    (tiny_project / "pics").mkdir()
    (tiny_project / "pics" / name).write_bytes(content)
    add_figure(tiny_project, f"pics/{name}")

    result = run_cli(tiny_project, "validate")

    assert result.stderr.splitlines() == [
        f"{PEEL}:12:11: figures[0].file: 'pics/{name}' is {len(content):,} bytes; the limit "
        f"is {limit:,}. Use a smaller image.",
        "1 problem found.",
    ]


def test_a_figure_inside_the_project_loads_with_its_size(tiny_project: Path) -> None:
    (tiny_project / "pics").mkdir()
    (tiny_project / "pics" / "real.png").write_bytes(png(30, 20))
    (tiny_project / "pics" / "peel.png").symlink_to("real.png")
    add_figure(tiny_project, "pics/peel.png")

    site = load_site(tiny_project / "data", tiny_project)

    image = site.images["pics/peel.png"]
    assert (image.path, image.width, image.height) == (
        (tiny_project / "pics" / "real.png").resolve(),
        30,
        20,
    )


def test_an_svg_that_is_not_well_formed_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.svg").write_text("<svg viewBox='0 0 1 1' width=></svg>")
    with pytest.raises(ImageProblem, match="not a well-formed SVG"):
        read_image(tmp_path, "bad.svg")
