"""editor.links: a renamed record's links in hand-written pages lead to its new pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinicdocs.editor.links import relinked, renamed_links
from clinicdocs.generate.pages import record_pages

PAGES = dict(
    zip(
        record_pages("treatments", "co2-laser"),
        record_pages("treatments", "fractional-co2"),
        strict=True,
    )
)


@pytest.mark.parametrize(
    ("folder", "before", "after"),
    [
        ("", "[laser](treatments/co2-laser.md)", "[laser](treatments/fractional-co2.md)"),
        (
            "",
            '[side effects](treatments/co2-laser.md#side-effects "Side effects")',
            '[side effects](treatments/fractional-co2.md#side-effects "Side effects")',
        ),
        ("", "[print](handouts/co2-laser/)", "[print](handouts/fractional-co2/)"),
        ("", "[day by day](recovery/co2-laser?date=2026-01-01)", None),
        (
            "guides",
            "[laser](../treatments/co2-laser.md)",
            "[laser](../treatments/fractional-co2.md)",
        ),
        ("", "[laser]: treatments/co2-laser.md", "[laser]: treatments/fractional-co2.md"),
        ("", '<a href="consent/co2-laser/">form</a>', '<a href="consent/fractional-co2/">form</a>'),
        ("", "[laser](<treatments/co2-laser.md>)", "[laser](<treatments/fractional-co2.md>)"),
    ],
)
def test_links_to_the_renamed_records_pages_follow_it(
    folder: str, before: str, after: str | None
) -> None:
    expected = after or before.replace("co2-laser", "fractional-co2")
    assert relinked(before, folder, PAGES) == expected


@pytest.mark.parametrize(
    ("folder", "text"),
    [
        ("", "[another](treatments/co2-laser-two.md)"),  # another record whose id starts so
        ("", "[elsewhere](https://example.org/treatments/co2-laser.md)"),
        ("", "[root](/treatments/co2-laser.md)"),
        ("guides", "[not the page](treatments/co2-laser.md)"),  # guides/treatments/...
        ("", "[a concern](concerns/co2-laser.md)"),
        ("", "Plain text naming treatments/co2-laser.md is not a link."),
    ],
)
def test_other_links_and_text_are_left_as_written(folder: str, text: str) -> None:
    assert relinked(text, folder, PAGES) == text


@given(
    st.text(alphabet=st.characters(blacklist_characters="[]()<>\"'#?", codec="utf-8"), max_size=60)
)
def test_text_without_links_is_never_changed(text: str) -> None:
    assert relinked(text, "", PAGES) == text


def test_every_hand_written_page_is_read_and_only_those_changed_are_given(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "guides").mkdir(parents=True)
    (docs / "index.md").write_text("[laser](treatments/co2-laser.md)\n", encoding="utf-8")
    (docs / "index.ar.md").write_text("[ليزر](treatments/co2-laser.md)\n", encoding="utf-8")
    (docs / "guides" / "a.md").write_text("[laser](../handouts/co2-laser.md)\n", "utf-8")
    (docs / "about.md").write_text("No links here.\n", encoding="utf-8")

    texts = renamed_links(docs, PAGES)

    assert texts == {
        docs / "guides" / "a.md": "[laser](../handouts/fractional-co2.md)\n",
        docs / "index.ar.md": "[ليزر](treatments/fractional-co2.md)\n",
        docs / "index.md": "[laser](treatments/fractional-co2.md)\n",
    }
    assert renamed_links(tmp_path / "no-docs", PAGES) == {}
