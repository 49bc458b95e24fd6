"""Message files (`clinicdocs.i18n`): validation, Babel dates and numbers, and one-language
sites whose every fixed text is in the theme's language."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from clinicdocs.errors import DataError
from clinicdocs.generate.pages import generate
from clinicdocs.html.printing import print_header
from clinicdocs.i18n.language import (
    PACKAGE_MESSAGES,
    Language,
    MessageError,
    available_languages,
    english,
    load_language,
)
from clinicdocs.load import load_site
from support.content import TREATMENT_SECTIONS
from support.projects import (
    ROOT,
    build_project,
    copy_project,
    project_languages,
    run_cli,
    run_mkdocs_build,
)

PACKAGE_LANGUAGES = ["ar", "en", "zh"]
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

REQUIRED_KEYS = [
    "language.name",
    "language.direction",
    "language.locale",
    "nav.home",
    "nav.treatments",
    "nav.concerns",
    "nav.glossary",
    "nav.handouts",
    "switcher.label",
    "notice.untranslated",
    "notice.outdated",
    "notice.read_source",
    "notice.translation_draft",
    "notice.translation_reviewed",
]

SECTION_KEYS = [
    "treatment.what_it_is",
    "treatment.how_it_works",
    "treatment.what_it_can_treat",
    "treatment.limits",
    "treatment.alternatives",
    "treatment.who_it_suits",
    "treatment.who_should_not",
    "treatment.before",
    "treatment.on_the_day",
    "treatment.side_effects",
    "treatment.aftercare",
    "treatment.when_to_get_help",
    "treatment.faq",
    "treatment.sources",
    "treatment.last_reviewed",
]
"""The message keys of `TREATMENT_SECTIONS`, in the same order."""

ENGLISH_TEMPLATE_TEXTS = [
    *TREATMENT_SECTIONS,
    "Print this page",
    "Aftercare handout to print",
    "Draft: not yet checked by a clinician",
    "No clinician has reviewed this page yet",
    "Also known as:",
    "Type of treatment:",
    "At a glance",
    "Book a consultation",
    "Do not have this treatment if",
    "Talk to your practitioner first",
    "How common",
    "How long it lasts",
    "What to do",
    "Contact us if",
    "if you notice:",
    "In an emergency",
    "general safety advice",
    "Not stated",
    "Next review due",
    "not yet reviewed",
    "Date of treatment",
    "Practitioner:",
    "Scan to read more online",
    "Print this handout",
    "Full information about",
    "Aftercare, step by step",
    "Tick each box",
    "Normal after this treatment",
    "Less common",
    "lasts",
    "Call us / seek urgent help",
    "Emergency:",
    "Read more online",
    "Opening hours:",
    "Follow us:",
    "Disclaimer:",
    "Phone",
    "Online:",
    "Not yet reviewed by a clinician",
]
"""Texts the English templates, theme and print header put on a treatment page or handout;
none of them is in the sample's data (checked below), so finding one on a page in another
language means a template text was left untranslated."""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _problems(code: str, project: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_language(code, project)
    return [str(p) for p in caught.value.relative_to(project).problems]


# Every package language


def test_package_languages_are_english_arabic_and_chinese() -> None:
    assert available_languages() == PACKAGE_LANGUAGES
    assert sorted(p.name for p in PACKAGE_MESSAGES.glob("*.yml")) == [
        "ar.yml",
        "en.yml",
        "zh.yml",
    ]


@pytest.mark.parametrize("code", PACKAGE_LANGUAGES)
def test_every_package_language_has_every_key_with_englishs_placeholders(code: str) -> None:
    language = load_language(code)
    reference = english().messages
    assert set(language.messages) == set(reference)
    for key, text in language.messages.items():
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(reference[key])), key
        assert text.strip(), key
    for key in REQUIRED_KEYS:
        assert key in language.messages


def test_arabic_and_chinese_texts_are_translated() -> None:
    """No text was left in English by mistake (a few are the same in every language)."""
    reference = english().messages
    same_everywhere = {"list.full_stop", "handout.normal_effect", "glossary.also"}
    same_everywhere |= {"handout.less_common_effect", "language.direction"}
    same_everywhere |= {"treatment.how_common_meaning"}  # "{frequency} ({meaning})"
    same_everywhere |= {"facts.with_note"}  # "{value}. {note}"
    same_everywhere |= {"recovery.calendar_stage"}  # "{treatment}: {stage}"
    same_everywhere |= {"sheets.side_effect_line"}  # "**{effect}**: {how_common}."
    for code in ("ar", "zh"):
        texts = load_language(code).messages
        untranslated = sorted(
            key
            for key, text in texts.items()
            if text == reference[key] and key not in same_everywhere
        )
        assert untranslated == [], code


def test_language_names_directions_and_locales() -> None:
    found = {code: load_language(code) for code in PACKAGE_LANGUAGES}
    assert [(lang.name, lang.direction, lang.locale) for lang in found.values()] == [
        ("العربية", "rtl", "ar"),
        ("English", "ltr", "en_GB"),
        ("简体中文", "ltr", "zh_Hans_CN"),
    ]


# Dates, numbers, lists


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", ["21 November 2026", "1 March 2027"]),
        ("ar", ["21 نوفمبر 2026", "1 مارس 2027"]),
        ("zh", ["2026年11月21日", "2027年3月1日"]),
    ],
)
def test_long_dates_follow_the_language(code: str, expected: list[str]) -> None:
    language = load_language(code)
    assert [language.date(dt.date(2026, 11, 21)), language.date(dt.date(2027, 3, 1))] == expected


def test_english_dates_keep_the_form_the_site_always_had() -> None:
    day = dt.date(2025, 1, 5)
    while day < dt.date(2027, 1, 1):
        assert english().date(day) == f"{day.day} {day:%B %Y}"
        day += dt.timedelta(days=17)


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", ["3", "1,234.5"]), ("ar", ["3", "1,234.5"]), ("zh", ["3", "1,234.5"])],
)
def test_numbers_follow_the_language(code: str, expected: list[str]) -> None:
    language = load_language(code)
    assert [language.number(3), language.number(1234.5)] == expected


def test_numbers_use_the_locales_separators() -> None:
    """A locale with other conventions shows them: Babel, not Python's own formatting."""
    german = Language("de", "Deutsch", "ltr", "de_DE", {})
    assert german.number(1234.5) == "1.234,5"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", ["a", "a or b", "a, b or c", "Is it?", "Yes."]),
        ("ar", ["a", "a أو b", "a، b أو c", "Is it?", "Yes."]),
        ("zh", ["a", "a或b", "a、b或c", "Is it?", "Yes。"]),
    ],
)
def test_lists_and_full_stops_follow_the_language(code: str, expected: list[str]) -> None:
    language = load_language(code)
    got = [
        language.or_list(["a"]),
        language.or_list(["a", "b"]),
        language.or_list(["a", "b", "c"]),
        language.full_stop("Is it?"),
        language.full_stop("Yes"),
    ]
    assert got == expected


