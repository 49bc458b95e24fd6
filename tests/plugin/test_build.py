"""`clinicdocs build`: several clinics from one content folder, and atomic builds.

A failing build is made with an MkDocs hook that raises while pages are being written, after
others were written, so the test proves the half-built output never replaces the site.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.badcases import expected_lines, make_case
from support.projects import ROOT, run_cli

pytestmark = pytest.mark.build

HOOK = """
import json
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

written = 0


def on_post_page(output, page, config):
    global written
    written += 1
    if written == 3:
        # Record what was already written, and where, before failing.
        files = [p for p in Path(config.site_dir).rglob("*") if p.is_file()]
        Path(config.config_file_path).with_name("failed-at.json").write_text(
            json.dumps({"site_dir": config.site_dir, "files": len(files)})
        )
        raise ERROR
    return output
"""


def add_hook(project: Path, error: str) -> None:
    (project / "fail_hook.py").write_text(HOOK.replace("ERROR", error), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - fail_hook.py\n", encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


def test_build_writes_the_site_readable_by_a_web_server(tiny_project: Path) -> None:
    result = run_cli(tiny_project, "build")

    assert result.returncode == 0, result.stderr
    site = tiny_project / "site"
    assert (site / "treatments" / "full-laser" / "index.html").is_file()
    umask = os.umask(0)
    os.umask(umask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~umask
    assert leftovers(tiny_project) == []


@pytest.mark.parametrize(
    ("error", "exit_code"),
    [('PluginError("the hook broke on purpose")', 1), ("KeyboardInterrupt()", None)],
)
def test_a_build_that_fails_midway_leaves_the_previous_site_intact(
    tiny_project: Path, error: str, exit_code: int | None
) -> None:
    assert run_cli(tiny_project, "build").returncode == 0
    site = tiny_project / "site"
    (site / "marker.txt").write_text("the previous site")
    before = snapshot(site)
    add_hook(tiny_project, error)

    result = run_cli(tiny_project, "build")

    assert result.returncode != 0
    if exit_code is not None:
        assert result.returncode == exit_code
        assert "the hook broke on purpose" in result.stderr
        assert "The previous site, if any, was left as it was." in result.stderr
    failed_at = (tiny_project / "failed-at.json").read_text()
    staging = Path(re.search(r'"site_dir": "([^"]+)"', failed_at).group(1))  # type: ignore[union-attr]
    assert staging.parent == tiny_project
    assert staging != site
    assert int(re.search(r'"files": (\d+)', failed_at).group(1)) > 10  # type: ignore[union-attr]
    assert snapshot(site) == before  # ... and the site is exactly as it was
    assert not staging.exists()
    assert leftovers(tiny_project) == []


def test_bad_data_stops_the_build_with_the_usual_lines(tmp_path: Path) -> None:
    project = make_case("clinic-branding", tmp_path / "project")

    result = run_cli(project, "build")

    assert result.returncode == 1
    assert result.stderr.splitlines() == expected_lines("clinic-branding")
    assert not (project / "site").exists()
    assert leftovers(project) == []


def test_problems_name_the_clinic_file_given(tiny_project: Path) -> None:
    other = tiny_project / "clinics" / "other.yml"
    other.parent.mkdir()
    text = (tiny_project / "data" / "clinic.yml").read_text()
    other.write_text(text.replace('phone: "+44 20 7946 0999"', "phone: ring us"))

    for command in ("validate", "build"):
        result = run_cli(tiny_project, command, "--clinic", "clinics/other.yml")

        assert result.returncode == 1
        assert result.stderr.splitlines() == [
            "clinics/other.yml:2:8: phone: 'ring us' is not a phone number; use digits, spaces, "
            "'+', '(', ')' and '-'.",
            "1 problem found.",
        ]


def _text(soup: BeautifulSoup, selector: str) -> str:
    found = soup.select_one(selector)
    assert found is not None, selector
    return " ".join(found.get_text(" ", strip=True).split())


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_two_clinics_share_the_content_and_differ_in_brand(
    sample_site: Path, harbour_site: Path
) -> None:
    page = "treatments/laser-mesotherapy/index.html"
    riverside, harbour = _soup(sample_site, page), _soup(harbour_site, page)

    # The same treatment content ...
    content = [_text(s, "article h2#how-it-works + p") for s in (riverside, harbour)]
    assert content[0] == content[1]
    assert len(content[0]) > 40
    assert sorted(p.relative_to(sample_site) for p in sample_site.glob("treatments/*/")) == sorted(
        p.relative_to(harbour_site) for p in harbour_site.glob("treatments/*/")
    )
    # ... under each clinic's name, phone and emergency number ...
    assert _text(riverside, ".md-header__title .md-ellipsis") == "Riverside Skin Clinic (sample)"
    assert _text(harbour, ".md-header__title .md-ellipsis") == (
        "Harbour Family Skin Clinic (sample)"
    )
    assert "+44 20 7946 0123" in _text(riverside, ".cd-footer")
    assert "+1 555 0100 199" in _text(harbour, ".cd-footer")
    assert "+44" not in _text(harbour, ".cd-footer")
    help_box = _text(harbour, ".admonition.cd-help--urgent")
    assert "+1 555 0100 199" in help_box
    help_box = _text(harbour, ".admonition.cd-help--emergency")
    assert "911" in help_box
    assert "999" not in help_box
    # ... in each clinic's colours ...
    colours = [
        (s / "assets/stylesheets/clinic-colours.css").read_text()
        for s in (sample_site, harbour_site)
    ]
    assert "--md-primary-fg-color: #0f766e;" in colours[0]
    assert "--md-primary-fg-color: #1e3a8a;" in colours[1]
    assert "--md-accent-fg-color: #b45309;" in colours[1]
    # ... and at each clinic's address.
    canonical = [s.select_one('link[rel="canonical"]')["href"] for s in (riverside, harbour)]  # type: ignore[index]
    assert canonical == [
        "https://riverside-skin.example.org/patient-info/treatments/laser-mesotherapy/",
        "https://harbour-clinic.example.com/treatments/laser-mesotherapy/",
    ]
    harbour_sitemap = (harbour_site / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>([^<]+)</loc>", harbour_sitemap)
    assert locs
    assert all(loc.startswith("https://harbour-clinic.example.com/") for loc in locs)
    assert "riverside" not in harbour_sitemap
    logo = harbour_site / "assets/clinic/logo.svg"
    assert logo.read_bytes() == (ROOT / "branding/harbour/logo.svg").read_bytes()
    assert (harbour_site / "assets/clinic/favicon.png").is_file()


def test_mkdocs_yml_can_name_the_clinic_file_for_mkdocs_and_validate(tiny_project: Path) -> None:
    other = tiny_project / "clinics" / "other.yml"
    other.parent.mkdir()
    text = (tiny_project / "data" / "clinic.yml").read_text()
    other.write_text(text.replace("Tiny Test Clinic", "Other Test Clinic"))
    config = tiny_project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - clinicdocs\n", "  - clinicdocs:\n      clinic_file: clinics/other.yml\n"
        )
    )

    assert run_cli(tiny_project, "build").returncode == 0
    title = _soup(tiny_project / "site", "index.html").select_one(".md-header__title .md-ellipsis")
    assert title is not None
    assert title.get_text(strip=True) == "Other Test Clinic"

    other.write_text(text.replace('"+44 20 7946 0999"', "nope"))
    result = run_cli(tiny_project, "validate")
    assert result.stderr.splitlines()[0].startswith("clinics/other.yml:2:8: phone: 'nope'")


def test_a_disabled_plugin_leaves_a_plain_mkdocs_site(tiny_project: Path) -> None:
    """`enabled: false`: no generated pages, no clinic branding, nothing written beside MkDocs'
    own output."""
    config = tiny_project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - clinicdocs\n", "  - clinicdocs:\n      enabled: false\n")
    )

    result = run_cli(tiny_project, "build")

    assert result.returncode == 0, result.stderr
    site = tiny_project / "site"
    assert sorted(p.name for p in site.iterdir()) == [
        "404.html",
        "assets",
        "index.html",
        "search",
        "sitemap.xml",
        "sitemap.xml.gz",
    ]
    title = _soup(site, "index.html").select_one(".md-header__title .md-ellipsis")
    assert title is not None
    assert title.get_text(strip=True) == "Tiny test clinic"  # mkdocs.yml's, not the clinic's


def test_offline_sets_the_variable_that_turns_on_materials_offline_plugin(
    tiny_project: Path,
) -> None:
    (tiny_project / "env_hook.py").write_text(
        "import os\nfrom pathlib import Path\n\n\ndef on_config(config):\n"
        "    Path(config.config_file_path).with_name('offline.txt').write_text(\n"
        "        os.environ.get('CLINICDOCS_OFFLINE', 'unset'))\n"
    )
    config = tiny_project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - clinicdocs\n",
            "  - clinicdocs\n  - offline:\n      enabled: !ENV [CLINICDOCS_OFFLINE, false]\n",
        )
        + "hooks:\n  - env_hook.py\n"
    )
    seen = tiny_project / "offline.txt"
    offline_index = tiny_project / "site" / "search" / "search_index.js"

    assert run_cli(tiny_project, "build").returncode == 0
    assert seen.read_text() == "unset"
    assert not offline_index.exists()
    assert run_cli(tiny_project, "build", "--offline").returncode == 0
    assert seen.read_text() == "true"
    assert offline_index.is_file()  # the offline plugin's search index for file:// pages
