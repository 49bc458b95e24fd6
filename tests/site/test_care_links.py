"""The care texts' links (`clinicdocs export care`) open the built sample site's day-by-day page
on the day the practice system's date makes it, in each language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from clinicdocs.data.site import SiteData
from clinicdocs.generate.care import DATE_PLACEHOLDER, CareExport, care_export
from clinicdocs.generate.pages import public_url
from clinicdocs.i18n.language import load_language
from clinicdocs.load import load_site
from support.projects import ROOT, project_languages

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture(scope="module")
def sample() -> SiteData:
    return load_site(ROOT / "data", ROOT, languages=project_languages(ROOT))


@pytest.fixture(scope="module")
def site_url(sample: SiteData) -> str:
    url = public_url(sample)
    assert url is not None
    return url


@pytest.fixture(scope="module")
def texts(sample: SiteData, site_url: str) -> CareExport:
    languages = [load_language(code, ROOT) for code in sample.languages]
    return care_export(sample, languages, site_url)


@pytest.fixture
def phone(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", "Today is day 2 after your treatment"), ("ar", "اليوم هو اليوم 2 بعد علاجك")],
)
def test_a_care_text_link_opens_that_day(
    phone: Page, served_sample: str, texts: CareExport, site_url: str, code: str, expected: str
) -> None:
    (text,) = [
        t for t in texts.texts if (t.language, t.treatment) == (code, "co2-fractional-laser")
    ]
    two_days_ago = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    link = text.day_by_day.replace(DATE_PLACEHOLDER, two_days_ago)
    assert link in text.aftercare_email.html.replace(DATE_PLACEHOLDER, two_days_ago)
    phone.goto(link.replace(site_url, served_sample))
    expect(phone.locator("html")).to_have_attribute("lang", code)
    expect(phone.locator(".cd-today__day")).to_contain_text(expected)


def test_every_care_text_link_leads_to_a_page(
    texts: CareExport, site_url: str, sample_site: Path
) -> None:
    for text in texts.texts:
        address = text.day_by_day.split("?", 1)[0].replace(site_url, "")
        assert (sample_site / address / "index.html").is_file(), text.day_by_day
        for message in text.text_messages:
            assert text.day_by_day in message.text.replace("\u2066", "").replace("\u2069", "")
