"""The contrast maths, against values published by WCAG tools, and the derived dark-scheme
colours."""

from __future__ import annotations

import colorsys

import pytest

from clinicdocs.data.colours import (
    AA_TEXT,
    BLACK,
    DARK_PAGE,
    WHITE,
    contrast_problem,
    contrast_ratio,
    format_ratio,
    readable_on,
    relative_luminance,
)


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [
        (BLACK, WHITE, 21.0),
        (WHITE, WHITE, 1.0),
        ("#777777", WHITE, 4.478),  # WebAIM: 4.47:1 (shown rounded down), often quoted as 4.48
        ("#767676", WHITE, 4.542),  # the lightest grey that passes AA on white
        ("#0000ff", WHITE, 8.592),
        ("#ff0000", WHITE, 3.998),
        ("#008000", WHITE, 5.137),  # WebAIM: 5.13:1
    ],
)
def test_contrast_ratio_matches_published_values(
    foreground: str, background: str, ratio: float
) -> None:
    assert contrast_ratio(foreground, background) == pytest.approx(ratio, abs=0.001)
    assert contrast_ratio(background, foreground) == contrast_ratio(foreground, background)


def test_relative_luminance_of_the_extremes_and_short_hex() -> None:
    assert (relative_luminance(BLACK), relative_luminance(WHITE)) == (0.0, 1.0)
    assert relative_luminance("#fff") == relative_luminance(WHITE)


@pytest.mark.parametrize(
    ("ratio", "shown"),
    [(4.4776, "4.47:1"), (4.4999, "4.49:1"), (4.5, "4.5:1"), (21.0, "21:1"), (1.97, "1.97:1")],
)
def test_ratios_are_shown_rounded_down(ratio: float, shown: str) -> None:
    assert format_ratio(ratio) == shown


def test_the_dark_page_is_materials_slate_background() -> None:
    r, g, b = colorsys.hls_to_rgb(225 / 360, 0.14, 0.15)
    assert "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in (r, g, b))) == DARK_PAGE


@pytest.mark.parametrize("colour", ["#0f766e", "#1d4ed8", "#1e3a8a", "#b45309", "#000000"])
def test_colours_for_the_dark_scheme_reach_aa_and_stay_close(colour: str) -> None:
    lighter = readable_on(colour, DARK_PAGE)

    assert contrast_ratio(lighter, DARK_PAGE) >= AA_TEXT
    assert contrast_ratio(lighter, BLACK) >= AA_TEXT  # black text on the lighter accent
    # No lighter than needed, so the clinic's colour stays recognisable.
    assert lighter == colour or contrast_ratio(lighter, DARK_PAGE) < AA_TEXT + 0.3


def test_a_colour_too_light_for_white_text_names_the_pair_and_ratio() -> None:
    assert contrast_problem("primary_color", "#0f766e") is None
    assert contrast_problem("accent_color", "#777777") == (
        "links under the pointer in '#777777' on the white page, and white text on buttons in "
        "'#777777', have contrast 4.47:1; text needs at least 4.5:1 (WCAG 2.2 AA); choose a "
        "darker colour"
    )
