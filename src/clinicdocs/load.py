"""Read `data/` into validated models, remembering where every key stands in its file.

Every problem found is collected; `load_site` raises one `DataError` carrying all of them, so a user
sees every mistake in one run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import tempfile
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from clinicdocs.data.branding import ImageFile, check_branding, check_figures
from clinicdocs.data.checks import (
    STATEMENTS_FILE,
    check_alternatives,
    check_concern_ids,
    check_glossary_terms,
    check_statement_ids,
    check_statement_uses,
    check_unique_names,
)
from clinicdocs.data.kinds import RECORD_FOLDERS
from clinicdocs.data.models import Clinic, Concern, Glossary, Statements, Treatment
from clinicdocs.data.naming import YAML_SUFFIXES, is_slug, suggest_slug, translation_name
from clinicdocs.data.reuse import keeping, kept
from clinicdocs.data.site import Candidate, SiteData
from clinicdocs.data.source import SourceFile
from clinicdocs.data.statements import Used, by_id, resolve_statements, used
from clinicdocs.data.wording import example_fields
from clinicdocs.data.yaml import read_and_validate
from clinicdocs.errors import DataError, Problem, shown_path
from clinicdocs.translations.load import load_translations

M = TypeVar("M", bound=BaseModel)


def _yaml_files(folder: Path) -> list[Path]:
    # `x.YML` is meant as a record too (some editors save names so); skipping it silently would
    # hide the record, so it is read and its name reported instead. `x.yml`, the documented
    # name, comes before `x.yaml`, so that the odd one out is the one reported as a duplicate.
    return sorted(
        (
            p
            for p in folder.iterdir()
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in YAML_SUFFIXES
        ),
        key=lambda p: (p.stem, p.suffix != ".yml", p.suffix),
    )


def _load_folder(
    files: list[Path],
    model: type[M],
    kind: str,
    root: Path | None,
    site_sources: dict[str, SourceFile],
    problems: list[Problem],
) -> tuple[dict[str, M], set[str]]:
    """Load every record in `files` (one folder's YAML files); also return the ids of all of
    them, valid or not."""
    records: dict[str, M] = {}
    seen: dict[str, str] = {}
    for path in files:
        display = shown_path(path, root)
        record_id = path.stem
        usable = False
        if not is_slug(record_id) or path.suffix not in YAML_SUFFIXES:
            suggested = suggest_slug(record_id) or "my-record"
            problems.append(
                Problem.about_file(
                    display,
                    f"file name '{path.name}' is not a valid id; use lowercase letters, digits and "
                    f"hyphens, e.g. '{suggested}{path.suffix.lower()}'",
                )
            )
        elif record_id in seen:
            problems.append(
                Problem.about_file(
                    display,
                    f"duplicate id '{record_id}': {seen[record_id]} has the same id (the file name "
                    "without its ending); keep only one of the two files",
                )
            )
        else:
            seen[record_id] = display
            usable = True
        # The content of a misnamed or duplicate file is still checked, so that renaming it does
        # not reveal a second round of problems.
        source, record = read_and_validate(path, display, model, problems)
        if source is None:
            continue
        if usable:
            site_sources[f"{kind}/{record_id}"] = source
            if record is not None:
                records[record_id] = record
    return records, set(seen)


def clinic_path(data_dir: Path, clinic_file: Path | None = None) -> Path:
    """The clinic file a site is branded for: the one given, else `<data_dir>/clinic.yml`."""
    return clinic_file or data_dir / "clinic.yml"


def load_site(
    data_dir: Path,
    project: Path | None = None,
    clinic_file: Path | None = None,
    languages: Sequence[str] = (),
) -> SiteData:
    """Load and validate everything under `data_dir`, including checks across files.

    Args:
        data_dir: the `data/` folder.
        project: the project folder; paths in problems are shown relative to it, and the
            clinic's logo and favicon paths are relative to it (`data_dir`'s parent when not
            given).
        clinic_file: the clinic to brand the site for, instead of `data_dir/clinic.yml`: one
            content folder serves several clinics.
        languages: the site's languages, the source language first (mkdocs.yml's
            `plugins: - clinicdocs: languages:`); their translations (`<id>.<code>.yml`) are
            loaded and checked against their sources. Empty: a one-language English site.

    Returns:
        The validated site data.

    Raises:
        DataError: listing every problem found, if there is any.
    """
    if not data_dir.is_dir():
        message = "data folder not found; create it with 'clinic.yml', 'treatments/' and " + (
            "'concerns/' inside"
        )
        raise DataError([Problem.about_file(shown_path(data_dir, project), message)])
    problems: list[Problem] = []
    declared = tuple(languages) or ("en",)
    clinic_at = clinic_path(data_dir, clinic_file)
    mistaken = _translation_given_as_clinic(clinic_at, project)
    if mistaken is not None:
        raise DataError([mistaken])
    records = _load_records(data_dir, clinic_at, project, problems)
    problems.extend(_check_across_files(records, data_dir, project))
    existing = records.existing(data_dir, clinic_at)
    translations = load_translations(records.candidates, existing, declared, project, problems)
    # A language without the clinic's translation is not an error: its pages show the
    # clinic's texts in the source language until one is written (`clinicdocs translations`).
    if problems or records.clinic is None:
        raise DataError(problems)
    # Once every use is known to exist: the records hold the statements' texts from here on.
    shown = {sid: used(entry) for sid, entry in by_id(records.statements).items()}
    return SiteData(
        {tid: _resolved(t, records.statements, shown) for tid, t in records.treatments.items()},
        records.concerns,
        records.glossary,
        records.clinic,
        records.sources,
        declared,
        translations,
        records.images,
        records.statements,
    )


_RESOLVED: dict[tuple[int, int], tuple[Treatment, object, Treatment]] = kept({})
"""Each treatment with its statements resolved, by the identities of the record and the
statements it was resolved with (both frozen, and the same objects while their files are
unchanged: `data.yaml.read_and_validate`), so the preview's loads after an edit resolve only
the changed records. Both are kept with the result, so their identities are not reused. Only
while builds keep their work (`data.reuse`)."""


def _resolved(treatment: Treatment, statements: object, shown: Mapping[str, Used]) -> Treatment:
    """`resolve_statements`, remembered (`_RESOLVED`)."""
    key = (id(treatment), id(statements))
    known = _RESOLVED.get(key)
    if known is not None and known[0] is treatment and known[1] is statements:
        return known[2]
    resolved = resolve_statements(treatment, shown)
    if keeping():
        _RESOLVED[key] = (treatment, statements, resolved)
    return resolved


def _translation_given_as_clinic(clinic_at: Path, root: Path | None) -> Problem | None:
    """A clinic translation (`clinics/x.ar.yml`) given as the clinic file: said in one line,
    instead of as the many fields a translation lacks."""
    name = translation_name(clinic_at)
    if name is None:
        return None
    source = clinic_at.with_name(f"{name[0]}{clinic_at.suffix}")
    if not source.is_file():
        return None
    shown, shown_source = shown_path(clinic_at, root), shown_path(source, root)
    return Problem.about_file(
        shown,
        f"this is the '{name[1]}' translation of {shown_source}, not a clinic file; give "
        f"{shown_source} as the clinic (its translations beside it are read with it)",
    )


@dataclass
class _Records:
    """What loaded of the source records, valid or not, before the checks across files."""

    treatments: dict[str, Treatment] = field(default_factory=dict)
    concerns: dict[str, Concern] = field(default_factory=dict)
    clinic: Clinic | None = None
    glossary: Glossary | None = None
    statements: Statements | None = None
    sources: dict[str, SourceFile] = field(default_factory=dict)
    ids: dict[str, set[str]] = field(default_factory=dict)
    """Every record file's id by folder, valid or not; a folder that has none is missing."""
    candidates: list[Candidate] = field(default_factory=list)
    """The files named as translations (`<id>.<code>.yml`)."""
    images: dict[str, ImageFile] = field(default_factory=dict)
    """The figures' images that passed their checks, by path as written."""

    def existing(self, data_dir: Path, clinic_path: Path) -> dict[str, BaseModel | None]:
        """Every source record that exists, by key; None for one whose file has problems (its
        translations are validated but not compared with it)."""
        existing: dict[str, BaseModel | None] = {}
        existing.update(
            (f"treatments/{i}", self.treatments.get(i)) for i in self.ids.get("treatments", ())
        )
        existing.update(
            (f"concerns/{i}", self.concerns.get(i)) for i in self.ids.get("concerns", ())
        )
        if (data_dir / "glossary.yml").is_file():
            existing["glossary"] = self.glossary
        if (data_dir / STATEMENTS_FILE).is_file():
            existing["statements"] = self.statements
        if clinic_path.is_file():
            existing["clinic"] = self.clinic
        return existing


