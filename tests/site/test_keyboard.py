"""Keyboard use of the built sample site in Chromium: the skip link comes first and works, every
control can be reached with Tab, and the focused control always shows it has focus."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from support.checkers import PAGES, VIEWPORTS

pytestmark = [pytest.mark.build, pytest.mark.browser]

NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"

# Every control a keyboard user may need: what the page offers to a mouse user, shown on screen.
# Material's hidden radio inputs for the colour scheme are reached instead of their labels.
MARK_CONTROLS = """() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
        + '[tabindex]:not([tabindex="-1"])';
    const controls = [...document.querySelectorAll(selector)].filter(el =>
        !el.disabled && el.getAttribute("tabindex") !== "-1"
        && (el.classList.contains("md-option") ? tabStopOfGroup(el)
            : el.checkVisibility({visibilityProperty: true, opacityProperty: !isSkip(el)})
              && el.getBoundingClientRect().width > 0));
    controls.forEach((el, i) => { el.dataset.kb = String(i); });
    return controls.map(el => describe(el));
    // Tab stops at a radio group's checked button, or at its first when none is checked.
    function tabStopOfGroup(el) {
        const group = [...document.querySelectorAll(`input[name="${el.name}"]`)];
        return el.checked || (!group.some(radio => radio.checked) && el === group[0]);
    }
    // The skip link is transparent until it has focus; "Back to top" is transparent, and out of
    // the Tab order, until the reader scrolls back up.
    function isSkip(el) { return el.classList.contains("md-skip"); }
    function describe(el) {
        const text = el.getAttribute("aria-label") || el.title || el.textContent.trim() || el.id;
        return `${el.tagName.toLowerCase()}.${el.className} "${text.slice(0, 40)}"`;
    }
}"""

# What shows focus: an outline or a shadow on the element (or, for the colour-scheme radio, on
# the label beside it that is drawn in its place), or a background that differs from unfocused.
FOCUS_STYLE = """(el) => {
    const shown = el.classList.contains("md-option") ? el.nextElementSibling : el;
    const style = getComputedStyle(shown);
    return {
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== "none",
        background: style.backgroundColor,
    };
}"""


# Chromium scrolls a focused element into view; one that stays outside the viewport is hidden
# off screen (as Material's closed navigation drawer was on phones).
ON_SCREEN = """(el) => {
    const box = el.getBoundingClientRect();
    return box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight;
}"""


def open_page(chromium: Browser, url: str, view: str) -> Page:
    """A fresh page at `url` with transitions off, so styles read back are the final ones."""
    width, height = VIEWPORTS[view]
    page = chromium.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.add_style_tag(content=NO_TRANSITIONS)
    return page


@pytest.mark.parametrize("view", VIEWPORTS)
def test_skip_link_is_first_and_moves_to_the_content(
    chromium: Browser, served_sample: str, view: str
) -> None:
    page = open_page(chromium, served_sample + PAGES["treatment"], view)
    try:
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        assert page.evaluate("el => el.textContent.trim()", focused) == "Skip to content"
        box = page.evaluate("el => el.getBoundingClientRect().toJSON()", focused)
        assert box["width"] > 0
        assert 0 <= box["top"] < VIEWPORTS[view][1]
        assert page.evaluate("el => getComputedStyle(el).opacity", focused) == "1"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#co2-fractional-laser"
        # The next Tab continues from the page's heading, not from the top of the page.
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.md-content')")
    finally:
        page.close()


@pytest.mark.parametrize("view", VIEWPORTS)
@pytest.mark.parametrize("kind", ["treatment", "home", "glossary", "consent sheet"])
def test_every_control_is_reached_by_tab_and_shows_focus(
    chromium: Browser, served_sample: str, kind: str, view: str
) -> None:
    page = open_page(chromium, served_sample + PAGES[kind], view)
    try:
        controls = page.evaluate(MARK_CONTROLS)
        unfocused = {
            str(i): page.evaluate(FOCUS_STYLE, page.locator(f"[data-kb='{i}']").element_handle())
            for i in range(len(controls))
        }
        reached: set[str] = set()
        no_focus_shown: list[str] = []
        off_screen: list[str] = []
        last = ""
        for _ in range(len(controls) * 2 + 20):
            page.keyboard.press("Tab")
            index = page.evaluate("document.activeElement.dataset.kb || ''")
            # A date field is one control with a Tab stop per part (day, month, year).
            if not index or index == last:
                continue
            if index in reached:
                break
            last = index
            reached.add(index)
            style = page.evaluate(FOCUS_STYLE, page.evaluate_handle("document.activeElement"))
            if not page.evaluate(ON_SCREEN, page.evaluate_handle("document.activeElement")):
                off_screen.append(controls[int(index)])
            if not (
                style["outline"]
                or style["shadow"]
                or style["background"] != unfocused[index]["background"]
            ):
                no_focus_shown.append(controls[int(index)])
        missed = [controls[int(i)] for i in map(str, range(len(controls))) if i not in reached]
        assert not missed, f"not reached with Tab on {kind}:\n" + "\n".join(missed)
        assert not no_focus_shown, f"no visible focus on {kind}:\n" + "\n".join(no_focus_shown)
        assert not off_screen, f"focus off screen on {kind}:\n" + "\n".join(off_screen)
        described = "\n".join(controls)
        assert "Skip to content" in described
        assert "Search" in described
        assert "Switch to dark mode" in described
        if kind == "treatment":
            assert described.count("summary.") == page.locator("details > summary").count() > 0
            assert "Print this page" in described
        if view == "phone":
            assert 'label.md-header__button md-icon "Menu"' in described
        elif kind == "treatment":
            assert "label.md-nav__link" in described  # the sidebar's section toggles
    finally:
        page.close()


def test_palette_toggle_works_from_the_keyboard(chromium: Browser, served_sample: str) -> None:
    page = open_page(chromium, served_sample + PAGES["treatment"], "desktop")
    try:
        assert page.get_attribute("body", "data-md-color-scheme") == "default"
        for _ in range(5):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('md-option')"):
                break
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
            "Switch to dark mode"
        )
        page.keyboard.press("Enter")
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        page.keyboard.press("Enter")
        page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    finally:
        page.close()


def test_search_button_opens_the_search_on_a_phone(chromium: Browser, served_sample: str) -> None:
    page = open_page(chromium, served_sample + PAGES["treatment"], "phone")
    try:
        # Skip link, menu, logo, colour scheme, then the language switcher and its languages.
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('for') === '__search'"):
                break
        assert page.evaluate("document.activeElement.textContent.trim()") == "Search"
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('__search').checked")
        page.locator(".md-search__input").wait_for(state="visible")
    finally:
        page.close()


def test_menu_button_opens_the_navigation_on_a_phone(chromium: Browser, served_sample: str) -> None:
    page = open_page(chromium, served_sample + PAGES["treatment"], "phone")
    try:
        menu = page.locator("label.md-header__button[for='__drawer']")
        assert page.locator(".md-sidebar--primary a[href='../../glossary/']").is_hidden()
        for _ in range(5):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('for') === '__drawer'"):
                break
        assert menu.evaluate("el => el === document.activeElement")
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('__drawer').checked")
        glossary = page.locator(".md-sidebar--primary a[href='../../glossary/']")
        glossary.wait_for(state="visible")
        for _ in range(80):
            page.keyboard.press("Tab")
            if glossary.evaluate("el => el === document.activeElement"):
                break
        assert glossary.evaluate("el => el === document.activeElement")
        assert page.evaluate(ON_SCREEN, glossary.element_handle())
    finally:
        page.close()
