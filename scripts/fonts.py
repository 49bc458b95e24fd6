"""Make the fonts clinicdocs ships (src/clinicdocs/fonts/) from Debian's Noto packages.

A developer tool, run once when the bundled fonts change, never at build time:

    sudo apt-get install fonts-noto-core fonts-noto-cjk
    .venv/bin/python scripts/fonts.py

It writes WOFF2 files cut down to the characters a language's pages plausibly use, so the wheel
stays small; each site build then cuts them again, to the characters its pages really use
(`clinicdocs.html.fonts`). Licence: SIL Open Font License 1.1 (src/clinicdocs/fonts/OFL.txt).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "clinicdocs" / "fonts"
TRUETYPE = Path("/usr/share/fonts/truetype/noto")
OPENTYPE = Path("/usr/share/fonts/opentype/noto")

LATIN = [
    *range(0x20, 0x7F),  # ASCII
    *range(0xA0, 0x180),  # Latin-1 and Latin Extended-A
    *range(0x2000, 0x2070),  # general punctuation (dashes, quotes, bullets, ellipsis)
    0x20AC,  # euro
    0x2122,  # trade mark
    *range(0x2190, 0x2194),  # arrows
    0x2212,  # minus
]
CJK_PUNCTUATION = [*range(0x3000, 0x3040), *range(0xFF00, 0xFFF0)]


def gb2312() -> list[int]:
    """Every character of GB 2312, the national standard set of simplified Chinese (6,763
    hanzi plus symbols): more than 99.9 % of the characters in modern Chinese text."""
    found = []
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                text = bytes([high, low]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            found.append(ord(text))
    return found


def cjk_face(collection: Path, suffix: str) -> TTFont:
    """The Simplified Chinese face of a Noto Sans CJK collection."""
    for font in TTCollection(str(collection)).fonts:
        if font["name"].getDebugName(6) == f"NotoSansCJKsc-{suffix}":
            return font
    raise SystemExit(f"{collection}: no NotoSansCJKsc-{suffix} face")


def write(font: TTFont, codepoints: list[int] | None, target: Path) -> None:
    """Cut `font` down to `codepoints` (all of its own when None) and save it as WOFF2, keeping
    the shaping features Arabic needs and the copyright and licence names."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.flavor = "woff2"
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    wanted = set(font.getBestCmap()) if codepoints is None else set(codepoints)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(str(target))
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size / 1024:.0f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for weight, suffix in ((400, "Regular"), (700, "Bold")):
        arabic = TTFont(str(TRUETYPE / f"NotoSansArabic-{suffix}.ttf"))
        write(arabic, None, OUT / f"noto-sans-arabic-{weight}.woff2")
        latin = TTFont(str(TRUETYPE / f"NotoSans-{suffix}.ttf"))
        write(latin, LATIN, OUT / f"noto-sans-latin-{weight}.woff2")
        chinese = cjk_face(OPENTYPE / f"NotoSansCJK-{suffix}.ttc", suffix)
        write(chinese, LATIN + CJK_PUNCTUATION + gb2312(), OUT / f"noto-sans-sc-{weight}.woff2")


if __name__ == "__main__":
    main()
