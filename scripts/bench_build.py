"""Measure how build time grows with the number of treatments.

Makes copies of the sample project in a temporary folder with N treatments each (the sample
treatments cloned under new ids, names and categories), then times `clinicdocs validate` and
`mkdocs build` on each. Figures depend on the machine: compare the ratios within one run.

Usage: python scripts/bench_build.py [N ...]   (default: 3 30 300)
       python scripts/bench_build.py --keep 300   keeps the project, to look at its site
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = 12  # spread clones over this many categories, as a large clinic would


def make_project(target: Path, count: int) -> Path:
    """Copy the sample project to `target` and fill data/treatments/ with `count` records."""
    shutil.copytree(ROOT / "data", target / "data")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "templates", target / "templates")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    treatments = target / "data" / "treatments"
    originals = sorted(treatments.glob("*.yml"))
    texts = [p.read_text(encoding="utf-8") for p in originals]
    for path in originals:
        path.unlink()
    for index in range(count):
        text = texts[index % len(texts)]
        lines = []
        for line in text.splitlines():
            if line.startswith("name: "):
                line = f"{line} {index + 1}"
            elif line.startswith("category: "):
                line = f"category: Group {index % CATEGORIES + 1}"
            lines.append(line)
        (treatments / f"treatment-{index + 1:04d}.yml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
    return target


def timed(command: list[str], cwd: Path) -> float:
    """Run `command` in `cwd`, fail loudly if it fails, return wall-clock seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{result.stdout}\n{result.stderr}")
    return elapsed


def main() -> None:
    """Build each size once and print a table of seconds and ratios to the smallest size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[3, 30, 300])
    parser.add_argument("--keep", action="store_true", help="keep the projects and print where")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="clinicdocs-bench-"))
    rows = []
    for size in args.sizes:
        project = make_project(workdir / f"n{size}", size)
        validate = timed([sys.executable, "-m", "clinicdocs", "validate"], project)
        build = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], project)
        pages = sum(1 for _ in (project / "site").rglob("index.html"))
        rows.append((size, pages, validate, build))
    base = rows[0][3]
    header = ("treatments", "html pages", "validate s", "build s", "x smallest")
    print(" ".join(f"{h:>10}" for h in header))
    for size, pages, validate, build in rows:
        print(f"{size:>10} {pages:>10} {validate:>10.2f} {build:>10.2f} {build / base:>10.1f}")
    if args.keep:
        print(f"projects kept in {workdir}")
    else:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
