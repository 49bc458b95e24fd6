"""The aftercare day by day (recovery.js) in Chromium on the built sample site: the treatment
date from the address or the date field turns the timeline into "Day N", in English and
Arabic; a bad or hostile date gets a plain message and never becomes markup; the calendar file
the page makes parses (icalendar) and matches the data; without JavaScript the whole timeline
shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from clinicdocs.data.site import SiteData
from clinicdocs.generate.facts import fact_range
from clinicdocs.load import load_site
from support.projects import ROOT, project_languages

pytestmark = [pytest.mark.build, pytest.mark.browser]

CO2 = "recovery/co2-fractional-laser/"
MESO = "recovery/laser-mesotherapy/"


@pytest.fixture(scope="module")
def sample() -> SiteData:
    return load_site(ROOT / "data", ROOT, languages=project_languages(ROOT))


@pytest.fixture
def phone(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    yield context.new_page()
    context.close()


def days_ago(days: int) -> str:
    return (dt.date.today() - dt.timedelta(days=days)).isoformat()


def long_date(day: dt.date) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def test_a_date_in_the_address_shows_that_days_steps(phone: Page, served_sample: str) -> None:
    phone.goto(f"{served_sample}{CO2}?date={days_ago(3)}")
    panel = phone.locator(".cd-today")
    expect(panel.locator(".cd-today__day")).to_have_text(
        f"Today is day 3 after your treatment ({long_date(dt.date.today())})."
    )
    expect(panel.locator(".cd-today__title")).to_have_text(["First week"])
    expect(panel).to_contain_text("Keep the area clean and dry for 5 to 7 days.")
    expect(phone.locator(".cd-recovery__date")).to_have_value(days_ago(3))
    today = phone.locator(".cd-stage--today")
    expect(today).to_have_count(1)
    expect(today.locator("h3")).to_contain_text("First week")
    expect(today.locator(".cd-stage__badge")).to_have_text("Today")
    # After its last day the stage is no longer today's.
    phone.locator(".cd-recovery__date").fill(days_ago(8))
    expect(panel.locator(".cd-today__day")).to_contain_text("Today is day 8 after")
    expect(phone.locator(".cd-stage--today")).to_have_count(0)
    expect(panel.locator(".cd-today__none")).to_have_text(
        "The aftercare steps with set days are over. Keep following any ongoing advice below."
    )


def test_a_future_date_and_the_treatment_day(phone: Page, served_sample: str) -> None:
    phone.goto(f"{served_sample}{MESO}?date={days_ago(-2)}")
    expect(phone.locator(".cd-today__day")).to_have_text(
        f"Your treatment is on {long_date(dt.date.today() + dt.timedelta(days=2))}. Before "
        "then, see how to prepare on the treatment's page."
    )
    expect(phone.locator(".cd-today__next")).to_contain_text("Right after treatment")
    phone.locator(".cd-recovery__date").fill(days_ago(0))
    expect(phone.locator(".cd-today__day")).to_have_text(
        f"Today is your treatment day ({long_date(dt.date.today())})."
    )
    expect(phone.locator(".cd-today__title")).to_have_text(["Right after treatment"])


def test_arabic_day_by_day(phone: Page, served_sample: str) -> None:
    phone.goto(f"{served_sample}ar/{CO2}?date={days_ago(2)}")
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone.locator(".cd-today__day")).to_contain_text("اليوم هو اليوم 2 بعد علاجك")
    expect(phone.locator(".cd-stage__badge")).to_have_text("اليوم")
    expect(phone.locator(".cd-today__title")).to_have_text(["الأسبوع الأول"])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("<img src=x onerror=alert(1)>", "The date in the address is not a date we can use."),
        ('"><script>alert(1)</script>', "The date in the address is not a date we can use."),
        ("2026-02-30", "The date in the address is not a date we can use."),
        ("2026-2-3", "The date in the address is not a date we can use."),
        ("9999-01-01", "That date is more than two years from today."),
        ("1900-01-01", "That date is more than two years from today."),
    ],
)
def test_a_bad_or_hostile_date_gets_a_plain_message(
    phone: Page, served_sample: str, value: str, message: str
) -> None:
    dialogs: list[str] = []
    phone.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    phone.goto(f"{served_sample}{CO2}?date={quote(value)}")
    error = phone.locator(".cd-recovery__error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(message)
    assert error.inner_html() == error.inner_text(), "the message is text, never markup"
    expect(phone.locator(".cd-today")).to_be_hidden()
    assert phone.locator("article img[src=x], article script").count() == 0
    assert value not in phone.locator("article").inner_html()
    assert dialogs == []
    # The page still works: a good date replaces the message with the day's steps.
    phone.locator(".cd-recovery__date").fill(days_ago(1))
    expect(error).to_be_hidden()
    expect(phone.locator(".cd-today__day")).to_contain_text("Today is day 1 after")


def test_the_calendar_file_matches_the_data(
    phone: Page, served_sample: str, sample: SiteData
) -> None:
    start = dt.date.today() - dt.timedelta(days=1)
    phone.goto(f"{served_sample}{MESO}?date={start.isoformat()}")
    with phone.expect_download() as download:
        phone.locator(".cd-recovery__calendar").click()
    assert download.value.suggested_filename == "laser-mesotherapy-aftercare.ics"
    text = Path(download.value.path()).read_bytes()
    assert b"\r\n" in text
    assert all(len(line) <= 75 for line in text.split(b"\r\n")), "lines folded at 75 octets"
    calendar = Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    treatment = sample.treatments["laser-mesotherapy"]
    staged = [stage for stage in treatment.aftercare if stage.from_day is not None]
    sessions = fact_range(treatment.key_facts.sessions)
    interval = fact_range(treatment.key_facts.interval)
    assert sessions is not None
    assert interval is not None
    followups = int(sessions.high) - 1
    assert len(events) == len(staged) + followups
    for event, stage in zip(events, staged, strict=False):
        assert event.decoded("dtstart") == start + dt.timedelta(days=stage.from_day or 0)
        last = stage.to_day if stage.to_day is not None else stage.from_day or 0
        assert event.decoded("dtend") == start + dt.timedelta(days=last + 1)
        assert str(event["summary"]) == f"Laser mesotherapy: {stage.when}"
        description = str(event["description"])
        for item in stage.do + stage.avoid:
            assert str(item) in description
        assert sample.clinic.phone in description
        assert event.walk("VALARM"), "a reminder on each event"
    for n, event in enumerate(events[len(staged) :], start=1):
        assert event.decoded("dtstart") == start + dt.timedelta(days=n * interval.low)
        assert str(event["summary"]) == "Laser mesotherapy: next session due"
        assert "About 1 week after your last session." in str(event["description"])
        assert sample.clinic.phone in str(event["description"])
    assert len({str(event["uid"]) for event in events}) == len(events)


def test_arabic_calendar_file_speaks_arabic(phone: Page, served_sample: str) -> None:
    phone.goto(f"{served_sample}ar/{MESO}?date={days_ago(0)}")
    with phone.expect_download() as download:
        phone.locator(".cd-recovery__calendar").click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    assert event["summary"].params["LANGUAGE"] == "ar"
    assert "لديك أسئلة؟" in str(event["description"])


def test_without_javascript_the_whole_timeline_shows(chromium: Browser, served_sample: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{served_sample}{CO2}?date={days_ago(3)}")
        expect(page.locator(".cd-recovery")).to_be_hidden()
        stages = page.locator(".cd-stage")
        expect(stages).to_have_count(3)
        for i in range(3):
            expect(stages.nth(i)).to_be_visible()
        expect(page.locator(".cd-help--emergency")).to_be_visible()
    finally:
        context.close()
