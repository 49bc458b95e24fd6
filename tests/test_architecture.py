"""The layers of ARCHITECTURE.md are a checked contract: import-linter runs the
`[tool.importlinter]` contracts of pyproject.toml on the package (layers, no cycles), and each
breaks on a copy of the package given an upward import or a cycle. No module imports another's
private names."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

from support.projects import ROOT

PACKAGE = ROOT / "src" / "clinicdocs"
CONTRACT = "Layers follow the data: each imports only from the layers below it"
NO_CYCLES = "No import cycles: between the modules of every package, nor between packages"


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
    assert f"{NO_CYCLES} KEPT" in result.stdout
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def package_copy(tmp_path: Path) -> Path:
    """A copy of the package to break, in `tmp_path/src/clinicdocs`."""
    copy = tmp_path / "src" / "clinicdocs"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    copy = package_copy(tmp_path)
    checks = copy / "data" / "checks.py"
    text = checks.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    # The data layer reaching up into page generation, two layers above it.
    checks.write_text(text + "from clinicdocs.generate import pages\n", encoding="utf-8")

    result = lint_imports(copy.parent)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{CONTRACT} BROKEN" in result.stdout
    # Reaching up closes a cycle too (generate imports data).
    assert f"{NO_CYCLES} BROKEN" in result.stdout
    assert "Contracts: 0 kept, 2 broken." in result.stdout
    assert "clinicdocs.data is not allowed to import clinicdocs.generate:" in result.stdout
    assert f"- clinicdocs.data.checks -> clinicdocs.generate.pages (l.{line})" in result.stdout


def test_an_import_cycle_inside_a_package_breaks_the_contract(tmp_path: Path) -> None:
    copy = package_copy(tmp_path)
    text_module = copy / "translations" / "text.py"
    # translations.state imports translations.text; the reverse closes a cycle, within one layer.
    text_module.write_text(
        text_module.read_text(encoding="utf-8") + "from clinicdocs.translations import state\n",
        encoding="utf-8",
    )

    result = lint_imports(copy.parent)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{CONTRACT} KEPT" in result.stdout
    assert f"{NO_CYCLES} BROKEN" in result.stdout
    assert "- .text -> .state (1 import)" in result.stdout


def private_imports(package: Path) -> list[str]:
    """Every `from clinicdocs.x import _name` in the package: a private name used outside its
    module."""
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("clinicdocs"):
                found += [
                    f"{path.relative_to(package).as_posix()}:{node.lineno}: {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
    return found


def test_no_module_imports_another_modules_private_names(tmp_path: Path) -> None:
    assert private_imports(PACKAGE) == []
    copy = package_copy(tmp_path)
    load = copy / "load.py"
    load.write_text(
        load.read_text(encoding="utf-8") + "from clinicdocs.data.yaml import _read_text\n",
        encoding="utf-8",
    )
    assert private_imports(copy) == [f"load.py:{load.read_text().count(chr(10))}: _read_text"]
