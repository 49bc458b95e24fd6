"""The built sites: what a patient's browser receives, parsed with BeautifulSoup.

`sample_site` and `tiny_site` are built once per run (conftest.py). One more build of the sample
project captures MkDocs' output and the project's files before and after, which the session
fixture does not keep.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, Tag

from clinicdocs.data.models import GeneralAdvice, Treatment
from clinicdocs.data.site import SiteData
from clinicdocs.generate.glossary import arabic_forms
from clinicdocs.load import load_site
from clinicdocs.translations.state import site_in_language
from support.content import TREATMENT_SECTIONS, count_general_advice, elements_after
from support.projects import ROOT, copy_project, project_languages, run_mkdocs_build

pytestmark = pytest.mark.build

SECTIONS = TREATMENT_SECTIONS
GENERAL_ADVICE_LABEL = "(general safety advice)"
# Where a hover explanation is not wanted: inside a link a tap must follow the link, and headings,
# FAQ titles and code are left as written.
NO_HOVER = [
    "a",
    "abbr",
    "code",
    "pre",
    "script",
    "style",
    "summary",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    # The treatment finder's choices: an <option> holds text only, never an <abbr>.
    "option",
]


@dataclass(frozen=True)
class Build:
    """A build's captured output and the project's files (path -> digest) around it."""

    result: subprocess.CompletedProcess[str]
    before: dict[str, str]
    after: dict[str, str]


def snapshot(project: Path) -> dict[str, str]:
    """Every file in the project except the built site, with a digest of its content."""
    return {
        path.relative_to(project).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(project.rglob("*"))
        if path.is_file() and path.relative_to(project).parts[0] != "site"
    }


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The sample project built once more, with its output and file snapshots kept."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("sample-output") / "project")
    before = snapshot(project)
    result = run_mkdocs_build(project)
    return Build(result, before, snapshot(project))


@functools.cache
def data_of(site_dir: Path) -> SiteData:
    """The data a built site was made from (the project next to `site/`)."""
    project = site_dir.parent
    return load_site(project / "data", project, languages=project_languages(project))


@functools.cache
def html(path: Path) -> BeautifulSoup:
    """A built page, parsed once. Tests must not change the tree."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site_dir: Path, url: str) -> BeautifulSoup:
    """The page MkDocs serves at `url` (directory URLs), e.g. `treatments/full-laser/`."""
    return html(site_dir / url / "index.html")


def article(site_dir: Path, url: str) -> Tag:
    found = page(site_dir, url).select_one("article.md-content__inner")
    assert found is not None, f"{url}: no article"
    return found


def text_of(tag: Tag) -> str:
    """A tag's visible text without the `¶` permalinks, whitespace collapsed."""
    parts = [
        s
        for s in tag.find_all(string=True)
        if not isinstance(s, Comment) and not s.find_parent("a", class_="headerlink")
    ]
    return " ".join("".join(parts).split())


def h2s(site_dir: Path, url: str) -> list[str]:
    return [text_of(h) for h in article(site_dir, url).find_all("h2")]


def section(site_dir: Path, url: str, heading: str) -> list[Tag]:
    """The elements between the `<h2>` named `heading` and the next `<h2>`."""
    h2 = next(h for h in article(site_dir, url).find_all("h2") if text_of(h) == heading)
    return elements_after(h2)


def targets(url: str, tags: list[Tag] | Tag) -> list[str]:
    """Where the internal links inside `tags` lead, as site URLs such as `concerns/scars/`."""
    out = []
    for tag in tags if isinstance(tags, list) else [tags]:
        for a in tag.find_all("a", href=True):
            href = a["href"]
            if re.match(r"[a-z]+:", href) or href.startswith("#"):
                continue
            resolved = posixpath.normpath(posixpath.join(url, href.split("#")[0]))
            out.append("" if resolved == "." else resolved + "/")
    return out


def expected_sections(treatment: Treatment) -> list[str]:
    """The sections a treatment's page must show: the required ones and each filled optional."""
    filled = {
        "What it cannot do": treatment.limits,
        "Other options": treatment.alternatives,
        "Who it suits": treatment.suits,
        "Who should not have it": treatment.not_suitable or treatment.cautions,
        "Before your treatment": treatment.before,
        "On the day": treatment.on_the_day,
        "Side effects": treatment.side_effects,
        "Aftercare": treatment.aftercare,
        "Questions people ask": treatment.faq,
        "Sources": treatment.sources,
    }
    return [name for name in SECTIONS if filled.get(name, True)]


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def source_pages(site_dir: Path, data: SiteData) -> list[Path]:
    """The source language's pages: not those of the other languages' sites (`ar/`, `zh/`)."""
    return [
        path
        for path in html_pages(site_dir)
        if path.relative_to(site_dir).parts[0] not in data.languages[1:]
    ]


