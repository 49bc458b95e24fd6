"""What the staff sheets (screening checklist, consent discussion record) print about the record
they come from: its version, review and, in a translated site, the translation's state; so a
signed paper names exactly what the patient read.

The version is `content_version` of the whole record in the sheet's language (translation
merged), without its review data (which the sheet prints beside it) and editors' lint settings.
Not the translations' `source_version`: that covers the text only, so a side effect moved from
"rare" to "common", or an aftercare stage's days, would change the paper but not its version.
The FAQ and sources, which the sheets do not print, count too: one rule, easy to check by hand,
at the price of a new version now and then for a change the paper does not show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from clinicdocs.data.models import Treatment
from clinicdocs.data.site import SiteData
from clinicdocs.i18n.language import Language
from clinicdocs.translations.state import TranslationState, translation_states
from clinicdocs.translations.text import content_version

SHEET_EXCLUDED_FIELDS = frozenset({"review", "lint_ignore"})
"""A treatment's fields left out of its sheets' version: the review (printed beside the version,
so a review alone does not make a new version) and editors' lint settings (never printed)."""


@dataclass(frozen=True)
class SheetInfo:
    """The version line of a treatment's sheets in one language."""

    version: str
    """12 hex digits: changes whenever anything the sheets print from the record changes."""
    draft: bool
    """The record is not yet reviewed by a clinician: its sheets say DRAFT."""
    reviewed_by: str | None
    reviewed_on: dt.date | None
    next_review: dt.date | None
    language: str
    """The sheet's language, in its own name ("العربية")."""
    translation: str | None
    """In a language after the source: `draft`, `reviewed` or `outdated` (the translation's own
    state); None in the source language, or when the record is shown untranslated."""


def sheet_version(treatment: Treatment) -> str:
    """The version a treatment's sheets print (see the module's docstring)."""
    return content_version(treatment.model_dump(mode="json", exclude=set(SHEET_EXCLUDED_FIELDS)))


def sheet_infos(
    site: SiteData,
    language: Language,
    source: SiteData | None = None,
    ids: Collection[str] | None = None,
) -> dict[str, SheetInfo]:
    """The version line of every treatment's sheets (or those of the treatments `ids` names),
    in the language of `site`.

    Args:
        site: the data in the sheets' language.
        language: the sheets' language.
        source: the source-language data, for a translated site (the translation's state).
        ids: the treatments whose sheets are rendered; None for all.
    """
    states = (
        translation_states(source, language.code)
        if source is not None and source.languages and language.code != source.languages[0]
        else {}
    )
    infos = {}
    for tid, treatment in site.treatments.items():
        if ids is not None and tid not in ids:
            continue
        review = treatment.review
        state = states.get(f"treatments/{tid}")
        translation = None
        if state is not None and state.state is not TranslationState.MISSING:
            outdated = state.state is TranslationState.OUTDATED
            translation = TranslationState.OUTDATED.value if outdated else state.status
        infos[tid] = SheetInfo(
            version=sheet_version(treatment),
            draft=review.status == "draft",
            reviewed_by=review.reviewed_by,
            reviewed_on=review.reviewed_on,
            next_review=review.next_review,
            language=language.name,
            translation=translation,
        )
    return infos
