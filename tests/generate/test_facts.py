"""Key facts in words (generate/facts.py, Language.quantity): numbers and units in each
language's grammar, a fact's note after its numbers, and the numbers the comparison table sorts
and filters by, in one unit per fact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinicdocs.data.models import Amount, Downtime, Interval, Numbing, SessionLength
from clinicdocs.generate.facts import FactRange, fact_cell, fact_range, fact_words
from clinicdocs.i18n.language import DURATION_UNITS, available_languages, load_language

EN, AR, ZH = (load_language(code) for code in ("en", "ar", "zh"))


@pytest.mark.parametrize(
    ("fact", "en", "ar", "zh"),
    [
        (Amount(min=4, max=6), "4 to 6", "من 4 إلى 6", "4至6"),
        (Interval(min=1, max=2, unit="weeks"), "1 to 2 weeks", "من 1 إلى 2 أسبوع", "1至2周"),
        (Downtime(min=5, max=7, unit="days"), "5 to 7 days", "من 5 إلى 7 أيام", "5至7天"),
        (Downtime(min=0, max=2, unit="weeks"), "up to 2 weeks", "أسبوعان كحد أقصى", "最多2周"),
        (Downtime(min=0, unit="days"), "None", "لا يوجد", "无"),
        (SessionLength(min=30, unit="minutes"), "30 minutes", "30 دقيقة", "30分钟"),
        (Interval(min=1, unit="weeks"), "1 week", "أسبوع", "1周"),
    ],
)
def test_numbers_in_each_languages_words(fact: Amount, en: str, ar: str, zh: str) -> None:
    assert [fact_cell(fact, language) for language in (EN, AR, ZH)] == [en, ar, zh]


def test_a_note_follows_the_numbers_and_stands_alone_without_them() -> None:
    fact = Downtime(min=5, max=7, unit="days", note="Keep the area dry.")
    assert fact_words(fact, EN) == "5 to 7 days. Keep the area dry."
    assert fact_words(fact, ZH) == "5至7天。Keep the area dry."
    assert fact_cell(fact, EN) == "5 to 7 days", "the table compares numbers"
    words_only = Amount(note="It depends on the area.")
    assert fact_words(words_only, EN) == fact_cell(words_only, EN) == "It depends on the area."
    assert fact_words(None, EN) is None


def test_numbing_methods_read_as_a_list() -> None:
    numbing = Numbing(methods=["numbing_cream", "numbing_injection"])
    assert fact_cell(numbing, EN) == (
        "Numbing cream or gel or Numbing injection (local anaesthetic)"
    )
    assert fact_cell(numbing, AR) == "كريم أو جل مخدر أو حقنة مخدرة (تخدير موضعي)"


def test_sort_numbers_are_in_one_unit_per_fact() -> None:
    assert fact_range(Interval(min=1, max=2, unit="weeks")) == FactRange(7, 14)
    assert fact_range(SessionLength(min=1, unit="hours")) == FactRange(60, 60)
    assert fact_range(Downtime(max=3, unit="days")) == FactRange(0, 3)
    assert fact_range(Amount(note="words only")) is None


LANGUAGES = {code: load_language(code) for code in available_languages()}


@settings(deadline=None)
@given(
    low=st.integers(0, 1000),
    span=st.none() | st.integers(0, 1000),
    unit=st.sampled_from(sorted(DURATION_UNITS)),
    code=st.sampled_from(sorted(LANGUAGES)),
)
def test_every_range_in_every_language_says_its_numbers(
    low: int, span: int | None, unit: str, code: str
) -> None:
    """Whatever the numbers, each language writes them with its own digits: both ends of a
    range; a lone 1 or 2 may be a word of its own (Arabic "أسبوعان", two weeks)."""
    language = LANGUAGES[code]
    high = None if span is None else low + span
    words = language.quantity(low, high, unit)
    if high is not None and 0 < low < high:
        assert language.number(low) in words
        assert language.number(high) in words
    else:
        top = high or low
        assert language.number(top) in words or top in (1, 2), words
