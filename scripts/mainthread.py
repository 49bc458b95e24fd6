#!/usr/bin/env python3
"""Main-thread work of a page load, in CPU time, for comparing builds on a busy machine.

Usage: python scripts/mainthread.py SITE [SITE ...] [--page PATH] [--runs N]

Lighthouse's simulated score multiplies the wall-clock length of the main thread's tasks by 4
(its phone) and leans on the real paint times of the load, so on a shared machine the same page
scores anywhere from 69 to 97. This loads `--page` of each built SITE (taking turns, `--runs`
times) in Debian's Chromium at a phone's size, over gzip as audit.py serves it, with Chromium's
tracing on, and reads each task's *thread time* (CPU the main thread used, which other processes
on the machine do not inflate as much), then prints per load and as medians:
- main-thread CPU from the first HTML parsing to 2.5 s after `load`;
- CPU spent in style recalculation and layout;
- an estimate of Lighthouse's Total Blocking Time: the sum over tasks of (4 x CPU - 50 ms).
Compare sites within one run. Sites are served under `/patient-info/`, as the sample is.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from audit import serve_compressed

from support.browser import CHROMIUM_ARGS, chromium_path

PREFIX = "/patient-info/"
CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel"]
SLOWDOWN = 4
"""Lighthouse's mobile CPU slowdown."""


def trace_load(browser: Browser, url: str) -> list[dict[str, Any]]:
    """Load `url` in a fresh phone-sized context with tracing on; return the trace events."""
    # Lighthouse's mobile profile: a Moto G Power's screen.
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True
    )
    page = context.new_page()
    session = context.new_cdp_session(page)
    events: list[dict[str, Any]] = []
    done = threading.Event()
    session.on("Tracing.dataCollected", lambda params: events.extend(params["value"]))
    session.on("Tracing.tracingComplete", lambda params: done.set())
    session.send("Tracing.start", {"traceConfig": {"includedCategories": CATEGORIES}})
    page.goto(url, wait_until="load")
    page.wait_for_timeout(2500)
    session.send("Tracing.end")
    while not done.is_set():
        page.wait_for_timeout(50)
    context.close()
    return events


def main_thread_figures(events: list[dict[str, Any]], path: str) -> tuple[float, float, float]:
    """CPU ms of the page's main thread, of its style and layout, and the estimated TBT."""
    thread = next(
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "ParseHTML"
        and path in e.get("args", {}).get("beginData", {}).get("url", "")
    )
    own = [e for e in events if (e["pid"], e["tid"]) == thread and e.get("ph") == "X"]
    tasks = [e for e in own if e["name"] == "RunTask" and "tdur" in e]
    cpu = sum(e["tdur"] for e in tasks) / 1000
    style_layout = sum(e.get("tdur", 0) for e in own if e["name"] in ("UpdateLayoutTree", "Layout"))
    blocking = sum(max(0.0, SLOWDOWN * e["tdur"] / 1000 - 50) for e in tasks)
    return cpu, style_layout / 1000, blocking


def main() -> None:
    """Load each site's page `--runs` times, taking turns; print the figures and medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", type=Path, nargs="+", help="built sites to compare")
    parser.add_argument("--page", default="treatments/co2-fractional-laser/")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict[Path, list[tuple[float, float, float]]] = {site: [] for site in args.sites}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for _ in range(args.runs):
            for site in args.sites:
                with serve_compressed(site, PREFIX) as base:
                    figures = main_thread_figures(trace_load(browser, base + args.page), args.page)
                results[site].append(figures)
                cpu, style_layout, blocking = figures
                print(
                    f"{site}: main thread {cpu:.0f} ms CPU, style and layout {style_layout:.0f} ms,"
                    f" estimated TBT at {SLOWDOWN}x {blocking:.0f} ms"
                )
        browser.close()
    print(f"\nMedians of {args.runs} loads of {args.page}:")
    for site, figures in results.items():
        cpu, style_layout, blocking = (
            statistics.median(column) for column in zip(*figures, strict=True)
        )
        print(
            f"  {site}: main thread {cpu:.0f} ms CPU, style and layout {style_layout:.0f} ms,"
            f" estimated TBT {blocking:.0f} ms"
        )


if __name__ == "__main__":
    main()
