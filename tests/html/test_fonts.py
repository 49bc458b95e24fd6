"""clinicdocs.html.fonts: which sites get fonts, and the fonts cut to the characters a site
shows."""

from __future__ import annotations

import io
import re

from fontTools.ttLib import TTFont

from clinicdocs.html.fonts import (
    ARABIC,
    BUNDLED,
    CHINESE,
    LATIN,
    for_printing,
    needs_fonts,
    shown_characters,
    site_fonts,
    stylesheet,
    unicode_range,
)


def test_only_scripts_a_device_may_lack_get_fonts() -> None:
    assert [code for code in ("en", "fr", "ar", "fa", "zh", None) if needs_fonts(code)] == [
        "ar",
        "fa",
        "zh",
    ]


def test_shown_characters_decode_entities_and_drop_what_no_font_draws() -> None:
    shown = shown_characters('<p title="&#x627;">A&amp;\u200f\n\t\u4e2d</p>')
    assert {"\u0627", "&", "\u4e2d", "A", "<", "p"} <= shown
    assert not {"\u200f", "\n", "\t"} & shown


def test_unicode_range_merges_runs() -> None:
    assert unicode_range([0x45, 0x41, 0x42, 0x43, 0x4E2D]) == "U+41-43, U+45, U+4E2D"


def test_each_family_covers_what_the_ones_before_it_do_not() -> None:
    fonts = site_fonts("ar", "مرحبا Hello 中 \U00020000")
    assert fonts.families == (ARABIC, LATIN, CHINESE)
    assert fonts.missing == {"\U00020000"}
    by_family = {face.family: face.codepoints for face in fonts.faces if face.weight == 400}
    assert by_family[CHINESE] == {0x4E2D}
    assert ord("م") in by_family[ARABIC]
    assert ord("H") in by_family[LATIN]
    assert not by_family[ARABIC] & by_family[LATIN]
    for face in fonts.faces:
        cut = TTFont(io.BytesIO(face.data))
        assert face.codepoints <= set(cut.getBestCmap())
        assert cut.flavor == "woff2"
        # Cut down: far fewer glyphs than the bundled font.
        bundled = TTFont(str(BUNDLED / f"{face.family.stem}-{face.weight}.woff2"), lazy=True)
        assert len(cut.getGlyphOrder()) < len(bundled.getGlyphOrder()) / 2


def test_arabic_letters_keep_their_joined_forms() -> None:
    """A cut that dropped the OpenType features would show every letter on its own."""
    fonts = site_fonts("ar", "عيادة")
    face = next(f for f in fonts.faces if f.family == ARABIC and f.weight == 400)
    cut = TTFont(io.BytesIO(face.data))
    features = {record.FeatureTag for record in cut["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina"} <= features
    assert len(cut.getGlyphOrder()) > len(set("عيادة")) + 1  # the joined forms came along


def test_stylesheet_makes_the_main_family_the_text_font() -> None:
    fonts = site_fonts("zh", "中文 العربية")
    css = stylesheet(fonts)
    assert css.count("@font-face") == 4  # Chinese (with Latin), Arabic; two weights each
    assert '--md-text-font: "clinicdocs Noto Sans SC", "clinicdocs Noto Sans Arabic"' in css
    first_face = css.split("@font-face")[1]
    assert "unicode-range" not in first_face
    assert css.count("unicode-range") == 2


def test_screens_never_swap_a_late_font_in_and_printing_waits_for_it() -> None:
    css = stylesheet(site_fonts("zh", "中文 Hello"))
    displays = re.findall(r"font-display: (\w+);", css)
    assert len(displays) == 2
    assert set(displays) == {"optional"}
    assert set(re.findall(r"font-display: (\w+);", for_printing(css))) == {"block"}
