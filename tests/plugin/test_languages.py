"""A site in several languages: every language's site under `<code>/`, `lang` and `dir` on every
page, the language switcher, `hreflang` in heads and sitemaps, pages shown in the source
language (with a notice) where a translation is missing, hand-written page translations, and
the commands that handle every language.

The fixture is the tiny test site with `languages: [en, ar, zh]` and the files in
`tests/fixtures/multilingual/` laid over it: the bare peel, the scars concern and the clinic are
translated into Arabic and Chinese (the scars' Arabic translation is reviewed, the rest drafts);
the full laser, the other concerns and the glossary are not; `docs/index.md` is translated,
`docs/about.md` is not.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Page, expect

from clinicdocs.generate.languages import LanguagePlan, record_key, relative_address
from clinicdocs.plugin.project import load_project
from support.browser import serve_directory
from support.projects import (
    FIXTURE_SITE,
    FIXTURES,
    build_project,
    copy_project,
    run_cli,
    run_mkdocs_build,
)

pytestmark = pytest.mark.build

LANGUAGES_FIXTURE = FIXTURES / "multilingual"
REGIONAL_FIXTURE = FIXTURES / "regional"
BASE = "https://example.org/tiny/"
CODES = ("en", "ar", "zh")
DIRECTION = {"en": "ltr", "ar": "rtl", "zh": "ltr"}
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def languages_project(target: Path) -> Path:
    """The tiny site with three languages, in `target`."""
    project = copy_project(FIXTURE_SITE, target)
    shutil.copytree(LANGUAGES_FIXTURE, project, dirs_exist_ok=True)
    return project


@pytest.fixture(scope="module")
def languages_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three-language tiny site, built once for this module."""
    return build_project(languages_project(tmp_path_factory.mktemp("languages") / "project"))


def language_of(path: Path, site: Path) -> str:
    """Which language's site a built file belongs to, from its folder."""
    first = path.relative_to(site).parts[0]
    return first if first in CODES[1:] else CODES[0]


