"""The one Jinja environment that turns data into Markdown.

Templates are looked up in the project's `templates/pages/` first, then in the package's defaults,
so a clinic can override one template without forking the others.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from clinicdocs.data.models import GeneralAdvice
from clinicdocs.data.statements import shown_in_source
from clinicdocs.errors import DataError, Problem
from clinicdocs.generate.facts import fact_cell, fact_range, fact_words
from clinicdocs.generate.sections import section_end, section_start
from clinicdocs.i18n.language import Language, MessageError, english

PACKAGE_TEMPLATES = Path(__file__).parents[1] / "templates" / "pages"


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, shared by every environment: a
    build makes one environment per language, and the preview more for each edit it renders
    again. Jinja keys each by the template's name and file and checks it against its source's
    checksum, so an edited template compiles again."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill `bucket` with the template's compiled code, when kept."""
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep the template's compiled code."""
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class ShownInSource:
    """The records a site in another language shows in the source language, not translated
    yet: their texts, listed on that site's translated pages (a category page, an index), are
    marked with the source's language and isolated (`bdi`), so that an English summary keeps
    its own direction (its full stop at its end) on an Arabic page, and is read out as English.

    Templates use it as the `record_text` filter: `{{ t.name|record_text("treatments/" ~ tid) }}`.
    """

    language: str = ""
    """The source language's code."""
    keys: Collection[str] = ()
    """Record keys ("treatments/<id>", "concerns/<id>") shown in the source language."""

    def __call__(self, text: str, key: str) -> str:
        """`text`, from the record `key`, marked when that record is shown in the source
        language; unchanged otherwise, and when it holds a blank line (an inline mark cannot
        span paragraphs)."""
        if key not in self.keys or not text or _BLANK_LINE.search(text):
            return text
        return f'<bdi lang="{html.escape(self.language, quote=True)}">{text}</bdi>'


def make_environment(
    project_templates: Path | None = None,
    language: Language | None = None,
    untranslated: ShownInSource | None = None,
) -> jinja2.Environment:
    """Build the Jinja environment: strict about undefined names, project templates first.

    Args:
        project_templates: the project's `templates/pages/` folder, if it has one.
        language: the pages' language (default English): templates get its `t(key, ...)` and
            the `language` itself, and the `longdate`, `or_list` and `full_stop` filters follow
            its conventions.
        untranslated: in a site in another language, the records shown in the source
            language (the `record_text` filter marks their texts; it changes nothing without).
    """
    language = language or english()
    search = [project_templates] if project_templates and project_templates.is_dir() else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, PACKAGE_TEMPLATES]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is Markdown; data was checked for markup when loaded
        bytecode_cache=_COMPILED,
    )
    env.filters.update(
        cell=table_cell,
        indent4=indent4,
        lower_first=lower_first,
        upper_first=upper_first,
        or_list=language.or_list,
        full_stop=language.full_stop,
        plain=plain_text,
        text=statement_text,
        relative=relative_link,
        attr=attribute_text,
        tel=phone_link,
        longdate=language.date,
        practitioner=lambda role: language.t(f"practitioner.{role}"),
        fact_words=lambda fact: fact_words(fact, language),
        fact_cell=lambda fact: fact_cell(fact, language),
        fact_range=fact_range,
        record_text=untranslated or ShownInSource(),
    )
    env.globals.update(
        t=language.t, language=language, section_start=section_start, section_end=section_end
    )
    env.tests["general_advice"] = lambda item: isinstance(item, GeneralAdvice)
    # A shared statement not yet translated into the page's language shows the source's text.
    env.tests["untranslated_statement"] = lambda item: shown_in_source(item) is not None
    return env


