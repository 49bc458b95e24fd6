"""Content lint: each rule, suppression with a reason, settings, the command and the build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from clinicdocs.lint.rules import LintSettings, lint_settings
from support.linting import FULL_LASER, edit, lint_lines
from support.projects import ROOT, run_cli, run_mkdocs_build


def test_the_tiny_site_and_the_sample_are_lint_clean(tiny_project: Path) -> None:
    assert lint_lines(tiny_project) == []
    assert lint_lines(ROOT) == []


def test_claims_are_errors_with_suggested_wording(tiny_project: Path) -> None:
    edit(
        tiny_project,
        FULL_LASER,
        "how_it_works: Light heats the skin",
        "how_it_works: A painless, risk-free cure. Light heats the skin",
    )
    # Each finding points at its phrase and names its kind (claims v2; v1 pointed every one at
    # the field's start, 6:15).
    assert lint_lines(tiny_project) == [
        f"{FULL_LASER}:6:17: how_it_works: error[claims]: 'painless' is a claim of no pain or "
        "no downtime (comfort); say what people usually feel and how long recovery takes, e.g. "
        "'most people feel mild heat or tingling'.",
        f"{FULL_LASER}:6:27: how_it_works: error[claims]: 'risk-free' is a claim of absolute "
        "safety or no risk (safety); name the risks and how often they happen, e.g. 'serious "
        "side effects are rare'.",
        f"{FULL_LASER}:6:37: how_it_works: error[claims]: 'cure' is a claim of a cure (cure); "
        "say it can improve or reduce the concern, and for how many people.",
    ]


def test_claim_words_are_whole_words_and_configurable(tiny_project: Path) -> None:
    edit(tiny_project, FULL_LASER, "Light heats", "Bestow light that heats the best")
    settings = lint_settings({"claims": {"best": None, "heats": "say 'warms'"}})
    lines = lint_lines(tiny_project, settings)
    assert len(lines) == 1
    assert lines == [
        f"{FULL_LASER}:6:33: how_it_works: error[claims]: 'heats' is a claim of a kind this "
        "project lists (custom); say 'warms'."
    ]
    assert "best" in str(lint_lines(tiny_project))  # the built-in list still has it


def test_a_suppression_needs_a_reason_and_can_name_one_field(tiny_project: Path) -> None:
    edit(tiny_project, FULL_LASER, "Light heats", "Permanent light heats")
    edit(tiny_project, FULL_LASER, "    - Spreading redness.", "    - Permanent redness.")
    (tiny_project / FULL_LASER).write_text(
        (tiny_project / FULL_LASER).read_text(encoding="utf-8")
        + "lint_ignore:\n  - rule: claims\n    field: how_it_works\n"
        "    reason: The source says the change is permanent.\n",
        encoding="utf-8",
    )
    lines = lint_lines(tiny_project)
    assert len(lines) == 1
    assert "get_help.urgent[0]: error[claims]: 'Permanent'" in lines[0]

    edit(tiny_project, FULL_LASER, "    reason: The source says the change is permanent.\n", "")
    result = run_cli(tiny_project, "validate")
    assert result.returncode == 1
    assert "lint_ignore[0].reason: required field is missing." in result.stderr


def test_safety_sections_are_required_of_every_treatment(tiny_project: Path) -> None:
    edit(tiny_project, "data/treatments/bare-peel.yml", "lint_ignore:", "old_ignore:")
    text = (tiny_project / "data/treatments/bare-peel.yml").read_text(encoding="utf-8")
    (tiny_project / "data/treatments/bare-peel.yml").write_text(
        text.split("old_ignore:")[0], encoding="utf-8"
    )
    lines = lint_lines(tiny_project)
    assert [line.split(": ", 3)[1:3] for line in lines] == [
        ["get_help", "error[safety]"],
        ["not_suitable", "error[safety]"],
        ["side_effects", "error[safety]"],
        ["sources", "error[safety]"],
    ]
    assert "the treatment does not say when to get help" in lines[0]


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (
            "reviewed_on: 2026-01-15\n  next_review: 2025-01-15",
            "review.next_review: error[review]: 'next_review' must be after 'reviewed_on'",
        ),
        (
            "reviewed_on: 2026-01-15\n  next_review: 2029-01-16",
            "review.next_review: error[review]: 'next_review' is more than 3 years after "
            "'reviewed_on'; set it on or before 2029-01-15.",
        ),
        (
            "reviewed_on: 2023-01-15\n  next_review: 2026-01-15",
            "review.next_review: warning[review]: the review was due on 2026-01-15 and is overdue",
        ),
        ("reviewed_on: 2026-01-15", "review: error[review]: a reviewed record needs 'next_review'"),
    ],
)
def test_review_dates(tiny_project: Path, review: str, expected: str) -> None:
    edit(tiny_project, FULL_LASER, "reviewed_on: 2026-01-15\n  next_review: 2029-01-15", review)
    lines = lint_lines(tiny_project)
    # A next review before the last one is also in the past, so overdue as well.
    assert len(lines) == (2 if "must be after" in expected else 1)
    assert expected in lines[0]


def test_the_review_gap_is_configurable(tiny_project: Path) -> None:
    assert lint_lines(tiny_project, LintSettings(max_review_years=2))[0].endswith(
        "'next_review' is more than 2 years after 'reviewed_on'; set it on or before 2028-01-15."
    )


def test_readability_names_the_field_grade_and_hardest_sentence(tiny_project: Path) -> None:
    hard = (
        "Photoprotective emollients should be applied continuously, as cumulative ultraviolet "
        "exposure considerably increases the probability of post-inflammatory pigmentation."
    )
    edit(
        tiny_project,
        FULL_LASER,
        "  - Avoid the sun for 2 weeks.",
        f"  - {hard} Stay inside when you can.",
    )
    lines = lint_lines(tiny_project)
    assert len(lines) == 1
    assert lines[0].startswith(
        f"{FULL_LASER}:23:5: before[0]: warning[readability]: reading grade "
    )
    assert "is above the target of 8; shorten the hardest sentence, 'Photoprotective" in lines[0]
    # A higher target accepts it; the page as a whole reads fine either way.
    assert lint_lines(tiny_project, LintSettings(target_grade=20)) == []


def test_glossary_terms_unused_or_never_explained(tiny_project: Path) -> None:
    glossary = tiny_project / "data/glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8")
        + "  - term: melanin\n    definition: The pigment that colours skin.\n"
        "  - term: peel\n    definition: A treatment that removes the top layer of skin.\n",
        encoding="utf-8",
    )
    lines = lint_lines(tiny_project)
    assert lines == [
        "data/glossary.yml:7:11: terms[2].term: warning[glossary]: 'melanin' is not used on "
        "any page; remove it from the glossary, or check its spelling matches the pages.",
        "data/treatments/bare-peel.yml:1:7: name: warning[glossary]: 'peel' is used only where "
        "the page shows no explanation (a title or heading); use the term once in the text, "
        "where it is explained on hover, or use plain words.",
    ]


def test_placeholders_are_errors(tiny_project: Path) -> None:
    edit(tiny_project, FULL_LASER, "    answer: Three to five.", "    answer: TODO ask Dr Test.")
    assert lint_lines(tiny_project) == [
        f"{FULL_LASER}:50:13: faq[1].answer: error[placeholder]: placeholder text 'TODO' is "
        "still here; write the real text from the sources, or delete the field if they are "
        "silent."
    ]


def test_unknown_settings_are_named() -> None:
    with pytest.raises(ValueError, match=r"target_grde: unknown option"):
        lint_settings({"target_grde": 7})
    with pytest.raises(ValueError, match=r"max_review_years: "):
        lint_settings({"max_review_years": 0})


def test_lint_command_text_json_exit_codes_and_strict(tiny_project: Path) -> None:
    clean = run_cli(tiny_project, "lint")
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "0 errors, 0 warnings.\n")

    edit(tiny_project, "data/concerns/scars.yml", "Marks left", "Marks left (TODO)")
    edit(tiny_project, FULL_LASER, "reviewed_on: 2026-01-15", "reviewed_on: 2020-01-15")
    edit(tiny_project, FULL_LASER, "next_review: 2029-01-15", "next_review: 2023-01-15")
    warning_only = FULL_LASER + ":59:16: review.next_review: warning[review]"
    text = run_cli(tiny_project, "lint")
    assert text.returncode == 1
    lines = text.stdout.splitlines()
    assert lines[0].startswith("data/concerns/scars.yml:2:10: summary: error[placeholder]: ")
    assert lines[1].startswith(warning_only)
    assert text.stderr == "1 error, 1 warning.\n"

    as_json = run_cli(tiny_project, "lint", "--format", "json")
    report = json.loads(as_json.stdout)
    assert as_json.returncode == 1
    assert (report["errors"], report["warnings"]) == (1, 1)
    assert report["findings"][1]["rule"] == "review"
    assert report["records"]["treatments/full-laser"]["warnings"] == 1
    assert isinstance(report["records"]["treatments/full-laser"]["grade"], float)
    assert report["records"]["treatments/full-laser"]["field_grades"] == {}  # all short

    edit(tiny_project, "data/concerns/scars.yml", "Marks left (TODO)", "Marks left")
    assert run_cli(tiny_project, "lint").returncode == 0  # warnings alone pass...
    assert run_cli(tiny_project, "lint", "--strict").returncode == 1  # ...unless strict


def test_json_has_a_grade_for_each_long_field() -> None:
    result = run_cli(ROOT, "lint", "--format", "json")
    assert result.returncode == 0, result.stderr
    fields = json.loads(result.stdout)["records"]["treatments/laser-mesotherapy"]["field_grades"]
    assert "how_it_works" in fields
    assert "faq[1].answer" in fields
    assert all(grade <= 8 for grade in fields.values()), fields


@pytest.mark.build
def test_lint_reads_its_settings_from_mkdocs_yml(tiny_project: Path) -> None:
    edit(tiny_project, FULL_LASER, "Light heats", "Painless light heats")
    config = tiny_project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - clinicdocs\n", "  - clinicdocs:\n      lint:\n        claims: {painless: null}\n"
        ),
        encoding="utf-8",
    )
    assert run_cli(tiny_project, "lint").returncode == 0

    config.write_text(
        config.read_text(encoding="utf-8").replace("claims:", "clams:"), encoding="utf-8"
    )
    broken = run_cli(tiny_project, "lint")
    assert broken.returncode == 1
    error = "Config value 'plugins': Plugin 'clinicdocs' option 'lint': clams: unknown option"
    assert broken.stderr == f"Error: {error}\n"
    built = run_mkdocs_build(tiny_project)
    assert built.returncode == 1
    assert f"ERROR   -  {error}" in built.stderr.splitlines()


@pytest.mark.build
def test_findings_are_build_warnings_so_a_strict_build_fails(tiny_project: Path) -> None:
    edit(tiny_project, FULL_LASER, "Light heats", "A miracle light heats")
    result = run_mkdocs_build(tiny_project)
    assert result.returncode == 1
    assert (
        f"WARNING -  clinicdocs: {FULL_LASER}:6:17: how_it_works: error[claims]: 'miracle'"
        in result.stderr
    )
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr


@pytest.mark.build
def test_an_overdue_review_shows_on_the_page(tiny_project: Path) -> None:
    edit(tiny_project, FULL_LASER, "reviewed_on: 2026-01-15", "reviewed_on: 2020-01-15")
    edit(tiny_project, FULL_LASER, "next_review: 2029-01-15", "next_review: 2023-01-15")
    result = run_mkdocs_build(tiny_project, "--no-strict")
    assert result.returncode == 0, result.stderr
    assert "warning[review]: the review was due on 2023-01-15 and is overdue" in result.stderr
    html = (tiny_project / "site/treatments/full-laser/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    titles = [t.get_text(strip=True) for t in soup.select(".admonition .admonition-title")]
    assert "Review overdue" in titles
    notice = soup.select_one(".admonition.warning")
    assert notice is not None
    assert "due for review on 15 January 2023" in notice.get_text(" ", strip=True)

    peel = (tiny_project / "site/treatments/bare-peel/index.html").read_text(encoding="utf-8")
    assert "Review overdue" not in peel


@pytest.mark.build
def test_editorial_status_page(tiny_site: Path) -> None:
    html = (tiny_site / "editorial-status/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    robots = soup.find("meta", attrs={"name": "robots"})
    assert robots is not None
    assert robots["content"] == "noindex"
    rows = {
        row.find("td").get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in soup.select("table")[0].select("tbody tr")
    }
    assert rows["Full laser"][1:5] == [
        "reviewed",
        "Dr Test, dermatologist",
        "2026-01-15",
        "2029-01-15",
    ]
    assert rows["Bare peel"][1:3] == ["draft", "-"]
    assert rows["Full laser"][6:] == ["0", "0"]
    assert float(rows["Full laser"][5]) < 8
    link = soup.select("table")[0].find("a", string="Full laser")
    assert link is not None
    assert link["href"] == "../treatments/full-laser/"

    # Not in the navigation, not in search.
    index = (tiny_site / "index.html").read_text(encoding="utf-8")
    assert "editorial-status" not in index
    search = json.loads((tiny_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in search["docs"] if doc["location"].startswith("editorial-status")]


@pytest.mark.parametrize(
    ("alt", "message"),
    [
        ("skin-layers.svg", "alt text says only that there is an image, not what it shows"),
        ("Skin layers", "alt text says only that there is an image, not what it shows"),
        ("Image", "alt text says only that there is an image, not what it shows"),
        ("diagram 2", "alt text says only that there is an image, not what it shows"),
        (
            "Image of the skin's layers.",
            "alt text need not say it is an image: screen readers say so already",
        ),
    ],
)
def test_alt_text_that_says_nothing_is_a_warning(
    tiny_project: Path, alt: str, message: str
) -> None:
    (tiny_project / "pics").mkdir()
    (tiny_project / "pics" / "skin-layers.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>', encoding="utf-8"
    )
    peel = "data/treatments/bare-peel.yml"
    (tiny_project / peel).write_text(
        (tiny_project / peel).read_text(encoding="utf-8")
        + f"figures:\n  - file: pics/skin-layers.svg\n    alt: {alt}\n",
        encoding="utf-8",
    )
    assert lint_lines(tiny_project) == [
        f"{peel}:13:10: figures[0].alt: warning[alt_text]: {message}; say in one plain sentence "
        "what the image shows, e.g. 'Diagram of the skin's three layers'."
    ]


def test_alt_text_is_read_for_claims_and_placeholders(tiny_project: Path) -> None:
    (tiny_project / "pics").mkdir()
    (tiny_project / "pics" / "a.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>', encoding="utf-8"
    )
    peel = "data/treatments/bare-peel.yml"
    (tiny_project / peel).write_text(
        (tiny_project / peel).read_text(encoding="utf-8")
        + "figures:\n  - file: pics/a.svg\n    alt: TODO a painless result.\n",
        encoding="utf-8",
    )
    lines = lint_lines(tiny_project)
    assert sorted(line.split(": ")[1:3] for line in lines) == [
        ["figures[0].alt", "error[claims]"],
        ["figures[0].alt", "error[placeholder]"],
    ]
