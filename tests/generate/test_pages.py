"""The generated Markdown: `pages.generate()` on real data, read back as HTML.

The Markdown is converted with the same extensions the sites use, then parsed, so the tests see
what a patient sees without paying for an MkDocs build. `tests/site/test_site.py` checks the
built sites.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from clinicdocs.data.models import (
    Alternative,
    GeneralAdvice,
    GetHelp,
    KeyFacts,
    Limit,
    Question,
    SideEffect,
    Source,
    name_order,
)
from clinicdocs.data.site import SiteData
from clinicdocs.errors import DataError
from clinicdocs.generate import render
from clinicdocs.generate.pages import (
    CONCERNS_INDEX,
    GLOSSARY,
    HANDOUTS_INDEX,
    TREATMENTS_INDEX,
    categories,
    category_uri,
    concern_uri,
    consent_uri,
    fill_blocks,
    generate,
    handout_uri,
    recovery_uri,
    screening_uri,
    treatment_uri,
    uses_general_advice,
)
from clinicdocs.i18n.language import english, load_language
from clinicdocs.load import load_site
from support.content import (
    TREATMENT_SECTIONS,
    count_general_advice,
    elements_after,
    with_treatment,
)
from support.projects import FIXTURE_SITE, ROOT, project_languages

SECTIONS = TREATMENT_SECTIONS
REQUIRED = ["What it is", "How it works", "What it can treat", "When to get help", "Last reviewed"]
OPTIONAL_FIELDS = {
    "suits": "Who it suits",
    "not_suitable": "Who should not have it",
    "cautions": "Who should not have it",
    "before": "Before your treatment",
    "on_the_day": "On the day",
    "side_effects": "Side effects",
    "aftercare": "Aftercare",
    "faq": "Questions people ask",
    "sources": "Sources",
}
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
]
GENERAL_ADVICE_LABEL = "(general safety advice)"


@pytest.fixture(scope="module")
def tiny() -> SiteData:
    """The tiny fixture site's data: `full-laser` fills every section, `bare-peel` none."""
    return load_site(FIXTURE_SITE / "data", FIXTURE_SITE)


@pytest.fixture(scope="module")
def sample() -> SiteData:
    """The repository's sample data."""
    return load_site(ROOT / "data", ROOT, languages=project_languages(ROOT))


@pytest.fixture(scope="module")
def tiny_pages(tiny: SiteData) -> dict[str, str]:
    return generate(tiny).pages


@pytest.fixture(scope="module")
def sample_pages(sample: SiteData) -> dict[str, str]:
    return generate(sample, ROOT / "templates" / "pages").pages


def split_front_matter(page: str) -> tuple[dict[str, Any], str]:
    """The page's YAML front matter and its Markdown body."""
    match = re.match(r"---\n(.*?)\n---\n", page, re.DOTALL)
    assert match, f"page has no front matter: {page[:80]!r}"
    return yaml.safe_load(match.group(1)), page[match.end() :]


def to_html(page: str) -> BeautifulSoup:
    """Convert a generated page as MkDocs would (front matter removed), and parse it."""
    _, body = split_front_matter(page)
    return BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")


def h2_texts(soup: BeautifulSoup) -> list[str]:
    return [h.get_text(strip=True) for h in soup.find_all("h2")]


def section(soup: BeautifulSoup, heading: str) -> list[Tag]:
    """The elements between the `<h2>` named `heading` and the next `<h2>`."""
    h2 = next(h for h in soup.find_all("h2") if h.get_text(strip=True) == heading)
    return elements_after(h2)


def section_text(soup: BeautifulSoup, heading: str) -> str:
    return " ".join(el.get_text(" ", strip=True) for el in section(soup, heading))


def links_from(soup: BeautifulSoup | Tag | list[Tag], page_uri: str) -> list[str]:
    """The site URIs the page's relative `.md` links point at, in order."""
    tags = soup if isinstance(soup, list) else [soup]
    base = posixpath.dirname(page_uri)
    return [
        posixpath.normpath(posixpath.join(base, a["href"]))
        for tag in tags
        for a in tag.find_all("a", href=True)
        if a["href"].endswith(".md")
    ]