def test_strict_build_prints_no_warnings(sample_build: Build) -> None:
    output = sample_build.result.stdout + sample_build.result.stderr
    assert sample_build.result.returncode == 0, output
    warnings = [line for line in output.splitlines() if "WARNING" in line]
    assert warnings == []
    assert "Documentation built" in output, "the captured output is MkDocs' log"
    assert 'not included in the "nav"' not in output


def test_build_writes_nothing_outside_site(sample_build: Build) -> None:
    docs_before = sorted(path for path in sample_build.before if path.startswith("docs/"))
    docs_after = sorted(path for path in sample_build.after if path.startswith("docs/"))
    assert docs_before, "the snapshot saw the hand-written pages"
    assert docs_after == docs_before
    assert sample_build.after == sample_build.before


def test_one_page_per_treatment_and_concern(sample_site: Path) -> None:
    data = data_of(sample_site)
    for tid, treatment in data.treatments.items():
        assert text_of(article(sample_site, f"treatments/{tid}").h1) == treatment.name
    for cid, concern in data.concerns.items():
        assert text_of(article(sample_site, f"concerns/{cid}").h1) == concern.name


def test_full_and_bare_treatments_show_exactly_their_sections(tiny_site: Path) -> None:
    assert h2s(tiny_site, "treatments/full-laser") == SECTIONS
    assert h2s(tiny_site, "treatments/bare-peel") == [
        "What it is",
        "How it works",
        "What it can treat",
        "When to get help",
        "Last reviewed",
    ]


def test_sample_treatments_show_their_sections_in_order(sample_site: Path) -> None:
    for tid, treatment in data_of(sample_site).treatments.items():
        url = f"treatments/{tid}"
        assert h2s(sample_site, url) == expected_sections(treatment), tid
        for heading in h2s(sample_site, url):
            content = section(sample_site, url, heading)
            assert any(text_of(el) for el in content), f"{tid}: '{heading}' is empty"


def statement_text(item: object) -> str:
    """What a list item shows: the statement, and the label when it is general advice."""
    if isinstance(item, GeneralAdvice):
        return f"{item.text} {GENERAL_ADVICE_LABEL}"
    return str(item)


def test_lists_show_each_statement_as_one_item(sample_site: Path) -> None:
    for tid, treatment in data_of(sample_site).treatments.items():
        url = f"treatments/{tid}"
        for heading, items in (
            ("Who it suits", treatment.suits),
            ("Before your treatment", treatment.before),
        ):
            if not items:
                continue
            (ul,) = [el for el in section(sample_site, url, heading) if el.name == "ul"]
            shown = [text_of(li) for li in ul.find_all("li", recursive=False)]
            assert shown == [" ".join(statement_text(i).split()) for i in items], (tid, heading)
        if treatment.on_the_day:
            (ol,) = [el for el in section(sample_site, url, "On the day") if el.name == "ol"]
            titles = [text_of(li.strong) for li in ol.find_all("li", recursive=False)]
            assert titles == [step.title for step in treatment.on_the_day], tid
        if treatment.aftercare:
            # The section also holds the day-by-day view (recovery.js) before its timeline.
            (timeline,) = [
                el
                for el in section(sample_site, url, "Aftercare")
                if el.name == "div" and "cd-timeline" in el.get("class", [])
            ]
            shown = [text_of(li) for li in timeline.find_all("li")]
            expected = [
                " ".join(statement_text(i).split())
                for stage in treatment.aftercare
                for i in (*stage.do, *stage.avoid)
            ]
            assert shown == expected, tid


def test_side_effects_are_a_table(tiny_site: Path) -> None:
    # The table sits in a `cd-cards` wrapper; each row's first cell is its header (<th>).
    (table,) = [
        t
        for el in section(tiny_site, "treatments/full-laser", "Side effects")
        for t in el.find_all("table")
    ]
    assert [text_of(th) for th in table.thead.find_all("th")] == [
        "Side effect",
        "How common",
        "How long it lasts",
        "What to do",
    ]
    rows = [[text_of(c) for c in tr.find_all(["th", "td"])] for tr in table.tbody.find_all("tr")]
    assert {td["data-label"] for td in table.tbody.find_all("td")} == {
        "How common",
        "How long it lasts",
        "What to do",
    }
    assert rows == [
        [
            "Redness",
            "Common (up to 1 in 10 people)",
            "A few hours",
            "Use a cool pack. Contact us if it lasts more than 3 days.",
        ],
        ["Pipe | test", "Rare (up to 1 in 1,000 people)", "Not stated", "Tell us."],
    ]


