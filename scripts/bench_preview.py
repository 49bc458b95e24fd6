"""Benchmark a site in several languages: the full build in one and in three languages, and how
long an edit takes to reach the preview.

For each size N it writes `bench.py`'s synthetic catalogue twice (N treatments, N/10 concerns,
the sample glossary and clinic): in English alone, and in English, Arabic and Chinese (the clinic
and the glossary translated, the treatments not, so every treatment page exists in every
language, shown in English). Then, each in its own process:

- build, 1 language: `mkdocs build --strict`;
- build, 3 languages: the same, the other languages' sites built in other processes
  (the plugin's default), and with `parallel_languages: false` (one after another);
- preview: `mkdocs serve --livereload` of the three-language project; once it serves, the
  summary of one treatment is edited (as an editor saves a file), and its page in each language
  is fetched every 50 ms until it shows the edit: the seconds from the save to the edit on
  screen, per language, for a few edits; and the seconds until the pages listing it, the
  search indexes and sitemaps were rendered again too, in every language (the server's log).
  The next edit is saved once the last is finished. The preview renders again only the pages
  the edit changed (`clinicdocs.plugin.preview`), the source language first, the others
  after. Then one more edit, and as soon as it shows in the source language another
  treatment is saved (an editor going on to the next record): the seconds from that second
  save to its edit on screen in each language, and to every language's lists rendered again
  (the first edit's languages and lists still rendering are left to it). For comparison, up
  to `--whole-site-max` treatments (default 100), the same with the plugin's
  `preview_by_page: false`: every edit rebuilds the whole site, as MkDocs does.

Figures depend on the machine and its load: compare the ratios within one run.

Usage: python scripts/bench_preview.py [N ...]          (default: 100 1000)
       python scripts/bench_preview.py --edits 5 100    edits per size (default 3)
       python scripts/bench_preview.py --whole-site-max 0 100   no whole-site preview
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from bench import (
    CURRENT,
    Catalogue,
    Step,
    bench_catalogue,
    measure_sizes,
    run,
    write_project,
)

LANGUAGES = ("en", "ar", "zh")
EDITED = "treatment-0001"
"""The treatment the preview's edits change (its summary)."""
SAVED_RIGHT_AFTER = "treatment-0002"
"""Saved as soon as an edit of `EDITED` shows in the source language (`Preview.right_after`)."""
POLL = 0.05
"""Seconds between two fetches of a page waiting for an edit."""
SEQUENTIAL_CONFIG = "mkdocs-sequential.yml"
WHOLE_SITE_CONFIG = "mkdocs-whole-site.yml"


@dataclass
class Row:
    """Everything measured for one size."""

    size: int
    builds: dict[str, Step] = field(default_factory=dict)
    previews: dict[str, Preview] = field(default_factory=dict)
    """The preview page by page (the default), and rebuilding the whole site on each edit."""


@dataclass
class Preview:
    """One run of `mkdocs serve`."""

    start_seconds: float = 0.0
    """From starting `mkdocs serve` to the edited page served in every language."""
    edits: dict[str, list[float]] = field(default_factory=dict)
    """Per language, the seconds from each save to the edit shown."""
    right_after: dict[str, float] = field(default_factory=dict)
    """Page by page: per language, the seconds from saving `SAVED_RIGHT_AFTER` to its edit shown,
    saved as soon as an edit of `EDITED` showed in the source language (its other languages and
    lists still rendering); "lists" for every language's lists rendered again after it."""
    lists: list[float] = field(default_factory=list)
    """Page by page: the seconds from each save until every language's pages listing the
    edited treatment, search index and sitemap were rendered again too (the server's log)."""


def languages_catalogue(count: int, codes: tuple[str, ...]) -> Catalogue:
    """`bench.py`'s catalogue in `codes`: the clinic and glossary translated, treatments not."""
    others = dict.fromkeys(codes[1:], CURRENT)
    return dataclasses.replace(
        bench_catalogue(count),
        languages=codes,
        glossary_translations=others,
        clinic_translations=others,
    )


