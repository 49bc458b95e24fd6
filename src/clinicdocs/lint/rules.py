"""Content lint: checks what the data says, after `load` has checked how it is written.

Rules (each can be switched off for one record, with a reason, in its `lint_ignore` list):

- `readability`: the Flesch-Kincaid grade of each longer text field and of each page, against a
  target (8 by default); the hardest sentence is named.
- `claims`: claims that health-advertising codes and patients distrust, by kind (guaranteed
  outcomes, absolute safety, no pain, suitability for everyone, permanence, superlatives, cures,
  speed, proof and success rates), read in context (`clinicdocs.lint.claims`); each finding
  points at the phrase and names its kind, with wording to use instead.
- `safety`: a treatment says who should not have it, lists its side effects (each with what to
  do, which the model already requires), has a "when to get help" list and at least one source.
- `review`: a reviewed record has a next review date, after the last review and within the
  allowed gap (3 years by default); a review date in the past is overdue.
- `placeholder`: "TODO" left in any field (the `clinicdocs new` skeletons are full of them).
- `alt_text`: a figure's alt text that is its file name or only a word for "image" ("Image",
  "diagram 2"), or that starts "Image of": a warning. Alt text also goes through the readability,
  claims and placeholder rules, as any text does.
- `statements`: a statement of `data/statements.yml` that no record uses (its texts are checked
  by the rules above once, there, and not again where records use them).
- `glossary`: a glossary term no page uses; a term a page uses only where no explanation is shown
  (the page title, the category link, aftercare stage headings and question titles: places where
  the glossary's hover is deliberately left out), so the reader never gets it explained there.

Each finding is an error or a warning. `clinicdocs lint` exits 1 on errors (and on warnings with
`--strict`); during `mkdocs build` every finding is logged as a warning.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from clinicdocs.data.checks import unused_statement as unused
from clinicdocs.data.checks import unused_statements
from clinicdocs.data.models import Concern, GeneralAdvice, LintIgnore, Treatment
from clinicdocs.data.reuse import forgotten_unless_kept, keeping, kept
from clinicdocs.data.site import SiteData
from clinicdocs.data.source import SourceFile, field_path
from clinicdocs.data.statements import UsedAdvice, UsedText, used_id
from clinicdocs.errors import Problem, quoted
from clinicdocs.generate.glossary import definitions
from clinicdocs.lint.claims import Claim, find_claims
from clinicdocs.lint.claims import label as claims_label
from clinicdocs.lint.claims import suggestion as claim_suggestion
from clinicdocs.lint.readability import Grade, grade_of, hardest_sentences, words
from clinicdocs.translations.state import outdated

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]


class LintSettings(BaseModel):
    """`plugins: - clinicdocs: lint:` options in mkdocs.yml (read by the CLI the same way)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    target_grade: float = Field(8.0, ge=1, le=20, description="Highest reading grade allowed.")
    min_words: int = Field(
        20,
        ge=1,
        description="Fields shorter than this get no grade of their own (a grade of a few words "
        "says little); they still count towards the page's grade.",
    )
    max_review_years: int = Field(3, ge=1, le=10, description="Longest gap between reviews.")
    claims: dict[str, str | None] = Field(
        default_factory=dict,
        description="Phrases to report as claims (phrase: suggested wording), read in context "
        "as the built-in kinds are; or a built-in kind (guarantee, safety, comfort, everyone, "
        "permanent, superlative, cure, speed, proof) or a phrase not to report (name: null).",
    )

    def claims_added(self) -> dict[str, str]:
        """This project's own claim phrases (casefolded), each with its suggested wording."""
        return {phrase.casefold(): hint for phrase, hint in self.claims.items() if hint}

    def claims_dropped(self) -> frozenset[str]:
        """The kinds and phrases (casefolded) this project does not want reported."""
        return frozenset(name.casefold() for name, hint in self.claims.items() if not hint)


def lint_settings(options: Mapping[str, Any] | None) -> LintSettings:
    """Read the `lint:` options, raising ValueError with an editor-readable message.

    Args:
        options: the mapping under `lint:`, or None for the defaults.
    """
    try:
        return LintSettings.model_validate(dict(options or {}))
    except ValidationError as exc:
        parts = []
        for err in exc.errors():
            where = ".".join(str(part) for part in err["loc"])
            message = "unknown option" if err["type"] == "extra_forbidden" else err["msg"]
            parts.append(f"{where}: {message}")
        raise ValueError("; ".join(parts)) from None


