"""Care texts for a clinic's practice software (`clinicdocs export care`): for each treatment and
language, the pre-care text, the aftercare email (HTML safe for mail clients, and plain text) and
a text-message reminder for each aftercare stage's first day, all made from the same reviewed,
translated records as the pages, each with the clinic's contact and the link to the treatment's
day-by-day page.

The link carries the treatment date as a placeholder, `{treatment_date}` (YYYY-MM-DD), which the
practice system fills in from the appointment (`?date=` of the recovery page,
`generate.pages.RECOVERY_DATE_PARAMETER`). Text messages are counted with the date filled in.

Written to a folder, all or nothing:

    care.json, care.schema.json         every text, for systems that import (format json)
    <code>/<id>/pre-care.txt            pre-care instructions (format email)
    <code>/<id>/aftercare.html, .txt    the aftercare email's two parts (format email)
    <code>/<id>/sms.txt, sms.csv        the reminders, with day, characters, encoding, parts
                                        (format sms; sms.csv lists every treatment's)
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from clinicdocs import __version__
from clinicdocs.data.folders import write_folder as write_folder_atomically
from clinicdocs.data.models import AftercareStage, GeneralAdvice, Treatment
from clinicdocs.data.site import SiteData
from clinicdocs.errors import DataError, Problem
from clinicdocs.generate.pages import RECOVERY_DATE_PARAMETER, page_address, recovery_uri
from clinicdocs.generate.render import make_environment, phone_link, plain_text, statement_text
from clinicdocs.generate.sms import Encoding, sms_length
from clinicdocs.i18n.language import Language
from clinicdocs.translations.state import RecordTranslation, TranslationState, site_in_language

DATE_PLACEHOLDER = "{treatment_date}"
"""Where the practice system puts the treatment date (YYYY-MM-DD) in the day-by-day link."""
FILLED_DATE = "2026-12-31"
"""A date as the placeholder becomes, for counting a message's characters as it is sent."""
FORMATS = ("json", "email", "sms")
"""What `clinicdocs export care --format` can write."""
MARKER = ".clinicdocs-care"
"""A file in every folder this module writes: only such a folder (or an empty one) is replaced."""
JSON_FILE = "care.json"
SCHEMA_FILE = "care.schema.json"

AFTERCARE_SECTIONS = ("aftercare",)
"""The treatment's sections an email's aftercare stages show."""
HELP_SECTIONS = ("get_help", "red_flags", "side_effects")
"""The sections its 'when to get help' shows (side effects: when each needs help), as the
handout's."""

_HELP_COLOURS = {"clinic": "#1d4ed8", "urgent": "#b45309", "emergency": "#b91c1c"}
_DEFAULT_BRAND = "#0f766e"
_TEXT = "#1f2937"
# Tokens put into a message where a link goes in the HTML: not markup, not escaped, not Markdown.
_PHONE = "\x00phone\x00"
_NUMBER = "\x00number\x00"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Model):
    """The clinic's contact, in the text's language."""

    name: str = Field(description="The clinic's name.")
    phone: str = Field(description="The phone number patients call.")
    email: str = Field(description="The clinic's email address.")
    emergency: str = Field(description="The local emergency number.")


class Email(_Model):
    """The aftercare email: its subject and its two parts."""

    subject: str = Field(description="The email's subject line.")
    html: str = Field(
        description="The HTML part: a whole document, styles inline, no scripts, no images, "
        "links only to the site, tel: and mailto:. Contains the date placeholder."
    )
    text: str = Field(description="The plain-text part. Contains the date placeholder.")


