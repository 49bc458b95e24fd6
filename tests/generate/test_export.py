"""`clinicdocs export`: the same pages the site is built from, as Markdown files in a folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader

from clinicdocs.generate.pages import generate, public_url
from clinicdocs.load import load_site
from support.projects import (
    FIXTURE_SITE,
    FIXTURES,
    ROOT,
    figures_project,
    project_languages,
    run_cli,
)

ABBREVIATION_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]: (?P<definition>.+)$")


def exported_files(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def abbreviation_lines(content: str, page: str) -> list[str]:
    """The `*[term]: definition` lines an exported file carries after the generated `page`."""
    assert content.startswith(page), "the exported file does not start with the generated page"
    tail = content[len(page) :]
    # A blank line first, or the first definition would run on from the page's last paragraph.
    assert tail.startswith("\n"), "no blank line between the page and the glossary lines"
    lines = tail.strip("\n").splitlines()
    assert lines, "no glossary lines after the page"
    assert all(ABBREVIATION_LINE.match(line) for line in lines), lines[:3]
    return lines


@pytest.mark.parametrize("project", [ROOT, FIXTURE_SITE], ids=["sample", "tiny"])
def test_export_writes_what_generate_produces(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(project, "export", "--out", str(out))
    assert result.returncode == 0, result.stderr
    site = load_site(project / "data", project, languages=project_languages(project))
    # The site's address (clinic.yml's, else mkdocs.yml's) goes into the handouts' QR codes.
    # MkDocs' own loader: mkdocs.yml holds `!ENV` tags, which yaml.safe_load refuses.
    mkdocs_yml = yaml.load((project / "mkdocs.yml").read_text(), Loader=get_yaml_loader())
    mkdocs_url = mkdocs_yml.get("site_url")
    pages = generate(site, project / "templates" / "pages", public_url(site, mkdocs_url)).pages
    exported = exported_files(out)
    # The sample has more languages: theirs are in `<code>/` folders
    # (tests/plugin/test_languages.py), each with the same pages as the source's.
    options = next(
        (
            p["clinicdocs"]
            for p in mkdocs_yml["plugins"]
            if isinstance(p, dict) and "clinicdocs" in p
        ),
        {},
    )
    languages = options.get("languages", ["en"])
    for code in languages[1:]:
        assert sorted(u.removeprefix(f"{code}/") for u in exported if u.startswith(f"{code}/")) == (
            sorted(pages)
        )
    files = {uri: text for uri, text in exported.items() if uri.split("/")[0] not in languages}
    assert sorted(files) == sorted(pages)
    assert f"wrote {len(pages)} pages" in result.stdout

    assert site.glossary is not None
    definitions = {
        spelling: " ".join(term.definition.split())
        for term in site.glossary.terms
        for spelling in (term.term, *term.also)
    }
    tails = set()
    for uri, content in files.items():
        lines = abbreviation_lines(content, pages[uri])
        tails.add(tuple(lines))
        found = {m["term"]: m["definition"] for m in map(ABBREVIATION_LINE.match, lines) if m}
        for spelling, definition in definitions.items():
            assert found.get(spelling) == definition, f"{uri}: no hover line for '{spelling}'"
    assert len(tails) == 1, "every page carries the same glossary lines"


def test_export_leaves_the_project_alone(tmp_path: Path) -> None:
    before = sorted(p.relative_to(FIXTURE_SITE) for p in FIXTURE_SITE.rglob("*"))
    result = run_cli(FIXTURE_SITE, "export", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.relative_to(FIXTURE_SITE) for p in FIXTURE_SITE.rglob("*")) == before


def test_export_of_bad_data_writes_nothing(tiny_project: Path, tmp_path: Path) -> None:
    peel = tiny_project / "data" / "treatments" / "bare-peel.yml"
    peel.write_text(peel.read_text(encoding="utf-8").replace("scars]", "scar]"), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(tiny_project, "export", "--out", str(out))
    assert result.returncode == 1
    assert "data/treatments/bare-peel.yml:4:" in result.stderr
    assert "unknown concern 'scar'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_export_writes_the_figures_images_where_each_language_links_them(tmp_path: Path) -> None:
    project = figures_project(tmp_path / "project")
    out = tmp_path / "out"

    result = run_cli(project, "export", "--out", str(out))

    assert result.returncode == 0, result.stderr
    svg = (FIXTURES / "figures" / "assets" / "figures" / "skin-layers.svg").read_bytes()
    for folder in (out, out / "ar"):
        page = (folder / "treatments" / "skin-laser.md").read_text(encoding="utf-8")
        links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", page)
        assert len(links) == 2
        for link in links:
            assert (folder / "treatments" / link).resolve().read_bytes() == svg
