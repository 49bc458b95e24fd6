"""The data model: one pydantic class per kind of record in `data/`.

Every field carries a `description`, because the JSON Schema that editors use for autocompletion
is generated from these classes (`clinicdocs schema`), never written by hand.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

import annotated_types
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo

from clinicdocs.data.colours import contrast_problem
from clinicdocs.data.naming import SLUG_PATTERN

URL_PATTERN = r"^https?://[^\s<>\"']+$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
PHONE_PATTERN = r"^\+?[0-9 ()-]{5,25}$"
EMERGENCY_PATTERN = r"^[0-9 +]{2,15}$"
HTTPS_URL_PATTERN = r"^https://[^\s<>\"'\\`]+$"
HEX_COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
SITE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$"

PATTERN_HINTS = {
    URL_PATTERN: "{value!r} is not a web address; write it in full, starting with https://",
    EMAIL_PATTERN: "{value!r} is not an email address, e.g. 'reception@example.org'",
    PHONE_PATTERN: "{value!r} is not a phone number; use digits, spaces, '+', '(', ')' and '-'",
    EMERGENCY_PATTERN: "{value!r} is not an emergency number; use digits only, e.g. '999'",
    HTTPS_URL_PATTERN: "{value!r} is not a secure web address; write it in full, starting with "
    "https://",
    HEX_COLOUR_PATTERN: "{value!r} is not a colour; write '#' and six hex digits, in quotes, "
    'e.g. "#0f766e"',
    SITE_ID_PATTERN: "{value!r} is not a site id; use letters, digits, '.', '_', ':' and '-'",
}
"""What to tell an editor whose value does not match one of the patterns above."""

# Data holds a small Markdown subset (emphasis, links, line breaks). Anything that would let a
# data file smuggle markup or behaviour into the page is refused at validation time.
_RAW_HTML_RE = re.compile(r"<\s*[/!?a-zA-Z]")
_UNSAFE_LINK_RE = re.compile(r"\b(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
_ATTR_LIST_RE = re.compile(r"\{\s*[:.#]|\{[^{}\n]*=[^{}\n]*\}")
_SNIPPET_RE = re.compile(r"-{1,}8<-{1,}")
_TEMPLATE_RE = re.compile(r"\{\{|\{%|\{#")
# Invisible characters: control characters (other than line break and tab), and the Unicode
# direction overrides that make text display differently from how it reads ("Trojan source").
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_IMAGE_RE = re.compile(r"!\[")
_HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)", re.MULTILINE)
# A line of only '-', '=', '*' or '_' underlines the line above as a heading, or draws a rule.
_RULE_RE = re.compile(r"^[ \t]*[-=*_](?:[ \t]*[-=*_])*[ \t]*$", re.MULTILINE)
_BOX_RE = re.compile(r"^[ \t]*(?:!!!|\?\?\?)", re.MULTILINE)
_ABBR_DEF_RE = re.compile(r"^[ \t]*\*\[[^\]\n]*\]:", re.MULTILINE)
_TASK_RE = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\]", re.MULTILINE)
_LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE_RE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]*)", re.MULTILINE)
_SAFE_TARGET_RE = re.compile(r"^(?:https?://[^\s]|mailto:[^\s]|tel:[+0-9])", re.IGNORECASE)


def check_markdown_subset(text: str) -> str:
    """Refuse text that steps outside the Markdown subset that data fields may use.

    Args:
        text: a text field's value, already stripped.

    Returns:
        The text, unchanged, when it is safe.

    Raises:
        ValueError: with a message saying what was found and what to write instead.
    """
    if _RAW_HTML_RE.search(text):
        raise ValueError("raw HTML is not allowed in data; use plain text or Markdown")
    if _UNSAFE_LINK_RE.search(text):
        raise ValueError("links may only use http:, https:, mailto: or tel: addresses")
    if _TEMPLATE_RE.search(text):
        raise ValueError("template syntax ('{{', '{%', '{#') is not allowed in data")
    if _ATTR_LIST_RE.search(text):
        raise ValueError("attribute lists in braces are not allowed in data")
    if _SNIPPET_RE.search(text):
        raise ValueError("snippet includes ('--8<--') are not allowed in data")
    _check_markdown_blocks(text)
    return text


def _check_markdown_blocks(text: str) -> None:
    """The rest of the subset: what Markdown or its enabled extensions would turn into page
    structure (headings, boxes, checkboxes), outside content (images) or hidden text."""
    control = _CONTROL_RE.search(text)
    if control:
        raise ValueError(
            f"invisible character U+{ord(control.group()):04X} is not allowed; delete it"
        )
    if _IMAGE_RE.search(text):
        raise ValueError("images ('![...](...)') are not allowed in text fields")
    for target in [*_LINK_TARGET_RE.findall(text), *_REFERENCE_RE.findall(text)]:
        if not _SAFE_TARGET_RE.match(target):
            raise ValueError("links may only use http:, https:, mailto: or tel: addresses")
    if _HEADING_RE.search(text):
        raise ValueError("headings ('#') are not allowed in data; the page template sets them")
    if _RULE_RE.search(text):
        raise ValueError("a line of only '-', '=', '*' or '_' makes a heading or a rule; remove it")
    if _BOX_RE.search(text):
        raise ValueError("boxes ('!!!' or '???' at the start of a line) are not allowed in data")
    if _ABBR_DEF_RE.search(text):
        raise ValueError(
            "abbreviation definitions ('*[...]:') are not allowed; add the term to glossary.yml"
        )
    if _TASK_RE.search(text):
        raise ValueError("checkboxes ('- [ ]') are not allowed in data")


MAX_TEXT_LENGTH = 4000
"""A text field longer than this is pasted material, not a patient-facing paragraph."""

Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_LENGTH),
    AfterValidator(check_markdown_subset),
]
"""A required piece of plain-language text; a small Markdown subset (emphasis, links) is allowed."""

ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(check_markdown_subset),
]
"""A name, label or short phrase: one line, at most 200 characters."""

Summary = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=320),
    AfterValidator(check_markdown_subset),
]
"""One or two sentences, at most 320 characters: long enough to say what it is, short enough for
a search engine's snippet."""

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
"""A record id: lowercase letters, digits and single hyphens, as in `laser-pigment-removal`."""

HttpUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=URL_PATTERN, max_length=2000),
]
"""An absolute http(s) address."""

HttpsUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=HTTPS_URL_PATTERN, max_length=2000),
]
"""An absolute https address (social links and analytics scripts: never plain http)."""

HexColour = Annotated[str, StringConstraints(strip_whitespace=True, pattern=HEX_COLOUR_PATTERN)]
"""A colour written `#rrggbb`."""

LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
FAVICON_SUFFIXES = (".svg", ".png", ".ico")
_WINDOWS_DRIVE_RE = re.compile(r"^[A-Za-z]:")
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def check_project_path(value: str, suffixes: tuple[str, ...]) -> str:
    """Refuse an image path that is not a plain relative path inside the project, or that does
    not name an allowed kind of image. Whether the file exists, and that no symbolic link leads
    out of the project, is checked once the project folder is known (`branding.check_branding`).

    Args:
        value: the path as written in the data, already stripped.
        suffixes: the allowed file endings, lower case.

    Raises:
        ValueError: saying what is wrong and what to write instead.
    """
    if _SCHEME_RE.match(value) and not _WINDOWS_DRIVE_RE.match(value):
        raise ValueError(
            "must be a file in the project, not a web address; save the image in the project "
            "folder and give its path, e.g. 'assets/logo.png'"
        )
    if value.startswith(("/", "\\")) or _WINDOWS_DRIVE_RE.match(value):
        raise ValueError(
            f"{value!r} is an absolute path; give the path relative to the project folder "
            "(the one holding mkdocs.yml), e.g. 'assets/logo.png'"
        )
    if "\\" in value:
        raise ValueError(f"{value!r} uses '\\'; separate folders with '/'")
    if ".." in value.split("/"):
        raise ValueError(
            f"{value!r} leads outside the project folder ('..'); copy the image into the project"
        )
    if not value.lower().endswith(suffixes):
        raise ValueError(
            f"{value!r} is not an allowed image; use a file ending in {', '.join(suffixes)}"
        )
    return value


LogoPath = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(lambda value: check_project_path(value, LOGO_SUFFIXES)),
]
"""A logo image inside the project, relative to the project folder."""

FIGURE_SUFFIXES = LOGO_SUFFIXES
"""The kinds of image a figure may be: those a logo may be."""

FigurePath = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(lambda value: check_project_path(value, FIGURE_SUFFIXES)),
]
"""A figure's image inside the project, relative to the project folder."""

FaviconPath = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(lambda value: check_project_path(value, FAVICON_SUFFIXES)),
]
"""A favicon image inside the project, relative to the project folder."""


