"""Claims that health-advertising codes and patients distrust, found by kind and read in context.

Each kind of claim is a set of patterns (`KINDS`). A match is a claim unless its context says
otherwise:

- **negation or hedging** in the same clause, before the phrase: "results are *not*
  guaranteed", "we *cannot* promise", "*nothing* is entirely without risk", "*no* laser is
  completely safe", "*most people* can go back to work straight away", "*little or* no
  downtime";
- **distancing** anywhere in the sentence: the writer warns about the claim instead of making
  it ("it would be *wrong* to say…", "*be wary* of clinics that *advertise*…");
- **a risk or side effect** as the subject: "a scar may be permanent", "blistering can happen
  immediately" (a harm word before the phrase, with no word of benefit between them);
- **advice or a comparison that promises nothing**: "suits dry skin best", "it is best to…",
  "contact us immediately".

What counts as a claim is anchored on the UK CAP Code (rules 3.1 and 3.7, section 12), the ASA's
guidance on cosmetic interventions, and the FTC's Health Products Compliance Guidance (2022); the
The handbook's "Content lint" page (handbook/docs/writing/lint.md) names which source each kind
rests on.

Plain regular expressions over sentences: no model, no download, nothing to fetch at run time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """One kind of claim: what it claims, in words, and what to write instead."""

    label: str
    suggestion: str
    patterns: tuple[str, ...]


KINDS: dict[str, Kind] = {
    "guarantee": Kind(
        "a guaranteed outcome",
        "say what most people can expect, e.g. 'most people see a change after 3 sessions'",
        (
            r"guarantee[ds]?",
            r"money[- ]back",
            r"(?:sure|certain) to",
            r"(?:will )?definitely (?:see|get|notice|look|have|be)",
            r"promises? (?:you|that|visible|results|clear|smooth)",
            r"we promise",
            r"every (?:single )?time",
            r"(?:every|each|all) (?:single )?(?:patients?|clients?|customers?) (?:leaves?|gets?|"
            r"sees?|saw|will|reported|noticed|says?|said)",
            r"(?:is|are|results?) assured",
            r"flawless",
        ),
    ),
    "safety": Kind(
        "absolute safety or no risk",
        "name the risks and how often they happen, e.g. 'serious side effects are rare'",
        (
            r"(?:completely|totally|100 ?%|perfectly|entirely|absolutely|fully) safe",
            r"risk[- ]free",
            r"(?:no|zero|without any|without) risks?",
            r"(?:no|zero) (?:side[- ]effects|complications|danger)",
            r"(?:free (?:of|from)|without (?:any )?) (?:side[- ]effects|complications)",
            r"harmless",
            r"nothing (?:can|will|could) go wrong",
        ),
    ),
    "comfort": Kind(
        "no pain or no downtime",
        "say what people usually feel and how long recovery takes, e.g. 'most people feel "
        "mild heat or tingling'",
        (
            r"painless(?:ly)?",
            r"pain[- ]free",
            r"(?:no|zero) (?:pain|discomfort|downtime|down[- ]time|recovery(?: time)?)",
            r"(?:won't|will not|don't|do not|wont) feel (?:a )?(?:thing|anything)",
            r"(?:doesn't|does not|won't|will not|never) hurts?",
            r"completely comfortable",
        ),
    ),
    "everyone": Kind(
        "suitability for everyone",
        "say who it suits and who should not have it",
        (
            r"suit(?:able|s)? (?:for )?(?:everyone|everybody|anyone|all|any|every)\b",
            r"(?:works?|safe|right|perfect|ideal|effective) (?:on|for) "
            r"(?:everyone|everybody|anyone|all|any|every)\b",
            r"(?:anyone|everyone|everybody) can (?:have|get|use|try|benefit)",
            r"whatever your (?:skin|age|concern|colour|color|type)",
            r"(?:all|any|every) (?:skin )?(?:types?|tones?|colou?rs?|ages)",
        ),
    ),
    "permanent": Kind(
        "permanent results",
        "say how long results usually last, as the sources give it",
        (
            r"permanent(?:ly)?",
            r"for ?ever",
            r"for good",
            r"for life",
            r"life[- ]?long",
            r"(?:never|won't|will not) (?:come|comes|grow|grows) back",
            r"never (?:returns?|fades?)",
            r"(?:won't|will not) fade",
            r"once and for all",
            r"(?:last|lasts) a lifetime",
            r"never (?:need|needs|require|requires) (?:another|any more|more|further)",
        ),
    ),
    "superlative": Kind(
        "being the best (a superlative)",
        "say who the treatment suits, or what the clinic offers, instead of ranking it",
        (
            r"best",
            r"safest",
            r"the most (?:advanced|effective|experienced|trusted|popular|innovative)",
            r"leading",
            r"number one|no\.? ?1|#1",
            r"world[- ](?:class|leading|renowned)",
            r"unrivall?ed|unbeatable|unparall?eled|unmatched|second to none",
            r"revolutionary|miracle|miraculous|breakthrough",
            r"nothing (?:works|is) better",
            r"better than (?:any|all|every)",
            r"finest",
        ),
    ),
    "cure": Kind(
        "a cure",
        "say it can improve or reduce the concern, and for how many people",
        (
            r"cure[sd]?",
            # "eliminated from the body" describes the body at work, not a cure.
            r"eliminat(?:es?|ing)|eliminated(?!\s+(?:from|by|through|via)\b)",
            r"eradicat(?:es?|ed|ing)",
            r"get rid of",
            r"banish(?:es|ed)?",
            r"erase[sd]?",
            r"wipes? out",
            r"heals? (?:\w+ )?(?:acne|eczema|rosacea|psoriasis|melasma|scars?|wrinkles|"
            r"conditions?)",
        ),
    ),
    "speed": Kind(
        "instant results",
        "say when most people notice a change, e.g. 'most people see a change after a few weeks'",
        (
            r"instant(?:ly)?",
            r"immediate(?:ly)?",
            r"overnight",
            r"straight away|right away",
            r"(?:with)?in (?:just |only )?(?:minutes|seconds|\d+ (?:minutes|seconds))",
            r"in (?:just |only )?(?:under|less than) (?:an? hour|\w+ (?:minutes|hours))",
            r"in (?:just |only )?(?:one|a single|1) (?:session|visit|treatment|appointment)",
            r"in (?:just|only) \d+ days",
        ),
    ),
    "proof": Kind(
        "proof or a success rate",
        "name the study in 'sources' and say what it found, in words, for how many people",
        (
            r"(?:clinically|scientifically|medically|dermatologically|dermatologist|doctor)"
            r"[- ]?(?:proven|tested|approved)",
            r"proven",
            r"(?:tests|studies|trials) (?:show|prove)",
            r"\d+ ?% (?:of (?:our |the |all )?(?:patients|people|clients|users|women|men|"
            r"customers)|success|satisf\w*)",
            r"success rate",
            r"\b(?:one|two|three|four|five|six|seven|eight|nine|\d+) (?:out of|in) (?:ten|10)\b",
        ),
    ),
}
"""The kinds of claim, each with its label, its suggested wording and its patterns (matched as
whole words, whatever their case)."""

CUSTOM = "custom"
"""The kind of a phrase a project adds in its lint settings."""

# Words that negate or hedge what follows them in the same clause.
_NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|none|nobody|no one|cannot|can't|won't|isn't|aren't|doesn't|"
    r"don't|didn't|wasn't|weren't|shouldn't|wouldn't|couldn't|neither|nor|few|rarely|seldom|"
    r"hardly|unlikely)\b|n't\b",
    re.IGNORECASE,
)
# A negated verb, whose reach runs on through a list: "we do not promise painless, instant ...".
_VERB_NEGATION = re.compile(
    r"\b(?:not|never|cannot)\b|n't\b|\b(?:do|does|did|can|will|would) not\b", re.IGNORECASE
)
# The measured wording the suggestions ask for: a share of people, or how often ("most people
# can go back to work straight away", "little or no downtime").
_HEDGE = re.compile(
    r"\b(?:(?:most|many|some|a few) (?:people|patients|clients|of you)|usually|often|"
    r"typically|generally|in most cases|(?:little|minimal|less) (?:or|to)|seems?|seemingly)\b",
    re.IGNORECASE,
)
# The writer talks about the claim, or warns against it, instead of making it.
_DISTANCING = re.compile(
    r"\b(?:wrong|untrue|false|myths?|wary|beware|cautious|careful of|sceptical|skeptical|"
    r"suspicious|claims? that|advertis(?:e|es|ed|ing|ements?)|adverts?|ads|misleading|"
    r"promises? like|(?:the )?(?:phrase|words|term|label|slogan)s?)\b",
    re.IGNORECASE,
)
# A harm or side effect: when it is the subject, "permanent" or "immediately" describes a risk.
_HARM = re.compile(
    r"\b(?:scar(?:s|ring)?|dark(?:en|ens|ening|er)|light(?:er|ening)|patch(?:es)?|"
    r"colou?r change|change in colou?r|discolou?r\w*|damage|loss|blister\w*|burns?|"
    r"infection|bruis\w*|swell\w*|redness|red|irritation|side[- ]effects?|complications?|"
    r"numbness|sting\w*|pain|soreness|itch\w*|hyperpigmentation|hypopigmentation)\b",
    re.IGNORECASE,
)
# A benefit between the harm word and the phrase ("scars fade immediately") makes it a claim
# about the treatment's result again.
_BENEFIT = re.compile(
    r"\b(?:remov\w*|reduc\w*|fad\w*|clear\w*|treats?|fix\w*|get rid|eras\w*|banish\w*|"
    r"lighten\w*|improv\w*|smooth\w*|tighten\w*|disappear\w*|vanish\w*|gone|go away)\b",
    re.IGNORECASE,
)
# The rest of the clause denies the phrase: "instant results are rare".
_DENIED_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,2}(?:is|are|remains?)\s+(?:rare|unusual|uncommon|unlikely|not|never|"
    r"impossible|a myth)\b",
    re.IGNORECASE,
)
# A concession before a superlative: "even the safest treatments can cause...".
_CONCESSION = re.compile(r"\beven(?: the)?\s*$", re.IGNORECASE)
# A possibility, not a promise: "some of the ink may stay permanently" warns of a risk.
_POSSIBILITY = re.compile(r"\b(?:may|might|could|can be)\b", re.IGNORECASE)
# Advice that tells the reader when to act: "contact us immediately", "apply it straight away".
_ADVICE = re.compile(
    r"\b(?:contact|call|phone|ring|seek|tell|stop|apply|wash|rinse|report|get help|go to)\b",
    re.IGNORECASE,
)
# "best" as advice or a comparison that ranks nothing: "suits dry skin best", "it is best to",
# "the best time to", "works best for"; or the best for this reader, not better than others:
# "to ensure the best possible outcome", "whether it is the best option for you".
_ADVICE_BEST = re.compile(
    r"\b(?:suits?|suited|works?|fits?|is|are)\b(?:\s+\w+){0,3}\s+best\b(?!\s+(?:clinic|"
    r"treatment|results?|team|laser|peel|practitioners?|doctors?|care|choice|option)\b)"
    r"|\bbest\s+(?:to|time|way|if|when|before|after|for\s+(?:dry|oily|sensitive|dark|fair|"
    r"light|thin|thick))\b"
    r"|\b(?:ensur\w*|achiev\w*|determine|decide|choos\w*|which|whether|if)\b(?:\s+\w+){0,4}"
    r"\s+best\b|\bbest\s+(?:possible|(?:\w+\s+)?for\s+(?:you|your))\b",
    re.IGNORECASE,
)
# Link targets and bare addresses are not prose ("/best-practice/"); they are blanked, keeping
# every other character's offset.
_NOT_PROSE = re.compile(r"\]\([^)\s]*\)|<?https?://\S+")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\b(?:but|although|though|however|while)\b")


@dataclass(frozen=True)
class Claim:
    """A claim found in a text: its kind, the words that make it, and where they start."""

    kind: str
    phrase: str
    start: int
    """Offset of the phrase's first character in the text."""