def test_every_record_gets_its_page(sample: SiteData, sample_pages: dict[str, str]) -> None:
    expected = {
        TREATMENTS_INDEX,
        CONCERNS_INDEX,
        GLOSSARY,
        *(treatment_uri(tid) for tid in sample.treatments),
        *(concern_uri(cid) for cid in sample.concerns),
        *(category.uri for category in categories(sample)),
        HANDOUTS_INDEX,
        *(handout_uri(tid) for tid in sample.treatments),
        *(recovery_uri(tid) for tid in sample.treatments),
        *(screening_uri(tid) for tid in sample.treatments),
        *(consent_uri(tid) for tid in sample.treatments),
    }
    assert set(sample_pages) == expected


def test_full_treatment_has_every_section_in_order(tiny_pages: dict[str, str]) -> None:
    assert h2_texts(to_html(tiny_pages["treatments/full-laser.md"])) == SECTIONS


def test_bare_treatment_shows_only_the_required_sections(tiny_pages: dict[str, str]) -> None:
    soup = to_html(tiny_pages["treatments/bare-peel.md"])
    assert h2_texts(soup) == REQUIRED
    assert not soup.find("table"), "an empty key-facts table was printed"
    assert GENERAL_ADVICE_LABEL not in soup.get_text()


@pytest.mark.parametrize("field", sorted(OPTIONAL_FIELDS))
def test_one_optional_section_appears_in_its_place(tiny: SiteData, field: str) -> None:
    site = with_treatment(
        tiny, "bare-peel", **{field: getattr(tiny.treatments["full-laser"], field)}
    )
    headings = h2_texts(to_html(generate(site).pages["treatments/bare-peel.md"]))
    wanted = set(REQUIRED) | {OPTIONAL_FIELDS[field]}
    assert headings == [name for name in SECTIONS if name in wanted]


def test_every_present_section_has_content(
    tiny_pages: dict[str, str], sample_pages: dict[str, str]
) -> None:
    for uri, page in {**tiny_pages, **sample_pages}.items():
        if not uri.startswith("treatments/") or uri == TREATMENTS_INDEX:
            continue
        soup = to_html(page)
        for heading in h2_texts(soup):
            assert section_text(soup, heading), f"{uri}: section '{heading}' is empty"


def test_who_should_not_have_it_with_only_cautions(tiny: SiteData) -> None:
    site = with_treatment(tiny, "full-laser", not_suitable=[])
    soup = to_html(generate(site).pages["treatments/full-laser.md"])
    part = section(soup, "Who should not have it")
    assert "Do not have this treatment if" not in " ".join(el.get_text() for el in part)
    assert [el["class"] for el in part] == [["admonition", "note"]]