def _load_records(
    data_dir: Path, clinic_path: Path, root: Path | None, problems: list[Problem]
) -> _Records:
    """Read and validate every source record; files named as translations are set aside."""
    records = _Records()
    # Each folder is listed once; an empty or missing one is a problem of its own.
    for kind in RECORD_FOLDERS:
        folder = data_dir / kind
        files = _yaml_files(folder) if folder.is_dir() else []
        files = _without_translations(files, kind, records.candidates)
        if not files:
            problems.append(
                Problem.about_file(
                    shown_path(folder, root),
                    f"no {kind} found; add at least one '<id>.yml' file here",
                )
            )
            continue
        if kind == "treatments":
            records.treatments, records.ids[kind] = _load_folder(
                files, Treatment, kind, root, records.sources, problems
            )
        else:
            records.concerns, records.ids[kind] = _load_folder(
                files, Concern, kind, root, records.sources, problems
            )
    records.clinic = _load_single(
        clinic_path, Clinic, "clinic", root, records.sources, problems, required=True
    )
    records.glossary = _load_single(
        data_dir / "glossary.yml",
        Glossary,
        "glossary",
        root,
        records.sources,
        problems,
        required=False,
    )
    records.statements = _load_single(
        data_dir / STATEMENTS_FILE,
        Statements,
        "statements",
        root,
        records.sources,
        problems,
        required=False,
    )
    singles = (
        (data_dir / "glossary.yml", "glossary"),
        (data_dir / STATEMENTS_FILE, "statements"),
        (clinic_path, "clinic"),
    )
    for path, key in singles:
        for found in sorted(path.parent.glob(f"{path.stem}.*")):
            name = _translation_name(found)
            if name is not None and name[0] == path.stem:
                records.candidates.append(Candidate(found, key, name[0], name[1]))
    return records


