"""Imported by the fork server of a site with Chinese (`clinicdocs.plugin.parallel`): loads
jieba's dictionary once, so the Chinese site's worker process, forked from it, segments its
search index at once instead of loading the dictionary first (about half a second). Material's
search plugin segments Chinese with jieba's default dictionary; a `jieba_dict` in mkdocs.yml
replaces it in the worker, as without this module."""

from __future__ import annotations

import logging

try:
    import jieba
except ImportError:  # Material installs it; without it Material does not segment either
    pass
else:
    # jieba logs its start-up to stderr itself.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.initialize()
