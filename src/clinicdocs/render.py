"""The one Jinja environment that turns data into Markdown.

Templates are looked up in the project's `templates/pages/` first, then in the package's defaults,
so a clinic can override one template without forking the others.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path
from typing import Any

import jinja2

from clinicdocs.errors import DataError, Problem
from clinicdocs.models import GeneralAdvice

PACKAGE_TEMPLATES = Path(__file__).parent / "templates" / "pages"


def make_environment(project_templates: Path | None = None) -> jinja2.Environment:
    """Build the Jinja environment: strict about undefined names, project templates first.

    Args:
        project_templates: the project's `templates/pages/` folder, if it has one.
    """
    search = [project_templates] if project_templates and project_templates.is_dir() else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, PACKAGE_TEMPLATES]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is Markdown; data was checked for markup when loaded
    )
    env.filters.update(
        cell=table_cell,
        indent4=indent4,
        lower_first=lower_first,
        text=statement_text,
        relative=relative_link,
        attr=attribute_text,
        tel=phone_link,
        longdate=long_date,
    )
    env.tests["general_advice"] = lambda item: isinstance(item, GeneralAdvice)
    return env


def render(env: jinja2.Environment, template: str, record: str, **context: Any) -> str:
    """Render one template, turning a template mistake into a `DataError` that names the
    template, its line and the record being rendered."""
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or template
        raise DataError([Problem(where, exc.lineno, 1, "", f"template syntax error: "
                                 f"{exc.message}")]) from None
    except jinja2.TemplateError as exc:
        raise DataError([Problem(_template_path(env, template), _template_line(exc, template), 1,
                                 "", f"while rendering {record}: {exc}")]) from None


def _template_path(env: jinja2.Environment, template: str) -> str:
    source = env.loader.get_source(env, template) if env.loader else None
    return source[1] if source and source[1] else template


def _template_line(exc: BaseException, template: str) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(template):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def statement_text(item: object) -> str:
    """The text of a list item, whether plain text or general advice."""
    return item.text if isinstance(item, GeneralAdvice) else str(item)


def table_cell(value: object) -> str:
    """Make text safe inside a Markdown table cell: one line, pipes escaped."""
    text = "" if value is None else str(value)
    return re.sub(r"\s*\n\s*", " ", text).replace("|", "\\|")


def indent4(text: str) -> str:
    """Indent every line after the first by four spaces, for text inside admonitions and lists."""
    return text.replace("\n", "\n    ")


def lower_first(text: str) -> str:
    """`Acne scars` -> `acne scars`, but leave acronyms such as `CO2 laser` alone."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def attribute_text(text: str) -> str:
    """Make text safe for a quoted Markdown title (admonition titles, link titles)."""
    return text.replace("\\", "\\\\").replace('"', "'").replace("\n", " ")


def phone_link(number: str) -> str:
    """`+44 20 7946 0000` -> `+442079460000`, for `tel:` links."""
    return re.sub(r"[^0-9+]", "", number)


def long_date(value: dt.date) -> str:
    """`2026-11-21` -> `21 November 2026`: unambiguous wherever the reader lives."""
    return f"{value.day} {value:%B %Y}"


def relative_link(target: str, from_page: str) -> str:
    """A link from one generated page to another, relative, as MkDocs and other tools expect.

    Args:
        target: the target's URI, e.g. `concerns/melasma.md`.
        from_page: the URI of the page the link is on.
    """
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")