def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    # Whole words: no letter, digit, hyphen or apostrophe touching either end.
    return re.compile(
        r"(?<![\w'-])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w-])",
        re.IGNORECASE,
    )


_PATTERNS: dict[str, re.Pattern[str]] = {kind: _compile(k.patterns) for kind, k in KINDS.items()}


def _clause_start(sentence: str, at: int) -> int:
    """Where the clause holding offset `at` of the sentence begins."""
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence, 0, at):
        start = match.end()
    return start


def _is_claim(kind: str, sentence: str, start: int, end: int) -> bool:
    """Whether the phrase at `start:end` of the sentence makes a claim, given its context."""
    clause = _clause_start(sentence, start)
    before = sentence[clause:start]
    # A phrase that follows a comma closely continues a list ("we do not promise painless,
    # instant results"): a negated verb before the list covers it too (not a "no" that is
    # itself a claim's word: "no downtime, instant results").
    if clause > 0 and sentence[clause - 1] == "," and len(before.split()) <= 1:
        listed = sentence[_clause_start(sentence, clause - 1) : clause]
        if _VERB_NEGATION.search(listed):
            return False
    # The phrase itself is left out of the search for distancing: "nothing can go wrong".
    if (
        _NEGATION.search(before)
        or _HEDGE.search(before)
        or _DISTANCING.search(sentence[:start] + " " + sentence[end:])
    ):
        return False
    # Denied after the phrase: "instant results are rare", "a cure is not possible".
    if _DENIED_AFTER.match(sentence, end):
        return False
    # "Even the safest treatments can cause...": a concession, not a ranking.
    if kind == "superlative" and _CONCESSION.search(before):
        return False
    if kind == "permanent" and _POSSIBILITY.search(before):
        return False
    if kind in {"permanent", "speed"}:
        harms = list(_HARM.finditer(sentence, 0, start))
        harm = harms[-1] if harms else None
        if harm is not None and not _BENEFIT.search(sentence, harm.end(), start):
            return False
    if kind == "speed" and _ADVICE.search(before):
        return False
    if kind == "superlative" and sentence[start:end].casefold() == "best":
        return not any(
            m.start() <= start < m.end() or m.start() <= end <= m.end()
            for m in _ADVICE_BEST.finditer(sentence)
        )
    return True