@dataclass(frozen=True)
class Finding(Problem):
    """One thing the lint found: a `Problem` (where, and what) with the rule that found it, how
    serious it is, and what to do about it. Printed in the one problem format, the severity and
    rule in front of the message: `x.yml:3:1: summary: warning[claims]: ...; ....`"""

    rule: str
    severity: Severity
    suggestion: str

    def __str__(self) -> str:
        text = f"{self.severity}[{self.rule}]: {self.message}; {self.suggestion}".rstrip(".")
        return str(Problem(self.file, self.line, self.col, self.field, text))

    def as_json(self) -> dict[str, Any]:
        """The finding as plain data, for `--format json`."""
        return {name: getattr(self, name) for name in FINDING_FIELDS}


FINDING_FIELDS = ("file", "line", "col", "field", "rule", "severity", "message", "suggestion")
"""A finding's fields in the order `--format json` lists them."""


@dataclass
class RecordReport:
    """What the lint knows about one record, for the editorial status page."""

    key: str
    """`treatments/<id>` or `concerns/<id>`."""
    name: str
    file: str
    grade: Grade
    hardest: list[tuple[float, str]]
    errors: int = 0
    warnings: int = 0
    field_grades: dict[str, float] = field(default_factory=dict)
    """The grade of each text field long enough to have one (`min_words`), by field path."""


@dataclass
class LintReport:
    """Every finding, and each record's page grade."""

    findings: list[Finding] = field(default_factory=list)
    records: dict[str, RecordReport] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(f.severity == "warning" for f in self.findings)

    def as_json(self) -> dict[str, Any]:
        """The report as plain data, for `--format json`."""
        return {
            "findings": [f.as_json() for f in self.findings],
            "records": {
                key: {
                    "name": r.name,
                    "file": r.file,
                    "grade": r.grade.grade,
                    "words": r.grade.words,
                    "hardest_sentences": [{"grade": g, "sentence": s} for g, s in r.hardest],
                    "field_grades": r.field_grades,
                    "errors": r.errors,
                    "warnings": r.warnings,
                }
                for key, r in self.records.items()
            },
            "errors": self.errors,
            "warnings": self.warnings,
        }


# Fields a page shows where the glossary's hover is deliberately left out (see glossary.py):
# the title, the category link, aftercare stage headings and question titles.
_UNEXPLAINED_PLACES = (("name",), ("category",), ("aftercare", "when"), ("faq", "question"))
_SKIPPED_FIELDS = frozenset({"concerns", "review", "lint_ignore", "sources", "how_common", "file"})


def _texts(
    value: object, loc: Loc = (), skipped: frozenset[str] = _SKIPPED_FIELDS
) -> Iterator[tuple[Loc, str]]:
    """Every text value in a record, with its location, in the order of the fields; the page's
    prose only, unless `skipped` says otherwise. A statement used by id is linted once, in
    `data/statements.yml`, not at every use."""
    if used_id(value) is not None:
        return
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index), skipped)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in skipped:
                yield from _texts(getattr(value, name), (*loc, name), skipped)


def _used_texts(value: object) -> Iterator[str]:
    """The texts of the statements a record uses by id, in field order."""
    if isinstance(value, UsedText | UsedAdvice):
        yield value.text if isinstance(value, UsedAdvice) else str(value)
    elif isinstance(value, list):
        for item in value:
            yield from _used_texts(item)
    elif isinstance(value, BaseModel) and not isinstance(value, GeneralAdvice):
        for name in type(value).model_fields:
            yield from _used_texts(getattr(value, name))


def _is_unexplained_place(loc: Loc) -> bool:
    named = tuple(part for part in loc if isinstance(part, str))
    return named in _UNEXPLAINED_PLACES


