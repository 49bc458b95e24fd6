"""support.marks fails a test that builds a site or starts a browser without saying so: each
case runs a small test file in its own pytest process (pytester) with the plugin loaded."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from support.marks import command_work
from support.projects import TESTS


@pytest.mark.parametrize(
    ("argv", "work"),
    [
        (["/venv/bin/python", "-m", "mkdocs", "build", "--strict"], "build"),
        (["/venv/bin/python", "-m", "mkdocs", "serve", "--livereload", "-a", "x:1"], "build"),
        (["/venv/bin/mkdocs", "build"], "build"),
        (["/venv/bin/python", "-m", "clinicdocs", "build", "--offline"], "build"),
        (["/venv/bin/clinicdocs", "pdf", "--pages"], "browser"),
        (["/venv/bin/python", "-m", "clinicdocs", "validate"], None),
        (["/venv/bin/clinicdocs", "--version"], None),
        (
            ["/x/playwright/driver/node", "/x/playwright/driver/package/cli.js", "run-driver"],
            "browser",
        ),
        (["/usr/bin/java", "-jar", "vnu.jar", "--errors-only", "page.html"], None),
        (["/usr/bin/pdftotext", "handout.pdf", "-"], None),
    ],
)
def test_the_work_a_child_process_does_is_read_from_its_command_line(
    argv: list[str], work: str | None
) -> None:
    assert command_work(argv) == work


IN_PROCESS_BUILD = """
from mkdocs.plugins import PluginCollection

def build():
    PluginCollection().on_config(None)  # the first event of every MkDocs build
"""


RunTests = Callable[[str], pytest.RunResult]


@pytest.fixture
def run_tests(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> RunTests:
    """Run `source` as a test file in a pytest process of its own, with the plugin loaded."""
    monkeypatch.setenv("PYTHONPATH", str(TESTS))
    pytester.makeini("[pytest]\nmarkers =\n    build: b\n    browser: b\n")

    def run(source: str) -> pytest.RunResult:
        pytester.makepyfile(IN_PROCESS_BUILD + source)
        return pytester.runpytest_subprocess("-p", "support.marks", "-p", "no:cacheprovider")

    return run


FAILS_BUILD = "builds a site, itself or through a fixture, but is not marked `build`"


def test_an_unmarked_build_fails_and_a_marked_one_passes(run_tests: RunTests) -> None:
    result = run_tests(
        "import pytest\n\n"
        "def test_unmarked():\n    build()\n\n"
        "@pytest.mark.build\ndef test_marked():\n    build()\n\n"
        "def test_no_build():\n    pass\n"
    )

    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*test_unmarked*", f"*{FAILS_BUILD}*"])


def test_a_fixture_that_built_counts_for_every_test_that_uses_it(run_tests: RunTests) -> None:
    result = run_tests(
        "import pytest\n\n"
        "@pytest.fixture(scope='session')\ndef site():\n    build()\n\n"
        "@pytest.mark.build\ndef test_first(site):\n    pass\n\n"
        "def test_second(site):\n    pass\n\n"
        "def test_by_name(request):\n    request.getfixturevalue('site')\n"
    )

    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["*FAILED*test_second*", "*FAILED*test_by_name*"])


def test_child_processes_that_build_or_start_a_browser_need_their_marks(
    run_tests: RunTests,
) -> None:
    result = run_tests(
        "import subprocess, sys\nimport pytest\n\n"
        "def test_mkdocs_child():\n"
        "    subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '--help'], check=True,\n"
        "                   capture_output=True)\n\n"
        "def test_driver_child():\n"
        "    subprocess.run([sys.executable, '-c', 'pass', 'run-driver'], check=True)\n\n"
        "@pytest.mark.browser\ndef test_marked_driver_child():\n"
        "    subprocess.run([sys.executable, '-c', 'pass', 'run-driver'], check=True)\n"
    )

    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*test_mkdocs_child*",
            f"*{FAILS_BUILD}*",
            "*test_driver_child*",
            "*starts Chromium, itself or through a fixture, but is not marked `browser`*",
        ]
    )
