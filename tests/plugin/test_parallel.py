"""The other languages' sites built in other processes (`clinicdocs.plugin.parallel`): the same
files as the sequential build, byte for byte; a language's errors in the usual lines; each
process's peak memory logged; and a failed build that stops the other processes, part way
through, and leaves nothing of theirs behind."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from mkdocs.utils import clean_directory

from clinicdocs.plugin import loading, parallel
from clinicdocs.plugin.project import load_project
from support.projects import FIXTURE_SITE, FIXTURES, ROOT, copy_project, run_cli, run_mkdocs_build

pytestmark = pytest.mark.build

PLUGIN_LINE = "  - clinicdocs:\n"
SEQUENTIAL = PLUGIN_LINE + "      parallel_languages: false\n"
COSTS = re.compile(
    r"Other languages' sites built in (\d) processes "
    r"\(ar \d+\.\d s \(processor \d+\.\d s\), \d+ MB; zh \d+\.\d s \(processor \d+\.\d s\), "
    r"\d+ MB\); peak memory of this process \d+ MB"
)


def sequential(project: Path) -> None:
    """Turn the plugin's `parallel_languages` off in `project`'s mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert PLUGIN_LINE in text
    config.write_text(text.replace(PLUGIN_LINE, SEQUENTIAL), encoding="utf-8")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def multilingual_project(target: Path) -> Path:
    """The tiny site in English, Arabic and Chinese (as `tests/plugin/test_languages.py`)."""
    project = copy_project(FIXTURE_SITE, target)
    shutil.copytree(FIXTURES / "multilingual", project, dirs_exist_ok=True)
    return project


def test_the_parallel_build_of_the_sample_equals_the_sequential_one(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "project")

    parallel = run_mkdocs_build(project, "--site-dir", str(tmp_path / "parallel"))
    sequential(project)
    one_by_one = run_mkdocs_build(project, "--site-dir", str(tmp_path / "sequential"))

    assert parallel.returncode == 0, parallel.stderr
    assert one_by_one.returncode == 0, one_by_one.stderr
    costs = COSTS.search(parallel.stderr)
    assert costs is not None, parallel.stderr
    assert costs.group(1) in {"1", "2"}  # as many as cores, at most one per language
    assert not COSTS.search(one_by_one.stderr)
    # Each language is built in a folder of its own and moved in; its messages name the site's.
    assert f"Building documentation to directory: {tmp_path / 'parallel' / 'ar'}" in parallel.stderr
    assert ".languages-" not in parallel.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    built, expected = files_of(tmp_path / "parallel"), files_of(tmp_path / "sequential")
    assert "ar/treatments/index.html" in expected
    assert "zh/treatments/index.html" in expected
    assert sorted(built) == sorted(expected)
    assert [path for path in expected if built[path] != expected[path]] == []


BROKEN_IN_ARABIC = """
{% if language.code == "ar" %}{{ concern.colour }}{% endif %}
"""


def test_a_languages_errors_read_as_in_the_sequential_build(tmp_path: Path) -> None:
    project = multilingual_project(tmp_path / "project")
    templates = project / "templates" / "pages"
    templates.mkdir(parents=True)
    default = ROOT / "src" / "clinicdocs" / "templates" / "pages" / "concern.md.j2"
    template = templates / "concern.md.j2"
    template.write_text(default.read_text(encoding="utf-8") + BROKEN_IN_ARABIC, encoding="utf-8")
    line = len(template.read_text(encoding="utf-8").splitlines())

    parallel = run_cli(project, "build")
    sequential(project)
    one_by_one = run_cli(project, "build")

    assert parallel.returncode == one_by_one.returncode == 1
    problems = [
        text for text in parallel.stderr.splitlines() if "templates/pages/concern.md.j2:" in text
    ]
    assert problems, parallel.stderr
    assert all(f"templates/pages/concern.md.j2:{line}:1: " in text for text in problems)
    assert any("while rendering data/concerns/" in text for text in problems)
    assert parallel.stderr == one_by_one.stderr
    assert not (project / "site").exists()
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == []


FAIL_IN_SOURCE_BUILD = """
import time
from pathlib import Path

from mkdocs.exceptions import PluginError

written = 0
built = None


def on_config(config):
    global built
    built = Path(config.site_dir)


def on_post_page(output, page, config):
    global written
    site = Path(config.site_dir)
    if site.name.startswith(".site.building-"):  # the source language's build
        written += 1
        if written == 3:
            # Fail while the Arabic site is being written (into a folder of its own).
            deadline = time.monotonic() + 60
            while not list(site.parent.glob(".site.*.languages-*/ar/assets")):
                assert time.monotonic() < deadline, "the Arabic site was never written"
                time.sleep(0.02)
            raise ERROR
    else:
        time.sleep(0.05)  # another language's build: still writing when the source fails
    return output


def on_post_build(config):
    if built.name in ("ar", "zh"):
        Path(config.config_file_path).with_name(f"{built.name}-finished").touch()


def on_build_error(error):
    if built.name in ("ar", "zh"):
        project = built.parent.parent
        (project / f"{built.name}-stopped").write_text(str(error), encoding="utf-8")
"""


@pytest.mark.parametrize(
    "error", ['PluginError("the source build broke on purpose")', "KeyboardInterrupt()"]
)
def test_a_failed_build_stops_the_other_languages_and_leaves_nothing_of_theirs(
    tmp_path: Path, error: str
) -> None:
    project = multilingual_project(tmp_path / "project")
    hook = FAIL_IN_SOURCE_BUILD.replace("ERROR", error)
    (project / "fail_hook.py").write_text(hook, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - fail_hook.py\n", encoding="utf-8")

    result = run_cli(project, "build")

    assert result.returncode != 0
    if error.startswith("PluginError"):
        assert result.returncode == 1
        assert "the source build broke on purpose" in result.stderr
    # The build returned once the Arabic build had stopped, part way through its pages ...
    assert (project / "ar-stopped").read_text(encoding="utf-8") == (
        "the source language's build stopped"
    )
    assert not (project / "ar-finished").exists()
    assert not (project / "zh-finished").exists()
    # ... and its folder, and the site's, are gone.
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
    assert not (project / "site").exists()


def test_a_source_language_failure_leaves_the_site_folder_as_it_was(tmp_path: Path) -> None:
    # The other languages' builds start before the source language's pages are rendered and
    # checked; when those fail, the builds already running are stopped and their folders
    # removed, so nothing of theirs reaches the site. A hand-written page taking a generated
    # page's address fails the source build only.
    project = multilingual_project(tmp_path / "project")
    (project / "docs" / "glossary.md").write_text("# My own glossary\n", encoding="utf-8")
    site = project / "site"
    (site / "ar").mkdir(parents=True)
    (site / "ar" / "index.html").write_text("the previous Arabic home page", encoding="utf-8")
    before = files_of(site)

    result = run_mkdocs_build(project)

    assert result.returncode == 1
    assert "docs/glossary.md" in result.stderr
    assert "Building the 'ar' site" not in result.stderr
    assert files_of(site) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_an_unexpected_error_after_the_start_stops_the_other_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Started before the source language's pages are rendered, the other languages' builds
    # must be stopped (and their folders removed) whatever stops the source build there, not
    # only a data problem.
    project = multilingual_project(tmp_path / "project")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in the source language's pages")

    monkeypatch.setattr(loading, "generate_checked", broken)

    with pytest.raises(RuntimeError, match="a bug"):
        loading.load_source(load_project(project), parallel=True)

    assert parallel._RUNNING == []
    assert not (project / "site").exists()
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_the_languages_are_built_inside_the_site_folder_when_not_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Beside the site folder by default; where its parent cannot be written (a site folder
    # mounted into a container), in a hidden folder inside it, which MkDocs' cleaning keeps.
    beside = parallel.staging_folder(tmp_path / "site")
    assert beside.parent == tmp_path.resolve()
    assert beside.name.startswith(".site.languages-")

    made = tempfile.mkdtemp

    def parent_read_only(*args: Any, dir: str | None = None, **kwargs: Any) -> str:
        if dir is not None and Path(dir) == tmp_path.resolve():
            raise PermissionError(13, "Permission denied", dir)
        return made(*args, dir=dir, **kwargs)

    monkeypatch.setattr(parallel.tempfile, "mkdtemp", parent_read_only)
    site = tmp_path / "mounted"
    (site / "old-page").mkdir(parents=True)
    inside = parallel.staging_folder(site)
    assert inside.parent == site.resolve()
    assert inside.name.startswith(".clinicdocs-languages-")
    clean_directory(str(site))
    assert inside.is_dir()
    assert not (site / "old-page").exists()
