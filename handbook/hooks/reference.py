"""The handbook's reference pages, generated at each build from the code they describe, so they
cannot drift from it: the commands and their options (from click), the plugin's options (from
its MkDocs config class and the lint settings model), every data field (from the models' JSON
Schema, with an example from the sample project's data) and the catalogue of error messages
(from the golden bad-input files in tests/fixtures/bad/).

An MkDocs hook (`hooks:` in handbook/mkdocs.yml): `on_files` adds the pages as generated files,
nothing is written into docs/.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import yaml  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from clinicdocs.cli import main
from clinicdocs.data.kinds import KINDS
from clinicdocs.data.models import translation_model
from clinicdocs.lint.rules import LintSettings
from clinicdocs.plugin.config import ClinicdocsConfig

ROOT = Path(__file__).resolve().parents[2]
"""The repository: the sample project's data/ and the tests' golden files."""
BAD = ROOT / "tests" / "fixtures" / "bad"
TINY = ROOT / "tests" / "fixtures" / "site"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated reference pages."""
    pages = {
        "reference/commands.md": commands_page(),
        "reference/plugin-options.md": plugin_options_page(),
        "reference/fields.md": fields_page(),
        "reference/errors.md": errors_page(),
    }
    for uri, content in pages.items():
        files.append(File.generated(config, uri, content=content))
    return files


def cell(text: object) -> str:
    """A Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def code(text: object) -> str:
    """Inline code that survives any backticks in `text`."""
    value = str(text)
    fence = "``" if "`" in value else "`"
    return f"{fence}{value}{fence}" if value else ""


# Commands ---------------------------------------------------------------------------------------


def walk(
    command: click.Command, path: list[str], parent: click.Context | None
) -> Iterator[tuple[list[str], click.Command, click.Context]]:
    """Every command under `command`, depth first, with its words and its click context."""
    ctx = click.Context(command, info_name=path[-1], parent=parent)
    yield path, command, ctx
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from walk(sub, [*path, name], ctx)


def commands_page() -> str:
    """Every `clinicdocs` command: its usage, its help and its options, from click."""
    out = [
        "# Command reference",
        "",
        "Generated from the `clinicdocs` command's own definitions at each build of this "
        "handbook, so it is always the installed version's. `clinicdocs COMMAND --help` prints "
        "the same.",
        "",
    ]
    for path, command, ctx in walk(main, ["clinicdocs"], None):
        level = "#" * min(len(path) + 1, 4)
        out += [f"{level} `{' '.join(path)}`", ""]
        out += ["```text", command.get_usage(ctx).removeprefix("Usage: "), "```", ""]
        help_text = inspect.cleandoc(command.help or "")
        if help_text:
            out += [help_text, ""]
        rows = []
        for param in command.get_params(ctx):
            if isinstance(param, click.Argument):
                rows.append((param.make_metavar(ctx), "an argument (required)"))
                continue
            record = param.get_help_record(ctx)
            if record is not None and "--help" not in record[0]:
                rows.append(record)
        if rows:
            out += ["| Option | What it does |", "|---|---|"]
            out += [f"| {code(names)} | {cell(text)} |" for names, text in rows]
            out.append("")
    return "\n".join(out)


# Plugin options ---------------------------------------------------------------------------------


def attribute_docstrings(cls: type) -> dict[str, str]:
    """The docstring written under each attribute of `cls` (the MkDocs way of documenting a
    config option), read from its source."""
    tree = ast.parse(inspect.cleandoc("\n" + inspect.getsource(cls)))
    body = tree.body[0].body  # type: ignore[attr-defined]
    found = {}
    for node, after in itertools.pairwise(body):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            found[node.targets[0].id] = inspect.cleandoc(after.value.value)
    return found


def plugin_options_page() -> str:
    """The plugin's options in mkdocs.yml, with their defaults and what they do."""
    docs = attribute_docstrings(ClinicdocsConfig)
    out = [
        "# Plugin options reference",
        "",
        "The options of the `clinicdocs` plugin in `mkdocs.yml`, generated from its "
        "configuration class at each build of this handbook. Paths are relative to "
        "`mkdocs.yml`.",
        "",
        "```yaml",
        "plugins:",
        "  - search",
        "  - clinicdocs:",
        "      languages: [en, ar, zh]",
        "      lint:",
        "        target_grade: 8",
        "```",
        "",
        "| Option | Default | What it does |",
        "|---|---|---|",
    ]
    for name, option in ClinicdocsConfig._schema:
        default = option.default
        shown = "none" if default is None else json.dumps(default)
        out.append(f"| `{name}` | {code(shown)} | {cell(docs.get(name, ''))} |")
    out += [
        "",
        "## `lint` options",
        "",
        "| Option | Default | What it does |",
        "|---|---|---|",
    ]
    for name, field in LintSettings.model_fields.items():
        default = field.get_default(call_default_factory=True)
        out.append(f"| `{name}` | {code(json.dumps(default))} | {cell(field.description)} |")
    out.append("")
    return "\n".join(out)