class _RecordLinter:
    """Collects the findings for one record, honouring its `lint_ignore` list."""

    def __init__(self, source: SourceFile, ignores: list[LintIgnore]) -> None:
        self.source = source
        self.ignores = ignores
        self.findings: list[Finding] = []

    def add(
        self,
        loc: Loc,
        rule: str,
        severity: Severity,
        message: str,
        suggestion: str,
        *,
        at: tuple[int, int] | None = None,
    ) -> None:
        """Record a finding at `loc` (at line and column `at`, when given), unless ignored."""
        path = field_path(self.source.node, loc) if loc else ""
        for ignore in self.ignores:
            if ignore.rule == rule and (
                ignore.field is None
                or path == ignore.field
                or path.startswith((ignore.field + ".", ignore.field + "["))
            ):
                return
        line, col = at or (self.source.position(loc) if loc else (1, 1))
        self.findings.append(
            Finding(
                self.source.display,
                line,
                col,
                path,
                message,
                rule=rule,
                severity=severity,
                suggestion=suggestion,
            )
        )


def _check_readability(
    linter: _RecordLinter, texts: list[tuple[Loc, str]], settings: LintSettings
) -> None:
    for loc, text in texts:
        if len(words(text)) < settings.min_words:
            continue
        grade = grade_of(text)
        if grade.grade > settings.target_grade:
            (_, hardest), *_ = hardest_sentences([text], 1)
            linter.add(
                loc,
                "readability",
                "warning",
                f"reading grade {grade.grade:g} is above the target of {settings.target_grade:g}",
                f"shorten the hardest sentence, {quoted(hardest, 90)}, and use everyday words",
            )


def _check_claims(
    linter: _RecordLinter, texts: list[tuple[Loc, str]], settings: LintSettings
) -> None:
    added, dropped = settings.claims_added(), settings.claims_dropped()
    for loc, text in texts:
        for claim in _claims_in(text, tuple(added.items()), dropped):
            linter.add(
                loc,
                "claims",
                "error",
                f"'{claim.phrase}' is a claim of {claims_label(claim.kind)} ({claim.kind})",
                claim_suggestion(claim, added),
                at=linter.source.phrase_position(loc, text, claim.start),
            )


@lru_cache(maxsize=1 << 16)
def _claims_in(
    text: str, added: tuple[tuple[str, str], ...], dropped: frozenset[str]
) -> tuple[Claim, ...]:
    """`find_claims`, remembered by text: the preview lints the whole catalogue again after
    each edit, and a catalogue's texts are mostly unchanged between two runs."""
    return tuple(find_claims(text, dict(added), dropped))


_PLACEHOLDER_RE = re.compile(r"\bTODO\b")


def _check_placeholders(linter: _RecordLinter, record: BaseModel) -> None:
    for loc, text in _texts(record, skipped=frozenset({"lint_ignore"})):
        if _PLACEHOLDER_RE.search(text):
            linter.add(
                loc,
                "placeholder",
                "error",
                "placeholder text 'TODO' is still here",
                "write the real text from the sources, or delete the field if they are silent",
            )


# Words that say only that there is an image: a screen reader announces that already.
_EMPTY_ALT_RE = re.compile(
    r"^(?:an? |the )?(?:image|picture|photo|photograph|diagram|figure|graphic|illustration|"
    r"drawing|img|pic)s?(?: ?\d+)?$"
)
_ALT_PREFIX_RE = re.compile(r"^(?:an? )?(?:image|picture|graphic) (?:of|showing)\b")


def _check_alt_texts(linter: _RecordLinter, record: Treatment | Concern) -> None:
    """Alt text that tells a listener nothing: the file's name, a word for 'image', or one
    that starts by saying it is an image."""
    for index, figure in enumerate(record.figures):
        alt = re.sub(r"[\s_.-]+", " ", figure.alt.casefold()).strip(" .")
        path = PurePosixPath(figure.file)
        names = {path.name.casefold(), re.sub(r"[\s_.-]+", " ", path.stem.casefold()).strip()}
        if alt in names or figure.alt.strip().casefold() in names or _EMPTY_ALT_RE.match(alt):
            message = "alt text says only that there is an image, not what it shows"
        elif _ALT_PREFIX_RE.match(alt):
            message = "alt text need not say it is an image: screen readers say so already"
        else:
            continue
        linter.add(
            ("figures", index, "alt"),
            "alt_text",
            "warning",
            message,
            "say in one plain sentence what the image shows, e.g. 'Diagram of the skin's three "
            "layers'",
        )


