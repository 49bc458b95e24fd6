"""The MkDocs plugin: the only package that imports MkDocs (besides `pdf`, which prints a built
site). Its hooks hand MkDocs the generated pages and filter the built HTML."""

from clinicdocs.plugin.plugin import ClinicdocsPlugin

__all__ = ["ClinicdocsPlugin"]
