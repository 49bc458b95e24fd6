"""Third-party checkers of the built site, shared by the tests and scripts/audit.py: axe-core
injected into a Playwright page, and the W3C Nu HTML Checker (vnu.jar on the machine's Java).

The checkers come from npm (package.json, package-lock.json; `make audit-tools` runs `npm ci`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
"""WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA (axe-core's rule tags)."""

_TWO_DAYS_AGO = (dt.date.today() - dt.timedelta(days=2)).isoformat()

PAGES = {
    "home": "",
    "treatment": "treatments/co2-fractional-laser/",
    "treatment with other options": "treatments/laser-mesotherapy/",
    "treatments index": "treatments/",
    "concern": "concerns/melasma/",
    "concerns index": "concerns/",
    "category": "categories/skin-rejuvenation/",
    "glossary": "glossary/",
    "handouts index": "handouts/",
    "handout": "handouts/co2-fractional-laser/",
    "screening sheet": "screening/co2-fractional-laser/",
    "consent sheet": "consent/laser-mesotherapy/",
    "hand-written": "about/",
    "404": "404.html",
    "Arabic treatment": "ar/treatments/co2-fractional-laser/",
    "Arabic handout": "ar/handouts/co2-fractional-laser/",
    "Arabic screening sheet": "ar/screening/co2-fractional-laser/",
    "Arabic consent sheet": "ar/consent/co2-fractional-laser/",
    "Arabic treatments index": "ar/treatments/",
    # The day-by-day view with a date, so its "today" panel and marked stage are checked too.
    "recovery": f"recovery/co2-fractional-laser/?date={_TWO_DAYS_AGO}",
    "Arabic recovery": f"ar/recovery/co2-fractional-laser/?date={_TWO_DAYS_AGO}",
    "Chinese treatment": "zh/treatments/co2-fractional-laser/",
}
"""One page of every type in the sample site, by the path a browser asks for."""

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
SCHEMES = {"light": "default", "dark": "slate"}
"""Colour schemes as the browser reports them, with the Material scheme each one selects."""


def site_prefix(site: Path) -> str:
    """The path the built site is published under (`/patient-info/` for the sample clinic), read
    from the home page's address in its sitemap; `/` without a site_url. The 404 page's links
    start from it, so the site is served under it."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return "/"
    locations = re.findall(r"<loc>([^<]*)</loc>", sitemap.read_text(encoding="utf-8"))
    paths = [urlsplit(location).path for location in locations]
    return min(paths, key=len) if paths else "/"


def require_checkers() -> None:
    """Skip the calling test on a developer's machine without the npm checkers; fail it on CI."""
    import pytest  # here, not at the top: scripts/audit.py imports this module too

    from support.browser import on_ci

    message = missing_tool_message()
    if message is None:
        return
    if on_ci():
        pytest.fail(f"CI is set and the independent checkers cannot run: {message}")
    pytest.skip(message)


def missing_tool_message() -> str | None:
    """Why the checkers cannot run here, or None when node_modules and Java are in place."""
    if not AXE_SCRIPT.is_file() or not VNU_JAR.is_file():
        return "the npm checkers are not installed: run `make audit-tools` (npm ci)"
    if java_path() is None:
        return "no Java found for the Nu HTML Checker: install default-jre-headless"
    return None


def java_path() -> str | None:
    """The Java that runs vnu.jar: $JAVA if set, else `java` on PATH."""
    return os.environ.get("JAVA") or shutil.which("java")


@dataclass(frozen=True)
class AxeViolation:
    """One failed axe rule on one page, with the elements that fail it."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    summary: str

    def describe(self) -> str:
        """A readable block: rule id, impact, help text, then each failing element."""
        lines = [f"{self.rule} ({self.impact}): {self.help}"]
        lines += [f"    {target}" for target in self.targets[:8]]
        if len(self.targets) > 8:
            lines.append(f"    ... and {len(self.targets) - 8} more")
        if self.summary:
            lines.append("    " + self.summary.replace("\n", "\n    ")[:600])
        return "\n".join(lines)


def run_axe(page: Any) -> list[AxeViolation]:
    """Inject axe-core into a loaded Playwright page and run the WCAG A and AA rules on it."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {
                runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
            });
            return r.violations.map(v => ({
                rule: v.id, impact: v.impact || "", help: v.help,
                targets: v.nodes.map(n => n.target.join(" ")),
                summary: v.nodes.length ? v.nodes[0].failureSummary || "" : "",
            }));
        }""",
        AXE_TAGS,
    )
    return [
        AxeViolation(
            rule=item["rule"],
            impact=item["impact"],
            help=item["help"],
            targets=tuple(item["targets"]),
            summary=item["summary"],
        )
        for item in result
    ]


@dataclass(frozen=True)
class HtmlError:
    """One error the Nu HTML Checker reports."""

    file: str
    line: int
    message: str
    extract: str

    def describe(self) -> str:
        """`file:line: message` and the offending markup."""
        extract = " ".join(self.extract.split())[:160]
        return f"{self.file}:{self.line}: {self.message}\n    {extract}"


def run_vnu(files: Iterable[Path], root: Path) -> list[HtmlError]:
    """Check HTML files with vnu.jar in one Java process; errors only (warnings are advice).

    Args:
        files: HTML files to check.
        root: shown file names are relative to this folder.
    """
    java = java_path()
    if java is None:
        raise RuntimeError("no Java found to run the Nu HTML Checker")
    paths = [str(path) for path in sorted(files)]
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *paths],
        capture_output=True,
        text=True,
        check=False,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(result.stderr or "{}")
    errors = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        file = url.removeprefix("file:")
        with contextlib.suppress(ValueError):
            file = str(Path(file).relative_to(root))
        errors.append(
            HtmlError(
                file=file,
                line=int(message.get("lastLine", 0)),
                message=message.get("message", ""),
                extract=message.get("extract", ""),
            )
        )
    if result.returncode not in (0, 1) or (result.returncode == 1 and not errors):
        raise RuntimeError(f"vnu.jar failed (exit {result.returncode}): {result.stderr[-2000:]}")
    return errors
