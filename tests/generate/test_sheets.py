"""The staff sheets (issue 16, point 3): a screening checklist and a consent discussion record
per treatment, their version line and DRAFT mark, read from the generated Markdown."""

from __future__ import annotations

import datetime as dt
import re

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from clinicdocs.data.models import Review
from clinicdocs.data.site import SiteData
from clinicdocs.generate.languages import generate_language, make_plan, record_key
from clinicdocs.generate.pages import (
    HANDOUTS_INDEX,
    consent_uri,
    generate,
    is_sheet,
    page_address,
    screening_uri,
    treatment_uri,
)
from clinicdocs.generate.sheets import sheet_version
from clinicdocs.i18n.language import english, load_language
from clinicdocs.load import load_site
from support.content import with_treatment
from support.projects import ROOT, project_languages

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc"]
TID = "co2-fractional-laser"
REVIEWED = Review(
    status="reviewed",
    reviewed_by="Dr A. Example, dermatologist",
    reviewed_on=dt.date(2026, 11, 2),
    next_review=dt.date(2027, 11, 2),
)


@pytest.fixture(scope="module")
def sample() -> SiteData:
    return load_site(ROOT / "data", ROOT, languages=project_languages(ROOT))


@pytest.fixture(scope="module")
def pages(sample: SiteData) -> dict[str, str]:
    return generate(sample, ROOT / "templates" / "pages", "https://clinic.example/").pages


def soup(page: str) -> BeautifulSoup:
    """A generated page as MkDocs would render it (front matter dropped), parsed."""
    body = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.DOTALL)
    return BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")


def words(tag: Tag | BeautifulSoup) -> str:
    return " ".join(tag.get_text(" ").split())


def plain(text: str) -> str:
    return " ".join(re.sub(r"[*_`]", "", text).split())


def version_line(page: BeautifulSoup) -> str:
    found = page.select_one(".cd-sheet__version")
    assert found is not None
    return words(found)


def test_every_treatment_has_both_sheets_listed_for_staff(
    sample: SiteData, pages: dict[str, str]
) -> None:
    index = soup(pages[HANDOUTS_INDEX])
    staff = next(h for h in index.find_all("h2") if words(h) == "For clinic staff")
    links = [a["href"] for a in staff.find_all_next("a")]
    for tid in sample.treatments:
        assert screening_uri(tid) in pages
        assert consent_uri(tid) in pages
        assert f"../screening/{tid}.md" in links
        assert f"../consent/{tid}.md" in links
    # Staff pages stay out of the patient's navigation and search.
    generated = generate(sample)
    assert {screening_uri(TID), consent_uri(TID)} <= generated.unlisted
    assert "search:\n  exclude: true" in pages[screening_uri(TID)]


def test_screening_asks_about_every_item_in_the_records_own_words(
    sample: SiteData, pages: dict[str, str]
) -> None:
    for tid, treatment in sample.treatments.items():
        page = soup(pages[screening_uri(tid)])
        questions = page.select(".cd-question")
        items = [*treatment.not_suitable, *treatment.cautions]
        assert len(questions) == len(items), tid
        for question, item, asked in zip(
            questions,
            items,
            ["Does this apply to you?"] * len(treatment.not_suitable)
            + ["Discussed with the patient?"] * len(treatment.cautions),
            strict=True,
        ):
            text = words(question.select_one(".cd-question__text"))  # type: ignore[arg-type]
            statement = item if isinstance(item, str) else item.text
            assert text.startswith(plain(statement)), (tid, text)
            # General advice keeps its mark; the data's words are never made into a question.
            assert text.endswith("(general safety advice)") == (not isinstance(item, str))
            answer = words(question.select_one(".cd-question__answer"))  # type: ignore[arg-type]
            assert answer == f"{asked} Yes No"
            assert question.select_one(".cd-question__notes .cd-blank") is not None


def test_consent_sheet_records_the_discussion(sample: SiteData, pages: dict[str, str]) -> None:
    tid = "laser-mesotherapy"
    treatment = sample.treatments[tid]
    page = soup(pages[consent_uri(tid)])
    text = words(page)
    assert words(page.h1) == f"Record of our discussion: {treatment.name}"  # type: ignore[arg-type]
    framing = words(page.select_one(".cd-sheet__framing"))  # type: ignore[arg-type]
    assert "Your practitioner goes through it with you and completes it with you." in framing
    headings = [words(h) for h in page.find_all("h2")]
    for heading in ("What it is", "Other options", "Side effects", "Before you sign"):
        assert heading in headings
    assert plain(treatment.summary) in text
    for concern in treatment.concerns:
        assert sample.concerns[concern].name.casefold() in text.casefold()
    for alternative in treatment.alternatives:
        assert alternative.text is None or plain(alternative.text) in text
    for effect in treatment.side_effects:
        frequency = {
            "common": "Common (up to 1 in 10 people)",
            "rare": "Rare (up to 1 in 1,000 people)",
        }.get(effect.how_common)
        if frequency:
            assert f"{plain(effect.name)}: {frequency}." in " ".join(page.get_text().split())
    for stage in treatment.aftercare:
        assert plain(stage.when) in text
        for item in [*stage.do, *stage.avoid]:
            assert plain(item if isinstance(item, str) else item.text) in text
    assert "Call 999" in text
    confirm = page.select(".cd-sheet__confirm .cd-checklist li")
    assert "I have had the chance to ask questions, and they were answered." in [
        words(li) for li in confirm
    ]
    labels = [words(p) for p in page.select(".cd-sheet__signatures .cd-handout__blanks p")]
    assert labels == [
        "Patient's signature:",
        "Date:",
        "Practitioner's name and role:",
        "Practitioner's signature:",
        "Date:",
        "Interpreter (if used), name and signature:",
    ]


