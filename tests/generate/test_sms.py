"""Text messages counted as networks count them: GSM-7 or UCS-2, characters and parts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinicdocs.generate.sms import (
    GSM_PART,
    GSM_SINGLE,
    UCS2_PART,
    UCS2_SINGLE,
    sms_length,
)

# GSM 03.38 written out here, from the 3GPP table (TS 23.038 6.2.1), as an oracle independent of
# the codec the module uses. The escape (0x1B) is left out: it is not a character to write.
GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = "\f^{}\\[~]|€"
"""Characters sent as an escape and a second septet: two places each."""
NOT_GSM = (
    "çÁáíóúâêõ\u201c\u201d\u2019\u2013\u2014\u2026\u00a0"  # curly quotes, dashes, no-break space
    "\u0645\u0631\u062d\u0628\u0627中文护理😀"
)


def test_the_oracle_is_the_whole_table() -> None:
    assert len(GSM_BASIC) == 127  # 128 codes, less the escape
    assert len(set(GSM_BASIC)) == 127
    assert not set(GSM_BASIC) & set(GSM_EXTENSION)


@pytest.mark.parametrize(
    ("text", "encoding", "units", "parts"),
    [
        ("", "GSM-7", 0, 0),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),
        # 81 euro signs are 162 places; a part holds 76 of them (152), never half of one.
        ("€" * 81, "GSM-7", 162, 2),
        ("ç", "UCS-2", 1, 1),
        ("ع" * 70, "UCS-2", 70, 1),
        ("ع" * 71, "UCS-2", 71, 2),
        ("护" * 134, "UCS-2", 134, 2),
        ("护" * 135, "UCS-2", 135, 3),
        ("😀" * 35, "UCS-2", 70, 1),
        # An emoji is two UTF-16 units: 34 of them and a letter are 69, still one message.
        ("😀" * 34 + "a", "UCS-2", 69, 1),
        ("😀" * 36, "UCS-2", 72, 2),
        ("a" * 159 + "é", "GSM-7", 160, 1),
        ("a" * 159 + "ç", "UCS-2", 160, 3),
    ],
)
def test_known_lengths(text: str, encoding: str, units: int, parts: int) -> None:
    length = sms_length(text)
    assert (length.encoding, length.units, length.parts) == (encoding, units, parts)


def test_a_part_never_splits_an_extension_character() -> None:
    length = sms_length("a" + "€" * 80)  # 161 places: two parts
    assert length.part_sizes == (153, 8)
    length = sms_length("aa" + "€" * 80)  # the 77th euro sign would straddle the boundary
    assert length.part_sizes == (152, 10)


def test_a_part_never_splits_an_emoji() -> None:
    assert sms_length("😀" * 36).part_sizes == (66, 6)


gsm_text = st.text(alphabet=st.sampled_from(GSM_BASIC + GSM_EXTENSION), max_size=700)
any_text = st.text(alphabet=st.sampled_from(GSM_BASIC + GSM_EXTENSION + NOT_GSM), max_size=700)


@given(any_text)
def test_parts_hold_the_whole_message(text: str) -> None:
    length = sms_length(text)
    is_gsm = all(char in GSM_BASIC + GSM_EXTENSION for char in text)
    assert length.encoding == ("GSM-7" if is_gsm else "UCS-2")
    if is_gsm:
        assert length.units == len(text) + sum(char in GSM_EXTENSION for char in text)
    else:
        assert length.units == len(text.encode("utf-16-le")) // 2
    assert length.parts * length.part_limit >= length.units
    assert sum(length.part_sizes) == length.units
    assert len(length.part_sizes) == length.parts
    assert all(0 < size <= length.part_limit for size in length.part_sizes)
    single = GSM_SINGLE if is_gsm else UCS2_SINGLE
    assert (length.parts <= 1) == (length.units <= single)
    if length.parts > 1:
        assert length.part_limit == (GSM_PART if is_gsm else UCS2_PART)


@given(gsm_text, st.sampled_from(NOT_GSM))
def test_one_character_outside_gsm_makes_it_ucs2(text: str, other: str) -> None:
    assert sms_length(text).encoding == "GSM-7"
    assert sms_length(text + other).encoding == "UCS-2"