def render(env: jinja2.Environment, template: str, record: str, **context: Any) -> str:
    """Render one template, turning a template mistake into a `DataError` that names the
    template, its line and the record being rendered."""
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or template
        raise DataError(
            [
                Problem(
                    where,
                    exc.lineno,
                    1,
                    "",
                    f"template syntax error: {exc.message}",
                )
            ]
        ) from None
    except (jinja2.TemplateError, MessageError) as exc:
        where, line = _failing_template(exc, _template_path(env, template))
        message = _friendly(exc) if isinstance(exc, jinja2.TemplateError) else exc.args[0]
        raise DataError(
            [Problem(where, line, 1, "", f"while rendering {record}: {message}")]
        ) from None


def _template_path(env: jinja2.Environment, template: str) -> str:
    source = env.loader.get_source(env, template) if env.loader else None
    return source[1] if source and source[1] else template


def _failing_template(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    """The template file and line where rendering failed: the innermost template frame in the
    traceback, so a mistake in an imported or included template is blamed on that template."""
    where, line = fallback, None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where, line = filename, tb.tb_lineno
        tb = tb.tb_next
    return where, line


_NO_ATTRIBUTE = re.compile(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '(\w+)'")


def _friendly(exc: jinja2.TemplateError) -> str:
    """Say `Treatment has no field 'x'`, not `'...Treatment object' has no attribute 'x'`."""
    return _NO_ATTRIBUTE.sub(r"\1 has no field '\2'", str(exc))


def statement_text(item: object) -> str:
    """The text of a list item, whether plain text or general advice."""
    return item.text if isinstance(item, GeneralAdvice) else str(item)


def table_cell(value: object) -> str:
    """Make text safe inside a Markdown table cell: one line, pipes escaped."""
    text = "" if value is None else str(value)
    return re.sub(r"\s*\n\s*", " ", text).replace("|", "\\|")


def indent4(text: str) -> str:
    """Indent every line after the first by four spaces, for text inside admonitions and lists.

    Blank lines stay empty, so paragraphs inside a box leave no trailing spaces behind.
    """
    return re.sub(r"\n(?=[^\n])", "\n    ", text)


def lower_first(text: str) -> str:
    """`Acne scars` -> `acne scars`, but leave acronyms such as `CO2 laser` alone."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    """`sunspots` -> `Sunspots`. Unlike Jinja's `capitalize`, the rest is left as written."""
    return text[:1].upper() + text[1:]


_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_STAR_EMPHASIS_RE = re.compile(r"(\*{1,3})(?=\S)(.+?)(?<=\S)\1")
# Underscores inside a word (`snake_case`) are not emphasis in Python-Markdown, so only strip
# them where they stand at word edges.
_UNDERSCORE_EMPHASIS_RE = re.compile(r"(?<!\w)(_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


@lru_cache(maxsize=1 << 15)  # lint and the readability grade ask for the same texts many times
def plain_text(text: str) -> str:
    """The words of a Markdown snippet without its markup, on one line.

    For places that show text as it is, such as `<meta name="description">` and search-engine
    snippets, where `**` or `[..](..)` would be printed literally.
    """
    text = _LINK_RE.sub(r"\1", text)
    text = _STAR_EMPHASIS_RE.sub(r"\2", text)
    text = _UNDERSCORE_EMPHASIS_RE.sub(r"\2", text)
    text = _ESCAPE_RE.sub(r"\1", text.replace("`", ""))
    return re.sub(r"\s+", " ", text).strip()


def attribute_text(text: str) -> str:
    """Make text safe for a quoted Markdown title (admonition and `???` details titles).

    Double quotes are kept as written: both extensions read the title up to the *last* quote on
    the line, so `Does it "hurt"?` shows with its quotes. The title must stay on one line, and a
    backslash is doubled so that it is shown rather than taken as an escape.
    """
    return re.sub(r"\s*\n\s*", " ", text.replace("\\", "\\\\"))


def phone_link(number: str) -> str:
    """`+44 20 7946 0000` -> `+442079460000`, for `tel:` links."""
    return re.sub(r"[^0-9+]", "", number)


def relative_link(target: str, from_page: str) -> str:
    """A link from one generated page to another, relative, as MkDocs and other tools expect.

    Args:
        target: the target's URI, e.g. `concerns/melasma.md`.
        from_page: the URI of the page the link is on.
    """
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")