def _check_safety(linter: _RecordLinter, treatment: Treatment) -> None:
    missing = [
        ("not_suitable", "who should not have it", "add 'not_suitable:' items"),
        ("side_effects", "its side effects", "add 'side_effects:', each with 'what_to_do:'"),
        ("sources", "where its facts come from", "add 'sources:' with at least one title"),
    ]
    for name, what, how in missing:
        if not getattr(treatment, name):
            linter.add((name,), "safety", "error", f"the treatment does not say {what}", how)
    help_ = treatment.get_help
    if not (help_.contact_clinic or help_.urgent or help_.emergency or treatment.red_flags):
        linter.add(
            ("get_help",),
            "safety",
            "error",
            "the treatment does not say when to get help",
            "add 'get_help:' with the signs for 'contact_clinic', 'urgent' or 'emergency'",
        )
    if treatment.red_flags:
        linter.add(
            ("red_flags",),
            "safety",
            "warning",
            "'red_flags' is the older name of 'get_help: urgent:', read as such",
            "run `clinicdocs migrate` to move it, then sort its signs into contact_clinic, "
            "urgent and emergency",
        )


def _check_key_facts(linter: _RecordLinter) -> None:
    """A key fact written as text, as the older model had it, is read as its note: the page
    still says it, but the comparison table cannot sort by it nor the finder filter by it."""
    node = linter.source.node
    written = node.get("key_facts") if isinstance(node, Mapping) else None
    if not isinstance(written, Mapping):
        return
    for name, value in written.items():
        if not isinstance(value, str):
            continue
        numbers = "'methods:'" if name == "numbing" else "'min:' and 'max:' (with 'unit:')"
        linter.add(
            ("key_facts", name),
            "facts",
            "warning",
            f"'{name}' is written as text (the older model), so the comparison table cannot "
            "sort by it or the finder filter by it",
            f"give its {numbers} and keep the words as 'note:'; `clinicdocs migrate` moves the "
            "text into 'note:' for you",
        )


