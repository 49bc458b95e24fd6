"""Benchmark clinicdocs at scale, against stock MkDocs + Material on the same Markdown.

For each size N it writes a synthetic project into a temporary folder: N treatments (each merges
the lists of two sample treatments, so every section is filled and a page has about 1,500
words), N/10 concerns, the sample glossary and clinic, docs/ and mkdocs.yml. Then, each step in
its own process (so its peak memory is its own):

- validate: `clinicdocs validate` (load YAML, validate, render every page, check clashes);
- load / generate: the same split in one process: YAML to models, models to Markdown;
- build: `mkdocs build --strict` of the project (the clinicdocs plugin, its navigation);
- stock: the Markdown of `clinicdocs export` plus docs/, built by MkDocs + Material with a plain
  mkdocs.yml (same Markdown extensions, search, no clinicdocs plugin, MkDocs' default navigation
  listing every page), the baseline.

Figures depend on the machine and its load: compare the ratios within one run.

Usage: python scripts/bench.py [N ...]          (default: 100 1000)
       python scripts/bench.py --keep 100       keeps the projects, to look at their sites
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]
MERGED_LISTS = (
    "suits",
    "not_suitable",
    "cautions",
    "before",
    "on_the_day",
    "side_effects",
    "aftercare",
    "red_flags",
    "sources",
)
CONCERNS_PER_TREATMENT = 3

SPLIT_SNIPPET = """
import json, sys, time
from pathlib import Path
from clinicdocs.load import load_site
from clinicdocs.generate.pages import generate
project = Path(sys.argv[1])
start = time.perf_counter()
site = load_site(project / "data", project)
loaded = time.perf_counter()
pages = generate(site, project / "templates" / "pages").pages
done = time.perf_counter()
words = [len(text.split()) for uri, text in pages.items() if uri.startswith("treatments/")
         and not uri.endswith("index.md")]
print(json.dumps({"load": loaded - start, "generate": done - loaded,
                  "words": sum(words) / len(words)}))
