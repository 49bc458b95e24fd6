"""The reading grade: the published Flesch-Kincaid formula, computed with no network at all."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from clinicdocs.lint.readability import grade_of, hardest_sentences, sentences, syllables
from clinicdocs.lint.rules import lint_site
from clinicdocs.load import load_site
from support.projects import ROOT, project_languages

SEEDS = Path("/work/shared/seeds")


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("skin", 1),
        ("make", 1),
        ("cleaned", 1),
        ("laser", 2),
        ("gentle", 2),
        ("treated", 2),
        ("collagen", 3),
        ("practitioner", 4),
        ("hyperpigmentation", 6),
        ("skin-care", 2),
        ("30", 1),
    ],
)
def test_syllables_follow_the_vowel_group_rule(word: str, count: int) -> None:
    assert syllables(word) == count


def test_the_grade_is_the_flesch_kincaid_formula() -> None:
    text = "The cat sat on the mat. The dog ran to the park and back."
    grade = grade_of(text)
    # Every word has one syllable: 0.39 * 14/2 + 11.8 * 14/14 - 15.59 = -1.06
    assert (grade.sentences, grade.words, grade.syllables) == (2, 14, 14)
    assert grade.grade == round(0.39 * 14 / 2 + 11.8 - 15.59, 1) == -1.1


def test_long_sentences_and_long_words_raise_the_grade() -> None:
    plain = "Use sunscreen. Keep out of the sun. Call us if it hurts."
    hard = (
        "Photoprotective emollients should be applied continuously, as cumulative ultraviolet "
        "exposure considerably increases the probability of post-inflammatory hyperpigmentation."
    )
    assert grade_of(plain).grade < 4 < 16 < grade_of(hard).grade


def test_markdown_list_items_and_paragraphs_are_sentences() -> None:
    text = "First part\n\n- one item\n- another item\n\nA **bold** [link](https://example.org)."
    assert sentences(text) == ["First part", "one item", "another item", "A bold link."]


def test_hardest_sentences_come_first() -> None:
    ranked = hardest_sentences(["Keep it clean. Avoid considerable ultraviolet exposure."], 2)
    assert [sentence for _, sentence in ranked] == [
        "Avoid considerable ultraviolet exposure.",
        "Keep it clean.",
    ]
    assert ranked[0][0] > ranked[1][0]


def test_grades_and_lint_work_with_the_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clinic's build server may have no internet: nothing here may try to connect."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)

    site = load_site(ROOT / "data", ROOT, languages=project_languages(ROOT))
    report = lint_site(site)

    assert attempts == []
    assert report.records["treatments/laser-mesotherapy"].grade.words > 500
    assert 0 < grade_of("Most people feel only mild heat or tingling.").grade < 8


def test_the_sample_pages_read_at_grade_8_or_lower() -> None:
    report = lint_site(load_site(ROOT / "data", ROOT, languages=project_languages(ROOT)))
    grades = {key: r.grade.grade for key, r in report.records.items()}
    assert all(grade <= 8 for grade in grades.values()), grades
    assert not [f for f in report.findings if f.rule == "readability"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are on the development machine")
def test_the_seed_texts_read_above_grade_8() -> None:
    """The sources the samples were written from are much harder to read than the samples."""
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds
    for seed in seeds:
        assert grade_of(seed.read_text(encoding="utf-8")).grade > 10, seed
