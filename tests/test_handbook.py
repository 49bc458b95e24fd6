"""The handbook (handbook/, an MkDocs site) builds strict, and its generated reference pages
cover everything they are generated from: every command, every plugin option, every field of
every kind of data file, every golden error case."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from bs4 import BeautifulSoup

from clinicdocs.cli import main
from clinicdocs.data.kinds import KINDS
from clinicdocs.plugin.config import ClinicdocsConfig
from support.badcases import BAD, case_names, expected_lines
from support.projects import ROOT

HANDBOOK = ROOT / "handbook"
MKDOCS_BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict"]


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook, built with `mkdocs build --strict` into a temporary folder."""
    site = tmp_path_factory.mktemp("handbook") / "site"
    result = subprocess.run(
        [*MKDOCS_BUILD, "-f", str(HANDBOOK / "mkdocs.yml"), "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    return site


def page(site: Path, uri: str) -> BeautifulSoup:
    """A built page's parsed HTML."""
    return BeautifulSoup((site / uri / "index.html").read_text(encoding="utf-8"), "html.parser")


def first_cells(soup: BeautifulSoup) -> list[str]:
    """The text of every table row's first cell."""
    return [row.td.get_text() for row in soup.select("article tr") if row.td is not None]


def field_paths(model: type, prefix: str = "") -> set[str]:
    """Every field path of a pydantic model, nested groups included (`aftercare[].do`)."""
    schema = model.model_json_schema()  # type: ignore[attr-defined]
    defs = schema.get("$defs", {})

    def walk(node: dict, prefix: str) -> set[str]:
        found = set()
        for name, field in node.get("properties", {}).items():
            path = prefix + name
            found.add(path)
            target = field
            is_list = False
            while True:
                if "$ref" in target:
                    target = defs[target["$ref"].rsplit("/", 1)[-1]]
                elif target.get("type") == "array":
                    is_list = True
                    target = target.get("items", {})
                elif "anyOf" in target or "oneOf" in target:
                    options = target.get("anyOf", target.get("oneOf"))
                    groups = [o for o in options if "$ref" in o or "properties" in o]
                    target = groups[0] if groups else {}
                else:
                    break
            if "properties" in target:
                found |= walk(target, path + ("[]." if is_list else "."))
        return found

    return walk(schema, prefix)


@pytest.mark.build
def test_the_field_reference_has_every_field_of_every_kind(handbook: Path) -> None:
    soup = page(handbook, "reference/fields")
    listed = first_cells(soup)
    for kind in KINDS.values():
        wanted = field_paths(kind.model)
        assert wanted <= set(listed), (kind.key, wanted - set(listed))
    assert "aftercare[].do" in listed
    assert "translation.source_version" in listed


@pytest.mark.build
def test_the_error_catalogue_has_every_golden_case_line_for_line(handbook: Path) -> None:
    text = page(handbook, "reference/errors").get_text()
    for case in case_names():
        for line in expected_lines(case):
            assert line in text, (case, line)
    assert len(case_names()) == len([p for p in BAD.iterdir() if p.is_dir()]) > 30


@pytest.mark.build
def test_the_command_reference_has_every_command_and_option(handbook: Path) -> None:
    soup = page(handbook, "reference/commands")
    headings = {h.get_text().rstrip("¶") for h in soup.select("article h2, article h3, article h4")}
    cells = " ".join(first_cells(soup))

    def walk(command: click.Command, words: list[str]) -> None:
        assert " ".join(words) in headings, words
        for param in command.params:
            if isinstance(param, click.Option) and "--help" not in param.opts:
                assert param.opts[-1] in cells, (words, param.opts)
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, [*words, name])

    walk(main, ["clinicdocs"])
    assert "clinicdocs new site" in headings


@pytest.mark.build
def test_the_plugin_options_page_has_every_option(handbook: Path) -> None:
    listed = first_cells(page(handbook, "reference/plugin-options"))
    assert [name for name, _ in ClinicdocsConfig._schema] == listed[: len(ClinicdocsConfig._schema)]
    assert "target_grade" in listed


def test_the_readme_is_short_and_every_link_in_it_leads_to_a_file() -> None:
    """The README is the front page (also on PyPI): at most 8 KB, its Quick start commands
    kept, the rest in the handbook, which its links must reach."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 8 * 1024
    quick_start = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make site " in quick_start
    assert "make test " in quick_start
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)
    local = [link for link in links if not link.startswith(("http://", "https://"))]
    assert any(link.startswith("handbook/") for link in local)
    assert [link for link in local if not (ROOT / link).exists()] == []
