"""Turn validated data into pages: `{uri: markdown}` plus a navigation outline.

This module knows nothing of MkDocs, so the same pages can be exported to a folder for any other
Markdown site tool (`clinicdocs export`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from pydantic import BaseModel

from clinicdocs.data.branding import ImageFile
from clinicdocs.data.checks import check_page_clashes
from clinicdocs.data.models import GeneralAdvice, Treatment, name_order
from clinicdocs.data.site import SiteData
from clinicdocs.errors import DataError, Problem, shown_path
from clinicdocs.generate.facts import finder
from clinicdocs.generate.qr import qr_svg
from clinicdocs.generate.recovery import recovery_settings
from clinicdocs.generate.render import ShownInSource, make_environment, relative_link, render
from clinicdocs.generate.sections import strip_section_marks
from clinicdocs.generate.sheets import sheet_infos
from clinicdocs.i18n.language import Language, english, load_language
from clinicdocs.load import load_site

TREATMENTS_INDEX = "treatments/index.md"
CONCERNS_INDEX = "concerns/index.md"
GLOSSARY = "glossary.md"
HOME = "index.md"
"""The home page, hand-written (`docs/index.md`)."""
HANDOUTS_INDEX = "handouts/index.md"
EDITORIAL_STATUS = "editorial-status.md"
"""The editorial status page (lint findings, review and translation states), built by `lint`."""

NavItem = str | dict[str, Any]
"""One entry of a navigation outline, in the shape of MkDocs' `nav` setting."""


def treatment_uri(treatment_id: str) -> str:
    """Where a treatment's page lives. Independent of its category, so the address printed on a
    handout survives a change of category."""
    return f"treatments/{treatment_id}.md"


def handout_uri(treatment_id: str) -> str:
    """Where a treatment's printable aftercare handout lives."""
    return f"handouts/{treatment_id}.md"


HANDOUT_FIELDS = frozenset(
    {"name", "aftercare", "side_effects", "get_help", "red_flags", "figures"}
)
"""The treatment's fields a handout shows (`handout.md.j2`): a translation notice on a handout
names only these."""

RECOVERY_FIELDS = frozenset({"name", "aftercare", "get_help", "red_flags", "key_facts"})
"""The treatment's fields its day-by-day page shows (`recovery.md.j2`; key facts for the
follow-up sessions in its calendar file)."""


def recovery_uri(treatment_id: str) -> str:
    """Where a treatment's day-by-day recovery page lives (meant for the phone): given the
    treatment date (`?date=YYYY-MM-DD` in its address, or typed in), it shows that day's
    aftercare. The handout's QR code and the clinic's care texts link to it."""
    return f"recovery/{treatment_id}.md"


RECOVERY_DATE_PARAMETER = "date"
"""The address parameter that carries the treatment date to the recovery page (YYYY-MM-DD)."""


def screening_uri(treatment_id: str) -> str:
    """Where a treatment's screening checklist lives (for clinic staff, printed): who should
    not have it and its cautions, each a yes/no question with room for notes."""
    return f"screening/{treatment_id}.md"


def consent_uri(treatment_id: str) -> str:
    """Where a treatment's consent discussion record lives (for clinic staff, printed): what
    was discussed with the patient, signed and dated by both."""
    return f"consent/{treatment_id}.md"


SHEET_KINDS = ("screening", "consent")
"""The staff sheets each treatment has, by the first part of their address."""


def is_sheet(uri: str) -> bool:
    """Whether `uri` is a treatment's screening or consent sheet."""
    kind, _, name = uri.partition("/")
    return kind in SHEET_KINDS and "/" not in name and name.endswith(".md")


FIGURES_FOLDER = "assets/figures"
"""Where the figures' images are copied in a built site: once, in the source language's site,
which every language's pages link to."""


def figure_uri(file: str, image: ImageFile) -> str:
    """A figure's image's address in the site: its name and a digest of its content, in
    `FIGURES_FOLDER` (`assets/figures/skin-layers.3f2a9c01be.svg`).

    Args:
        file: the image's path in the project, as the data gives it.
        image: the checked image (`SiteData.images[file]`).
    """
    path = PurePosixPath(file)
    return f"{FIGURES_FOLDER}/{path.stem}.{image.digest}{path.suffix.lower()}"


