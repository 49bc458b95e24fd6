"""`clinicdocs schema`: a JSON Schema for each kind of data file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from clinicdocs.cli.common import out_option


@click.command()
@out_option("Folder to write the JSON Schema files into.")
def schema(out: Path) -> None:
    """Write a JSON Schema for each kind of data file (for editor autocompletion)."""
    from clinicdocs.data.schema import json_schemas

    out.mkdir(parents=True, exist_ok=True)
    for name, document in json_schemas().items():
        (out / name).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        click.echo(f"wrote {out / name}")
