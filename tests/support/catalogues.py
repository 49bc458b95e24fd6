"""Generated catalogues: a Hypothesis strategy for valid projects, and checks of a built site's
links.

The projects are written by `scripts/bench.py`'s `write_project` (the one generator; the bench
uses it for its large catalogues). `projects()` draws what varies: how many treatments, concerns
and categories; ids that sort first and last; which optional sections a treatment leaves out;
which translations exist, per language and per record kind; optional fields of concerns and
clinics; the glossary and its translations; the shared statements' translations; the site's
languages; and which sample clinic the site is built for.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bench import (
    CLINIC_OPTIONAL_SECTIONS,
    CONCERN_OPTIONAL_SECTIONS,
    CURRENT,
    OPTIONAL_SECTIONS,
    OUTDATED,
    Catalogue,
    ConcernSpec,
    ModelTwo,
    TreatmentSpec,
)
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from clinicdocs.data.models import FREQUENCIES, HELP_LEVELS, NUMBING_METHODS, PRACTITIONERS

KEEP_TRANSLATIONS_CURRENT = False
"""False: generated catalogues hold outdated translations and glossary terms left untranslated,
which are valid and build strict (translations may lag). True keeps every translation current,
to tell a translation problem from another one when hunting a failure."""

EXAMPLES_VARIABLE = "CLINICDOCS_CATALOGUE_EXAMPLES"
"""The environment variable that sets how many catalogues the property test builds (default
`DEFAULT_EXAMPLES`, the CI run's); e.g. `CLINICDOCS_CATALOGUE_EXAMPLES=500` for a long run."""
DEFAULT_EXAMPLES = 50

LANGUAGE_SETS = (("en", "ar", "zh"), ("en", "ar"), ("en", "zh"), ("en",))
"""The sample's languages, and the subsets a site may declare (source first)."""
CLINICS = ("data/clinic.yml", "clinics/harbour-clinic.yml")
ID_PREFIXES = ("0", "a", "m", "z", "zz")
"""Id prefixes: `0-…` sorts before every sample-like id, `zz-…` after."""
SAMPLE_TREATMENTS = 3
SAMPLE_CONCERNS = 12
SAMPLE_GLOSSARY_TERMS = 29

settings.register_profile(
    "catalogues",
    # A build takes seconds, and a draw writes files: no deadline, no too-slow health check.
    # Derandomized with no example database: CI runs the same examples every time. No shrinking:
    # each shrinking step is a build, and a failing example of a few records reads well as it is.
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    derandomize=True,
    database=None,
    max_examples=int(os.environ.get(EXAMPLES_VARIABLE, DEFAULT_EXAMPLES)),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    print_blob=True,
)


@dataclass(frozen=True)
class GeneratedProject:
    """One example: the catalogue to write, and the clinic file to build it for."""

    catalogue: Catalogue
    clinic: str
    """`data/clinic.yml` (a plain `mkdocs build --strict`) or another clinic (`--clinic`)."""


def _states() -> st.SearchStrategy[str | None]:
    """A record's translation into one language: missing (None), current or outdated."""
    if KEEP_TRANSLATIONS_CURRENT:
        return st.sampled_from([None, CURRENT])
    return st.sampled_from([None, CURRENT, OUTDATED])


@st.composite
def _translations(draw: st.DrawFn, languages: tuple[str, ...]) -> dict[str, str]:
    found = {code: draw(_states()) for code in languages[1:]}
    return {code: state for code, state in found.items() if state is not None}


@st.composite
def projects(
    draw: st.DrawFn, max_treatments: int = 4, max_concerns: int = 3, max_categories: int = 3
) -> GeneratedProject:
    """A valid project: a few treatments, concerns and categories (few, so a build is quick).

    Args:
        draw: Hypothesis' draw.
        max_treatments: at most this many treatments (at least one).
        max_concerns: at most this many concerns (at least one).
        max_categories: at most this many categories.
    """
    languages = draw(st.sampled_from(LANGUAGE_SETS))
    concern_count = draw(st.integers(1, max_concerns))
    concerns = [
        ConcernSpec(
            f"{draw(st.sampled_from(ID_PREFIXES))}-concern-{index + 1}",
            index + 1,
            draw(st.integers(0, SAMPLE_CONCERNS - 1)),
            draw(_translations(languages)),
            left_out=frozenset(draw(st.sets(st.sampled_from(CONCERN_OPTIONAL_SECTIONS)))),
        )
        for index in range(concern_count)
    ]
    treatment_count = draw(st.integers(1, max_treatments))
    categories = draw(st.integers(1, max_categories))
    treatments = [
        TreatmentSpec(
            f"{draw(st.sampled_from(ID_PREFIXES))}-treatment-{index + 1}",
            index + 1,
            draw(st.integers(0, SAMPLE_TREATMENTS - 1)),
            draw(st.integers(0, categories - 1)),
            tuple(
                draw(
                    st.lists(
                        st.integers(0, concern_count - 1),
                        min_size=1,
                        max_size=concern_count,
                        unique=True,
                    )
                )
            ),
            left_out=frozenset(draw(st.sets(st.sampled_from(OPTIONAL_SECTIONS)))),
            translations=draw(_translations(languages)),
            model_two=draw(_model_two(treatment_count, concern_count)),
        )
        for index in range(treatment_count)
    ]
    # Always a glossary: the sample's hand-written pages (docs/about.md) link to it, and a strict
    # build rightly fails on a link to a page that does not exist.
    glossary_terms = draw(st.integers(1, 6))
    untranslated: frozenset[int] = frozenset()
    if not KEEP_TRANSLATIONS_CURRENT:
        untranslated = frozenset(draw(st.sets(st.integers(0, glossary_terms - 1))))
    clinic_states = (
        st.just(CURRENT) if KEEP_TRANSLATIONS_CURRENT else st.sampled_from([CURRENT, OUTDATED])
    )
    catalogue = Catalogue(
        languages,
        treatments,
        concerns,
        glossary_terms=glossary_terms,
        glossary_translations=draw(_translations(languages)),
        glossary_untranslated=untranslated,
        # The sample treatments use statements by id: their pages show each statement's
        # translation, the source's text marked as not translated (missing), or the source's
        # text where the statement changed since (outdated).
        statements_translations=draw(_translations(languages)),
        # A site language without the clinic's translation is a validation error (its texts
        # are on every page), so every language has one.
        clinic_translations={code: draw(clinic_states) for code in languages[1:]},
        clinic_left_out=frozenset(draw(st.sets(st.sampled_from(CLINIC_OPTIONAL_SECTIONS)))),
        hand_written_translations=draw(st.booleans()),
    )
    return GeneratedProject(catalogue, draw(st.sampled_from(CLINICS)))


@dataclass(frozen=True)
class BrokenLink:
    """A link in a built page that leads nowhere."""

    page: str
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href}: {self.reason}"


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site (every language's)."""
    return sorted(site.rglob("*.html"))


def _target(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """Where a relative `href` on `page` leads (a file or folder under `site`, None when it
    leaves the site) and its fragment."""
    parts = urlsplit(href)
    here = page.relative_to(site).parent.as_posix()
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    joined = posixpath.normpath(posixpath.join(here, path))
    if joined.startswith(".."):
        return None, parts.fragment
    target = site / joined
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def _relative_hrefs(soup: BeautifulSoup) -> Iterator[str]:
    for anchor in soup.find_all("a", href=True):
        href = str(anchor["href"])
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("/"):
            continue  # an address outside the site, or canonical: not a relative link
        yield href


def check_links(site: Path) -> tuple[list[BrokenLink], set[Path]]:
    """Every relative link of every page of `site`: broken ones, and the pages reachable from
    the home page by following links.

    A link is broken when its file does not exist, leaves the site, or names a `#fragment`
    that no element of the target page has as its `id` (or an `<a name>`).
    """
    soups: dict[Path, BeautifulSoup] = {}

    def soup_of(path: Path) -> BeautifulSoup:
        if path not in soups:
            soups[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return soups[path]

    links: dict[Path, set[Path]] = {}
    broken: list[BrokenLink] = []
    for page in html_pages(site):
        name = page.relative_to(site).as_posix()
        links[page] = set()
        for href in _relative_hrefs(soup_of(page)):
            target, fragment = _target(site, page, href)
            if target is None:
                broken.append(BrokenLink(name, href, "leaves the site"))
                continue
            if not target.is_file():
                broken.append(BrokenLink(name, href, "no such file"))
                continue
            if target.suffix != ".html":
                continue
            links[page].add(target)
            if fragment and not soup_of(target).find(
                lambda tag, f=fragment: (
                    tag.get("id") == f or (tag.name == "a" and tag.get("name") == f)
                )
            ):
                broken.append(BrokenLink(name, href, f"no element with id '{fragment}'"))
    reachable: set[Path] = set()
    todo = [site / "index.html"]
    while todo:
        page = todo.pop()
        if page in reachable or page not in links:
            continue
        reachable.add(page)
        todo.extend(links[page] - reachable)
    return broken, reachable


@st.composite
def _model_two(draw: st.DrawFn, treatments: int, concerns: int) -> ModelTwo:
    """Data model 2's fields for one treatment: frequencies on the five-step scale, help levels,
    aftercare days, alternatives by id, practitioners, poor-choice concerns, no `what_to_do`."""
    return ModelTwo(
        frequencies=tuple(draw(st.lists(st.sampled_from(FREQUENCIES), max_size=3))),
        help_levels=tuple(draw(st.lists(st.sampled_from(HELP_LEVELS), max_size=3))),
        stage_days=tuple(draw(st.lists(st.integers(0, 30), max_size=3))),
        alternatives=tuple(draw(st.lists(st.integers(0, treatments - 1), max_size=2))),
        practitioner=tuple(draw(st.lists(st.sampled_from(PRACTITIONERS), max_size=2))),
        limit_concerns=tuple(draw(st.lists(st.integers(0, concerns - 1), max_size=2))),
        drop_what_to_do=draw(st.booleans()),
        facts=tuple(draw(st.lists(_fact_numbers(), max_size=4, unique_by=lambda fact: fact[0]))),
        numbing=tuple(
            draw(st.lists(st.sampled_from(NUMBING_METHODS[1:]), max_size=2, unique=True))
        ),
    )


FACT_UNITS = {
    "sessions": (None,),
    "interval": ("days", "weeks", "months"),
    "session_length": ("minutes", "hours"),
    "downtime": ("days", "weeks"),
    "results_show": ("days", "weeks", "months"),
    "results_last": ("weeks", "months", "years"),
}
"""Each numeric key fact and the units it takes (`data.models`)."""


@st.composite
def _fact_numbers(draw: st.DrawFn) -> tuple[str, int | None, int | None, str | None]:
    """A key fact's numbers: a single number, a range, or "up to"."""
    name = draw(st.sampled_from(sorted(FACT_UNITS)))
    low = draw(st.integers(0, 30))
    high = draw(st.none() | st.integers(low, 60))
    return name, low, high, draw(st.sampled_from(FACT_UNITS[name]))