def test_t_fills_placeholders_and_refuses_unknown_keys() -> None:
    language = english()
    assert language.t("handout.title", treatment="Peel") == "Aftercare: Peel"
    with pytest.raises(MessageError, match=r"no message 'handout\.titel'.*'handout\.title'"):
        language.t("handout.titel")
    with pytest.raises(MessageError, match=r"needs a value for \{treatment\}"):
        language.t("handout.title")


# Validation of message files


def test_project_override_changes_one_text(tmp_path: Path) -> None:
    _write(tmp_path / "messages" / "en.yml", "treatment:\n  side_effects: Possible side effects\n")
    language = load_language("en", tmp_path)
    assert language.t("treatment.side_effects") == "Possible side effects"
    assert language.t("treatment.how_it_works") == "How it works", "the others stay"


def test_bad_override_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    _write(
        tmp_path / "messages" / "ar.yml",
        "language:\n"
        "  direction: up\n"
        "  locale: xx_QQ\n"
        "treatment:\n"
        "  sied_effects: الآثار\n"
        '  red_flags_intro: "تواصل مع {clinic} فورًا إذا لاحظت:"\n'
        '  draft_text: "{clinic} {surname}"\n'
        "handout:\n"
        "  do: [a, b]\n",
    )
    assert _problems("ar", tmp_path) == [
        "messages/ar.yml:2:14: language.direction: must be 'ltr' or 'rtl', not 'up'.",
        "messages/ar.yml:3:11: language.locale: 'xx_QQ' is not a locale Babel knows; "
        "use one such as 'en_GB', 'ar' or 'zh_Hans_CN'.",
        "messages/ar.yml:5:3: treatment.sied_effects: unknown key; "
        "did you mean 'treatment.side_effects'?",
        "messages/ar.yml:6:20: treatment.red_flags_intro: has the placeholders {clinic}; "
        "the English text has {clinic}, {phone}. Keep each {name} exactly as written "
        "(translate the words around it).",
        "messages/ar.yml:7:15: treatment.draft_text: has the placeholders {clinic}, {surname}; "
        "the English text has {clinic}. Keep each {name} exactly as written "
        "(translate the words around it).",
        "messages/ar.yml:9:7: handout.do: must be text, not a list.",
    ]