@dataclass(frozen=True)
class FigureImage:
    """A figure's image on one page: its address from that page, its width and height."""

    src: str
    width: int
    height: int


def figure_files(site: SiteData) -> dict[str, Path]:
    """Every figure's image: its address in the site -> its file in the project."""
    return {figure_uri(file, image): image.path for file, image in site.images.items()}


def is_handout(uri: str) -> bool:
    """Whether `uri` is a treatment's handout (not the handouts' index)."""
    return uri.startswith("handouts/") and uri != HANDOUTS_INDEX


def shown_fields(uri: str) -> frozenset[str] | None:
    """The treatment's fields a page of part of it shows (a handout, a day-by-day page), or
    None for a page that shows the whole record."""
    if is_handout(uri):
        return HANDOUT_FIELDS
    if uri.startswith("recovery/"):
        return RECOVERY_FIELDS
    return None


def page_address(site_url: str | None, uri: str) -> str | None:
    """The public address of a generated page (`treatments/x.md` -> `<site_url>treatments/x/`),
    with MkDocs' default directory URLs; None when the site's address is not known."""
    if site_url is None:
        return None
    path = uri.removesuffix(".md")
    path = path.removesuffix("index") if path.endswith("/index") or path == "index" else path + "/"
    return site_url + path


def concern_uri(concern_id: str) -> str:
    """Where a concern's page lives."""
    return f"concerns/{concern_id}.md"


def record_pages(kind: str, record_id: str) -> list[str]:
    """A record's own generated pages, in a fixed order: a treatment's page, handout, recovery
    page and staff sheets; a concern's page (`kind` is the records' folder)."""
    if kind == "treatments":
        pages = (treatment_uri, handout_uri, recovery_uri, screening_uri, consent_uri)
        return [page(record_id) for page in pages]
    if kind == "concerns":
        return [concern_uri(record_id)]
    return []


def record_uri(key: str) -> str | None:
    """The page that shows the record `key` (`treatments/<id>`, `concerns/<id>`, `glossary`,
    and the home page for `clinic`, whose texts are on every page); the reverse of
    `clinicdocs.generate.languages.record_key`."""
    kind, _, record_id = key.partition("/")
    if kind == "treatments":
        return treatment_uri(record_id)
    if kind == "concerns":
        return concern_uri(record_id)
    return {"glossary": GLOSSARY, "clinic": HOME}.get(key)


def category_slug(name: str) -> str:
    """`Skin rejuvenation` -> `skin-rejuvenation`."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "other"


def category_uri(name: str) -> str:
    """Where a category's index page lives."""
    return f"categories/{category_slug(name)}/index.md"


@dataclass
class GeneratedSite:
    """The generated pages and where they go in the navigation."""

    pages: dict[str, str] = field(default_factory=dict)
    nav: list[NavItem] = field(default_factory=list)
    unlisted: set[str] = field(default_factory=set)
    """Pages deliberately left out of the navigation (handouts: their index lists them)."""
    addresses: list[str] = field(default_factory=list)
    """Every generated page's address in the order the site lists them, rendered or not (a
    site in another language puts together pages rendered in two languages in this order)."""


@dataclass(frozen=True)
class Category:
    """Treatments grouped under one category name, in name order."""

    name: str
    uri: str
    treatments: list[tuple[str, Treatment]]


def categories(site: SiteData, source: SiteData | None = None) -> list[Category]:
    """Group treatments by category; categories and treatments in name order.

    Args:
        site: the data, in the language of the pages.
        source: the same data in the source language, for a translated site: a category's
            address comes from its source name (`categories/skin-rejuvenation/` in every
            language), its display name from `site`.
    """
    groups: dict[str, list[tuple[str, Treatment]]] = {}
    names: dict[str, str] = {}
    for tid, treatment in site.treatments.items():
        named = source.treatments.get(tid, treatment) if source is not None else treatment
        slug = category_slug(named.category)
        # The name in the site's language, whatever the order of ids: an untranslated
        # treatment (still named in the source language) names its category only until a
        # translated one does.
        if slug not in names or (
            names[slug] == named.category and treatment.category != named.category
        ):
            names[slug] = treatment.category
        groups.setdefault(slug, []).append((tid, treatment))
    return [
        Category(
            names[slug],
            f"categories/{slug}/index.md",
            sorted(items, key=lambda item: name_order(item[1].name)),
        )
        for slug, items in sorted(groups.items(), key=lambda kv: name_order(names[kv[0]]))
    ]


