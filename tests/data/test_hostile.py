"""Hostile text in every text field: a clear problem or a safe page, never a traceback, never an
element or attribute the data did not ask for.

Property tests write arbitrary text (markup, control characters, template syntax) into one text
field of the tiny site at a time, through YAML files as an editor would, then either get problems
in the standard format or render every page whose Markdown changed through the same Markdown
extensions as the sample's mkdocs.yml. Hypothesis runs derandomized (a fixed seed) with a bounded
number of examples, so CI is repeatable and fast. Two full `mkdocs build`s check the end result.
"""

from __future__ import annotations

import copy
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from ruamel.yaml import YAML

from clinicdocs.errors import DataError
from clinicdocs.generate.glossary import GlossaryExtension, definitions
from clinicdocs.generate.pages import load_and_generate
from support.projects import FIXTURE_SITE, ROOT, run_mkdocs_build

PROBLEM_LINE = re.compile(r"^data/[\w/.-]+\.yml(?::\d+:\d+)?: (?:[\w.\[\]]+: )?.+[.?!]$")

# (file, path to the field) for every kind of text field the pages show.
TEXT_FIELDS: list[tuple[str, tuple[str | int, ...]]] = [
    ("treatments/full-laser.yml", ("name",)),
    ("treatments/full-laser.yml", ("also_known_as", 0)),
    ("treatments/full-laser.yml", ("category",)),
    ("treatments/full-laser.yml", ("summary",)),
    ("treatments/full-laser.yml", ("how_it_works",)),
    ("treatments/full-laser.yml", ("key_facts", "sessions")),
    ("treatments/full-laser.yml", ("suits", 0)),
    ("treatments/full-laser.yml", ("not_suitable", 0, "text")),
    ("treatments/full-laser.yml", ("cautions", 0)),
    ("treatments/full-laser.yml", ("before", 0)),
    ("treatments/full-laser.yml", ("on_the_day", 0, "title")),
    ("treatments/full-laser.yml", ("on_the_day", 0, "detail")),
    ("treatments/full-laser.yml", ("side_effects", 0, "name")),
    ("treatments/full-laser.yml", ("side_effects", 0, "how_long")),
    ("treatments/full-laser.yml", ("side_effects", 0, "what_to_do")),
    ("treatments/full-laser.yml", ("side_effects", 0, "seek_help")),
    ("treatments/full-laser.yml", ("aftercare", 0, "when")),
    ("treatments/full-laser.yml", ("aftercare", 0, "do", 0)),
    ("treatments/full-laser.yml", ("get_help", "urgent", 0)),
    ("treatments/full-laser.yml", ("faq", 0, "question")),
    ("treatments/full-laser.yml", ("faq", 0, "answer")),
    ("treatments/full-laser.yml", ("sources", 0, "title")),
    ("treatments/full-laser.yml", ("sources", 0, "publisher")),
    ("treatments/full-laser.yml", ("review", "reviewed_by")),
    ("concerns/dark-spots.yml", ("name",)),
    ("concerns/dark-spots.yml", ("also_known_as", 0)),
    ("concerns/dark-spots.yml", ("summary",)),
    ("glossary.yml", ("terms", 0, "term")),
    ("glossary.yml", ("terms", 0, "definition")),
    ("clinic.yml", ("name",)),
    ("clinic.yml", ("address", 0)),
    ("clinic.yml", ("emergency", "wording")),
    ("clinic.yml", ("disclaimer",)),
]

MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<",
    ">",
    "&",
    "&#106;",
    "&lt;",
    "**",
    "*",
    "_",
    "__",
    "`",
    "```",
    "~~~",
    "[",
    "]",
    "(",
    ")",
    "[a](javascript:alert(1))",
    "[a](https://example.org)",
    "[a](../x.md)",
    "![i](https://t.example/p.png)",
    "[r]: /etc/x",
    "{{ config }}",
    "{%",
    "{#",
    "{: .x}",
    "{ #id }",
    '{onclick="x"}',
    "--8<--",
    "\n",
    "\n\n",
    "# ",
    "## ",
    "\n---\n",
    "\n===\n",
    "!!! danger",
    "??? note",
    "???+ x",
    "*[PIH]: x",
    "- [x] ",
    "- ",
    "1. ",
    "> ",
    "| a | b |\n|---|---|",
    ": ",
    "  ",
    "\t",
    "\\",
    '"',
    "'",
    "\x00",
    "\x07",
    "\x1b",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\U0001f600",
    "collagen",
    "PIH",
    "999",
    "tel:",
    "mailto:",
    "<!--",
    "-->",
    "]]>",
    "<div markdown>",
    "=",
    "%",
    "\r",
    "\r\n",
    "\x85",
]