def test_aftercare_is_a_timeline(sample_site: Path, tiny_site: Path) -> None:
    for site_dir in (sample_site, tiny_site):
        for tid, treatment in data_of(site_dir).treatments.items():
            if not treatment.aftercare:
                continue
            content = section(site_dir, f"treatments/{tid}", "Aftercare")
            (timeline,) = [el for el in content if "cd-timeline" in el.get("class", [])]
            stages = [text_of(h3) for h3 in timeline.find_all("h3")]
            assert stages == [stage.when for stage in treatment.aftercare], tid


def test_when_to_get_help_box_has_both_numbers(sample_site: Path, tiny_site: Path) -> None:
    for site_dir in (sample_site, tiny_site):
        data = data_of(site_dir)
        phone = "tel:" + re.sub(r"[^0-9+]", "", data.clinic.phone)
        emergency = "tel:" + data.clinic.emergency.number
        for tid in data.treatments:
            content = section(site_dir, f"treatments/{tid}", "When to get help")
            boxes = [el for el in content if "cd-help" in el.get("class", [])]
            # The clinic's number in the boxes of the levels before an emergency; the emergency
            # number in the last box, the emergency's, always there.
            assert {"admonition", "danger"} <= set(boxes[-1]["class"]), tid
            *clinic_boxes, emergency_box = boxes
            assert clinic_boxes, tid
            for box in clinic_boxes:
                links = {a["href"]: text_of(a) for a in box.find_all("a")}
                assert links == {phone: data.clinic.phone}, tid
            links = {a["href"]: text_of(a) for a in emergency_box.find_all("a")}
            assert links == {emergency: data.clinic.emergency.number}, tid


def test_questions_are_collapsible(sample_site: Path, tiny_site: Path) -> None:
    for site_dir in (sample_site, tiny_site):
        for tid, treatment in data_of(site_dir).treatments.items():
            if not treatment.faq:
                continue
            content = section(site_dir, f"treatments/{tid}", "Questions people ask")
            details = [el for el in content if el.name == "details"]
            assert [text_of(d.summary) for d in details] == [qa.question for qa in treatment.faq]
            assert not any(d.has_attr("open") for d in details), "answers start folded"
    summaries = [text_of(d.summary) for d in article(tiny_site, "treatments/full-laser")("details")]
    assert 'Does it "hurt"?' in summaries


def test_draft_notice_and_review_details(sample_site: Path, tiny_site: Path) -> None:
    for site_dir in (sample_site, tiny_site):
        for tid, treatment in data_of(site_dir).treatments.items():
            body = article(site_dir, f"treatments/{tid}")
            notices = [
                box
                for box in body.select("div.admonition.warning")
                if "Draft" in text_of(box.select_one(".admonition-title"))
            ]
            assert len(notices) == (treatment.review.status == "draft"), tid
            if notices:
                assert notices[0].find_previous("h2") is None, f"{tid}: notice not at the top"
    reviewed = " ".join(
        text_of(el) for el in section(tiny_site, "treatments/full-laser", "Last reviewed")
    )
    assert "Last reviewed: 15 January 2026, by Dr Test, dermatologist" in reviewed
    assert "Next review due: 15 January 2029" in reviewed
    assert "Draft" not in text_of(article(tiny_site, "treatments/full-laser"))


def test_general_advice_is_labelled_and_explained(sample_site: Path, tiny_site: Path) -> None:
    for site_dir in (sample_site, tiny_site):
        for tid, treatment in data_of(site_dir).treatments.items():
            body = article(site_dir, f"treatments/{tid}")
            labels = [em for em in body.find_all("em") if text_of(em) == GENERAL_ADVICE_LABEL]
            assert len(labels) == count_general_advice(treatment), tid
            footnote = [
                p
                for p in body.find_all("p")
                if text_of(p).startswith('Points marked "general safety advice"')
            ]
            assert len(footnote) == (1 if labels else 0), tid
    full = article(tiny_site, "treatments/full-laser")
    item = next(li for li in full.find_all("li") if "infection in the area" in text_of(li))
    assert text_of(item).endswith(GENERAL_ADVICE_LABEL)


