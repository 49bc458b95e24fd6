"""One error format for every problem a user can cause: `file:line:col: field: message.`"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


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

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, then position, so output reads top to bottom."""
        return (self.file, self.line or 0, self.col or 0, self.field)


class DataError(Exception):
    """Raised when the data cannot be turned into pages; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one a line, followed by a count."""
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found.")
        return "\n".join(lines)