hostile_text = st.lists(
    st.one_of(st.sampled_from(MARKUP), st.text(max_size=8)), min_size=1, max_size=10
).map("".join)

# Round-trip mode: mkdocs.yml uses the `!ENV` tag, which the safe loader refuses.
SAMPLE_EXTENSIONS = YAML(typ="rt").load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))[
    "markdown_extensions"
]

# Elements that Markdown text may legitimately produce: the documented subset plus structures
# that are harmless as text (code, tables, quotes, definition lists). Not headings, boxes,
# details, images, inputs, scripts or anything else.
DATA_TAGS = frozenset(
    {
        "p", "em", "strong", "a", "br", "code", "pre", "ul", "ol", "li", "blockquote", "hr",
        "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "abbr", "span",
    }
)  # fmt: skip
SAFE_HREF = re.compile(r"^(?:https?://|mailto:|tel:|#|\.\./|[a-z0-9-]+(?:/|\.md|/index\.md)?)")
SAFE_ATTRIBUTES = frozenset(
    {"href", "title", "class", "id", "scope", "data-label", "markdown", "align", "style", "open"}
    # The handouts' QR code: inline SVG that the template makes from the site's address.
    | {"viewbox", "stroke", "d"}
    # The treatments index's finder and sortable table: attributes the template writes, with
    # escaped values made from ids, numbers and message texts.
    | {"hidden", "name", "value", "type", "role", "aria-live", "data-sort", "data-cd-finder"}
    | {"data-cd-match", "data-cd-count", "data-cd-sort", "data-cd-sort-label"}
    | {"data-concerns", "data-downtime", "data-sessions", "data-numbing"}
    # The day-by-day view: its settings as escaped JSON, its date field, the stages' days.
    | {"data-cd-recovery", "for", "disabled", "data-cd-from", "data-cd-to"}
    # The staff sheets' DRAFT mark across printed pages (the banner above says it in words).
    | {"aria-hidden"}
)
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"})


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    return yaml


def _load_raw(relative: str) -> Any:
    return _yaml().load((FIXTURE_SITE / "data" / relative).read_text(encoding="utf-8"))


RAW = {relative: _load_raw(relative) for relative in {f for f, _ in TEXT_FIELDS}}


def _set(data: Any, loc: tuple[str | int, ...], value: str) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


class _Balance(HTMLParser):
    """Fails on an end tag that closes nothing open: the fragment does not parse as HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag not in self.stack:
            self.errors.append(f"</{tag}> closes nothing")
            return
        while self.stack and self.stack.pop() != tag:
            pass


_CONVERTERS: dict[str, markdown.Markdown] = {}


def render_html(page: str, terms: dict[str, str]) -> str:
    """A generated page's HTML through the sample's Markdown extensions and the glossary."""
    body, _ = get_data(page)
    key = repr(sorted(terms.items()))
    if key not in _CONVERTERS:
        _CONVERTERS[key] = _converter(terms)
    converter = _CONVERTERS[key]
    converter.reset()
    html: str = converter.convert(body)
    return html


def _converter(terms: dict[str, str]) -> markdown.Markdown:
    extensions: list[Any] = [GlossaryExtension(terms)]
    configs: dict[str, Any] = {}
    for entry in SAMPLE_EXTENSIONS:
        if isinstance(entry, dict):
            (name, options), *_ = entry.items()
            extensions.append(name)
            configs[name] = options
        else:
            extensions.append(entry)
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def tag_counts(html: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        counts[element.name] = counts.get(element.name, 0) + 1
    return counts


def write_project(target: Path, relative: str, loc: tuple[str | int, ...], value: str) -> Path:
    """The tiny site in `target` (copied once), with one field of one data file set to `value`;
    the other data files are restored, so each example starts from the tiny site."""
    if not target.is_dir():
        shutil.copytree(FIXTURE_SITE, target, ignore=shutil.ignore_patterns("site"))
    for other in RAW:
        shutil.copyfile(FIXTURE_SITE / "data" / other, target / "data" / other)
    data = copy.deepcopy(RAW[relative])
    _set(data, loc, value)
    with (target / "data" / relative).open("w", encoding="utf-8") as out:
        _yaml().dump(data, out)
    return target


BASELINE: dict[str, dict[str, str]] = {}


def baseline(tmp: Path, relative: str, loc: tuple[str | int, ...]) -> dict[str, str]:
    """Each page's HTML with a harmless value in the field, to compare against."""
    key = f"{relative}:{loc}"
    if key not in BASELINE:
        project = write_project(tmp / "baseline", relative, loc, "Plain words")
        site, generated = load_and_generate(
            project, project / "data", project / "templates", project / "docs"
        )
        terms = definitions(site.glossary)
        BASELINE[key] = {uri: render_html(md, terms) for uri, md in generated.pages.items()}
    return BASELINE[key]