def test_summary_is_the_meta_description(sample_site: Path) -> None:
    data = data_of(sample_site)
    records = [(f"treatments/{tid}", t.summary) for tid, t in data.treatments.items()]
    records += [(f"concerns/{cid}", c.summary) for cid, c in data.concerns.items()]
    for url, summary in records:
        metas = page(sample_site, url).find_all("meta", attrs={"name": "description"})
        assert [m["content"] for m in metas] == [summary], url


def test_clinic_site_url_gives_canonical_addresses(sample_site: Path, tiny_site: Path) -> None:
    # The sample clinic.yml sets site_url; the tiny fixture sets only mkdocs.yml's.
    for site_dir, base in (
        (sample_site, "https://riverside-skin.example.org/patient-info/"),
        (tiny_site, "https://example.org/tiny/"),
    ):
        for tid in data_of(site_dir).treatments:
            canonical = page(site_dir, f"treatments/{tid}").find("link", rel="canonical")
            assert canonical is not None
            assert canonical["href"] == f"{base}treatments/{tid}/"


def test_concern_pages_link_their_treatments(sample_site: Path, tiny_site: Path) -> None:
    for site_dir in (sample_site, tiny_site):
        data = data_of(site_dir)
        for cid in data.concerns:
            url = f"concerns/{cid}/"
            linked = [
                t
                for t in targets(url, article(site_dir, url))
                if t.startswith("treatments/") and t != "treatments/"
            ]
            expected = [f"treatments/{tid}/" for tid, _ in data.treatments_for(cid)]
            assert linked == expected, cid
    assert "No treatments for this concern" in text_of(article(tiny_site, "concerns/wrinkles"))


def test_treatment_pages_link_back_to_their_concerns(sample_site: Path, tiny_site: Path) -> None:
    for site_dir in (sample_site, tiny_site):
        for tid, treatment in data_of(site_dir).treatments.items():
            url = f"treatments/{tid}/"
            linked = targets(url, section(site_dir, url, "What it can treat"))
            assert linked == [f"concerns/{cid}/" for cid in treatment.concerns], tid