def pages_of(site: Path) -> list[Path]:
    """Every HTML page of every language (assets aside)."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def site_path(page: Path, site: Path) -> str:
    """A page's path within its own language's site (`treatments/x/index.html`)."""
    relative = page.relative_to(site).as_posix()
    code = language_of(page, site)
    return relative.removeprefix(f"{code}/") if code != CODES[0] else relative


def test_every_language_is_a_whole_site_with_the_same_pages(languages_site: Path) -> None:
    by_language: dict[str, set[str]] = {code: set() for code in CODES}
    for page in pages_of(languages_site):
        by_language[language_of(page, languages_site)].add(site_path(page, languages_site))
    source = by_language["en"] - {"editorial-status/index.html"}
    assert "treatments/full-laser/index.html" in source
    assert "about/index.html" in source
    for code in CODES[1:]:
        assert by_language[code] == source, code
        assert (languages_site / code / "search" / "search_index.json").is_file()
        assert (languages_site / code / "sitemap.xml").is_file()
        # robots.txt and the open data are the root's only.
        assert not (languages_site / code / "robots.txt").exists()
        assert not (languages_site / code / "api").exists()


def test_every_page_of_every_language_has_lang_and_dir(languages_site: Path) -> None:
    checked = dict.fromkeys(CODES, 0)
    for page in pages_of(languages_site):
        code = language_of(page, languages_site)
        document = soup(page)
        html = document.find("html")
        assert isinstance(html, Tag)
        assert (html.get("lang"), html.get("dir")) == (code, DIRECTION[code]), page
        body = document.find("body")
        assert isinstance(body, Tag)
        assert body.get("dir") == DIRECTION[code], page  # Material's RTL layout
        checked[code] += 1
    assert min(checked.values()) >= 15, checked


def switcher_links(page: Path) -> list[Tag]:
    return list(soup(page).select(".cd-language-switcher a.md-select__link"))


def resolve(link: str, page: Path) -> Path:
    """The file a relative link on `page` opens (directory URLs: its index.html)."""
    target = (page.parent / unquote(urlsplit(link).path)).resolve()
    return target / "index.html" if target.is_dir() else target


SWITCHER_PAGES = [
    "index.html",
    "treatments/index.html",
    "treatments/full-laser/index.html",
    "treatments/bare-peel/index.html",
    "categories/peels/index.html",
    "concerns/scars/index.html",
    "concerns/index.html",
    "glossary/index.html",
    "handouts/index.html",
    "handouts/full-laser/index.html",
    "about/index.html",
    "404.html",
]


@pytest.mark.parametrize("path", SWITCHER_PAGES)
def test_switcher_lands_on_the_same_page_in_every_language(languages_site: Path, path: str) -> None:
    for code in CODES:
        page = languages_site / (path if code == "en" else f"{code}/{path}")
        links = switcher_links(page)
        if path == "404.html":
            # Shown at any address, it cannot know "the same page": no switcher.
            assert links == []
            continue
        assert [a.get("hreflang") for a in links] == list(CODES), page
        assert [a.get("lang") for a in links] == list(CODES)
        assert [a.get_text(strip=True) for a in links] == ["English", "العربية", "简体中文"]
        for link in links:
            href = str(link.get("href"))
            assert not urlsplit(href).scheme, href  # relative
            assert not href.startswith("/"), href
            target = resolve(href, page)
            assert target.is_file(), f"{page}: {href}"
            assert language_of(target, languages_site) == link.get("hreflang")
            assert site_path(target, languages_site) == path
            current = link.get("hreflang") == code
            assert (link.get("aria-current") == "page") is current


def test_pages_built_in_one_language_only_have_no_switcher(languages_site: Path) -> None:
    assert switcher_links(languages_site / "editorial-status" / "index.html") == []
    assert soup(languages_site / "editorial-status" / "index.html").select("link[hreflang]") == []


def hreflang_of(page: Path) -> dict[str, str]:
    return {
        str(link.get("hreflang")): str(link.get("href"))
        for link in soup(page).select('head link[rel="alternate"][hreflang]')
    }


def test_hreflang_in_the_head_lists_the_languages_a_page_exists_in(languages_site: Path) -> None:
    expected = {
        "en": f"{BASE}",
        "ar": f"{BASE}ar/",
        "zh": f"{BASE}zh/",
        "x-default": f"{BASE}",
    }
    for code in CODES:
        home = languages_site / ("index.html" if code == "en" else f"{code}/index.html")
        assert hreflang_of(home) == expected
    index = {key: f"{url}treatments/" for key, url in expected.items()}
    assert hreflang_of(languages_site / "ar" / "treatments" / "index.html") == index
    peel = {key: f"{url}treatments/bare-peel/" for key, url in expected.items()}
    for code in CODES:
        folder = languages_site if code == "en" else languages_site / code
        assert hreflang_of(folder / "treatments" / "bare-peel" / "index.html") == peel
        assert hreflang_of(folder / "handouts" / "bare-peel" / "index.html") == {
            key: url.replace("treatments/", "handouts/") for key, url in peel.items()
        }
        # Not translated: it exists in English only.
        assert hreflang_of(folder / "treatments" / "full-laser" / "index.html") == {}
        assert hreflang_of(folder / "glossary" / "index.html") == {}
    # about.md has no translation: it exists in English only, so no alternates anywhere.
    assert hreflang_of(languages_site / "about" / "index.html") == {}
    assert hreflang_of(languages_site / "ar" / "about" / "index.html") == {}


def sitemap(path: Path) -> dict[str, dict[str, str]]:
    """`{loc: {hreflang: href}}` of a sitemap."""
    root = ET.parse(path).getroot()
    out = {}
    for url in root.findall("s:url", SITEMAP_NS):
        loc = url.findtext("s:loc", namespaces=SITEMAP_NS) or ""
        out[loc] = {
            str(link.get("hreflang")): str(link.get("href"))
            for link in url.findall("x:link", SITEMAP_NS)
            if link.get("rel") == "alternate"
        }
    return out


def test_sitemaps_carry_the_alternates_and_robots_names_every_sitemap(
    languages_site: Path,
) -> None:
    root = sitemap(languages_site / "sitemap.xml")
    alternates = {"en": BASE, "ar": f"{BASE}ar/", "zh": f"{BASE}zh/", "x-default": BASE}
    assert root[BASE] == alternates
    assert root[f"{BASE}about/"] == {}
    arabic = sitemap(languages_site / "ar" / "sitemap.xml")
    assert arabic[f"{BASE}ar/"] == alternates
    # Pages shown in English in the Arabic site are the English site's: listed there only.
    assert f"{BASE}ar/about/" not in arabic
    assert f"{BASE}ar/treatments/full-laser/" not in arabic
    assert f"{BASE}ar/glossary/" not in arabic
    assert arabic[f"{BASE}ar/treatments/bare-peel/"] == {
        "en": f"{BASE}treatments/bare-peel/",
        "ar": f"{BASE}ar/treatments/bare-peel/",
        "zh": f"{BASE}zh/treatments/bare-peel/",
        "x-default": f"{BASE}treatments/bare-peel/",
    }
    assert all(loc.startswith(f"{BASE}ar/") for loc in arabic)
    robots = (languages_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in robots if line.startswith("Sitemap:")] == [
        f"Sitemap: {BASE}sitemap.xml",
        f"Sitemap: {BASE}ar/sitemap.xml",
        f"Sitemap: {BASE}zh/sitemap.xml",
    ]


UNTRANSLATED_AR = "هذه الصفحة غير متوفرة بعد باللغة العربية. وهي معروضة باللغة English."


@pytest.mark.parametrize(
    ("path", "title", "section"),
    [
        ("treatments/full-laser/index.html", "Full laser", "What it is"),
        ("handouts/full-laser/index.html", "Aftercare: Full laser", None),
        ("glossary/index.html", "Glossary", None),
        ("about/index.html", "About the tiny clinic", None),
    ],
)
def test_an_untranslated_page_is_shown_in_the_source_language_under_a_notice(
    languages_site: Path, path: str, title: str, section: str | None
) -> None:
    page = languages_site / "ar" / path
    article = soup(page).select_one("article")
    assert article is not None
    notice = article.select_one(".cd-translation-notice")
    assert notice is not None
    assert notice.find_parent(attrs={"lang": "en"}) is None  # the notice is in Arabic
    assert UNTRANSLATED_AR in notice.get_text(" ", strip=True)
    back = notice.select_one("a[hreflang=en]")
    assert back is not None
    assert site_path(resolve(str(back.get("href")), page), languages_site) == path
    assert language_of(resolve(str(back.get("href")), page), languages_site) == "en"
    wrapper = article.select_one("div.cd-source-language")
    assert wrapper is not None
    assert (wrapper.get("lang"), wrapper.get("dir")) == ("en", "ltr")
    heading = wrapper.find("h1")
    assert heading is not None
    assert heading.get_text(strip=True).removesuffix("¶") == title
    if section:
        assert section in [h.get_text(strip=True).removesuffix("¶") for h in wrapper("h2")]
    # The source language's own page has no notice.
    assert soup(languages_site / path).select(".cd-translation-notice") == []


def test_a_hand_written_translation_replaces_its_page(languages_site: Path) -> None:
    arabic = soup(languages_site / "ar" / "index.html")
    h1 = arabic.select_one("article h1")
    assert h1 is not None
    assert h1.get_text(strip=True).removesuffix("¶") == "عيادة الاختبار الصغيرة"
    assert arabic.select(".cd-translation-notice") == []
    assert arabic.select("div.cd-source-language") == []
    # Its generated blocks are filled: a link to every treatment's page.
    hrefs = {str(a.get("href")) for a in arabic.select("article a")}
    assert {"treatments/full-laser/", "treatments/bare-peel/"} <= hrefs
    # The treatment with no Arabic translation is named in English, marked so (and isolated, so
    # it keeps its own direction); the translated one in Arabic.
    names = {
        str(a.get("href")): (a.get_text(strip=True), [b.get("lang") for b in a.select("bdi")])
        for a in arabic.select("article a[href^=treatments]")
    }
    assert names["treatments/full-laser/"] == ("Full laser", ["en"])
    assert names["treatments/bare-peel/"] == ("التقشير البسيط", [])
    chinese = soup(languages_site / "zh" / "index.html").select_one("article h1")
    assert chinese is not None
    assert chinese.get_text(strip=True).removesuffix("¶") == "小型测试诊所"
    english = soup(languages_site / "index.html").select_one("article h1")
    assert english is not None
    assert english.get_text(strip=True).removesuffix("¶") == "Tiny clinic"
    # `index.ar.md` is never a page of its own, in any language.
    assert list(languages_site.rglob("index.ar*")) == []
    assert list(languages_site.rglob("index.zh*")) == []


def test_a_translation_of_a_page_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    project = languages_project(tmp_path / "p")
    (project / "docs" / "prices.ar.md").write_text("# الأسعار\n", encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert (
        "docs/prices.ar.md: translates 'prices.md', which does not exist in docs/; "
        "name it after the page it translates." in result.stderr
    )


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        ("[en, ar, ar]", "'ar' is listed twice"),
        (
            "[en, 'Arabic!']",
            "'Arabic!' is not a language code (Material's codes: en, ar, zh, fr, pt-BR, ...)",
        ),
        ("[]", "expected a list of language codes, e.g. [en, ar, zh]"),
    ],
)
def test_a_bad_languages_option_is_a_config_error_naming_it(
    tmp_path: Path, languages: str, message: str
) -> None:
    """MkDocs validates the option (`clinicdocs.plugin.config`) and words the error; the
    commands read mkdocs.yml through MkDocs and show the same line."""
    project = languages_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("[en, ar, zh]", languages)
    config.write_text(text, encoding="utf-8")
    error = f"Config value 'plugins': Plugin 'clinicdocs' option 'languages': {message}"
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert f"ERROR   -  {error}" in result.stderr.splitlines()
    assert not (project / "site").exists()
    validate = run_cli(project, "validate")
    assert (validate.returncode, validate.stdout, validate.stderr) == (1, "", f"Error: {error}\n")


def test_a_language_without_messages_is_named_with_the_data_problems(tmp_path: Path) -> None:
    project = languages_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("[en, ar, zh]", "[en, ar, xx]"),
        encoding="utf-8",
    )
    (project / "data" / "clinic.xx.yml").write_text("translation: {}\n", encoding="utf-8")
    for result in (run_mkdocs_build(project), run_cli(project, "validate")):
        assert result.returncode == 1
        assert "messages/xx.yml: there are no messages for the language 'xx'" in result.stderr
        # Reported together with the data's problems, in one run.
        assert "data/clinic.xx.yml:1:1: disclaimer: missing;" in result.stderr
    assert not (project / "site").exists()


def test_the_languages_default_to_the_theme_language(tmp_path: Path) -> None:
    project = copy_project(FIXTURE_SITE, tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert load_project(project).languages == ["en"]  # Material's own default language
    config.write_text(text.replace("  name: material\n", "  name: material\n  language: ar\n"))
    assert load_project(project).languages == ["ar"]
    loaded = load_project(project)
    loaded.config.theme["language"] = None  # a theme that names no language
    assert loaded.languages == ["en"]
    config.write_text(
        text.replace("  - clinicdocs\n", "  - clinicdocs:\n      languages: [en, pt-BR, es-419]\n")
    )
    assert load_project(project).languages == ["en", "pt-BR", "es-419"]


def test_a_one_language_site_has_no_switcher_and_no_language_folders(tiny_site: Path) -> None:
    assert not (tiny_site / "ar").exists()
    page = soup(tiny_site / "treatments" / "full-laser" / "index.html")
    assert page.select(".md-select") == []
    assert page.select("link[hreflang]") == []
    html = page.find("html")
    assert isinstance(html, Tag)
    assert (html.get("lang"), html.get("dir")) == ("en", "ltr")


def test_search_is_configured_per_language(languages_site: Path) -> None:
    def config(code: str) -> dict[str, object]:
        folder = languages_site if code == "en" else languages_site / code
        index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        return dict(index["config"]) | {"docs": index["docs"]}

    assert config("en")["lang"] == ["en"]
    assert config("ar")["lang"] == ["ar"]  # lunr's Arabic stemmer and normaliser
    chinese = config("zh")
    # Material's Chinese setup: the separator splits on the zero-width spaces jieba's
    # segmentation puts between words when the index is built.
    assert "\\u200b" in str(chinese["separator"])
    docs: list[dict[str, str]] = chinese["docs"]  # type: ignore[assignment]
    title = next(doc["title"] for doc in docs if doc["title"].startswith("小型"))
    assert title.split("\u200b") == ["小型", "测试", "诊所"]


def test_clinicdocs_build_puts_every_language_in_place(tmp_path: Path) -> None:
    project = languages_project(tmp_path / "p")
    result = run_cli(project, "build", "--site-dir", "out")
    assert result.returncode == 0, result.stderr
    assert (project / "out" / "ar" / "treatments" / "full-laser" / "index.html").is_file()
    assert (project / "out" / "zh" / "index.html").is_file()
    assert [p.name for p in project.iterdir() if p.name.startswith(".out")] == []


def test_offline_build_switcher_links_are_files(tmp_path: Path) -> None:
    project = languages_project(tmp_path / "p")
    result = run_cli(project, "build", "--offline")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    page = site / "ar" / "treatments" / "full-laser.html"
    targets = [resolve(str(a.get("href")), page) for a in switcher_links(page)]
    assert targets == [
        site / "treatments" / "full-laser.html",
        page,
        site / "zh" / "treatments" / "full-laser.html",
    ]
    assert all(target.is_file() for target in targets)


def test_export_writes_a_folder_per_language(tmp_path: Path) -> None:
    project = languages_project(tmp_path / "p")
    result = run_cli(project, "export", "--out", "pages")
    assert result.returncode == 0, result.stderr
    out = project / "pages"
    assert (out / "treatments" / "full-laser.md").is_file()
    for code in CODES[1:]:
        assert (out / code / "treatments" / "full-laser.md").is_file()
        assert (out / code / "treatments" / "bare-peel.md").is_file()
    counts = re.findall(r"^wrote (\d+) pages to (\S+)$", result.stdout, re.MULTILINE)
    assert [folder for _, folder in counts] == ["pages", "pages/ar", "pages/zh"]
    assert len({count for count, _ in counts}) == 1  # the same pages in every language


def test_validate_checks_every_language(tmp_path: Path) -> None:
    project = languages_project(tmp_path / "p")
    result = run_cli(project, "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data is valid: 2 treatments, 3 concerns")
    (project / "docs" / "prices.zh.md").write_text("# 价格\n", encoding="utf-8")
    result = run_cli(project, "validate")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "docs/prices.zh.md: translates 'prices.md', which does not exist in docs/; "
        "name it after the page it translates."
    )


@pytest.mark.parametrize(
    ("uri", "key"),
    [
        ("treatments/x.md", "treatments/x"),
        ("handouts/x.md", "treatments/x"),
        ("concerns/y.md", "concerns/y"),
        ("glossary.md", "glossary"),
        ("treatments/index.md", None),
        ("handouts/index.md", None),
        ("categories/peels/index.md", None),
        ("about.md", None),
    ],
)
def test_record_key_of_a_page(uri: str, key: str | None) -> None:
    assert record_key(uri) == key


@pytest.mark.parametrize(
    ("target", "here", "link"),
    [
        ("ar/treatments/x/", "treatments/x/", "../../ar/treatments/x/"),
        ("treatments/x/", "ar/treatments/x/", "../../../treatments/x/"),
        ("ar/", "", "ar/"),
        ("", "zh/", "../"),
        ("", "", "./"),
        ("zh/index.html", "ar/index.html", "../zh/index.html"),
        ("treatments/x.html", "ar/treatments/x.html", "../../treatments/x.html"),
    ],
)
def test_relative_links_between_language_sites(target: str, here: str, link: str) -> None:
    assert relative_address(target, here) == link


def test_plan_without_site_url_gives_relative_hreflang() -> None:
    from clinicdocs.i18n.language import load_language

    plan = LanguagePlan([load_language(code) for code in CODES], None)
    assert plan.hreflang("index.md", "", "ar") == [
        ("en", "../"),
        ("ar", "./"),
        ("zh", "../zh/"),
        ("x-default", "../"),
    ]


# In a real browser: each language's search finds its own language, and the switcher works
# from a sub-path.

RESULTS_MS = 30_000
SUB_PATH = "/patient-info/"


@pytest.fixture(scope="module")
def served(languages_site: Path) -> Iterator[str]:
    """The three-language site served under a sub-path, for this module's browser tests."""
    with serve_directory(languages_site, SUB_PATH) as base:
        yield base


