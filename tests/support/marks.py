"""The `build` and `browser` marks, kept true: a pytest plugin (tests/conftest.py loads it).

`make test-fast` runs the tests marked neither `build` nor `browser`, so an unmarked test that
builds a site would make the fast tier slow, and one that needs Chromium would make it need a
browser. This plugin watches for that work while each test runs and fails the test that does it
unmarked, naming the mark to add:

- `build`: an MkDocs build in this process (MkDocs' `build` runs the plugins' `on_config`
  event first, whoever calls it: `clinicdocs build`, `mkdocs serve`, a test), or a child
  process running `mkdocs build`/`serve` or `clinicdocs build`;
- `browser`: a child process starting Playwright's driver (every Chromium launch, the tests' and
  `clinicdocs pdf`'s in this process), or running `clinicdocs pdf`.

Child processes are seen through Python's audit events, so no test helper has to remember to
report them. Work done while a fixture is set up counts for every test that uses that fixture,
not only for the test that happened to set it up first.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Generator, Sequence
from pathlib import PurePath
from typing import Any

import pytest
from mkdocs.plugins import PluginCollection

MARKS = ("build", "browser")

_work: Counter[str] = Counter()
"""How often each kind of work was seen in this process."""
_at_test_start: Counter[str] = Counter()
_fixture_work: dict[tuple[str, str], set[str]] = {}
"""The work each fixture did when it was set up, by (where it is defined, its name)."""
_REQUEST = pytest.StashKey[pytest.FixtureRequest]()

_COMMANDS = {
    "mkdocs": {"build": "build", "serve": "build", "gh-deploy": "build"},
    "clinicdocs": {"build": "build", "pdf": "browser"},
}


def command_work(argv: Sequence[str]) -> str | None:
    """The mark a child process's command line needs: `build`, `browser` or None.

    Args:
        argv: the program and its arguments (`python -m mkdocs build`, `clinicdocs pdf`, ...).
    """
    words = [str(word) for word in argv]
    if "run-driver" in words:  # Playwright's driver, which launches the browsers
        return "browser"
    for index, word in enumerate(words):
        tool = word if index and words[index - 1] == "-m" else PurePath(word).name
        if tool in _COMMANDS:
            command = next((w for w in words[index + 1 :] if not w.startswith("-")), None)
            return _COMMANDS[tool].get(command or "")
    return None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    """Note a child process that builds a site or starts a browser."""
    if event != "subprocess.Popen":
        return
    argv = args[1]
    kind = command_work([argv] if isinstance(argv, str | bytes) else list(argv))
    if kind is not None:
        _work[kind] += 1


def _counting(original: Any) -> Any:
    """MkDocs' `on_config` event, noting a build in this process each time it runs."""

    def on_config(self: PluginCollection, config: Any) -> Any:
        _work["build"] += 1
        return original(self, config)

    return on_config


def _done_since(before: Counter[str]) -> set[str]:
    return {kind for kind in MARKS if _work[kind] > before[kind]}


def _visible_from(baseid: str, nodeid: str) -> bool:
    """Whether a fixture defined at `baseid` (a folder or module node id) serves `nodeid`."""
    return not baseid or nodeid.startswith((baseid + "/", baseid + "::"))


def _work_of_fixtures(item: pytest.Item) -> set[str]:
    """What the fixtures `item` used did when they were set up (for this test or before),
    those it asked for while running (`request.getfixturevalue`) included."""
    request = item.stash.get(_REQUEST, None)
    names = request.fixturenames if request is not None else getattr(item, "fixturenames", ())
    found: set[str] = set()
    for name in names:
        defined = [base for base, argname in _fixture_work if argname == name]
        visible = [base for base in defined if _visible_from(base, item.nodeid)]
        if visible:  # the nearest definition is the one the test gets
            found |= _fixture_work[(max(visible, key=len), name)]
    return found


def pytest_configure(config: pytest.Config) -> None:
    """Start watching (once per process: an audit hook cannot be removed)."""
    if not getattr(PluginCollection.on_config, "counts_builds", False):
        counting = _counting(PluginCollection.on_config)
        counting.counts_builds = True  # type: ignore[attr-defined]
        PluginCollection.on_config = counting  # type: ignore[method-assign]
        sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def _fixtures_asked_for(request: pytest.FixtureRequest) -> None:
    """Keep the test's request, whose `fixturenames` grows with every fixture the test asks for
    by name while it runs."""
    request.node.stash[_REQUEST] = request


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
) -> Generator[None, Any, Any]:
    """Remember what work setting up each fixture did."""
    before = _work.copy()
    result = yield
    _fixture_work.setdefault((fixturedef.baseid, fixturedef.argname), set()).update(
        _done_since(before)
    )
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    """Start counting this test's work (its fixtures' setup included)."""
    _at_test_start.clear()
    _at_test_start.update(_work)
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """Fail a test that built a site or started a browser without the mark that says so."""
    result = yield
    needed = _done_since(_at_test_start) | _work_of_fixtures(item)
    missing = sorted(mark for mark in needed if item.get_closest_marker(mark) is None)
    if missing:
        what = {"build": "builds a site", "browser": "starts Chromium"}
        does = " and ".join(what[mark] for mark in missing)
        marks = " and ".join(f"`{mark}`" for mark in missing)
        add = ", ".join(f"@pytest.mark.{mark}" for mark in missing)
        pytest.fail(
            f"this test {does}, itself or through a fixture, but is not marked {marks}: add "
            f"{add} (or a module-level pytestmark) so that `make test-fast` leaves it out",
            pytrace=False,
        )
    return result
