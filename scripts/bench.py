"""Benchmark clinicdocs at scale, against stock MkDocs + Material on the same Markdown.

For each size N it writes a synthetic project into a temporary folder: N treatments (each merges
the lists of two sample treatments, so every section is filled and a page has about 1,500
words), N/10 concerns, the sample glossary and clinic, docs/ and mkdocs.yml. Then, each step in
its own process (so its peak memory is its own):

- validate: `clinicdocs validate` (load YAML, validate, render every page, check clashes);
- load / generate: the same split in one process: YAML to models, models to Markdown;
- build: `mkdocs build --strict` of the project (the clinicdocs plugin, its navigation);
- stock: the Markdown of `clinicdocs export` plus docs/, built by MkDocs + Material with a plain
  mkdocs.yml (same Markdown extensions, search, no clinicdocs plugin, MkDocs' default navigation
  listing every page), the baseline.

Figures depend on the machine and its load: compare the ratios within one run.

Usage: python scripts/bench.py [N ...]          (default: 100 1000)
       python scripts/bench.py --keep 100       keeps the projects, to look at their sites
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from mkdocs.utils.yaml import yaml_load
from pydantic import BaseModel

from clinicdocs.data.models import (
    HELP_LEVELS,
    NUMBING_METHODS,
    Clinic,
    Concern,
    Glossary,
    Statements,
    Treatment,
)
from clinicdocs.translations.text import section_versions, source_version

ROOT = Path(__file__).resolve().parents[1]
MERGED_LISTS = (
    "suits",
    "not_suitable",
    "cautions",
    "before",
    "on_the_day",
    "side_effects",
    "aftercare",
    "sources",
)
CONCERNS_PER_TREATMENT = 3
R = TypeVar("R")

SPLIT_SNIPPET = """
import json, sys, time
from pathlib import Path
from clinicdocs.load import load_site
from clinicdocs.generate.pages import generate
project = Path(sys.argv[1])
start = time.perf_counter()
site = load_site(project / "data", project)
loaded = time.perf_counter()
pages = generate(site, project / "templates" / "pages").pages
done = time.perf_counter()
words = [len(text.split()) for uri, text in pages.items() if uri.startswith("treatments/")
         and not uri.endswith("index.md")]
print(json.dumps({"load": loaded - start, "generate": done - loaded,
                  "words": sum(words) / len(words)}))
