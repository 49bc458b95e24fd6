"""Colour maths for the clinic's brand colours: WCAG 2.2 contrast, and lighter versions for the
dark scheme. Plain functions on `#rrggbb` strings; no dependency on the rest of the package.

Which colour pairs matter in Material for MkDocs (and so are checked, at 4.5:1, the WCAG 2.2 AA
minimum for normal text):

- `primary_color` is the header and tab bar background under white text, the background of
  primary buttons ("Book a consultation") under white text, and the colour of links on the white
  page of the light scheme. All three are the one pair primary/white.
- `accent_color` is the colour of links under the pointer or keyboard focus on the white page,
  and the background of buttons under the pointer, with white text: the pair accent/white.
- The dark (slate) scheme shows links on a near-black page, where a colour dark enough for the
  white page is hard to read. For that scheme the generated stylesheet uses lighter versions of
  the two colours, mixed with white until they reach 4.5:1 on the dark page, with black text on
  the lighter accent. Those are derived, so they always pass (the tests check them anyway).
"""

from __future__ import annotations

import math

WHITE = "#ffffff"
BLACK = "#000000"
LIGHT_PAGE = WHITE
"""Material's page background in the light (`default`) scheme."""
DARK_PAGE = "#1e2129"
"""Material's page background in the dark (`slate`) scheme, hsl(225, 15%, 14%), rounded."""
AA_TEXT = 4.5
"""WCAG 2.2 AA minimum contrast for normal-size text."""

PAIRS = {
    "primary_color": "white header text and button text on '{colour}', and links in '{colour}' "
    "on the white page,",
    "accent_color": "links under the pointer in '{colour}' on the white page, and white text on "
    "buttons in '{colour}',",
}
"""What each brand colour is shown with in the light scheme; each pair is the colour and white."""


def parse_hex(colour: str) -> tuple[int, int, int]:
    """`#0f766e` (or `#fff`) -> (15, 118, 110)."""
    digits = colour.removeprefix("#")
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def to_hex(red: float, green: float, blue: float) -> str:
    """(15, 118, 110) -> `#0f766e`, rounding each channel."""
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in (red, green, blue))


def relative_luminance(colour: str) -> float:
    """The relative luminance of an sRGB colour, as WCAG 2.2 defines it (0 black, 1 white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(channel) for channel in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.2 contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def format_ratio(ratio: float) -> str:
    """`4.4776` -> `4.47:1`. Rounded down, so a ratio just below 4.5 never shows as `4.5:1`."""
    shown = f"{math.floor(ratio * 100) / 100:.2f}".rstrip("0").rstrip(".")
    return f"{shown}:1"


def mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0 to 1) of the way towards `other`."""
    (r1, g1, b1), (r2, g2, b2) = parse_hex(colour), parse_hex(other)
    return to_hex(r1 + (r2 - r1) * amount, g1 + (g2 - g1) * amount, b1 + (b2 - b1) * amount)


def readable_on(colour: str, background: str, minimum: float = AA_TEXT) -> str:
    """The colour nearest to `colour`, mixed with white on a dark background (black on a light
    one), that reaches `minimum` contrast on `background`."""
    towards = WHITE if relative_luminance(background) < 0.5 else BLACK
    for step in range(101):
        candidate = mix(colour, towards, step / 100)
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return towards


def contrast_problem(field: str, colour: str) -> str | None:
    """Say what fails if brand colour `field` (`primary_color` or `accent_color`) set to
    `colour` is too light for white text and for links on the white page; None if it passes."""
    ratio = contrast_ratio(colour, LIGHT_PAGE)
    if ratio >= AA_TEXT:
        return None
    what = PAIRS[field].format(colour=colour)
    return (
        f"{what} have contrast {format_ratio(ratio)}; text needs at least "
        f"{format_ratio(AA_TEXT)} (WCAG 2.2 AA); choose a darker colour"
    )