def search(page: Page, url: str, query: str) -> None:
    """Type `query` into the header's search box on `url`."""
    page.goto(url)
    box = page.locator("header input.md-search__input")
    box.click()
    box.fill(query)
    # Material searches on keyup; typing Arabic or Chinese sends none (Playwright inserts the
    # text, as an input method does), so a key that changes nothing finishes the query.
    box.press("End")
    expect(box).to_have_value(query)


def result_pages(page: Page) -> set[str]:
    """The addresses (query and fragment removed) of the search results' pages, once there are
    any."""
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=RESULTS_MS)
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    hrefs = links.evaluate_all("l => l.map(a => a.href)")
    return {re.split(r"[?#]", str(href))[0] for href in hrefs}


@pytest.mark.browser
def test_arabic_search_finds_the_arabic_page(page: Page, served: str) -> None:
    search(page, f"{served}ar/", "يفكك")  # "loosens", in the bare peel's Arabic text only
    assert f"{served}ar/treatments/bare-peel/" in result_pages(page)
    expect(page.locator(".md-search-result__item").first).to_contain_text("يفكك")
    search(page, f"{served}ar/", "لبشرتك")  # "for your skin", on the Arabic home page only
    assert result_pages(page) == {f"{served}ar/"}
    # The English site has its own index, in English: the Arabic word is not in it.
    search(page, served, "لبشرتك")
    expect(page.locator(".md-search-result__meta")).to_have_text(
        re.compile(r"\s*No matching documents\s*"), timeout=RESULTS_MS
    )