class TextMessage(_Model):
    """One text-message reminder, to send on an aftercare stage's first day."""

    day: int = Field(
        ge=0,
        description="When to send it: days after the treatment date (0 is the treatment day).",
    )
    stage: str = Field(description="The aftercare stage it is about (its 'when').")
    text: str = Field(description="The message, with the date placeholder in its link.")
    encoding: Encoding = Field(
        description="GSM-7, or UCS-2 when a character is outside the GSM alphabet (Arabic and "
        "Chinese always are)."
    )
    characters: int = Field(
        ge=0,
        description="Its length as the network counts it, with the date filled in (GSM-7 "
        "extension characters count two).",
    )
    parts: int = Field(
        ge=1,
        description="How many text messages it is sent as: one up to 160 GSM-7 or 70 UCS-2 "
        "characters, else parts of 153 or 67.",
    )


class CareText(_Model):
    """A treatment's care texts in one language."""

    treatment: str = Field(description="The treatment's id (its data file's name).")
    name: str = Field(description="The treatment's name in this language.")
    language: str = Field(description="The language code, e.g. 'en', 'ar', 'zh'.")
    direction: Literal["ltr", "rtl"] = Field(description="The language's writing direction.")
    translation: Literal["source", "current", "outdated"] = Field(
        description="'source' for the language the data is written in; else the state of the "
        "record's translation. An outdated one shows its changed safety sections in the source "
        "language (listed in sections_in_source), as the pages do."
    )
    sections_in_source: list[str] = Field(
        description="The treatment's safety sections shown in the source language here."
    )
    review: Literal["draft", "reviewed"] = Field(
        description="The record's review status: send only 'reviewed' texts to patients."
    )
    translation_review: Literal["draft", "reviewed"] | None = Field(
        description="The translation's own review status; null in the source language."
    )
    day_by_day: str = Field(
        description="The address of the treatment's day-by-day page, ending "
        "'?date={treatment_date}'."
    )
    contact: Contact = Field(description="The clinic's contact, as the texts give it.")
    pre_care: str = Field(description="The pre-care text, plain, with the clinic's phone.")
    aftercare_email: Email = Field(description="The aftercare email.")
    text_messages: list[TextMessage] = Field(
        description="One reminder per aftercare stage that has a first day, in day order."
    )


class CareExport(_Model):
    """`care.json`: every treatment's care texts in every language exported."""

    generator: str = Field(description="The program and version that wrote this file.")
    date_placeholder: Literal["{treatment_date}"] = Field(
        description="The placeholder in every link, for the treatment date as YYYY-MM-DD."
    )
    texts: list[CareText] = Field(description="By language (source first), then treatment id.")
    not_translated: list[str] = Field(
        description="'<language>/<treatment id>' for each treatment without a translation in a "
        "language exported: use the source language's texts for it."
    )


