"""Safety sections marked in the templates: the marks never reach a page, and a translated page
can take a section's body from the source-language page, marked with its language."""

from __future__ import annotations

from clinicdocs.generate.sections import (
    section_end,
    section_start,
    strip_section_marks,
    use_source_sections,
)
from clinicdocs.i18n.language import english


def page(side_effects: str, aftercare: str) -> str:
    return (
        "# Title\n\n## Side effects\n\n"
        f"{section_start('side_effects')}\n{side_effects}\n\n{section_end()}\n\n"
        "## Aftercare\n\n"
        f"{section_start('aftercare')}\n{aftercare}\n\n{section_end()}\n\n"
        "## Questions\n\nText.\n"
    )


ARABIC = page("| الأثر |\n|---|\n| احمرار |", "- تجنب الشمس.")
ENGLISH = page("| Side effect |\n|---|\n| Redness or a fever |", "- Avoid the sun.")


def test_marks_are_stripped_leaving_tidy_markdown() -> None:
    stripped = strip_section_marks(ARABIC)
    assert "<!--" not in stripped
    assert "\n\n\n" not in stripped
    assert stripped == (
        "# Title\n\n## Side effects\n\n| الأثر |\n|---|\n| احمرار |\n\n"
        "## Aftercare\n\n- تجنب الشمس.\n\n## Questions\n\nText.\n"
    )


def test_a_section_is_taken_from_the_source_page_marked_with_its_language() -> None:
    spliced = strip_section_marks(
        use_source_sections(ARABIC, ENGLISH, ("side_effects",), english())
    )
    assert spliced == (
        "# Title\n\n## Side effects\n\n"
        '<div lang="en" dir="ltr" class="cd-source-language" markdown>\n\n'
        "| Side effect |\n|---|\n| Redness or a fever |\n\n</div>\n\n"
        "## Aftercare\n\n- تجنب الشمس.\n\n## Questions\n\nText.\n"
    )


def test_a_section_naming_several_fields_is_taken_when_any_of_them_changed() -> None:
    help_box = f"{section_start('red_flags', 'side_effects')}\nاتصل بنا\n\n{section_end()}\n"  # noqa: RUF001
    source = f"{section_start('red_flags', 'side_effects')}\nCall us\n\n{section_end()}\n"
    spliced = use_source_sections(help_box, source, ("side_effects",), english())
    assert "Call us" in spliced
    assert "اتصل بنا" not in spliced


def test_a_template_without_marks_keeps_its_page() -> None:
    unmarked = "# Title\n\n## Side effects\n\nRedness.\n"
    assert use_source_sections(unmarked, ENGLISH, ("side_effects",), english()) == unmarked
