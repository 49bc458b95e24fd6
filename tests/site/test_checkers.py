"""Independent checkers on the built sample site: axe-core's WCAG 2.0/2.1/2.2 A and AA rules on
one page of every type, light and dark, desktop and phone; the W3C Nu HTML Checker on every page.

The checkers come from npm (`make audit-tools`); Lighthouse runs in scripts/audit.py instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from support.browser import serve_directory
from support.checkers import (
    PAGES,
    SCHEMES,
    VIEWPORTS,
    require_checkers,
    run_axe,
    run_vnu,
)


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("view", VIEWPORTS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGES)
def test_axe_finds_no_wcag_violation(
    chromium: Browser, served_sample: str, kind: str, scheme: str, view: str
) -> None:
    require_checkers()
    width, height = VIEWPORTS[view]
    context = chromium.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(served_sample + PAGES[kind])
        # The check is only worth something if the page is styled in the scheme asked for.
        assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
        assert page.locator("link[href*='clinicdocs.css']").count() == 1
        assert page.evaluate("getComputedStyle(document.body).display") == "flex"  # CSS loaded
        violations = run_axe(page)
    finally:
        context.close()
    assert not violations, f"axe on {kind} ({PAGES[kind] or '/'}), {scheme}, {view}:\n" + (
        "\n".join(violation.describe() for violation in violations)
    )


@pytest.mark.browser
def test_axe_reports_a_violation_it_should(tmp_path: Path, chromium: Browser) -> None:
    """The axe check can fail: an unlabelled field and grey-on-white text are reported."""
    require_checkers()
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><main>'
        '<input type="text"><p style="color:#bbb">faint</p></main></body></html>',
        encoding="utf-8",
    )
    with serve_directory(tmp_path) as base:
        page = chromium.new_page()
        page.goto(base)
        rules = {violation.rule for violation in run_axe(page)}
        page.close()
    assert {"label", "color-contrast"} <= rules


@pytest.mark.build
def test_every_built_page_is_valid_html(sample_site: Path) -> None:
    require_checkers()
    files = sorted(sample_site.rglob("*.html"))
    kinds = {str(path.relative_to(sample_site)) for path in files}
    assert {"index.html", "404.html", "treatments/co2-fractional-laser/index.html"} <= kinds
    assert len(files) >= 25
    errors = run_vnu(files, sample_site)
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(
        error.describe() for error in errors[:40]
    )


def test_html_check_reports_material_toggles_it_should(tmp_path: Path) -> None:
    """The HTML check can fail: Material's own markup, before clinicdocs fixes it, is invalid."""
    require_checkers()
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>\n'
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">\n'
        '<label class="md-nav__link" for="__drawer" tabindex="">x</label></body></html>',
        encoding="utf-8",
    )
    messages = [error.message for error in run_vnu([page], tmp_path)]
    assert any("autocomplete" in message for message in messages), messages
    assert any("tabindex" in message for message in messages), messages
