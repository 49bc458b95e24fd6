"""How long a text message is as a phone network counts it, and in how many parts it is sent.

A message that every character of fits the GSM 03.38 alphabet (its basic table, plus the
extension table's characters, such as `{`, `€` or `[`, which take two places each) is sent in
GSM-7: 160 characters in one part, 153 in each part of a longer message (the rest of a part
carries the header that joins them). One character outside that alphabet (any Arabic or Chinese
letter, `ç`, a curly quote) makes the whole message UCS-2: 70 characters in one part, 67 in each
part of a longer one, counted in UTF-16 code units (an emoji takes two). A part never splits an
extension character from its escape, nor an emoji's two halves.

The GSM alphabet comes from the `gsm0338` codec (MIT, a maintained Python codec of the 3GPP
table), so this module holds only the counting.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Literal

import gsm0338  # noqa: F401  (importing it registers the "gsm03.38" codec)

Encoding = Literal["GSM-7", "UCS-2"]

GSM_SINGLE = 160
"""GSM-7 characters in a message sent as one part."""
GSM_PART = 153
"""GSM-7 characters in each part of a message sent in several parts."""
UCS2_SINGLE = 70
"""UCS-2 characters (UTF-16 code units) in a message sent as one part."""
UCS2_PART = 67
"""UCS-2 characters in each part of a message sent in several parts."""

_GSM = codecs.lookup("gsm03.38")


@dataclass(frozen=True)
class SmsLength:
    """A message as the network counts it.

    Attributes:
        encoding: GSM-7, or UCS-2 when any character is outside the GSM alphabet.
        units: its length in that encoding's characters (an extension character counts two in
            GSM-7, a character outside the Basic Multilingual Plane two in UCS-2).
        parts: how many text messages it is sent as (0 for an empty message).
        part_sizes: the units in each part, in order.
    """

    encoding: Encoding
    units: int
    parts: int
    part_sizes: tuple[int, ...]

    @property
    def single_limit(self) -> int:
        """The most units a one-part message of this encoding may have."""
        return GSM_SINGLE if self.encoding == "GSM-7" else UCS2_SINGLE

    @property
    def part_limit(self) -> int:
        """The most units in each part of this message: the one-part limit when it is one
        part, else the smaller limit of a joined message."""
        if self.parts <= 1:
            return self.single_limit
        return GSM_PART if self.encoding == "GSM-7" else UCS2_PART


def _character_units(text: str) -> tuple[Encoding, list[int]]:
    """Each character's size in the message's encoding."""
    try:
        sizes = [len(_GSM.encode(char)[0]) for char in text]
    except UnicodeEncodeError:
        return "UCS-2", [len(char.encode("utf-16-le")) // 2 for char in text]
    return "GSM-7", sizes


def sms_length(text: str) -> SmsLength:
    """Count `text` as a text message: its encoding, length and parts.

    Args:
        text: the message exactly as it is sent (placeholders filled in).
    """
    encoding, sizes = _character_units(text)
    units = sum(sizes)
    single = GSM_SINGLE if encoding == "GSM-7" else UCS2_SINGLE
    if units <= single:
        return SmsLength(encoding, units, 1 if units else 0, (units,) if units else ())
    per_part = GSM_PART if encoding == "GSM-7" else UCS2_PART
    parts: list[int] = []
    current = 0
    for size in sizes:
        # A character's units stay together: an escape and its extension character, or the
        # two halves of a surrogate pair, never go to different parts.
        if current + size > per_part:
            parts.append(current)
            current = 0
        current += size
    parts.append(current)
    return SmsLength(encoding, units, len(parts), tuple(parts))
