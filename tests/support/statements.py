"""The tiny site with statements written once (`data/statements.yml`), used by full-laser."""

from __future__ import annotations

from pathlib import Path

STATEMENTS = """\
statements:
  - id: infection
    text: People with an infection in the area.
    general_advice: true
  - id: sun-protection
    text: Protect the treated skin from the sun.
"""


def use_statements(project: Path, statements: str = STATEMENTS) -> None:
    """Give the tiny site a statements file, and make full-laser use both its statements:
    its one `not_suitable` item, and a second item of its first aftercare stage's `do`."""
    (project / "data/statements.yml").write_text(statements, encoding="utf-8")
    path = project / "data/treatments/full-laser.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in (
        (
            "  - text: People with an infection in the area.\n    general_advice: true\n",
            "  - use: infection\n",
        ),
        (
            "    do: [Keep it clean.]\n",
            "    do:\n      - Keep it clean.\n      - use: sun-protection\n",
        ),
    ):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
