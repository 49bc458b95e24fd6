"""Material's invalid markup, as Material 9 writes it, made valid by
clinicdocs.html.theme_markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from clinicdocs.html.theme_markup import TOGGLE_FORM_ID, fix_material_markup

MATERIAL_TOGGLES = (
    '<body>\n    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
    ' autocomplete="off">\n    <input class="md-toggle" data-md-toggle="search" type="checkbox"'
    ' id="__search" autocomplete="off">\n    <label class="md-overlay" for="__drawer"></label>'
)


def test_toggles_lose_autocomplete_and_get_a_form_that_keeps_its_effect() -> None:
    soup = BeautifulSoup(fix_material_markup(MATERIAL_TOGGLES), "html.parser")
    form = soup.find("form", id=TOGGLE_FORM_ID)
    assert form is not None
    assert form["autocomplete"] == "off"
    assert form.has_attr("hidden")
    toggles = soup.select("input.md-toggle")
    assert [toggle["id"] for toggle in toggles] == ["__drawer", "__search"]
    for toggle in toggles:
        assert not toggle.has_attr("autocomplete")
        assert toggle["form"] == TOGGLE_FORM_ID
    # Material's CSS reaches the page through `[data-md-toggle=...]:checked ~ ...`: the toggles
    # stay siblings of what follows them.
    assert toggles[1].find_next_sibling("label")["class"] == ["md-overlay"]


def test_empty_tabindex_is_dropped_and_others_kept() -> None:
    html = (
        '<label class="md-nav__link " for="__nav_2" id="__nav_2_label" tabindex="">A</label>'
        '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="0">B</label>'
    )
    soup = BeautifulSoup(fix_material_markup(html), "html.parser")
    first, second = soup.find_all("label")
    assert not first.has_attr("tabindex")
    assert second["tabindex"] == "0"


def test_toc_title_keeps_its_control_only_when_there_is_one() -> None:
    title = '<label class="md-nav__title" for="__toc">Table of contents</label>'
    without = BeautifulSoup(fix_material_markup(title), "html.parser").label
    assert without is not None
    assert not without.has_attr("for")
    with_toggle = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' + title
    kept = BeautifulSoup(fix_material_markup(with_toggle), "html.parser").label
    assert kept is not None
    assert kept["for"] == "__toc"


@pytest.mark.build
def test_built_pages_carry_the_fixes(sample_site: Path) -> None:
    for name in ["index.html", "404.html", "handouts/co2-fractional-laser/index.html"]:
        soup = BeautifulSoup((sample_site / name).read_text(encoding="utf-8"), "html.parser")
        assert soup.find("form", id=TOGGLE_FORM_ID) is not None, name
        assert not soup.select("input.md-toggle[autocomplete]"), name
        assert not soup.select('[tabindex=""]'), name
