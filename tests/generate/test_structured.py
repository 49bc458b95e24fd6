"""schema.org JSON-LD and sharing tags: built from the data, parsed back from the built pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from clinicdocs.data.models import Treatment
from clinicdocs.data.site import SiteData
from clinicdocs.generate.render import plain_text, statement_text
from clinicdocs.generate.structured import page_structured_data, script_json, treatment_page
from clinicdocs.load import load_site
from support.projects import FIXTURE_SITE, project_languages, run_mkdocs_build

HOSTILE = '</script><script>alert("x")</script><!-- & --> \u2028'


def soup(site_dir: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def json_ld(site_dir: Path, url: str) -> list[dict[str, object]]:
    """Every JSON-LD object on a built page, parsed."""
    scripts = soup(site_dir, url).find_all("script", type="application/ld+json")
    return [json.loads(script.string) for script in scripts]


@pytest.fixture(scope="module")
def tiny_data() -> SiteData:
    return load_site(FIXTURE_SITE / "data", FIXTURE_SITE)


@pytest.mark.build
def test_reviewed_treatment_page_carries_every_field(tiny_site: Path, tiny_data: SiteData) -> None:
    treatment = tiny_data.treatments["full-laser"]
    [data] = json_ld(tiny_site, "treatments/full-laser")

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == "Full laser"
    assert data["description"] == treatment.summary
    assert data["url"] == "https://example.org/tiny/treatments/full-laser/"
    assert data["audience"] == {"@type": "Patient"}
    assert data["lastReviewed"] == "2026-01-15"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr Test, dermatologist"}
    assert data["publisher"]["@type"] == "MedicalClinic"
    assert data["publisher"]["telephone"] == tiny_data.clinic.phone

    procedure = data["mainEntity"]
    assert procedure["@id"] == "https://example.org/tiny/treatments/full-laser/#treatment"
    assert data["about"] == {"@id": procedure["@id"]}
    assert procedure["@type"] == "TherapeuticProcedure"
    assert procedure["name"] == "Full laser"
    assert procedure["alternateName"] == ["Zapper treatment"]
    assert procedure["procedureType"] == "https://schema.org/NoninvasiveProcedure"
    assert procedure["howPerformed"].startswith(treatment.how_it_works)
    assert "Cleansing: The skin is cleaned." in procedure["howPerformed"]
    assert procedure["preparation"] == "Avoid the sun for 2 weeks."
    assert procedure["followup"] == (
        "First day: Keep it clean. Avoid: Make-up. First month: Use SPF 30."
    )
    # How common each is, in words with its meaning on the five-step scale, then what to do.
    assert procedure["adverseOutcome"] == [
        {
            "@type": "MedicalEntity",
            "name": "Redness",
            "description": "Common (up to 1 in 10 people). Use a cool pack.",
        },
        {
            "@type": "MedicalEntity",
            "name": "Pipe | test",
            "description": "Rare (up to 1 in 1,000 people). Tell us.",
        },
    ]
    # Performed by a doctor or a nurse: nursing is a schema.org specialty; a doctor names none.
    assert procedure["relevantSpecialty"] == ["https://schema.org/Nursing"]
    assert procedure["contraindication"] == [statement_text(s) for s in treatment.not_suitable]
    assert [i["name"] for i in procedure["indication"]] == ["Dark spots", "Scars"]


@pytest.mark.build
def test_draft_treatment_has_no_reviewer_and_no_empty_fields(tiny_site: Path) -> None:
    [data] = json_ld(tiny_site, "treatments/bare-peel")
    assert "reviewedBy" not in data
    assert "lastReviewed" not in data
    procedure = data["mainEntity"]
    assert procedure["@type"] == "TherapeuticProcedure"
    # The bare record has no preparation, side effects or procedure type: left out, not empty.
    for absent in ("preparation", "followup", "adverseOutcome", "procedureType", "alternateName"):
        assert absent not in procedure


@pytest.mark.build
def test_sample_treatments_describe_procedures(sample_site: Path) -> None:
    data_dir = sample_site.parent / "data"
    site = load_site(data_dir, sample_site.parent, languages=project_languages(sample_site.parent))
    for tid, treatment in site.treatments.items():
        [data] = json_ld(sample_site, f"treatments/{tid}")
        assert data["@type"] == "MedicalWebPage", tid
        assert data["mainEntity"]["@type"] == "TherapeuticProcedure", tid
        assert data["mainEntity"]["name"] == treatment.name
        assert data["description"] == plain_text(treatment.summary)
        assert data["url"] == f"https://riverside-skin.example.org/patient-info/treatments/{tid}/"
        expected_type = treatment.procedure_type and "NoninvasiveProcedure"
        assert data["mainEntity"].get("procedureType", "").endswith(expected_type or ""), tid


@pytest.mark.build
def test_concern_pages_describe_conditions_where_marked(tiny_site: Path) -> None:
    [scars] = json_ld(tiny_site, "concerns/scars")
    assert scars["@type"] == "MedicalWebPage"
    assert scars["mainEntity"]["@type"] == "MedicalCondition"
    assert scars["mainEntity"]["possibleTreatment"] == [
        {
            "@type": "TherapeuticProcedure",
            "name": "Bare peel",
            "url": "https://example.org/tiny/treatments/bare-peel/",
        },
        {
            "@type": "TherapeuticProcedure",
            "name": "Full laser",
            "url": "https://example.org/tiny/treatments/full-laser/",
        },
    ]
    # Wrinkles is not marked as a medical condition: the page is about a plain Thing.
    [wrinkles] = json_ld(tiny_site, "concerns/wrinkles")
    assert wrinkles["about"] == {"@id": "https://example.org/tiny/concerns/wrinkles/#concern"}
    assert wrinkles["mainEntity"] == {
        "@id": "https://example.org/tiny/concerns/wrinkles/#concern",
        "@type": "Thing",
        "name": "Wrinkles",
        "description": "Lines in the skin.",
    }


@pytest.mark.build
def test_glossary_is_a_defined_term_set(tiny_site: Path, tiny_data: SiteData) -> None:
    [data] = json_ld(tiny_site, "glossary")
    assert data["@type"] == "DefinedTermSet"
    assert data["url"] == "https://example.org/tiny/glossary/"
    assert tiny_data.glossary is not None
    expected = {t.term: t.definition for t in tiny_data.glossary.terms}
    terms = data["hasDefinedTerm"]
    assert {t["name"]: t["description"] for t in terms} == expected
    assert {t["@type"] for t in terms} == {"DefinedTerm"}


@pytest.mark.build
def test_other_pages_have_no_json_ld(tiny_site: Path) -> None:
    for url in ("", "treatments", "concerns"):
        assert json_ld(tiny_site, url) == [], url


def test_hostile_text_cannot_leave_the_script_element(tiny_data: SiteData) -> None:
    """Validation refuses markup in data; the JSON escaping must hold even if it did not."""
    real = tiny_data.treatments["full-laser"]
    hostile = Treatment.model_construct(
        **{**dict(real), "name": HOSTILE, "summary": HOSTILE, "also_known_as": [HOSTILE]}
    )
    text = script_json(treatment_page(hostile, tiny_data, "https://example.org/x/"))
    for forbidden in ("<", ">", "&", "\u2028"):
        assert forbidden not in text
    page = BeautifulSoup(
        f'<head><script type="application/ld+json">{text}</script></head>', "html.parser"
    )
    [script] = page.find_all("script")
    parsed = json.loads(script.string)
    assert parsed["name"] == HOSTILE
    assert parsed["mainEntity"]["alternateName"] == [HOSTILE]


def test_structured_data_needs_no_mkdocs(tiny_data: SiteData) -> None:
    data = page_structured_data(tiny_data, "treatments/full-laser.md")
    assert data is not None
    assert "url" not in data  # no address given: no URL invented
    assert data["mainEntity"]["@id"] == "#treatment"  # relative to the page's own address
    assert page_structured_data(tiny_data, "treatments/index.md") is None


def meta(head: Tag, **attrs: str) -> str:
    found = head.find_all("meta", attrs=attrs)
    assert len(found) == 1, attrs
    return str(found[0]["content"])


@pytest.mark.build
def test_treatment_pages_have_sharing_tags(sample_site: Path) -> None:
    project = sample_site.parent
    site = load_site(project / "data", project, languages=project_languages(project))
    for tid, treatment in site.treatments.items():
        head = soup(sample_site, f"treatments/{tid}").head
        assert head is not None
        canonical = head.find("link", rel="canonical")
        assert canonical is not None
        description = plain_text(treatment.summary)
        assert meta(head, name="description") == description
        assert meta(head, property="og:title") == treatment.name
        assert meta(head, property="og:description") == description
        assert meta(head, property="og:url") == canonical["href"]
        assert meta(head, property="og:type") == "article"
        assert meta(head, name="twitter:card") == "summary"
        assert meta(head, name="twitter:title") == treatment.name
        assert meta(head, name="twitter:description") == description


@pytest.mark.build
def test_sharing_tags_keep_quotes_inside_attributes(tiny_project: Path) -> None:
    """A name with quotes must not break out of `content="..."` (MkDocs does not autoescape)."""
    record = tiny_project / "data/treatments/full-laser.yml"
    name = 'The "Zap" & glow laser'
    record.write_text(
        record.read_text().replace("name: Full laser", f"name: '{name}'"), encoding="utf-8"
    )
    result = run_mkdocs_build(tiny_project)
    assert result.returncode == 0, result.stderr

    head = soup(tiny_project / "site", "treatments/full-laser").head
    assert head is not None
    assert meta(head, property="og:title") == name
    assert meta(head, name="twitter:title") == name
    # The clinic's name is the site's name (clinic.yml's `name` replaces mkdocs.yml's site_name).
    assert meta(head, property="og:site_name") == "Tiny Test Clinic"
    [data] = [json.loads(s.string) for s in head.find_all("script", type="application/ld+json")]
    assert data["name"] == name
    home = soup(tiny_project / "site", "").head
    assert home is not None
    assert meta(home, property="og:type") == "website"
    assert meta(home, property="og:title") == "Tiny Test Clinic"