def _check_across_files(records: _Records, data_dir: Path, root: Path | None) -> list[Problem]:
    """The checks across files, on whatever loaded, so one run shows every problem. A concern
    whose file has mistakes still counts as known: its own problems are reported already."""
    problems: list[Problem] = []
    sources = records.sources
    if "concerns" in records.ids:
        problems.extend(check_concern_ids(records.treatments, records.ids["concerns"], sources))
    problems.extend(
        check_alternatives(records.treatments, records.ids.get("treatments", set()), sources)
    )
    problems.extend(check_unique_names("treatments", records.treatments, sources))
    problems.extend(check_unique_names("concerns", records.concerns, sources))
    if records.glossary is not None:
        problems.extend(check_glossary_terms(records.glossary, sources["glossary"]))
    if records.statements is not None:
        problems.extend(check_statement_ids(records.statements, sources["statements"]))
    statements_at = data_dir / STATEMENTS_FILE
    # A statements file with mistakes still counts its ids as known (the file's own problems
    # are reported already), as a concern file with mistakes counts.
    problems.extend(
        check_statement_uses(
            records.treatments,
            _statement_ids(sources.get("statements"), records.statements),
            sources,
            shown_path(statements_at, root),
        )
    )
    if "clinic" in sources:
        folder = root if root is not None else data_dir.parent
        problems.extend(check_branding(sources["clinic"], folder))
    folder = root if root is not None else data_dir.parent
    for key, source in sources.items():
        if key.startswith(("treatments/", "concerns/")):
            problems.extend(check_figures(source, folder, records.images))
    return problems