def test_side_effects_table_escapes_pipes(tiny: SiteData, tiny_pages: dict[str, str]) -> None:
    soup = to_html(tiny_pages["treatments/full-laser.md"])
    # The table sits in a `cd-cards` wrapper; each row's first cell is its header (<th>).
    (table,) = [t for el in section(soup, "Side effects") for t in el.find_all("table")]
    rows = [
        [cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in table.find("tbody").find_all("tr")
    ]
    effects = tiny.treatments["full-laser"].side_effects
    assert [row[0] for row in rows] == [effect.name for effect in effects]
    assert "Pipe | test" in [row[0] for row in rows]
    assert all(len(row) == 4 for row in rows), rows
    assert rows[0][3] == "Use a cool pack. Contact us if it lasts more than 3 days."
    assert rows[1][2] == "Not stated"


def test_quotes_and_pipes_in_data_render_as_written(tiny: SiteData) -> None:
    site = with_treatment(
        tiny,
        "full-laser",
        faq=[
            Question(question='Is it "safe" for *everyone*?', answer="Ask us."),
            Question(question="Line\none", answer="Two."),
        ],
        key_facts=KeyFacts(sessions="3 | 4", downtime='A "short" while'),
        side_effects=[SideEffect(name="Itch", how_common="rare", what_to_do="Either | or.")],
    )
    pages = generate(site).pages
    soup = to_html(pages["treatments/full-laser.md"])
    summaries = [s.decode_contents() for s in soup.select("details > summary")]
    assert summaries == ['Is it "safe" for <em>everyone</em>?', "Line one"]
    glance = {
        tr.find_all("td")[0].get_text(): tr.find_all("td")[1].get_text()
        for tr in soup.find("table").find_all("tr")[1:]
    }
    assert glance["Sessions"] == "3 | 4"
    assert glance["Downtime"] == 'A "short" while'
    index = to_html(pages[TREATMENTS_INDEX]).find("table")
    row = next(tr for tr in index.find_all("tr") if "Full laser" in tr.get_text())
    assert [td.get_text() for td in row.find_all("td")][0:2] == ["3 | 4", 'A "short" while']


def test_general_advice_is_labelled(
    tiny: SiteData, sample: SiteData, tiny_pages: dict[str, str], sample_pages: dict[str, str]
) -> None:
    for site, pages in ((tiny, tiny_pages), (sample, sample_pages)):
        for tid, treatment in site.treatments.items():
            soup = to_html(pages[treatment_uri(tid)])
            labels = [em for em in soup.find_all("em") if em.get_text() == GENERAL_ADVICE_LABEL]
            assert len(labels) == count_general_advice(treatment), tid
            for em in labels:
                assert em.parent.name == "li", f"{tid}: label outside a list item"
            footnote = 'Points marked "general safety advice"' in soup.get_text()
            assert footnote == bool(labels), f"{tid}: footnote shown={footnote}"


def test_footnote_only_when_general_advice_exists(tiny: SiteData) -> None:
    laser = tiny.treatments["full-laser"]
    plain = [item.text if isinstance(item, GeneralAdvice) else item for item in laser.not_suitable]
    site = with_treatment(tiny, "full-laser", not_suitable=plain)
    text = to_html(generate(site).pages["treatments/full-laser.md"]).get_text()
    assert "general safety advice" not in text


def test_uses_general_advice_looks_inside_nested_records(tiny: SiteData) -> None:
    bare = tiny.treatments["bare-peel"]
    assert not uses_general_advice(bare)
    assert uses_general_advice(tiny.treatments["full-laser"])
    stage = (
        tiny.treatments["full-laser"]
        .aftercare[0]
        .model_copy(update={"do": [GeneralAdvice(text="Keep it clean.", general_advice=True)]})
    )
    assert uses_general_advice(bare.model_copy(update={"aftercare": [stage]}))


def test_draft_page_shows_a_draft_notice(tiny_pages: dict[str, str]) -> None:
    soup = to_html(tiny_pages["treatments/bare-peel.md"])
    box = soup.select_one("div.admonition.warning")
    assert box is not None
    assert "Draft" in box.select_one(".admonition-title").get_text()
    assert box.find_previous("h2") is None, "the draft notice must come before the first section"
    assert "not yet reviewed" in section_text(soup, "Last reviewed")


def test_reviewed_page_shows_reviewer_and_dates(tiny_pages: dict[str, str]) -> None:
    soup = to_html(tiny_pages["treatments/full-laser.md"])
    # No draft notice (the urgent help box is a warning too, of its own class).
    assert soup.select_one("div.admonition.warning:not(.cd-help)") is None
    assert "Draft" not in soup.get_text()
    items = [
        li.get_text(" ", strip=True)
        for li in soup.find("h2", string="Last reviewed").find_next("ul").find_all("li")
    ]
    assert items == [
        "Last reviewed: 15 January 2026, by Dr Test, dermatologist",
        "Next review due: 15 January 2029",
    ]


def help_boxes(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """The help section's boxes: (level class, title), in order."""
    return [
        (next(c for c in box["class"] if c.startswith("cd-help--")), box.p.get_text())
        for box in section(soup, "When to get help")
        if "cd-help" in box.get("class", [])
    ]


def test_when_to_get_help_boxes(tiny: SiteData, tiny_pages: dict[str, str]) -> None:
    clinic = tiny.clinic
    laser = to_html(tiny_pages["treatments/full-laser.md"])  # get_help: urgent only
    assert help_boxes(laser) == [
        ("cd-help--urgent", "Get help today"),
        ("cd-help--emergency", "Emergency"),
    ]
    peel = to_html(tiny_pages["treatments/bare-peel.md"])  # no signs named: the general advice
    assert help_boxes(peel) == [
        ("cd-help--clinic", "Contact the clinic"),
        ("cd-help--emergency", "Emergency"),
    ]
    for soup in (laser, peel):
        boxes = [box for box in section(soup, "When to get help") if box.name == "div"]
        links = [{a["href"]: a.get_text() for a in box.find_all("a")} for box in boxes]
        assert links == [{"tel:+442079460999": clinic.phone}, {"tel:112": "112"}]
        assert clinic.emergency.wording in boxes[-1].get_text()


@pytest.mark.parametrize("code", ["en", "ar", "zh"])
def test_three_levels_of_help_each_a_box_with_its_own_title(tiny: SiteData, code: str) -> None:
    language = load_language(code)
    laser = tiny.treatments["full-laser"]
    get_help = GetHelp(
        contact_clinic=["A blister that grows."],
        urgent=["Spreading redness."],
        emergency=["Swelling of the lips or trouble breathing."],
    )
    effects = [
        laser.side_effects[0].model_copy(
            update={"seek_help": "your lips swell", "help_level": "emergency", "what_to_do": None}
        )
    ]
    site = with_treatment(tiny, "full-laser", get_help=get_help, side_effects=effects)
    soup = to_html(generate(site, language=language).pages["treatments/full-laser.md"])
    boxes = soup.select("div.cd-help")
    # Told apart by title and icon (Material's note, warning and danger), not colour alone.
    assert [(box["class"][1], box["class"][3]) for box in boxes] == [
        ("note", "cd-help--clinic"),
        ("warning", "cd-help--urgent"),
        ("danger", "cd-help--emergency"),
    ]
    titles = [box.select_one(".admonition-title").get_text() for box in boxes]
    assert titles == [
        language.t("treatment.help_contact_clinic"),
        language.t("treatment.help_urgent"),
        language.t("treatment.help_emergency"),
    ]
    signs = [[li.get_text() for li in box.find_all("li")] for box in boxes]
    assert signs == [
        ["A blister that grows."],
        ["Spreading redness."],
        ["Swelling of the lips or trouble breathing."],
    ]
    assert "112" in boxes[2].get_text()
    # The side effect without what_to_do: the general advice, marked; its sign at its level.
    label = language.t("treatment.what_to_do")
    cell = soup.select_one(f"td[data-label='{label}']")
    text = " ".join(cell.get_text().split())
    assert language.t("treatment.what_to_do_general", clinic=tiny.clinic.name) in text
    assert language.t("common.general_advice_mark") in text
    assert (
        language.t("treatment.emergency_if", number="112", what="your lips swell").replace("**", "")
        in text
    )


def test_the_help_texts_name_the_clinic_s_own_contact_wording(tiny: SiteData) -> None:
    """`contact_wording` stands for the clinic's name wherever a help text says whom to
    contact: each box's title and its first line, the fallback box, and the general advice of a
    side effect without its own `what_to_do`, on the page and the handout."""
    laser = tiny.treatments["full-laser"]
    effects = [laser.side_effects[0].model_copy(update={"what_to_do": None})]
    get_help = GetHelp(contact_clinic=["A blister that grows."], urgent=["Spreading redness."])
    site = with_treatment(tiny, "full-laser", get_help=get_help, side_effects=effects)
    clinic = site.clinic.model_copy(update={"contact_wording": "the dental practice"})
    pages = generate(dataclasses.replace(site, clinic=clinic)).pages

    soup = to_html(pages["treatments/full-laser.md"])
    boxes = soup.select("div.cd-help")
    assert boxes[0].select_one(".admonition-title").get_text() == "Contact the dental practice"
    intros = [box.select("p")[1].get_text() for box in boxes[:2]]
    assert intros[0].startswith("Contact the dental practice on +44 20 7946 0999 soon")
    assert intros[1].startswith("Contact the dental practice straight away on")
    cell = soup.select_one("td[data-label='What to do']")
    assert "If it worries you, contact the dental practice." in cell.get_text()
    peel = to_html(pages["treatments/bare-peel.md"]).select_one("div.cd-help--clinic")
    assert peel.select_one(".admonition-title").get_text() == "Contact the dental practice"
    assert "contact the dental practice on" in " ".join(peel.get_text().split())
    handout = " ".join(to_html(pages[handout_uri("full-laser")]).get_text().split())
    assert "If it worries you, contact the dental practice." in handout
    assert clinic.name not in soup.select_one("div.cd-help").get_text()


@pytest.mark.parametrize(
    ("wording", "shown"),
    [
        ("Call 112 if you cannot breathe.", "In an emergency: Call 112 if you cannot breathe."),
        ("If you cannot breathe.", "In an emergency, call 112. If you cannot breathe."),
    ],
)
def test_emergency_number_is_named_once(tiny: SiteData, wording: str, shown: str) -> None:
    emergency = tiny.clinic.emergency.model_copy(update={"wording": wording})
    site = dataclasses.replace(tiny, clinic=tiny.clinic.model_copy(update={"emergency": emergency}))
    soup = to_html(generate(site).pages["treatments/bare-peel.md"])
    box = soup.select_one("div.admonition.danger")
    last = box.find_all("p")[-1]
    assert " ".join(last.get_text().split()) == shown
    assert [a["href"] for a in last.find_all("a")] == ["tel:112"]


def test_faq_is_collapsible(tiny: SiteData, tiny_pages: dict[str, str]) -> None:
    soup = to_html(tiny_pages["treatments/full-laser.md"])
    details = [el for el in section(soup, "Questions people ask") if el.name == "details"]
    faq = tiny.treatments["full-laser"].faq
    assert [d.summary.get_text() for d in details] == [qa.question for qa in faq]
    assert [d.p.get_text() for d in details] == [qa.answer for qa in faq]
    assert not any(d.has_attr("open") for d in details)


def test_sources_punctuation(tiny: SiteData) -> None:
    site = with_treatment(
        tiny,
        "full-laser",
        sources=[
            Source(title="Test source", publisher="Test publisher"),
            Source(title="Is it safe?", url="https://example.org/a"),
            Source(title="Skin Inc.", publisher="Skin Inc."),
        ],
    )
    soup = to_html(generate(site).pages["treatments/full-laser.md"])
    (ol,) = [el for el in section(soup, "Sources") if el.name == "ol"]
    assert [li.get_text() for li in ol.find_all("li")] == [
        "Test source. Test publisher.",
        "Is it safe?",
        "Skin Inc. Skin Inc.",
    ]
    assert ol.find("a")["href"] == "https://example.org/a"


def test_summary_becomes_the_description(sample: SiteData, sample_pages: dict[str, str]) -> None:
    for tid, treatment in sample.treatments.items():
        meta, _ = split_front_matter(sample_pages[treatment_uri(tid)])
        assert meta == {
            "title": treatment.name,
            "description": treatment.summary,
            "search": {"boost": 2},  # treatments rank above pages that only mention them
        }
    for cid, concern in sample.concerns.items():
        meta, _ = split_front_matter(sample_pages[concern_uri(cid)])
        assert meta["description"] == concern.summary


def test_description_drops_markdown(tiny: SiteData) -> None:
    site = with_treatment(
        tiny,
        "bare-peel",
        summary="A *gentle* [peel](https://example.org) for **dry_skin** and `spots`.",
    )
    meta, _ = split_front_matter(generate(site).pages["treatments/bare-peel.md"])
    assert meta["description"] == "A gentle peel for dry_skin and spots."


def test_concern_pages_list_the_treatments_that_name_them(
    sample: SiteData, sample_pages: dict[str, str]
) -> None:
    for cid in sample.concerns:
        uri = concern_uri(cid)
        soup = to_html(sample_pages[uri])
        listed = [
            link
            for link in links_from(soup, uri)
            if link.startswith("treatments/") and link != TREATMENTS_INDEX
        ]
        expected = sorted(
            (t.name.casefold(), treatment_uri(tid))
            for tid, t in sample.treatments.items()
            if cid in t.concerns
        )
        assert listed == [link for _, link in expected], cid


def test_concern_without_treatments_says_so(tiny: SiteData, tiny_pages: dict[str, str]) -> None:
    soup = to_html(tiny_pages["concerns/wrinkles.md"])
    assert "No treatments for this concern" in soup.get_text()
    assert soup.find("a", href="tel:+442079460999") is not None


def test_treatment_pages_link_back_to_each_concern(
    sample: SiteData, sample_pages: dict[str, str]
) -> None:
    for tid, treatment in sample.treatments.items():
        uri = treatment_uri(tid)
        soup = to_html(sample_pages[uri])
        linked = links_from(section(soup, "What it can treat"), uri)
        assert linked == [concern_uri(cid) for cid in treatment.concerns], tid


def test_other_names_read_naturally(sample_pages: dict[str, str]) -> None:
    soup = to_html(sample_pages["treatments/laser-mesotherapy.md"])
    items = [li.get_text() for el in section(soup, "What it can treat") for li in el("li")]
    assert "Acne scars (also called pitted scars or scars from spots)" in items
    assert "Sun damage (also called sun-damaged skin or photoageing)" in items
    concern = to_html(sample_pages["concerns/acne-scars.md"])
    assert "Also called: Pitted scars, scars from spots." in concern.get_text()
    table = to_html(sample_pages[CONCERNS_INDEX]).find("table")
    row = next(tr for tr in table.find_all("tr") if "Acne scars" in tr.get_text())
    assert row.find_all("td")[1].get_text() == "Pitted scars, scars from spots"


def test_comparison_table(tiny: SiteData, tiny_pages: dict[str, str]) -> None:
    soup = to_html(tiny_pages[TREATMENTS_INDEX])
    table = soup.find("table")
    header = [th.get_text() for th in table.find("thead").find_all("th")]
    assert header == [
        "Treatment",
        "Sessions",
        "Time between sessions",
        "Length of a session",
        "Numbing",
        "Downtime",
        "When results show",
        "How long results last",
    ], "every key fact a treatment states"
    rows = {
        tr.th.get_text(): [td.get_text() for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    }
    # Each fact cell names its column, so phones can show the rows as labelled cards.
    assert {td["data-label"] for td in table.find("tbody").find_all("td")} == set(header[1:])
    assert list(rows) == ["Bare peel", "Full laser"], "rows in name order"
    assert rows["Bare peel"] == ["Not stated"] * 7
    # The numbers in words, never "Not stated" where the data has them; a note where it has
    # no numbers.
    assert rows["Full laser"] == [
        "3 to 5",
        "4 weeks",
        "30 minutes",
        "Numbing cream or gel",
        "2 days",
        "2 weeks",
        "Several months",
    ]
    links = links_from(table, TREATMENTS_INDEX)
    assert links == [treatment_uri("bare-peel"), treatment_uri("full-laser")]


def test_comparison_table_sorts_and_filters_by_numbers_in_common_units(
    sample_pages: dict[str, str],
) -> None:
    """Numeric columns carry their numbers for the sort buttons (days, minutes for a session),
    rows carry what the finder filters by, and the finder offers what the data states."""
    soup = to_html(sample_pages[TREATMENTS_INDEX])
    table = soup.find("table")
    sortable = [th.get_text() for th in table.find("thead")("th") if th.get("data-cd-sort")]
    assert "Numbing" not in sortable
    assert {"Treatment", "Sessions", "Downtime"} <= set(sortable)
    rows = {tr.th.get_text(): tr for tr in table.find("tbody")("tr")}
    meso = rows["Laser mesotherapy"]
    assert meso["data-sessions"] == "6"
    assert meso["data-downtime"] == "0"
    assert meso["data-numbing"] == "numbing_cream"
    assert "fine-lines-and-wrinkles" in meso["data-concerns"].split()
    interval = meso.find("td", attrs={"data-label": "Time between sessions"})
    assert (interval.get_text(), interval["data-sort"]) == ("1 to 2 weeks", "7")
    co2 = rows["CO2 fractional laser"]
    assert co2["data-downtime"] == "7"
    assert not co2.has_attr("data-sessions"), "a fact the page does not state is not a number"
    finder = soup.find("form", attrs={"data-cd-finder": True})
    assert finder.has_attr("hidden"), "shown by its script; without one, the table is the page"
    choices = {
        select["name"]: [option.get_text() for option in select("option")]
        for select in finder("select")
    }
    assert choices["downtime"] == ["Any", "None", "7 days or less"]
    assert choices["sessions"] == ["Any", "6 or fewer"]
    assert choices["numbing"] == ["Any", "Numbing cream or gel"]
    assert "Melasma" in choices["concerns"]


def test_category_pages_and_navigation(tiny: SiteData) -> None:
    generated = generate(tiny)
    assert [c.name for c in categories(tiny)] == ["Laser treatments", "Peels"]
    assert generated.nav[0] == {
        "Treatments": [
            TREATMENTS_INDEX,
            {
                "Laser treatments": [
                    category_uri("Laser treatments"),
                    {"Full laser": treatment_uri("full-laser")},
                ]
            },
            {"Peels": [category_uri("Peels"), {"Bare peel": treatment_uri("bare-peel")}]},
        ]
    }
    assert generated.nav[1]["Concerns"][0] == CONCERNS_INDEX
    assert generated.nav[2] == {"Glossary": GLOSSARY}
    uri = category_uri("Peels")
    assert uri == "categories/peels/index.md"
    soup = to_html(generated.pages[uri])
    assert treatment_uri("bare-peel") in links_from(soup, uri)
    assert treatment_uri("full-laser") not in links_from(soup, uri)


def test_treatment_links_to_its_category(tiny_pages: dict[str, str]) -> None:
    uri = treatment_uri("full-laser")
    soup = to_html(tiny_pages[uri])
    assert category_uri("Laser treatments") in links_from(section(soup, "What it is"), uri)


def test_glossary_page_lists_every_term(sample: SiteData, sample_pages: dict[str, str]) -> None:
    assert sample.glossary is not None
    assert len(sample.glossary.terms) >= 12
    soup = to_html(sample_pages[GLOSSARY])
    terms = [dt.get_text() for dt in soup.find_all("dt")]
    expected = sorted(sample.glossary.terms, key=lambda t: t.term.casefold())
    assert [t.split(" (")[0] for t in terms] == [t.term for t in expected]
    assert [dd.get_text(strip=True) for dd in soup.find_all("dd")] == [
        t.definition for t in expected
    ]
    assert "post-inflammatory hyperpigmentation (PIH)" in terms


def test_fill_blocks(tiny: SiteData) -> None:
    page = "# Home\n\n<!-- clinicdocs:browse-concerns -->\n\n<!--clinicdocs:browse-treatments-->\n"
    filled = fill_blocks(page, "index.md", tiny)
    assert "clinicdocs:" not in filled
    soup = BeautifulSoup(markdown.markdown(filled, extensions=EXTENSIONS), "html.parser")
    links = links_from(soup, "index.md")
    assert {concern_uri(cid) for cid in tiny.concerns} <= set(links)
    assert {treatment_uri(tid) for tid in tiny.treatments} <= set(links)
    assert {CONCERNS_INDEX, TREATMENTS_INDEX} <= set(links)
    assert "Dark spots" in soup.get_text()
    assert "Sunspots, age spots" in soup.get_text()


def test_fill_blocks_leaves_other_pages_alone(tiny: SiteData) -> None:
    page = "# About\n\nNo markers here; `clinicdocs` is just a word.\n"
    assert fill_blocks(page, "about.md", tiny) is page


def test_unknown_block_is_reported_with_its_line(tiny: SiteData) -> None:
    with pytest.raises(DataError) as caught:
        fill_blocks("# Home\n\n<!-- clinicdocs:browse-everything -->\n", "index.md", tiny)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("index.md", 3)
    assert "unknown block 'browse-everything'" in problem.message
    assert "browse-concerns" in problem.message


def test_project_template_overrides_the_default(tiny: SiteData, tmp_path: Path) -> None:
    (tmp_path / "concern.md.j2").write_text("---\ntitle: x\n---\n\n# {{ concern.name }}!\n")
    pages = generate(tiny, tmp_path).pages
    assert pages["concerns/scars.md"].endswith("# Scars!\n")
    assert "## What it is" in pages["treatments/full-laser.md"], "other templates keep defaults"


def test_template_error_names_template_line_and_record(tiny: SiteData, tmp_path: Path) -> None:
    (tmp_path / "concern.md.j2").write_text("# {{ concern.name }}\n\n{{ concern.colour }}\n")
    with pytest.raises(DataError) as caught:
        generate(tiny, tmp_path)
    problems = caught.value.problems
    assert len(problems) == len(tiny.concerns), "every failing record is reported"
    assert all(p.file == str(tmp_path / "concern.md.j2") and p.line == 3 for p in problems)
    assert any("data/concerns/scars.yml" in p.message for p in problems)


def test_generated_markdown_is_tidy(
    tiny_pages: dict[str, str], sample_pages: dict[str, str]
) -> None:
    for uri, page in {**tiny_pages, **sample_pages}.items():
        assert page.endswith("\n"), f"{uri}: no newline at the end"
        assert not page.endswith("\n\n"), f"{uri}: blank lines at the end"
        assert "\n\n\n" not in page, f"{uri}: two blank lines in a row"
        ragged = [line for line in page.splitlines() if line != line.rstrip()]
        assert not ragged, f"{uri}: trailing spaces in {ragged[:2]}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acne scars", "acne scars"),
        ("CO2 laser", "CO2 laser"),
        ("PIH", "PIH"),
        ("a", "a"),
        ("Crow's feet", "crow's feet"),
    ],
)
def test_lower_first(text: str, expected: str) -> None:
    assert render.lower_first(text) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["a"], "a"),
        (["a", "b"], "a or b"),
        (["a", "b", "c"], "a, b or c"),
    ],
)
def test_or_list(items: list[str], expected: str) -> None:
    assert english().or_list(items) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Done", "Done."),
        ("Done.", "Done."),
        ("Safe?", "Safe?"),
        ("Go!", "Go!"),
        ("", ""),
    ],
)
def test_full_stop(text: str, expected: str) -> None:
    assert english().full_stop(text) == expected


