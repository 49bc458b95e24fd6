"""The glossary Markdown extension: hover definitions in text, never in headings, links or code."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from clinicdocs.data.models import Glossary
from clinicdocs.generate.glossary import GlossaryExtension, abbreviation_lines, definitions

GLOSSARY = Glossary.model_validate(
    {
        "terms": [
            {"term": "collagen", "definition": "A protein that keeps skin firm."},
            {
                "term": "post-inflammatory hyperpigmentation",
                "also": ["PIH"],
                "definition": "Dark marks left after skin has been irritated.",
            },
            {"term": "SPF", "definition": "How well a sunscreen blocks burning rays."},
        ]
    }
)


def render(text: str) -> BeautifulSoup:
    html = markdown.markdown(
        text,
        extensions=[
            "admonition",
            "tables",
            "pymdownx.details",
            GlossaryExtension(definitions(GLOSSARY)),
        ],
    )
    return BeautifulSoup(html, "html.parser")


def test_definitions_cover_usual_capitalisations_but_not_acronyms() -> None:
    found = definitions(GLOSSARY)
    assert found["collagen"] == found["Collagen"] == "A protein that keeps skin firm."
    assert "Post-inflammatory hyperpigmentation" in found
    assert found["PIH"] == "Dark marks left after skin has been irritated."
    assert "pih" not in found
    assert "spf" not in found
    assert definitions(None) == {}


def test_terms_in_text_get_their_definition() -> None:
    soup = render("Collagen helps. Use SPF 30, or you may get PIH.\n\n| a |\n|---|\n| collagen |")
    assert [(a.get_text(), a["title"]) for a in soup("abbr")] == [
        ("Collagen", "A protein that keeps skin firm."),
        ("SPF", "How well a sunscreen blocks burning rays."),
        ("PIH", "Dark marks left after skin has been irritated."),
        ("collagen", "A protein that keeps skin firm."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "# Collagen",
        "## More collagen",
        "[collagen](x.md)",
        "`collagen`",
        '??? question "Does collagen help?"\n    Yes.',
        "    collagen in a code block",
    ],
)
def test_headings_links_code_and_question_titles_are_left_alone(text: str) -> None:
    assert render(text)("abbr") == []


def test_text_after_a_link_is_still_explained() -> None:
    soup = render("[a link](x.md) about collagen.")
    assert [a.get_text() for a in soup("abbr")] == ["collagen"]
    assert soup.a.get_text() == "a link"


def test_whole_words_only() -> None:
    assert render("collagenous SPFs")("abbr") == []


def test_chinese_terms_are_found_inside_a_sentence_written_without_spaces() -> None:
    chinese = Glossary.model_validate(
        {
            "terms": [
                {"term": "胶原蛋白", "definition": "让皮肤保持紧致的一种蛋白质。"},
                {"term": "SPF", "definition": "防晒霜阻挡晒伤光线的能力。"},
            ]
        }
    )
    html = markdown.markdown(
        "激光能刺激胶原蛋白生成，请用SPF30的防晒霜。SPFs",  # noqa: RUF001
        extensions=[GlossaryExtension(definitions(chinese))],
    )
    found = [(abbr.text, abbr["title"]) for abbr in BeautifulSoup(html, "html.parser")("abbr")]
    # A Latin term inside Chinese text still needs its own word edges: "SPF30" is not "SPF".
    assert found == [("胶原蛋白", "让皮肤保持紧致的一种蛋白质。")]


ARABIC = Glossary.model_validate(
    {
        "terms": [
            {"term": "الكولاجين", "definition": "بروتين يحافظ على تماسك الجلد."},
            {"term": "الليزر التجزيئي", "definition": "ليزر يعالج نقاطا صغيرة من الجلد."},
            {"term": "مطهر", "definition": "سائل يقتل الجراثيم."},
            {"term": "حمض الهيالورونيك", "definition": "مادة تحفظ الماء في الجلد."},
        ]
    }
)


def test_arabic_terms_are_found_with_the_short_words_written_onto_them() -> None:
    text = (
        "يزيد الكولاجين والكولاجين وللكولاجين. العلاج بالليزر التجزيئي، ثم لليزر التجزيئي."
        " اغسل بمطهر أو بالمطهر، وبحمض الهيالورونيك. الكولاجينات والمطهرات الحمض الهيالورونيك"
        " كولاجين"
    )
    html = markdown.markdown(text, extensions=[GlossaryExtension(definitions(ARABIC, "ar"))])
    found = [abbr.text for abbr in BeautifulSoup(html, "html.parser")("abbr")]
    # Plurals are other words; the article never lands on the first word of "acid of ...".
    assert found == [
        "الكولاجين",
        "والكولاجين",
        "وللكولاجين",
        "بالليزر التجزيئي",
        "لليزر التجزيئي",
        "بمطهر",
        "بالمطهر",
        "وبحمض الهيالورونيك",
        "كولاجين",
    ]
    titles = {abbr["title"] for abbr in BeautifulSoup(html, "html.parser")("abbr")}
    assert len(titles) == 4


def test_only_an_arabic_site_adds_arabic_forms() -> None:
    assert "والكولاجين" not in definitions(ARABIC)
    assert "والكولاجين" not in definitions(ARABIC, "fa")
    assert set(definitions(GLOSSARY, "ar")) == set(definitions(GLOSSARY))


def test_abbreviation_lines_for_exported_pages() -> None:
    lines = abbreviation_lines(GLOSSARY).strip().splitlines()
    assert "*[collagen]: A protein that keeps skin firm." in lines
    assert "*[Collagen]: A protein that keeps skin firm." in lines
    assert "*[PIH]: Dark marks left after skin has been irritated." in lines
    assert abbreviation_lines(None) == ""
    html = markdown.markdown(
        "Collagen and PIH." + abbreviation_lines(GLOSSARY), extensions=["abbr"]
    )
    titles = {a.get_text(): a["title"] for a in BeautifulSoup(html, "html.parser")("abbr")}
    assert titles == {
        "Collagen": "A protein that keeps skin firm.",
        "PIH": "Dark marks left after skin has been irritated.",
    }
