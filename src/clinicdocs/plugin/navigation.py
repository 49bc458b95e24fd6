"""The site's navigation when mkdocs.yml has none: home, the generated sections, then the other
hand-written pages."""

from __future__ import annotations

from mkdocs.structure.files import Files

from clinicdocs.generate.pages import HOME, GeneratedSite, NavItem
from clinicdocs.i18n.language import Language


def navigation(files: Files, generated: GeneratedSite, language: Language) -> list[NavItem]:
    """Home first (named in the site's language), then the generated sections, then the other
    hand-written pages in the order of their paths."""
    hand_written = sorted(f.src_uri for f in files.documentation_pages() if f.generated_by is None)
    nav: list[NavItem] = []
    if HOME in hand_written:
        nav.append({language.t("nav.home"): HOME})
    nav.extend(generated.nav)
    nav.extend(uri for uri in hand_written if uri != HOME)
    return nav