def test_treatments_index_compares_key_facts(tiny_site: Path, sample_site: Path) -> None:
    table = article(tiny_site, "treatments").find("table")
    assert [text_of(th) for th in table.thead.find_all("th")] == [
        "Treatment",
        "Sessions",
        "Time between sessions",
        "Length of a session",
        "Numbing",
        "Downtime",
        "When results show",
        "How long results last",
    ]
    rows = {
        text_of(tr.th): [text_of(td) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    }
    assert rows == {
        "Bare peel": ["Not stated"] * 7,
        "Full laser": [
            "3 to 5",
            "4 weeks",
            "30 minutes",
            "Numbing cream or gel",
            "2 days",
            "2 weeks",
            "Several months",
        ],
    }
    data = data_of(sample_site)
    sample_table = article(sample_site, "treatments").find("table")
    linked = targets("treatments/", sample_table)
    assert sorted(linked) == sorted(f"treatments/{tid}/" for tid in data.treatments)


def test_category_pages_list_their_treatments(sample_site: Path) -> None:
    data = data_of(sample_site)
    by_category: dict[str, set[str]] = {}
    for tid, treatment in data.treatments.items():
        by_category.setdefault(treatment.category, set()).add(f"treatments/{tid}/")
    category_pages = sorted(
        p.parent.name for p in (sample_site / "categories").glob("*/index.html")
    )
    assert len(category_pages) == len(by_category)
    for slug in category_pages:
        url = f"categories/{slug}/"
        name = text_of(article(sample_site, url).h1)
        linked = {
            t
            for t in targets(url, article(sample_site, url))
            if t.startswith("treatments/") and t != "treatments/"
        }
        assert linked == by_category[name], slug


def nav_tree(items: Tag) -> list[tuple[str, str | None, list]]:  # type: ignore[type-arg]
    """The primary navigation as (title, link or None, children) from its `<ul>`."""
    out = []
    for li in items.find_all("li", class_="md-nav__item", recursive=False):
        link = li.find("a", class_="md-nav__link")
        label = li.find(class_="md-nav__link")
        href = link["href"] if link is not None and link.find_parent("li") is li else None
        child = li.find("nav", class_="md-nav")
        child_list = child.find("ul", class_="md-nav__list") if child is not None else None
        children = (
            nav_tree(child_list)
            if child_list is not None and "md-nav--secondary" not in child.get("class", [])
            else []
        )
        out.append((text_of(label), href, children))
    return out


def test_navigation_groups_treatments_by_category(tiny_site: Path) -> None:
    """The tiny site does not prune its navigation: its home page shows the whole tree."""
    for site_dir in (tiny_site,):
        data = data_of(site_dir)
        soup = page(site_dir, "")
        primary = soup.select_one("nav.md-nav--primary > ul.md-nav__list")
        tree = nav_tree(primary)
        (treatments,) = [children for title, _, children in tree if title == "Treatments"]
        names = {t.name for t in data.treatments.values()}
        # Under "Treatments": the overview, then one section per category holding its treatments.
        assert not [title for title, _, _ in treatments if title in names], "flat treatment list"
        sections = {title: children for title, _, children in treatments if children}
        expected: dict[str, list[str]] = {}
        for treatment in sorted(data.treatments.values(), key=lambda t: t.name.casefold()):
            expected.setdefault(treatment.category, []).append(treatment.name)
        assert {
            title: [t for t, _, _ in children if t in names] for title, children in sections.items()
        } == expected
        top = [title for title, _, _ in tree if title != "Home"]
        assert top[:2] == ["Treatments", "Concerns"]


def primary_nav(site_dir: Path, url: str) -> list[tuple[str, str | None, list]]:  # type: ignore[type-arg]
    primary = page(site_dir, url).select_one("nav.md-nav--primary > ul.md-nav__list")
    assert primary is not None, url
    return nav_tree(primary)


def test_pruned_navigation_shows_the_current_category(sample_site: Path) -> None:
    """With `navigation.prune` (mkdocs.yml), a treatment page's sidebar lists every category,
    the treatments of its own category only, and the other sections as single links, so a page's
    size does not grow with the catalogue (handbook, Performance); every treatment is still one
    click from its category page, which the sidebar links."""
    data = data_of(sample_site)
    categories = {t.category for t in data.treatments.values()}
    by_category: dict[str, list[str]] = {}
    for treatment in sorted(data.treatments.values(), key=lambda t: t.name.casefold()):
        by_category.setdefault(treatment.category, []).append(treatment.name)
    seen: dict[str, list[str]] = {}
    for tid, treatment in data.treatments.items():
        url = f"treatments/{tid}/"
        tree = primary_nav(sample_site, url)
        (treatments,) = [children for title, _, children in tree if title == "Treatments"]
        sections = {title: (href, children) for title, href, children in treatments}
        assert categories <= set(sections), url
        for name in categories - {treatment.category}:
            href, children = sections[name]
            assert children == [], f"{url}: category {name!r} is not pruned"
            assert href is not None
            assert posixpath.normpath(posixpath.join(url, href)).startswith("categories/")
        _, children = sections[treatment.category]
        seen[treatment.category] = [t for t, _, _ in children if t != treatment.category]
        # Other tabs (concerns, glossary, handouts) are one link each, not their whole lists.
        for title, href, children in tree:
            if title not in ("Treatments", "Home"):
                assert children == [], f"{url}: {title!r} is not pruned"
                assert href is not None, f"{url}: {title!r} has no link"
    assert seen == by_category


def test_pages_outside_the_navigation_carry_no_catalogue(sample_site: Path) -> None:
    """A handout is not in the navigation; its sidebar is only the top-level sections."""
    data = data_of(sample_site)
    names = {t.name for t in data.treatments.values()}
    for tid in data.treatments:
        tree = primary_nav(sample_site, f"handouts/{tid}/")
        assert all(children == [] for _, _, children in tree)
        assert not names & {title for title, _, _ in tree}


def test_glossary_page_lists_every_term(sample_site: Path) -> None:
    glossary = data_of(sample_site).glossary
    assert glossary is not None
    assert len(glossary.terms) >= 12
    dts = [text_of(dt) for dt in article(sample_site, "glossary").find_all("dt")]
    assert len(dts) == len(glossary.terms)
    for term in glossary.terms:
        shown = term.term + (f" ({', '.join(term.also)})" if term.also else "")
        assert shown in dts


def glossary_spellings(data: SiteData, language: str | None = None) -> dict[str, str]:
    """Each spelling a reader may meet (as written, lower-case, capitalised; in Arabic also with
    the words written onto its front, `arabic_forms`) and its definition. A term with capitals
    inside (SPF) is only expected as written."""
    out: dict[str, str] = {}
    assert data.glossary is not None
    for term in data.glossary.terms:
        definition = " ".join(term.definition.split())
        for spelling in (term.term, *term.also):
            out[spelling] = definition
            if not any(ch.isupper() for ch in spelling[1:]):
                out[spelling.lower()] = definition
                out[spelling[0].upper() + spelling[1:]] = definition
            if language == "ar":
                for form in arabic_forms(spelling):
                    out.setdefault(form, definition)
    return out


def test_glossary_terms_explained_on_hover_wherever_they_appear(sample_site: Path) -> None:
    data = data_of(sample_site)
    spellings = glossary_spellings(data)
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
        + r")(?![\w-])"
    )
    # The other languages' sites explain their own glossary's terms.
    for code in data.languages[1:]:
        translated = glossary_spellings(site_in_language(data, code)[0], code)
        explained = 0
        for path in html_pages(sample_site / code):
            for abbr in html(path).select("article.md-content__inner abbr"):
                assert abbr.get("title") == translated.get(text_of(abbr)), (path, text_of(abbr))
                explained += 1
        assert explained >= 5, code
    explained_pages = 0
    for path in source_pages(sample_site, data):
        body = html(path).select_one("article.md-content__inner")
        if body is None:
            continue
        abbrs = body.find_all("abbr")
        for abbr in abbrs:
            assert abbr.get("title") == spellings.get(text_of(abbr)), (path, text_of(abbr))
        explained_pages += bool(abbrs)
        for node in body.find_all(string=True):
            if isinstance(node, Comment) or node.find_parent(NO_HOVER):
                continue
            unexplained = pattern.findall(str(node))
            assert not unexplained, f"{path.relative_to(sample_site)}: {unexplained} in {node!r}"
    assert explained_pages >= 5


