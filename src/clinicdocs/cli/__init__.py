"""The `clinicdocs` command: one module per command, holding its options and help text; the
work lives in the layers below. Each command imports what it needs when it runs, so
`clinicdocs --help` and `clinicdocs schema` start without loading MkDocs."""

import click

from clinicdocs import __version__
from clinicdocs.cli.build import build
from clinicdocs.cli.edit import edit
from clinicdocs.cli.export import export
from clinicdocs.cli.lint import lint
from clinicdocs.cli.migrate import migrate
from clinicdocs.cli.new import new
from clinicdocs.cli.pdf import pdf
from clinicdocs.cli.schema import schema
from clinicdocs.cli.translations import translations
from clinicdocs.cli.validate import validate


@click.group()
@click.version_option(__version__, prog_name="clinicdocs")
def main() -> None:
    """Build patient-education pages from treatment data in data/."""


for command in (validate, export, build, schema, lint, new, translations, migrate, pdf, edit):
    main.add_command(command)

__all__ = ["main"]
