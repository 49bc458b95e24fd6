"""The files the editor reads and writes: only YAML files inside the project's data folder and
images inside its image folder, each save merged into the file as it stands and validated by
the project's own loader before anything is written.

Comments and key order survive a save: the form's data is merged into the file's ruamel
round-trip document (a value the form did not change keeps its node, so its comments, quoting
and folded style stay; a key the form does not know, such as a translation's `translation:`
block, is kept), and only then written. A new key goes where the model has it.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import io
import re
import threading
import typing
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml as pyyaml  # type: ignore[import-untyped]  # PyYAML ships no type hints
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

from clinicdocs.data.checks import REFERENCES
from clinicdocs.data.kinds import KINDS, Kind
from clinicdocs.data.models import (
    FAVICON_SUFFIXES,
    FIGURE_SUFFIXES,
    KEY_FIELD,
    LOGO_SUFFIXES,
    Strict,
    translatable_mark,
    translation_model,
)
from clinicdocs.data.naming import YAML_SUFFIXES, is_slug, suggest_slug, translation_name
from clinicdocs.data.yaml import round_trip_yaml, write_atomically
from clinicdocs.editor.form import from_form, to_form, unwrap
from clinicdocs.editor.links import renamed_links
from clinicdocs.errors import DataError, Problem, shown_path
from clinicdocs.generate.pages import record_pages
from clinicdocs.load import rewritten_copy

IMAGE_SUFFIXES = tuple(sorted(set(LOGO_SUFFIXES) | set(FAVICON_SUFFIXES) | set(FIGURE_SUFFIXES)))
"""The images an editor may upload: those a clinic's logo, favicon or a figure may be."""


class RefusedPath(Exception):
    """A path the editor may not read or write; the message says why."""