def config_with(project: Path, name: str, option: str) -> str:
    """A copy of the project's mkdocs.yml named `name`, the clinicdocs plugin given `option`."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = "  - clinicdocs:\n"
    assert plugin in text
    text = text.replace(plugin, plugin + f"      {option}\n")
    (project / name).write_text(text, encoding="utf-8")
    return name


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    """The page at `url`, or None while the server does not serve it."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            text: str = response.read().decode("utf-8")
            return text
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(urls: dict[str, str], text: str, start: float, limit: float) -> dict[str, float]:
    """Fetch each page until it shows `text`; the seconds from `start` until each did."""
    shown: dict[str, float] = {}
    while len(shown) < len(urls):
        if time.perf_counter() - start > limit:
            missing = sorted(set(urls) - shown.keys())
            sys.exit(f"no page showed {text!r} within {limit:.0f} s: {missing}")
        for code, url in urls.items():
            if code not in shown and text in (fetch(url) or ""):
                shown[code] = time.perf_counter() - start
        time.sleep(POLL)
    return shown


LISTS_DONE = "(the pages listing the edited records, and the lists)"
"""What the preview logs once it has rendered a language's lists again after an edit."""


def wait_for_lists(log: Path, seen: int, start: float, limit: float) -> float:
    """Wait until the server's log says every language's lists were rendered again (`seen`
    such lines before the edit); the seconds from `start`."""
    while True:
        done = log.read_text(encoding="utf-8", errors="replace").count(LISTS_DONE)
        if done >= seen + len(LANGUAGES):
            return time.perf_counter() - start
        if time.perf_counter() - start > limit:
            sys.exit(f"the preview did not render the lists again within {limit:.0f} s")
        time.sleep(POLL)


def save_record(path: Path, record: dict[str, Any]) -> None:
    """Write a treatment's file, as an editor's save does."""
    path.write_text(
        yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )


def save_right_after(
    project: Path, record: dict[str, Any], urls: dict[str, str], log: Path, port: int
) -> dict[str, float]:
    """Save `EDITED` again and, as soon as its source page shows it, `SAVED_RIGHT_AFTER`: the
    seconds from that second save to its edit shown in each language, and to every language's
    lists rendered again ("lists")."""
    record_path = project / "data" / "treatments" / f"{EDITED}.yml"
    first = f"Firstsave{port}"
    record["summary"] = f"{record['summary'].rstrip('.')} {first}."
    save_record(record_path, record)
    source = LANGUAGES[0]
    wait_for({source: urls[source]}, first, time.perf_counter(), 3600)
    second_path = project / "data" / "treatments" / f"{SAVED_RIGHT_AFTER}.yml"
    second = yaml.safe_load(second_path.read_text(encoding="utf-8"))
    marker = f"Rightafter{port}"
    second["summary"] = f"{second['summary'].rstrip('.')} {marker}."
    before = len(log.read_text(encoding="utf-8", errors="replace"))
    saved = time.perf_counter()
    save_record(second_path, second)
    shown = wait_for(
        {code: url.replace(EDITED, SAVED_RIGHT_AFTER) for code, url in urls.items()},
        marker,
        saved,
        3600,
    )
    rendering = f"again for treatments/{SAVED_RIGHT_AFTER} "
    while True:  # every language's lists, after the second save was rendered in the source
        text = log.read_text(encoding="utf-8", errors="replace")
        if rendering in text and text.split(rendering, 1)[1].count(LISTS_DONE) >= len(LANGUAGES):
            break
        if time.perf_counter() - saved > 3600:
            sys.exit("the preview did not render the lists after the second save")
        time.sleep(POLL)
    shown["lists"] = time.perf_counter() - saved
    # 1.0 when the first edit was still rendering its other languages or lists at the second
    # save (what this measures), 0.0 when it was done before.
    shown["carried"] = float("a new change came before the last edit" in text[before:])
    return shown


def measure_preview(project: Path, edits: int, config: str = "mkdocs.yml") -> Preview:
    """Start the preview of `project` (with `config`), edit one treatment's summary `edits`
    times, and record how long each edit took to show in each language. The next edit is
    saved once the preview has finished with the last one (page by page: its lists too),
    so each figure is one edit's, not a queue's."""
    row = Preview()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    urls = {
        code: f"{base}{'' if code == LANGUAGES[0] else code + '/'}treatments/{EDITED}/"
        for code in LANGUAGES
    }
    record_path = project / "data" / "treatments" / f"{EDITED}.yml"
    record = yaml.safe_load(record_path.read_text(encoding="utf-8"))
    log = project / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as output:
        start = time.perf_counter()
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f", config),
                *("-a", f"127.0.0.1:{port}"),
            ],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        try:
            first = record["summary"].split()[-1]
            row.start_seconds = max(wait_for(urls, first, start, 3600).values())
            time.sleep(2)  # the server settles (its first build's last writes, the watcher)
            by_page = config != WHOLE_SITE_CONFIG
            for number in range(edits):
                marker = f"Editmark{number}x{port}"
                record["summary"] = f"{record['summary'].rstrip('.')} {marker}."
                seen = log.read_text(encoding="utf-8", errors="replace").count(LISTS_DONE)
                saved = time.perf_counter()
                save_record(record_path, record)
                for code, seconds in wait_for(urls, marker, saved, 3600).items():
                    row.edits.setdefault(code, []).append(seconds)
                if by_page:
                    row.lists.append(wait_for_lists(log, seen, saved, 3600))
                time.sleep(2)  # the watcher settles before the next edit
            if by_page:
                row.right_after = save_right_after(project, record, urls, log, port)
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    return row