def name_order(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for names as people read them: case-blind, numbers by value ("Group 2" before
    "Group 10"), so long lists in the navigation and indexes stay easy to scan."""
    parts = re.split(r"(\d+)", name.casefold())
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)


@dataclass(frozen=True)
class Translatable:
    """Marks a field whose text is translated (`Annotated[..., TRANSLATABLE]`).

    Translation models (`translation_model`) are derived from these marks, so a field a clinic
    adds later is translated, or refused in translations, without a second list to keep in step.

    Attributes:
        optional: a translation may leave the field out, and the source's text is used then
            (a clinic's name and postal address are often kept as written).
        keyed_by: for a list of records: the field whose source text names each item. A
            translation's item then says which source item it translates (`source:` that
            text), so items may be added, removed or reordered in the source without breaking
            a translation; an item without one is shown as the language has it (see
            `clinicdocs.translations.state.merge`).
    """

    optional: bool = False
    keyed_by: str | None = None


TRANSLATABLE = Translatable()
"""A translated field: every text the source has here, the translation must have too."""

TRANSLATABLE_OPTIONAL = Translatable(optional=True)
"""A translated field that a translation may leave out, keeping the source's text."""


def translatable_mark(info: FieldInfo) -> Translatable | None:
    """The field's `Translatable` mark, or None when the field is not translated."""
    return next((m for m in info.metadata if isinstance(m, Translatable)), None)


class Strict(BaseModel):
    """Base for every record: unknown fields are errors, values are frozen once loaded."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True
    )


class GeneralAdvice(Strict):
    """A statement that the treatment's sources do not make, but that is well-established general
    safety advice for treatments of its kind. Pages mark it as such."""

    text: Text = Field(description="The advice, in plain words.")
    general_advice: Literal[True] = Field(
        description="Always true: marks this statement as general safety advice, not a fact "
        "taken from the treatment's sources."
    )


class StatementUse(Strict):
    """A statement written once in `data/statements.yml`, used here by its id: the page shows
    its text (and its general-advice mark), in the page's language."""

    use: Slug = Field(
        description="The id of a statement in data/statements.yml, e.g. 'sun-protection'."
    )


UNION_TAGS = frozenset({"plain", "advice", "shared"})
"""Tags pydantic puts into an error's location for the three kinds of `Statement` (none is also
a field's name, so a location's `text` is always the field)."""


def _statement_kind(value: object) -> str:
    if isinstance(value, dict):
        return "shared" if "use" in value else "advice"
    if isinstance(value, StatementUse):
        return "shared"
    return "advice" if isinstance(value, GeneralAdvice) else "plain"


Statement = Annotated[
    Annotated[Text, Tag("plain")]
    | Annotated[GeneralAdvice, Tag("advice")]
    | Annotated[StatementUse, Tag("shared")],
    Discriminator(_statement_kind),
]
"""One point in a list: plain text from the sources, general safety advice marked as such, or
a statement of `data/statements.yml` used by its id (`use: sun-protection`)."""


def _fact_from_text(value: object) -> object:
    """A key fact written as text, as the older model had it (`sessions: Usually 4 to 6`), is
    read as that fact's note; `clinicdocs migrate` rewrites it so, and lint asks for numbers."""
    return {"note": value} if isinstance(value, str) else value


class Amount(Strict):
    """A number, a range (`min` and `max`) or an upper limit (`max` alone), with an optional note
    in words. The site writes the numbers in words in every language, and sorts and filters the
    comparison table by them."""

    TEXT_ALONE: ClassVar[str] = "note"
    """The field that held the whole fact when key facts were text: a fact whose only text is
    its note has the version the text had (`translations.text.translatable_text`), so a
    translation stays current when its source moves to numbers."""

    min: Annotated[int, Field(ge=0, le=1000)] | None = Field(
        None, description="The smallest usual number, or the number when there is only one."
    )
    max: Annotated[int, Field(ge=0, le=1000)] | None = Field(
        None, description="The largest usual number; leave out when there is only one."
    )
    note: Annotated[Text | None, TRANSLATABLE] = Field(
        None,
        description="What the numbers cannot say, in plain words, e.g. 'It depends on how "
        "deep the scars are.' Shown after the numbers.",
    )

    @model_validator(mode="after")
    def _says_something(self) -> Amount:
        if self.min is None and self.max is None and self.note is None:
            raise ValueError("give 'min' (and 'max' for a range), a 'note', or leave the fact out")
        if self.min is not None and self.max is not None and self.max < self.min:
            raise ValueError(f"'max' ({self.max}) is smaller than 'min' ({self.min}); swap them")
        unit = getattr(self, "unit", None)
        if (
            (self.min is not None or self.max is not None)
            and "unit" in type(self).model_fields
            and unit is None
        ):
            units = typing.get_args(typing.get_args(type(self).model_fields["unit"].annotation)[0])
            raise ValueError(f"the numbers need a 'unit': {' or '.join(units)}")
        return self


class SessionLength(Amount):
    """How long one session takes."""

    unit: Literal["minutes", "hours"] | None = Field(
        None, description="What the numbers count: minutes or hours."
    )


class Interval(Amount):
    """How long between sessions."""

    unit: Literal["days", "weeks", "months"] | None = Field(
        None, description="What the numbers count: days, weeks or months."
    )


class Downtime(Amount):
    """How long before normal daily life can resume; 0 for none."""

    unit: Literal["days", "weeks"] | None = Field(
        None, description="What the numbers count: days or weeks."
    )


class ResultsShow(Amount):
    """When results start to show, counted from the (last) session."""

    unit: Literal["days", "weeks", "months"] | None = Field(
        None, description="What the numbers count: days, weeks or months."
    )


class ResultsLast(Amount):
    """How long results usually last."""

    unit: Literal["weeks", "months", "years"] | None = Field(
        None, description="What the numbers count: weeks, months or years."
    )


NumbingMethod = Literal[
    "none", "cooling", "numbing_cream", "numbing_injection", "sedation", "general_anaesthetic"
]

NUMBING_METHODS: tuple[str, ...] = typing.get_args(NumbingMethod)
"""Ways of easing pain during a treatment, mildest first: each named on the page in the
reader's language (`numbing.<method>` in the message files)."""


class Numbing(Strict):
    """How pain is eased during the treatment."""

    TEXT_ALONE: ClassVar[str] = "note"
    """As `Amount.TEXT_ALONE`."""

    methods: list[NumbingMethod] = Field(
        default_factory=list,
        description="What is used: none, cooling, numbing_cream (cream or gel on the skin), "
        "numbing_injection (local anaesthetic), sedation or general_anaesthetic.",
    )
    note: Annotated[Text | None, TRANSLATABLE] = Field(
        None, description="More in words, e.g. 'Only if you need it.'"
    )

    @model_validator(mode="after")
    def _says_something(self) -> Numbing:
        if not self.methods and self.note is None:
            raise ValueError("give 'methods', a 'note', or leave the fact out")
        if "none" in self.methods and len(self.methods) > 1:
            raise ValueError("'none' cannot go with other methods")
        return self


FactFromText = BeforeValidator(_fact_from_text)
"""Reads a key fact written as text, the older model's form, as its note."""


class KeyFacts(Strict):
    """The facts a patient compares treatments by, as numbers the site can sort and filter.
    Leave out what the sources do not say."""

    sessions: Annotated[Amount | None, TRANSLATABLE, FactFromText] = Field(
        None, description="How many sessions are usually needed, e.g. {min: 4, max: 6}."
    )
    interval: Annotated[Interval | None, TRANSLATABLE, FactFromText] = Field(
        None, description="How long between sessions, e.g. {min: 1, max: 2, unit: weeks}."
    )
    session_length: Annotated[SessionLength | None, TRANSLATABLE, FactFromText] = Field(
        None, description="How long one session takes, e.g. {min: 30, max: 60, unit: minutes}."
    )
    numbing: Annotated[Numbing | None, TRANSLATABLE, FactFromText] = Field(
        None, description="How pain is eased, e.g. {methods: [numbing_cream]}."
    )
    downtime: Annotated[Downtime | None, TRANSLATABLE, FactFromText] = Field(
        None,
        description="How long before normal daily life can resume, e.g. {min: 5, max: 7, "
        "unit: days}; {min: 0} for none.",
    )
    results_show: Annotated[ResultsShow | None, TRANSLATABLE, FactFromText] = Field(
        None, description="When results start to show, e.g. {min: 4, max: 6, unit: weeks}."
    )
    results_last: Annotated[ResultsLast | None, TRANSLATABLE, FactFromText] = Field(
        None, description="How long results last, e.g. {min: 6, max: 12, unit: months}."
    )


class Step(Strict):
    """One step of what happens on the day, in order."""

    title: Annotated[ShortText, TRANSLATABLE] = Field(
        description="A short name for the step, e.g. 'Cleansing'."
    )
    detail: Annotated[Text | None, TRANSLATABLE] = Field(
        None, description="What happens in this step, in plain words."
    )


Frequency = Literal["very_common", "common", "uncommon", "rare", "very_rare"]

FREQUENCIES: tuple[str, ...] = typing.get_args(Frequency)
"""How often a side effect happens, on the scale of EU product information (and UK leaflets):
very common (more than 1 in 10 people), common (up to 1 in 10), uncommon (up to 1 in 100), rare
(up to 1 in 1,000), very rare (up to 1 in 10,000)."""

HelpLevel = Literal["contact_clinic", "urgent", "emergency"]

HELP_LEVELS: tuple[str, ...] = typing.get_args(HelpLevel)
"""When to get help, least urgent first, as the NHS grades its care cards: contact the clinic
soon, get urgent help the same day, or call the local emergency number now."""


class SideEffect(Strict):
    """A side effect the patient may notice, and what to do about it."""

    name: Annotated[ShortText, TRANSLATABLE] = Field(description="The side effect, e.g. 'Redness'.")
    how_common: Frequency = Field(
        description="How often it happens, on the standard scale: very_common (more than 1 in "
        "10 people), common (up to 1 in 10), uncommon (up to 1 in 100), rare (up to 1 in "
        "1,000) or very_rare (up to 1 in 10,000)."
    )
    how_long: Annotated[ShortText | None, TRANSLATABLE] = Field(
        None, description="How long it usually lasts."
    )
    what_to_do: Annotated[Text | None, TRANSLATABLE] = Field(
        None,
        description="What the patient can do about it, as the sources say. Leave out when they "
        "do not say: the page then shows the general advice for its help level.",
    )
    seek_help: Annotated[Text | None, TRANSLATABLE] = Field(
        None, description="When this side effect means the patient should get help."
    )
    help_level: HelpLevel = Field(
        "contact_clinic",
        description="How soon to get help when `seek_help` applies: contact_clinic (soon), "
        "urgent (the same day) or emergency (the local emergency number, now).",
    )


class AftercareStage(Strict):
    """One stage of the aftercare timeline."""

    when: Annotated[ShortText, TRANSLATABLE] = Field(
        description="When this stage applies, in words, e.g. 'First 7 days'."
    )
    from_day: Annotated[int, Field(ge=0, le=3650)] | None = Field(
        None,
        description="The first day this stage applies, counting the treatment day as day 0 "
        "(so 'the next day' is 1). Lets the page and reminders say which stage is today's.",
    )
    to_day: Annotated[int, Field(ge=0, le=3650)] | None = Field(
        None,
        description="The last day this stage applies (day 0 is the treatment day); leave out "
        "for a stage that goes on (e.g. 'from day 14 on').",
    )
    do: Annotated[list[Statement], TRANSLATABLE] = Field(
        default_factory=list, description="What to do in this stage."
    )
    avoid: Annotated[list[Statement], TRANSLATABLE] = Field(
        default_factory=list, description="What to avoid in this stage."
    )

    @model_validator(mode="after")
    def _has_advice(self) -> AftercareStage:
        if not self.do and not self.avoid:
            raise ValueError("an aftercare stage needs at least one 'do' or 'avoid' item")
        if self.to_day is not None and self.from_day is None:
            raise ValueError("'to_day' needs 'from_day', the stage's first day")
        if self.from_day is not None and self.to_day is not None and self.to_day < self.from_day:
            raise ValueError(
                f"'to_day' ({self.to_day}) is before 'from_day' ({self.from_day}); "
                "day 0 is the treatment day"
            )
        return self


class Limit(Strict):
    """Something the treatment cannot do, or a concern it is a poor choice for."""

    text: Annotated[Text, TRANSLATABLE] = Field(
        description="What it cannot do, in plain words, e.g. 'It does not remove deep "
        "wrinkles.' or 'A poor choice for melasma, which heat can make worse.'"
    )
    concerns: list[Slug] = Field(
        default_factory=list,
        description="Ids of concerns (in data/concerns/) it is a poor choice for: their pages "
        "list it under 'not a good choice', never as a treatment that may help.",
    )


class Alternative(Strict):
    """Another option for the same concerns: a treatment on this site, or one described in words."""

    treatment: Slug | None = Field(
        None, description="The id of another treatment on this site (a file in data/treatments/)."
    )
    text: Annotated[Text | None, TRANSLATABLE] = Field(
        None,
        description="The option in words, or a note on the linked treatment (how it differs).",
    )

    @model_validator(mode="after")
    def _names_something(self) -> Alternative:
        if self.treatment is None and self.text is None:
            raise ValueError("an alternative needs 'treatment' (an id), 'text', or both")
        return self


Practitioner = Literal[
    "doctor",
    "dermatologist",
    "plastic_surgeon",
    "nurse",
    "dentist",
    "dental_hygienist",
    "dental_therapist",
    "aesthetic_practitioner",
    "beauty_therapist",
    "physiotherapist",
]

PRACTITIONERS: tuple[str, ...] = typing.get_args(Practitioner)
"""Who may perform a treatment: each named on the page in the reader's language
(`practitioner.<role>` in the message files)."""


class GetHelp(Strict):
    """When to get help after the treatment, in three levels of urgency (the NHS's care cards).
    Each list holds the signs that call for that level."""

    contact_clinic: Annotated[list[Statement], TRANSLATABLE] = Field(
        default_factory=list,
        description="Signs to contact the clinic about soon (in its opening hours), e.g. "
        "'a blister that grows'.",
    )
    urgent: Annotated[list[Statement], TRANSLATABLE] = Field(
        default_factory=list,
        description="Signs that need help the same day, from the clinic or an urgent care "
        "service, e.g. 'spreading redness or a fever'.",
    )
    emergency: Annotated[list[Statement], TRANSLATABLE] = Field(
        default_factory=list,
        description="Signs to call the local emergency number for now, e.g. 'swelling of the "
        "lips or trouble breathing'.",
    )


def check_alt_text(value: str) -> str:
    """Refuse alt text that is not one line of plain text: screen readers read it out, and
    browsers show it where the image does not load, both without Markdown.

    Raises:
        ValueError: saying what to remove.
    """
    check_markdown_subset(value)
    if "\n" in value:
        raise ValueError("alt text is read out in one go, so it must be one line")
    found = [ch for ch in "[]*`" if ch in value]
    if found:
        marks = " or ".join(f"'{ch}'" for ch in found)
        raise ValueError(f"alt text is read out as it is, so it must be plain text: remove {marks}")
    return value


AltText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(check_alt_text),
]
"""What an image shows, for people who cannot see it: one line of plain text, at most 200
characters, as a name or a short phrase (a longer explanation belongs in the caption or the
text around the image)."""


