"""Reading grade of plain-language text: the Flesch-Kincaid grade level, computed offline.

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

This is the published formula (Kincaid et al., 1975), as textstat and most editors compute it.
Syllables are counted with a vowel-group rule instead of a pronunciation dictionary: recent
textstat releases download such a dictionary at run time, which fails on a clinic's build server
without internet. The rule is close enough for a grade target (it is within about a grade of
dictionary-based counts on ordinary prose); what matters is that long sentences and long words push
the grade up, and that the same text always gets the same grade, on any machine.

Markdown markup is removed first; each paragraph and list item counts as at least one sentence,
because a reader takes a list item as one, full stop or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from clinicdocs.generate.render import plain_text

_WORD_RE = re.compile(
    r"[A-Za-z\u00c0-\u024f]+(?:['\u2019-][A-Za-z\u00c0-\u024f]+)*|\d+(?:[.,]\d+)*"
)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'\u201d)]*\s+|\n\s*\n|\n\s*(?:[-*+]|\d+\.)\s+")
_LIST_MARK_RE = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")
# Endings where the final 'e' is silent but the vowel-group rule would count it.
_SILENT_E_RE = re.compile(r"[^aeiouy]e$")
_COUNTED_ENDINGS_RE = re.compile(r"(?:[^aeiouy]le|[td]ed|[szxcg]es|ee)$")


@dataclass(frozen=True)
class Grade:
    """The reading grade of a piece of text, with the counts it was computed from."""

    grade: float
    words: int
    sentences: int
    syllables: int


# A catalogue repeats the same words and sentences thousands of times, and lint asks for the
# grade of a text more than once (its field, its page, its hardest sentences): both are cached.
@lru_cache(maxsize=1 << 16)
def syllables(word: str) -> int:
    """Estimate the syllables in one English word (at least 1).

    Counts groups of vowels ('a e i o u y'), then drops a silent final 'e' ('make', 'skin-care')
    unless the ending is spoken ('gentle', 'treated', 'noses', 'agree'). A number counts as one.
    """
    word = word.lower().strip("'\u2019")
    if not word or word[0].isdigit():
        return 1
    total = 0
    for part in re.split(r"[-'\u2019]", word):
        if not part:
            continue
        count = len(_VOWEL_GROUP_RE.findall(part))
        if len(part) > 2 and _SILENT_E_RE.search(part) and not _COUNTED_ENDINGS_RE.search(part):
            count -= 1
        elif part.endswith("ed") and len(part) > 3 and not _COUNTED_ENDINGS_RE.search(part):
            count -= 1  # 'cleaned', 'used': the 'ed' is not a syllable of its own
        total += max(count, 1)
    return max(total, 1)


def words(text: str) -> list[str]:
    """The words of a text, Markdown markup removed."""
    return _WORD_RE.findall(plain_text(text))


def sentences(text: str) -> list[str]:
    """Split text into sentences: at '.', '!' or '?' followed by space, at blank lines and at
    list items. Markdown markup is removed from each sentence."""
    parts = _SENTENCE_END_RE.split(text.strip())
    return [plain_text(_LIST_MARK_RE.sub("", part)) for part in parts if _WORD_RE.search(part)]


@lru_cache(maxsize=1 << 15)
def grade_of(text: str) -> Grade:
    """The Flesch-Kincaid grade of `text` (0 for text without words).

    Args:
        text: plain language, possibly with Markdown emphasis and links.
    """
    found = sentences(text)
    counted = [word for sentence in found for word in _WORD_RE.findall(sentence)]
    if not counted:
        return Grade(0.0, 0, 0, 0)
    syllable_count = sum(syllables(word) for word in counted)
    value = 0.39 * len(counted) / len(found) + 11.8 * syllable_count / len(counted) - 15.59
    return Grade(round(value, 1), len(counted), len(found), syllable_count)


def hardest_sentences(
    texts: list[str], count: int = 3, min_words: int = 5
) -> list[tuple[float, str]]:
    """The `count` sentences with the highest grade, hardest first, as (grade, sentence).

    Sentences shorter than `min_words` words (names, list items such as "30 minutes") are left
    out unless nothing else is there: the formula gives a lone long word a high grade, but such a
    fragment is not what makes a page hard to read.

    Args:
        texts: the texts to look in, e.g. every text field of a page.
        count: how many to return.
        min_words: the fewest words a sentence needs to be ranked.
    """
    found = [sentence for text in texts for sentence in sentences(text)]
    long_enough = [s for s in found if len(_WORD_RE.findall(s)) >= min_words] or found
    scored = {sentence: grade_of(sentence).grade for sentence in long_enough}
    ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    return [(grade, sentence) for sentence, grade in ranked[:count]]
