"""A clinic's branding at build time: the site name, the logo and favicon files, the generated
colour stylesheet for Material's light and dark schemes, and opt-in analytics. Knows nothing of
MkDocs; `plugin.py` applies what this module works out. The colour maths and which colour pairs
are checked are in `colours.py`.

The stylesheet also drops Material's 70% opacity on inactive tabs and on the search box's
placeholder in the header: it would take white text on a colour that just passes below 4.5:1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from clinicdocs.colours import BLACK, DARK_PAGE, WHITE, mix, readable_on
from clinicdocs.errors import Problem
from clinicdocs.models import FAVICON_SUFFIXES, LOGO_SUFFIXES, Clinic, check_project_path

if TYPE_CHECKING:
    from clinicdocs.load import SourceFile

ASSETS_FOLDER = "assets/clinic"
STYLESHEET_URI = "assets/stylesheets/clinic-colours.css"
MAX_IMAGE_BYTES = 1_000_000

_MAGIC: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".ico": (b"\x00\x00\x01\x00",),
}
# An SVG is served from the clinic's own address, so a script inside it would run there when
# someone opens the file directly.
_SVG_ACTIVE_RE = re.compile(
    rb"<\s*script|<\s*foreignObject|javascript\s*:|\son[a-z]+\s*=", re.IGNORECASE
)


def check_branding(source: SourceFile, project: Path) -> list[Problem]:
    """Check what validating the clinic file alone cannot: that the logo and favicon are real
    images inside the project. Works on the file as written, so the images are checked even when
    other fields of the clinic have mistakes.

    Args:
        source: the clinic's `SourceFile`.
        project: the project folder; image paths are relative to it.
    """
    problems: list[Problem] = []
    node = source.node
    for name, suffixes in (("logo", LOGO_SUFFIXES), ("favicon", FAVICON_SUFFIXES)):
        value = node.get(name) if hasattr(node, "get") else None
        if not isinstance(value, str):
            continue
        value = value.strip()
        try:
            check_project_path(value, suffixes)
        except ValueError:
            continue  # validating the model reports it
        message = _image_problem(project, value)
        if message:
            line, col = source.position((name,))
            problems.append(Problem(source.display, line, col, name, message))
    return problems


def _image_problem(project: Path, value: str) -> str | None:
    root = project.resolve()
    path = project / value
    if not path.exists() and not path.is_symlink():
        return (
            f"'{value}' not found; the path is relative to the project folder (the one holding "
            "mkdocs.yml)"
        )
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        return (
            f"'{value}' is a link that leads outside the project folder; copy the image into "
            "the project instead"
        )
    if not resolved.is_file():
        return f"'{value}' is not a file"
    size = resolved.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"'{value}' is {size:,} bytes; the limit is {MAX_IMAGE_BYTES:,}. Use a smaller image"
    head = resolved.read_bytes()
    suffix = PurePosixPath(value).suffix.lower()
    if suffix == ".svg":
        if b"<svg" not in head[:4096].lower():
            return f"'{value}' is not an SVG image"
        if _SVG_ACTIVE_RE.search(head):
            return f"'{value}' contains script or event handlers; save a plain SVG image"
    elif suffix == ".webp":
        if not (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
            return f"'{value}' is not a WebP image"
    elif not head.startswith(_MAGIC[suffix]):
        return f"'{value}' is not a {suffix[1:].upper()} image (its content is something else)"
    return None


@dataclass
class Branding:
    """What a build needs to show the clinic's brand, worked out from `clinic.yml`.

    Attributes:
        site_name: the site's name: the clinic's name.
        logo: the logo's address in the site, if any.
        favicon: the favicon's address in the site, if any.
        files: site address -> the project file to copy there.
        stylesheet: the generated colour stylesheet, if the clinic sets a colour.
        analytics: Material's `extra.analytics` setting, if the clinic opted in.
    """

    site_name: str
    logo: str | None = None
    favicon: str | None = None
    files: dict[str, Path] = field(default_factory=dict)
    stylesheet: str | None = None
    analytics: dict[str, str] | None = None


def site_branding(clinic: Clinic, project: Path) -> Branding:
    """Work out the branding a build applies for `clinic`.

    Args:
        clinic: the validated (and checked) clinic.
        project: the project folder the image paths are relative to.
    """
    brand = Branding(site_name=clinic.name)
    for name in ("logo", "favicon"):
        value: str | None = getattr(clinic, name)
        if value is None:
            continue
        uri = f"{ASSETS_FOLDER}/{name}{PurePosixPath(value).suffix.lower()}"
        brand.files[uri] = (project / value).resolve()
        setattr(brand, name, uri)
    parts = [part for part in (colour_stylesheet(clinic), short_name_stylesheet(clinic)) if part]
    brand.stylesheet = "\n".join(parts) if parts else None
    if clinic.analytics is not None:
        # Material's documented hook for other tools: provider `custom` includes the partial
        # `partials/integrations/analytics/custom.html`, which the package's theme provides.
        brand.analytics = {
            "provider": "custom",
            "tool": clinic.analytics.provider,
            "script_url": clinic.analytics.script_url,
            "site_id": clinic.analytics.site_id,
        }
    return brand


def custom_palette(palette: Any, clinic: Clinic) -> Any:
    """Material's `theme.palette` with `primary`/`accent` set to `custom` where the clinic sets
    that colour, so none of Material's named colours competes with the generated stylesheet.

    Args:
        palette: the `palette` setting: one mapping, a list of them (a light/dark toggle), or
            nothing.
        clinic: the clinic.
    """
    entries = palette if isinstance(palette, list) else [palette or {}]
    updated = []
    for entry in entries:
        entry = dict(entry)
        if clinic.primary_color:
            entry["primary"] = "custom"
        if clinic.accent_color:
            entry["accent"] = "custom"
        updated.append(entry)
    return updated if isinstance(palette, list) else updated[0]


def colour_stylesheet(clinic: Clinic) -> str | None:
    """The CSS custom properties that put the clinic's colours into Material, for the light
    (`default`) and dark (`slate`) schemes; None when the clinic sets no colour."""
    if not clinic.primary_color and not clinic.accent_color:
        return None
    rules = [f"/* Generated by clinicdocs: the colours of {clinic.name}. Edit the clinic file. */"]
    if clinic.primary_color:
        primary = clinic.primary_color.lower()
        rules.append(
            _rule(
                '[data-md-color-primary="custom"]',
                {
                    "--md-primary-fg-color": primary,
                    "--md-primary-fg-color--light": mix(primary, WHITE, 0.25),
                    "--md-primary-fg-color--dark": mix(primary, BLACK, 0.25),
                    "--md-primary-bg-color": WHITE,
                    "--md-primary-bg-color--light": WHITE,
                    "--md-typeset-a-color": primary,
                },
            )
        )
        rules.append(
            _rule(
                '[data-md-color-scheme="slate"][data-md-color-primary="custom"]',
                {"--md-typeset-a-color": readable_on(primary, DARK_PAGE)},
            )
        )
        # Full-strength white for every text on the primary colour (Material dims inactive tabs
        # to 70%); the active tab is told apart by an underline instead.
        rules.append(_rule('[data-md-color-primary="custom"] .md-tabs__link', {"opacity": "1"}))
        rules.append(
            _rule(
                '[data-md-color-primary="custom"] .md-tabs__item--active .md-tabs__link',
                {"text-decoration": "underline", "text-underline-offset": "0.3em"},
            )
        )
    if clinic.accent_color:
        accent = clinic.accent_color.lower()
        rules.append(
            _rule(
                '[data-md-color-accent="custom"]',
                {
                    "--md-accent-fg-color": accent,
                    "--md-accent-fg-color--transparent": accent + "1a",
                    "--md-accent-bg-color": WHITE,
                    "--md-accent-bg-color--light": WHITE,
                },
            )
        )
        light_accent = readable_on(accent, DARK_PAGE)
        rules.append(
            _rule(
                '[data-md-color-scheme="slate"][data-md-color-accent="custom"]',
                {
                    "--md-accent-fg-color": light_accent,
                    "--md-accent-fg-color--transparent": light_accent + "1a",
                    "--md-accent-bg-color": BLACK,
                    "--md-accent-bg-color--light": BLACK,
                },
            )
        )
    return "\n\n".join(rules) + "\n"


PHONE_WIDTH = "44.984375em"
"""Material's breakpoint below which the header holds only the menu button, the title and icons."""