@pytest.mark.browser
def test_an_untranslated_page_in_the_arabic_site_reads_left_to_right(
    page: Page, served: str
) -> None:
    page.goto(f"{served}ar/treatments/full-laser/")
    wrapper = page.locator("div.cd-source-language")
    assert wrapper.evaluate("el => getComputedStyle(el).direction") == "ltr"
    # Material aligns table cells by the site's direction (right, in Arabic); English cells
    # start at the left.
    cells = wrapper.locator("table th, table td")
    assert cells.count() > 0
    aligned = cells.evaluate_all("cs => cs.map(c => getComputedStyle(c).textAlign)")
    assert set(aligned) <= {"start", "left"}, aligned


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_an_untranslated_pages_lists_keep_their_bullets_inside_the_arabic_page(
    page: Page, served: str, width: int
) -> None:
    """Left-to-right lists in a right-to-left site are indented at their own start, so their
    bullets show (on screen and on paper) and a phone's page does not scroll sideways."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{served}ar/treatments/full-laser/")
    items = page.locator("div.cd-source-language ul:not(.task-list) > li:visible")
    assert items.count() > 3
    article = page.locator("article.md-content__inner").bounding_box()
    assert article is not None
    for index in range(items.count()):
        item = items.nth(index)
        assert item.evaluate("li => getComputedStyle(li).listStyleType") == "disc"
        box = item.bounding_box()
        assert box is not None
        # The bullet stands in the item's start margin, inside the article.
        margin = float(item.evaluate("li => parseFloat(getComputedStyle(li).marginLeft)"))
        assert margin > 10, index
        assert box["x"] - margin >= article["x"] - 1, index
    assert page.evaluate("document.documentElement.scrollWidth") == width


@pytest.mark.browser
def test_an_untranslated_handouts_checklists_stay_flush_in_the_arabic_site(
    page: Page, served: str
) -> None:
    """The handout's checklists draw their own boxes, at the start of the line, as in English;
    its other lists keep their bullets."""
    page.emulate_media(media="print")
    for site in ("", "ar/"):
        page.goto(f"{served}{site}handouts/full-laser/")
        checklist_items = page.locator(".cd-checklist ul > li")
        assert checklist_items.count() > 0
        margins = checklist_items.evaluate_all(
            "lis => lis.map(li => getComputedStyle(li).marginLeft)"
        )
        assert set(margins) == {"0px"}, (site, margins)
        bullets = page.locator(".cd-handout ul:not(.task-list) > li:not(.cd-checklist li)")
        assert bullets.count() > 0
        styles = bullets.evaluate_all("lis => lis.map(li => getComputedStyle(li).listStyleType)")
        assert set(styles) == {"disc"}, (site, styles)
        assert (
            min(
                bullets.evaluate_all(
                    "lis => lis.map(li => parseFloat(getComputedStyle(li).marginLeft))"
                )
            )
            > 10
        ), site


@pytest.mark.browser
def test_two_character_chinese_query_finds_the_chinese_page(page: Page, served: str) -> None:
    search(page, f"{served}zh/", "换肤")  # "peel": two characters, a word of the bare peel's
    assert f"{served}zh/treatments/bare-peel/" in result_pages(page)


@pytest.mark.browser
def test_switcher_in_the_browser_lands_on_the_same_page(page: Page, served: str) -> None:
    page.goto(f"{served}ar/treatments/full-laser/")
    page.locator(".cd-language-switcher button").hover()
    chinese = page.locator(".cd-language-switcher a", has_text="简体中文")
    expect(chinese).to_be_visible()
    with page.expect_navigation():
        chinese.click()
    assert page.url == f"{served}zh/treatments/full-laser/"
    assert page.locator("html").get_attribute("lang") == "zh"
    page.locator(".cd-language-switcher button").hover()
    with page.expect_navigation():
        page.locator(".cd-language-switcher a", has_text="English").click()
    assert page.url == f"{served}treatments/full-laser/"


@pytest.mark.browser
def test_page_alternates_make_material_fetch_no_sitemap(page: Page, served: str) -> None:
    """Material fetches `sitemap.xml` next to each `rel="alternate"` link; for page alternates
    that would be `ar/treatments/sitemap.xml` (a 404), or a request to the public host."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{served}ar/treatments/")
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if "sitemap" in url or not url.startswith(served)] == []
    alternates = page.locator('head link[rel="alternate"][hreflang]')
    expect(alternates).to_have_count(4)  # still there once the page has started


