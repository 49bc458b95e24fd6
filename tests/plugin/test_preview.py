"""The preview renders again only what an edit to a record changed, and serves what a full build
of the same data writes (`clinicdocs.plugin.preview`).

A real `mkdocs serve` of a copy of the sample (three languages, `strict: true`) is edited the way
an editor saves files; the served site folder is read from disk (the server's temporary folder,
made in a `TMPDIR` of the test's own), so what changed can be told by modification times, and,
after a series of edits, every file compared with a clean build of the same data.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
import yaml

from clinicdocs.plugin import preview as preview_module
from clinicdocs.plugin.preview import _Batch
from support.preview import STARTUP_SECONDS, Preview
from support.projects import ROOT, copy_project

pytestmark = pytest.mark.build

EDITED = "laser-mesotherapy"
LANGUAGE_PREFIXES = ("", "ar/", "zh/")
FIXED_TIME = {"SOURCE_DATE_EPOCH": "1796083200"}
"""The build date of both sites (the sitemap's dates, its gzip header), so they can be equal."""


def served_files(site: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of a site folder: its modification time (ns) and content."""
    return {
        path.relative_to(site).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def served_folder(tmpdir: Path) -> Path:
    """The site folder `mkdocs serve` made in `tmpdir` (`mkdocs_*`)."""
    (folder,) = tmpdir.glob("mkdocs_*")
    return folder


def rendered_count(preview: Preview) -> int:
    """How many edits the preview has rendered page by page (its log line for each)."""
    return len(re.findall(r"Preview: rendered \d+ pages? again for ", preview.log.read_text()))


def settle(preview: Preview) -> None:
    """Fetch a page of each other language: the request waits until the preview has rendered
    that language's pages again, as a reader's would."""
    for prefix in LANGUAGE_PREFIXES[1:]:
        assert preview.article_text(prefix) is not None, preview.log.read_text()


def wait_for_render(preview: Preview, page: str, text: str, renders: int) -> None:
    """Wait until `page` shows `text` and the log has `renders` partial renders."""
    preview.wait_for(page, lambda shown: text in shown, repr(text))
    log = preview.log.read_text()
    assert rendered_count(preview) == renders, log
    assert "Building documentation" not in log.split("Serving on", 1)[1], log


def clean_build(project: Path, preview: Preview, out: Path) -> None:
    """Build `project` in full into `out`, as `mkdocs serve` builds it (its address, its
    preview), in another process."""
    address = urlsplit(preview.base_url)
    script = textwrap.dedent(
        f"""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        config = load_config("mkdocs.yml", site_dir={str(out)!r}, dev_addr={address.netloc!r})
        config.site_url = {preview.base_url!r}
        build(config, serve_url=config.site_url)
        """
    )
    subprocess.run(
        [sys.executable, "-c", script],
        cwd=project,
        check=True,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **FIXED_TIME},
    )


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` (present once) with `new` in a data file, as an editor's save does."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edit_renders_only_its_records_pages_and_the_site_equals_a_full_build(
    tmp_path: Path, start_preview: Callable[..., Preview]
) -> None:
    project = copy_project(ROOT, tmp_path / "sample")
    tmpdir = tmp_path / "served"
    tmpdir.mkdir()
    preview = start_preview(project, "--livereload", env={"TMPDIR": str(tmpdir), **FIXED_TIME})
    page = f"treatments/{EDITED}/"
    preview.wait_for(
        page, lambda text: "Laser mesotherapy" in text, "the first build", STARTUP_SECONDS
    )
    site = served_folder(tmpdir)
    before = served_files(site)

    data = project / "data"
    record = yaml.safe_load((data / "treatments" / f"{EDITED}.yml").read_text(encoding="utf-8"))
    assert record["category"] == "Skin rejuvenation"
    edit(
        data / "treatments" / f"{EDITED}.yml",
        "summary: >-\n  ",
        "summary: >-\n  Edited once. ",
    )
    wait_for_render(preview, page, "Edited once.", 1)
    settle(preview)
    after = served_files(site)

    assert after.keys() == before.keys()
    changed = {path for path in after if after[path][0] != before[path][0]}
    own = {
        f"{prefix}{kind}/{EDITED}/index.html"
        for prefix in LANGUAGE_PREFIXES
        for kind in ("treatments", "handouts", "recovery", "screening", "consent")
    }
    # The pages that show the summary are rendered again; the handout and the day-by-day page,
    # which do not, are left as they were.
    assert {f"{prefix}treatments/{EDITED}/index.html" for prefix in LANGUAGE_PREFIXES} <= changed
    assert not {f"{prefix}recovery/{EDITED}/index.html" for prefix in LANGUAGE_PREFIXES} & changed
    lists = {
        f"{prefix}{page}"
        for prefix in LANGUAGE_PREFIXES
        for page in (
            "index.html",  # the home page's blocks list the treatments
            "treatments/index.html",
            "concerns/index.html",
            "handouts/index.html",
            "categories/skin-rejuvenation/index.html",
            *(f"concerns/{concern}/index.html" for concern in record["concerns"]),
        )
    }
    site_wide = {
        path
        for path in after
        if not path.endswith(".html") or path.endswith("editorial-status/index.html")
    }
    assert changed - own - lists - site_wide == set()
    # Pages that do not show the record are left as served.
    for prefix in LANGUAGE_PREFIXES:
        for untouched in (
            "treatments/co2-fractional-laser/index.html",
            "handouts/co2-fractional-laser/index.html",
            "glossary/index.html",
            "concerns/birthmarks/index.html",
        ):
            assert after[prefix + untouched] == before[prefix + untouched], prefix + untouched

    # A translation, a concern, then a file every page depends on (a full build), then a record
    # again: the preview stays equal to a full build of the data as it is.
    edit(
        data / "treatments" / f"{EDITED}.ar.yml",
        "summary: >-\n  ",
        "summary: >-\n  تعديل ثان. ",
    )
    wait_for_render(preview, f"ar/{page}", "تعديل ثان.", 2)
    edit(data / "concerns" / "acne-scars.yml", "summary: >-\n  ", "summary: >-\n  Edited concern. ")
    wait_for_render(preview, "concerns/acne-scars/", "Edited concern.", 3)
    # A record saved again, and another saved as soon as the first shows: the second need not
    # wait until the first is rendered in every language and list (what is left of it is
    # rendered with the second).
    edit(data / "treatments" / f"{EDITED}.yml", "Edited once. ", "Edited twice. ")
    preview.wait_for(page, lambda text: "Edited twice." in text, "the record saved again")
    edit(
        data / "treatments" / "laser-pigment-removal.yml",
        "summary: >-\n  ",
        "summary: >-\n  Saved right after. ",
    )
    wait_for_render(preview, "treatments/laser-pigment-removal/", "Saved right after.", 5)
    clinic = data / "clinic.yml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    preview.wait_for(
        page,
        lambda _: (
            preview.log.read_text().split("Serving on", 1)[1].count("Reloading browsers") >= 6
        ),
        "the full build after the clinic file changed",
    )
    edit(
        data / "treatments" / "co2-fractional-laser.yml",
        "summary: >-\n  ",
        "summary: >-\n  Edited after a full build. ",
    )
    preview.wait_for(
        "treatments/co2-fractional-laser/",
        lambda text: "Edited after a full build." in text,
        "the edit after the full build",
    )
    assert rendered_count(preview) == 6, preview.log.read_text()

    settle(preview)
    clean = tmp_path / "clean"
    clean_build(project, preview, clean)
    served = {path: content for path, (_, content) in served_files(site).items()}
    built = {path: content for path, (_, content) in served_files(clean).items()}
    assert served.keys() == built.keys()
    differing = sorted(path for path in built if served[path] != built[path])
    assert differing == []


def test_a_language_not_given_the_edit_yet_is_waited_for_by_its_edited_pages_only() -> None:
    # Until a language has the edit's data, which of its pages each batch writes is unknown:
    # its first batch stands for all of them, so a request for an Arabic page puts the Arabic
    # edited pages next, not the Arabic lists ahead of the Chinese edited pages.
    edited, lists = _Batch("ar", True, "ar/"), _Batch("ar", False, "ar/")

    assert edited.writes("ar/treatments/co2-fractional-laser/")
    assert edited.writes("ar/search/search_index.json")
    assert not lists.writes("ar/treatments/co2-fractional-laser/")
    assert not edited.writes("zh/treatments/co2-fractional-laser/")


def _page(src_uri: str) -> SimpleNamespace:
    """What `_Following` reads of a page: its file's path and address, and its own."""
    url = src_uri.removesuffix(".md") + "/"
    return SimpleNamespace(
        file=SimpleNamespace(src_uri=src_uri, dest_uri=url + "index.html"), url=url
    )


def test_a_new_edit_stops_the_last_ones_languages_after_the_batch_being_rendered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # At 1,000 treatments the lists of three languages take 13 s to render again: a second
    # save must not wait for all of them. The batch under way is finished (a page half
    # rendered would be served stale), the others are left to the next edit, which is told
    # every page this edit may have changed (those rendered already are found unchanged).
    rendering, release = threading.Event(), threading.Event()
    rendered: list[tuple[str, bool]] = []

    def render(served: str, pages: list[SimpleNamespace], *, lists: bool) -> int:
        rendered.append((served, lists))
        rendering.set()
        assert release.wait(10)
        return len(pages)

    monkeypatch.setattr(preview_module, "render_batch", render)
    monkeypatch.setattr(
        preview_module, "prepare_language", lambda session, edit, code: [_page("treatments/x.md")]
    )
    session = SimpleNamespace(
        project=SimpleNamespace(languages=["en", "ar", "zh"]),
        sites={"en": "en", "ar": "ar", "zh": "zh"},
        complete=True,
    )
    edit = SimpleNamespace(plan=None, pages={"treatments/x.md", "treatments/index.md"})
    source_pages = [_page("treatments/x.md"), _page("treatments/index.md")]

    following = preview_module._Following(session, edit, {"treatments/x"}, source_pages)
    assert rendering.wait(10)
    stopped: list[set[str]] = []
    stopping = threading.Thread(target=lambda: stopped.append(following.stop()))
    stopping.start()
    deadline = time.monotonic() + 10
    while not following.stopping:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    release.set()
    stopping.join(10)

    assert rendered == [("ar", False)]  # the Arabic edited pages, and nothing after
    assert stopped == [edit.pages]
    # A request for a page left waits until the next edit has taken it over.
    assert [batch.done for batch in following.batches] == [True, False, False, False, False]
    following.release()
    assert all(batch.done for batch in following.batches)

    # An edit whose languages were all rendered leaves nothing to the next.
    rendered.clear()
    finished = preview_module._Following(session, edit, {"treatments/x"}, source_pages)
    finished.thread.join(10)
    assert [served for served, _ in rendered] == ["ar", "zh", "en", "ar", "zh"]
    assert finished.stop() == set()
