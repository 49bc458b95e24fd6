"""Generated catalogues (issue 14): for any valid project, every language builds strict, every
page is reachable by links from the home page, and no link or anchor is broken.

The projects come from `support.catalogues.projects()`; `CLINICDOCS_CATALOGUE_EXAMPLES` sets
how many (handbook, Development).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bench import CURRENT, Catalogue, ConcernSpec, TreatmentSpec, write_project
from hypothesis import example, given, settings

from support.catalogues import GeneratedProject, check_links, html_pages, projects
from support.projects import run_cli, run_mkdocs_build

pytestmark = pytest.mark.build

UNLINKED = {"404.html", "ar/404.html", "zh/404.html", "editorial-status/index.html"}
"""Pages no link leads to by design: the server shows a 404 page for any unknown address (each
language has its own); the editorial status page is for the clinic's staff, kept out of the
navigation and search (the plugin's `editorial_status` option)."""


def build_generated(project: Path, clinic: str) -> Path:
    """Validate and build `project` for `clinic` as an editor would; its built site.

    `data/clinic.yml` is built with `mkdocs build --strict`, another clinic with `clinicdocs
    build --clinic` (mkdocs.yml's `strict: true` applies to both).
    """
    other = [] if clinic == "data/clinic.yml" else ["--clinic", clinic]
    validated = run_cli(project, "validate", *other)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    built = run_cli(project, "build", *other) if other else run_mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    return project / "site"


DEFECT_2 = GeneratedProject(
    Catalogue(
        ("en", "ar", "zh"),
        [
            TreatmentSpec("0-new", 1, 1, 0, (0,)),
            TreatmentSpec(
                "m-translated", 2, 1, 0, (0,), translations={"ar": CURRENT, "zh": CURRENT}
            ),
        ],
        [ConcernSpec("a-concern", 1, 0, {"ar": CURRENT, "zh": CURRENT})],
        glossary_terms=3,
        glossary_translations={"ar": CURRENT, "zh": CURRENT},
        clinic_translations={"ar": CURRENT, "zh": CURRENT},
    ),
    "data/clinic.yml",
)
"""Issue 14, defect 2: an untranslated treatment whose id sorts first, in a category whose other
treatment is translated."""


@settings(settings.get_profile("catalogues"))
@given(example=projects())
@example(example=DEFECT_2)
def test_every_valid_catalogue_builds_with_every_page_linked(
    example: GeneratedProject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    project = write_project(tmp_path_factory.mktemp("catalogue") / "project", example.catalogue)
    try:
        site = build_generated(project, example.clinic)
        broken, reachable = check_links(site)
        assert not broken, "\n".join(map(str, broken))
        unreachable = [
            page.relative_to(site).as_posix()
            for page in html_pages(site)
            if page not in reachable and page.relative_to(site).as_posix() not in UNLINKED
        ]
        assert not unreachable, f"no link leads to: {unreachable}"
    finally:
        shutil.rmtree(project, ignore_errors=True)
