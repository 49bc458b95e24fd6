"""Make the HTML that Material for MkDocs writes pass the W3C Nu HTML Checker, and its header
buttons reachable from the keyboard.

Material 9 writes three kinds of invalid markup, in places a theme override cannot reach
(`base.html` outside any block) or could reach only by copying a large partial that another
feature also changes (`nav-item.html`). Each fix below matches Material's exact markup, so a
Material release that changes it makes the fix a no-op, and the HTML check in the test suite
(tests/site/test_checkers.py) says so, rather than this module breaking a page.
"""

from __future__ import annotations

import html as html_lib
import re

from clinicdocs.i18n.language import Language, english

TOGGLE_FORM_ID = "__md_toggles"

_TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
    ' autocomplete="off">\n'
    '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
    ' autocomplete="off">'
)
# `autocomplete` is not allowed on checkboxes. Material sets it so that Firefox does not restore
# an open drawer or search box when a page is reloaded; Firefox also honours `autocomplete="off"`
# on the control's form owner, so the toggles are given one (empty, hidden; the `form` attribute
# keeps them where they are, since Material's CSS selects their siblings).
_VALID_TOGGLES = (
    f'<form id="{TOGGLE_FORM_ID}" autocomplete="off" hidden></form>\n'
    '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
    f' form="{TOGGLE_FORM_ID}">\n'
    '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
    f' form="{TOGGLE_FORM_ID}">'
)
# Section labels in the navigation get `tabindex=""` when they are not focusable; an empty
# tabindex is invalid and means the same as none.
_EMPTY_TABINDEX_RE = re.compile(
    r'(<label class="md-nav__link[^"]*" for="[^"]*" id="[^"]*") tabindex=""'
)
# The table of contents' title is a label for the `__toc` toggle, which Material writes only when
# the page is in the navigation; elsewhere the label points at nothing.
_TOC_TITLE = '<label class="md-nav__title" for="__toc">'
# On phones and tablets the navigation and the search open from buttons in the header, labels that
# Material leaves out of the Tab order. In the order, Material's script opens them with Enter as it
# does the navigation's section labels. Their names are hidden text: a label may not carry
# aria-label, and Material turns titles into tooltips.
_HEADER_BUTTONS = {
    "__drawer": "header.menu",
    "__search": "header.search",
}
"""Each header button's toggle, and the message key of its hidden name."""


def fix_material_markup(html: str, language: Language | None = None) -> str:
    """Return a page's HTML with Material's invalid attributes replaced by valid equivalents.

    Args:
        html: a whole page as Material rendered it.
        language: the language of the header buttons' hidden names (default English).

    Returns:
        The same page, unchanged apart from the hidden toggles, empty tabindex attributes, a
        table-of-contents label without a control and the header buttons' place in the Tab order.
    """
    html = html.replace(_TOGGLES, _VALID_TOGGLES, 1)
    html = _EMPTY_TABINDEX_RE.sub(r"\1", html)
    lang = language or english()
    for toggle, key in _HEADER_BUTTONS.items():
        button = f'<label class="md-header__button md-icon" for="{toggle}">'
        focusable = (
            f'<label class="md-header__button md-icon" for="{toggle}" tabindex="0">'
            f'<span class="cd-visually-hidden">{html_lib.escape(lang.t(key))}</span>'
        )
        html = html.replace(button, focusable, 1)
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_TITLE, '<label class="md-nav__title">')
    return html
