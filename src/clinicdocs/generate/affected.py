"""Which generated pages an edit to some records can change, so the preview renders those again
and leaves the others as served (`clinicdocs.plugin.preview`).

It follows what the default page templates show of a record:

- a treatment: its own pages (page, handout, day by day, staff sheets); the pages that list it
  (the treatments and handouts indexes, its category, the concerns it lists); the pages of the
  treatments that name it as an alternative (their page and consent sheet);
- a concern: its page, the concerns and treatments indexes (the finder's choices, the counts),
  and the pages of the treatments that list it (page, screening and consent sheets: they name
  their concerns);

each before and after the edit, so a concern a treatment no longer lists loses it too. A project
with its own page templates can show any record anywhere: the preview renders all its pages
again instead (`clinicdocs.plugin.preview`).
"""

from __future__ import annotations

from collections.abc import Collection

from clinicdocs.data.site import SiteData
from clinicdocs.generate.pages import (
    CONCERNS_INDEX,
    HANDOUTS_INDEX,
    TREATMENTS_INDEX,
    category_uri,
    concern_uri,
    consent_uri,
    record_pages,
    screening_uri,
    treatment_uri,
)

INDEXES = frozenset({TREATMENTS_INDEX, CONCERNS_INDEX, HANDOUTS_INDEX})
"""The pages listing every treatment or concern, changed by any edit of one."""


def treatment_pages(treatment_id: str) -> set[str]:
    """A treatment's own pages."""
    return set(record_pages("treatments", treatment_id))


def affected_pages(before: SiteData, after: SiteData, keys: Collection[str]) -> set[str]:
    """The generated pages (their `uri`s) that may show something else once the records named
    by `keys` (`treatments/<id>`, `concerns/<id>`) changed from `before` to `after`.

    Args:
        before: the data the served pages were made from (source language, translations in).
        after: the data as it is now.
        keys: the records whose file, or a translation's, changed.
    """
    pages = set(INDEXES)
    for key in keys:
        kind, _, record_id = key.partition("/")
        for site in (before, after):
            if kind == "treatments":
                pages.update(_treatment_shown_in(site, record_id))
            elif kind == "concerns":
                pages.update(_concern_shown_in(site, record_id))
    return pages


def _treatment_shown_in(site: SiteData, treatment_id: str) -> set[str]:
    pages = treatment_pages(treatment_id)
    treatment = site.treatments.get(treatment_id)
    if treatment is not None:
        # The category's address comes from the source language's name, as `categories` makes it.
        pages.add(category_uri(treatment.category))
        pages.update(concern_uri(cid) for cid in treatment.concerns)
    for other_id, other in site.treatments.items():
        if any(alternative.treatment == treatment_id for alternative in other.alternatives):
            pages.update({treatment_uri(other_id), consent_uri(other_id)})
    return pages


def _concern_shown_in(site: SiteData, concern_id: str) -> set[str]:
    pages = {concern_uri(concern_id)}
    for treatment_id, _ in site.treatments_for(concern_id):
        pages.update(
            {treatment_uri(treatment_id), screening_uri(treatment_id), consent_uri(treatment_id)}
        )
    return pages