def check_field(tmp: Path, relative: str, loc: tuple[str | int, ...], value: str) -> None:
    project = write_project(tmp / "project", relative, loc, value)
    try:
        site, generated = load_and_generate(
            project, project / "data", project / "templates", project / "docs"
        )
    except DataError as exc:
        lines = exc.relative_to(project).report().splitlines()
        assert re.match(r"^\d+ problems? found\.$", lines[-1]), lines
        for line in lines[:-1]:
            assert PROBLEM_LINE.match(line), line
        return
    before = baseline(tmp, relative, loc)
    terms = definitions(site.glossary)
    for uri, page in generated.pages.items():
        html = render_html(page, terms)
        if uri not in before:
            # A renamed page (a new category's index): compare with what it was before.
            section = uri.split("/")[0]
            renamed = [u for u in before if u not in generated.pages and u.startswith(section)]
            uri_before = renamed[0] if renamed else uri
        else:
            uri_before = uri
        if html == before.get(uri_before):
            continue
        balance = _Balance()
        balance.feed(html)
        balance.close()
        assert balance.errors == [], (uri, value, html)
        base_counts = tag_counts(before.get(uri_before, ""))
        for tag, count in tag_counts(html).items():
            if count > base_counts.get(tag, 0):
                assert tag in DATA_TAGS, (uri, tag, value)
        for element in BeautifulSoup(html, "html.parser").find_all(True):
            for name, attr in element.attrs.items():
                assert name in SAFE_ATTRIBUTES, (uri, element.name, name, value)
                text = " ".join(attr) if isinstance(attr, list) else str(attr)
                if name == "href":
                    assert SAFE_HREF.match(text), (uri, text, value)
                if name == "style":
                    assert re.fullmatch(r"text-align: (?:left|right|center);?", text), text


@pytest.mark.parametrize(("relative", "loc"), TEXT_FIELDS, ids=lambda v: str(v))
@settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(value=hostile_text)
def test_hostile_text_in_any_field_is_refused_or_harmless(
    tmp_path: Path, relative: str, loc: tuple[str | int, ...], value: str
) -> None:
    check_field(tmp_path, relative, loc, value)


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "![x](https://tracker.example/p.png)",
        "{{ config }}",
        "text\n\n# Fake heading",
        '!!! danger "Fake"\n    Do not call.',
        "*[PIH]: wrong",
        "- [x] done",
        "{: onclick=alert(1) }",
        "--8<-- 'mkdocs.yml'",
        "a\u202eb",
    ],
)
def test_known_attacks_on_a_text_field_are_problems(tmp_path: Path, value: str) -> None:
    project = write_project(tmp_path / "p", "treatments/full-laser.yml", ("how_it_works",), value)
    with pytest.raises(DataError) as caught:
        load_and_generate(project, project / "data", project / "templates", project / "docs")
    (problem,) = caught.value.problems
    assert problem.field == "how_it_works"


# Markup characters that must show as written. (No success rate such as "50% of people": the
# content lint would rightly report it as a claim, and a strict build would stop.)
LITERAL = 'Use a cool pack & rest: a 50% dilution <3 it; a_b_c | x | "quoted" \\ {curly} 5 > 4.'


@pytest.mark.build
@pytest.mark.parametrize("source", [FIXTURE_SITE, ROOT], ids=["tiny", "sample"])
def test_a_full_build_shows_harmless_markup_as_literal_text(tmp_path: Path, source: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(
        source,
        project,
        ignore=shutil.ignore_patterns("site", ".venv", ".git", "tests", "src", "screenshots"),
    )
    # A source record, not a translation beside it (`<id>.<code>.yml`).
    treatment = sorted(
        path for path in (project / "data/treatments").glob("*.yml") if "." not in path.stem
    )[-1]
    # Its translations would now be out of date, which a strict build reports: without them the
    # page is shown in English in the other languages' sites.
    for translation in treatment.parent.glob(f"{treatment.stem}.*.yml"):
        translation.unlink()
    yaml = _yaml()
    data = yaml.load(treatment.read_text(encoding="utf-8"))
    data["how_it_works"] = f"{data['how_it_works']}\n\n{LITERAL}"
    with treatment.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site/treatments" / treatment.stem / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    texts = [p.get_text() for p in soup.select("article p")]
    assert LITERAL in texts
    assert not soup.select("article script")