class Figure(Strict):
    """An image on a treatment's or a concern's page: a diagram or photo in the project, with
    the words that stand for it."""

    file: FigurePath = Field(
        description="The image: an .svg, .png, .jpg, .jpeg or .webp file inside the project "
        "folder, as a path relative to it, e.g. 'assets/figures/skin-layers.svg'. At most 1 MB "
        "(an SVG: 300 KB); an SVG must not hold script or load anything from elsewhere."
    )
    alt: Annotated[AltText, TRANSLATABLE] = Field(
        description="What the image shows, for people who cannot see it (screen readers read "
        "it out), in one plain sentence, e.g. 'Diagram of the skin's three layers: epidermis, "
        "dermis and the fat below.' Not the file name, not 'image'."
    )
    caption: Annotated[Summary | None, TRANSLATABLE] = Field(
        None, description="A caption shown under the image, for everyone."
    )
    credit: Annotated[ShortText | None, TRANSLATABLE] = Field(
        None,
        description="Who made the image and under what licence, e.g. 'Drawing: Riverside Skin "
        "Clinic' or 'Photo: Jane Doe, CC BY 4.0'.",
    )
    handout: bool = Field(
        False,
        description="True to print the image on the treatment's handout too; otherwise it is "
        "shown on the web page only.",
    )