def test_small_filters() -> None:
    assert render.table_cell("a | b\n  c") == "a \\| b c"
    assert render.table_cell(None) == ""
    assert render.indent4("one\n\ntwo\nthree") == "one\n\n    two\n    three"
    assert render.attribute_text('Is it "safe"?\nReally') == 'Is it "safe"? Really'
    assert render.attribute_text("a\\b") == "a\\\\b"
    assert render.phone_link("+44 (20) 7946-0000") == "+442079460000"
    assert render.upper_first("sunspots") == "Sunspots"
    assert render.upper_first("eMail") == "EMail"
    assert render.upper_first("") == ""
    markdown_text = "[a](https://x.org) *b* __c__ snake_case \\*d"
    assert render.plain_text(markdown_text) == "a b c snake_case *d"


def test_names_sort_as_people_read_them() -> None:
    names = ["Group 10", "group 2", "Group 1", "Alpha peel", "Group 2b"]
    assert sorted(names, key=name_order) == [
        "Alpha peel",
        "Group 1",
        "group 2",
        "Group 2b",
        "Group 10",
    ]


def with_limits_and_alternatives(tiny: SiteData) -> SiteData:
    """The tiny site with the full laser a poor choice for wrinkles, the bare peel its
    alternative, and who performs it."""
    return with_treatment(
        tiny,
        "full-laser",
        limits=[
            Limit(text="It does not smooth deep wrinkles.", concerns=["wrinkles"]),
            Limit(text="It cannot change your skin type."),
        ],
        alternatives=[
            Alternative(treatment="bare-peel", text="A gentler option."),
            Alternative(text="A chemical peel."),
        ],
        practitioner=["dentist", "dental_hygienist"],
    )


