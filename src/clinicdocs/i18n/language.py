"""Every fixed text of the pages, in the reader's language: message files and Babel.

The package ships `messages/<code>.yml` for each language it speaks (English is the reference:
every other file must have exactly its keys and placeholders). A project may put its own
`messages/<code>.yml` next to `mkdocs.yml`, either to change some texts of a package language or
to add a language. A language the project adds may lag behind English, as translations of the
data may: a text it lacks is shown in English and reported (`Language.lagging`), never an error,
except the language's own name, direction and locale, which nothing can stand in for. Dates and
numbers follow the language's Babel locale.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.units import format_unit

from clinicdocs.data.naming import is_language_code
from clinicdocs.data.source import SourceFile
from clinicdocs.data.yaml import read_yaml
from clinicdocs.errors import DataError, Problem, quoted, shown_path

PACKAGE_MESSAGES = Path(__file__).parents[1] / "messages"
SOURCE_OF_TRUTH = "en"
"""The language whose message file defines the keys and placeholders every other must have."""
PROJECT_MESSAGES = "messages"
"""A project's own message files: `<project>/messages/<code>.yml`."""
DIRECTIONS = ("ltr", "rtl")
COVERS_SECTION = "covers"
"""The message files' section of texts that name what the site covers, each standing in for the
text of the same key elsewhere in the file when the clinic says what its site covers."""
COVERS_PLACEHOLDER = "covers"
IDENTITY_KEYS = ("language.name", "language.direction", "language.locale")
"""The texts a language cannot borrow from English: what it is called, its direction, its locale."""

_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class MessageError(LookupError):
    """A template asked for a message key that does not exist, or left a placeholder unfilled.

    Raised while rendering; `clinicdocs.generate.render.render` turns it into a problem line
    naming the template.
    """