class Question(Strict):
    """A question people ask, with its answer."""

    question: Annotated[ShortText, TRANSLATABLE] = Field(
        description="The question, as a patient would ask it."
    )
    answer: Annotated[Text, TRANSLATABLE] = Field(description="The answer, in plain words.")


class Source(Strict):
    """Where the facts on a page come from."""

    title: ShortText = Field(description="The title of the source.")
    publisher: ShortText | None = Field(None, description="Who published it.")
    date: dt.date | None = Field(None, description="When it was published (YYYY-MM-DD).")
    url: HttpUrl | None = Field(None, description="Where to read it online.")


class Review(Strict):
    """Who checked the record, and when it must be checked again."""

    status: Literal["draft", "reviewed"] = Field(
        description="'draft' until a clinician has reviewed the record, then 'reviewed'."
    )
    reviewed_by: ShortText | None = Field(
        None, description="Name and role of the clinician who reviewed it."
    )
    reviewed_on: dt.date | None = Field(None, description="Date of the last review (YYYY-MM-DD).")
    next_review: dt.date | None = Field(
        None, description="Date the next review is due (YYYY-MM-DD)."
    )

    @model_validator(mode="after")
    def _reviewed_needs_reviewer(self) -> Review:
        missing = [
            f"'{name}'" for name in ("reviewed_by", "reviewed_on") if getattr(self, name) is None
        ]
        if self.status == "reviewed" and missing:
            raise ValueError(f"a reviewed record needs {' and '.join(missing)}")
        return self


class LintIgnore(Strict):
    """A lint rule switched off for one record, with the reason an editor accepted it."""

    rule: Literal[
        "readability",
        "claims",
        "safety",
        "facts",
        "review",
        "glossary",
        "placeholder",
        "alt_text",
        "statements",
    ] = Field(
        description="The rule to switch off: readability, claims, safety, facts, review, "
        "glossary, placeholder, alt_text or statements."
    )
    field: ShortText | None = Field(
        None,
        description="Only for this field and what is inside it, e.g. 'faq[2].answer'; "
        "leave out for the whole record.",
    )
    reason: Text = Field(description="Why the finding is acceptable here, for the next editor.")


DEPRECATED_FIELDS = {"red_flags": "get_help.urgent"}
"""A treatment's fields of an older model, still read, and the field each became
(`clinicdocs migrate` moves them)."""

SAFETY_SECTIONS = ("not_suitable", "side_effects", "aftercare", "get_help", "red_flags")
"""A treatment's sections of safety advice (who should not have it, side effects, aftercare,
when to get help): an outdated translation never shows its older text of one that changed in
the source (`clinicdocs.translations.state.site_in_language`)."""


class Treatment(Strict):
    """A treatment page's data: `data/treatments/<id>.yml`, where the file name is the id."""

    name: Annotated[ShortText, TRANSLATABLE] = Field(
        description="The treatment's usual name, e.g. 'CO2 fractional laser'."
    )
    also_known_as: Annotated[list[ShortText], TRANSLATABLE] = Field(
        default_factory=list,
        description="Other names people use or search for.",
    )
    category: Annotated[ShortText, TRANSLATABLE] = Field(
        description="The group the treatment is listed under, e.g. 'Laser treatments'."
    )
    summary: Annotated[Summary, TRANSLATABLE] = Field(
        description="One or two sentences saying what the treatment is; also the page's "
        "description for search engines.",
    )
    concerns: list[Slug] = Field(
        min_length=1,
        description="Ids of the concerns it treats (file names in data/concerns/).",
    )
    how_it_works: Annotated[Text, TRANSLATABLE] = Field(
        description="How the treatment works, in plain words."
    )
    key_facts: Annotated[KeyFacts, TRANSLATABLE] = Field(
        default_factory=KeyFacts, description="Facts for the comparison table."
    )
    limits: Annotated[list[Limit], TRANSLATABLE] = Field(
        default_factory=list,
        description="What it cannot do, and the concerns it is a poor choice for.",
    )
    alternatives: Annotated[list[Alternative], TRANSLATABLE] = Field(
        default_factory=list,
        description="Other options: treatments on this site (by id) or described in words.",
    )
    practitioner: list[Practitioner] = Field(
        default_factory=list,
        description="Who performs it, as the sources or the law say, e.g. [dentist, "
        "dental_hygienist]: doctor, dermatologist, plastic_surgeon, nurse, dentist, "
        "dental_hygienist, dental_therapist, aesthetic_practitioner, beauty_therapist or "
        "physiotherapist.",
    )
    figures: Annotated[list[Figure], TRANSLATABLE] = Field(
        default_factory=list,
        description="Images shown after 'How it works': diagrams or photos, each with alt text.",
    )
    suits: Annotated[list[Statement], TRANSLATABLE] = Field(
        default_factory=list, description="Who the treatment suits."
    )
    not_suitable: Annotated[list[Statement], TRANSLATABLE] = Field(
        default_factory=list,
        description="Who should not have it (contraindications).",
    )
    cautions: Annotated[list[Statement], TRANSLATABLE] = Field(
        default_factory=list, description="Things to weigh or discuss before deciding."
    )
    before: Annotated[list[Statement], TRANSLATABLE] = Field(
        default_factory=list, description="How to prepare before the treatment."
    )
    on_the_day: Annotated[list[Step], TRANSLATABLE] = Field(
        default_factory=list, description="What happens on the day, step by step, in order."
    )
    side_effects: Annotated[list[SideEffect], TRANSLATABLE] = Field(
        default_factory=list, description="Side effects and what to do about them."
    )
    aftercare: Annotated[list[AftercareStage], TRANSLATABLE] = Field(
        default_factory=list, description="Aftercare as a timeline of stages, in order."
    )
    get_help: Annotated[GetHelp, TRANSLATABLE] = Field(
        default_factory=GetHelp,
        description="When to get help, in three levels: contact_clinic (soon), urgent (the same "
        "day), emergency (the local emergency number, now).",
    )
    red_flags: Annotated[list[Statement], TRANSLATABLE] = Field(
        default_factory=list,
        description="Older name for get_help.urgent (signs to contact the clinic straight "
        "away); still read as such. `clinicdocs migrate` moves it into get_help.",
        json_schema_extra={"deprecated": True},
    )
    faq: Annotated[list[Question], TRANSLATABLE] = Field(
        default_factory=list, description="Questions people ask."
    )
    sources: list[Source] = Field(
        default_factory=list, description="Where the facts on this page come from."
    )
    procedure_type: Literal["noninvasive", "percutaneous", "surgical"] | None = Field(
        None,
        description="Whether the treatment breaks the skin, as its sources say: 'noninvasive', "
        "'percutaneous' (through the skin, e.g. needles) or 'surgical'. Tells search engines "
        "the schema.org procedure type; leave out when the sources do not say.",
    )
    review: Review = Field(description="Review status and dates.")
    lint_ignore: list[LintIgnore] = Field(
        default_factory=list,
        description="Content-lint findings accepted for this record, each with its reason.",
    )

    @field_validator("aftercare")
    @classmethod
    def _stages_in_order(cls, stages: list[AftercareStage]) -> list[AftercareStage]:
        days = [(n, stage.from_day) for n, stage in enumerate(stages) if stage.from_day is not None]
        for (before, first), (after, second) in itertools.pairwise(days):
            if second < first:
                raise ValueError(
                    f"stage {after + 1} starts on day {second}, before stage {before + 1} "
                    f"(day {first}); list the stages in the order they come"
                )
        return stages