# Fields -----------------------------------------------------------------------------------------


def resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """`node`, or the definition its `$ref` points at."""
    ref = node.get("$ref")
    return defs[ref.rsplit("/", 1)[-1]] if ref else node


def type_of(node: dict[str, Any], defs: dict[str, Any]) -> str:
    """A field's type in words: text, a list of ..., one of ..., a date, ..."""
    if "$ref" in node:
        return "a group of fields"
    for key in ("anyOf", "oneOf"):
        if key in node:
            kinds = [type_of(n, defs) for n in node[key] if n.get("type") != "null"]
            return " or ".join(dict.fromkeys(kinds))
    if "enum" in node:
        return "one of " + ", ".join(code(v) for v in node["enum"])
    if "const" in node:
        return code(json.dumps(node["const"]))
    kind = node.get("type")
    if kind == "array":
        return "a list of " + type_of(node.get("items", {}), defs)
    if kind == "object":
        return "a group of fields" if "properties" in node else "a mapping"
    if kind == "string":
        form = node.get("format")
        if form == "date":
            return "a date (YYYY-MM-DD)"
        if form == "uri":
            return "a web address"
        return "text"
    return {"boolean": "true or false", "integer": "a whole number", "number": "a number"}.get(
        str(kind), str(kind)
    )


