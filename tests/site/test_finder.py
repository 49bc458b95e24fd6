"""The treatments index's finder and sortable comparison table, in Chromium on the built sample
site: choosing a fact hides the rows that do not match and says how many are shown, in the
page's language; the sort buttons order rows by their numbers and say the order; without
JavaScript the finder stays hidden and the whole table shows."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.build, pytest.mark.browser]

MESO, CO2, PIGMENT = "Laser mesotherapy", "CO2 fractional laser", "Laser pigment removal"


def shown_rows(page: Page) -> list[str]:
    """The names of the comparison table's rows a reader sees, top to bottom."""
    rows = page.locator(".cd-compare tbody tr")
    return [
        rows.nth(i).locator("th").inner_text()
        for i in range(rows.count())
        if rows.nth(i).is_visible()
    ]


def test_choosing_facts_filters_rows_and_says_how_many(
    chromium: Browser, served_sample: str
) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(served_sample + "treatments/")
        finder = page.locator("form[data-cd-finder]")
        expect(finder).to_be_visible()
        status = finder.locator("[role=status]")
        assert shown_rows(page) == [CO2, MESO, PIGMENT]
        assert status.inner_text() == ""

        finder.locator("select[name=downtime]").select_option(label="None")
        assert shown_rows(page) == [MESO]
        expect(status).to_have_text("1 of 3 treatments shown")

        finder.locator("select[name=downtime]").select_option(label="7 days or less")
        assert shown_rows(page) == [CO2, MESO]
        finder.locator("select[name=concerns]").select_option(label="Moles")
        assert shown_rows(page) == [CO2], "both choices apply"
        finder.locator("select[name=sessions]").select_option(label="6 or fewer")
        assert shown_rows(page) == [], "CO2's page does not state its sessions"
        expect(status).to_have_text("0 of 3 treatments shown")

        finder.locator("button[type=reset]").click()
        expect(status).to_have_text("")
        assert shown_rows(page) == [CO2, MESO, PIGMENT]
    finally:
        context.close()


def test_sort_buttons_order_rows_by_their_numbers(chromium: Browser, served_sample: str) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(served_sample + "treatments/")
        downtime = page.locator(".cd-compare thead th", has_text="Downtime")
        button = downtime.locator("button")
        expect(button).to_have_attribute("aria-label", "Sort by Downtime")
        button.click()
        expect(downtime).to_have_attribute("aria-sort", "ascending")
        assert shown_rows(page) == [MESO, CO2, PIGMENT], "none, 5 to 7 days, not stated last"
        button.click()
        expect(downtime).to_have_attribute("aria-sort", "descending")
        assert shown_rows(page) == [CO2, MESO, PIGMENT], "not stated stays last"
        name = page.locator(".cd-compare thead th", has_text="Treatment")
        name.locator("button").click()
        expect(downtime).not_to_have_attribute("aria-sort", "ascending")
        assert shown_rows(page) == [CO2, MESO, PIGMENT]
        name.locator("button").click()
        assert shown_rows(page) == [PIGMENT, MESO, CO2]
    finally:
        context.close()


def test_arabic_finder_speaks_arabic_and_phone_cards_follow_it(
    chromium: Browser, served_sample: str
) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(served_sample + "ar/treatments/")
        finder = page.locator("form[data-cd-finder]")
        expect(finder.locator("legend")).to_have_text("ابحث عن علاج")
        finder.locator("select[name=concerns]").select_option("melasma")
        expect(finder.locator("[role=status]")).to_have_text("يظهر 2 من 3 علاجات")
        rows = page.locator(".cd-compare tbody tr")
        visible = [rows.nth(i) for i in range(rows.count()) if rows.nth(i).is_visible()]
        assert len(visible) == 2
        # On a phone each row is a card whose cells name their fact.
        assert visible[0].evaluate("row => getComputedStyle(row).display") == "block"
        label = (
            visible[0]
            .locator("td")
            .first.evaluate("cell => getComputedStyle(cell, '::before').content")
        )
        assert "عدد الجلسات" in label
    finally:
        context.close()


def test_without_javascript_the_whole_table_shows(chromium: Browser, served_sample: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served_sample + "treatments/")
        expect(page.locator("form[data-cd-finder]")).to_be_hidden()
        assert shown_rows(page) == [CO2, MESO, PIGMENT]
        assert page.locator(".cd-compare thead button").count() == 0
    finally:
        context.close()
