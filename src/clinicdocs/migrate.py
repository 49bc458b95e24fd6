"""`clinicdocs migrate`: rewrite records written for an older data model into today's, keeping
each file's comments, key order and layout.

Two changes so far, in records and their translations alike:

- a treatment's `red_flags` list (signs to contact the clinic straight away) becomes
  `get_help: urgent:`;
- a key fact written as text (`sessions: Usually 4 to 6`) becomes that fact's `note:`. Its
  numbers (`min`, `max`, `unit`) are the editor's to add: reading them out of words would be
  guessing at medical facts. `clinicdocs lint` names the facts without numbers.

Each rewrite is a text edit of the key's block (its lines move two spaces in under the new
keys), so nothing else in a file changes. A translation that was current before is stamped
again afterwards, since its source's text did not change, only its shape; an outdated one stays
outdated.

Nothing is written unless the project is valid before and after: the rewritten files are
checked in a copy of the data folder first, then each is replaced in one step.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from clinicdocs.data.site import SiteData
from clinicdocs.data.yaml import write_atomically
from clinicdocs.errors import DataError, Problem, shown_path
from clinicdocs.load import DataCopy, load_site, rewritten_copy
from clinicdocs.translations.authoring import stamp
from clinicdocs.translations.state import TranslationState, translation_states
from clinicdocs.translations.text import section_versions, source_version

# A top-level `red_flags:` key and its block: every following line that is indented or blank.
_RED_FLAGS_RE = re.compile(r"(?m)^red_flags:(?P<rest>[^\n]*)\n(?P<block>(?:(?:[ \t]+[^\n]*)?\n)*)")
_GET_HELP_RE = re.compile(r"(?m)^get_help:")
# A top-level `key_facts:` key and its block.
_KEY_FACTS_RE = re.compile(
    r"(?m)^key_facts:[ \t]*(?:#[^\n]*)?\n(?P<block>(?:(?:[ \t]+[^\n]*)?\n)*)"
)


def _text_fact_re(indent: str) -> re.Pattern[str]:
    """One fact directly under `key_facts:` (at `indent`) written as text: `name: value`, not a
    mapping (which starts on the next line, or with `{`), with the lines that continue it."""
    at = re.escape(indent)
    return re.compile(
        rf"(?m)^(?P<indent>{at})(?P<name>[a-z_]+):[ \t]+(?P<value>(?![{{#])[^\n]*)\n"
        rf"(?P<more>(?:{at}[ \t]+[^\n]*\n|[ \t]*\n(?={at}[ \t]+\S))*)"
    )


# `red_flags: <version>` inside a translation's `translation.sections`.
_SECTION_KEY_RE = re.compile(r"(?m)^(?P<indent>[ \t]+)red_flags:(?=[ \t]*\S)")


@dataclass(frozen=True)
class Migration:
    """What `migrate_project` changed, or would change."""

    changed: list[Path]
    """The files rewritten (or to rewrite), in the data folder."""
    restamped: list[Path]
    """The translations stamped again because they were current before."""
    facts_as_notes: list[Path] = dataclasses.field(default_factory=list)
    """The records (not translations) whose key facts written as text became notes: their
    numbers are the editor's to add."""


def migrated_text(text: str, *, translation: bool = False) -> str | None:
    """`text` moved to today's model, or None when it has nothing of an older one: its
    `red_flags:` block under `get_help: urgent:`, and each key fact written as text under
    that fact's `note:`.

    Raises:
        ValueError: when the file has both `red_flags` and `get_help`, which only an editor can
            merge (which signs belong to which level).
    """
    out = _red_flags_moved(text, translation=translation)
    out = _facts_as_notes(out if out is not None else text)
    return None if out == text else out


def _facts_as_notes(text: str) -> str:
    """Each key fact written as text moved under its `note:`, two spaces further in."""
    block = _KEY_FACTS_RE.search(text)
    if block is None:
        return text

    def as_note(fact: re.Match[str]) -> str:
        indent, more = fact["indent"], fact["more"]
        inner = indent + "  "
        moved = "".join(f"  {line}" if line.strip() else line for line in more.splitlines(True))
        return f"{indent}{fact['name']}:\n{inner}note: {fact['value']}\n{moved}"

    # Only the facts directly under key_facts: the first line's indent is theirs.
    lines = block["block"]
    first = re.match(r"[ \t]+", lines)
    if first is None:
        return text
    new = _text_fact_re(first.group()).sub(as_note, lines)
    return text[: block.start("block")] + new + text[block.end("block") :]