def find_claims(
    text: str, added: Mapping[str, str] | None = None, dropped: frozenset[str] = frozenset()
) -> list[Claim]:
    """Every claim in a text, in the order they appear; one per phrase.

    Args:
        text: a field's text (Markdown allowed; it is read as plain sentences).
        added: phrases a project adds (phrase: suggestion), of kind `custom`, read in the same
            context as the built-in kinds.
        dropped: kinds, or phrases (casefolded), that a project does not want reported.

    Returns:
        The claims found, sorted by where they start.
    """
    # A project's own phrases come first, so its wording is the one suggested where a phrase
    # is also one of the built-in kinds'.
    patterns = {CUSTOM: _compile(tuple(re.escape(phrase) for phrase in added))} if added else {}
    patterns.update((kind, p) for kind, p in _PATTERNS.items() if kind not in dropped)
    found: dict[int, Claim] = {}
    prose = _NOT_PROSE.sub(lambda m: " " * len(m.group()), text)
    for sentence_match in _SENTENCE.finditer(prose):
        sentence = sentence_match.group()
        for kind, pattern in patterns.items():
            for match in pattern.finditer(sentence):
                phrase = match.group()
                if phrase.casefold() in dropped:
                    continue
                start = sentence_match.start() + match.start()
                if start in found or not _is_claim(kind, sentence, match.start(), match.end()):
                    continue
                found[start] = Claim(kind, phrase, start)
    return [found[start] for start in sorted(found)]


def suggestion(claim: Claim, added: Mapping[str, str] | None = None) -> str:
    """What to write instead of a claim."""
    if claim.kind == CUSTOM:
        return (added or {}).get(claim.phrase.casefold(), "describe it in plain, measured words")
    return KINDS[claim.kind].suggestion


def label(kind: str) -> str:
    """A kind's label in words: 'absolute safety or no risk'."""
    return KINDS[kind].label if kind in KINDS else "a kind this project lists"