def test_consent_limits_and_alternatives_in_order(sample: SiteData) -> None:
    headings = [words(h) for h in soup(generate(sample).pages[consent_uri(TID)]).find_all("h2")]
    expected = ["What it is", "How it works", "What it can treat"]
    expected += ["What it cannot do"] if sample.treatments[TID].limits else []
    expected += [
        "Other options",
        "Side effects",
        "What you agree to do afterwards",
        "When to get help",
        "Before you sign",
    ]
    assert headings == expected


def test_draft_record_sheets_say_draft(sample: SiteData, pages: dict[str, str]) -> None:
    assert sample.treatments[TID].review.status == "draft"
    for uri in (screening_uri(TID), consent_uri(TID)):
        page = soup(pages[uri])
        banner = words(page.select_one(".cd-sheet__draft"))  # type: ignore[arg-type]
        assert banner.startswith("DRAFT This sheet comes from a treatment record that no")
        mark = page.select_one(".cd-draft-mark")
        assert mark is not None
        assert words(mark) == "DRAFT"
        assert "DRAFT: Not yet reviewed by a clinician." in version_line(page)
        short = words(page.select_one(".cd-sheet__version-short"))  # type: ignore[arg-type]
        assert short == f"DRAFT · Sheet version: {sheet_version(sample.treatments[TID])}"


def test_version_line_names_version_review_language_and_address(sample: SiteData) -> None:
    site = with_treatment(sample, TID, review=REVIEWED)
    generated = generate(site, None, "https://clinic.example/").pages
    version = sheet_version(site.treatments[TID])
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    for uri in (screening_uri(TID), consent_uri(TID)):
        page = soup(generated[uri])
        assert page.select_one(".cd-sheet__draft") is None
        assert page.select_one(".cd-draft-mark") is None
        address = page_address("https://clinic.example/", treatment_uri(TID))
        assert address is not None
        assert version_line(page) == (
            f"Sheet version: {version} · Record: treatments/{TID} · "
            "Reviewed on 2 November 2026 by Dr A. Example, dermatologist. "
            "Next review due 2 November 2027. · Language: English · "
            f"Online: {address.split('://')[1]}"
        )


def test_version_follows_what_the_sheet_prints_not_the_review(sample: SiteData) -> None:
    treatment = sample.treatments[TID]
    version = sheet_version(treatment)
    assert sheet_version(treatment.model_copy(update={"review": REVIEWED})) == version
    # A side effect made more common changes the paper, so it changes the version (the
    # translations' source_version, which covers the text alone, would not).
    effect = treatment.side_effects[0]
    other = "rare" if effect.how_common != "rare" else "common"
    changed = [effect.model_copy(update={"how_common": other}), *treatment.side_effects[1:]]
    assert sheet_version(treatment.model_copy(update={"side_effects": changed})) != version
    stage = treatment.aftercare[0].model_copy(update={"to_day": 9})
    moved = [stage, *treatment.aftercare[1:]]
    assert sheet_version(treatment.model_copy(update={"aftercare": moved})) != version


def test_translated_sheets_name_their_language_and_translation(sample: SiteData) -> None:
    codes = project_languages(ROOT)
    languages = [load_language(code, ROOT) for code in codes]
    plan = make_plan(sample, languages, ROOT / "docs", ROOT)
    translated, generated = generate_language(plan, "ar", sample)
    status = sample.translations["ar"][f"treatments/{TID}"].record.translation.status
    state = {"draft": "لم تُراجع الترجمة بعد", "reviewed": "رُوجعت الترجمة"}[status]
    for uri in (screening_uri(TID), consent_uri(TID)):
        line = version_line(soup(generated.pages[uri]))
        assert f"إصدار الورقة: {sheet_version(translated.treatments[TID])}" in line
        assert f"اللغة: العربية ({state})" in line
    # The Arabic sheet's version is its own: the patient read the Arabic text.
    assert sheet_version(translated.treatments[TID]) != sheet_version(sample.treatments[TID])


def test_sheets_belong_to_their_treatment_record() -> None:
    for uri in (screening_uri(TID), consent_uri(TID)):
        assert is_sheet(uri)
        assert record_key(uri) == f"treatments/{TID}"
    assert not is_sheet(treatment_uri(TID))
    assert not is_sheet("screening/index.md/x")
    assert english().t("sheets.question") == "Does this apply to you?"
