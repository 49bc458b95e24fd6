"""generate.languages: one language's pages (`generate_language`), without an MkDocs build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from clinicdocs.data.site import SiteData
from clinicdocs.generate.languages import (
    LanguagePlan,
    generate_language,
    make_plan,
    untranslated_records,
)
from clinicdocs.generate.pages import (
    categories,
    category_uri,
    consent_uri,
    fill_blocks,
    treatment_uri,
)
from clinicdocs.i18n.language import load_language
from clinicdocs.load import load_site
from support.projects import ROOT, project_languages

CATEGORY_LINK = re.compile(r"\]\(((?:\.\./)*categories/[^)]*)\)")


def sample_with_new_treatment(
    tmp_path: Path, untranslated: tuple[str, ...] = (), **fields: object
) -> tuple[list[str], SiteData, LanguagePlan]:
    """The sample's data with a new treatment `aaa-new` (laser mesotherapy's fields, `fields`
    changed), translated into no language, nor the `untranslated` records ("concerns/<id>"):
    the languages, the data and the plan."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    for key in untranslated:
        for translation in (project / "data").glob(f"{key}.*.yml"):
            translation.unlink()
    shutil.copytree(ROOT / "branding", project / "branding")
    source = yaml.safe_load((ROOT / "data/treatments/laser-mesotherapy.yml").read_text("utf-8"))
    (project / "data/treatments/aaa-new.yml").write_text(
        yaml.safe_dump({**source, **fields}, allow_unicode=True), encoding="utf-8"
    )
    codes = project_languages(ROOT)
    site = load_site(project / "data", project, languages=codes)
    languages = [load_language(code, project) for code in codes]
    return codes, site, make_plan(site, languages, ROOT / "docs", project)


def test_untranslated_treatment_sorting_first_keeps_its_translated_category(
    tmp_path: Path,
) -> None:
    # Issue 14, defect 2: a new, untranslated treatment whose id sorts first, in a category
    # whose other treatments are translated, made the translated treatments link to
    # `categories/other/`, a page that does not exist.
    codes, site, plan = sample_with_new_treatment(
        tmp_path, name="A new treatment", also_known_as=["New one"]
    )

    for code in codes[1:]:
        translated, generated = generate_language(plan, code, site)

        expected = category_uri("Skin rejuvenation")
        assert expected in generated.pages
        for uri in (treatment_uri("laser-mesotherapy"), treatment_uri("aaa-new")):
            links = {
                link.replace("../", "") for link in CATEGORY_LINK.findall(generated.pages[uri])
            }
            assert links == {expected}, (code, uri)
        # Its page is named in the site's language, as its translated treatment names it.
        named = {category.uri: category.name for category in categories(translated, site)}
        assert named[expected] == translated.treatments["laser-mesotherapy"].category
        assert named[expected] != "Skin rejuvenation"


def test_untranslated_records_listed_on_translated_pages_are_marked_in_the_source_language(
    tmp_path: Path,
) -> None:
    # An English name and summary on an Arabic list page were laid out right to left (the full
    # stop at the wrong end) and read out as Arabic: they are marked `lang="en"` and isolated.
    codes, site, plan = sample_with_new_treatment(
        tmp_path,
        untranslated=("concerns/pigmentation",),
        name="A new treatment",
        summary="Not translated yet. It is new.",
    )
    concerns = site.treatments["aaa-new"].concerns
    name = '<bdi lang="en">A new treatment</bdi>'
    summary = '<bdi lang="en">Not translated yet. It is new.</bdi>'
    listing = {
        category_uri("Skin rejuvenation"): [name, summary],
        "treatments/index.md": [name, summary],
        "handouts/index.md": [name],
        # (The untranslated concern's own page is wholly in English: nothing in it is marked.)
        **{f"concerns/{cid}.md": [name, summary] for cid in concerns if cid != "pigmentation"},
    }

    for code in codes[1:]:
        translated, generated = generate_language(plan, code, site)

        for uri, marked in listing.items():
            page = generated.pages[uri]
            for text in marked:
                assert text in page, (code, uri, text)
            # A translated treatment on the same page is in the page's language, unmarked.
            other = translated.treatments["laser-mesotherapy"].name
            assert other in page, (code, uri)
            assert f">{other}</bdi>" not in page, (code, uri)
        # A translated treatment's page and consent sheet name the untranslated concern it
        # treats, and its other names, in English.
        treatment = generated.pages[treatment_uri("co2-fractional-laser")]
        assert '[<bdi lang="en">Pigmentation</bdi>]' in treatment, code
        assert '<bdi lang="en">sunspots</bdi>' in treatment, code
        consent = generated.pages[consent_uri("co2-fractional-laser")]
        assert re.search('<bdi lang="en">[Pp]igmentation</bdi>', consent), code
        # The untranslated treatment's own pages are wholly in the source language (the plugin
        # marks the page as a whole), so nothing in them is marked again.
        assert "<bdi" not in generated.pages[treatment_uri("aaa-new")]
        home = fill_blocks(
            "<!-- clinicdocs:browse-treatments -->\n",
            "index.md",
            translated,
            None,
            plan.language(code),
            source=site,
            untranslated=untranslated_records(plan, code),
        )
        assert f"[{name}](treatments/aaa-new.md)" in home, code

    english = generate_language(plan, codes[0], site)[1]
    assert not [uri for uri, page in english.pages.items() if '<bdi lang="en">' in page]
