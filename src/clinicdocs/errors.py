"""One error format for every problem a user can cause: `file:line:col: field: message.`"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's data, templates or pages, with where it is.

    Attributes:
        file: the file's path as the user knows it, e.g. `data/treatments/x.yml`.
        line: 1-based line, or None when the problem is the whole file or folder.
        col: 1-based column, or None with `line`.
        field: the field's path, e.g. `side_effects[2].what_to_do`, or "" for the whole file.
        message: what is wrong and, where possible, how to mend it.
    """

    file: str
    line: int | None
    col: int | None
    field: str
    message: str

    @classmethod
    def about_file(cls, file: str, message: str) -> Problem:
        """A problem with a whole file or folder, which has no line or field to point at."""
        return cls(file, None, None, "", message)

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        message = self.message.rstrip()
        if not message.endswith((".", "?", "!")):
            message += "."
        if self.field:
            return f"{where}: {self.field}: {message}"
        return f"{where}: {message}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order problems by file, then position, so output reads top to bottom; field and
        message break ties, so the order never depends on the order the problems were found."""
        return (self.file, self.line or 0, self.col or 0, self.field, self.message)


def quoted(text: str, limit: int = 60) -> str:
    """Text from the user's files, quoted inside a message: on one line, in single quotes, and
    cut at a word (with an ellipsis) when longer than `limit` characters."""
    line = " ".join(text.split())
    if len(line) > limit:
        line = (line[:limit].rsplit(" ", 1)[0] or line[:limit]) + "\u2026"
    return f"'{line}'"


def shown_path(path: Path, root: Path | None) -> str:
    """How to name `path` to the user: relative to the project folder when it is inside it
    (`data/treatments/x.yml`), as given otherwise."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


class DataError(Exception):
    """Raised when the data cannot be turned into pages; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        # The same problem can be found twice (a broken template used for every record); an
        # editor needs to read it once.
        self.problems = sorted(set(problems), key=Problem.sort_key)
        super().__init__(self.report())

    def relative_to(self, root: Path) -> DataError:
        """The same problems, with files inside `root` named relative to it, as `data/x.yml` is.

        Args:
            root: the project folder.
        """
        return DataError(
            replace(problem, file=shown_path(Path(problem.file), root))
            if Path(problem.file).is_absolute()
            else problem
            for problem in self.problems
        )

    def report(self) -> str:
        """All problems, one a line, followed by a count."""
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found.")
        return "\n".join(lines)
