"""What a page needs in its HTML to print well; the layout itself is in theme/.../print.css.

Two things CSS alone cannot do: print a link's address in a form a reader can use (CSS sees only
`../../concerns/melasma/`), and know the clinic and the page's review date. Both are added to the
page's HTML at build time and shown only in print.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

from clinicdocs.data.models import Review
from clinicdocs.data.site import SiteData
from clinicdocs.generate.pages import is_sheet
from clinicdocs.generate.render import phone_link
from clinicdocs.i18n.language import Language, english

_LINK_RE = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
_HREF_RE = re.compile(r'\bhref="([^"]*)"')
_TAG_RE = re.compile(r"<[^>]+>")
_BASE = "http://site.invalid/"
"""A stand-in origin for resolving a page's relative links to site-relative paths."""


def link_address(href: str, page_url: str) -> str | None:
    """What to print after a link: the address a reader can type, or None for links that need
    none (anchors on the same page, phone numbers).

    Args:
        href: the link as built (`../../concerns/melasma/`, `https://...`, `mailto:...`).
        page_url: the page's URL relative to the site root (`treatments/x/`).

    Returns:
        `example.org/path` for web addresses (the scheme adds nothing on paper), the email address
        for `mailto:`, and for a page of this site its short address from the site root
        (`concerns/melasma/`): the print header gives the site's own address once, rather than
        repeating it after every link.
    """
    href = html.unescape(href).strip()
    if not href or href.startswith(("#", "tel:", "javascript:")):
        return None
    if href.startswith("mailto:"):
        return href.removeprefix("mailto:")
    if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
        return re.sub(r"^https?://", "", href) if href.startswith(("http:", "https:")) else href
    resolved = urljoin(_BASE + page_url, href).split("#", 1)[0]
    path = resolved.removeprefix(_BASE).removesuffix("index.html")
    return path or "home page"


def annotate_links(content: str, page_url: str) -> str:
    """Give each link in a page's content a `data-cd-print` attribute holding the address that
    print.css shows after the link text. A link whose text already is its address gets none."""

    def annotate(match: re.Match[str]) -> str:
        attributes, inner = match.group(1), match.group(2)
        href = _HREF_RE.search(attributes)
        if href is None or "data-cd-print" in attributes:
            return match.group(0)
        address = link_address(href.group(1), page_url)
        text = html.unescape(_TAG_RE.sub("", inner)).strip()
        if address is None or address.rstrip("/") in text or not text:
            return match.group(0)
        return f'<a data-cd-print="{html.escape(address)}"{attributes}>{inner}</a>'

    return _LINK_RE.sub(annotate, content)


def review_of(site: SiteData, src_uri: str) -> Review | None:
    """The review record behind a generated treatment page, or None for other pages."""
    match = re.fullmatch(r"treatments/([a-z0-9-]+)\.md", src_uri)
    treatment = site.treatments.get(match.group(1)) if match else None
    return treatment.review if treatment else None


def print_header(
    site: SiteData,
    page_address: str | None,
    review: Review | None,
    language: Language | None = None,
) -> str:
    """A line shown only on paper, above the page: which clinic to call, where the page lives
    online, and when it was last reviewed.

    Args:
        site: validated data (the clinic's name and phone).
        page_address: the page's public address, when the site's address is known.
        review: the page's review record, for treatment pages.
        language: the language of the header's words and dates (default English).
    """
    lang = language or english()
    clinic = site.clinic
    parts = [
        f"<strong>{html.escape(clinic.name)}</strong>",
        f"{html.escape(lang.t('common.phone'))} "
        f'<a href="tel:{phone_link(clinic.phone)}">{html.escape(clinic.phone)}</a>',
    ]
    if review is not None:
        if review.status == "reviewed" and review.reviewed_on is not None:
            parts.append(
                html.escape(lang.t("print.last_reviewed", date=lang.date(review.reviewed_on)))
            )
        else:
            parts.append(html.escape(lang.t("print.not_reviewed")))
        if review.next_review is not None:
            parts.append(
                html.escape(lang.t("print.next_review", date=lang.date(review.next_review)))
            )
    online = ""
    if page_address:
        shown = re.sub(r"^https?://", "", page_address)
        online = (
            f"<br>{html.escape(lang.t('print.online'))} "
            f'<a href="{html.escape(page_address)}">{html.escape(shown)}</a>'
        )
    # Left out of the search index (Material's `data-search-exclude`, which its search plugin
    # removes from the page once indexed): a result's text would otherwise start with the
    # clinic's name, phone and address run together.
    return (
        f'<div class="cd-print-only cd-print-header" data-search-exclude="true">'
        f"{' · '.join(parts)}{online}</div>\n"
    )


def prepare_for_print(
    content: str,
    src_uri: str,
    page_url: str,
    site: SiteData,
    site_url: str | None,
    language: Language | None = None,
) -> str:
    """A page's HTML with link addresses for print and, except on handouts and staff sheets
    (which carry their own header), the clinic's print header on top.

    Args:
        content: the page's HTML as MkDocs rendered it.
        src_uri: the page's source path (`treatments/x.md`).
        page_url: the page's URL relative to the site root (`treatments/x/`).
        site: validated data.
        site_url: the site's public address ending in '/', or None.
        language: the language of the print header (default English).
    """
    content = annotate_links(content, page_url)
    if (src_uri.startswith("handouts/") and src_uri != "handouts/index.md") or is_sheet(src_uri):
        return content
    address = site_url + page_url if site_url else None
    return print_header(site, address, review_of(site, src_uri), language) + content