def _statement_ids(source: SourceFile | None, statements: Statements | None) -> set[str]:
    """The ids of the statements file, valid or not: the ids its file writes, read from the
    file when the file has mistakes."""
    if statements is not None:
        return {entry.id for entry in statements.statements}
    node = source.node if source is not None else None
    entries = node.get("statements") if isinstance(node, dict) else None
    return {
        str(entry["id"]).strip()
        for entry in entries or []
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    }


def _translation_name(path: Path) -> tuple[str, str] | None:
    return translation_name(path) if path.is_file() else None


def _without_translations(files: list[Path], kind: str, candidates: list[Candidate]) -> list[Path]:
    """The record files of a folder; files named `<id>.<code>.yml` go to `candidates`."""
    records = []
    for path in files:
        name = _translation_name(path)
        if name is None:
            records.append(path)
        else:
            candidates.append(Candidate(path, f"{kind}/{name[0]}", name[0], name[1]))
    return records


def _load_single(
    path: Path,
    model: type[M],
    key: str,
    root: Path | None,
    sources: dict[str, SourceFile],
    problems: list[Problem],
    *,
    required: bool,
) -> M | None:
    display = shown_path(path, root)
    if not path.is_file():
        if required:
            problems.append(
                Problem.about_file(
                    display,
                    f"file is missing; create it with {example_fields(model, limit=None)}",
                )
            )
        return None
    source, record = read_and_validate(path, display, model, problems)
    if source is not None:
        sources[key] = source
    return record


@dataclass(frozen=True)
class DataCopy:
    """A scratch copy of a data folder with some files rewritten (`rewritten_copy`): what the
    data would be if those files held their new texts, checked before anything real changes."""

    folder: Path
    """The copy."""
    original: Path
    """The data folder it copies."""
    clinic_file: Path | None
    """The clinic file to load: inside the copy when the real one is in the data folder."""

    def path(self, real: Path) -> Path:
        """Where a file of the real data folder is in the copy."""
        return self.folder / real.resolve().relative_to(self.original.resolve())

    def real(self, copied: Path) -> Path:
        """The real data folder's file for a file of the copy."""
        return self.original / copied.relative_to(self.folder)

    def load(self, project: Path, languages: Sequence[str]) -> SiteData:
        """`load_site` on the copy.

        Raises:
            DataError: every problem, naming the real files (`data/treatments/x.yml:3:7: ...`).
        """
        try:
            return load_site(self.folder, project, self.clinic_file, languages)
        except DataError as exc:
            copied, real = shown_path(self.folder, project), shown_path(self.original, project)
            raise DataError(
                [
                    dataclasses.replace(problem, file=real + problem.file.removeprefix(copied))
                    if problem.file.startswith(copied)
                    else problem
                    for problem in exc.problems
                ]
            ) from None


@contextlib.contextmanager
def rewritten_copy(
    data_dir: Path,
    clinic_file: Path | None,
    texts: Mapping[Path, str],
    prefix: str,
    removed: Collection[Path] = (),
) -> Iterator[DataCopy]:
    """A scratch copy of `data_dir` in which each file of `texts` holds its text and the files
    of `removed` are gone (the editor's delete and rename); removed on leaving. A rewritten
    file is written as a file of its own, never through a link to the real folder."""
    with tempfile.TemporaryDirectory(prefix=prefix) as scratch:
        folder = Path(scratch) / data_dir.name
        shutil.copytree(data_dir, folder, symlinks=True)
        clinic = clinic_path(data_dir, clinic_file).resolve()
        inside = clinic.is_relative_to(data_dir.resolve())
        copy = DataCopy(folder, data_dir, None)
        copy = dataclasses.replace(copy, clinic_file=copy.path(clinic) if inside else clinic_file)
        for path in removed:
            copy.path(path).unlink(missing_ok=True)
        for path, text in texts.items():
            target = copy.path(path)
            target.unlink(missing_ok=True)
            target.write_text(text, encoding="utf-8")
        yield copy
