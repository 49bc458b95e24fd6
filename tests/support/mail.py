"""What an HTML email must be to show the same in common mail clients and leak nothing: parsed
with the standard library's HTML parser, independently of how clinicdocs writes it."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
"""Elements without an end tag (HTML's void elements)."""
FORBIDDEN = frozenset(
    {
        *("script", "style", "link", "img", "iframe", "object", "embed", "form", "input"),
        *("base", "frame", "frameset", "audio", "video", "picture", "source", "svg", "math"),
    }
)
"""Elements an email must not have: scripts, style blocks and stylesheets (styles go inline),
images and other outside content, forms."""
URL_ATTRIBUTES = frozenset("href src srcset action background poster cite data".split())  # noqa: SIM905


class _EmailChecker(HTMLParser):
    def __init__(self, site_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.site_url = site_url
        self.problems: list[str] = []
        self.open: list[str] = []
        self.root: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = f"line {self.getpos()[0]}: <{tag}>"
        if tag == "html":
            self.root = dict(attrs)
        if tag in FORBIDDEN:
            self.problems.append(f"{where} is not allowed in an email")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{where} has an event handler {name}")
            if name in URL_ATTRIBUTES and not (value or "").startswith(
                (self.site_url, "tel:", "mailto:")
            ):
                self.problems.append(f"{where} {name}={value!r} points outside the site")
            if name == "style" and any(
                word in (value or "").lower() for word in ("url(", "@import", "expression(")
            ):
                self.problems.append(f"{where} style loads something: {value!r}")
            if name == "http-equiv":
                self.problems.append(f"{where} has http-equiv")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.problems.append(f"line {self.getpos()[0]}: </{tag}> closes a void element")
        elif not self.open or self.open[-1] != tag:
            expected = self.open[-1] if self.open else "nothing"
            self.problems.append(f"line {self.getpos()[0]}: </{tag}> where {expected} is open")
        else:
            self.open.pop()


def email_problems(document: str, site_url: str) -> list[str]:
    """Why `document` is not a safe, well-formed HTML email (none when it is).

    Checked: no forbidden element (script, style block, stylesheet link, image, frame, form...),
    no `on*` attribute, links and sources only to `site_url` (the site's https address),
    `tel:` and `mailto:`, no style that loads anything, every element closed in order, and an
    `<html>` element with `lang` and `dir`.
    """
    checker = _EmailChecker(site_url)
    checker.feed(document)
    checker.close()
    problems = list(checker.problems)
    if checker.open:
        problems.append(f"left open at the end: {checker.open}")
    if not checker.root.get("lang") or checker.root.get("dir") not in ("ltr", "rtl"):
        problems.append(f"<html> needs lang and dir, has {checker.root}")
    return problems


def html_root(document: str) -> dict[str, str | None]:
    """The attributes of the document's `<html>` element."""
    checker = _EmailChecker("")
    checker.feed(document)
    return checker.root
