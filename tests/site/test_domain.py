"""The site's domain in words, read from built sites: a dental practice's pages (its clinic covers
teeth and names its own contact wording) say nothing about skin in any language, and the sample
skin clinic's pages read as before."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

SKIN_WORDS = re.compile(r"skin|dermat|皮肤|البشرة|الجلد|جلد", re.IGNORECASE)
LANGUAGES = ["", "ar/", "zh/"]
"""Each language's folder in a built site: English at the root."""

DENTAL_WORDING = {
    "": {
        "concerns": "Teeth concerns",
        "contact_title": "Contact the dental practice",
        "contact_intro": "Contact the dental practice on +44 20 7946 0777 soon",
        "find_help": "Find help for a teeth concern",
        "covers": "teeth",
    },
    "ar/": {
        "concerns": "مشكلات الأسنان",
        "contact_title": "تواصل مع عيادة الأسنان",
        "contact_intro": "تواصل مع عيادة الأسنان قريبًا على الرقم",
        "find_help": "ابحث عن مساعدة لمشكلة في الأسنان",
        "covers": "الأسنان",
    },
    "zh/": {
        "concerns": "牙齿问题",
        "contact_title": "联系牙科诊所",
        "contact_intro": "尽快致电 +44 20 7946 0777 联系牙科诊所",
        "find_help": "查找牙齿问题的解决办法",
        "covers": "牙齿",
    },
}
"""The fixed texts the dental practice's clinic file changes, in each language."""


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def text_of(tag: Tag | BeautifulSoup) -> str:
    """What a reader sees: the text, without the scripts and styles around it."""
    for hidden in tag.find_all(["script", "style"]):
        hidden.decompose()
    return " ".join(tag.get_text(" ", strip=True).split())


def heading(soup: BeautifulSoup) -> str:
    assert soup.h1 is not None
    return soup.h1.get_text(strip=True).rstrip("¶")


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_dental_practice_s_pages_say_nothing_about_skin(dental_site: Path, lang: str) -> None:
    pages = [
        "index.html",
        "treatments/index.html",
        "treatments/tooth-whitening/index.html",
        "concerns/index.html",
        "concerns/tooth-colour/index.html",
        "handouts/tooth-whitening/index.html",
        "404.html",
    ]
    for path in pages:
        text = text_of(page(dental_site, lang + path))
        assert not SKIN_WORDS.findall(text), (path, SKIN_WORDS.findall(text))


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_fixed_texts_name_what_the_practice_covers(dental_site: Path, lang: str) -> None:
    wording = DENTAL_WORDING[lang]

    concerns = page(dental_site, lang + "concerns/index.html")
    assert heading(concerns) == wording["concerns"]
    assert concerns.title is not None
    assert concerns.title.get_text().startswith(wording["concerns"])
    not_found = page(dental_site, lang + "404.html")
    links = [a.get_text(strip=True) for a in not_found.select("article a")]
    assert wording["find_help"] in links


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_help_box_names_the_practice_s_contact_wording(dental_site: Path, lang: str) -> None:
    wording = DENTAL_WORDING[lang]
    soup = page(dental_site, lang + "treatments/tooth-whitening/index.html")

    box = soup.select_one(".cd-help--clinic")
    assert box is not None
    title = box.select_one(".admonition-title")
    assert title is not None
    assert title.get_text(strip=True) == wording["contact_title"]
    assert wording["contact_intro"] in text_of(box)
    # The full name stays where a name belongs: the footer.
    assert "Tiny Test Dental Practice" not in text_of(box)


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_practice_knows_about_what_its_site_covers_in_json_ld(
    dental_site: Path, lang: str
) -> None:
    soup = page(dental_site, lang + "treatments/tooth-whitening/index.html")
    script = soup.find("script", type="application/ld+json")
    assert script is not None

    data = json.loads(script.get_text())

    assert data["publisher"]["knowsAbout"] == DENTAL_WORDING[lang]["covers"]
    assert data["mainEntity"]["relevantSpecialty"] == ["https://schema.org/Dentistry"]


@pytest.mark.build
@pytest.mark.parametrize(
    ("lang", "concerns", "search"),
    [
        ("", "Skin concerns", "Search treatments and skin concerns"),
        ("ar/", "مشكلات البشرة", "ابحث في العلاجات ومشكلات البشرة"),
        ("zh/", "皮肤问题", "搜索治疗项目和皮肤问题"),
    ],
)
def test_the_sample_skin_clinic_reads_as_before(
    sample_site: Path, lang: str, concerns: str, search: str
) -> None:
    assert heading(page(sample_site, lang + "concerns/index.html")) == concerns
    not_found = page(sample_site, lang + "404.html")
    labels = [text_of(label) for label in not_found.select("article form label")]
    assert search in labels
    laser = page(sample_site, "treatments/laser-mesotherapy/index.html")
    box = laser.select_one(".cd-help--clinic, .cd-help--urgent")
    assert box is not None
    assert "Contact Riverside Skin Clinic (sample) " in text_of(box)
    assert "standard precautions for skin treatments" in text_of(laser)