class Concern(Strict):
    """A concern patients come with (a condition or a wish, e.g. melasma, stained teeth):
    `data/concerns/<id>.yml`. Its treatments are derived from the treatments."""

    name: Annotated[ShortText, TRANSLATABLE] = Field(
        description="The concern's usual name, e.g. 'Melasma'."
    )
    also_known_as: Annotated[list[ShortText], TRANSLATABLE] = Field(
        default_factory=list,
        description="The words people type for it, e.g. 'pregnancy mask', 'dark spots'.",
    )
    summary: Annotated[Summary, TRANSLATABLE] = Field(
        description="One or two sentences saying what the concern is."
    )
    medical_condition: bool = Field(
        False,
        description="True when the concern is a medical condition (melasma, scars, moles), so "
        "search engines are told its page describes a schema.org MedicalCondition; leave out "
        "for cosmetic wishes such as tattoos or fine lines.",
    )
    figures: Annotated[list[Figure], TRANSLATABLE] = Field(
        default_factory=list,
        description="Images shown after the summary: diagrams or photos, each with alt text.",
    )
    lint_ignore: list[LintIgnore] = Field(
        default_factory=list,
        description="Content-lint findings accepted for this record, each with its reason.",
    )


def check_plain_definition(value: str) -> str:
    """Refuse a glossary definition that is not one line of plain text (it is shown on hover).

    Raises:
        ValueError: saying what to remove.
    """
    check_markdown_subset(value)
    if "\n" in value:
        raise ValueError("a definition is shown on hover, so it must be one line of plain text")
    found = [ch for ch in "[]*`" if ch in value]
    if found:
        marks = " or ".join(f"'{ch}'" for ch in found)
        raise ValueError(
            f"a definition is shown on hover, so it must be plain text: remove {marks}"
        )
    return value


Definition = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    AfterValidator(check_plain_definition),
]
"""A glossary definition: one line of plain text, at most 500 characters."""


class GlossaryTerm(Strict):
    """A term the pages use, with a plain-language definition shown on hover."""

    term: Annotated[ShortText, TRANSLATABLE] = Field(
        description="The term as it appears in text, e.g. 'Collagen'."
    )
    also: Annotated[list[ShortText], TRANSLATABLE] = Field(
        default_factory=list,
        description="Other spellings or abbreviations that mean the same, e.g. 'PIH'.",
    )
    # The checks are part of the type, not a validator of this class, so that the definition's
    # translation (`translation_model`) is checked the same way; either way a problem points at
    # the definition's line.
    definition: Annotated[Definition, TRANSLATABLE] = Field(
        description="A plain-language definition in one or two short sentences, no Markdown."
    )


class Glossary(Strict):
    """`data/glossary.yml`: the terms explained across the site."""

    # Keyed by the English term, not by position: an editor adds a term in English alone,
    # and each translation gains it when a translator gets to it.
    terms: Annotated[list[GlossaryTerm], Translatable(keyed_by="term")] = Field(
        min_length=1, description="The glossary's terms."
    )


class StatementEntry(Strict):
    """One statement of `data/statements.yml`: a text written once, used in any record's list
    by its id (`- use: <id>`), translated once and linted once."""

    id: Slug = Field(
        description="The statement's id, used in records as `- use: <id>`, e.g. "
        "'sun-protection': lowercase letters, digits and single hyphens."
    )
    text: Annotated[Text, TRANSLATABLE] = Field(description="The statement, in plain words.")
    general_advice: bool = Field(
        False,
        description="True when the statement is well-established general safety advice rather "
        "than a fact from the treatments' sources: every page that uses it marks it as such.",
    )


class Statements(Strict):
    """`data/statements.yml`: statements that several records share, each written (and
    translated) once and used by its id."""

    # A list keyed by id, not a mapping of ids: the editor's forms hold lists of objects, and a
    # translation then names each statement it translates (`source: <id>`), one by one.
    statements: Annotated[list[StatementEntry], Translatable(keyed_by="id")] = Field(
        min_length=1, description="The shared statements, each with its id."
    )
    lint_ignore: list[LintIgnore] = Field(
        default_factory=list,
        description="Content-lint findings accepted for these statements, each with its reason.",
    )


class Emergency(Strict):
    """The local emergency number and how to say when to call it."""

    number: Annotated[str, StringConstraints(pattern=EMERGENCY_PATTERN)] = Field(
        description="The local emergency number, e.g. '999', '911', '112'."
    )
    wording: Annotated[ShortText, TRANSLATABLE] = Field(
        description="When to call it, as a sentence that names the number, e.g. 'Call 999 if "
        "you have trouble breathing, or swelling of the face, lips or throat.'"
    )