"""


@dataclass
class Step:
    """One measured process: wall-clock seconds, CPU seconds (user + system) and peak resident
    memory (MB). On a shared machine the CPU seconds are the fairer comparison."""

    seconds: float
    cpu: float
    peak_mb: float
    stdout: str = ""


@dataclass
class Site:
    """Sizes of a built site."""

    total_mb: float
    html_pages: int
    treatment_kb: float
    treatment_kb_max: float
    search_mb: float


@dataclass
class Row:
    """Everything measured for one size."""

    size: int
    words: float = 0.0
    steps: dict[str, Step] = field(default_factory=dict)
    split: dict[str, float] = field(default_factory=dict)
    sites: dict[str, Site] = field(default_factory=dict)


def _sample(kind: str) -> list[dict[str, Any]]:
    # Source records only: `<id>.<code>.yml` beside them are translations.
    return [_read(p) for p in _sample_paths(kind)]


def _sample_paths(kind: str) -> list[Path]:
    return [p for p in sorted((ROOT / "data" / kind).glob("*.yml")) if "." not in p.stem]


def _read(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _languages(config: str, codes: Sequence[str]) -> str:
    """The sample's mkdocs.yml with the languages `codes` (`languages: [en, ar, zh]` becomes
    `[en]` for the bench, which measures one site, as the stock baseline builds one)."""
    return re.sub(
        r"(?m)^(\s*languages:\s*)\[[^\]\n]*\]",
        lambda m: f"{m.group(1)}[{', '.join(codes)}]",
        config,
    )


def _merged(first: list[Any], second: list[Any]) -> list[Any]:
    """`first` then the items of `second` it lacks (an item's identity is its YAML text)."""
    seen = {json.dumps(item, sort_keys=True, default=str) for item in first}
    extra = [i for i in second if json.dumps(i, sort_keys=True, default=str) not in seen]
    return [*first, *extra]


def _moved_ignores(other: dict[str, Any], merged: dict[str, Any]) -> list[dict[str, Any]]:
    """`other`'s lint_ignore entries pointed at where their items are in `merged` (a merged list
    puts `other`'s items after the base's), leaving out those whose item is not there."""
    moved = []
    for ignore in other.get("lint_ignore", []):
        match = re.fullmatch(r"(\w+)\[(\d+)\](.*)", ignore.get("field", ""))
        if match is None:
            moved.append(ignore)
            continue
        key, index, rest = match.group(1), int(match.group(2)), match.group(3)
        item = json.dumps(other[key][index], sort_keys=True, default=str)
        places = [
            i
            for i, candidate in enumerate(merged.get(key, []))
            if json.dumps(candidate, sort_keys=True, default=str) == item
        ]
        if places:
            moved.append({**ignore, "field": f"{key}[{places[0]}]{rest}"})
    return moved


CURRENT, OUTDATED = "current", "outdated"
"""A translation's state in a catalogue: stamped with its source's version, or with an older
one. A language a record has no entry for has no translation file (missing)."""
OLD_VERSION = "0123456789ab"
"""The `source_version` of an outdated translation: no source text has this version."""
OPTIONAL_SECTIONS = (
    "also_known_as",
    "key_facts",
    "suits",
    "cautions",
    "before",
    "on_the_day",
    "aftercare",
    "faq",
    "procedure_type",
)
"""A treatment's optional fields that a catalogue may leave out. `not_suitable`, `side_effects`,
`get_help` and `sources` are optional to validation too, but the safety lint requires them and
its findings fail a strict build by design, so a catalogue keeps them."""
CONCERN_OPTIONAL_SECTIONS = ("also_known_as", "medical_condition")
"""A concern's optional fields that a catalogue may leave out."""
CLINIC_OPTIONAL_SECTIONS = (
    "short_name",
    "booking_url",
    "site_url",
    "logo",
    "favicon",
    "primary_color",
    "accent_color",
    "opening_hours",
    "social",
)
"""A clinic's optional fields that a catalogue may leave out (both sample clinics'). Without
`site_url` the site has none (the sample's mkdocs.yml sets none): relative links only."""
CATEGORY_NAMES = {"ar": "مجموعة العلاجات {}", "zh": "治疗组 {}"}
"""A generated category's name in each sample language: one name per category and language."""


@dataclass(frozen=True)
class ModelTwo:
    """A generated treatment's fields of data model 2 that need no translation (and, for a
    treatment no language translates, a limit and side effects without `what_to_do`)."""

    frequencies: tuple[str, ...] = ()
    """Each side effect's `how_common`, in order (cycled); empty: the sample's."""
    help_levels: tuple[str, ...] = ()
    """Each side effect's `help_level`, in order (cycled); empty: none given."""
    stage_days: tuple[int, ...] = ()
    """Day steps: stage n starts `sum(stage_days[:n+1])` days in and ends before the next;
    empty: no days."""
    alternatives: tuple[int, ...] = ()
    """Other treatments (indexes into the catalogue) named as alternatives, by id only."""
    practitioner: tuple[str, ...] = ()
    limit_concerns: tuple[int, ...] = ()
    """Concerns (indexes) it is a poor choice for: a limit naming them, when no language
    translates the treatment (a limit's text needs translating)."""
    drop_what_to_do: bool = False
    """Leave out every side effect's `what_to_do` (untranslated treatments only)."""
    facts: tuple[tuple[str, int | None, int | None, str | None], ...] = ()
    """Key facts' numbers: `(fact, min, max, unit)`, set on the fact (its note, if the sample
    has one, is kept, so translations still match)."""
    numbing: tuple[str, ...] = ()
    """The numbing methods, when not empty."""


@dataclass(frozen=True)
class TreatmentSpec:
    """One generated treatment: the sample treatment it copies, and how it differs."""

    id: str
    number: int
    """Appended to the sample's names, so every treatment's name is unique."""
    base: int
    """The sample treatment (in file-name order) it copies."""
    category: int
    concerns: tuple[int, ...]
    """Indexes into the catalogue's concerns (at least one)."""
    left_out: frozenset[str] = frozenset()
    """Optional sections (`OPTIONAL_SECTIONS`) left out."""
    merge_with: int | None = None
    """Another sample whose list items are added (the bench's long pages); untranslatable."""
    translations: dict[str, str] = field(default_factory=dict)
    """Language code -> CURRENT or OUTDATED; a language not here has no translation."""
    model_two: ModelTwo = ModelTwo()
    """Data model 2's fields, varied."""


@dataclass(frozen=True)
class ConcernSpec:
    """One generated concern: a copy of a sample concern under its own id and name."""

    id: str
    number: int
    base: int
    translations: dict[str, str] = field(default_factory=dict)
    left_out: frozenset[str] = frozenset()
    """Optional fields (`CONCERN_OPTIONAL_SECTIONS`) left out."""


@dataclass(frozen=True)
class Catalogue:
    """Everything a generated project holds; `write_project` writes it."""

    languages: tuple[str, ...]
    """The site's languages, source (en) first; each must have sample translations."""
    treatments: list[TreatmentSpec]
    concerns: list[ConcernSpec]
    glossary_terms: int | None = None
    """How many of the sample glossary's terms it keeps: the first ones the treatments'
    summaries or `how_it_works` use (the lint warns of a term no page uses), or all of them
    (-1); None: no glossary."""
    glossary_translations: dict[str, str] = field(default_factory=dict)
    glossary_untranslated: frozenset[int] = frozenset()
    """Glossary terms (indexes) left out of every translation: an English-only term."""
    statements_translations: dict[str, str] = field(default_factory=dict)
    """The state of `data/statements.yml`'s translation in each language (the sample's
    statements file is always written: the sample treatments use its statements by id)."""
    clinic_translations: dict[str, str] = field(default_factory=dict)
    """The clinic file's translations (both sample clinics'); every language needs one."""
    clinic_left_out: frozenset[str] = frozenset()
    """Optional fields (`CLINIC_OPTIONAL_SECTIONS`) left out of both sample clinics."""
    hand_written_translations: bool = True
    """Copy docs/'s `<page>.<code>.md` translations for the site's languages."""


def bench_catalogue(count: int) -> Catalogue:
    """The bench's project: `count` treatments, each merging the lists of two samples (about
    1,500 words a page), `count // 10` concerns, the sample glossary, English only."""
    bases = len(_sample_paths("treatments"))
    concern_count = max(CONCERNS_PER_TREATMENT, count // 10)
    categories = max(5, round(math.sqrt(count)))
    concerns = [
        ConcernSpec(f"concern-{i + 1:04d}", i + 1, i % len(_sample_paths("concerns")))
        for i in range(concern_count)
    ]
    treatments = [
        TreatmentSpec(
            f"treatment-{i + 1:04d}",
            i + 1,
            i % bases,
            i % categories,
            tuple((i + step * 7) % concern_count for step in range(CONCERNS_PER_TREATMENT)),
            merge_with=(i + 1) % bases,
            model_two=ModelTwo(
                facts=(
                    ("sessions", 1 + i % 3, 3 + i % 5, None),
                    ("downtime", 0, i % 15, "days"),
                    ("session_length", 15 * (1 + i % 4), None, "minutes"),
                ),
                numbing=NUMBING_METHODS[i % 3 : i % 3 + 1],
            ),
        )
        for i in range(count)
    ]
    return Catalogue(("en",), treatments, concerns, glossary_terms=-1)


def make_project(target: Path, count: int) -> Path:
    """Write a project with `count` treatments, `count // 10` concerns and the sample glossary."""
    return write_project(target, bench_catalogue(count))


def write_project(target: Path, catalogue: Catalogue) -> Path:
    """Write the project `catalogue` describes into `target` (mkdocs.yml, docs/, templates/,
    branding/, both sample clinics and data/), valid by construction."""
    codes = catalogue.languages
    dropped = [f"*.{code}.md" for code in ("ar", "zh") if code not in codes]
    if not catalogue.hand_written_translations:
        dropped = ["*.*.md"]
    for folder in ("docs", "templates", "branding"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns(*dropped))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(_languages(config, codes), encoding="utf-8")
    data = target / "data"
    (data / "treatments").mkdir(parents=True)
    (data / "concerns").mkdir()
    (target / "clinics").mkdir()
    for clinic in (ROOT / "data" / "clinic.yml", ROOT / "clinics" / "harbour-clinic.yml"):
        folder = data if clinic.parent.name == "data" else target / "clinics"
        record = _read(clinic)
        for key in catalogue.clinic_left_out:
            record.pop(key, None)
        _write(folder / clinic.name, record)
        for code, state in catalogue.clinic_translations.items():
            text = _read(clinic.with_name(f"{clinic.stem}.{code}.yml"))
            for key in catalogue.clinic_left_out:
                text.pop(key, None)
            _write_translation(folder / f"{clinic.stem}.{code}.yml", text, _clinic(record), state)
    concerns, concern_bases = _sample("concerns"), _sample_paths("concerns")
    for spec in catalogue.concerns:
        record = dict(concerns[spec.base])
        record["name"] = f"{record['name']} {spec.number}"
        record["also_known_as"] = [f"{a} {spec.number}" for a in record.get("also_known_as", [])]
        for key in spec.left_out:
            record.pop(key, None)
        _write(data / "concerns" / f"{spec.id}.yml", record)
        for code, state in spec.translations.items():
            text = _read(
                concern_bases[spec.base].with_name(f"{concern_bases[spec.base].stem}.{code}.yml")
            )
            text["name"] = f"{text['name']} {spec.number}"
            text["also_known_as"] = [f"{a} {spec.number}" for a in text.get("also_known_as", [])]
            for key in spec.left_out:
                text.pop(key, None)
            _write_translation(
                data / "concerns" / f"{spec.id}.{code}.yml", text, _concern(record), state
            )
    treatments, treatment_bases = _sample("treatments"), _sample_paths("treatments")
    written = []
    for spec in catalogue.treatments:
        base = treatments[spec.base]
        record = dict(base)
        record["name"] = f"{base['name']} {spec.number}"
        record["also_known_as"] = [f"{a} {spec.number}" for a in base.get("also_known_as", [])]
        record["category"] = f"Treatment group {spec.category + 1}"
        record["concerns"] = list(dict.fromkeys(catalogue.concerns[i].id for i in spec.concerns))
        if spec.merge_with is not None:
            other = treatments[spec.merge_with]
            for key in MERGED_LISTS:
                record[key] = _merged(base.get(key, []), other.get(key, []))
            help_base, help_other = base.get("get_help", {}), other.get("get_help", {})
            record["get_help"] = {
                level: _merged(help_base.get(level, []), help_other.get(level, []))
                for level in HELP_LEVELS
                if help_base.get(level) or help_other.get(level)
            }
            record.setdefault("key_facts", other.get("key_facts"))
            record["lint_ignore"] = [
                *base.get("lint_ignore", []),
                *_moved_ignores(other, record),
            ]
        for key in spec.left_out:
            record.pop(key, None)
        _apply_model_two(record, spec, catalogue)
        if "aftercare" in spec.left_out:
            # The sample's one lint_ignore names an aftercare item.
            record.pop("lint_ignore", None)
        _write(data / "treatments" / f"{spec.id}.yml", record)
        written.append(record)
        path = treatment_bases[spec.base]
        for code, state in spec.translations.items():
            assert spec.merge_with is None, "a merged treatment has no sample translation"
            text = _read(path.with_name(f"{path.stem}.{code}.yml"))
            text["name"] = f"{text['name']} {spec.number}"
            text["also_known_as"] = [f"{a} {spec.number}" for a in text.get("also_known_as", [])]
            text["category"] = CATEGORY_NAMES[code].format(spec.category + 1)
            for key in spec.left_out:
                text.pop(key, None)
            _write_translation(
                data / "treatments" / f"{spec.id}.{code}.yml", text, _treatment(record), state
            )
    used = [f"{t['summary']}\n{t.get('how_it_works', '')}" for t in written]
    _write_glossary(data, catalogue, "\n".join(used))
    _write_statements(data, catalogue, written)
    return target


def _write_statements(data: Path, catalogue: Catalogue, treatments: list[dict[str, Any]]) -> None:
    """The sample's `data/statements.yml` statements that the written treatments use by id (an
    unused one is a lint warning, which fails a strict build), and its translations in the
    states the catalogue gives."""
    used = set(_used_ids(treatments))
    record = _read(ROOT / "data" / "statements.yml")
    record["statements"] = [s for s in record["statements"] if s["id"] in used]
    if not record["statements"]:
        return
    _write(data / "statements.yml", record)
    for code, state in catalogue.statements_translations.items():
        text = _read(ROOT / "data" / f"statements.{code}.yml")
        text["statements"] = [s for s in text["statements"] if s["source"] in used]
        _write_translation(
            data / f"statements.{code}.yml", text, Statements.model_validate(record), state
        )


def _used_ids(value: Any) -> Iterator[str]:
    """The statement ids a record's data uses (`- use: <id>`), anywhere in it."""
    if isinstance(value, dict):
        if isinstance(value.get("use"), str):
            yield value["use"]
        for item in value.values():
            yield from _used_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _used_ids(item)


def _uses(text: str, term: dict[str, Any]) -> bool:
    """Whether `text` uses a glossary term as written (the lint's matching is wider)."""
    spellings = [term["term"], *term.get("also", [])]
    return any(re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text) for s in spellings)


def _write_glossary(data: Path, catalogue: Catalogue, text_used: str) -> None:
    if catalogue.glossary_terms is None:
        return
    terms = _read(ROOT / "data" / "glossary.yml")["terms"]
    if catalogue.glossary_terms < 0:
        indexes = list(range(len(terms)))
    else:
        used = [i for i, term in enumerate(terms) if _uses(text_used, term)]
        indexes = used[: catalogue.glossary_terms]
    record = {"terms": [terms[i] for i in indexes]}
    _write(data / "glossary.yml", record)
    for code, state in catalogue.glossary_translations.items():
        text = _read(ROOT / "data" / f"glossary.{code}.yml")
        text["terms"] = [
            text["terms"][i]
            for position, i in enumerate(indexes)
            if position not in catalogue.glossary_untranslated
        ]
        if not text["terms"]:
            continue  # no term translated: the translation is missing, not an empty file
        _write_translation(data / f"glossary.{code}.yml", text, _glossary(record), state)


def _treatment(record: dict[str, Any]) -> BaseModel:
    return Treatment.model_validate(record)


def _concern(record: dict[str, Any]) -> BaseModel:
    return Concern.model_validate(record)


def _clinic(record: dict[str, Any]) -> BaseModel:
    return Clinic.model_validate(record)


def _glossary(record: dict[str, Any]) -> BaseModel:
    return Glossary.model_validate(record)


def _write_translation(path: Path, text: dict[str, Any], source: BaseModel, state: str) -> None:
    """A translation file of `text`, stamped as `clinicdocs translations stamp` would from
    `source` (CURRENT: its version and each section's), or from an older text (OUTDATED: a
    version no text has, and the sample translation's own section versions)."""
    info = dict(text["translation"])
    if state == CURRENT:
        info["source_version"] = source_version(source)
        info["sections"] = section_versions(source)
    else:
        info["source_version"] = OLD_VERSION
    _write(path, {**text, "translation": info})


def _write(path: Path, record: dict[str, Any]) -> None:
    path.write_text(
        yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )


def _apply_model_two(record: dict[str, Any], spec: TreatmentSpec, catalogue: Catalogue) -> None:
    """Vary a generated treatment's data model 2 fields as `spec.model_two` says."""
    extra = spec.model_two
    effects = [dict(effect) for effect in record.get("side_effects", [])]
    for index, effect in enumerate(effects):
        if extra.frequencies:
            effect["how_common"] = extra.frequencies[index % len(extra.frequencies)]
        if extra.help_levels and effect.get("seek_help"):
            effect["help_level"] = extra.help_levels[index % len(extra.help_levels)]
        if extra.drop_what_to_do and not spec.translations:
            effect.pop("what_to_do", None)
    if effects:
        record["side_effects"] = effects
    if extra.stage_days and record.get("aftercare"):
        stages = [dict(stage) for stage in record["aftercare"]]
        day = 0
        for index, stage in enumerate(stages):
            day += extra.stage_days[index % len(extra.stage_days)]
            stage["from_day"] = day
            if index + 1 < len(stages):
                stage["to_day"] = day + extra.stage_days[(index + 1) % len(extra.stage_days)]
        record["aftercare"] = stages
    if extra.facts or extra.numbing:
        facts = {
            name: dict(fact) if isinstance(fact, dict) else {"note": fact}
            for name, fact in (record.get("key_facts") or {}).items()
        }
        for name, low, high, unit in extra.facts:
            numbers = {"min": low, "max": high, "unit": unit}
            facts[name] = {
                **{k: v for k, v in facts.get(name, {}).items() if k not in numbers},
                **{k: v for k, v in numbers.items() if v is not None},
            }
        if extra.numbing:
            facts["numbing"] = {**facts.get("numbing", {}), "methods": list(extra.numbing)}
        record["key_facts"] = facts
    others = [catalogue.treatments[i].id for i in extra.alternatives]
    # Named by id only, after the sample's own (which its translations translate).
    alternatives = [{"treatment": tid} for tid in dict.fromkeys(others) if tid != spec.id]
    if alternatives:
        record["alternatives"] = [*alternatives, *record.get("alternatives", [])]
    if extra.practitioner:
        record["practitioner"] = list(dict.fromkeys(extra.practitioner))
    poor = [
        catalogue.concerns[i].id
        for i in extra.limit_concerns
        if catalogue.concerns[i].id not in record["concerns"]
    ]
    if poor and not spec.translations:
        record["limits"] = [
            {"text": "This is not the right treatment for these concerns.", "concerns": poor}
        ]


def make_stock_project(project: Path, target: Path) -> Path:
    """The baseline: the exported Markdown and docs/ under a plain Material mkdocs.yml."""
    docs = target / "docs"
    shutil.copytree(project / "docs", docs)
    run([sys.executable, "-m", "clinicdocs", "export", "--out", str(docs)], project)
    with (project / "mkdocs.yml").open(encoding="utf-8") as text:
        config = yaml_load(text)  # MkDocs' loader: mkdocs.yml holds `!ENV` tags
    stock = {
        "site_name": config["site_name"],
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "language": "en", "font": False},
        "plugins": ["search"],
        "markdown_extensions": config["markdown_extensions"],
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(stock, sort_keys=False), encoding="utf-8")
    return target