def uses_general_advice(record: BaseModel) -> bool:
    """Whether any list in the record holds a statement marked as general safety advice."""
    for value in dict(record).values():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, GeneralAdvice):
                return True
            if isinstance(item, BaseModel) and uses_general_advice(item):
                return True
    return False


class _Renderer:
    """Renders templates with the context every page shares."""

    def __init__(
        self,
        site: SiteData,
        env: jinja2.Environment,
        site_url: str | None = None,
        source: SiteData | None = None,
        only: Container[str] | None = None,
    ) -> None:
        self.site = site
        self.only = only
        self.site_url = site_url
        self.env = env
        language = env.globals["language"]
        assert isinstance(language, Language)  # make_environment sets it
        self.language = language
        self.categories = categories(site, source)
        # A category's display name (translated or not) -> its page, whose address is the
        # source language's: every name a treatment uses, the untranslated ones' source names
        # included, leads to the page of its source category.
        self.category_uris = {category.name: category.uri for category in self.categories}
        for tid, treatment in site.treatments.items():
            named = source.treatments.get(tid, treatment) if source is not None else treatment
            self.category_uris.setdefault(treatment.category, category_uri(named.category))
        self.concerns = sorted(site.concerns.items(), key=lambda kv: name_order(kv[1].name))
        self.treatments = sorted(site.treatments.items(), key=lambda kv: name_order(kv[1].name))
        self.pages: dict[str, str] = {}
        self.addresses: dict[str, None] = {}
        """Every page asked about, in the site's order (`wants`)."""
        self.problems: list[Problem] = []

    def wants(self, uri: str) -> bool:
        """Whether the page at `uri` is to be rendered (all pages, unless `only` names some);
        notes its place in the site's order, so it is asked in that order."""
        self.addresses.setdefault(uri)
        return self.selects(uri)

    def selects(self, uri: str) -> bool:
        """Whether `only` lets the page at `uri` be rendered (without noting its place)."""
        return self.only is None or uri in self.only

    def add(self, uri: str, template: str, record: str, **context: Any) -> None:
        """Render one page into `pages`; a template's failure is collected in `problems`, so
        one run reports every page that fails."""
        if not self.wants(uri):
            return
        try:
            self.pages[uri] = self.page(template, uri, record, **context)
        except DataError as exc:
            self.problems.extend(exc.problems)

    def category_uri(self, name: str) -> str:
        """The page of the category named `name` on this site's pages."""
        return self.category_uris.get(name) or category_uri(name)

    def figure_image(self, file: str, link: Callable[[str], str]) -> FigureImage:
        """A figure's image as a page shows it: its address from the page, and its size."""
        image = self.site.images[file]
        return FigureImage(link(figure_uri(file, image)), image.width, image.height)

    def page(self, template: str, uri: str, record: str, **context: Any) -> str:
        link: Callable[[str], str] = lambda target: relative_link(target, uri)  # noqa: E731
        return render(
            self.env,
            template,
            record,
            site=self.site,
            clinic=self.site.clinic,
            site_url=self.site_url,
            categories=self.categories,
            concerns=self.concerns,
            all_treatments=self.treatments,
            page_uri=uri,
            link=link,
            treatment_uri=treatment_uri,
            concern_uri=concern_uri,
            category_uri=self.category_uri,
            handout_uri=handout_uri,
            screening_uri=screening_uri,
            consent_uri=consent_uri,
            recovery_uri=recovery_uri,
            figure_image=lambda file: self.figure_image(file, link),
            treatments_index=TREATMENTS_INDEX,
            concerns_index=CONCERNS_INDEX,
            glossary_uri=GLOSSARY,
            today=dt.date.today(),
            **context,
        )