def care_schema() -> dict[str, object]:
    """The JSON Schema of `care.json`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_FILE,
        **CareExport.model_json_schema(),
    }


def care_export(
    site: SiteData,
    languages: Sequence[Language],
    site_url: str | None,
    codes: Iterable[str] = (),
) -> CareExport:
    """Every treatment's care texts in each language.

    Args:
        site: the validated data, translations loaded.
        languages: the site's languages, the source first.
        site_url: the site's public address, ending in '/'; other languages are under `<code>/`.
        codes: the languages to export; every language when empty.

    Raises:
        DataError: when the site's public address is not known (the texts must link to it).
    """
    if not site_url:
        clinic = site.sources.get("clinic")
        raise DataError(
            [
                Problem(
                    clinic.display if clinic else "data/clinic.yml",
                    None,
                    None,
                    "site_url",
                    "care texts link to the day-by-day page, so the site needs its public "
                    "address; set site_url in clinic.yml or mkdocs.yml",
                )
            ]
        )
    wanted = set(codes)
    texts: list[CareText] = []
    missing: list[str] = []
    for number, language in enumerate(languages):
        if wanted and language.code not in wanted:
            continue
        translated, states = site_in_language(site, language.code)
        prefix = "" if number == 0 else f"{language.code}/"
        for tid in sorted(translated.treatments):
            state = states.get(f"treatments/{tid}")
            if number > 0 and state is not None and state.state is TranslationState.MISSING:
                missing.append(f"{language.code}/{tid}")
                continue
            in_source = state.shown_in_source if state is not None and number > 0 else ()
            source = _Writer(site, tid, languages[0], site_url + prefix) if in_source else None
            writer = _Writer(translated, tid, language, site_url + prefix, source, in_source)
            texts.append(
                CareText(
                    treatment=tid,
                    name=writer.name,
                    language=language.code,
                    direction="rtl" if language.direction == "rtl" else "ltr",
                    translation=_translation(state if number > 0 else None),
                    sections_in_source=list(state.shown_in_source) if state else [],
                    review=writer.treatment.review.status,
                    translation_review=_status(state.status if state and number > 0 else None),
                    day_by_day=writer.link,
                    contact=writer.contact,
                    pre_care=writer.pre_care(),
                    aftercare_email=Email(
                        subject=writer.subject, html=writer.email_html(), text=writer.email_text()
                    ),
                    text_messages=writer.text_messages(),
                )
            )
    return CareExport(
        generator=f"clinicdocs {__version__}",
        date_placeholder="{treatment_date}",
        texts=texts,
        not_translated=missing,
    )


def _translation(state: RecordTranslation | None) -> Literal["source", "current", "outdated"]:
    if state is None:
        return "source"
    return "outdated" if state.state is TranslationState.OUTDATED else "current"


def _status(status: str | None) -> Literal["draft", "reviewed"] | None:
    return "reviewed" if status == "reviewed" else "draft" if status == "draft" else None


def day_by_day_link(language_site_url: str, treatment_id: str) -> str:
    """The treatment's day-by-day page in one language's site, with the date placeholder."""
    page = page_address(language_site_url, recovery_uri(treatment_id))
    return f"{page}?{RECOVERY_DATE_PARAMETER}={DATE_PLACEHOLDER}"


def _plain(item: object) -> str:
    return plain_text(statement_text(item))


@dataclass(frozen=True)
class _Level:
    """One level of 'when to get help' as the texts show it."""

    key: str
    title: str
    intro: str
    items: list[str]


class _Writer:
    """One treatment's texts in one language.

    Args:
        site: the data in `language`.
        tid: the treatment.
        language: the texts' language.
        language_url: the address of the language's site, ending in '/'.
        source: for an outdated translation, the source language's writer of the same
            treatment, for the safety sections shown in the source (`in_source`).
        in_source: the treatment's sections shown in the source language.
    """

    def __init__(
        self,
        site: SiteData,
        tid: str,
        language: Language,
        language_url: str,
        source: _Writer | None = None,
        in_source: Iterable[str] = (),
    ) -> None:
        self.source = source
        self.in_source = frozenset(in_source)
        self.treatment: Treatment = site.treatments[tid]
        self.clinic = site.clinic
        self.language = language
        self.t = language.t
        self.name = self.treatment.name
        self.link = day_by_day_link(language_url, tid)
        self.contact = Contact(
            name=self.clinic.name,
            phone=self.clinic.phone,
            email=self.clinic.email,
            emergency=self.clinic.emergency.number,
        )
        self.subject = plain_text(self.t("care.email_subject", treatment=self.name))
        # The pages' own wording of a stage's days ("Days 0 to 7"), from the pages' macro.
        self._days: Callable[[AftercareStage], str] = (
            make_environment(None, language).get_template("_macros.md.j2").module.days  # type: ignore[attr-defined]
        )

    def _statement(self, item: object) -> str:
        mark = f" {self.t('common.general_advice_mark')}" if isinstance(item, GeneralAdvice) else ""
        return _plain(item) + mark

    def _message(self, key: str, **values: object) -> str:
        """A fixed text as plain words (the message files may hold Markdown emphasis)."""
        return plain_text(self.t(key, **values))

    def stage_days(self, stage: AftercareStage) -> str | None:
        """The days a stage covers, in words, or None for a stage without days."""
        return plain_text(str(self._days(stage))) if stage.from_day is not None else None

    def levels(self) -> list[_Level]:
        """When to get help, least urgent first, with the side effects that call for each
        level, as the handout groups them."""
        tr, help_ = self.treatment, self.treatment.get_help
        warnings = [effect for effect in tr.side_effects if effect.seek_help]

        def seek(level: str) -> list[object]:
            return [effect.seek_help for effect in warnings if effect.help_level == level]

        soon = [*help_.contact_clinic, *seek("contact_clinic")]
        urgent = [*help_.urgent, *tr.red_flags, *seek("urgent")]
        now = [*help_.emergency, *seek("emergency")]
        # The clinic's own words for whom to contact ("the dental practice"), as on its pages.
        clinic = self.clinic.help_contact
        contact_title = (
            self._message("help_contact.title", contact=self.clinic.contact_wording)
            if self.clinic.contact_wording
            else self._message("treatment.help_contact_clinic")
        )
        levels = []
        if soon:
            levels.append(
                _Level(
                    "clinic",
                    contact_title,
                    self._message(
                        "treatment.help_contact_clinic_intro", clinic=clinic, phone=_PHONE
                    ),
                    [self._statement(item) for item in soon],
                )
            )
        if urgent:
            levels.append(
                _Level(
                    "urgent",
                    self._message("treatment.help_urgent"),
                    self._message("treatment.help_urgent_intro", clinic=clinic, phone=_PHONE),
                    [self._statement(item) for item in urgent],
                )
            )
        if not soon and not urgent:
            levels.append(
                _Level(
                    "clinic",
                    contact_title,
                    self._message("treatment.if_worried", clinic=clinic, phone=_PHONE),
                    [],
                )
            )
        levels.append(
            _Level(
                "emergency",
                self._message("treatment.help_emergency"),
                self._message("treatment.help_emergency_intro", number=_NUMBER) if now else "",
                [self._statement(item) for item in now],
            )
        )
        return levels

    def closing(self) -> str:
        """The clinic's emergency wording, as the pages end the help boxes with it."""
        emergency = self.clinic.emergency
        if emergency.number in emergency.wording:
            return f"{self._message('treatment.emergency_label')} " + plain_text(
                emergency.wording
            ).replace(emergency.number, _NUMBER, 1)
        return (
            self._message("treatment.emergency_call", number=_NUMBER)
            + " "
            + plain_text(emergency.wording)
        )

    def _ltr(self, text: str) -> str:
        """A phone number or an address kept left to right inside right-to-left plain text
        (Unicode isolates, as `<bdi>` on the pages): else Arabic text shows `+44 20 7946 0123`
        with its groups reversed."""
        return f"\u2066{text}\u2069" if self.language.direction == "rtl" else text

    def _filled(self, text: str) -> str:
        """Tokens as plain text: the phone and emergency numbers."""
        return text.replace(_PHONE, self._ltr(self.clinic.phone)).replace(
            _NUMBER, self.clinic.emergency.number
        )

    def pre_care(self) -> str:
        """Pre-care instructions as plain text, with the clinic's phone and the guide's link."""
        lines = [self._message("care.pre_care_title", treatment=self.name), ""]
        lines += [f"- {self._statement(item)}" for item in self.treatment.before]
        if self.treatment.before:
            lines.append("")
        lines.append(
            self._message(
                "care.pre_care_questions",
                clinic=self.clinic.name,
                phone=self._ltr(self.clinic.phone),
            )
        )
        lines.append(self._message("care.pre_care_link", link=self._ltr(self.link)))
        return "\n".join(lines) + "\n"

    def _shown_by(self, sections: tuple[str, ...]) -> _Writer:
        """Who writes a part of the email: the source language's writer, from the source's
        record, when any of its sections is shown in the source (an outdated translation's
        changed safety advice), as the pages swap in the source's section whole; else this."""
        if self.source is not None and self.in_source.intersection(sections):
            return self.source
        return self

    def _text_stages(self) -> list[str]:
        if not self.treatment.aftercare:
            return [self._message("handout.no_aftercare"), ""]
        out = []
        for stage in self.treatment.aftercare:
            days = self.stage_days(stage)
            when = plain_text(stage.when)
            out.append(f"{when} ({days})" if days else when)
            for key, items in (("treatment.do", stage.do), ("treatment.avoid", stage.avoid)):
                if items:
                    out.append(self._message(key))
                    out += [f"- {self._statement(item)}" for item in items]
            out.append("")
        return out

    def _text_help(self) -> list[str]:
        out = [self._message("treatment.when_to_get_help"), ""]
        for level in self.levels():
            title = self.language.full_stop(level.title)
            out.append(self._filled(f"{title} {level.intro}".rstrip()))
            out += [f"- {self._filled(item)}" for item in level.items]
            if level.key == "emergency":
                out.append(self._filled(self.closing()))
            out.append("")
        return out

    def email_text(self) -> str:
        """The aftercare email's plain-text part; its first line is the subject."""
        out = [self.subject, "", self._message("care.email_intro"), ""]
        out += [self._message("care.day_by_day_intro"), self.link, ""]
        out += self._shown_by(AFTERCARE_SECTIONS)._text_stages()
        out += self._shown_by(HELP_SECTIONS)._text_help()
        out += [
            self.clinic.name,
            f"{self._message('common.phone')} {self._ltr(self.clinic.phone)}",
            self.clinic.email,
        ]
        return "\n".join(out) + "\n"

    @property
    def _start(self) -> str:
        """The side text starts from: `text-align` and borders, set inline for mail clients."""
        return "right" if self.language.direction == "rtl" else "left"

    @property
    def _brand(self) -> str:
        return self.clinic.primary_color or _DEFAULT_BRAND

    def _html(self, value: str) -> str:
        """Plain text as HTML, its phone and emergency number as links."""
        e = html.escape
        phone = (
            f'<a href="tel:{e(phone_link(self.clinic.phone))}" '
            f'style="color:{self._brand};white-space:nowrap;">'
            f'<span dir="ltr">{e(self.clinic.phone)}</span></a>'
        )
        number = self.clinic.emergency.number
        number_link = (
            f'<a href="tel:{e(number)}" style="color:#b91c1c;font-weight:bold;">{e(number)}</a>'
        )
        return e(value).replace(_PHONE, phone).replace(_NUMBER, number_link)

    def _html_items(self, values: list[str]) -> str:
        if not values:
            return ""
        rows = "".join(f'<li style="margin:0 0 6px 0;">{self._html(v)}</li>' for v in values)
        return f'<ul style="margin:0 0 12px 0;padding-{self._start}:22px;">{rows}</ul>'

    def _paragraph(self, value: str) -> str:
        return f'<p style="margin:0 0 12px 0;text-align:{self._start};">{value}</p>'

    def _wrapped(self, block: list[str], shown_in: Language) -> list[str]:
        """A block in another language than the email's, marked so (as the pages do)."""
        if shown_in.code == self.language.code:
            return block
        start = "right" if shown_in.direction == "rtl" else "left"
        return [
            f'<div lang="{shown_in.code}" dir="{shown_in.direction}" style="text-align:{start};">',
            *block,
            "</div>",
        ]

    def _html_stages(self) -> list[str]:
        start = self._start
        if not self.treatment.aftercare:
            return [self._paragraph(self._html(self._message("handout.no_aftercare")))]
        out = []
        for stage in self.treatment.aftercare:
            days = self.stage_days(stage)
            heading = html.escape(plain_text(stage.when)) + (
                f' <span style="font-weight:normal;color:#4b5563;">({html.escape(days)})</span>'
                if days
                else ""
            )
            out.append(
                f'<h2 style="margin:20px 0 8px 0;font-size:19px;line-height:1.3;'
                f'text-align:{start};">{heading}</h2>'
            )
            for key, values in (("treatment.do", stage.do), ("treatment.avoid", stage.avoid)):
                if values:
                    out.append(
                        self._paragraph(f"<strong>{self._html(self._message(key))}</strong>")
                    )
                    out.append(self._html_items([self._statement(v) for v in values]))
        return out

    def _html_help(self) -> list[str]:
        start = self._start
        out = [
            f'<h2 style="margin:24px 0 8px 0;font-size:19px;text-align:{start};">'
            f"{self._html(self._message('treatment.when_to_get_help'))}</h2>"
        ]
        for level in self.levels():
            colour = _HELP_COLOURS[level.key]
            title = self._html(self.language.full_stop(level.title))
            box = [
                f'<p style="margin:0 0 8px 0;"><strong>{title}</strong> '
                f"{self._html(level.intro)}</p>",
                self._html_items(level.items),
            ]
            if level.key == "emergency":
                box.append(f'<p style="margin:0;">{self._html(self.closing())}</p>')
            out.append(
                f'<div style="margin:0 0 12px 0;padding:10px 14px;border-{start}:5px solid '
                f'{colour};background:#f9fafb;text-align:{start};">{"".join(box)}</div>'
            )
        return out

    def email_html(self) -> str:
        """The aftercare email's HTML part: one document, every style inline, no script, no
        image, no stylesheet; links only to the site, `tel:` and `mailto:`."""
        e = html.escape
        start, brand = self._start, self._brand
        body: list[str] = [
            f'<p style="margin:0 0 4px 0;font-size:14px;color:#4b5563;text-align:{start};">'
            f"{e(self.clinic.name)}</p>",
            f'<h1 style="margin:0 0 12px 0;font-size:24px;line-height:1.3;color:{brand};'
            f'text-align:{start};">{e(self.subject)}</h1>',
            self._paragraph(self._html(self._message("care.email_intro"))),
            self._paragraph(self._html(self._message("care.day_by_day_intro"))),
            f'<p style="margin:0 0 20px 0;text-align:{start};"><a href="{e(self.link)}" '
            f'style="display:inline-block;padding:10px 16px;background:{brand};color:#ffffff;'
            f'text-decoration:none;border-radius:4px;font-weight:bold;">'
            f"{self._html(self._message('care.day_by_day_link'))}</a></p>",
        ]
        stages, help_ = self._shown_by(AFTERCARE_SECTIONS), self._shown_by(HELP_SECTIONS)
        body += self._wrapped(stages._html_stages(), stages.language)
        body += self._wrapped(help_._html_help(), help_.language)
        contact = "<br>".join(
            [
                f"<strong>{e(self.clinic.name)}</strong>",
                f"{self._html(self._message('common.phone'))} {self._html(_PHONE)}",
                f'<a href="mailto:{e(self.clinic.email)}" style="color:{brand};">'
                f"{e(self.clinic.email)}</a>",
            ]
        )
        body.append(
            f'<p style="margin:24px 0 0 0;padding-top:12px;border-top:1px solid #d1d5db;'
            f'font-size:14px;text-align:{start};">{contact}</p>'
        )
        direction = self.language.direction
        code = e(self.language.code)
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{code}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{e(self.subject)}</title>\n</head>\n"
            f'<body style="margin:0;padding:0;background:#ffffff;">\n'
            '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
            'style="border-collapse:collapse;"><tr><td align="center" style="padding:16px;">\n'
            f'<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" '
            f'dir="{direction}" style="border-collapse:collapse;width:100%;max-width:600px;">'
            f'<tr><td style="font-family:Arial,Helvetica,sans-serif;font-size:16px;'
            f'line-height:1.5;color:{_TEXT};text-align:{start};">\n'
            + "\n".join(body)
            + "\n</td></tr></table>\n</td></tr></table>\n</body>\n</html>\n"
        )

    def text_messages(self) -> list[TextMessage]:
        """A reminder for the first day of each stage that has one."""
        return [
            self._reminder(stage, stage.from_day)
            for stage in self.treatment.aftercare
            if stage.from_day is not None
        ]

    def _reminder(self, stage: AftercareStage, day: int) -> TextMessage:
        """The fullest message that fits one part: the stage's first thing to do, else the
        day and the treatment's name, else the day alone. Nothing is ever cut: a longer
        message is sent in more parts, and says so."""
        n = self.language.number(day)
        zero = "_zero" if day == 0 else ""
        leads = [
            self._message(f"care.sms_day{zero}", day=n, treatment=self.name, advice=_plain(step))
            # An outdated translation's changed aftercare is in the source language: the
            # message names the day, its link has the steps.
            for step in ([] if "aftercare" in self.in_source else stage.do[:1])
        ]
        leads.append(self._message(f"care.sms_named{zero}", day=n, treatment=self.name))
        leads.append(self._message(f"care.sms_short{zero}", day=n))
        tail = " ".join(
            [
                self._message("care.sms_link", link=self._ltr(self.link)),
                self._message("care.sms_call", phone=self._ltr(self.clinic.phone)),
            ]
        )
        candidates = [
            (sms_length(f"{lead} {tail}".replace(DATE_PLACEHOLDER, FILLED_DATE)), lead)
            for lead in leads
        ]
        length, chosen = next(
            ((length, lead) for length, lead in candidates if length.parts == 1),
            min(candidates, key=lambda pair: pair[0].parts),
        )
        return TextMessage(
            day=day,
            stage=plain_text(stage.when),
            text=f"{chosen} {tail}",
            encoding=length.encoding,
            characters=length.units,
            parts=length.parts,
        )


