"""Arabic and Chinese sites: self-hosted fonts that cover every character, right-to-left layout,
and `clinicdocs pdf` printing every language's handouts.

Until the multi-language build lands, a language's site is stood in for by the tiny fixture with
`theme.language: ar` (or `zh`, which Material lays out left to right) and the Arabic or Chinese
texts of tests/fixtures/languages/, built into `<site>/<code>/` of the English build, where the
multi-language build puts it.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from playwright.sync_api import Browser, Page, Route

from clinicdocs.generate.pages import page_address, recovery_uri
from clinicdocs.html.fonts import FONT_STYLESHEET, shown_characters
from clinicdocs.i18n.language import load_language
from support.browser import serve_directory
from support.pdfs import pdf_info, pdf_text, require_tool
from support.projects import FIXTURE_SITE, FIXTURES, copy_project, run_cli_process, run_mkdocs_build

pytestmark = [pytest.mark.build, pytest.mark.browser]

LANGUAGES = FIXTURES / "languages"
TID = "full-laser"


def language_project(target: Path, code: str) -> Path:
    """The tiny fixture in `code`: its Arabic or Chinese texts, and Material's theme language."""
    project = copy_project(FIXTURE_SITE, target)
    for source in (LANGUAGES / code).rglob("*.yml"):
        (project / source.relative_to(LANGUAGES / code)).write_bytes(source.read_bytes())
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  name: material\n", f"  name: material\n  language: {code}\n"))
    return project


@dataclass(frozen=True)
class Sites:
    """The English tiny site with the Arabic and Chinese ones under ar/ and zh/, printed."""

    project: Path
    site: Path
    pdf: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    root = tmp_path_factory.mktemp("languages")
    english = copy_project(FIXTURE_SITE, root / "en")
    built = run_mkdocs_build(english)
    assert built.returncode == 0, built.stderr
    for code in ("ar", "zh"):
        project = language_project(root / code, code)
        built = run_mkdocs_build(project, "--site-dir", str(english / "site" / code))
        assert built.returncode == 0, built.stderr
    printed = run_cli_process(english, "pdf")
    assert printed.returncode == 0, printed.stderr
    return Sites(english, english / "site", printed)


def served_fonts(site: Path) -> list[Path]:
    """The font files a site's font stylesheet serves."""
    css = (site / FONT_STYLESHEET).read_text(encoding="utf-8")
    urls = re.findall(r'url\("\.\./fonts/([^"]+)"\)', css)
    assert urls, css
    return [site / "assets" / "fonts" / name for name in urls]


# ---- Fonts ----------------------------------------------------------------------------------


def test_only_arabic_and_chinese_sites_get_fonts(sites: Sites) -> None:
    english_pages = [
        page
        for page in sites.site.rglob("*.html")
        if page.relative_to(sites.site).parts[0] not in ("ar", "zh")
    ]
    assert not (sites.site / "assets" / "fonts").exists()
    assert not (sites.site / FONT_STYLESHEET).exists()
    assert all("clinicdocs-fonts.css" not in p.read_text() for p in english_pages)
    assert all('rel="preload"' not in p.read_text() for p in english_pages)
    # Each page preloads its main font, both weights, in CORS mode; not the Chinese one, too big
    # to preload (fonts.Family.preload). The 404 page's links are absolute (from site_url).
    for code, family, preloaded in (
        ("ar", "Noto Sans Arabic", "noto-sans-arabic-"),
        ("zh", "Noto Sans SC", None),
    ):
        site = sites.site / code
        main = {
            font for font in served_fonts(site) if preloaded and font.name.startswith(preloaded)
        }
        assert len(main) == (2 if preloaded else 0)
        for page in sorted(site.rglob("*.html")):
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            links = soup.select('link[rel="stylesheet"][href$="clinicdocs-fonts.css"]')
            assert len(links) == 1, page
            preloads = soup.select('link[rel="preload"][as="font"]')
            hrefs = [str(link["href"]) for link in preloads]
            assert {href.rsplit("/", 1)[-1] for href in hrefs} == {font.name for font in main}
            relative = {(page.parent / href).resolve() for href in hrefs if href[0] != "/"}
            assert not relative or relative == {font.resolve() for font in main}, page
            assert all(link.has_attr("crossorigin") for link in preloads)
        css = (site / FONT_STYLESHEET).read_text(encoding="utf-8")
        assert re.search(rf'--md-text-font: "clinicdocs {family}"', css), css
        assert "SIL Open Font License" in (site / "assets" / "fonts" / "OFL.txt").read_text()