def measure(size: int, workdir: Path, edits: int, whole_site_max: int) -> Row:
    """Make the projects for `size` and measure the builds and the preview."""
    row = Row(size)
    one = write_project(workdir / f"n{size}-en", languages_catalogue(size, LANGUAGES[:1]))
    three = write_project(workdir / f"n{size}-3", languages_catalogue(size, LANGUAGES))
    build = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    row.builds["1"] = run(build, one)
    row.builds["3"] = run(build, three)
    sequential = config_with(three, SEQUENTIAL_CONFIG, "parallel_languages: false")
    row.builds["3 sequential"] = run([*build, "-f", sequential], three)
    row.previews["page by page"] = measure_preview(three, edits)
    if size <= whole_site_max:
        whole = config_with(three, WHOLE_SITE_CONFIG, "preview_by_page: false")
        row.previews["whole site"] = measure_preview(three, edits, whole)
    return row


def report(rows: list[Row]) -> str:
    """The results as a Markdown table, then the ratios."""
    lines = [
        "| N | measure | wall s | peak MB (main process) |",
        "|---:|---|---:|---:|",
    ]
    labels = {
        "1": "full build, 1 language",
        "3": "full build, 3 languages (parallel)",
        "3 sequential": "full build, 3 languages (sequential)",
    }
    for row in rows:
        for key, label in labels.items():
            step = row.builds[key]
            lines.append(f"| {row.size} | {label} | {step.seconds:.2f} | {step.peak_mb:.0f} |")
        for how, preview in row.previews.items():
            lines.append(
                f"| {row.size} | preview ({how}): start to page served in 3 languages | "
                f"{preview.start_seconds:.2f} | |"
            )
            for code, seconds in preview.edits.items():
                shown = ", ".join(f"{s:.2f}" for s in seconds)
                lines.append(
                    f"| {row.size} | preview ({how}): edit to served, '{code}' page (median; "
                    f"each edit: {shown}) | {statistics.median(seconds):.2f} | |"
                )
            if preview.right_after:
                each = " / ".join(
                    f"{preview.right_after[code]:.2f}" for code in (*LANGUAGES, "lists")
                )
                carried = "" if preview.right_after["carried"] else "; the first was done before"
                lines.append(
                    f"| {row.size} | preview ({how}): another record saved as soon as an edit "
                    f"shows in '{LANGUAGES[0]}', to served in {' / '.join(LANGUAGES)} / to every "
                    f"language's lists{carried} | {each} | |"
                )
            if preview.lists:
                shown = ", ".join(f"{s:.2f}" for s in preview.lists)
                lines.append(
                    f"| {row.size} | preview ({how}): edit to every language's lists, search "
                    f"index and sitemap rendered again (median; each edit: {shown}) | "
                    f"{statistics.median(preview.lists):.2f} | |"
                )
    lines.append("")
    for row in rows:
        one = row.builds["1"].seconds
        served = {
            how: statistics.median(max(v) for v in zip(*p.edits.values(), strict=True))
            for how, p in row.previews.items()
        }
        shown = "; ".join(f"{how} {seconds:.2f} s" for how, seconds in served.items())
        lines.append(
            f"N={row.size}: 3 languages / 1 = {row.builds['3'].seconds / one:.2f} parallel, "
            f"{row.builds['3 sequential'].seconds / one:.2f} sequential; edit to served in "
            f"every language (median): {shown}"
        )
    return "\n".join(lines)


def main() -> None:
    """Measure each size and print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--edits", type=int, default=3, help="edits per size (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the projects and print where")
    parser.add_argument(
        "--whole-site-max",
        type=int,
        default=100,
        help="measure the whole-site preview up to this size (default 100)",
    )
    args = parser.parse_args()
    measure_sizes(
        args.sizes,
        lambda size, workdir: measure(size, workdir, args.edits, args.whole_site_max),
        report,
        keep=args.keep,
        prefix="clinicdocs-bench-preview-",
    )


if __name__ == "__main__":
    main()