def care_files(export: CareExport, formats: Iterable[str]) -> dict[str, bytes]:
    """The files of the export in the chosen formats, by their path in the folder."""
    chosen = set(formats) or set(FORMATS)
    files: dict[str, bytes] = {MARKER: b"Written by clinicdocs export care.\n"}
    if "json" in chosen:
        files[JSON_FILE] = (export.model_dump_json(indent=2) + "\n").encode()
        files[SCHEMA_FILE] = (
            json.dumps(care_schema(), indent=2, ensure_ascii=False) + "\n"
        ).encode()
    rows: list[list[str]] = []
    for text in export.texts:
        folder = f"{text.language}/{text.treatment}"
        if "email" in chosen:
            files[f"{folder}/pre-care.txt"] = text.pre_care.encode()
            files[f"{folder}/aftercare.html"] = text.aftercare_email.html.encode()
            files[f"{folder}/aftercare.txt"] = text.aftercare_email.text.encode()
        if "sms" in chosen:
            lines = [
                f"day {m.day} · {m.encoding} · {m.characters} characters · {m.parts} part"
                f"{'s' if m.parts > 1 else ''}\n{m.text}\n"
                for m in text.text_messages
            ]
            files[f"{folder}/sms.txt"] = "\n".join(lines).encode()
            rows += [
                [
                    text.language,
                    text.treatment,
                    str(m.day),
                    m.stage,
                    m.encoding,
                    str(m.characters),
                    str(m.parts),
                    m.text,
                ]
                for m in text.text_messages
            ]
    if "sms" in chosen:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            ["language", "treatment", "day", "stage", "encoding", "characters", "parts", "text"]
        )
        writer.writerows(rows)
        files["sms.csv"] = out.getvalue().encode()
    return files


class FolderInUse(Exception):
    """The output folder holds files this module did not write; nothing was changed."""


def write_folder(files: dict[str, bytes], target: Path) -> None:
    """Write `files` as the whole content of `target`, all or nothing: into a hidden folder
    beside it, then swapped into place. An existing `target` is replaced only if it is empty or
    was written here before (it holds `MARKER`).

    Raises:
        FolderInUse: `target` is a file, or a folder of other files.
    """
    if target.exists() and not target.is_dir():
        raise FolderInUse(f"{target} is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise FolderInUse(
            f"{target} holds other files; give a new or empty folder (it is replaced as a whole)"
        )
    write_folder_atomically(target, files)