"""


@dataclass
class Step:
    """One measured process: wall-clock seconds, CPU seconds (user + system) and peak resident
    memory (MB). On a shared machine the CPU seconds are the fairer comparison."""

    seconds: float
    cpu: float
    peak_mb: float
    stdout: str = ""


@dataclass
class Site:
    """Sizes of a built site."""

    total_mb: float
    html_pages: int
    treatment_kb: float
    treatment_kb_max: float
    search_mb: float


@dataclass
class Row:
    """Everything measured for one size."""

    size: int
    words: float = 0.0
    steps: dict[str, Step] = field(default_factory=dict)
    split: dict[str, float] = field(default_factory=dict)
    sites: dict[str, Site] = field(default_factory=dict)


def _sample(kind: str) -> list[dict[str, Any]]:
    # Source records only: `<id>.<code>.yml` beside them are translations.
    return [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "data" / kind).glob("*.yml"))
        if "." not in p.stem
    ]


def _one_language(config: str) -> str:
    """The sample's mkdocs.yml with only its source language (`languages: [en, ar, zh]` becomes
    `[en]`): the bench measures one site, as the stock baseline builds one."""
    return re.sub(r"(?m)^(\s*languages:\s*)\[\s*([\w-]+)[^\]\n]*\]", r"\1[\2]", config)


def _merged(first: list[Any], second: list[Any]) -> list[Any]:
    """`first` then the items of `second` it lacks (an item's identity is its YAML text)."""
    seen = {json.dumps(item, sort_keys=True, default=str) for item in first}
    extra = [i for i in second if json.dumps(i, sort_keys=True, default=str) not in seen]
    return [*first, *extra]


def make_project(target: Path, count: int) -> Path:
    """Write a project with `count` treatments, `count // 10` concerns and the sample glossary."""
    for folder in ("docs", "templates", "branding"):
        # Not the hand-written pages' translations (`about.ar.md`): one language, see below.
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("*.*.md"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(_one_language(config), encoding="utf-8")
    data = target / "data"
    (data / "treatments").mkdir(parents=True)
    (data / "concerns").mkdir()
    for name in ("clinic.yml", "glossary.yml"):
        shutil.copy(ROOT / "data" / name, data / name)
    treatments, concerns = _sample("treatments"), _sample("concerns")
    concern_count = max(CONCERNS_PER_TREATMENT, count // 10)
    for index in range(concern_count):
        record = dict(concerns[index % len(concerns)])
        record["name"] = f"{record['name']} {index + 1}"
        record["also_known_as"] = [f"{a} {index + 1}" for a in record.get("also_known_as", [])]
        _write(data / "concerns" / f"concern-{index + 1:04d}.yml", record)
    categories = max(5, round(math.sqrt(count)))
    for index in range(count):
        base = treatments[index % len(treatments)]
        other = treatments[(index + 1) % len(treatments)]
        record = dict(base)
        number = index + 1
        record["name"] = f"{base['name']} {number}"
        record["also_known_as"] = [f"{a} {number}" for a in base.get("also_known_as", [])]
        record["category"] = f"Treatment group {index % categories + 1}"
        record["concerns"] = [
            f"concern-{(index + step * 7) % concern_count + 1:04d}"
            for step in range(CONCERNS_PER_TREATMENT)
        ]
        for key in MERGED_LISTS:
            record[key] = _merged(base.get(key, []), other.get(key, []))
        record.setdefault("key_facts", other.get("key_facts"))
        _write(data / "treatments" / f"treatment-{number:04d}.yml", record)
    return target


def _write(path: Path, record: dict[str, Any]) -> None:
    path.write_text(
        yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )


def make_stock_project(project: Path, target: Path) -> Path:
    """The baseline: the exported Markdown and docs/ under a plain Material mkdocs.yml."""
    docs = target / "docs"
    shutil.copytree(project / "docs", docs)
    run([sys.executable, "-m", "clinicdocs", "export", "--out", str(docs)], project)
    with (project / "mkdocs.yml").open(encoding="utf-8") as text:
        config = yaml_load(text)  # MkDocs' loader: mkdocs.yml holds `!ENV` tags
    stock = {
        "site_name": config["site_name"],
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "language": "en", "font": False},
        "plugins": ["search"],
        "markdown_extensions": config["markdown_extensions"],
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(stock, sort_keys=False), encoding="utf-8")
    return target


def run(command: list[str], cwd: Path) -> Step:
    """Run `command` in `cwd` as a child process; fail loudly if it fails.

    The peak memory is the child's own (`wait4` returns the resource use of that one process).
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{stdout}\n{stderr}")
    # Linux reports ru_maxrss in kilobytes.
    return Step(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout)


def site_sizes(site: Path) -> Site:
    """Total size, HTML page count, treatment page HTML size, search index size."""
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = sum(1 for _ in site.rglob("*.html"))
    treatment_pages = [
        p.stat().st_size for p in (site / "treatments").glob("*/index.html") if p.is_file()
    ]
    search = site / "search" / "search_index.json"
    return Site(
        total / 1e6,
        pages,
        sum(treatment_pages) / len(treatment_pages) / 1024,
        max(treatment_pages) / 1024,
        search.stat().st_size / 1e6 if search.is_file() else 0.0,
    )


def measure(size: int, workdir: Path) -> Row:
    """Make the projects for `size` and measure every step."""
    row = Row(size)
    project = make_project(workdir / f"n{size}", size)
    row.steps["validate"] = run([sys.executable, "-m", "clinicdocs", "validate"], project)
    split = run([sys.executable, "-c", SPLIT_SNIPPET, str(project)], project)
    row.steps["load+generate"] = split
    row.split = json.loads(split.stdout)
    row.words = row.split.pop("words")
    row.steps["build"] = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], project)
    row.sites["build"] = site_sizes(project / "site")
    stock = make_stock_project(project, workdir / f"n{size}-stock")
    row.steps["stock"] = run([sys.executable, "-m", "mkdocs", "build", "-q"], stock)
    row.sites["stock"] = site_sizes(stock / "site")
    return row


def report(rows: list[Row]) -> str:
    """The results as a Markdown table, then the ratios and per-treatment costs."""
    lines = [
        "| N | words/page | step | wall s | CPU s | CPU ms/treatment | peak MB | site MB "
        "| html pages | treatment page KB (max) | search index MB |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        n = row.size
        for name, label in (
            ("validate", "clinicdocs validate"),
            ("load+generate", "load YAML / data-to-Markdown"),
            ("build", "clinicdocs build"),
            ("stock", "stock Material"),
        ):
            step = row.steps[name]
            seconds = (
                f"{row.split['load']:.2f} / {row.split['generate']:.2f}"
                if name == "load+generate"
                else f"{step.seconds:.2f}"
            )
            site = row.sites.get(name)
            sizes = (
                f"{site.total_mb:.1f} | {site.html_pages} | "
                f"{site.treatment_kb:.1f} ({site.treatment_kb_max:.1f}) | {site.search_mb:.2f}"
                if site
                else " |  |  | "
            )
            lines.append(
                f"| {n} | {row.words:.0f} | {label} | {seconds} | {step.cpu:.1f} | "
                f"{step.cpu / n * 1000:.1f} | {step.peak_mb:.0f} | {sizes} |"
            )
    lines.append("")
    for row in rows:
        build, stock = row.steps["build"].seconds, row.steps["stock"].seconds
        cpu = row.steps["build"].cpu / row.steps["stock"].cpu
        lines.append(
            f"N={row.size}: build / stock = {build / stock:.2f} (CPU {cpu:.2f}); "
            f"data-to-Markdown / build = {row.split['generate'] / build:.1%}; "
            f"load YAML / build = {row.split['load'] / build:.1%}; "
            f"site size / stock = {row.sites['build'].total_mb / row.sites['stock'].total_mb:.2f}"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        for name in ("build", "stock"):
            per_first = first.steps[name].cpu / first.size * 1000
            per_last = last.steps[name].cpu / last.size * 1000
            lines.append(
                f"{name}: {per_first:.1f} CPU ms/treatment at N={first.size}, {per_last:.1f} at "
                f"N={last.size} (x{per_last / per_first:.2f} per page for "
                f"x{last.size / first.size:.0f} pages)"
            )
    return "\n".join(lines)


def main() -> None:
    """Measure each size and print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--keep", action="store_true", help="keep the projects and print where")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="clinicdocs-bench-"))
    rows = []
    try:
        for size in args.sizes:
            rows.append(measure(size, workdir))
            # Each size's table as soon as it is measured: a large size can take a long time.
            print(report(rows[-1:]), file=sys.stderr, flush=True)
    finally:
        if args.keep:
            print(f"projects kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, "
        f"Python {sys.version.split()[0]}"
    )
    print(report(rows))


if __name__ == "__main__":
    main()