def load_and_generate(
    project: Path,
    data_dir: Path,
    templates_dir: Path,
    docs_dir: Path,
    site_url: str | None = None,
    clinic_file: Path | None = None,
    languages: Sequence[str] = (),
    language: Language | str | None = None,
) -> tuple[SiteData, GeneratedSite]:
    """Everything a build needs before MkDocs starts: load and check the data, render every
    page, and check no hand-written page takes a generated page's address.

    Args:
        project: the project folder; problems name files relative to it.
        data_dir: the `data/` folder.
        templates_dir: the project's `templates/` folder (page overrides are in `pages/`).
        docs_dir: the hand-written pages' folder.
        site_url: the site's public address from mkdocs.yml, used when `clinic.yml` sets none.
        clinic_file: the clinic to brand the site for, instead of `data_dir/clinic.yml`.
        languages: the site's languages, the source language first; their translations are
            loaded and checked too (`load_site`), and so are their message files.
        language: the language of the pages' fixed texts (default English), or its code, to
            load it with the project's message files (their problems are reported together
            with the data's).

    Raises:
        DataError: with every problem found.
    """
    codes = [language] if isinstance(language, str) else []
    site, loaded = load_checked(project, data_dir, clinic_file, languages, also=codes)
    page_language = loaded[language] if isinstance(language, str) else language
    generated = generate_checked(site, project, templates_dir, docs_dir, site_url, page_language)
    return site, generated


def load_checked(
    project: Path,
    data_dir: Path,
    clinic_file: Path | None = None,
    languages: Sequence[str] = (),
    *,
    also: Sequence[str] = (),
) -> tuple[SiteData, dict[str, Language]]:
    """Load and check the data, its translations into `languages`, and those languages'
    message files (the project's included), and those of the languages `also` names,
    reporting their problems together.

    Returns:
        The data, and each language by its code.

    Raises:
        DataError: with every problem found.
    """
    problems: list[Problem] = []
    loaded: dict[str, Language] = {}
    for code in dict.fromkeys([*also, *languages]):
        try:
            loaded[code] = load_language(code, project)
        except DataError as exc:
            problems.extend(exc.problems)
    try:
        site = load_site(data_dir, project, clinic_file, languages)
    except DataError as exc:
        raise DataError([*problems, *exc.problems]) from None
    if problems:
        raise DataError(problems)
    return site, loaded


def generate_checked(
    site: SiteData,
    project: Path,
    templates_dir: Path,
    docs_dir: Path,
    site_url: str | None = None,
    language: Language | None = None,
) -> GeneratedSite:
    """Render every page of `site` in `language` (`generate`), and check no hand-written page
    takes a generated page's address.

    Raises:
        DataError: a template failed, or hand-written pages clash with generated ones.
    """
    generated = generate(site, templates_dir / "pages", public_url(site, site_url), language)
    clashes = check_page_clashes(generated.pages, docs_dir, shown_path(docs_dir, project))
    if clashes:
        raise DataError(clashes)
    return generated


