"""schema.org structured data (JSON-LD) for search engines, built from the validated records.

Treatment pages describe a `MedicalWebPage` about a `TherapeuticProcedure`; concern pages a
`MedicalWebPage` about a `MedicalCondition` (or a plain `Thing` when the concern is a cosmetic
wish, not a condition); the glossary a `DefinedTermSet`. Nothing here knows MkDocs: the plugin
only asks for a page's data and puts the escaped JSON into the page's `<head>`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from clinicdocs.data.models import AftercareStage, Clinic, Concern, Glossary, Treatment, name_order
from clinicdocs.data.site import SiteData
from clinicdocs.generate.pages import GLOSSARY, concern_uri, treatment_uri
from clinicdocs.generate.render import plain_text, statement_text, upper_first
from clinicdocs.i18n.language import Language, english

SCHEMA_ORG = "https://schema.org"
SPECIALTIES = {
    "dermatologist": "Dermatology",
    "plastic_surgeon": "PlasticSurgery",
    "nurse": "Nursing",
    "dentist": "Dentistry",
    "dental_hygienist": "Dentistry",
    "dental_therapist": "Dentistry",
    "physiotherapist": "Physiotherapy",
}
"""schema.org's `MedicalSpecialty` of each practitioner role that has one (a doctor, an aesthetic
practitioner or a beauty therapist names none): a procedure's `relevantSpecialty`."""

PROCEDURE_TYPES = {
    "noninvasive": f"{SCHEMA_ORG}/NoninvasiveProcedure",
    "percutaneous": f"{SCHEMA_ORG}/PercutaneousProcedure",
    "surgical": f"{SCHEMA_ORG}/SurgicalProcedure",
}
"""`Treatment.procedure_type` -> the schema.org `MedicalProcedureType` it stands for."""

JsonObject = dict[str, Any]


def page_structured_data(
    site: SiteData,
    page_uri: str,
    address: Callable[[str], str | None] = lambda uri: None,
    language: Language | None = None,
) -> JsonObject | None:
    """The JSON-LD object for a generated page, or None for pages that describe no record.

    Args:
        site: validated data.
        page_uri: the page's source path, e.g. `treatments/laser-mesotherapy.md`.
        address: a page's public address (canonical URL) from its source path, or None when
            the site has no public address.
        language: the language of the few words the data does not provide (default English).
    """
    lang = language or english()
    page_url = address(page_uri)
    # Looked up by id, not by scanning every record: this runs for every page of the site.
    record_id = page_uri.rpartition("/")[2].removesuffix(".md")
    treatment = site.treatments.get(record_id)
    if treatment is not None and treatment_uri(record_id) == page_uri:
        return treatment_page(treatment, site, page_url, lang)
    concern = site.concerns.get(record_id)
    if concern is not None and concern_uri(record_id) == page_uri:
        treatments = [(t, address(treatment_uri(tid))) for tid, t in site.treatments_for(record_id)]
        return concern_page(concern, site.clinic, page_url, treatments)
    if page_uri == GLOSSARY and site.glossary is not None:
        return glossary_page(site.glossary, page_url, lang)
    return None


def treatment_page(
    treatment: Treatment, site: SiteData, page_url: str | None, language: Language | None = None
) -> JsonObject:
    """A `MedicalWebPage` whose main entity is the treatment, as a `TherapeuticProcedure`."""
    lang = language or english()
    procedure: JsonObject = {
        "@type": "TherapeuticProcedure",
        "name": treatment.name,
        "alternateName": list(treatment.also_known_as),
        "description": plain_text(treatment.summary),
        "howPerformed": _join(
            [plain_text(treatment.how_it_works)]
            + [
                f"{step.title}: {plain_text(step.detail)}" if step.detail else step.title
                for step in treatment.on_the_day
            ]
        ),
        "preparation": _join(_texts(treatment.before)),
        "followup": _join(_aftercare_stage(stage, lang) for stage in treatment.aftercare),
        "adverseOutcome": [
            {
                "@type": "MedicalEntity",
                "name": effect.name,
                "description": _join(
                    [
                        upper_first(
                            lang.full_stop(
                                lang.t(
                                    "treatment.how_common_meaning",
                                    frequency=lang.t(f"how_common.{effect.how_common}"),
                                    meaning=lang.t(f"frequency.{effect.how_common}"),
                                )
                            )
                        ),
                        plain_text(effect.what_to_do) if effect.what_to_do else "",
                    ]
                ),
            }
            for effect in treatment.side_effects
        ],
        "contraindication": _texts(treatment.not_suitable),
        "indication": [
            {"@type": "MedicalIndication", "name": site.concerns[cid].name}
            for cid in treatment.concerns
            if cid in site.concerns
        ],
    }
    if treatment.procedure_type:
        procedure["procedureType"] = PROCEDURE_TYPES[treatment.procedure_type]
    specialties = sorted({SPECIALTIES[r] for r in treatment.practitioner if r in SPECIALTIES})
    if specialties:
        procedure["relevantSpecialty"] = [f"https://schema.org/{name}" for name in specialties]
    page = _web_page(treatment.name, treatment.summary, site.clinic, page_url)
    review = treatment.review
    if review.reviewed_on:
        page["lastReviewed"] = review.reviewed_on.isoformat()
    if review.status == "reviewed" and review.reviewed_by:
        page["reviewedBy"] = {"@type": "Person", "name": review.reviewed_by}
    _set_subject(page, _drop_empty(procedure), page_url, "treatment")
    return page


