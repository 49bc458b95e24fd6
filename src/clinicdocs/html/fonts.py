"""Self-hosted fonts for the languages whose script a reader's device may not have.

An Arabic or Chinese site gets the bundled Noto fonts (`fonts/`, SIL Open Font License), cut down
at build time to exactly the characters its built pages use, written into the site with a
stylesheet that makes them the text font of the pages, print and handouts included. Nothing is
fetched from another host. Sites in other languages (English) get nothing: they use the system's
fonts, as before.

The bundled files are made from Debian's fonts-noto-core and fonts-noto-cjk by
`scripts/fonts.py`. Cutting a font is slow for Chinese (seconds: WOFF2's Brotli compression), so
results are kept in a cache folder keyed by the font and the characters.
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BUNDLED = Path(__file__).parents[1] / "fonts"
LICENCE = "OFL.txt"
FONT_DIR = "assets/fonts"
FONT_STYLESHEET = "assets/stylesheets/clinicdocs-fonts.css"
SCREEN_FONT_DISPLAY = "optional"
WEIGHTS = (400, 700)
CACHE_ENV = "CLINICDOCS_CACHE_DIR"
CUT_VERSION = b"1"
"""Part of every cached cut's key: change it when `_subset`'s options change."""


@dataclass(frozen=True)
class Family:
    """A bundled font family: `fonts/<stem>-<weight>.woff2` for each of `WEIGHTS`."""

    stem: str
    name: str
    """The CSS family name; prefixed so it never picks up a same-named font on the device."""
    preload: bool
    """Whether pages preload it when it is their main font (`preloaded_fonts`). An alphabet's cut
    is a few KB to a few tens of KB, cheap to fetch alongside the stylesheets. A hanzi cut is
    hundreds of KB: preloaded, it would hold back the first paint on a slow phone connection
    (Lighthouse's simulated largest paint went from 1.9 s to 4.0 s), and every phone and
    computer sold for Chinese readers has a Simplified Chinese font to show meanwhile."""


ARABIC = Family("noto-sans-arabic", "clinicdocs Noto Sans Arabic", preload=True)
LATIN = Family("noto-sans-latin", "clinicdocs Noto Sans", preload=True)
CHINESE = Family("noto-sans-sc", "clinicdocs Noto Sans SC", preload=False)
FAMILIES = (ARABIC, CHINESE, LATIN)

LANGUAGE_FONTS: dict[str, tuple[Family, ...]] = {
    "ar": (ARABIC, LATIN),
    "fa": (ARABIC, LATIN),
    "ur": (ARABIC, LATIN),
    "zh": (CHINESE,),
}
"""Which languages get fonts (Material theme language codes), main script first. In such a site
every other bundled family covers what the main ones do not (the language switcher's "العربية"
on a Chinese page, a Latin brand name on an Arabic one)."""


def needs_fonts(language: str | None) -> bool:
    """Whether a site in `language` (a Material theme language code) gets bundled fonts."""
    return language in LANGUAGE_FONTS


def shown_characters(page_html: str) -> set[str]:
    """Every character a page can show: its whole HTML with entities decoded (markup is ASCII,
    and attributes such as placeholders and titles are shown too), less controls and
    invisible format characters, which no font draws."""
    # Each distinct character once: a page is tens of thousands of characters, a few hundred
    # distinct ones.
    return {
        char
        for char in set(html.unescape(page_html))
        if unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp")
    }


@cache
def _coverage(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(path), lazy=True).getBestCmap())


def family_coverage(family: Family) -> frozenset[int]:
    """The code points a bundled family has glyphs for (in every weight)."""
    covered = [_coverage(BUNDLED / f"{family.stem}-{weight}.woff2") for weight in WEIGHTS]
    return frozenset.intersection(*covered)


@dataclass(frozen=True)
class FontFace:
    """One font file to serve: a family's weight, cut to `codepoints`."""

    family: Family
    weight: int
    codepoints: frozenset[int]
    data: bytes

    @property
    def file_name(self) -> str:
        """`<stem>-<weight>.woff2`: the same name from build to build, so every page can name
        its main font before the build knows which characters it holds (`preloaded_fonts`).
        Hosts cache it as they cache the site's other unhashed assets."""
        return font_file_name(self.family, self.weight)


def font_file_name(family: Family, weight: int) -> str:
    """A cut font's file name in a built site's `FONT_DIR`."""
    return f"{family.stem}-{weight}.woff2"


def preloaded_fonts(language: str | None) -> list[str]:
    """The fonts every page of a site in `language` uses (its main script's, both weights), as
    paths inside the site, for `<link rel="preload">` in each page's head; none when that font
    is too big to preload (`Family.preload`).

    The preload is what lets `font-display: optional` (see `stylesheet`) use the font whenever
    it can arrive in time: Chromium holds the first paint for a preloaded font for up to about
    100 ms, enough for a cached copy or a host's "not modified" answer. A font it discovers
    only while laying out the page is used only when the browser's cache can hand it over
    without asking the host.
    """
    if language is None or not needs_fonts(language):
        return []
    main = LANGUAGE_FONTS[language][0]
    if not main.preload:
        return []
    return [f"{FONT_DIR}/{font_file_name(main, weight)}" for weight in WEIGHTS]


@dataclass(frozen=True)
class SiteFonts:
    """The fonts of one site: the faces to serve, and the characters no bundled font has."""

    faces: tuple[FontFace, ...]
    families: tuple[Family, ...]
    missing: frozenset[str]


def site_fonts(language: str, characters: Iterable[str]) -> SiteFonts:
    """The font faces a site in `language` needs to show `characters`, each cut down to the
    characters it is the first family to cover (its language's families first).

    Printable ASCII is always included, so text added after the build (the "PDF (A4)" links of
    `clinicdocs pdf`) is covered too.
    """
    wanted = {ord(c) for c in characters} | set(range(0x20, 0x7F))
    order = LANGUAGE_FONTS[language] + tuple(
        f for f in FAMILIES if f not in LANGUAGE_FONTS[language]
    )
    faces: list[FontFace] = []
    families: list[Family] = []
    for family in order:
        mine = frozenset(wanted & family_coverage(family))
        if not mine:
            continue
        wanted -= mine
        families.append(family)
        for weight in WEIGHTS:
            data = _cut(BUNDLED / f"{family.stem}-{weight}.woff2", mine)
            faces.append(FontFace(family, weight, mine, data))
    missing = frozenset(chr(c) for c in wanted if not chr(c).isspace())
    return SiteFonts(tuple(faces), tuple(families), missing)


def _cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "clinicdocs" / "fonts"


def _cut(source: Path, codepoints: frozenset[int]) -> bytes:
    """`source` cut down to `codepoints` (with every glyph their shaping needs), as WOFF2.

    Cached on disk: the same site built again (a preview, the tests, CI) does not pay again.
    """
    import fontTools

    key = hashlib.sha256(CUT_VERSION)
    key.update(source.read_bytes())
    key.update(fontTools.version.encode())
    key.update(",".join(map(str, sorted(codepoints))).encode())
    cached = _cache_dir() / f"{key.hexdigest()[:24]}.woff2"
    if cached.is_file():
        return cached.read_bytes()
    data = _subset(source, codepoints)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(cached)
    except OSError:
        pass  # a read-only home: the build works, only slower next time
    return data


def _subset(source: Path, codepoints: frozenset[int]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source))
    options = subset.Options()
    # Every OpenType feature: Arabic letters take their joined forms through them.
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the copyright and licence names
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def unicode_range(codepoints: Iterable[int]) -> str:
    """A CSS `unicode-range` value for `codepoints`: runs of consecutive code points merged."""
    runs: list[tuple[int, int]] = []
    for point in sorted(codepoints):
        if runs and point == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], point)
        else:
            runs.append((point, point))
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def stylesheet(fonts: SiteFonts) -> str:
    """The `@font-face` rules and the text font setting, for `FONT_STYLESHEET`.

    The first family has no `unicode-range` (every page needs it); each further family's faces
    name their characters, so a browser fetches them only for pages that use one of them.

    `font-display: optional`: a font that has not arrived within the browser's short block period
    (about 100 ms) is not swapped in later, because swapping re-wraps the text under the reader's
    eyes (a layout shift). That page keeps the device's own font; the downloaded font is in the
    cache for the next one. Printing must not depend on that race: see `for_printing`.
    """
    rules = [
        "/* clinicdocs: this site's fonts, cut down to the characters its pages use.",
        "   Noto fonts, SIL Open Font License 1.1 (../fonts/OFL.txt). */",
    ]
    first = fonts.families[0] if fonts.families else None
    for face in fonts.faces:
        lines = [
            "@font-face {",
            f'  font-family: "{face.family.name}";',
            "  font-style: normal;",
            f"  font-weight: {face.weight};",
            f"  font-display: {SCREEN_FONT_DISPLAY};",
            f'  src: url("../fonts/{face.file_name}") format("woff2");',
        ]
        if face.family != first:
            lines.append(f"  unicode-range: {unicode_range(face.codepoints)};")
        rules.append("\n".join([*lines, "}"]))
    names = ", ".join(f'"{family.name}"' for family in fonts.families)
    if names:
        # Material's text font: `--md-text-font-family` puts it before the system's fonts.
        rules.append(f":root {{\n  --md-text-font: {names};\n}}")
    return "\n".join(rules) + "\n"


def for_printing(font_stylesheet: str) -> str:
    """`font_stylesheet` with every face waiting for its font, so a PDF never misses it."""
    return font_stylesheet.replace(f"font-display: {SCREEN_FONT_DISPLAY};", "font-display: block;")


def write_site_fonts(site_dir: Path, fonts: SiteFonts) -> list[Path]:
    """Write the font files, their licence and the stylesheet into a built site.

    Returns:
        The written files.
    """
    font_dir = site_dir / FONT_DIR
    font_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for face in fonts.faces:
        target = font_dir / face.file_name
        target.write_bytes(face.data)
        written.append(target)
    licence = font_dir / LICENCE
    licence.write_bytes((BUNDLED / LICENCE).read_bytes())
    sheet = site_dir / FONT_STYLESHEET
    sheet.parent.mkdir(parents=True, exist_ok=True)
    sheet.write_text(stylesheet(fonts), encoding="utf-8")
    return [*written, licence, sheet]
