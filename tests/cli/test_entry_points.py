"""The command line as the shell starts it, in a child process: `python -m clinicdocs` and the
`clinicdocs` console script. The other CLI tests run the commands in the test's own process
(`support.projects.run_cli`); these show that a child process prints exactly the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from clinicdocs import __version__
from support.badcases import expected_lines, make_case
from support.projects import run_cli, run_cli_process

VALID = "data is valid: 2 treatments, 3 concerns, 2 glossary terms.\n"


def console_script(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed `clinicdocs` script (beside this Python) in `project`."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("clinicdocs")), *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def test_python_m_clinicdocs_validates(tiny_project: Path) -> None:
    result = run_cli_process(tiny_project, "validate")

    assert (result.returncode, result.stdout, result.stderr) == (0, VALID, "")


def test_the_console_script_reports_bad_data_without_a_traceback(tmp_path: Path) -> None:
    project = make_case("many-files", tmp_path / "project")

    result = console_script(project, "validate")

    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == expected_lines("many-files")


def test_the_console_script_names_itself_in_usage_errors_and_its_version(
    tiny_project: Path,
) -> None:
    usage = console_script(tiny_project, "validate", "--no-such-option")
    version = console_script(tiny_project, "--version")

    assert usage.returncode == 2
    assert usage.stderr.splitlines()[0] == "Usage: clinicdocs validate [OPTIONS]"
    assert "Error: No such option '--no-such-option'" in usage.stderr
    assert (version.returncode, version.stdout) == (0, f"clinicdocs, version {__version__}\n")


@pytest.mark.parametrize(
    "args",
    [
        ("validate",),
        ("lint", "--format", "json"),
        ("translations",),
        ("no-such-command",),
        ("export",),
    ],
)
def test_in_process_runs_print_what_the_console_script_prints(
    tiny_project: Path, args: tuple[str, ...]
) -> None:
    """`run_cli` stands in for the console script: the same exit code, stdout and stderr."""
    in_process = run_cli(tiny_project, *args)
    child = console_script(tiny_project, *args)

    assert (in_process.returncode, in_process.stdout, in_process.stderr) == (
        child.returncode,
        child.stdout,
        child.stderr,
    )


def test_in_process_bad_data_prints_what_the_console_script_prints(tmp_path: Path) -> None:
    project = make_case("yaml-mistakes", tmp_path / "project")

    in_process = run_cli(project, "validate")
    child = console_script(project, "validate")

    assert in_process.returncode == child.returncode == 1
    assert in_process.stderr == child.stderr
    assert in_process.stderr.splitlines() == expected_lines("yaml-mistakes")