def concern_page(
    concern: Concern,
    clinic: Clinic,
    page_url: str | None,
    treatments: list[tuple[Treatment, str | None]],
) -> JsonObject:
    """A `MedicalWebPage` about the concern: a `MedicalCondition` with its possible treatments
    when the concern is marked as a medical condition, otherwise a plain `Thing`."""
    subject: JsonObject = {
        "@type": "MedicalCondition" if concern.medical_condition else "Thing",
        "name": concern.name,
        "alternateName": list(concern.also_known_as),
        "description": plain_text(concern.summary),
    }
    if concern.medical_condition:
        subject["possibleTreatment"] = [
            _drop_empty({"@type": "TherapeuticProcedure", "name": t.name, "url": url})
            for t, url in treatments
        ]
    page = _web_page(concern.name, concern.summary, clinic, page_url)
    _set_subject(page, _drop_empty(subject), page_url, "concern")
    return page


def glossary_page(
    glossary: Glossary, page_url: str | None, language: Language | None = None
) -> JsonObject:
    """The glossary as a schema.org `DefinedTermSet`: each term with its plain definition."""
    return _drop_empty(
        {
            "@context": SCHEMA_ORG,
            "@type": "DefinedTermSet",
            "name": (language or english()).t("structured_data.glossary"),
            "url": page_url,
            "hasDefinedTerm": [
                _drop_empty(
                    {
                        "@type": "DefinedTerm",
                        "name": term.term,
                        "alternateName": list(term.also),
                        "description": term.definition,
                    }
                )
                for term in sorted(glossary.terms, key=lambda t: name_order(t.term))
            ],
        }
    )


def clinic_entity(clinic: Clinic) -> JsonObject:
    """The clinic as a schema.org `MedicalClinic`, the publisher of every page; what its site
    covers ('skin', 'teeth') is what it `knowsAbout` (an Organization's property)."""
    return _drop_empty(
        {
            "@type": "MedicalClinic",
            "name": clinic.name,
            "knowsAbout": clinic.covers,
            "telephone": clinic.phone,
            "email": clinic.email,
            "address": ", ".join(clinic.address),
            "url": clinic.site_url,
        }
    )


def script_json(data: JsonObject) -> str:
    """Serialise JSON-LD for a `<script type="application/ld+json">` element.

    Text from data can never end the script element early: `<`, `>` and `&` are written as
    JSON escapes, which JSON parsers read back as the same characters. So are the two line
    separators that old JavaScript parsers refuse inside strings.
    """
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _web_page(name: str, summary: str, clinic: Clinic, page_url: str | None) -> JsonObject:
    return _drop_empty(
        {
            "@context": SCHEMA_ORG,
            "@type": "MedicalWebPage",
            "name": name,
            "description": plain_text(summary),
            "url": page_url,
            "audience": {"@type": "Patient"},
            "publisher": clinic_entity(clinic),
        }
    )


def _aftercare_stage(stage: AftercareStage, language: Language) -> str:
    avoid = [language.t("structured_data.avoid", text=text) for text in _texts(stage.avoid)]
    return f"{stage.when}: {_join(_texts(stage.do) + avoid)}"


def _set_subject(page: JsonObject, subject: JsonObject, page_url: str | None, name: str) -> None:
    """The page's `mainEntity` is the subject; `about` refers to it by `@id`, not a second copy.
    Without a public address the id is relative, resolved against the page's own address."""
    subject = {"@id": f"{page_url or ''}#{name}", **subject}
    page["mainEntity"] = subject
    page["about"] = {"@id": subject["@id"]}


def _texts(items: list[Any]) -> list[str]:
    return [plain_text(statement_text(item)) for item in items]


def _join(parts: Iterable[str]) -> str:
    """Sentences into one paragraph; structured data fields such as `preparation` are text."""
    return " ".join(p if p.endswith((".", "?", "!")) else p + "." for p in parts if p)


def _drop_empty(data: JsonObject) -> JsonObject:
    """Leave out fields the data does not fill: no empty strings, lists or None."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}