def _french_lacking(*lines: str) -> str:
    """English's message file made French, less the given lines."""
    english_file = (PACKAGE_MESSAGES / "en.yml").read_text(encoding="utf-8")
    french = english_file.replace("  locale: en_GB", "  locale: fr_FR")
    french = french.replace("  name: English\n", "  name: Français\n")
    french = french.replace(
        "  side_effects: Side effects\n", "  side_effects: Effets secondaires\n"
    )
    for line in lines:
        assert line in french
        french = french.replace(line, "")
    return french


def test_a_new_language_may_lag_behind_english(tmp_path: Path) -> None:
    # A French file that has not caught up with two texts: they are shown in English, and
    # listed, as a lagging translation of the data is, never an error.
    french = _french_lacking("  search: Search\n", "  ask_us: Ask us\n")
    _write(tmp_path / "messages" / "fr.yml", french)
    language = load_language("fr", tmp_path)
    assert language.t("header.search") == "Search"
    assert language.t("not_found.ask_us") == "Ask us"
    assert language.t("treatment.side_effects") == "Effets secondaires"
    header_line = french.splitlines().index("header:") + 1
    not_found_line = french.splitlines().index("not_found:") + 1
    lagging = [str(p) for p in language.lagging]
    assert [line.replace(str(tmp_path) + "/", "") for line in lagging] == sorted(
        [
            f"messages/fr.yml:{header_line + 1}:3: header.search: not translated yet; pages "
            "show the English text 'Search' meanwhile.",
            f"messages/fr.yml:{not_found_line + 1}:3: not_found.ask_us: not translated yet; "
            "pages show the English text 'Ask us' meanwhile.",
        ],
        key=lambda line: int(line.split(":")[1]),
    )
    assert load_language("ar", tmp_path).lagging == (), "the package's languages are complete"


def test_a_new_language_needs_its_name_direction_and_locale(tmp_path: Path) -> None:
    french = _french_lacking("  direction: ltr\n", "  search: Search\n")
    _write(tmp_path / "messages" / "fr.yml", french)
    (problem,) = _problems("fr", tmp_path)
    assert problem.startswith("messages/fr.yml:")
    assert problem.endswith("language.direction: missing; the English text is 'ltr'.")


def test_new_language_from_the_project(tmp_path: Path) -> None:
    english_file = (PACKAGE_MESSAGES / "en.yml").read_text(encoding="utf-8")
    french = english_file.replace("  locale: en_GB", "  locale: fr_FR").replace(
        "  name: English\n", "  name: Français\n"
    )
    french = french.replace(
        "  side_effects: Side effects\n", "  side_effects: Effets secondaires\n"
    )
    _write(tmp_path / "messages" / "fr.yml", french)
    language = load_language("fr", tmp_path)
    assert language.name == "Français"
    assert language.t("treatment.side_effects") == "Effets secondaires"
    assert language.date(dt.date(2026, 11, 21)) == "21 novembre 2026"
    assert "fr" in available_languages(tmp_path)