def run(command: list[str], cwd: Path) -> Step:
    """Run `command` in `cwd` as a child process; fail loudly if it fails.

    The peak memory is the child's own (`wait4` returns the resource use of that one process).
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{stdout}\n{stderr}")
    # Linux reports ru_maxrss in kilobytes.
    return Step(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout)


def site_sizes(site: Path) -> Site:
    """Total size, HTML page count, treatment page HTML size, search index size."""
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = sum(1 for _ in site.rglob("*.html"))
    treatment_pages = [
        p.stat().st_size for p in (site / "treatments").glob("*/index.html") if p.is_file()
    ]
    search = site / "search" / "search_index.json"
    return Site(
        total / 1e6,
        pages,
        sum(treatment_pages) / len(treatment_pages) / 1024,
        max(treatment_pages) / 1024,
        search.stat().st_size / 1e6 if search.is_file() else 0.0,
    )


def measure(size: int, workdir: Path) -> Row:
    """Make the projects for `size` and measure every step."""
    row = Row(size)
    project = make_project(workdir / f"n{size}", size)
    row.steps["validate"] = run([sys.executable, "-m", "clinicdocs", "validate"], project)
    split = run([sys.executable, "-c", SPLIT_SNIPPET, str(project)], project)
    row.steps["load+generate"] = split
    row.split = json.loads(split.stdout)
    row.words = row.split.pop("words")
    row.steps["build"] = run([sys.executable, "-m", "mkdocs", "build", "--strict"], project)
    row.sites["build"] = site_sizes(project / "site")
    stock = make_stock_project(project, workdir / f"n{size}-stock")
    row.steps["stock"] = run([sys.executable, "-m", "mkdocs", "build", "-q"], stock)
    row.sites["stock"] = site_sizes(stock / "site")
    return row


def report(rows: list[Row]) -> str:
    """The results as a Markdown table, then the ratios and per-treatment costs."""
    lines = [
        "| N | words/page | step | wall s | CPU s | CPU ms/treatment | peak MB | site MB "
        "| html pages | treatment page KB (max) | search index MB |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        n = row.size
        for name, label in (
            ("validate", "clinicdocs validate"),
            ("load+generate", "load YAML / data-to-Markdown"),
            ("build", "clinicdocs build"),
            ("stock", "stock Material"),
        ):
            step = row.steps[name]
            seconds = (
                f"{row.split['load']:.2f} / {row.split['generate']:.2f}"
                if name == "load+generate"
                else f"{step.seconds:.2f}"
            )
            site = row.sites.get(name)
            sizes = (
                f"{site.total_mb:.1f} | {site.html_pages} | "
                f"{site.treatment_kb:.1f} ({site.treatment_kb_max:.1f}) | {site.search_mb:.2f}"
                if site
                else " |  |  | "
            )
            lines.append(
                f"| {n} | {row.words:.0f} | {label} | {seconds} | {step.cpu:.1f} | "
                f"{step.cpu / n * 1000:.1f} | {step.peak_mb:.0f} | {sizes} |"
            )
    lines.append("")
    for row in rows:
        build, stock = row.steps["build"].seconds, row.steps["stock"].seconds
        cpu = row.steps["build"].cpu / row.steps["stock"].cpu
        lines.append(
            f"N={row.size}: build / stock = {build / stock:.2f} (CPU {cpu:.2f}); "
            f"data-to-Markdown / build = {row.split['generate'] / build:.1%}; "
            f"load YAML / build = {row.split['load'] / build:.1%}; "
            f"site size / stock = {row.sites['build'].total_mb / row.sites['stock'].total_mb:.2f}"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        for name in ("build", "stock"):
            per_first = first.steps[name].cpu / first.size * 1000
            per_last = last.steps[name].cpu / last.size * 1000
            lines.append(
                f"{name}: {per_first:.1f} CPU ms/treatment at N={first.size}, {per_last:.1f} at "
                f"N={last.size} (x{per_last / per_first:.2f} per page for "
                f"x{last.size / first.size:.0f} pages)"
            )
    return "\n".join(lines)


def main() -> None:
    """Measure each size and print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--keep", action="store_true", help="keep the projects and print where")
    args = parser.parse_args()
    measure_sizes(args.sizes, measure, report, keep=args.keep, prefix="clinicdocs-bench-")


def measure_sizes(
    sizes: Sequence[int],
    measure_one: Callable[[int, Path], R],
    report_rows: Callable[[list[R]], str],
    *,
    keep: bool,
    prefix: str,
) -> None:
    """Measure each size in a scratch folder and print the table, with the machine's state.

    Args:
        sizes: the catalogue sizes.
        measure_one: measures one size, given it and the scratch folder.
        report_rows: the table of some rows.
        keep: keep the scratch folder (its projects) and say where.
        prefix: the scratch folder's name prefix.
    """
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    rows: list[R] = []
    try:
        for size in sizes:
            rows.append(measure_one(size, workdir))
            # Each size's table as soon as it is measured: a large size can take a long time.
            print(report_rows(rows[-1:]), file=sys.stderr, flush=True)
    finally:
        if keep:
            print(f"projects kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, "
        f"Python {sys.version.split()[0]}"
    )
    print(report_rows(rows))


if __name__ == "__main__":
    main()
