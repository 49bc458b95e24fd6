"""The PDF printer's own rules, without a browser: which folders of a built site are whole sites
in another language (`clinicdocs pdf` prints every one)."""

from __future__ import annotations

from pathlib import Path

from clinicdocs.pdf.printer import language_sites


def test_language_sites_are_folders_whose_home_page_says_their_language(tmp_path: Path) -> None:
    def page(path: str, lang: str) -> None:
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'<!doctype html>\n<html lang="{lang}" class="no-js">\n<head>')

    page("index.html", "en")
    page("ar/index.html", "ar")
    page("zh/index.html", "zh")
    page("faq/index.html", "en")  # a hand-written page, not a language
    page("treatments/index.html", "en")
    (tmp_path / "api").mkdir()
    found = [(site.code, site.site_dir, site.prefix) for site in language_sites(tmp_path)]
    assert found == [
        ("en", tmp_path, ""),
        ("ar", tmp_path / "ar", "ar/"),
        ("zh", tmp_path / "zh", "zh/"),
    ]
