"""generate.languages: one language's pages (`generate_language`), without an MkDocs build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from clinicdocs.generate.languages import generate_language, make_plan
from clinicdocs.generate.pages import categories, category_uri, treatment_uri
from clinicdocs.i18n.language import load_language
from clinicdocs.load import load_site
from support.projects import ROOT, project_languages

CATEGORY_LINK = re.compile(r"\]\(((?:\.\./)*categories/[^)]*)\)")


def test_untranslated_treatment_sorting_first_keeps_its_translated_category(
    tmp_path: Path,
) -> None:
    # Issue 14, defect 2: a new, untranslated treatment whose id sorts first, in a category
    # whose other treatments are translated, made the translated treatments link to
    # `categories/other/`, a page that does not exist.
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "branding", project / "branding")
    source = yaml.safe_load((ROOT / "data/treatments/laser-mesotherapy.yml").read_text("utf-8"))
    new = {**source, "name": "A new treatment", "also_known_as": ["New one"]}
    (project / "data/treatments/aaa-new.yml").write_text(
        yaml.safe_dump(new, allow_unicode=True), encoding="utf-8"
    )
    codes = project_languages(ROOT)
    site = load_site(project / "data", project, languages=codes)
    languages = [load_language(code, project) for code in codes]
    plan = make_plan(site, languages, ROOT / "docs", project)

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