def short_name_stylesheet(clinic: Clinic) -> str | None:
    """On phones, the header shows the clinic's `short_name` instead of a full name cut off
    with an ellipsis; None when the clinic has no short name.

    The full name stays in the page (the logo link's label, the tab title); the visible and the
    spoken header text is the short name, because hidden text is not read aloud while generated
    `content` is.
    """
    if not clinic.short_name:
        return None
    title = ".md-header__title .md-header__topic:first-child > .md-ellipsis"
    hidden = _rule(title, {"visibility": "hidden", "position": "relative"})
    shown = _rule(
        title + "::after",
        {
            "content": css_string(clinic.short_name),
            "visibility": "visible",
            "position": "absolute",
            # The start edge, not the left: in a right-to-left site the name begins at the
            # right, next to the menu button, and must not run off under it.
            "inset-inline-start": "0",
            "inset-inline-end": "0",
            "top": "0",
            # A name still too long for a small phone ends with '…' rather than a cut letter.
            "overflow": "hidden",
            "text-overflow": "ellipsis",
        },
    )
    return f"@media screen and (max-width: {PHONE_WIDTH}) {{\n{hidden}\n{shown}\n}}\n"


def css_string(text: str) -> str:
    """`text` as a quoted CSS string, with quotes, backslashes and line breaks escaped."""
    escaped = "".join(
        f"\\{ch}" if ch in '"\\' else (f"\\{ord(ch):x} " if ch in "\n\r\f" else ch) for ch in text
    )
    return f'"{escaped}"'


def _rule(selector: str, properties: dict[str, str]) -> str:
    body = "\n".join(f"  {name}: {value};" for name, value in properties.items())
    return f"{selector} {{\n{body}\n}}"
