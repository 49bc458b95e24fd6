"""The editorial status page: every record with its review state, reading grade and lint counts.

It is for the clinic's editor, not for patients: it is left out of the navigation, excluded from
search (`search: exclude: true` front matter) and asks search engines not to index it.
"""

from __future__ import annotations

import datetime as dt

from clinicdocs.data.site import SiteData
from clinicdocs.generate.pages import EDITORIAL_STATUS, concern_uri, treatment_uri
from clinicdocs.generate.render import relative_link, table_cell
from clinicdocs.lint.rules import LintReport, LintSettings
from clinicdocs.translations.state import status_table

NOT_SET = "-"


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else NOT_SET


def status_page(
    site: SiteData, report: LintReport, settings: LintSettings, today: dt.date | None = None
) -> str:
    """The editorial status page's Markdown.

    Args:
        site: validated data.
        report: the lint's report for the same data.
        settings: the lint settings, for the target grade.
        today: the date to compare review dates with; today when None.
    """
    today = today or dt.date.today()
    target = settings.target_grade
    lines = [
        "---",
        "title: Editorial status",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# Editorial status",
        "",
        "For the clinic's editors: not in the site's menus or search. Generated from `data/` "
        f"on {today.isoformat()}; run `clinicdocs lint` for every finding with its line.",
        "",
        f"Target reading grade: {target:g} or lower (Flesch-Kincaid). Errors: "
        f"{report.errors}. Warnings: {report.warnings}.",
        "",
        "## Treatments",
        "",
        "| Treatment | Status | Reviewer | Reviewed | Next review | Grade | Errors | Warnings |",
        "|---|---|---|---|---|---:|---:|---:|",
    ]
    lines += _treatment_rows(site, report, target, today)
    lines += _concern_lines(site, report)
    lines += _translation_lines(site)
    lines += _hardest_sentence_lines(report, target)
    return "\n".join(lines).rstrip("\n") + "\n"


def _treatment_rows(site: SiteData, report: LintReport, target: float, today: dt.date) -> list[str]:
    """The "Treatments" table's rows: review state and dates, page grade, findings."""
    rows = []
    for tid, treatment in sorted(site.treatments.items()):
        record = report.records[f"treatments/{tid}"]
        review = treatment.review
        due = review.next_review
        next_review = _date(due) + (" **overdue**" if due and due < today else "")
        grade = f"{record.grade.grade:g}" + (" **high**" if record.grade.grade > target else "")
        link = relative_link(treatment_uri(tid), EDITORIAL_STATUS)
        rows.append(
            f"| [{table_cell(treatment.name)}]({link}) "
            f"| {review.status} | {table_cell(review.reviewed_by or NOT_SET)} "
            f"| {_date(review.reviewed_on)} | {next_review} | {grade} "
            f"| {record.errors} | {record.warnings} |"
        )
    return rows


def _concern_lines(site: SiteData, report: LintReport) -> list[str]:
    """The "Concerns" table: page grade and findings."""
    lines = [
        "",
        "## Concerns",
        "",
        "| Concern | Grade | Errors | Warnings |",
        "|---|---:|---:|---:|",
    ]
    for cid, concern in sorted(site.concerns.items()):
        record = report.records[f"concerns/{cid}"]
        lines.append(
            f"| [{table_cell(concern.name)}]({relative_link(concern_uri(cid), EDITORIAL_STATUS)}) "
            f"| {record.grade.grade:g} | {record.errors} | {record.warnings} |"
        )
    return lines


def _hardest_sentence_lines(report: LintReport, target: float) -> list[str]:
    """The sentences above the target grade, by record."""
    lines = ["", "## Hardest sentences", ""]
    for _, record in sorted(report.records.items()):
        if not record.hardest or record.hardest[0][0] <= target:
            continue
        lines.append(f"**{table_cell(record.name)}** (`{record.file}`)")
        lines.append("")
        lines.extend(
            f"- grade {grade:g}: {table_cell(sentence)}"
            for grade, sentence in record.hardest
            if grade > target
        )
        lines.append("")
    return lines


def _translation_lines(site: SiteData) -> list[str]:
    """The "Translations" table: each record's state in each language other than the source
    (none for a one-language site)."""
    if len(site.languages) < 2:
        return []
    header, *rows = status_table(site)
    lines = [
        "",
        "## Translations",
        "",
        "Current: made from the source's present text. Outdated: the source changed since; "
        "update it, then run `clinicdocs translations stamp FILE`. Missing: the page is shown "
        "in the source language.",
        "",
        "| Record | " + " | ".join(header[1:]) + " |",
        "|---|" + "---|" * (len(header) - 1),
    ]
    lines.extend(f"| `{row[0]}` | " + " | ".join(row[1:]) + " |" for row in rows)
    return lines
