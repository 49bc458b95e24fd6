"""What printing needs in the built HTML: link addresses, the clinic's print header, the print
actions on treatment pages, and the aftercare handouts (their PDFs are in tests/pdf/test_pdf.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from clinicdocs.data.site import SiteData
from clinicdocs.generate.pages import (
    generate,
    handout_uri,
    page_address,
    recovery_uri,
)
from clinicdocs.html.printing import annotate_links, link_address, print_header
from clinicdocs.i18n.language import load_language
from clinicdocs.load import load_site
from clinicdocs.translations.state import site_in_language
from support.projects import ROOT, copy_project, project_languages, run_mkdocs_build


def page(site_dir: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site_dir: Path, url: str) -> Tag:
    found = page(site_dir, url).find("article")
    assert isinstance(found, Tag)
    return found


def words(tag: Tag) -> str:
    """The tag's text on one line, without the headings' "¶" permalinks."""
    return " ".join(tag.get_text(" ").replace("¶", "").split())


@pytest.fixture(scope="module")
def sample() -> SiteData:
    return load_site(ROOT / "data", ROOT, languages=project_languages(ROOT))


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../../concerns/melasma/", "concerns/melasma/"),
        ("../", "treatments/"),
        ("../../", "home page"),
        ("../../glossary/#spf", "glossary/"),
        ("https://example.org/a?b=1", "example.org/a?b=1"),
        ("mailto:desk@example.org", "desk@example.org"),
        ("#aftercare", None),
        ("tel:+442079460123", None),
    ],
)
def test_link_address_is_what_a_reader_can_use(href: str, expected: str | None) -> None:
    assert link_address(href, "treatments/co2-fractional-laser/") == expected


def test_annotate_links_skips_links_that_show_their_address() -> None:
    html = (
        '<p><a href="../../concerns/melasma/">Melasma</a> '
        '<a href="https://example.org/x">example.org/x</a> '
        '<a class="headerlink" href="#x">¶</a></p>'
    )
    out = BeautifulSoup(annotate_links(html, "treatments/t/"), "html.parser")
    melasma, own, anchor = out.find_all("a")
    assert melasma["data-cd-print"] == "concerns/melasma/"
    assert melasma["href"] == "../../concerns/melasma/", "the link itself is unchanged"
    assert not own.has_attr("data-cd-print")
    assert not anchor.has_attr("data-cd-print")


def test_print_header_names_clinic_phone_address_and_review(sample: SiteData) -> None:
    review = sample.treatments["co2-fractional-laser"].review
    header = BeautifulSoup(print_header(sample, "https://x.example/t/", review), "html.parser")
    text = words(header)
    assert sample.clinic.name in text
    assert sample.clinic.phone in text
    assert "x.example/t/" in text
    assert "Not yet reviewed by a clinician (draft)" in text


@pytest.mark.build
def test_every_built_page_has_the_print_header(sample_site: Path, sample: SiteData) -> None:
    for html_file in sorted(sample_site.rglob("*.html")):
        url = html_file.parent.relative_to(sample_site).as_posix()
        # The same pages in the other languages' sites (`ar/`, `zh/`), with the clinic's
        # name in that language.
        code = url.split("/")[0] if url.split("/")[0] in sample.languages[1:] else None
        in_site = url.removeprefix(f"{code}/") if code else url
        clinic = site_in_language(sample, code)[0].clinic if code else sample.clinic
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        if in_site.startswith(("screening/", "consent/")):
            # Staff sheets carry their own header, the handout's, and no print header.
            assert soup.select_one("article .cd-print-header") is None, url
            assert clinic.name in words(soup.select_one(".cd-handout__clinic")), url  # type: ignore[arg-type]
            continue
        if in_site.startswith("handouts/") or html_file.name == "404.html":
            continue  # handouts carry their own header; 404 is not rendered from Markdown
        header = soup.select_one("article .cd-print-only.cd-print-header")
        assert header is not None, url
        assert clinic.name in words(header), url
        assert clinic.phone in words(header), url
        # Material's search removes its exclusion mark once it has left the header out.
        assert "data-search-exclude" not in header.attrs, url


@pytest.mark.build
def test_search_results_never_show_the_print_header(sample_site: Path, sample: SiteData) -> None:
    """The print header is on paper only: no search entry's text holds it (each used to start
    with the clinic's name and phone run into the page's address)."""
    for code in sample.languages:
        folder = sample_site if code == sample.languages[0] else sample_site / code
        clinic = site_in_language(sample, code)[0].clinic
        online = load_language(code).t("print.online")
        index = json.loads((folder / "search" / "search_index.json").read_text("utf-8"))
        assert len(index["docs"]) > 50, code
        for entry in index["docs"]:
            assert online not in entry["text"], (code, entry["location"])
            assert not entry["text"].startswith(clinic.name), (code, entry["location"])


@pytest.mark.build
def test_print_link_addresses_never_climb_folders(sample_site: Path) -> None:
    content = article(sample_site, "treatments/co2-fractional-laser")
    addresses = [a["data-cd-print"] for a in content.find_all("a", attrs={"data-cd-print": True})]
    assert "concerns/acne-scars/" in addresses
    assert all(".." not in address and not address.startswith("/") for address in addresses)


@pytest.mark.build
def test_treatment_page_offers_print_and_its_handout(sample_site: Path, sample: SiteData) -> None:
    for tid in sample.treatments:
        actions = article(sample_site, f"treatments/{tid}").select_one(".cd-actions.cd-no-print")
        assert actions is not None
        button = actions.find("button")
        assert button is not None
        assert words(button) == "Print this page"
        assert "cd-print-button" in button["class"]
        link = actions.find("a")
        assert link is not None
        assert link["href"] == f"../../handouts/{tid}/"
        assert (sample_site / "handouts" / tid / "index.html").is_file()


@pytest.mark.build
def test_handout_has_what_the_sheet_needs(sample_site: Path, sample: SiteData) -> None:
    clinic = sample.clinic
    for tid, treatment in sample.treatments.items():
        handout = article(sample_site, f"handouts/{tid}")
        text = words(handout)
        assert handout.h1 is not None
        assert words(handout.h1) == f"Aftercare: {treatment.name}"
        for needed in (clinic.name, clinic.phone, clinic.email, clinic.emergency.number):
            assert needed in text, (tid, needed)
        assert "Date of treatment:" in text
        assert "Practitioner:" in text
        assert "Last reviewed:" in text
        # Each stage's heading, and the days it covers beside it where the data gives them.
        stages = list(handout.select(".cd-stage h3"))
        days = [h3.select_one(".cd-stage-days") for h3 in stages]
        for h3_days in days:
            if h3_days is not None:
                h3_days.extract()
        assert [words(h3) for h3 in stages] == [stage.when for stage in treatment.aftercare]
        assert [d is not None for d in days] == [
            stage.from_day is not None for stage in treatment.aftercare
        ]
        boxes = handout.select(".cd-checklist li")
        assert len(boxes) == sum(len(s.do) + len(s.avoid) for s in treatment.aftercare)
        help_box = handout.select_one(".cd-handout__help")
        assert help_box is not None
        assert help_box.h2 is not None
        assert words(help_box.h2) == "Call us / seek urgent help if…"
        assert clinic.phone in words(help_box)
        assert clinic.emergency.number in words(help_box)
        for effect in treatment.side_effects:
            if effect.how_common == "common":
                assert effect.name in text
                if effect.how_long:
                    assert effect.how_long.lower() in text.lower()
        qr = handout.select_one("figure.cd-qr svg")
        assert qr is not None, tid
        assert qr.title is not None
        # The code opens the day-by-day page, where the patient gives the date written above.
        address = page_address(str(clinic.site_url), recovery_uri(tid))
        assert words(qr.title) == f"QR code: {address}"
        assert words(handout.select_one("figure.cd-qr figcaption")) == (
            "Scan for your recovery day by day"
        )


@pytest.mark.build
def test_handouts_index_lists_every_handout_and_is_in_the_nav(
    sample_site: Path, sample: SiteData
) -> None:
    lists = article(sample_site, "handouts").select("ul")
    links = [a["href"] for a in lists[0].select("li a")]
    assert links == [f"{tid}/" for tid in sorted(sample.treatments)]
    # Then, for clinic staff, each treatment's screening and consent sheets.
    assert [a["href"] for a in lists[1].select("li a")] == [
        f"../{kind}/{tid}/"
        for tid in sorted(sample.treatments)
        for kind in ("screening", "consent")
    ]
    home = page(sample_site, "")
    nav = [words(a) for a in home.select("nav.md-nav--primary > ul > li > a")]
    nav += [words(label) for label in home.select("nav.md-nav--primary > ul > li > label")]
    assert "Aftercare handouts" in nav
    assert not home.select('nav.md-nav--primary a[href^="handouts/co2"]'), "one entry, not each"


@pytest.mark.build
def test_handouts_without_site_url_have_no_qr_code_and_say_so(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "project")
    clinic = project / "data" / "clinic.yml"
    clinic.write_text(re.sub(r"(?m)^site_url:.*\n", "", clinic.read_text()), encoding="utf-8")
    site = load_site(project / "data", project, languages=project_languages(project))
    generated = generate(site, None, None)
    handout = generated.pages[handout_uri("laser-mesotherapy")]
    assert "<svg" not in handout
    assert "Read more online:** the [Laser mesotherapy](../treatments/laser-mesotherapy.md)" in (
        handout
    )
    assert "No QR codes yet" in generated.pages["handouts/index.md"]
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr


@pytest.mark.build
def test_bare_treatment_handout_still_says_whom_to_call(tiny_site: Path) -> None:
    handout = article(tiny_site, "handouts/bare-peel")
    text = words(handout)
    assert not handout.select(".cd-checklist")
    assert "Side effects" not in text
    help_box = handout.select_one(".cd-handout__help")
    assert help_box is not None
    assert "Call Tiny Test Clinic on +44 20 7946 0999 if anything worries you" in words(help_box)
    assert "Emergency: Call 112 if you cannot breathe." in words(help_box)
    assert "Ask your practitioner what aftercare you need." in text


@pytest.mark.build
def test_build_warns_when_qr_addresses_would_not_exist(tiny_project: Path) -> None:
    config = tiny_project / "mkdocs.yml"
    config.write_text(config.read_text() + "use_directory_urls: false\n", encoding="utf-8")
    result = run_mkdocs_build(tiny_project)
    assert result.returncode == 1, "strict mode turns the warning into a failed build"
    assert "use_directory_urls is false, but the handouts' QR codes link to" in result.stderr