def test_hover_explanations_on_a_hand_written_page(tiny_project: Path) -> None:
    (tiny_project / "docs" / "skin-notes.md").write_text(
        "# Skin notes\n\nCollagen keeps skin firm. Dark marks (PIH) can follow a laser.\n",
        encoding="utf-8",
    )
    result = run_mkdocs_build(tiny_project)
    assert result.returncode == 0, result.stderr
    body = html(tiny_project / "site" / "skin-notes" / "index.html").select_one("article")
    hovers = {text_of(a): a["title"] for a in body.find_all("abbr")}
    assert hovers == {
        "Collagen": "A protein that keeps skin firm.",
        "PIH": "Dark marks left after skin has been irritated.",
    }


def test_generated_pages_get_hover_explanations(tiny_site: Path) -> None:
    body = article(tiny_site, "treatments/full-laser")
    hovers = {text_of(a): a["title"] for a in body.find_all("abbr")}
    assert hovers["collagen"] == "A protein that keeps skin firm."
    assert hovers["PIH"] == "Dark marks left after skin has been irritated."


def test_every_page_footer_has_disclaimer_and_clinic(sample_site: Path, tiny_site: Path) -> None:
    for site_dir in (sample_site, tiny_site):
        data = data_of(site_dir)
        # Each language's site (`ar/`, `zh/`) has the clinic's texts in its language.
        for code in data.languages:
            clinic = site_in_language(data, code)[0].clinic
            disclaimer = " ".join(clinic.disclaimer.split())
            phone = "tel:" + re.sub(r"[^0-9+]", "", clinic.phone)
            folder = site_dir if code == data.languages[0] else site_dir / code
            pages = source_pages(folder, data)
            assert len(pages) > 5
            for path in pages:
                footer = html(path).find("footer")
                assert footer is not None, path
                assert disclaimer in text_of(footer), path
                assert clinic.name in text_of(footer), path
                assert footer.find("a", href=phone) is not None, path


def test_home_page(sample_site: Path) -> None:
    data = data_of(sample_site)
    home = page(sample_site, "")
    body = article(sample_site, "")
    assert text_of(body.h1)
    intro = body.h1.find_next_sibling("p")
    assert intro is not None
    assert "treatments" in text_of(intro)
    form = body.find("form", attrs={"role": "search"})
    assert form is not None
    assert form.find("input", attrs={"name": "q", "type": "search"}) is not None
    linked = targets("", body)
    assert {f"concerns/{cid}/" for cid in data.concerns} <= set(linked)
    assert {f"treatments/{tid}/" for tid in data.treatments} <= set(linked)
    assert "clinicdocs:" not in str(home), "a block marker was left unfilled"
    cards = body.select(".cd-browse li")
    assert len(cards) == len(data.concerns)
    acne = next(li for li in cards if "Acne scars" in text_of(li))
    assert text_of(acne) == "Acne scars Pitted scars, scars from spots"
