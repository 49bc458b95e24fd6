"""The layers of ARCHITECTURE.md are a checked contract: import-linter runs the
`[tool.importlinter]` contract of pyproject.toml on the package, and the same contract breaks on
an upward import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from support.projects import ROOT

PACKAGE = ROOT / "src" / "clinicdocs"
CONTRACT = "Layers follow the data: each imports only from the layers below it"


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter's `lint-imports` on pyproject.toml's contract, reading the `clinicdocs`
    package found in `package_parent` (no cache: a copy must be read afresh)."""
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("lint-imports")),
            "--no-cache",
            "--no-logo",
            str(ROOT / "pyproject.toml"),
        ],
        cwd=package_parent,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(package_parent)},
    )


def test_the_package_keeps_the_layers_contract() -> None:
    result = lint_imports(PACKAGE.parent)

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{CONTRACT} KEPT" in result.stdout
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    copy = tmp_path / "src" / "clinicdocs"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    checks = copy / "data" / "checks.py"
    text = checks.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    # The data layer reaching up into page generation, two layers above it.
    checks.write_text(text + "from clinicdocs.generate import pages\n", encoding="utf-8")

    result = lint_imports(copy.parent)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{CONTRACT} BROKEN" in result.stdout
    assert "Contracts: 0 kept, 1 broken." in result.stdout
    assert "clinicdocs.data is not allowed to import clinicdocs.generate:" in result.stdout
    assert f"- clinicdocs.data.checks -> clinicdocs.generate.pages (l.{line})" in result.stdout
