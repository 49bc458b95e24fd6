"""The `clinicdocs` command: options and help text; the work lives in the layers below."""

from clinicdocs.cli.commands import main

__all__ = ["main"]