@dataclass(frozen=True)
class Language:
    """One language's texts and conventions.

    Attributes:
        code: the Material theme language code (`en`, `ar`, `zh`).
        name: the language's own name for itself (`العربية`).
        direction: `ltr` or `rtl`.
        locale: the Babel locale for dates and numbers (`en_GB`, `ar`, `zh_Hans_CN`).
        messages: every text by its dotted key (`treatment.side_effects`).
        lagging: one problem for each text the project's message file lacks, shown in English
            meanwhile (a language the package does not ship, added by the project).
    """

    code: str
    name: str
    direction: str
    locale: str
    messages: Mapping[str, str] = field(repr=False, hash=False)
    lagging: tuple[Problem, ...] = field(default=(), repr=False, hash=False, compare=False)
    covers: str | None = None
    """What the site covers in this language (`covers` in clinic.yml), or None: see `t`."""

    def about(self, covers: str | None) -> Language:
        """This language for a site that covers `covers` ('skin', 'teeth'), or for a site that
        says nothing of it (None): `t` then gives the texts worded for it."""
        return replace(self, covers=covers)

    def t(self, key: str, /, **values: object) -> str:
        """The text for `key`, with each `{name}` placeholder replaced by `values[name]`.

        When the language knows what the site covers (`about`) and the message file has a text
        of the same key under `covers.` (`covers.concerns_index.title`: "{covers} concerns"),
        that text is given, with `{covers}` filled in (capitalised at the start of the text);
        otherwise the text of `key` itself, which names no domain ("Concerns").

        Raises:
            MessageError: for an unknown key or a placeholder without a value.
        """
        worded = f"{COVERS_SECTION}.{key}"
        if self.covers and worded in self.messages:
            text, key = self.messages[worded], worded
            # "{covers} concerns" starts a title: "Skin concerns". Scripts without case keep it.
            starts = text.startswith(f"{{{COVERS_PLACEHOLDER}}}")
            covers = self.covers[:1].upper() + self.covers[1:] if starts else self.covers
            values = {COVERS_PLACEHOLDER: covers, **values}
        else:
            try:
                text = self.messages[key]
            except KeyError:
                close = difflib.get_close_matches(key, list(self.messages), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise MessageError(f"no message '{key}' in language '{self.code}'{hint}") from None

        def fill(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in values:
                raise MessageError(f"message '{key}' needs a value for {{{name}}}")
            return str(values[name])

        return _PLACEHOLDER_RE.sub(fill, text)

    def date(self, value: dt.date) -> str:
        """A date in the language's long form: `21 November 2026`, `2026年11月21日`."""
        return str(format_date(value, format="long", locale=self.locale))

    def number(self, value: float | int) -> str:
        """A number with the language's digits and separators."""
        return str(format_decimal(value, locale=self.locale))

    def quantity(self, low: int | None, high: int | None, unit: str | None = None) -> str:
        """A number or a range in words, with its unit in the language's grammar (Babel):
        `4 to 6`, `5 to 7 days`, `up to 2 weeks`, `من 5 إلى 7 أيام`, `5至7天`.

        Args:
            low: the smallest number; 0 or None with `high` reads "up to `high`".
            high: the largest number, or None for a single number.
            unit: `minutes`, `hours`, `days`, `weeks`, `months` or `years`; None for a count.
        """
        if low is None and high is None:
            raise ValueError("a quantity needs a number")
        if high is None or high == low:
            return self._counted(low if low is not None else high, unit)  # type: ignore[arg-type]
        if not low:
            return self.t("facts.up_to", high=self._counted(high, unit))
        return self.t(
            "facts.range", low=self.number(low), high=self._counted(high, unit, in_range=True)
        )

    def _counted(self, value: int, unit: str | None, *, in_range: bool = False) -> str:
        """`7 days` with the unit in the plural form the number takes (one, two, few, many...).

        Some languages drop the number in some forms (Arabic says "أسبوعان", two weeks, in one
        word); inside a range the number must stay, so there the general form is used.
        """
        if unit is None:
            return self.number(value)
        words = str(format_unit(value, DURATION_UNITS[unit], locale=self.locale))
        if in_range and self.number(value) not in words:
            # Babel has no public accessor for one plural form's pattern.
            patterns = Locale.parse(self.locale)._data["unit_patterns"][DURATION_UNITS[unit]]
            words = str(patterns["long"]["other"]).replace("{0}", self.number(value))
        return words

    def join(self, items: list[str]) -> str:
        """`a, b, c` with the language's list separator (`، ` in Arabic, `、` in Chinese)."""
        return self.t("list.separator").join(items)

    def or_list(self, items: list[str]) -> str:
        """`a, b or c`, in the language's words, for a list read inside a sentence."""
        words = [str(item) for item in items]
        if len(words) < 2:
            return "".join(words)
        return self.t("list.or", items=self.join(words[:-1]), last=words[-1])

    def full_stop(self, text: str) -> str:
        """End text with the language's full stop, unless it already ends a sentence."""
        text = text.rstrip()
        if not text or text.endswith(SENTENCE_ENDS):
            return text
        return text + self.t("list.full_stop")


DURATION_UNITS = {
    "minutes": "duration-minute",
    "hours": "duration-hour",
    "days": "duration-day",
    "weeks": "duration-week",
    "months": "duration-month",
    "years": "duration-year",
}
"""The data's units of time and their names in CLDR, whose words Babel has for every locale."""

SENTENCE_ENDS = (".", "?", "!", "。", "\uff1f", "\uff01", "؟")  # with full-width ? and !
"""Marks that end a sentence in any of the package's languages."""


def available_languages(project: Path | None = None) -> list[str]:
    """The codes with a message file, in the package or the project."""
    codes = {p.stem for p in PACKAGE_MESSAGES.glob("*.yml")}
    if project is not None and (project / PROJECT_MESSAGES).is_dir():
        codes |= {p.stem for p in (project / PROJECT_MESSAGES).glob("*.yml")}
    return sorted(codes)


def load_language(code: str, project: Path | None = None) -> Language:
    """Load one language's texts: the package's file, then the project's overrides.

    Args:
        code: a Material theme language code (`en`, `ar`, `zh`, ...).
        project: the project folder; its `messages/<code>.yml`, when present, overrides some of
            the package's texts or, for a language the package lacks, provides all of them.

    Raises:
        DataError: with every problem in the files involved (missing and unknown keys,
            placeholders that differ from English, a bad direction or locale), or when no file
            provides the language.
    """
    problems: list[Problem] = []
    reference, _ = _read_messages(PACKAGE_MESSAGES / f"{SOURCE_OF_TRUTH}.yml", project, problems)
    shown = f"{PROJECT_MESSAGES}/{code}.yml"
    if not is_language_code(code):
        raise DataError(
            [Problem.about_file(shown, f"'{code}' is not a language code such as 'en' or 'ar'")]
        )
    package_file = PACKAGE_MESSAGES / f"{code}.yml"
    project_file = project / PROJECT_MESSAGES / f"{code}.yml" if project is not None else None
    if not package_file.is_file() and (project_file is None or not project_file.is_file()):
        known = ", ".join(available_languages(project))
        raise DataError(
            [
                Problem.about_file(
                    shown,
                    f"there are no messages for the language '{code}' (languages with "
                    f"messages: {known}); add {shown} with every text of "
                    f"src/clinicdocs/messages/{SOURCE_OF_TRUTH}.yml translated",
                )
            ]
        )
    messages: dict[str, str] = {}
    lagging: list[Problem] = []
    if package_file.is_file():
        texts, source = _read_messages(package_file, project, problems)
        if source is not None:
            # The package's own languages are complete: a missing text is the package's bug.
            _check(source, texts, reference, missing=problems, problems=problems)
        messages.update(texts)
    if project_file is not None and project_file.is_file():
        texts, source = _read_messages(project_file, project, problems)
        if source is not None:
            adds_language = not package_file.is_file()
            _check(
                source,
                texts,
                reference,
                missing=lagging if adds_language else None,
                problems=problems,
            )
            # A text the added language lacks is shown in English until it is translated.
            messages = {**reference, **texts} if adds_language else {**messages, **texts}
    if problems:
        raise DataError(problems)
    return Language(
        code=code,
        name=messages["language.name"],
        direction=messages["language.direction"],
        locale=messages["language.locale"],
        messages=messages,
        lagging=tuple(lagging),
    )


def english() -> Language:
    """The package's English, the default for callers that name no language."""
    return _package_english()


_ENGLISH: list[Language] = []


def _package_english() -> Language:
    if not _ENGLISH:
        _ENGLISH.append(load_language(SOURCE_OF_TRUTH))
    return _ENGLISH[0]


def _read_messages(
    path: Path, project: Path | None, problems: list[Problem]
) -> tuple[dict[str, str], SourceFile | None]:
    """A message file as `{dotted key: text}`; problems with its shape are appended."""
    display = shown_path(path, project)
    source = read_yaml(path, display, problems, fast=True)
    if source is None:
        return {}, None
    texts: dict[str, str] = {}
    _flatten(source, source.node, (), texts, problems)
    return texts, source


def _flatten(
    source: SourceFile,
    node: Any,
    loc: tuple[str, ...],
    out: dict[str, str],
    problems: list[Problem],
) -> None:
    for key, value in node.items():
        here = (*loc, str(key))
        if isinstance(value, dict):
            _flatten(source, value, here, out, problems)
        elif isinstance(value, str):
            out[".".join(here)] = value
        else:
            line, col = source.position(here, of_key=value is None)
            if value is None:
                kind = "nothing"
            elif isinstance(value, list):
                kind = "a list"
            else:
                kind = repr(value)
            problems.append(
                Problem(source.display, line, col, ".".join(here), f"must be text, not {kind}")
            )


def _check(
    source: SourceFile,
    texts: dict[str, str],
    reference: dict[str, str],
    *,
    missing: list[Problem] | None,
    problems: list[Problem],
) -> None:
    """Compare one file's texts with English: keys, placeholders, direction and locale.

    Args:
        missing: where a text the file lacks is reported, or None when the file may leave any
            out (a project's file changing some of a package language's texts).
    """

    def at(key: str, *, of_key: bool = False) -> tuple[int, int]:
        return source.position(tuple(key.split(".")), of_key=of_key)

    def problem(
        key: str, message: str, *, of_key: bool = False, to: list[Problem] = problems
    ) -> None:
        line, col = at(key, of_key=of_key)
        to.append(Problem(source.display, line, col, key, message))

    if missing is not None:
        for key in reference:
            if key in texts:
                continue
            if missing is problems or key in IDENTITY_KEYS:
                problem(key, f"missing; the English text is {quoted(reference[key])}")
            else:
                problem(
                    key,
                    "not translated yet; pages show the English text "
                    f"{quoted(reference[key])} meanwhile",
                    to=missing,
                )
    for key, text in texts.items():
        if key not in reference:
            close = difflib.get_close_matches(key, list(reference), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problem(key, f"unknown key{hint}", of_key=True)
            continue
        wanted = set(_PLACEHOLDER_RE.findall(reference[key]))
        found = set(_PLACEHOLDER_RE.findall(text))
        if wanted != found:
            problem(
                key,
                f"has the placeholders {_names(found)}; the English text has {_names(wanted)}. "
                "Keep each {name} exactly as written (translate the words around it)",
            )
    direction = texts.get("language.direction")
    if direction is not None and direction not in DIRECTIONS:
        problem("language.direction", f"must be 'ltr' or 'rtl', not {quoted(direction)}")
    locale = texts.get("language.locale")
    if locale is not None:
        try:
            Locale.parse(locale)
        except (UnknownLocaleError, ValueError):
            problem(
                "language.locale",
                f"{quoted(locale)} is not a locale Babel knows; use one such as 'en_GB', "
                "'ar' or 'zh_Hans_CN'",
            )


def _names(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) if names else "none"