def test_a_language_without_messages_is_an_error_naming_it(tmp_path: Path) -> None:
    assert _problems("fr", tmp_path) == [
        "messages/fr.yml: there are no messages for the language 'fr' (languages with "
        "messages: ar, en, zh); add messages/fr.yml with every text of "
        "src/clinicdocs/messages/en.yml translated."
    ]
    assert _problems("../etc", tmp_path) == [
        "messages/../etc.yml: '../etc' is not a language code such as 'en' or 'ar'."
    ]


def test_message_file_with_bad_yaml_is_reported_not_raised(tmp_path: Path) -> None:
    _write(tmp_path / "messages" / "zh.yml", "nav:\n  home: [首页\n")
    (problem,) = _problems("zh", tmp_path)
    assert problem.startswith("messages/zh.yml:")
    assert "YAML syntax error" in problem


# Pages in a language


def test_generate_defaults_to_english_exactly() -> None:
    site = load_site(ROOT / "data", ROOT, languages=project_languages(ROOT))
    assert generate(site).pages == generate(site, language=load_language("en")).pages


def test_generated_pages_and_nav_in_arabic() -> None:
    site = load_site(ROOT / "data", ROOT, languages=project_languages(ROOT))
    arabic = load_language("ar")
    generated = generate(site, language=arabic)
    assert [next(iter(item)) for item in generated.nav if isinstance(item, dict)] == [
        arabic.t("nav.treatments"),
        arabic.t("nav.concerns"),
        arabic.t("nav.glossary"),
        arabic.t("nav.handouts"),
    ]
    glossary = generated.pages["glossary.md"]
    assert f"# {arabic.t('glossary.title')}" in glossary


def test_print_header_in_chinese() -> None:
    site = load_site(ROOT / "data", ROOT, languages=project_languages(ROOT))
    review = site.treatments["co2-fractional-laser"].review
    chinese = load_language("zh")
    header = BeautifulSoup(
        print_header(site, "https://x.example/t/", review, chinese), "html.parser"
    ).get_text()
    assert "电话" in header
    assert chinese.t("print.not_reviewed") in header
    assert "Phone" not in header
    assert "Online" not in header


@pytest.mark.build
def test_a_template_asking_for_an_unknown_message_is_a_problem_line(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "project")
    template = (ROOT / "src/clinicdocs/templates/pages/glossary.md.j2").read_text(encoding="utf-8")
    _write(
        project / "templates" / "pages" / "glossary.md.j2",
        template.replace('t("glossary.intro")', 't("glossary.intrp")'),
    )
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert re.search(
        r"templates/pages/glossary\.md\.j2:\d+:1: while rendering data/glossary\.yml: "
        r"no message 'glossary\.intrp' in language 'en'; did you mean 'glossary\.intro'\?",
        result.stderr,
    ), result.stderr
    assert "Traceback" not in result.stderr


def _sample_in(language_code: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's site in one of its languages (`site/ar/`, `site/zh/`: whole sites)."""
    project = copy_project(ROOT, tmp_path_factory.mktemp(f"sample-{language_code}") / "project")
    assert "languages: [en, ar, zh]" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    return build_project(project) / language_code


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's Arabic site."""
    return _sample_in("ar", tmp_path_factory)


@pytest.fixture(scope="module")
def chinese_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's Chinese site."""
    return _sample_in("zh", tmp_path_factory)


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def _visible_text(soup: BeautifulSoup) -> str:
    for element in soup(["script", "style", "svg"]):
        element.decompose()
    return " ".join(soup.get_text(" ").split())


def test_the_english_texts_looked_for_are_not_in_the_sample_data() -> None:
    """Otherwise the checks below could not tell data from template text."""
    data_text = " ".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "data").rglob("*.yml")
    )
    data_text = " ".join(data_text.split())
    assert [text for text in ENGLISH_TEMPLATE_TEXTS if text in data_text] == []


@pytest.mark.build
@pytest.mark.parametrize(
    "path",
    ["treatments/co2-fractional-laser/index.html", "handouts/co2-fractional-laser/index.html"],
)
def test_english_site_has_the_template_texts(sample_site: Path, path: str) -> None:
    """The list of English texts is real: the English pages carry them (so the checks below can
    fail)."""
    text = _visible_text(_page(sample_site, path))
    found = [phrase for phrase in ENGLISH_TEMPLATE_TEXTS if phrase in text]
    assert len(found) >= 20


