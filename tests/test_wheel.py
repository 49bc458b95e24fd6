"""The installed package works on its own: its wheel, installed (not editable) into a fresh
virtual environment that cannot see this checkout, starts a site with `clinicdocs new site` and
builds it with `mkdocs build --strict`, so the templates, theme files, fonts, messages and
skeletons all come from the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.projects import ROOT


def run(argv: list[str | Path], cwd: Path, env: dict[str, str]) -> str:
    """Run `argv` in `cwd`, failing the test with its output when it fails; its stdout."""
    result = subprocess.run(
        [str(word) for word in argv], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{argv}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.build
def test_the_wheel_installed_alone_starts_and_builds_a_new_site(tmp_path: Path) -> None:
    # Nothing of this checkout or of the tests' environment may leak into the new one.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}
    }
    env["NO_MKDOCS_2_WARNING"] = "1"
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ROOT], tmp_path, env)
    (wheel,) = dist.glob("clinicdocs-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "clinicdocs/skeletons/site/github/workflows/publish.yml" in names
    assert not [n for n in names if n.startswith(("tests/", "data/", "docs/", "handbook/"))]

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], tmp_path, env)
    bin_dir = venv / "bin"
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    run([bin_dir / "pip", "install", "-q", wheel], tmp_path, env)

    where = run(
        [bin_dir / "python", "-c", "import clinicdocs; print(clinicdocs.__file__)"], tmp_path, env
    )
    installed = Path(where.strip())
    assert installed.is_relative_to(venv), installed
    assert not installed.is_relative_to(ROOT)

    run([bin_dir / "clinicdocs", "new", "site", "clinic", "-l", "en", "-l", "ar"], tmp_path, env)
    project = tmp_path / "clinic"
    run([bin_dir / "clinicdocs", "validate"], project, env)
    run([bin_dir / "mkdocs", "build", "--strict"], project, env)

    home = BeautifulSoup((project / "site/index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.h1 is not None
    assert home.h1.get_text(strip=True).rstrip("¶") == "Clinic"
    treatment = project / "site/treatments/laser-pigment-removal/index.html"
    assert "Laser pigment removal" in treatment.read_text(encoding="utf-8")
    # The Arabic site's fonts are cut from the wheel's Noto files.
    assert (project / "site/ar/assets/fonts/noto-sans-arabic-400.woff2").is_file()