def article_of(page: Path) -> Tag:
    article = soup(page).select_one("article")
    assert article is not None
    return article


def test_a_translated_page_is_in_its_language_with_the_draft_notice(
    languages_site: Path,
) -> None:
    article = article_of(languages_site / "ar" / "treatments" / "bare-peel" / "index.html")
    assert article.select("div.cd-source-language") == []
    heading = article.find("h1")
    assert heading is not None
    assert heading.get_text(strip=True).removesuffix("¶") == "التقشير البسيط"
    assert "حمض يفكك الطبقة العليا من الجلد." in article.get_text(" ", strip=True)
    notice = article.select_one(".cd-translation-notice")
    assert notice is not None
    assert notice.get_text(strip=True) == "لم يراجع أي مختص طبي هذه الترجمة بعد."
    # The category keeps its address; its name is the translation's.
    category = soup(languages_site / "ar" / "categories" / "peels" / "index.html").find("h1")
    assert category is not None
    assert category.get_text(strip=True).removesuffix("¶") == "التقشير"
    chinese = article_of(languages_site / "zh" / "treatments" / "bare-peel" / "index.html")
    assert "基础换肤" in chinese.get_text(" ", strip=True)


def test_a_reviewed_translation_names_its_reviewer(languages_site: Path) -> None:
    notice = article_of(languages_site / "ar" / "concerns" / "scars" / "index.html").select_one(
        ".cd-translation-notice"
    )
    assert notice is not None
    text = notice.get_text(" ", strip=True)
    assert "Dr Test" in text
    assert "2026" in text or "٢٠٢٦" in text
    assert "لم يراجع" not in text  # not the draft notice