def children(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    """The group of fields inside `node` (itself, a list's items, or an optional group)."""
    node = resolve(node, defs)
    if "properties" in node:
        return node
    if node.get("type") == "array":
        return children(node.get("items", {}), defs)
    for key in ("anyOf", "oneOf"):
        for option in node.get(key, []):
            found = children(option, defs)
            if found is not None:
                return found
    return None


def rows_of(
    schema: dict[str, Any], defs: dict[str, Any], prefix: str, examples: dict[str, str]
) -> Iterator[str]:
    """One table row per field of `schema`, and of every group of fields inside it."""
    required = set(schema.get("required", []))
    for name, node in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        target = resolve(node, defs)
        is_list = target.get("type") == "array"
        description = node.get("description") or target.get("description", "")
        example = examples.get(path, "")
        yield (
            f"| `{path}` | {type_of(node, defs)} | {'yes' if name in required else ''} | "
            f"{cell(description)} | {code(example)} |"
        )
        inner = children(node, defs)
        if inner is not None:
            yield from rows_of(inner, defs, f"{path}[]." if is_list else f"{path}.", examples)


def shown(value: Any) -> str:
    """A value as YAML writes it (`true`, not `True`), cut to about 60 characters."""
    text = json.dumps(value) if isinstance(value, bool) else str(value).strip()
    return text if len(text) <= 60 else text[:57].rstrip() + "…"


def sample_values(value: Any, prefix: str, out: dict[str, str]) -> None:
    """The first value the sample data gives each field path (`aftercare[].do`), shortened."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}{key}"
            if not isinstance(item, dict | list):
                out.setdefault(path, shown(item))
            if isinstance(item, list) and item and not isinstance(item[0], dict | list):
                out.setdefault(path, shown(item[0]))
            sample_values(item, f"{path}[]." if isinstance(item, list) else f"{path}.", out)
    elif isinstance(value, list):
        for item in value:
            sample_values(item, prefix, out)


def examples_for(kind: str) -> dict[str, str]:
    """Example values for a kind's fields, from the sample project's files (then the tests'
    tiny site, which fills a few fields the sample leaves out)."""
    out: dict[str, str] = {}
    for data in (ROOT / "data", TINY / "data"):
        pattern = f"{kind}/*.yml" if KINDS[kind].many else f"{kind}.yml"
        for path in sorted(data.glob(pattern)):
            if path.stem.count(".") == 0:  # not a translation
                sample_values(yaml.safe_load(path.read_text(encoding="utf-8")), "", out)
    return out


FILES = {
    "treatments": "`data/treatments/<id>.yml`, one file per treatment",
    "concerns": "`data/concerns/<id>.yml`, one file per concern",
    "glossary": "`data/glossary.yml`",
    "statements": "`data/statements.yml`, optional; each statement used in records as "
    "`- use: <id>`",
    "clinic": "`data/clinic.yml` (or the file `--clinic` names)",
}


def fields_page() -> str:
    """Every kind of record and every field: type, required, description and an example."""
    out = [
        "# Data fields reference",
        "",
        "Every field of every kind of data file, generated from the models (their JSON Schema) "
        "at each build of this handbook. *Required* fields must be there; the others may be "
        "left out. Examples come from the sample clinic's files. A path such as "
        "`aftercare[].do` is the `do` list of each item of the `aftercare` list. "
        "`clinicdocs schema --out schema` writes the same schemas for editors' autocompletion.",
        "",
    ]
    for key, kind in KINDS.items():
        schema = kind.model.model_json_schema()
        defs = schema.get("$defs", {})
        out += [
            f"## {kind.schema.capitalize()}",
            "",
            f"{FILES[key]}. {cell(schema.get('description', ''))}",
            "",
            "| Field | Type | Required | What it is | Example |",
            "|---|---|---|---|---|",
            *rows_of(schema, defs, "", examples_for(key)),
            "",
        ]
    translation = translation_model(KINDS["treatments"].model).model_json_schema()
    defs = translation.get("$defs", {})
    info = resolve(translation["properties"]["translation"], defs)
    out += [
        "## Translation files",
        "",
        "A translation (`<id>.<code>.yml` beside its source, `glossary.<code>.yml`, "
        "`statements.<code>.yml`, "
        "`clinic.<code>.yml`) has the translated texts of its source's fields, under the same "
        "names, and this `translation:` block:",
        "",
        "| Field | Type | Required | What it is | Example |",
        "|---|---|---|---|---|",
        *rows_of(
            {
                "properties": {"translation": translation["properties"]["translation"]},
                "required": ["translation"],
            },
            defs,
            "",
            {},
        ),
        "",
    ]
    assert info  # the block exists in every translation model
    return "\n".join(out)


# Errors -----------------------------------------------------------------------------------------

PROBLEM = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<rest>.*)$")


def source_line(case: Path, file: str, line: int) -> str | None:
    """The line a problem points at: from the case's file (kept as UTF-8 when the test writes it
    in Latin-1), or else the tiny site's, which the case is laid over."""
    for candidate in (case / file, case / f"{file}.latin-1", TINY / file):
        if candidate.is_file():
            lines = candidate.read_text(encoding="utf-8").splitlines()
            return lines[line - 1] if 0 < line <= len(lines) else None
    return None


def errors_page() -> str:
    """Every golden bad-input case: what was written, and the exact lines clinicdocs prints."""
    out = [
        "# Error messages",
        "",
        "What `clinicdocs validate` (and every build) prints for data it cannot use: one line a "
        "problem, `file:line:column: field: message.`, every problem of a run at once, exit "
        "code 1. Each case below is one of the test suite's golden files "
        "(`tests/fixtures/bad/`), laid over a tiny two-treatment site; the lines are the exact "
        "output the tests require, generated into this page at each build.",
        "",
    ]
    for case in sorted(p for p in BAD.iterdir() if p.is_dir()):
        expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
        out += [f"## {case.name.replace('-', ' ').capitalize()}", ""]
        written = []
        for line in expected:
            match = PROBLEM.match(line)
            if match:
                text = source_line(case, match["file"], int(match["line"]))
                if text is not None and text.strip():
                    written.append(f"{match['file']}:{match['line']}: {text.strip()}")
        if written:
            out += ["What was written (file:line: the line):", "", "```text"]
            out += list(dict.fromkeys(written))
            out += ["```", ""]
        out += ["What clinicdocs says:", "", "```text", *expected, "```", ""]
    return "\n".join(out)