def _check_review(
    linter: _RecordLinter, treatment: Treatment, settings: LintSettings, today: dt.date
) -> None:
    review = treatment.review
    limit = settings.max_review_years
    if review.status == "reviewed" and review.next_review is None:
        linter.add(
            ("review",),
            "review",
            "error",
            "a reviewed record needs 'next_review'",
            f"set it at most {limit} years after 'reviewed_on'",
        )
    if review.next_review is None:
        return
    if review.reviewed_on is not None:
        if review.next_review <= review.reviewed_on:
            linter.add(
                ("review", "next_review"),
                "review",
                "error",
                "'next_review' must be after 'reviewed_on'",
                f"set it up to {limit} years after {review.reviewed_on.isoformat()}",
            )
        elif review.next_review > _add_years(review.reviewed_on, limit):
            linter.add(
                ("review", "next_review"),
                "review",
                "error",
                f"'next_review' is more than {limit} years after 'reviewed_on'",
                f"set it on or before {_add_years(review.reviewed_on, limit).isoformat()}",
            )
    if review.next_review < today:
        linter.add(
            ("review", "next_review"),
            "review",
            "warning",
            f"the review was due on {review.next_review.isoformat()} and is overdue",
            "review the record, then update 'reviewed_on' and 'next_review'",
        )


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _term_patterns(site: SiteData) -> list[tuple[int, str, re.Pattern[str]]]:
    """For each glossary term: its index, its name, and a pattern matching any spelling."""
    if site.glossary is None:
        return []
    out = []
    for index, term in enumerate(site.glossary.terms):
        spellings = [
            spelling
            for spelling in definitions(type(site.glossary)(terms=[term]))
            if spelling.strip()
        ]
        alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
        out.append((index, term.term, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")))
    return out


@lru_cache(maxsize=1 << 16)
def _terms_in(text: str, patterns: tuple[tuple[int, re.Pattern[str]], ...]) -> frozenset[int]:
    """The glossary terms (their indexes) a text uses, remembered by text and glossary: the
    preview lints the catalogue again after each edit, most of its texts unchanged."""
    return frozenset(index for index, pattern in patterns if pattern.search(text))


@lru_cache(maxsize=1 << 17)
def _uses_term(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether one field's text uses a glossary term, remembered as `_terms_in` is."""
    return pattern.search(text) is not None


def _check_glossary_use(
    linters: Mapping[str, _RecordLinter],
    texts: Mapping[str, list[tuple[Loc, str]]],
    site: SiteData,
    extra_texts: Mapping[str, str],
    report: LintReport,
) -> None:
    terms = _term_patterns(site)
    patterns = tuple((index, pattern) for index, _, pattern in terms)
    used: set[int] = set()
    for key, record_texts in texts.items():
        # One search of the whole page rules out most terms; only the terms it finds are looked
        # up field by field (a catalogue has thousands of fields and dozens of terms).
        page_text = "\n\n".join(text for _, text in record_texts)
        found = _terms_in(page_text, patterns)
        for index, term, pattern in terms:
            if index not in found:
                continue
            places = [loc for loc, text in record_texts if _uses_term(text, pattern)]
            if not places:
                continue
            used.add(index)
            if all(_is_unexplained_place(loc) for loc in places):
                linters[key].add(
                    places[0],
                    "glossary",
                    "warning",
                    f"'{term}' is used only where the page shows no explanation (a title or "
                    "heading)",
                    "use the term once in the text, where it is explained on hover, or use plain "
                    "words",
                )
    for text in extra_texts.values():
        used.update(_terms_in(text, patterns))
    glossary_source = site.sources.get("glossary")
    if glossary_source is None or site.glossary is None:
        return
    linter = _RecordLinter(glossary_source, [])
    for index, term, _ in terms:
        if index not in used:
            linter.add(
                ("terms", index, "term"),
                "glossary",
                "warning",
                f"'{term}' is not used on any page",
                "remove it from the glossary, or check its spelling matches the pages",
            )
    report.findings.extend(linter.findings)


@dataclass(frozen=True)
class _Linted:
    """One record's own findings (before the checks across records), its texts and report, as
    last linted: a record loaded from an unchanged file is the same object
    (`data.yaml.read_and_validate`), so the preview's lint after an edit checks only the
    changed records again."""

    record: object
    source: object
    settings: LintSettings
    today: dt.date
    findings: tuple[Finding, ...]
    texts: list[tuple[Loc, str]]
    report: RecordReport

    def same(self, record: object, source: object, settings: LintSettings, today: dt.date) -> bool:
        """Whether these findings are those of `record` read from `source` with `settings`."""
        return (
            self.record is record
            and self.source is source
            and self.settings == settings
            and self.today == today
        )


_LINTED: dict[str, _Linted] = kept({})
"""The last lint of each record, by key, while builds keep their work (`data.reuse`)."""


def lint_site(
    site: SiteData,
    settings: LintSettings | None = None,
    *,
    today: dt.date | None = None,
    extra_texts: Mapping[str, str] | None = None,
) -> LintReport:
    """Check the content of every record.

    Args:
        site: validated data.
        settings: the `lint:` options; the defaults when None.
        today: the date reviews are compared with; today's date when None.
        extra_texts: hand-written pages' Markdown by path, searched for glossary terms.

    Returns:
        Every finding, sorted, and each record's page grade and counts.
    """
    settings = settings or LintSettings()
    today = today or dt.date.today()
    report = LintReport()
    records: list[tuple[str, Treatment | Concern]] = [
        *((f"treatments/{tid}", t) for tid, t in sorted(site.treatments.items())),
        *((f"concerns/{cid}", c) for cid, c in sorted(site.concerns.items())),
    ]
    linters: dict[str, _RecordLinter] = {}
    texts: dict[str, list[tuple[Loc, str]]] = {}
    for key, record in records:
        source = site.sources[key]
        linter = linters[key] = _RecordLinter(source, record.lint_ignore)
        known = _LINTED.get(key)
        if known is not None and known.same(record, source, settings, today):
            # The same (frozen) record from the same file: the same findings as last time.
            linter.findings = list(known.findings)
            texts[key] = known.texts
            report.records[key] = dataclasses.replace(known.report)
            continue
        record_texts = texts[key] = list(_texts(record))
        _check_readability(linter, record_texts, settings)
        _check_claims(linter, record_texts, settings)
        _check_placeholders(linter, record)
        _check_alt_texts(linter, record)
        if isinstance(record, Treatment):
            _check_safety(linter, record)
            _check_key_facts(linter)
            _check_review(linter, record, settings, today)
        report.records[key] = _record_report(key, record, linter, record_texts, settings)
        if keeping():
            _LINTED[key] = _Linted(
                record,
                source,
                settings,
                today,
                tuple(linter.findings),
                record_texts,
                dataclasses.replace(report.records[key]),
            )
    statements_source = site.sources.get("statements")
    if site.statements is not None and statements_source is not None:
        linter = linters["statements"] = _RecordLinter(
            statements_source, site.statements.lint_ignore
        )
        statement_texts = texts["statements"] = list(
            _texts(site.statements, skipped=_SKIPPED_FIELDS | {"id"})
        )
        _check_readability(linter, statement_texts, settings)
        _check_claims(linter, statement_texts, settings)
        _check_placeholders(linter, site.statements)
        for index, statement_id in unused_statements(site.statements, site.treatments.values()):
            linter.add(("statements", index, "id"), "statements", "warning", *unused(statement_id))
    _check_glossary_use(linters, texts, site, extra_texts or {}, report)
    for key, linter in linters.items():
        summary = report.records.get(key)
        if summary is None:  # the statements: findings, but no page of their own
            report.findings.extend(linter.findings)
            continue
        summary.errors = sum(f.severity == "error" for f in linter.findings)
        summary.warnings = sum(f.severity == "warning" for f in linter.findings)
        report.findings.extend(linter.findings)
    report.findings.extend(_outdated_translations(site))
    report.findings.sort(key=Finding.sort_key)
    # Remembered by text for the preview's next lint; a one-shot build would only hold them.
    forgotten_unless_kept(_claims_in, _terms_in, _uses_term)
    return report


def _record_report(
    key: str,
    record: Treatment | Concern,
    linter: _RecordLinter,
    texts: list[tuple[Loc, str]],
    settings: LintSettings,
) -> RecordReport:
    """A record's page grade and hardest sentences, and each long field's grade; a warning when
    the page as a whole reads above the target grade."""
    source = linter.source
    # The page reads the statements it uses too, though they are linted in statements.yml.
    page_text = "\n\n".join([*(text for _, text in texts), *_used_texts(record)])
    page_grade = grade_of(page_text)
    if page_grade.grade > settings.target_grade:
        (_, hardest), *_ = hardest_sentences([page_text], 1)
        linter.add(
            (),
            "readability",
            "warning",
            f"the page's reading grade {page_grade.grade:g} is above the target of "
            f"{settings.target_grade:g}",
            f"start with its hardest sentence, {quoted(hardest, 90)}",
        )
    return RecordReport(
        key,
        record.name,
        source.display,
        page_grade,
        hardest_sentences([page_text], 3),
        field_grades={
            field_path(source.node, loc): grade_of(text).grade
            for loc, text in texts
            if len(words(text)) >= settings.min_words
        },
    )


TRANSLATION_RULE = "translation"
"""The rule of an outdated translation's finding: a build warning only with the plugin's
`strict_translations` (`clinicdocs.plugin.files`)."""


def _outdated_translations(site: SiteData) -> list[Finding]:
    """A warning for each translation made from an older version of its source's text, at the
    translation's `translation.source_version` line. (English-only rules never see
    translations: they check the source records only.)"""
    findings = []
    for translation, current, changed in outdated(site):
        which = f"; changed since: {', '.join(changed)}" if changed else ""
        loc = ("translation", "source_version")
        line, col = translation.source.position(loc)
        source_name = translation.key.rsplit("/", 1)[-1] + ".yml"
        findings.append(
            Finding(
                translation.source.display,
                line,
                col,
                "translation.source_version",
                rule=TRANSLATION_RULE,
                severity="warning",
                message=f"the '{translation.language}' translation was made from an older "
                f"version of {source_name} ({translation.info.source_version}; the source is now "
                f"{current}), so it may be out of date{which}",
                suggestion="bring it up to date with the source's text, then run "
                f"`clinicdocs translations stamp {translation.source.display}`",
            )
        )
    return findings