class SaveRefused(Exception):
    """The form's data is not valid; carries the validator's problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class Store:
    """One project's files as the editor sees them.

    Attributes:
        root: the project folder (the one holding mkdocs.yml); paths from the browser are
            relative to it.
        data_dir: the data folder.
        clinic_path: the clinic file.
        media_dir: the folder images are uploaded to.
        languages: the site's languages, source first.
        docs_dir: the hand-written pages' folder (their links follow a renamed record).
    """

    root: Path
    data_dir: Path
    clinic_path: Path
    media_dir: Path
    languages: tuple[str, ...]
    docs_dir: Path | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)
    """Held while files are written: one save at a time (the server answers in threads)."""

    @property
    def i18n(self) -> bool:
        """Whether translated fields are edited side by side."""
        return len(self.languages) > 1

    def relative(self, path: Path) -> str:
        """`path` as the browser names it: relative to the project folder, with `/`."""
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    def resolve(self, name: str, *, media: bool = False, folder: bool = False) -> Path:
        """The file the browser's `name` means, inside the data (or image) folder.

        Raises:
            RefusedPath: an absolute path, `..`, a backslash, a file outside the folder (a
                symbolic link that leads out included), or a file of another type.
        """
        if not name or "\\" in name or "\x00" in name:
            raise RefusedPath(f"{name!r} is not a file name the editor accepts")
        pure = PurePosixPath(name)
        if pure.is_absolute() or name.startswith("~") or (len(name) > 1 and name[1] == ":"):
            raise RefusedPath(f"{name!r} is an absolute path; the editor takes project paths")
        if ".." in pure.parts:
            raise RefusedPath(f"{name!r} leads outside the project ('..')")
        path = self.root / self._on_disk(pure)
        allowed = self.media_dir if media else self.data_dir
        inside = allowed.resolve()
        real = path.resolve()
        if real != inside and inside not in real.parents:
            raise RefusedPath(
                f"{name!r} is outside the {'image' if media else 'data'} folder "
                f"{shown_path(allowed, self.root)}"
            )
        suffixes = IMAGE_SUFFIXES if media else (".yml", ".yaml")
        if not folder and not real.name.lower().endswith(suffixes):
            raise RefusedPath(f"{name!r} is not a file the editor writes ({', '.join(suffixes)})")
        return path

    def _on_disk(self, pure: PurePosixPath) -> PurePosixPath:
        """Decap names the source language's file `<id>.<code>.yml`; on disk it is `<id>.yml`."""
        source = self.languages[0]
        suffix = f".{source}{pure.suffix}"
        if self.i18n and pure.name.endswith(suffix):
            return pure.with_name(pure.name.removesuffix(suffix) + pure.suffix)
        return pure

    def browser_name(self, path: Path) -> str:
        """The name Decap knows `path` by (the source file as `<id>.<source code>.yml`)."""
        name = self.relative(path)
        if self.i18n and translation_name(path) is None:
            pure = PurePosixPath(name)
            return str(pure.with_name(f"{pure.stem}.{self.languages[0]}{pure.suffix}"))
        return name

    def kind_of(self, path: Path) -> tuple[Kind, str | None]:
        """The kind of record a data file holds, and its language code when a translation.

        Raises:
            RefusedPath: a file that holds no kind of record.
        """
        translated = translation_name(path)
        language = translated[1] if translated else None
        stem = translated[0] if translated else path.stem
        if path.resolve().parent == self.data_dir.resolve():
            clinic_stem = self.clinic_path.stem
            kind_key = "clinic" if stem == clinic_stem else stem
        else:
            kind_key = path.resolve().parent.name
        kind = KINDS.get(kind_key)
        if kind is None or kind.many != (kind_key != stem):
            raise RefusedPath(f"{self.relative(path)} holds no kind of record the editor knows")
        return kind, language

    def read_entry(self, path: Path, name: str | None = None) -> dict[str, Any]:
        """A data file as Decap's proxy backend hands it over: its text in the form's shape.

        Args:
            path: the file.
            name: the name Decap asked for it by (default: `browser_name`).
        """
        name = name or self.browser_name(path)
        if not path.is_file():
            return {"data": None, "file": {"path": name, "id": None}}
        raw = path.read_bytes()
        kind, language = self.kind_of(path)
        data = _plain(round_trip_yaml().load(raw.decode("utf-8")))
        shaped = to_form(kind, data, translation=language is not None)
        if self.single_file(path):
            shaped, raw = self._every_language(path, kind, data, shaped, raw)
        text = pyyaml.safe_dump(shaped, allow_unicode=True, sort_keys=False, width=100)
        return {
            "data": text,
            "file": {"path": name, "id": hashlib.sha256(raw).hexdigest()},
        }

    def single_file(self, path: Path) -> bool:
        """Whether Decap reads and writes `path` as one file holding every language
        (`{en: ..., ar: ...}`): the clinic, glossary and statements files of a site with
        translations. Decap translates a collection of single files only so (its `single_file`
        structure); on disk each translation is a file of its own (`clinic.ar.yml`), so the
        editor joins them when Decap reads (`read_entry`) and splits them when it saves
        (`languages_of`)."""
        if not self.i18n or translation_name(path) is not None:
            return False
        try:
            kind, _ = self.kind_of(path)
        except RefusedPath:
            return False
        return not kind.many

    def translation_path(self, path: Path, language: str) -> Path:
        """The file of `language`'s translation of the record file `path` (`<id>.<code>.yml`)."""
        return path.with_name(f"{path.stem}.{language}{path.suffix}")

    def _every_language(
        self, path: Path, kind: Kind, data: Any, shaped: Any, raw: bytes
    ) -> tuple[dict[str, Any], bytes]:
        """A single file's form in every language that has a translation file, and the bytes
        its version is hashed from (all the files)."""
        every: dict[str, Any] = {self.languages[0]: shaped}
        for language in self.languages[1:]:
            translated = self.translation_path(path, language)
            if not translated.is_file():
                continue  # started with `clinicdocs new translation`, as a record's
            content = translated.read_bytes()
            raw += b"\0" + content
            text = _plain(round_trip_yaml().load(content.decode("utf-8"))) or {}
            text = {k: v for k, v in text.items() if k != "translation"}  # the stamp stays
            every[language] = to_form(kind, _keyed_to_form(kind, data, text), translation=True)
        return every, raw

    def languages_of(self, path: Path, raw: str) -> list[tuple[Path, str]]:
        """A single file's save (Decap's `{en: ..., ar: ...}`, see `single_file`) as each
        language's file and its part of the form: the source's file, and each translation's file
        that exists (a language without one yet is left out, as a record's is). A keyed list's
        items (glossary terms, statements) are paired with the source's items as the form showed
        them (`_keyed_from_form`)."""
        kind, _ = self.kind_of(path)
        given = _plain(round_trip_yaml().load(raw)) or {}
        if not isinstance(given, dict) or not all(isinstance(k, str) for k in given):
            raise ValueError("a file of every language is a mapping of language codes")
        unknown = set(given) - set(self.languages)
        if unknown:
            raise ValueError(f"languages the site does not have: {', '.join(sorted(unknown))}")
        text = path.read_text(encoding="utf-8") if path.is_file() else ""  # a first save
        source = _plain(round_trip_yaml().load(text)) or {}
        parts = [(path, _dumped(given.get(self.languages[0]) or {}))]
        for language in self.languages[1:]:
            translated = self.translation_path(path, language)
            part = given.get(language)
            if not translated.is_file() or not isinstance(part, dict):
                continue
            old = _plain(round_trip_yaml().load(translated.read_text(encoding="utf-8"))) or {}
            parts.append((translated, _dumped(_keyed_from_form(kind, source, old, part))))
        return parts

    def list_folder(self, folder: str) -> list[dict[str, Any]]:
        """Every record file of a data folder, translations included."""
        path = self.resolve(folder, folder=True)
        if not path.is_dir():
            return []
        files = sorted(p for p in path.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
        return [self.read_entry(self.resolve(self.relative(p))) for p in files]

    def merged_text(self, path: Path, raw: str) -> str:
        """The file's new text: the form's data (`raw`, Decap's YAML) merged into the file's
        round-trip document, so comments and key order stay."""
        kind, language = self.kind_of(path)
        given = _plain(round_trip_yaml().load(raw)) or {}
        data = from_form(kind, given, translation=language is not None)
        model: type[Strict] = translation_model(kind.model) if language else kind.model
        yaml = _writer()
        old = yaml.load(path.read_text(encoding="utf-8")) if path.is_file() else None
        if not isinstance(old, CommentedMap):
            old = CommentedMap()
        if language and "translation" in old:
            # The form does not show a translation's version stamp; it stays as it is (stamped
            # by `clinicdocs translations stamp`).
            data = {"translation": _plain(old["translation"]), **data}
        document = _merge_map(old, data, model)
        out = io.StringIO()
        yaml.dump(document, out)
        text = out.getvalue()
        if _plain(round_trip_yaml().load(text)) != _plain(document):
            raise ValueError(f"writing {self.relative(path)} would change its text; not saved")
        return text

    def save(self, path: Path, raw: str) -> str:
        """Validate and write one record file; returns the text written.

        Raises:
            SaveRefused: with the loader's problems when the project would not be valid with
                this file; nothing is written then.
        """
        return self.save_all([(path, raw)])[path]

    def save_all(self, forms: list[tuple[Path, str]]) -> dict[Path, str]:
        """Validate and write the files of one save (a record and its translations) together:
        all are written, or, when the project would not be valid with them, none.

        Args:
            forms: each file and the form's data for it (Decap's YAML; every language's, for a
                `single_file`, whose translations' files are saved with it).

        Returns:
            The text of each file. A file whose text is unchanged is not written again.

        Raises:
            SaveRefused: with the loader's problems; nothing is written then.
        """
        forms = [
            each
            for path, raw in forms
            for each in (self.languages_of(path, raw) if self.single_file(path) else [(path, raw)])
        ]
        texts = {path: self.merged_text(path, raw) for path, raw in forms}
        problems = self.check(texts)
        if problems:
            raise SaveRefused(problems)
        with self.lock:
            for path, text in texts.items():
                content = text.encode("utf-8")
                if not path.is_file() or path.read_bytes() != content:
                    write_atomically(path, content)
        return texts

    def check(self, texts: dict[Path, str], removed: Collection[Path] = ()) -> list[Problem]:
        """The problems `clinicdocs validate` would report about the data if each file held its
        text (and the files of `removed` were gone): the whole data folder is loaded from a
        scratch copy by the project's loader, and problems are named as they are in the project
        (`data/treatments/x.yml:3:7: ...`)."""
        with rewritten_copy(
            self.data_dir, self.clinic_path, texts, "clinicdocs-edit-", removed
        ) as copy:
            try:
                copy.load(self.root, self.languages)
            except DataError as exc:
                return exc.problems
        return []

    def record_files(self, path: Path) -> tuple[Kind, str, list[Path]]:
        """A record of a folder (a treatment, a concern) and the files that hold it.

        Args:
            path: its file or one of its translations' files, as `resolve` returns it.

        Returns:
            Its kind, its id, and its files: its own file first, then every translation's
            file beside it (`<id>.<code>.yml`), in name order.

        Raises:
            RefusedPath: a file of no folder (the clinic, the glossary), a record that has no
                file, or a file that is a symbolic link (deleting one would leave what it
                points to).
        """
        kind, _ = self.kind_of(path)
        if not kind.many:
            raise RefusedPath(
                f"{self.relative(path)} is not a record the editor deletes or renames"
            )
        translated = translation_name(path)
        record_id = translated[0] if translated else path.stem
        folder = path.parent
        own = [folder / f"{record_id}{suffix}" for suffix in YAML_SUFFIXES]
        own = [candidate for candidate in own if candidate.is_file()]
        if not own:
            raise RefusedPath(f"there is no record {kind.key}/{record_id}")
        translations = sorted(
            candidate
            for candidate in folder.iterdir()
            if (parts := translation_name(candidate)) is not None and parts[0] == record_id
        )
        files = [own[0], *translations]
        for file in files:
            name = file.relative_to(self.root).as_posix()
            if file.is_symlink():
                raise RefusedPath(f"{name!r} is a symbolic link; the editor deletes only files")
            self.resolve(name)  # the rules of a save: inside the data folder, a YAML file
        return kind, record_id, files

    def delete(self, names: Sequence[str]) -> list[Path]:
        """Delete records (Decap's `deleteFiles`), each with its translations' files, only when
        the data folder without them passes the same checks as `clinicdocs validate`.

        Args:
            names: files as the browser names them: a record's file or its translations'
                (Decap names every language's file of a record; the translations that exist go
                with it whichever are named).

        Returns:
            The files removed.

        Raises:
            RefusedPath: a name outside the data folder, or no record's file.
            SaveRefused: with the loader's problems (a concern a treatment still names, the
                last treatment); nothing is removed then.
        """
        files: list[Path] = []
        for name in names:
            _, _, found = self.record_files(self.resolve(name))
            files += [file for file in found if file not in files]
        if not files:
            raise RefusedPath("no file named to delete")
        with self.lock:
            problems = self.check({}, removed=files)
            if problems:
                raise SaveRefused(problems)
            _remove_together(files)
        return files

    def rename(self, collection: str, old_id: str, new_id: str) -> dict[Path, Path]:
        """Give a record a new id: its file and its translations' files are renamed, and every
        other record naming it (`checks.REFERENCES`: a treatment's `concerns`, `limits`,
        `alternatives`) names the new id, edited in its round-trip document so comments stay;
        and every link of a hand-written page to the record's pages leads to their new
        address (`editor.links`). The data is checked on a scratch copy of the data folder
        first; when it would not be valid, nothing changes.

        Args:
            collection: the record's folder (`treatments`, `concerns`).
            old_id: its id now.
            new_id: the id it gets.

        Returns:
            Each file moved, and where to.

        Raises:
            RefusedPath: not a folder of records, or no such record.
            SaveRefused: a new id that cannot be one, is taken, or data the loader refuses.
        """
        kind = KINDS.get(collection)
        if kind is None or not kind.many or not is_slug(old_id):
            raise RefusedPath(f"there is no record {collection}/{old_id}")
        folder = f"{self.relative(self.data_dir)}/{kind.key}"
        _, _, files = self.record_files(self.resolve(f"{folder}/{old_id}.yml"))
        shown = shown_path(files[0], self.root)
        if not is_slug(new_id) or len(new_id) > MAX_ID:
            suggestion = suggest_slug(new_id)
            raise SaveRefused(
                [
                    Problem.about_file(
                        shown,
                        f"'{new_id}' cannot be an id: an id is lowercase letters, digits and "
                        f"single hyphens, at most {MAX_ID} characters"
                        + (f", e.g. '{suggestion}'" if suggestion else ""),
                    )
                ]
            )
        if new_id == old_id:
            raise SaveRefused(
                [Problem.about_file(shown, "is already this record's id; choose another id")]
            )
        moves = {file: file.with_name(new_id + file.name.removeprefix(old_id)) for file in files}
        taken = [
            file.parent / f"{new_id}{suffix}"
            for file in files[:1]
            for suffix in YAML_SUFFIXES
            if (file.parent / f"{new_id}{suffix}").exists()
        ] + [target for target in list(moves.values())[1:] if target.exists()]
        if taken:
            raise SaveRefused(
                [
                    Problem.about_file(
                        shown_path(target, self.root),
                        "already exists; choose another id, or delete that record first",
                    )
                    for target in taken
                ]
            )
        texts = {target: file.read_text(encoding="utf-8") for file, target in moves.items()}
        references = self._references_renamed(kind.key, old_id, new_id)
        rewritten = {moves.get(path, path): text for path, text in references.items()}
        texts.update(rewritten)
        old_pages, new_pages = record_pages(kind.key, old_id), record_pages(kind.key, new_id)
        pages = dict(zip(old_pages, new_pages, strict=True))
        linking = renamed_links(self.docs_dir, pages) if self.docs_dir is not None else {}
        with self.lock:
            problems = self.check(texts, removed=files)
            if problems:
                raise SaveRefused(problems)
            _rename_together(moves, {**rewritten, **linking})
        return moves

    def _references_renamed(self, key: str, old_id: str, new_id: str) -> dict[Path, str]:
        """The new text of every treatment's file that names the record `key/old_id`."""
        fields = REFERENCES.get(key, ())
        folder = self.data_dir / "treatments"
        texts: dict[Path, str] = {}
        if not fields or not folder.is_dir():
            return texts
        for path in sorted(folder.iterdir()):
            if path.suffix not in YAML_SUFFIXES or translation_name(path) or not path.is_file():
                continue
            yaml = _writer()
            document = yaml.load(path.read_text(encoding="utf-8"))
            if sum(_rename_at(document, loc, old_id, new_id) for loc in fields):
                out = io.StringIO()
                yaml.dump(document, out)
                texts[path] = out.getvalue()
        return texts

    def media(self) -> list[dict[str, Any]]:
        """The images in the image folder, as Decap's proxy backend lists them."""
        if not self.media_dir.is_dir():
            return []
        return [
            self.read_media(p)
            for p in sorted(self.media_dir.iterdir())
            if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES
        ]

    def read_media(self, path: Path) -> dict[str, Any]:
        """One image, base64-encoded."""
        content = path.read_bytes()
        return {
            "id": hashlib.sha256(content).hexdigest(),
            "content": base64.b64encode(content).decode(),
            "encoding": "base64",
            "path": self.relative(path),
            "name": path.name,
        }

    def save_media(self, name: str, content: str) -> dict[str, Any]:
        """Write an uploaded image into the image folder."""
        path = self.resolve(name, media=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, base64.b64decode(content, validate=True))
        return self.read_media(path)


MAX_ID = 80
"""The longest record id, as the models' `Slug` allows."""


def _dumped(data: Any) -> str:
    """Form data as Decap's YAML, for `merged_text`."""
    return str(pyyaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


def _keyed_fields(kind: Kind) -> list[tuple[str, str]]:
    """The keyed lists of a kind (`Translatable.keyed_by`): each field and its items' key."""
    marks = ((name, translatable_mark(info)) for name, info in kind.model.model_fields.items())
    return [(name, mark.keyed_by) for name, mark in marks if mark and mark.keyed_by]


def _empty(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    if isinstance(value, list):
        return all(_empty(v) for v in value)
    return value is None or value == "" or value is False


def _keyed_to_form(kind: Kind, source: Any, translation: dict[str, Any]) -> dict[str, Any]:
    """A translation's keyed lists as the form shows them beside the source's: one item per
    source item, in the source's order, each with its `source:` (a hidden field of the form,
    `form.keyed_source_field`), empty but for it where that item is not translated yet. Items
    naming no item of the source follow, as they are (the validator names them)."""
    out = dict(translation)
    for name, key in _keyed_fields(kind):
        items = [i for i in out.get(name) or [] if isinstance(i, dict)]
        by_key = {item.get(KEY_FIELD): item for item in items}
        keys = [s.get(key) for s in (source or {}).get(name) or [] if isinstance(s, dict)]
        aligned = [{KEY_FIELD: k, **by_key.get(k, {})} for k in keys if k is not None]
        out[name] = aligned + [item for item in items if item.get(KEY_FIELD) not in keys]
    return out


def _keyed_from_form(kind: Kind, source: Any, old: Any, part: dict[str, Any]) -> dict[str, Any]:
    """The reverse of `_keyed_to_form`: a translation's items as its file holds them. Items
    with nothing but their `source:` (not translated) are left out; the others keep the file's
    order, new ones after them in the source's order. An item added in the form has no
    `source:`; the validator then says it must name one."""
    out = dict(part)
    for name, key in _keyed_fields(kind):
        items = out.get(name)
        if not isinstance(items, list):
            continue
        kept = [
            item
            for item in items
            if not (isinstance(item, dict) and _empty({**item, KEY_FIELD: None}))
        ]
        keys = [s.get(key) for s in (source or {}).get(name) or [] if isinstance(s, dict)]
        before = [i.get(KEY_FIELD) for i in (old or {}).get(name) or [] if isinstance(i, dict)]
        rank = {k: n for n, k in enumerate(before + [k for k in keys if k not in before])}
        # Stable: items naming no source item keep the form's order, after the others.
        out[name] = sorted(kept, key=functools.partial(_place, rank=rank))
    return out


def _place(item: Any, rank: dict[Any, int]) -> int:
    """Where a translation's keyed item goes: by the source item it names (`rank`)."""
    named = item.get(KEY_FIELD) if isinstance(item, dict) else None
    return rank.get(named, len(rank))


def _rename_at(node: Any, loc: tuple[str, ...], old_id: str, new_id: str) -> int:
    """Replace `old_id` by `new_id` at the field path `loc` (`*`: every item) of a round-trip
    document; how many were replaced."""
    if not loc:
        return 0
    key, rest = loc[0], loc[1:]
    if key == "*":
        if not isinstance(node, list):
            return 0
        if rest:
            return sum(_rename_at(item, rest, old_id, new_id) for item in node)
        found = [index for index, item in enumerate(node) if item == old_id]
        for index in found:
            node[index] = new_id
        return len(found)
    if not isinstance(node, dict) or key not in node:
        return 0
    if rest:
        return _rename_at(node[key], rest, old_id, new_id)
    if node[key] != old_id:
        return 0
    node[key] = new_id
    return 1


def _rename_together(moves: dict[Path, Path], texts: dict[Path, str]) -> None:
    """Move files and then write texts (at the files' new places), all or none: when one
    cannot be (a full disk, a file locked), those done are undone, the moves last, and the
    error is raised."""
    moved: list[tuple[Path, Path]] = []
    written: list[tuple[Path, bytes]] = []
    try:
        for file, target in moves.items():
            file.rename(target)
            moved.append((file, target))
        for path, text in texts.items():
            before = path.read_bytes()
            write_atomically(path, text.encode("utf-8"))
            written.append((path, before))
    except OSError:
        for path, before in reversed(written):
            with contextlib.suppress(OSError):  # undo what can be; the first error is the news
                write_atomically(path, before)
        for file, target in reversed(moved):
            with contextlib.suppress(OSError):
                target.rename(file)
        raise


def _remove_together(paths: list[Path]) -> None:
    """Remove files all or none: each is first renamed aside in its folder (atomic), and put
    back if one cannot be; only then are they removed."""
    aside: list[tuple[Path, Path]] = []
    try:
        for path in paths:
            hidden = path.with_name(f".{path.name}.removing")
            path.rename(hidden)
            aside.append((path, hidden))
    except OSError:
        for path, hidden in reversed(aside):
            hidden.rename(path)
        raise
    for _, hidden in aside:
        hidden.unlink()


DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
"""A date as the models take it, written plain (`2026-01-15`), as editors write it by hand."""
LONG_TEXT = 80
"""A new text longer than this is written folded (`>-`), as the project's files write it."""


INTEGER_RE = re.compile(r"^-?[0-9]+$")


class _Representer(RoundTripRepresenter):
    """Dates, and numbers written without quotes, plain as in the project's files: the loader
    reads every scalar as text, so a number written `7` comes back as the text "7", and is
    written `7` again. (Quoted ones come back as ruamel's quoted strings and stay quoted.)"""

    def represent_str(self, data: str) -> Any:
        if DATE_RE.match(data):
            return self.represent_scalar("tag:yaml.org,2002:timestamp", data)
        if type(data) is str and INTEGER_RE.match(data):
            return self.represent_scalar("tag:yaml.org,2002:int", data)
        return super().represent_str(data)


_Representer.add_representer(str, _Representer.represent_str)


def _writer() -> YAML:
    """The round-trip loader and dumper, in the project's style: quotes kept as written, lists
    indented under their key, lines folded at 80 characters."""
    yaml = round_trip_yaml()
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    # Wide enough never to re-wrap: a folded text keeps the line breaks it was written with
    # (ruamel keeps them as `fold_pos`), and new texts are folded by `_folded`.
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _plain(node: Any) -> Any:
    """ruamel's round-trip values as plain dicts, lists and strings."""
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return None if node is None else str(node) if not isinstance(node, bool) else node


def _field_model(model: type[BaseModel] | None, key: str) -> type[BaseModel] | None:
    """The model a field of `model` holds (itself or in a list), or None."""
    if model is None or key not in model.model_fields:
        return None
    inner, _, _ = unwrap(model.model_fields[key].annotation)
    if typing.get_origin(inner) is list:
        (inner,) = typing.get_args(inner)
        inner, _, _ = unwrap(inner)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _merge_map(
    old: CommentedMap, new: dict[str, Any], model: type[BaseModel] | None
) -> CommentedMap:
    known = set(model.model_fields) if model is not None else set(new)
    for key in [k for k in old if k in known and k not in new]:
        del old[key]
    order = list(model.model_fields) if model is not None else list(new)
    if KEY_FIELD in order:  # a translation's item names its source item first, as files do
        order = [KEY_FIELD, *(key for key in order if key != KEY_FIELD)]
    for key, value in new.items():
        merged = _merge_value(old.get(key), value, _field_model(model, key))
        if key in old or key not in order:
            old[key] = merged
            continue
        # A new key goes where the model has it: after the last key that comes before it.
        before = [i for i, k in enumerate(old) if k in order and order.index(k) < order.index(key)]
        old.insert(before[-1] + 1 if before else 0, key, merged)
    return old


def _merge_value(old: Any, new: Any, model: type[BaseModel] | None) -> Any:
    if isinstance(new, dict):
        return _merge_map(old if isinstance(old, CommentedMap) else CommentedMap(), new, model)
    if isinstance(new, list):
        seq = old if isinstance(old, CommentedSeq) else CommentedSeq()
        merged = [
            _merge_value(seq[index] if index < len(seq) else None, item, model)
            for index, item in enumerate(new)
        ]
        del seq[len(new) :]
        for index, item in enumerate(merged):
            if index < len(seq):
                seq[index] = item
            else:
                seq.append(item)
        return seq
    if old is not None and not isinstance(old, dict | list) and str(old) == str(new):
        return old  # unchanged: keep the node, with its quoting and folded style
    if isinstance(new, str) and len(new) > LONG_TEXT and new == new.strip():
        return _folded(new)
    if isinstance(new, str) and INTEGER_RE.match(new):
        return DoubleQuotedScalarString(new)  # text that looks like a number: "999", quoted
    return new


def _folded(text: str) -> Any:
    """`text` written folded (`>-`), its lines broken at spaces before 80 characters."""
    folded = FoldedScalarString(text)
    positions: list[int] = []
    line_start = 0
    last_space = -1
    for index, char in enumerate(text):
        if char == "\n":
            line_start, last_space = index + 1, -1
            continue
        if char == " " and text[index - 1] != " " and text[index + 1 : index + 2] not in (" ", ""):
            last_space = index
        if index - line_start >= LONG_TEXT and last_space > line_start:
            positions.append(last_space)
            line_start, last_space = last_space + 1, -1
    folded.fold_pos = positions
    return folded