def _red_flags_moved(text: str, *, translation: bool) -> str | None:
    """`text` with its `red_flags:` block moved under `get_help: urgent:`, or None without one."""
    match = _RED_FLAGS_RE.search(text)
    if match is None:
        return None
    if _GET_HELP_RE.search(text):
        raise ValueError(
            "has both 'red_flags' and 'get_help'; move each red flag into get_help's "
            "contact_clinic, urgent or emergency list by hand"
        )
    block = match["block"]
    trailing = len(block) - len(block.rstrip("\n")) - 1 if block.strip() else len(block)
    body = block[: len(block) - trailing] if trailing > 0 else block
    moved = "".join(f"  {line}" if line.strip() else line for line in body.splitlines(True))
    new = f"get_help:\n  urgent:{match['rest']}\n{moved}" + "\n" * max(trailing, 0)
    out = text[: match.start()] + new + text[match.end() :]
    if translation:
        out = _SECTION_KEY_RE.sub(lambda m: f"{m['indent']}get_help:", out)
    return out


def migrate_project(
    data_dir: Path,
    project: Path,
    clinic_file: Path | None,
    languages: list[str],
    *,
    write: bool,
) -> Migration:
    """Rewrite every record (and translation) of an older model in `data_dir`.

    Args:
        data_dir: the project's data folder.
        project: the project folder, to name files in problems.
        clinic_file: the clinic file the site is branded for, as the build reads it.
        languages: the site's languages, source first.
        write: False to only report what would change (`--check`).

    Raises:
        DataError: the project has problems before or after the rewrite (nothing is written),
            or a file cannot be rewritten.
    """
    before = load_site(data_dir, project, clinic_file, languages)
    current = {
        (language, key)
        for language in languages[1:]
        for key, state in translation_states(before, language).items()
        if state.state is TranslationState.CURRENT and state.file is not None
    }
    problems: list[Problem] = []
    rewritten: dict[Path, str] = {}
    noted: list[Path] = []
    for path in sorted(data_dir.rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        try:
            new = migrated_text(text, translation=path.name.count(".") > 1)
        except ValueError as exc:
            problems.append(Problem.about_file(shown_path(path, project), str(exc)))
            continue
        if new is not None:
            rewritten[path] = new
            if path.name.count(".") == 1 and _facts_as_notes(text) != text:
                noted.append(path)
    if problems:
        raise DataError(problems)
    if not rewritten:
        return Migration([], [])
    with rewritten_copy(data_dir, clinic_file, rewritten, "clinicdocs-migrate-") as copy:
        moved = {copy.path(path) for path in rewritten}
        after = _load(copy, project, languages)
        # Translations current before are current still: their source changed shape only.
        restamped = []
        for language in languages[1:]:
            for key, done in after.translations.get(language, {}).items():
                record = after.record(key)
                file = done.source.path
                # Sections only where the translation records them already.
                sections = section_versions(record) if done.info.sections is not None else None
                versions = source_version(record), sections
                touched = copy.path(before.sources[key].path) in moved or file in moved
                if touched and (language, key) in current and stamp(file, *versions):
                    restamped.append(copy.real(file))
                    rewritten[copy.real(file)] = file.read_text(encoding="utf-8")
        _load(copy, project, languages)
        if write:
            for path, text in rewritten.items():
                write_atomically(path, text.encode("utf-8"))
    return Migration(sorted(rewritten), sorted(restamped), sorted(noted))


def _load(copy: DataCopy, project: Path, languages: list[str]) -> SiteData:
    """Load the rewritten copy; its problems name the real files, as found after migrating."""
    try:
        return copy.load(project, languages)
    except DataError as exc:
        raise DataError(
            [
                dataclasses.replace(problem, message=f"after migrating, {problem.message}")
                for problem in exc.problems
            ]
        ) from None