def public_url(site: SiteData, fallback: str | None = None) -> str | None:
    """The site's public address, ending in '/': `clinic.yml`'s `site_url`, else `fallback`
    (mkdocs.yml's), else None (the site can then be hosted anywhere, but has no canonical links
    and handouts have no QR code)."""
    url = str(site.clinic.site_url) if site.clinic.site_url else fallback
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def generate(
    site: SiteData,
    project_templates: Path | None = None,
    site_url: str | None = None,
    language: Language | None = None,
    *,
    source: SiteData | None = None,
    section_marks: bool = False,
    only: Container[str] | None = None,
    untranslated: ShownInSource | None = None,
) -> GeneratedSite:
    """Render every generated page, or the ones `only` names (the navigation and the unlisted
    pages are always complete).

    Args:
        site: validated data.
        project_templates: the project's `templates/pages/` folder (overrides the defaults).
        site_url: the site's public address ending in '/', given to templates as `site_url`.
        language: the language of the pages' fixed texts and the navigation's section names
            (default English).
        source: for a translated site, the source-language data: page addresses (categories')
            come from it, so every language has the same paths.
        section_marks: keep the marks around safety sections (`generate.sections`), for a
            translated site to swap some for the source's.
        only: the pages to render, for the preview re-rendering what an edit changed
            (`generate.affected`); None for every page.
        untranslated: for a translated site, the records it shows in the source language
            (their texts are marked so where its pages list them).

    Raises:
        DataError: when a template fails, naming the template, its line and the record.
    """
    # The fixed texts name what the clinic's site covers ("Skin concerns"), in this language.
    language = (language or english()).about(site.clinic.covers)
    renderer = _Renderer(
        site,
        make_environment(project_templates, language, untranslated),
        site_url,
        source,
        only,
    )
    out = GeneratedSite()
    out.nav = [
        {language.t("nav.treatments"): _add_treatments(renderer)},
        {language.t("nav.concerns"): _add_concerns(renderer)},
    ]
    if site.glossary is not None:
        renderer.add(
            GLOSSARY,
            "glossary.md.j2",
            site.sources["glossary"].display,
            terms=sorted(site.glossary.terms, key=lambda t: name_order(t.term)),
        )
        out.nav.append({language.t("nav.glossary"): GLOSSARY})
    out.unlisted.update(_add_handouts(renderer))
    out.unlisted.update(_add_sheets(renderer, source))
    out.unlisted.update(_add_recovery_pages(renderer))
    out.nav.append({language.t("nav.handouts"): HANDOUTS_INDEX})
    out.addresses = list(renderer.addresses)
    if renderer.problems:
        raise DataError(renderer.problems)
    out.pages = (
        renderer.pages
        if section_marks
        else {uri: strip_section_marks(page) for uri, page in renderer.pages.items()}
    )
    return out


def _add_treatments(renderer: _Renderer) -> list[NavItem]:
    """The treatments index, each category's page and each treatment's page; returns their
    navigation, by category."""
    site = renderer.site
    if renderer.wants(TREATMENTS_INDEX):
        renderer.add(
            TREATMENTS_INDEX,
            "treatments_index.md.j2",
            "the treatments index",
            finder=finder(renderer.treatments, renderer.concerns, renderer.language),
        )
    nav: list[NavItem] = [TREATMENTS_INDEX]
    for category in renderer.categories:
        renderer.add(
            category.uri, "category.md.j2", f"category '{category.name}'", category=category
        )
        entries: list[NavItem] = [category.uri]
        for tid, treatment in category.treatments:
            uri = treatment_uri(tid)
            entries.append({treatment.name: uri})
            if not renderer.wants(uri):
                continue
            renderer.add(
                uri,
                "treatment.md.j2",
                site.sources[f"treatments/{tid}"].display,
                treatment=treatment,
                treatment_id=tid,
                has_general_advice=uses_general_advice(treatment),
                treatment_concerns=[(cid, site.concerns[cid]) for cid in treatment.concerns],
                recovery=recovery_settings(tid, treatment, site.clinic, renderer.language),
            )
        nav.append({category.name: entries})
    return nav


def _add_concerns(renderer: _Renderer) -> list[NavItem]:
    """The concerns index and each concern's page; returns their navigation."""
    site = renderer.site
    renderer.add(CONCERNS_INDEX, "concerns_index.md.j2", "the concerns index")
    nav: list[NavItem] = [CONCERNS_INDEX]
    for cid, concern in renderer.concerns:
        uri = concern_uri(cid)
        renderer.add(
            uri,
            "concern.md.j2",
            site.sources[f"concerns/{cid}"].display,
            concern=concern,
            concern_id=cid,
            treatments=site.treatments_for(cid),
        )
        nav.append({concern.name: uri})
    return nav


def _add_handouts(renderer: _Renderer) -> set[str]:
    """One printable aftercare handout per treatment, and an index listing them all. Only the
    index goes into the navigation, so hundreds of treatments do not double its length; returns
    the handouts' pages, which are left out of it."""
    renderer.add(HANDOUTS_INDEX, "handouts_index.md.j2", "the handouts index")
    handouts = set()
    for tid, treatment in renderer.treatments:
        handouts.add(handout_uri(tid))
        if not renderer.wants(handout_uri(tid)):
            continue
        address = page_address(renderer.site_url, treatment_uri(tid))
        recovery = page_address(renderer.site_url, recovery_uri(tid))
        renderer.add(
            handout_uri(tid),
            "handout.md.j2",
            renderer.site.sources[f"treatments/{tid}"].display,
            treatment=treatment,
            treatment_id=tid,
            online_address=address,
            recovery_address=recovery,
            qr_code=qr_svg(recovery) if recovery else None,
            has_general_advice=uses_general_advice(treatment),
        )
    return handouts