@pytest.mark.parametrize("code", ["ar", "zh"])
def test_served_fonts_cover_every_character_of_every_page(sites: Sites, code: str) -> None:
    """New content cannot silently fall back to a device's fonts (or to blank boxes)."""
    site = sites.site / code
    covered: set[int] = set()
    for font in served_fonts(site):
        covered |= set(TTFont(str(font)).getBestCmap())
    pages = sorted(site.rglob("*.html"))
    assert any("handouts" in p.parts for p in pages)
    uncovered = {}
    for page in pages:
        for char in shown_characters(page.read_text(encoding="utf-8")):
            if ord(char) not in covered and not char.isspace():
                uncovered.setdefault(char, page.relative_to(site).as_posix())
    assert uncovered == {}
    script = {"ar": "\u0627", "zh": "\u6fc0"}[code]  # alef; 激, of the treatment's name
    assert ord(script) in covered


def test_a_character_no_bundled_font_has_fails_the_strict_build(tmp_path: Path) -> None:
    project = language_project(tmp_path / "zh", "zh")
    record = project / "data" / "treatments" / f"{TID}.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("保持清洁。", "保持清洁\U00020000。"), encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert re.search(
        r"WARNING +- +clinicdocs: no bundled font has the character '\U00020000' \(U\+20000\), "
        rf"used on (handouts|treatments)/{TID}/: readers whose device lacks it see a blank box",
        result.stderr,
    ), result.stderr


# ---- PDFs -----------------------------------------------------------------------------------


def test_pdf_prints_every_languages_handouts_and_names_the_language(sites: Sites) -> None:
    lines = sites.pdf.stdout.splitlines()
    assert lines[1] == "languages: en, ar, zh"
    progress = [line for line in lines if line.startswith("[")]
    targets = {
        line.split("] ", 1)[1].split(" -> ")[0]: line.split(" -> ")[1].rsplit(" (", 1)[0]
        for line in progress
    }
    assert targets == {
        f"{code}: {prefix}handouts/{tid}/": f"site/{prefix}pdf/{tid}.pdf"
        for code, prefix in (("en", ""), ("ar", "ar/"), ("zh", "zh/"))
        for tid in ("bare-peel", TID)
    }
    # Each language's handouts link its own PDFs.
    for prefix in ("", "ar/", "zh/"):
        handout = (sites.site / prefix / "handouts" / TID / "index.html").read_text()
        assert re.findall(r'id="pdf-[^"]+"><a href="([^"]+)"', handout) == [f"../../pdf/{TID}.pdf"]
        label = load_language(prefix.strip("/") or "en").t("handout.pdf_link", paper="A4")
        assert f'type="application/pdf">{label}</a>' in handout


# pdftotext reads Arabic ligatures back wrongly: lam-alef and lam-alef maksura come out as
# alef-lam and alef maksura-lam ("الاختبار" as "االختبار", "على" as "عىل"). Compared without
# those letters, every other letter still has to be there, in order.
LIGATURE_LETTERS = re.compile("[\u0627\u0622\u0623\u0625\u0644\u0649]")


def comparable(text: str) -> str:
    """Text as pdftotext reads it: without its direction marks, Arabic ligatures' letters, and
    with single spaces."""
    text = LIGATURE_LETTERS.sub("", text.replace("\u202b", "").replace("\u202c", ""))
    return " ".join(text.split())


HANDOUT_TEXTS = {
    # pdftotext puts a right-to-left line's full stop at its start: the texts leave it out.
    "ar": ["الليزر الكامل", "حافظ على نظافة المنطقة", "المكياج", "اليوم الأول", "ضع كمادة باردة"],
    "zh": ["全面激光", "保持清洁。", "化妆。", "第一个月", "小型测试诊所", "持续超过 3 天。"],
}


