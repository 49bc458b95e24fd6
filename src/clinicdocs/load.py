"""Read `data/` into validated models, remembering where every key stands in its file.

Every problem found is collected; `load_site` raises one `DataError` carrying all of them, so a user
sees every mistake in one run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from clinicdocs.data.branding import check_branding
from clinicdocs.data.checks import check_concern_ids, check_glossary_terms, check_unique_names
from clinicdocs.data.models import Clinic, Concern, Glossary, Treatment
from clinicdocs.data.naming import YAML_SUFFIXES, is_slug, suggest_slug, translation_name
from clinicdocs.data.site import Candidate, SiteData, translations_with
from clinicdocs.data.source import SourceFile
from clinicdocs.data.wording import example_fields
from clinicdocs.data.yaml import read_and_validate
from clinicdocs.errors import DataError, Problem, shown_path
from clinicdocs.translations.records import load_translations, missing_clinic_translations

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
            problems.append(
                Problem.about_file(
                    display,
                    f"file name '{path.name}' is not a valid id; use lowercase letters, digits and "
                    "hyphens, e.g. "
                    f"'{suggest_slug(record_id) or 'my-record'}{path.suffix.lower()}'",
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
    root = project
    shown = shown_path(data_dir, root)
    if not data_dir.is_dir():
        raise DataError(
            [
                Problem.about_file(
                    shown,
                    "data folder not found; create it with "
                    "'clinic.yml', 'treatments/' and 'concerns/' inside",
                )
            ]
        )
    problems: list[Problem] = []
    sources: dict[str, SourceFile] = {}

    # Each folder is listed once; an empty or missing one is a problem of its own.

    declared = tuple(languages) or ("en",)
    candidates: list[Candidate] = []
    listed: dict[str, list[Path]] = {}
    for kind in ("treatments", "concerns"):
        folder = data_dir / kind
        files = _yaml_files(folder) if folder.is_dir() else []
        files = _without_translations(files, kind, candidates)
        if files:
            listed[kind] = files
        else:
            problems.append(
                Problem.about_file(
                    shown_path(folder, root),
                    f"no {kind} found; add at least one '<id>.yml' file here",
                )
            )

    treatments: dict[str, Treatment] = {}
    concerns: dict[str, Concern] = {}
    concern_ids: set[str] = set()
    treatment_ids: set[str] = set()
    if "treatments" in listed:
        treatments, treatment_ids = _load_folder(
            listed["treatments"], Treatment, "treatments", root, sources, problems
        )
    if "concerns" in listed:
        concerns, concern_ids = _load_folder(
            listed["concerns"], Concern, "concerns", root, sources, problems
        )

    clinic = _load_single(
        clinic_path(data_dir, clinic_file),
        Clinic,
        "clinic",
        root,
        sources,
        problems,
        required=True,
    )
    glossary = _load_single(
        data_dir / "glossary.yml", Glossary, "glossary", root, sources, problems, required=False
    )

    # Checks across files run on whatever loaded, so one run shows every problem. A concern whose
    # file has mistakes still counts as known: its own problems are reported already.
    if "concerns" in listed:
        problems.extend(check_concern_ids(treatments, concern_ids, sources))
    problems.extend(check_unique_names("treatments", treatments, sources))
    problems.extend(check_unique_names("concerns", concerns, sources))
    if glossary is not None:
        problems.extend(check_glossary_terms(glossary, sources["glossary"]))
    if "clinic" in sources:
        folder = root if root is not None else data_dir.parent
        problems.extend(check_branding(sources["clinic"], folder))

    # Translations: whatever loaded of their sources is compared with them. A source file with
    # problems still exists (None: its translation is validated but not compared).
    clinic_source = clinic_path(data_dir, clinic_file)
    for path, key in ((data_dir / "glossary.yml", "glossary"), (clinic_source, "clinic")):
        for found in sorted(path.parent.glob(f"{path.stem}.*")):
            name = _translation_name(found)
            if name is not None and name[0] == path.stem:
                candidates.append(Candidate(found, key, name[0], name[1]))
    existing: dict[str, BaseModel | None] = {}
    existing.update((f"treatments/{i}", treatments.get(i)) for i in treatment_ids)
    existing.update((f"concerns/{i}", concerns.get(i)) for i in concern_ids)
    if (data_dir / "glossary.yml").is_file():
        existing["glossary"] = glossary
    if clinic_source.is_file():
        existing["clinic"] = clinic
    translations = load_translations(candidates, existing, declared, root, problems)
    if clinic_source.is_file():
        problems.extend(
            missing_clinic_translations(
                clinic_source,
                declared,
                set(translations_with("clinic", translations)),
                root,
                other_clinic=clinic_file is not None,
            )
        )

    if problems or clinic is None:
        raise DataError(problems)
    return SiteData(treatments, concerns, glossary, clinic, sources, declared, translations)


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