@pytest.mark.parametrize("code", ["en", "ar", "zh"])
def test_limits_alternatives_and_practitioner_on_the_treatment_page(
    tiny: SiteData, code: str
) -> None:
    language = load_language(code)
    site = with_limits_and_alternatives(tiny)
    soup = to_html(generate(site, language=language).pages["treatments/full-laser.md"])
    headings = h2_texts(soup)
    can_treat = headings.index(language.t("treatment.what_it_can_treat"))
    assert headings[can_treat + 1 : can_treat + 3] == [
        language.t("treatment.limits"),
        language.t("treatment.alternatives"),
    ]
    limits = [li for el in section(soup, language.t("treatment.limits")) for li in el("li")]
    assert [li.get_text(" ", strip=True).split(" ")[0] for li in limits] == ["It", "It"]
    assert links_from(limits[0], "treatments/full-laser.md") == ["concerns/wrinkles.md"]
    assert site.concerns["wrinkles"].name in limits[0].get_text()
    assert links_from(limits[1], "treatments/full-laser.md") == []
    options = [li for el in section(soup, language.t("treatment.alternatives")) for li in el("li")]
    assert links_from(options[0], "treatments/full-laser.md") == ["treatments/bare-peel.md"]
    assert options[0].get_text() == "Bare peel: A gentler option."
    assert options[1].get_text() == "A chemical peel."
    glance = soup.find("table")
    rows = {tr("td")[0].get_text(): tr("td")[1].get_text() for tr in glance("tr") if tr("td")}
    roles = language.or_list(
        [language.t("practitioner.dentist"), language.t("practitioner.dental_hygienist")]
    )
    assert rows[language.t("key_facts.practitioner")] == roles[0].upper() + roles[1:]


def test_a_concern_page_lists_poor_choices_apart_from_the_treatments_that_may_help(
    tiny: SiteData,
) -> None:
    site = with_limits_and_alternatives(tiny)
    pages = generate(site).pages
    wrinkles = to_html(pages["concerns/wrinkles.md"])
    heading = f"Not a good choice for {site.concerns['wrinkles'].name.lower()}"
    poor = [el for el in section(wrinkles, heading) if el.name == "ul"]
    assert links_from(poor, "concerns/wrinkles.md") == ["treatments/full-laser.md"]
    assert "It does not smooth deep wrinkles." in " ".join(el.get_text() for el in poor)
    may_help = section(wrinkles, h2_texts(wrinkles)[0])
    assert "treatments/full-laser.md" not in links_from(may_help, "concerns/wrinkles.md")
    scars = to_html(pages["concerns/scars.md"])
    assert not [h for h in h2_texts(scars) if h.startswith("Not a good choice")]