@pytest.mark.parametrize("code", ["ar", "zh"])
def test_handout_pdf_has_the_languages_text_on_one_or_two_pages(sites: Sites, code: str) -> None:
    pdf = sites.site / code / "pdf" / f"{TID}.pdf"
    assert 1 <= int(pdf_info(pdf)["Pages"]) <= 2
    text = comparable(pdf_text(pdf))
    language = load_language(code)
    headings = [language.t("handout.steps"), language.t("handout.side_effects")]
    for words in [*headings, *HANDOUT_TEXTS[code]]:
        assert comparable(words) in text, (code, words)
    assert "+44 20 7946 0999" in text
    assert "112" in text
    fonts = subprocess.run(
        [require_tool("pdffonts", "poppler-utils"), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if code == "ar":
        # The site's own font, embedded (Chromium embeds Chinese CFF fonts as unnamed Type 3).
        assert re.search(r"\+NotoSansArabic-(Regular|Bold)\b", fonts), fonts
    embedded = [line.split()[-5] for line in fonts.splitlines()[2:]]  # the "emb" column
    assert embedded, fonts
    assert set(embedded) == {"yes"}, fonts


def test_arabic_handout_qr_code_still_decodes(sites: Sites, tmp_path: Path) -> None:
    zbarimg = require_tool("zbarimg", "zbar-tools")
    pdftoppm = require_tool("pdftoppm", "poppler-utils")
    image = tmp_path / "ar"
    pdf = sites.site / "ar" / "pdf" / f"{TID}.pdf"
    subprocess.run(
        [pdftoppm, "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, image],
        check=True,
    )
    decoded = subprocess.run(
        [zbarimg, "--quiet", "--raw", f"{image}.png"], capture_output=True, text=True, check=False
    )
    assert decoded.returncode == 0, decoded.stderr
    # The stand-in Arabic site has the fixture's site_url: the multi-language build adds ar/.
    assert decoded.stdout.split() == [page_address("https://example.org/tiny/", recovery_uri(TID))]


# ---- Right-to-left layout, in a browser -------------------------------------------------------


def open_page(chromium: Browser, url: str, width: int) -> Page:
    page = chromium.new_context(viewport={"width": width, "height": 900}).new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    return page


BOX = "el => { const r = el.getBoundingClientRect(); return [r.left, r.right, r.width]; }"


def test_arabic_handout_mirrors(sites: Sites, chromium: Browser) -> None:
    with serve_directory(sites.site) as base:
        page = open_page(chromium, f"{base}ar/handouts/{TID}/", 1280)
        direction = "getComputedStyle(document.querySelector('.cd-handout')).direction"
        assert page.evaluate(direction) == "rtl"
        assert page.evaluate("document.body.dir") == "rtl"
        qr = page.locator(".cd-qr").evaluate(BOX)
        heading = page.locator(".cd-handout__heading").evaluate(BOX)
        assert qr[1] <= heading[0], "the QR code is on the left, the heading on its right"
        # Do on the right, Avoid on its left; each tick box at the item's right (its start).
        do, avoid = page.locator(".cd-stage").first.locator(".cd-checklist").all()
        assert avoid.evaluate(BOX)[1] <= do.evaluate(BOX)[0]
        item = page.locator(".cd-checklist li").first
        padding = item.evaluate(
            "el => [getComputedStyle(el).paddingLeft, getComputedStyle(el).paddingRight]"
        )
        assert padding[0] == "0px", padding
        assert padding[1] != "0px", padding
        box = item.evaluate(
            "el => { const s = getComputedStyle(el, '::before'); return [s.left, s.right]; }"
        )
        assert box[1] == "0px", box
        assert box[0] != "0px", box
        # The phone number keeps its digit groups in order inside Arabic text.
        order = page.locator(".cd-handout__help a[href^='tel:']").first.evaluate(
            """el => { const text = el.firstChild, range = document.createRange();
                const at = s => { const i = text.data.indexOf(s); range.setStart(text, i);
                    range.setEnd(text, i + s.length); return range.getBoundingClientRect().left; };
                return [at('+44'), at('0999')]; }"""
        )
        assert order[0] < order[1], order
        page.context.close()


def test_arabic_treatment_page_mirrors(sites: Sites, chromium: Browser) -> None:
    with serve_directory(sites.site) as base:
        page = open_page(chromium, f"{base}ar/treatments/{TID}/", 1280)
        assert page.evaluate("document.body.dir") == "rtl"
        timeline = page.locator(".cd-timeline").evaluate(
            "el => [getComputedStyle(el).borderLeftWidth, getComputedStyle(el).borderRightWidth]"
        )
        assert timeline[0] == "0px", timeline
        assert timeline[1] != "0px", timeline
        content = page.locator(".md-content").evaluate(BOX)
        navigation = page.locator(".md-sidebar--primary").evaluate(BOX)
        assert navigation[0] >= content[1], "the navigation is on the right"
        th = page.locator(".cd-cards tbody th").first.evaluate(
            "el => getComputedStyle(el).textAlign"
        )
        assert th in ("start", "right")
        # Numbered steps: the number at the right of its text.
        step = page.locator(".md-typeset ol > li").first
        assert step.evaluate("el => getComputedStyle(el).direction") == "rtl"
        page.context.close()


@pytest.mark.parametrize("prefix", ["", "ar/", "zh/"])
def test_no_sideways_scroll_at_phone_width(sites: Sites, chromium: Browser, prefix: str) -> None:
    with serve_directory(sites.site) as base:
        for url in (f"handouts/{TID}/", f"treatments/{TID}/"):
            page = open_page(chromium, f"{base}{prefix}{url}", 390)
            widths = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert widths[0] <= widths[1], (prefix + url, widths)
            page.context.close()


def test_fonts_come_from_the_site_itself(sites: Sites, chromium: Browser) -> None:
    with serve_directory(sites.site, "/patient-info/") as base:
        own = urlsplit(base).netloc
        for code, family in (("ar", "Noto Sans Arabic"), ("zh", "Noto Sans SC")):
            context = chromium.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda request, seen=requests: seen.append(request.url))
            page.goto(f"{base}{code}/treatments/{TID}/")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.wait_for_load_state("networkidle")
            fonts = [url for url in requests if url.endswith(".woff2")]
            assert fonts, requests
            assert all(urlsplit(url).netloc == own for url in requests if "://" in url)
            assert all(f"/patient-info/{code}/assets/fonts/" in url for url in fonts)
            loaded = page.evaluate(
                "family => [...document.fonts].filter(f => f.family === family"
                " && f.status === 'loaded').length",
                f"clinicdocs {family}",
            )
            assert loaded >= 1, family
            used = page.locator("h1").evaluate("el => getComputedStyle(el).fontFamily")
            assert used.startswith(f'"clinicdocs {family}"'), used
            context.close()


LAYOUT_SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) window.layoutShift += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


def rendered_font(page: Page, selector: str) -> str:
    """The font Chromium really drew `selector`'s text with (not just the one CSS asks for)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return str(max(fonts, key=lambda font: font["glyphCount"])["familyName"])


@pytest.mark.parametrize("code", ["ar", "zh"])
def test_a_font_arriving_late_moves_no_text(sites: Sites, chromium: Browser, code: str) -> None:
    """On a slow connection the page keeps the device's font rather than re-wrapping its text
    under the reader when the site's font arrives (a layout shift); the next page has it. The
    Arabic font is preloaded, so it is used even when the browser must ask the host whether its
    copy is current (fonts built a moment ago); the Chinese one, too big to preload, is used
    from the cache (fonts as a host caching assets serves them: unchanged for a long time)."""
    if code == "zh":
        long_ago = time.time() - 365 * 24 * 3600
        for font in served_fonts(sites.site / code):
            os.utime(font, (long_ago, long_ago))
    with serve_directory(sites.site) as base:
        context = chromium.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.add_init_script(LAYOUT_SHIFTS)
        late: list[str] = []

        def arrive_late(route: Route) -> None:
            late.append(route.request.url)
            time.sleep(1.5)  # long past the first paint of a page served from this machine
            route.continue_()

        page.route("**/*.woff2", arrive_late)
        page.goto(f"{base}{code}/treatments/{TID}/")
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_load_state("networkidle")
        assert late, "the page asked for no font"
        assert page.evaluate("window.layoutShift") == 0
        assert not rendered_font(page, "h1").startswith("Noto Sans")

        page.unroute("**/*.woff2")
        page.reload()
        page.evaluate("document.fonts.ready.then(() => true)")
        assert rendered_font(page, "h1").startswith("Noto Sans")
        context.close()


def test_phone_header_short_name_starts_at_the_right_in_arabic(
    sample_site: Path, chromium: Browser
) -> None:
    """On a phone the header shows the clinic's short name; in Arabic it starts at the right,
    beside the menu button, and a name too long for the space ends with '…' on the left."""
    title = ".md-header__title .md-header__topic:first-child > .md-ellipsis"
    shown = (
        "el => { const s = getComputedStyle(el, '::after');"
        " return [s.content, s.left, s.right, s.textOverflow]; }"
    )
    with serve_directory(sample_site) as base:
        page = open_page(chromium, f"{base}ar/treatments/co2-fractional-laser/", 390)
        content, left, right, overflow = page.locator(title).evaluate(shown)
        assert "ريفرسايد" in content
        assert right == "0px", (left, right)
        assert overflow == "ellipsis"
        page.context.close()
        page = open_page(chromium, f"{base}treatments/co2-fractional-laser/", 390)
        content, left, right, overflow = page.locator(title).evaluate(shown)
        assert "Riverside Skin (sample)" in content
        assert left == "0px", (left, right)
        page.context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_glossary_tooltips_stay_on_screen_in_arabic(
    sample_site: Path, chromium: Browser, width: int
) -> None:
    """A term at the right edge and one with "and" written onto it (والببتيدات, "and peptides")
    are explained, and their tooltips open inside the window."""
    with serve_directory(sample_site) as base:
        page = open_page(chromium, f"{base}ar/treatments/laser-mesotherapy/", width)
        for term in ("طبقة البشرة", "والببتيدات"):
            abbr = page.locator("article abbr", has_text=term).first
            abbr.scroll_into_view_if_needed()
            abbr.hover()
            tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
            tooltip.wait_for(state="visible")
            left, right, window = tooltip.evaluate(
                "el => { const r = el.getBoundingClientRect();"
                " return [r.left, r.right, document.documentElement.clientWidth]; }"
            )
            assert left >= 0, (term, left)
            assert right <= window, (term, right, window)
            assert tooltip.inner_text().strip(), term
            page.mouse.move(0, 0)
            tooltip.wait_for(state="hidden")
        page.context.close()