def test_an_outdated_translation_says_so_and_links_the_source(tmp_path: Path) -> None:
    project = languages_project(tmp_path / "p")
    record = project / "data" / "treatments" / "bare-peel.yml"
    text = record.read_text(encoding="utf-8")
    changed = text.replace(
        "how_it_works: An acid loosens the top layer of skin.",
        "how_it_works: An acid loosens the top layer of skin, which then peels off.",
    )
    assert changed != text
    record.write_text(changed, encoding="utf-8")
    # --strict builds: the outdated translation is logged as info, not as a warning, unless the
    # plugin's `strict_translations` is on.
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    (logged,) = [line for line in result.stderr.splitlines() if "bare-peel.ar.yml" in line]
    assert logged.startswith(
        "INFO    -  clinicdocs: data/treatments/bare-peel.ar.yml:2:19: translation.source_version: "
        "warning[translation]: the 'ar' translation was made from an older version of "
        "bare-peel.yml"
    )
    page = project / "site" / "ar" / "treatments" / "bare-peel" / "index.html"
    notice = article_of(page).select_one(".cd-translation-outdated")
    assert notice is not None
    assert "قد تكون هذه الترجمة قديمة" in notice.get_text(" ", strip=True)
    link = notice.select_one("a[hreflang=en]")
    assert link is not None
    source = resolve(str(link.get("href")), page)
    assert source == project / "site" / "treatments" / "bare-peel" / "index.html"
    # Still the (old) translation, not the source.
    assert "حمض يفكك الطبقة العليا من الجلد." in article_of(page).get_text(" ", strip=True)
    # An outdated translation still exists in its language: it keeps its alternates.
    assert "ar" in hreflang_of(project / "site" / "treatments" / "bare-peel" / "index.html")