@pytest.mark.build
@pytest.mark.parametrize("site_fixture", ["arabic_site", "chinese_site"])
@pytest.mark.parametrize(
    "path",
    ["treatments/co2-fractional-laser/index.html", "handouts/co2-fractional-laser/index.html"],
)
def test_one_language_site_has_no_english_template_text(
    site_fixture: str, path: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    text = _visible_text(_page(site, path))
    assert [phrase for phrase in ENGLISH_TEMPLATE_TEXTS if phrase in text] == []


@pytest.mark.build
@pytest.mark.parametrize(("site_fixture", "code"), [("arabic_site", "ar"), ("chinese_site", "zh")])
def test_one_language_treatment_page_has_the_languages_headings(
    site_fixture: str, code: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    language = load_language(code)
    soup = _page(site, "treatments/co2-fractional-laser/index.html")
    headings = [
        " ".join(h2.get_text(" ").replace("¶", "").split()) for h2 in soup.select("article h2")
    ]
    # The CO2 laser's sources name no limits and no alternatives: the only sections it lacks.
    absent = {"treatment.limits", "treatment.alternatives"}
    assert headings == [language.t(key) for key in SECTION_KEYS if key not in absent]
    assert soup.html is not None
    assert soup.html["lang"] == code
    assert soup.body is not None
    assert soup.body["dir"] == language.direction
    columns = [th.get_text(strip=True) for th in soup.select("article thead th")]
    assert columns[-4:] == [
        language.t("treatment.side_effect"),
        language.t("treatment.how_common"),
        language.t("treatment.how_long"),
        language.t("treatment.what_to_do"),
    ]
    print_line = soup.select_one(".cd-print-header")
    assert print_line is not None
    assert language.t("common.phone") in print_line.get_text()
    hidden = [span.get_text() for span in soup.select(".md-header__button .cd-visually-hidden")]
    assert hidden == [language.t("header.menu"), language.t("header.search")]


@pytest.mark.build
@pytest.mark.parametrize(("site_fixture", "code"), [("arabic_site", "ar"), ("chinese_site", "zh")])
def test_one_language_handout_has_the_languages_labels(
    site_fixture: str, code: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    language = load_language(code)
    soup = _page(site, "handouts/co2-fractional-laser/index.html")
    article = soup.select_one("article")
    assert article is not None
    h1 = article.select_one("h1")
    assert h1 is not None
    # The sample's translation names the treatment in the site's language.
    translation = ROOT / "data" / "treatments" / f"co2-fractional-laser.{code}.yml"
    name = yaml.safe_load(translation.read_text(encoding="utf-8"))["name"]
    assert h1.get_text(" ", strip=True).replace(" ¶", "") == language.t(
        "handout.title", treatment=name
    )
    h2s = [" ".join(h2.get_text(" ").replace("¶", "").split()) for h2 in article.select("h2")]
    assert h2s == [
        language.t("handout.steps"),
        language.t("handout.side_effects"),
        language.t("handout.help_heading"),
    ]
    text = _visible_text(article)
    for key in ("handout.date_of_treatment", "handout.practitioner", "handout.emergency_label"):
        assert language.t(key) in text, key
    footer = _visible_text(_page(site, "handouts/co2-fractional-laser/index.html").footer)
    assert language.t("footer.disclaimer") in footer


@pytest.mark.build
@pytest.mark.parametrize(("site_fixture", "code"), [("arabic_site", "ar"), ("chinese_site", "zh")])
def test_one_language_nav_and_404(
    site_fixture: str, code: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    language = load_language(code)
    soup = _page(site, "index.html")
    tabs = [a.get_text(strip=True) for a in soup.select(".md-tabs__link")]
    assert tabs[:5] == [
        language.t(f"nav.{key}")
        for key in ("home", "treatments", "concerns", "glossary", "handouts")
    ]
    not_found = _page(site, "404.html")
    assert not_found.h1 is not None
    assert not_found.h1.get_text(strip=True) == language.t("not_found.title")
    assert "Page not found" not in _visible_text(not_found)


@pytest.mark.build
def test_unknown_theme_language_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "languages: [en, ar, zh]" in text
    config.write_text(text.replace("languages: [en, ar, zh]", "languages: [en, ar, zh, fr]"))
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert "messages/fr.yml: there are no messages for the language 'fr'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


@pytest.mark.build
def test_project_messages_change_the_built_site(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "project")
    _write(project / "messages" / "en.yml", "treatment:\n  side_effects: Possible side effects\n")
    site = build_project(project)
    soup = _page(site, "treatments/co2-fractional-laser/index.html")
    headings = [h2.get_text(strip=True).replace("¶", "") for h2 in soup.select("article h2")]
    assert "Possible side effects" in headings
    assert "Side effects" not in headings
    shutil.rmtree(project / "messages")


def test_validate_reports_message_and_data_problems_together(tiny_project: Path) -> None:
    _write(
        tiny_project / "messages" / "en.yml", "treatment:\n  side_efects: Possible side effects\n"
    )
    clinic = tiny_project / "data" / "clinic.yml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    result = run_cli(tiny_project, "validate")
    assert result.returncode == 1
    lines = result.stdout.splitlines() + result.stderr.splitlines()
    assert (
        "messages/en.yml:2:3: treatment.side_efects: unknown key; "
        "did you mean 'treatment.side_effects'?" in lines
    )
    assert any(line.startswith("data/clinic.yml:") and "unknown_field" in line for line in lines)


def test_a_language_can_be_a_cache_key() -> None:
    assert {english(): 1}[load_language("en")] == 1


# Words that tie a fixed text to skin, in the package's languages (a dermatologist, a role, is
# the one text that may name it: `practitioner.dermatologist`).
SKIN_WORDS = re.compile(r"skin|dermat|皮肤|البشرة|الجلد|جلدية", re.IGNORECASE)
SKIN_ROLE = "practitioner.dermatologist"


@pytest.mark.parametrize("code", PACKAGE_LANGUAGES)
def test_no_fixed_text_says_skin_outside_the_covers_section(code: str) -> None:
    language = load_language(code)

    said = {
        key: text
        for key, text in language.messages.items()
        if SKIN_WORDS.search(text) and key != SKIN_ROLE
    }

    assert said == {}


@pytest.mark.parametrize("code", PACKAGE_LANGUAGES)
def test_each_covers_text_names_the_domain_and_stands_for_a_text_that_names_none(
    code: str,
) -> None:
    messages = load_language(code).messages
    worded = {key: text for key, text in messages.items() if key.startswith("covers.")}

    assert worded
    for key, text in worded.items():
        assert "{covers}" in text, key
        assert key.removeprefix("covers.") in messages, key


@pytest.mark.parametrize(
    ("code", "covers", "title", "search"),
    [
        ("en", "teeth", "Teeth concerns", "Search treatments and teeth concerns"),
        ("en", "skin", "Skin concerns", "Search treatments and skin concerns"),
        ("en", None, "Concerns", "Search treatments and concerns"),
        ("ar", "الأسنان", "مشكلات الأسنان", "ابحث في العلاجات ومشكلات الأسنان"),
        ("ar", None, "المشكلات", "ابحث في العلاجات والمشكلات"),
        ("zh", "牙齿", "牙齿问题", "搜索治疗项目和牙齿问题"),
        ("zh", None, "关注的问题", "搜索治疗项目和问题"),
    ],
)
def test_texts_name_what_the_site_covers_when_the_clinic_says(
    code: str, covers: str | None, title: str, search: str
) -> None:
    language = load_language(code).about(covers)

    assert language.t("concerns_index.title") == title
    assert language.t("not_found.search_label") == search
    # A text with no domain to name is the same either way, and values still fill it in.
    assert language.t("handout.title", treatment="X") == load_language(code).t(
        "handout.title", treatment="X"
    )


def test_the_general_advice_note_names_the_domain_inside_the_sentence() -> None:
    note = english().about("teeth").t("treatment.general_advice_note")

    assert "standard precautions for teeth treatments" in note  # not capitalised mid-sentence
    assert "treatments of this kind" in english().t("treatment.general_advice_note")
