"""What the tests expect of a treatment page, and helpers to read records and pages."""

from __future__ import annotations

import dataclasses
from typing import Any

from bs4 import Tag
from pydantic import BaseModel

from clinicdocs.data.models import GeneralAdvice
from clinicdocs.data.site import SiteData

TREATMENT_SECTIONS = [
    "What it is",
    "How it works",
    "What it can treat",
    "What it cannot do",
    "Other options",
    "Who it suits",
    "Who should not have it",
    "Before your treatment",
    "On the day",
    "Side effects",
    "Aftercare",
    "When to get help",
    "Questions people ask",
    "Sources",
    "Last reviewed",
]
"""Every treatment page's section headings, in the one order the issue asks for."""


def count_general_advice(value: object) -> int:
    """How many statements in a record (or any part of one) are marked as general advice."""
    if isinstance(value, GeneralAdvice):
        return 1
    if isinstance(value, list):
        return sum(count_general_advice(item) for item in value)
    if isinstance(value, BaseModel):
        return sum(count_general_advice(item) for item in dict(value).values())
    return 0


def elements_after(h2: Tag) -> list[Tag]:
    """A page section: the elements after an `<h2>`, up to the next `<h2>`."""
    out = []
    for sibling in h2.find_next_siblings():
        if sibling.name == "h2":
            break
        out.append(sibling)
    return out


def with_treatment(site: SiteData, tid: str, **update: Any) -> SiteData:
    """A copy of `site` with one treatment's fields replaced."""
    treatment = site.treatments[tid].model_copy(update=update)
    return dataclasses.replace(site, treatments={**site.treatments, tid: treatment})