@pytest.fixture(scope="module")
def served_sample(sample_site: Path) -> Iterator[str]:
    """The sample site (English, Arabic, Chinese), served under a sub-path."""
    with serve_directory(sample_site, SUB_PATH) as base:
        yield base


@pytest.mark.browser
def test_sample_chinese_search_for_laser_finds_the_chinese_treatment_page(
    page: Page, served_sample: str
) -> None:
    search(page, f"{served_sample}zh/", "激光")  # "laser": two characters
    found = result_pages(page)
    assert f"{served_sample}zh/treatments/co2-fractional-laser/" in found
    assert all(url.startswith(f"{served_sample}zh/") for url in found)


@pytest.mark.browser
def test_sample_arabic_search_finds_the_arabic_treatment_page(
    page: Page, served_sample: str
) -> None:
    search(page, f"{served_sample}ar/", "التجزيئي")  # "fractional"
    found = result_pages(page)
    assert f"{served_sample}ar/treatments/co2-fractional-laser/" in found
    assert all(url.startswith(f"{served_sample}ar/") for url in found)


def test_a_regional_language_code_works_end_to_end(tmp_path: Path) -> None:
    """`es-419` (a BCP 47 code with a region, which Material has no texts for): its translation
    files are recognised, its site is built with the nearest theme language (`es`), and its pages
    carry the whole code."""
    project = copy_project(FIXTURE_SITE, tmp_path / "project")
    shutil.copytree(REGIONAL_FIXTURE, project, dirs_exist_ok=True)
    validate = run_cli(project, "validate")
    assert validate.returncode == 0, validate.stderr
    assert "translations: es-419: 2 current, 0 outdated, 5 missing." in validate.stdout
    site = build_project(project)
    page = soup(site / "es-419" / "concerns" / "scars" / "index.html")
    assert page.html is not None
    assert (page.html["lang"], page.html["dir"]) == ("es-419", "ltr")
    heading = page.find("h1")
    assert heading is not None
    assert heading.get_text(strip=True) == "Cicatrices"
    search = page.find("input", attrs={"name": "query"})
    assert search is not None
    assert search["placeholder"] == "Búsqueda"  # Material's Spanish texts
    index = json.loads((site / "es-419" / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["es"]
    english = soup(site / "concerns" / "scars" / "index.html")
    alternates = {
        link["hreflang"]: link["href"] for link in english.find_all("link", rel="alternate")
    }
    assert alternates["es-419"] == "https://example.org/tiny/es-419/concerns/scars/"


def test_a_language_the_project_adds_may_lag_behind_english(tmp_path: Path) -> None:
    """A text missing from the project's own `messages/es-419.yml` (English gained it since) is
    shown in English and reported, as a lagging translation of the data is; only a clinic that
    sets `strict_translations` has its build stopped by it."""
    project = copy_project(FIXTURE_SITE, tmp_path / "project")
    shutil.copytree(REGIONAL_FIXTURE, project, dirs_exist_ok=True)
    messages = project / "messages" / "es-419.yml"
    text = messages.read_text(encoding="utf-8")
    dropped = "  see_all_concerns: See all concerns\n"
    assert dropped in text
    messages.write_text(text.replace(dropped, ""), encoding="utf-8")
    # A missing text is placed where its section begins, the place to add it.
    line = text.splitlines().index("concern:") + 2
    lagging = (
        f"messages/es-419.yml:{line}:3: concern.see_all_concerns: not translated yet; pages "
        "show the English text 'See all concerns' meanwhile."
    )

    validate = run_cli(project, "validate")
    assert validate.returncode == 0, validate.stderr
    assert (
        "messages/es-419.yml: 1 text not translated yet, shown in English "
        "(`clinicdocs translations` lists them)." in validate.stdout.splitlines()
    )
    table = run_cli(project, "translations")
    assert ["messages", "1", "texts", "missing"] in [
        row.split() for row in table.stdout.splitlines()
    ]

    site = build_project(project)
    page = soup(site / "es-419" / "concerns" / "scars" / "index.html")
    assert "See all concerns" in [a.get_text(strip=True) for a in page.find_all("a")]

    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "languages: [en, es-419]", "languages: [en, es-419]\n      strict_translations: true"
        ),
        encoding="utf-8",
    )
    strict = run_mkdocs_build(project)
    assert strict.returncode == 1
    assert f"WARNING -  clinicdocs: {lagging}" in strict.stderr.splitlines()