class OpeningHours(Strict):
    """When the clinic is open: one line of the opening hours."""

    days: Annotated[ShortText, TRANSLATABLE] = Field(
        description="The days this line is about, e.g. 'Monday to Friday'."
    )
    hours: Annotated[ShortText, TRANSLATABLE] = Field(
        description="The hours on those days, e.g. '9am to 6pm', or 'Closed'."
    )


class SocialLink(Strict):
    """A link to the clinic's page on a social network, shown in the footer."""

    label: Annotated[ShortText, TRANSLATABLE] = Field(
        description="The network's name as patients know it, e.g. 'Instagram'."
    )
    url: HttpsUrl = Field(description="The clinic's page there, starting with https://.")


class Analytics(Strict):
    """Visitor statistics, off unless this is set. Only privacy-friendly, self-hostable tools."""

    provider: Literal["plausible", "matomo", "umami"] = Field(
        description="The statistics tool: 'plausible', 'matomo' or 'umami'."
    )
    script_url: HttpsUrl = Field(
        description="Plausible and Umami: the tracking script's address, e.g. "
        "'https://plausible.io/js/script.js'. Matomo: the Matomo server's address, e.g. "
        "'https://stats.example.org/'."
    )
    site_id: Annotated[str, StringConstraints(strip_whitespace=True, pattern=SITE_ID_PATTERN)] = (
        Field(
            description="Plausible: the site's domain as registered there, e.g. 'example.org'. "
            "Umami: the website id. Matomo: the site id number."
        )
    )


