"""What the build does to each page as MkDocs renders it: fill the hand-written pages' blocks,
add what a printout needs and the translation notices, give the page its JSON-LD and language
links, and make the written HTML valid and compact."""

from __future__ import annotations

import hashlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from clinicdocs.errors import DataError
from clinicdocs.generate.languages import document_language, notices_html, wrap_in_source_language
from clinicdocs.generate.pages import EDITORIAL_STATUS, fill_blocks, is_sheet
from clinicdocs.generate.structured import page_structured_data, script_json
from clinicdocs.html.compact import compact_html
from clinicdocs.html.figures import link_shared_figures
from clinicdocs.html.preview import findings_box
from clinicdocs.html.printing import prepare_for_print, review_of
from clinicdocs.html.theme_markup import fix_material_markup
from clinicdocs.plugin.state import BuildState
from clinicdocs.translations.state import TranslationState


def fill_hand_written(markdown: str, page: Page, state: BuildState) -> str:
    """Fill the `<!-- clinicdocs:... -->` blocks of a hand-written page.

    Raises:
        PluginError: a block names a record or template that fails.
    """
    uri = page.file.src_uri
    if page.file.generated_by is not None:
        return markdown
    try:
        return fill_blocks(
            markdown,
            uri,
            state.page_site(uri),
            state.project.page_templates,
            state.page_language(uri),
            source=state.source_site,
            untranslated=state.page_untranslated(uri),
        )
    except DataError as exc:
        raise PluginError(exc.report()) from None


def printable_content(html: str, page: Page, config: MkDocsConfig, state: BuildState) -> str:
    """Add what a printout needs (link addresses, the clinic's print header), in the preview the
    content findings about the page's record, and, in a site of several languages, the page's
    translation notices and its figures' links to their one copy (`html.figures`)."""
    uri = page.file.src_uri
    html = prepare_for_print(
        html, uri, page.url, state.page_site(uri), config.site_url, state.page_language(uri)
    )
    html = findings_box(state.page_findings.get(uri, ())) + html
    if state.plan is None:
        return html
    html = link_shared_figures(html, state.plan.prefix(state.code))
    in_language = state.in_language(uri)
    if in_language.state is TranslationState.MISSING:
        html = wrap_in_source_language(html, state.plan.source)
    return notices_html(state.plan, uri, page.url, state.code, in_language) + html


def page_context(page: Page, config: MkDocsConfig, state: BuildState) -> None:
    """Give a treatment or concern page its schema.org JSON-LD (`main.html` prints it), and in a
    site of several languages its language switcher and `hreflang` links."""
    uri = page.file.src_uri
    data = page_structured_data(
        state.page_site(uri),
        uri,
        lambda target: state.address(target, config.site_url),
        state.page_language(uri),
    )
    page.meta["clinicdocs_jsonld"] = script_json(data) if data else None
    if state.plan is not None:
        page.meta["clinicdocs_switcher"] = state.plan.switcher(uri, page.url, state.code)
        page.meta["clinicdocs_hreflang"] = state.plan.hreflang(uri, page.url, state.code)


def finish_page(output: str, page: Page, state: BuildState, *, compact: bool) -> str:
    """Ask search engines not to index the editorial status page and the staff sheets; make
    Material's markup valid HTML; note the page's characters for the fonts; drop indentation."""
    uri = page.file.src_uri
    if (uri == EDITORIAL_STATUS or is_sheet(uri)) and page.file.generated_by is not None:
        output = output.replace("<head>", '<head>\n<meta name="robots" content="noindex">', 1)
    output = finish_html(output, state, page.file.url)
    return compact_html(output) if compact else output


def finish_html(output: str, state: BuildState, where: str) -> str:
    """Set the document's language and make Material's markup valid HTML (before compacting:
    it matches Material's markup); note its characters for the fonts."""
    output = document_language(output, state.language)
    output = fix_material_markup(output, state.language)
    state.note_characters(output, where)
    return output


def page_inputs(state: BuildState, uri: str, url: str, site_url: str | None, markdown: str) -> str:
    """A digest of everything this plugin makes a generated page from: its Markdown (front
    matter included) and what the hooks above add (the print header's review, the preview's
    findings, the translation notices, the language links, the JSON-LD). Two builds of the same
    navigation and templates whose pages have the same digest write the same page: the preview
    renders again only the pages whose digest changed (`clinicdocs.plugin.preview`)."""
    site = state.page_site(uri)
    parts: list[object] = [
        markdown,
        review_of(site, uri),
        state.page_findings.get(uri),
        page_structured_data(
            site, uri, lambda target: state.address(target, site_url), state.page_language(uri)
        ),
    ]
    if state.plan is not None:
        in_language = state.in_language(uri)
        parts += [
            in_language,
            notices_html(state.plan, uri, url, state.code, in_language),
            state.plan.switcher(uri, url, state.code),
            state.plan.hreflang(uri, url, state.code),
        ]
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()