def _add_recovery_pages(renderer: _Renderer) -> set[str]:
    """One day-by-day recovery page per treatment, meant for the phone; left out of the
    navigation (the treatment page and the handout's QR code lead to it); returns them."""
    pages = set()
    for tid, treatment in renderer.treatments:
        pages.add(recovery_uri(tid))
        if not renderer.wants(recovery_uri(tid)):
            continue
        renderer.add(
            recovery_uri(tid),
            "recovery.md.j2",
            renderer.site.sources[f"treatments/{tid}"].display,
            treatment=treatment,
            treatment_id=tid,
            recovery=recovery_settings(tid, treatment, renderer.site.clinic, renderer.language),
        )
    return pages


def _add_sheets(renderer: _Renderer, source: SiteData | None) -> set[str]:
    """Each treatment's screening checklist and consent discussion record (staff sheets, listed
    on the handouts index, not in the navigation); returns their pages."""
    sheets = set()
    wanted = [
        tid
        for tid, _ in renderer.treatments
        if renderer.selects(screening_uri(tid)) or renderer.selects(consent_uri(tid))
    ]
    infos = sheet_infos(renderer.site, renderer.language, source, wanted)
    for tid, treatment in renderer.treatments:
        for uri, template in ((screening_uri(tid), "screening"), (consent_uri(tid), "consent")):
            sheets.add(uri)
            if not renderer.wants(uri):
                continue
            renderer.add(
                uri,
                f"{template}.md.j2",
                renderer.site.sources[f"treatments/{tid}"].display,
                treatment=treatment,
                treatment_id=tid,
                online_address=page_address(renderer.site_url, treatment_uri(tid)),
                has_general_advice=uses_general_advice(treatment),
                treatment_concerns=[
                    (cid, renderer.site.concerns[cid]) for cid in treatment.concerns
                ],
                sheet=infos[tid],
            )
    return sheets


BLOCK_MARKER = re.compile(r"^<!--\s*clinicdocs:([a-z-]+)\s*-->\s*$", re.MULTILINE)
BLOCKS = {
    "browse-concerns": "block_browse_concerns.md.j2",
    "browse-treatments": "block_browse_treatments.md.j2",
}


def fill_blocks(
    markdown: str,
    page_uri: str,
    site: SiteData,
    project_templates: Path | None = None,
    language: Language | None = None,
    *,
    source: SiteData | None = None,
    untranslated: ShownInSource | None = None,
) -> str:
    """Replace `<!-- clinicdocs:NAME -->` lines in a hand-written page with generated lists.

    Args:
        markdown: the page's Markdown.
        page_uri: the page's path in `docs/`, so links are made relative to it.
        site: validated data.
        project_templates: the project's `templates/pages/` folder.
        language: the language of the blocks' fixed texts (default English).
        source: for a translated site, the source-language data (categories' addresses).
        untranslated: for a translated site, the records it shows in the source language.

    Raises:
        DataError: for a marker naming no known block.
    """
    if "clinicdocs:" not in markdown:
        return markdown
    environment = make_environment(project_templates, language, untranslated)
    renderer = _Renderer(site, environment, None, source)
    problems: list[Problem] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in BLOCKS:
            line = markdown.count("\n", 0, match.start()) + 1
            problems.append(
                Problem(
                    page_uri,
                    line,
                    1,
                    "",
                    f"unknown block '{name}'; known blocks are: {', '.join(sorted(BLOCKS))}",
                )
            )
            return match.group(0)
        return renderer.page(BLOCKS[name], page_uri, page_uri).strip("\n")

    result = BLOCK_MARKER.sub(replace, markdown)
    if problems:
        raise DataError(problems)
    return result