class Clinic(Strict):
    """`data/clinic.yml`: the clinic that publishes the site."""

    name: Annotated[ShortText, TRANSLATABLE_OPTIONAL] = Field(description="The clinic's full name.")
    short_name: Annotated[ShortText | None, TRANSLATABLE_OPTIONAL] = Field(
        None, description="A short name for small screens."
    )
    covers: Annotated[ShortText | None, TRANSLATABLE] = Field(
        None,
        description="What the site covers, in a few words that read well before 'concerns' and "
        "'treatments', e.g. 'skin', 'teeth', 'skin and teeth'; in each language's translation "
        "as that language says it (Arabic with the article: 'البشرة', 'الأسنان'). Fixed texts "
        "such as the concerns page's title use it ('Skin concerns'); left out, they name no "
        "domain ('Concerns').",
    )
    contact_wording: Annotated[ShortText | None, TRANSLATABLE] = Field(
        None,
        description="Who the 'when to get help' boxes and handouts tell patients to contact, as "
        "words that follow 'Contact', e.g. 'the dental practice', 'your dentist'. Default: the "
        "clinic's name.",
    )
    phone: Annotated[str, StringConstraints(pattern=PHONE_PATTERN)] = Field(
        description="The phone number patients call, e.g. '+44 20 7946 0000'."
    )
    email: Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)] = Field(
        description="The clinic's email address."
    )
    address: Annotated[list[ShortText], TRANSLATABLE_OPTIONAL] = Field(
        min_length=1, description="The postal address, line by line."
    )
    booking_url: HttpUrl | None = Field(None, description="Where patients book a consultation.")
    emergency: Annotated[Emergency, TRANSLATABLE] = Field(
        description="The local emergency number and wording."
    )
    disclaimer: Annotated[Text, TRANSLATABLE] = Field(
        description="The disclaimer shown in the footer of every page."
    )
    site_url: HttpUrl | None = Field(
        None,
        description=(
            "The address the site is published at, e.g. 'https://example.org/patient-info/'. "
            "Used for canonical links, the sitemap and handout QR codes; overrides mkdocs.yml's "
            "site_url."
        ),
    )
    logo: LogoPath | None = Field(
        None,
        description="The clinic's logo, shown in the header: an .svg, .png, .jpg, .jpeg or .webp "
        "file, its path relative to the project folder (the one holding mkdocs.yml), e.g. "
        "'assets/clinic/logo.svg'.",
    )
    favicon: FaviconPath | None = Field(
        None,
        description="The small icon browsers show in the tab: an .svg, .png or .ico file, its "
        "path relative to the project folder, e.g. 'assets/clinic/favicon.png'.",
    )
    primary_color: HexColour | None = Field(
        None,
        description='The main brand colour, in quotes, e.g. "#0f766e": the header, buttons and '
        "links. It must reach 4.5:1 contrast with white (WCAG 2.2 AA), so white header text and "
        "links on the white page stay readable.",
    )
    accent_color: HexColour | None = Field(
        None,
        description="The colour of links and buttons under the pointer or keyboard focus, in "
        'quotes, e.g. "#1d4ed8". It must reach 4.5:1 contrast with white.',
    )
    opening_hours: Annotated[list[OpeningHours], TRANSLATABLE] = Field(
        default_factory=list, description="Opening hours, one line per group of days."
    )
    social: Annotated[list[SocialLink], TRANSLATABLE] = Field(
        default_factory=list, description="Links to the clinic's pages on social networks."
    )
    analytics: Analytics | None = Field(
        None,
        description="Visitor statistics. Off when left out (the default): the site then makes "
        "no request to any other host. Set it only if the clinic has chosen to measure visits.",
    )

    @property
    def help_contact(self) -> str:
        """Who the help boxes tell patients to contact: `contact_wording`, else the name."""
        return self.contact_wording or self.name

    @field_validator("logo", "favicon", "primary_color", "accent_color", "analytics", mode="before")
    @classmethod
    def _not_left_empty(cls, value: object, info: ValidationInfo) -> object:
        # `primary_color: #0f766e` without quotes is a YAML comment, so the key arrives empty;
        # accepting that as "no colour" would hide the editor's mistake.
        if value is None:
            hint = (
                "; a colour must be in quotes, because '#' starts a comment in YAML, "
                'e.g. "#0f766e"'
                if info.field_name and info.field_name.endswith("_color")
                else ", or remove the line"
            )
            raise ValueError(f"is empty{hint}")
        return value

    # A field validator, so a colour too light is reported with the clinic's other mistakes.
    @field_validator("primary_color", "accent_color")
    @classmethod
    def _readable_colour(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.field_name:
            problem = contrast_problem(info.field_name, value)
            if problem:
                raise ValueError(problem)
        return value


SOURCE_VERSION_PATTERN = r"^[0-9a-f]{12}$"
PATTERN_HINTS[SOURCE_VERSION_PATTERN] = (
    "{value!r} is not a source version (12 hex digits); run `clinicdocs translations stamp` "
    "on this file to write the source's current version"
)


class TranslationInfo(Strict):
    """The `translation:` block that starts every translation file."""

    source_version: Annotated[
        str, StringConstraints(strip_whitespace=True, pattern=SOURCE_VERSION_PATTERN)
    ] = Field(
        description="The version of the source record this translation was made from (12 hex "
        "digits), written by `clinicdocs translations stamp`. When the source's text changes, "
        "the translation is reported as out of date."
    )
    sections: (
        dict[
            str,
            Annotated[
                str, StringConstraints(strip_whitespace=True, pattern=SOURCE_VERSION_PATTERN)
            ],
        ]
        | None
    ) = Field(
        None,
        description="The version of each of the source's sections (its translatable fields) "
        "this translation was made from, written by `clinicdocs translations stamp` and "
        "`clinicdocs new translation`: when the source changes, readers are told which sections "
        "changed. A translation without it is still valid; its readers are told only that the "
        "source changed.",
    )
    status: Literal["draft", "reviewed"] = Field(
        description="'draft' until a clinician who reads the language has checked the "
        "translation, then 'reviewed'."
    )
    translated_by: ShortText | None = Field(None, description="Who translated it.")
    reviewed_by: ShortText | None = Field(
        None, description="Name and role of the clinician who checked the translation."
    )
    reviewed_on: dt.date | None = Field(
        None, description="Date the translation was checked (YYYY-MM-DD)."
    )

    @model_validator(mode="after")
    def _reviewed_needs_reviewer(self) -> TranslationInfo:
        missing = [
            f"'{name}'" for name in ("reviewed_by", "reviewed_on") if getattr(self, name) is None
        ]
        if self.status == "reviewed" and missing:
            raise ValueError(f"a reviewed translation needs {' and '.join(missing)}")
        return self


def _is_statement(annotation: object) -> bool:
    return annotation is Statement


class Derived(Strict):
    """Base of the models derived at run time from the source models (`translation_model`,
    `keyed_item_model`). Their instances are pickled by how their model was derived, which
    pickle cannot find by name: a language's site built in another process
    (`clinicdocs.plugin.sites`) receives the translations the source build checked."""

    derived_from: ClassVar[tuple[Any, ...]] = ()
    """The derivation: `("translation", model, record)` or `("keyed", model, keyed_by)`."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_derived_instance, (self.derived_from, self.__getstate__()))


def _derived_instance(derived_from: tuple[Any, ...], state: dict[Any, Any]) -> Derived:
    """An instance of a derived model, unpickled (`Derived.__reduce__`)."""
    how, model, option = derived_from
    if how == "keyed":
        cls = keyed_item_model(model, option)
    else:
        cls = translation_model(model, record=option)
    instance = cls.__new__(cls)
    instance.__setstate__(state)
    return instance


KEY_FIELD = "source"
"""The field of a keyed list's translated item that names the source item it translates."""


@functools.cache
def keyed_item_model(model: type[Strict], keyed_by: str) -> type[Derived]:
    """The translation of one item of a keyed list (`Translatable.keyed_by`): its translatable
    text, and `source`, the source item's `keyed_by` text that names which item it is."""
    key: Any = (
        ShortText,
        Field(
            description=f"The source's {keyed_by} that this translates, exactly as written "
            "there (e.g. the English term), so items can be added, removed or reordered in the "
            "source without breaking the translation."
        ),
    )
    # Cast: pydantic's mypy plugin types the class made here as one of its own.
    keyed = typing.cast(
        "type[Derived]",
        create_model(
            f"{model.__name__}KeyedTranslation",
            __base__=translation_model(model, record=False),
            __doc__=f"A translation of one {model.__name__}, naming the one it translates.",
            source=key,  # KEY_FIELD
        ),
    )
    keyed.derived_from = ("keyed", model, keyed_by)
    return keyed


def _translated_type(annotation: Any) -> Any:
    """The type a translation holds where its source holds `annotation`: the same text types
    (so the same checks apply), nested models replaced by their translation models, and
    statements as plain text (a statement's general-advice mark comes from the source)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        kept = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(kept) == 1:
            return _translated_type(kept[0])
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        return list[Text] if _is_statement(item) else list[_translated_type(item)]  # type: ignore[misc]
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        return translation_model(annotation, record=False)
    return annotation


def translation_model(model: type[Strict], *, record: bool = True) -> type[Derived]:
    """Derive the model of a translation of `model` from its fields' `Translatable` marks.

    Every translatable field is kept with its own text checks, as optional: whether a text must
    be there depends on the source record, which `clinicdocs.translations.load` compares. Other
    fields are unknown to the derived model, so a translation that holds one is refused.

    Args:
        model: the source model, e.g. `Treatment`.
        record: a whole file's model, which starts with the `translation:` block.
    """
    # One class per (model, record), however the caller spelled the arguments: pickled
    # instances are rebuilt in the same class (`Derived`).
    return _translation_model(model, record)


@functools.cache
def _translation_model(model: type[Strict], record: bool) -> type[Derived]:
    fields: dict[str, Any] = {}
    if record:
        fields["translation"] = (
            TranslationInfo,
            Field(
                description="Which version of the source this is a translation of, and "
                "its review status."
            ),
        )
    for name, info in model.model_fields.items():
        if translatable_mark(info) is None:
            continue
        others = [m for m in info.metadata if not isinstance(m, Translatable)]
        mark = translatable_mark(info)
        if mark is not None and mark.keyed_by is not None:
            (item,) = typing.get_args(info.annotation)
            annotation: Any = list[keyed_item_model(item, mark.keyed_by)]  # type: ignore[misc]
            # Items are translated one by one: a translation may have none yet (`terms: []`).
            others = [m for m in others if not isinstance(m, annotated_types.MinLen)]
        else:
            annotation = _translated_type(info.annotation)
        if others:
            annotation = Annotated[(annotation, *others)]
        fields[name] = (annotation | None, Field(None, description=info.description))
    derived: type[Derived] = create_model(
        f"{model.__name__}Translation",
        __base__=Derived,
        __doc__=f"A translation of {model.__name__}: only its translatable text.",
        **fields,
    )
    derived.derived_from = ("translation", model, record)
    return derived
