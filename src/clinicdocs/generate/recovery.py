"""What a treatment's day-by-day view needs besides the page itself (recovery.js).

The view runs in the reader's browser: given the treatment date it says which aftercare stages
apply today and what comes next, and makes a calendar file (RFC 5545) of the stages and the
follow-up sessions. The stages it reads from the page's timeline (`_aftercare.md.j2`); the rest
(the texts with their placeholders, in the page's language, and the follow-up sessions) comes
from here, as one JSON attribute.
"""

from __future__ import annotations

from typing import Any

from clinicdocs.data.models import Clinic, Treatment
from clinicdocs.generate.facts import fact_range
from clinicdocs.i18n.language import Language

MAX_DAYS_AWAY = 730
"""A treatment date further than this from today (either way) is taken for a mistake."""

_TEXTS = {
    "day": {"day": "{day}", "date": "{date}"},
    "day_zero": {"date": "{date}"},
    "before": {"date": "{date}"},
    "next": {"date": "{date}", "stage": "{stage}"},
    "no_stage": {},
    "done": {},
    "today_badge": {},
    "now": {},
    "bad_date": {},
    "far_date": {},
    "calendar_stage": {"treatment": "{treatment}", "stage": "{stage}"},
    "calendar_session": {"treatment": "{treatment}"},
    "calendar_session_detail": {"interval": "{interval}"},
    "calendar_call": {"clinic": "{clinic}", "phone": "{phone}"},
}
"""The view's texts (`recovery.<key>` in the message files) and their placeholders, which the
script fills in."""


def recovery_settings(
    treatment_id: str, treatment: Treatment, clinic: Clinic, language: Language
) -> dict[str, Any]:
    """The day-by-day view's settings for one treatment's page, in the page's language.

    Returns:
        A JSON-ready mapping: the treatment's id and name, the clinic's name and phone, the
        texts with `{placeholders}`, the number of follow-up sessions and the days between
        them (none when the page does not state both), and how far from today a date may be.
    """
    facts = treatment.key_facts
    sessions = fact_range(facts.sessions)
    interval = fact_range(facts.interval)
    followups = 0
    interval_days = 0
    interval_words = ""
    if sessions is not None and interval is not None and facts.interval is not None:
        followups = max(int(sessions.high) - 1, 0)
        interval_days = round(interval.low)
        low = facts.interval.min if facts.interval.min is not None else facts.interval.max
        interval_words = language.quantity(low, None, facts.interval.unit)
    return {
        "id": treatment_id,
        "treatment": treatment.name,
        "clinic": clinic.name,
        "phone": clinic.phone,
        "followups": followups if interval_days > 0 else 0,
        "interval_days": interval_days,
        "interval_words": interval_words,
        "max_days_away": MAX_DAYS_AWAY,
        "texts": {key: language.t(f"recovery.{key}", **values) for key, values in _TEXTS.items()},
    }
