"""`clinicdocs export care`: the care texts a practice system imports or has pasted in, checked
as patients and mail clients receive them."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from clinicdocs.data.models import AftercareStage, GetHelp
from clinicdocs.data.site import SiteData
from clinicdocs.generate.care import (
    DATE_PLACEHOLDER,
    JSON_FILE,
    MARKER,
    SCHEMA_FILE,
    CareExport,
    CareText,
    care_export,
    care_schema,
)
from clinicdocs.generate.pages import public_url
from clinicdocs.generate.render import plain_text, statement_text
from clinicdocs.generate.sms import GSM_PART, GSM_SINGLE, UCS2_PART, UCS2_SINGLE, sms_length
from clinicdocs.i18n.language import Language, load_language
from clinicdocs.load import load_site
from support.browser import on_ci
from support.checkers import missing_tool_message, run_vnu
from support.mail import email_problems, html_root
from support.projects import FIXTURE_SITE, FIXTURES, ROOT, copy_project, project_languages, run_cli

SAMPLE_URL = "https://riverside-skin.example.org/patient-info/"
A_DATE = "2027-03-09"


@pytest.fixture(scope="module")
def sample() -> tuple[SiteData, list[Language]]:
    codes = project_languages(ROOT)
    site = load_site(ROOT / "data", ROOT, languages=codes)
    return site, [load_language(code, ROOT) for code in codes]


@pytest.fixture(scope="module")
def texts(sample: tuple[SiteData, list[Language]]) -> CareExport:
    site, languages = sample
    assert public_url(site) == SAMPLE_URL
    return care_export(site, languages, public_url(site))


def in_language(texts: CareExport, code: str) -> list[CareText]:
    found = [text for text in texts.texts if text.language == code]
    assert found, f"no texts in {code}"
    return found


def test_every_treatment_in_every_language(
    texts: CareExport, sample: tuple[SiteData, list[Language]]
) -> None:
    site, languages = sample
    assert {(t.language, t.treatment) for t in texts.texts} == {
        (language.code, tid) for language in languages for tid in site.treatments
    }
    assert texts.not_translated == []
    for text in texts.texts:
        prefix = "" if text.language == "en" else f"{text.language}/"
        assert text.day_by_day == (
            f"{SAMPLE_URL}{prefix}recovery/{text.treatment}/?date={DATE_PLACEHOLDER}"
        )
        key = f"treatments/{text.treatment}"
        if text.language == "en":
            assert (text.translation, text.translation_review) == ("source", None)
        else:
            found = site.translations[text.language][key]
            assert text.translation_review == found.info.status
            assert text.translation in ("current", "outdated")
        assert text.review == site.treatments[text.treatment].review.status


# Text messages ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["en", "ar", "zh"])
def test_every_text_message_is_within_its_limits(
    texts: CareExport, sample: tuple[SiteData, list[Language]], code: str
) -> None:
    site, _ = sample
    for text in in_language(texts, code):
        stages = site.treatments[text.treatment].aftercare
        assert [m.day for m in text.text_messages] == [
            s.from_day for s in stages if s.from_day is not None
        ]
        for message in text.text_messages:
            sent = message.text.replace(DATE_PLACEHOLDER, A_DATE)
            # Counted here from the text itself: Arabic and Chinese are UCS-2; the English
            # sample is plain ASCII, all of it in GSM-7.
            ucs2 = code != "en"
            assert ucs2 or sent.isascii()
            assert message.encoding == ("UCS-2" if ucs2 else "GSM-7"), message
            single, part = (UCS2_SINGLE, UCS2_PART) if ucs2 else (GSM_SINGLE, GSM_PART)
            units = (
                len(sent.encode("utf-16-le")) // 2
                if ucs2
                else len(sent) + sum(char in "^{}\\[~]|€\f" for char in sent)
            )
            assert message.characters == units
            assert message.parts == (1 if units <= single else -(-units // part)), message
            length = sms_length(sent)
            assert all(size <= length.part_limit for size in length.part_sizes)
            assert length.parts == message.parts
            assert text.day_by_day.replace("\u2066", "") in message.text
            assert site.clinic.phone in message.text


def with_stages(site: SiteData, tid: str, *stages: AftercareStage) -> SiteData:
    treatment = site.treatments[tid].model_copy(update={"aftercare": list(stages)})
    return dataclasses.replace(site, treatments={**site.treatments, tid: treatment})


def test_a_reminder_says_the_first_step_when_it_fits_and_never_cuts_it(
    sample: tuple[SiteData, list[Language]],
) -> None:
    site, languages = sample
    long_step = (
        "Keep the area clean and dry, and do not let tap water, rain or sweat reach it "
        "until the clinic has checked it."
    )
    site = with_stages(
        site,
        "co2-fractional-laser",
        AftercareStage(when="First days", from_day=0, to_day=1, do=["Rest."]),
        AftercareStage(when="After that", from_day=2, to_day=6, do=["Rest."]),
        AftercareStage(when="Later", from_day=7, do=[long_step]),
    )
    export = care_export(site, languages[:1], "https://x.example/")
    (text,) = [t for t in export.texts if t.treatment == "co2-fractional-laser"]
    first, second, third = text.text_messages
    link = "https://x.example/recovery/co2-fractional-laser/?date={treatment_date}"
    assert first.text == (
        f"After your CO2 fractional laser today: Rest. Guide: {link} Call +44 20 7946 0123"
    )
    assert second.text.startswith("Day 2 after your CO2 fractional laser: Rest. ")
    assert (first.parts, second.parts, first.day, second.day) == (1, 1, 0, 2)
    # The long step does not fit one message with the link: the message names the day and the
    # treatment, the link gives the steps, and no piece of the step is sent.
    assert third.parts == 1
    assert third.day == 7
    assert (
        third.text == f"Day 7 after your CO2 fractional laser. Guide: {link} Call +44 20 7946 0123"
    )


# Emails -------------------------------------------------------------------------------------


def test_every_email_is_safe_html(texts: CareExport) -> None:
    for text in texts.texts:
        problems = email_problems(text.aftercare_email.html, SAMPLE_URL)
        assert problems == [], f"{text.language}/{text.treatment}: {problems}"


def test_the_email_check_can_fail() -> None:
    bad = (
        '<!DOCTYPE html><html lang="en"><head><style>p{color:red}</style>'
        '<link rel="stylesheet" href="https://cdn.example/x.css"></head>'
        '<body onload="go()"><script>go()</script><img src="https://tracker.example/p.gif">'
        '<p style="background:url(https://tracker.example/b.png)"><a href="https://elsewhere.example/">x</a>'
        "<div></p></body></html>"
    )
    problems = "\n".join(email_problems(bad, SAMPLE_URL))
    for expected in (
        "<style> is not allowed",
        "<link> is not allowed",
        "<script> is not allowed",
        "<img> is not allowed",
        "event handler onload",
        "https://tracker.example/p.gif",
        "style loads something",
        "https://elsewhere.example/",
        "</p> where div is open",
        "<html> needs lang and dir",
    ):
        assert expected in problems, f"{expected!r} not found in:\n{problems}"


@pytest.mark.parametrize(("code", "direction"), [("en", "ltr"), ("ar", "rtl"), ("zh", "ltr")])
def test_emails_are_in_their_language_and_direction(
    texts: CareExport, code: str, direction: str
) -> None:
    for text in in_language(texts, code):
        assert html_root(text.aftercare_email.html) == {"lang": code, "dir": direction}
        assert text.direction == direction


def words(value: str) -> str:
    return " ".join(value.replace("\u2066", "").replace("\u2069", "").split())


@pytest.mark.parametrize("code", ["en", "ar", "zh"])
def test_emails_and_pre_care_say_every_step(
    texts: CareExport, sample: tuple[SiteData, list[Language]], code: str
) -> None:
    from clinicdocs.translations.state import site_in_language

    site, _ = sample
    translated, _ = site_in_language(site, code)
    for text in in_language(texts, code):
        treatment = translated.treatments[text.treatment]
        soup = BeautifulSoup(text.aftercare_email.html, "html.parser")
        shown = words(soup.get_text(" "))
        plain = words(text.aftercare_email.text)
        items = [
            *(item for stage in treatment.aftercare for item in [*stage.do, *stage.avoid]),
            *treatment.get_help.urgent,
            *treatment.get_help.contact_clinic,
            *treatment.get_help.emergency,
        ]
        for item in items:
            said = words(plain_text(statement_text(item)))
            assert said in shown, said
            assert said in plain, said
        for stage in treatment.aftercare:
            assert words(plain_text(stage.when)) in shown
        for part in (shown, plain):
            assert translated.clinic.phone in part
            assert translated.clinic.emergency.number in part
            assert translated.clinic.name in part
        assert text.day_by_day in plain
        links = [a["href"] for a in soup.find_all("a")]
        assert text.day_by_day in links
        assert "tel:+442079460123" in links
        assert f"mailto:{translated.clinic.email}" in links
        pre_care = words(text.pre_care)
        for item in treatment.before:
            assert words(plain_text(statement_text(item))) in pre_care
        assert translated.clinic.phone in pre_care
        assert text.day_by_day in pre_care


def test_an_email_lists_each_level_of_help(sample: tuple[SiteData, list[Language]]) -> None:
    site, languages = sample
    tid = "co2-fractional-laser"
    treatment = site.treatments[tid].model_copy(
        update={
            "get_help": GetHelp(
                contact_clinic=["A blister that grows."],
                urgent=["Spreading redness."],
                emergency=["Swollen lips."],
            )
        }
    )
    site = dataclasses.replace(site, treatments={**site.treatments, tid: treatment})
    (text,) = [t for t in care_export(site, languages[:1], SAMPLE_URL).texts if t.treatment == tid]
    plain = text.aftercare_email.text
    assert re.search(r"Contact the clinic\. .*\n- A blister that grows\.", plain)
    assert re.search(r"Get help today\. .*\n- Spreading redness\.", plain)
    assert re.search(r"Emergency\. Call 999 now if you notice:\n- Swollen lips\.", plain)
    assert plain.index("A blister") < plain.index("Spreading") < plain.index("Swollen")
    assert email_problems(text.aftercare_email.html, SAMPLE_URL) == []


def test_emails_pass_the_nu_html_checker(texts: CareExport, tmp_path: Path) -> None:
    message = missing_tool_message()
    if message is not None:
        if on_ci():
            pytest.fail(f"CI is set and the Nu HTML Checker cannot run: {message}")
        pytest.skip(message)
    files = []
    for text in texts.texts:
        path = tmp_path / text.language / f"{text.treatment}.html"
        path.parent.mkdir(exist_ok=True)
        # As sent: the practice system has put the date in the link ('{' is not allowed in a
        # URL, so the unfilled template is not a valid document, by design).
        sent = text.aftercare_email.html.replace(DATE_PLACEHOLDER, A_DATE)
        path.write_text(sent, encoding="utf-8")
        files.append(path)
    errors = run_vnu(files, tmp_path)
    assert errors == [], "\n".join(error.describe() for error in errors)


def test_an_outdated_translation_shows_its_changed_aftercare_in_the_source(
    sample: tuple[SiteData, list[Language]],
) -> None:
    """As the pages do: the changed safety section whole, in the source's words and language,
    marked with its language and direction; the rest stays translated."""
    site, languages = sample
    tid = "co2-fractional-laser"
    stages = list(site.treatments[tid].aftercare)
    added = "Sleep with your head raised."
    stages[0] = stages[0].model_copy(update={"do": [*stages[0].do, added]})
    site = with_stages(site, tid, *stages)
    export = care_export(site, languages, SAMPLE_URL, ["ar"])
    (text,) = [t for t in export.texts if t.treatment == tid]
    assert (text.translation, text.sections_in_source) == ("outdated", ["aftercare"])
    soup = BeautifulSoup(text.aftercare_email.html, "html.parser")
    (block,) = soup.select('div[lang="en"]')
    assert block["dir"] == "ltr"
    assert added in block.get_text()
    assert "Do:" in block.get_text()
    assert "First week" in block.get_text()
    assert soup.html is not None
    assert soup.html["lang"] == "ar"
    # The help is still the translation's, outside the English block.
    assert "متى تطلب المساعدة" in soup.get_text()
    assert "متى تطلب المساعدة" not in block.get_text()
    assert email_problems(text.aftercare_email.html, SAMPLE_URL) == []
    assert added in text.aftercare_email.text
    # A text message does not mix an English step into an Arabic sentence.
    (message,) = text.text_messages
    assert not re.search("[A-Za-z]{4}", message.text.split("https://")[0]), message.text


def test_export_care_leaves_out_what_is_not_translated(tmp_path: Path) -> None:
    project = copy_project(FIXTURE_SITE, tmp_path / "project")
    shutil.copytree(FIXTURES / "multilingual", project, dirs_exist_ok=True)
    out = tmp_path / "care"
    result = run_cli(project, "export", "care", "--out", str(out))
    assert result.returncode == 0, result.stderr
    export = CareExport.model_validate_json((out / JSON_FILE).read_text(encoding="utf-8"))
    assert export.not_translated == ["ar/full-laser", "zh/full-laser"]
    assert "not translated, left out: ar/full-laser" in result.stdout
    assert [(t.language, t.treatment) for t in export.texts] == [
        ("en", "bare-peel"),
        ("en", "full-laser"),
        ("ar", "bare-peel"),
        ("zh", "bare-peel"),
    ]
    assert not (out / "ar" / "full-laser").exists()
    # The bare peel has no aftercare: its email says to ask, and it has no text messages.
    peel = export.texts[2]
    assert peel.text_messages == []
    assert "اسأل" in peel.aftercare_email.text
    assert email_problems(peel.aftercare_email.html, "https://example.org/tiny/") == []


# The command --------------------------------------------------------------------------------


def test_export_care_writes_every_format(tmp_path: Path) -> None:
    out = tmp_path / "care"
    result = run_cli(ROOT, "export", "care", "--out", str(out))
    assert result.returncode == 0, result.stderr
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    export = CareExport.model_validate_json((out / JSON_FILE).read_text(encoding="utf-8"))
    expected = {MARKER, JSON_FILE, SCHEMA_FILE, "sms.csv"}
    for text in export.texts:
        folder = f"{text.language}/{text.treatment}"
        expected |= {f"{folder}/{name}" for name in ("pre-care.txt", "aftercare.html")}
        expected |= {f"{folder}/{name}" for name in ("aftercare.txt", "sms.txt")}
        html_file = out / folder / "aftercare.html"
        assert html_file.read_text(encoding="utf-8") == text.aftercare_email.html
    assert written == expected
    assert len(export.texts) == 9
    schema = json.loads((out / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert schema == json.loads(json.dumps(care_schema()))
    document = json.loads((out / JSON_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    document["texts"][0]["text_messages"][0]["parts"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)
    rows = list(csv.DictReader((out / "sms.csv").open(encoding="utf-8")))
    messages = [(t, m) for t in export.texts for m in t.text_messages]
    assert [(r["language"], r["treatment"], int(r["day"]), r["text"]) for r in rows] == [
        (t.language, t.treatment, m.day, m.text) for t, m in messages
    ]
    assert all(int(r["parts"]) >= 1 for r in rows)
    assert f"{len(messages)} text message(s)" in result.stdout


def test_export_care_writes_the_formats_and_languages_asked(tmp_path: Path) -> None:
    out = tmp_path / "care"
    result = run_cli(
        ROOT, "export", "care", "--out", str(out), "--format", "sms", "--language", "ar"
    )
    assert result.returncode == 0, result.stderr
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == {
        MARKER,
        "sms.csv",
        *(
            f"ar/{p.stem}/sms.txt"
            for p in (ROOT / "data" / "treatments").glob("*.yml")
            if "." not in p.stem  # not a translation file
        ),
    }
    # A second export replaces the first as a whole.
    result = run_cli(ROOT, "export", "care", "--out", str(out), "-f", "json", "-l", "en")
    assert result.returncode == 0, result.stderr
    assert {p.name for p in out.iterdir()} == {MARKER, JSON_FILE, SCHEMA_FILE}


def test_export_care_refuses_a_folder_of_other_files(tiny_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "letter.txt").write_text("keep me", encoding="utf-8")
    result = run_cli(tiny_project, "export", "care", "--out", str(out))
    assert result.returncode == 1
    assert "holds other files" in result.stderr
    assert [p.name for p in out.iterdir()] == ["letter.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_care_of_bad_data_writes_nothing(tiny_project: Path, tmp_path: Path) -> None:
    peel = tiny_project / "data" / "treatments" / "bare-peel.yml"
    peel.write_text(peel.read_text(encoding="utf-8").replace("scars]", "scar]"), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(tiny_project, "export", "care", "--out", str(out))
    assert result.returncode == 1
    assert "data/treatments/bare-peel.yml:4:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_export_care_needs_the_sites_address(tiny_project: Path, tmp_path: Path) -> None:
    mkdocs_yml = tiny_project / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    mkdocs_yml.write_text(re.sub(r"(?m)^site_url:.*\n", "", text), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(tiny_project, "export", "care", "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/clinic.yml: site_url: care texts link to the day-by-day page, so the site needs "
        "its public address; set site_url in clinic.yml or mkdocs.yml.",
        "1 problem found.",
    ]
    assert not out.exists()


def test_export_care_refuses_a_language_the_site_lacks(tmp_path: Path) -> None:
    result = run_cli(ROOT, "export", "care", "--out", str(tmp_path / "o"), "--language", "fr")
    assert result.returncode == 2
    assert "fr is not a language of this site (en, ar, zh)" in result.stderr
    assert not (tmp_path / "o").exists()


def test_export_without_a_folder_is_a_usage_error(tiny_project: Path) -> None:
    result = run_cli(tiny_project, "export")
    assert result.returncode == 2
    assert "Missing option '--out'" in result.stderr


def test_the_care_email_s_help_names_the_clinic_s_contact_wording() -> None:
    """A dental practice's email says whom to contact in its own words, in each language, as its
    pages do (tests/fixtures/dental: 'the dental practice')."""
    dental = FIXTURES / "dental"
    codes = project_languages(dental)
    site = load_site(dental / "data", dental, languages=codes)
    languages = [load_language(code, dental) for code in codes]

    export = care_export(site, languages, public_url(site, "https://example.org/dental/"))

    wording = {
        "en": "Contact the dental practice",
        "ar": "تواصل مع عيادة الأسنان",
        "zh": "联系牙科诊所",
    }
    assert {text.language for text in export.texts} == set(wording)
    for text in export.texts:
        email = text.aftercare_email.text
        assert wording[text.language] in email, text.language
    english = next(text for text in export.texts if text.language == "en")
    assert "Contact Tiny Test Dental Practice" not in english.aftercare_email.text
