"""The editor's files: only data and image folders, every save merged into the file (comments
and key order kept) and checked by the project's loader, refused with the validator's own
problem lines."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml as pyyaml  # type: ignore[import-untyped]  # PyYAML ships no type hints

from clinicdocs.editor import store as store_module
from clinicdocs.editor.session import project_store
from clinicdocs.editor.store import RefusedPath, SaveRefused, Store
from clinicdocs.plugin.project import load_project
from support.projects import ROOT, copy_project, figures_project, run_cli


def _store(project: Path) -> Store:
    return project_store(load_project(project))


@pytest.fixture
def store(tiny_project: Path) -> Store:
    return _store(tiny_project)


@pytest.mark.parametrize(
    "name",
    [
        "data/../mkdocs.yml",
        "../outside.yml",
        "data/treatments/../../mkdocs.yml",
        "/etc/passwd",
        "C:/data/x.yml",
        "data\\treatments\\full-laser.yml",
        "mkdocs.yml",
        "docs/index.md",
        "data/treatments/notes.txt",
        "",
    ],
)
def test_paths_outside_the_data_folder_are_refused(store: Store, name: str) -> None:
    with pytest.raises(RefusedPath):
        store.resolve(name)


def test_a_symbolic_link_leading_out_is_refused(store: Store, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text("name: x\n", encoding="utf-8")
    (store.data_dir / "treatments" / "linked.yml").symlink_to(outside)
    (store.data_dir / "elsewhere").symlink_to(tmp_path)
    with pytest.raises(RefusedPath, match="outside the data folder"):
        store.resolve("data/treatments/linked.yml")
    with pytest.raises(RefusedPath, match="outside the data folder"):
        store.resolve("data/elsewhere/outside.yml")


def test_images_go_only_into_the_image_folder(store: Store) -> None:
    assert store.media_dir == store.root.resolve() / "assets"
    with pytest.raises(RefusedPath):
        store.save_media("data/logo.png", "aGk=")
    with pytest.raises(RefusedPath):
        store.save_media("assets/../logo.png", "aGk=")
    with pytest.raises(RefusedPath):
        store.save_media("assets/script.js", "aGk=")
    saved = store.save_media("assets/logo.png", "aGk=")
    assert saved["path"] == "assets/logo.png"
    assert (store.root / "assets" / "logo.png").read_bytes() == b"hi"


def test_a_save_keeps_comments_order_and_style(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "sample")
    store = _store(project)
    path = store.resolve("data/clinic.en.yml")  # Decap's name for the source language's file
    assert path == project / "data" / "clinic.yml"
    before = path.read_text(encoding="utf-8")
    entry = store.read_entry(path)
    assert entry["file"]["path"] == "data/clinic.en.yml"
    raw = entry["data"].replace("hello@example.org", "desk@example.org")
    store.save(path, raw)
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("hello@example.org", "desk@example.org")
    assert "# quoted: '#' starts a comment in YAML" in after


def test_a_translation_keeps_its_translation_block(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "sample")
    store = _store(project)
    path = store.resolve("data/treatments/laser-mesotherapy.ar.yml")
    before = path.read_text(encoding="utf-8")
    entry = store.read_entry(path)
    assert "translation:" in entry["data"]
    # Decap sends only the fields it shows; the translation block is not one of them.
    data = entry["data"].split("\nname:", 1)[1]
    store.save(path, "name:" + data)
    assert path.read_text(encoding="utf-8") == before


def test_a_bad_save_is_refused_with_the_validators_message(tiny_project: Path) -> None:
    store = _store(tiny_project)
    path = store.resolve("data/treatments/full-laser.yml")
    before = path.read_text(encoding="utf-8")
    raw = store.read_entry(path)["data"].replace("name: Full laser", "name: ' '")
    with pytest.raises(SaveRefused) as refused:
        store.save(path, raw)
    assert path.read_text(encoding="utf-8") == before  # nothing written
    lines = [str(problem) for problem in refused.value.problems]
    # The same file written by hand: `clinicdocs validate` gives the same lines.
    path.write_text(before.replace("name: Full laser", "name: ' '"), encoding="utf-8")
    result = run_cli(tiny_project, "validate")
    assert result.returncode == 1
    assert lines == ["data/treatments/full-laser.yml:1:7: name: must not be empty."]
    assert result.stderr.splitlines()[: len(lines)] == lines


def test_a_save_is_checked_across_files(store: Store) -> None:
    path = store.resolve("data/treatments/full-laser.yml")
    raw = store.read_entry(path)["data"].replace("- dark-spots", "- no-such-concern")
    with pytest.raises(SaveRefused) as refused:
        store.save(path, raw)
    assert "no-such-concern" in str(refused.value)
    assert str(refused.value).startswith("data/treatments/full-laser.yml:")


@pytest.mark.parametrize(
    ("logo", "folder"),
    [
        ("branding/clinic/logo.svg", "branding/clinic"),
        ("/etc/logo.svg", "assets"),  # never outside the project, whatever clinic.yml says
        ("../logo.svg", "assets"),
        ("logo.svg", "assets"),  # nor the project folder itself
    ],
)
def test_the_image_folder_is_the_logos_inside_the_project(
    tiny_project: Path, logo: str, folder: str
) -> None:
    clinic = tiny_project / "data" / "clinic.yml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + f"logo: {logo}\n", encoding="utf-8")
    assert _store(tiny_project).media_dir == (tiny_project / folder).resolve()


def test_a_record_and_its_translations_are_saved_together_or_not_at_all(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "sample")
    store = _store(project)
    source = store.resolve("data/treatments/laser-mesotherapy.en.yml")
    arabic = store.resolve("data/treatments/laser-mesotherapy.ar.yml")
    before = {path: path.read_bytes() for path in (source, arabic)}
    good = store.read_entry(source)["data"].replace("Skin rejuvenation", "Skin renewal")
    bad = store.read_entry(arabic)["data"].replace("\nname: ", "\nname: <b>x</b> ", 1)
    with pytest.raises(SaveRefused, match=r"laser-mesotherapy\.ar\.yml:\d+:\d+: name: raw HTML"):
        store.save_all([(source, good), (arabic, bad)])
    assert {path: path.read_bytes() for path in (source, arabic)} == before
    # An unchanged file is not written again (the preview does not rebuild for it).
    stamp = arabic.stat().st_mtime_ns
    store.save_all([(source, good), (arabic, store.read_entry(arabic)["data"])])
    assert "category: Skin renewal\n" in source.read_text(encoding="utf-8")
    assert arabic.stat().st_mtime_ns == stamp


def test_numbers_stay_numbers_and_number_like_text_stays_quoted(store: Store) -> None:
    path = store.resolve("data/treatments/full-laser.yml")
    raw = store.read_entry(path)["data"].replace(
        "- when: First day\n", "- when: First day\n  from_day: 0\n  to_day: 1\n", 1
    )
    assert "- when: First day\n" in store.read_entry(path)["data"]
    text = store.save(path, raw)
    # Numbers, where the model has them: a new key goes in the model's order.
    assert "  - when: First day\n    from_day: 0\n    to_day: 1\n    do: [Keep it clean.]\n" in text
    clinic = store.resolve("data/clinic.yml")
    number = store.read_entry(clinic)["data"]
    assert "number: '112'" in number  # text, for the form
    text = store.save(clinic, number.replace("number: '112'", "number: '999'"))
    assert '  number: "999"\n' in text  # text that looks like a number is written quoted


def _every_language(store: Store, name: str) -> tuple[Path, dict]:
    path = store.resolve(name)
    return path, pyyaml.safe_load(store.read_entry(path, name)["data"])


def _dump(data: dict) -> str:
    return pyyaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def sample(tmp_path: Path) -> Store:
    return _store(copy_project(ROOT, tmp_path / "sample"))


@pytest.mark.parametrize("name", ["data/clinic.yml", "data/glossary.yml", "data/statements.yml"])
def test_a_single_file_is_read_in_every_language_and_saved_unchanged(
    sample: Store, name: str
) -> None:
    """Decap reads the clinic, glossary and statements as one file of every language
    (`{en: ..., ar: ..., zh: ...}`); saved back unchanged, no file changes."""
    path, data = _every_language(sample, name)
    assert list(data) == ["en", "ar", "zh"]
    files = [path, *(sample.translation_path(path, code) for code in ("ar", "zh"))]
    before = {file: file.read_bytes() for file in files}
    stamps = {file: file.stat().st_mtime_ns for file in files}
    sample.save_all([(path, _dump(data))])
    assert {file: file.read_bytes() for file in files} == before
    assert {file: file.stat().st_mtime_ns for file in files} == stamps  # not written again


def test_an_arabic_clinic_text_is_saved_into_the_arabic_file(sample: Store) -> None:
    path, data = _every_language(sample, "data/clinic.yml")
    arabic = sample.translation_path(path, "ar")
    before = {p: p.read_text(encoding="utf-8") for p in sample.data_dir.glob("clinic*.yml")}
    assert data["ar"]["name"] == "عيادة ريفرسايد للجلد (نموذج)"
    assert "translation" not in data["ar"]  # the stamp is not in the form
    data["ar"]["name"] = "عيادة ريفرسايد لأمراض الجلد (نموذج)"
    sample.save_all([(path, _dump(data))])
    after = {p: p.read_text(encoding="utf-8") for p in sample.data_dir.glob("clinic*.yml")}
    expected = before[arabic].replace(
        "name: عيادة ريفرسايد للجلد (نموذج)", "name: عيادة ريفرسايد لأمراض الجلد (نموذج)"
    )
    assert after == {**before, arabic: expected}  # its `translation:` stamp block as it was
    assert "translation:\n  source_version: " in after[arabic]


def test_an_arabic_clinic_text_the_validator_refuses_writes_nothing(sample: Store) -> None:
    path, data = _every_language(sample, "data/clinic.yml")
    before = {p: p.read_bytes() for p in sample.data_dir.glob("clinic*.yml")}
    data["ar"]["name"] = "<b>عيادة</b>"
    data["en"]["email"] = "desk@example.org"
    with pytest.raises(SaveRefused) as refused:
        sample.save_all([(path, _dump(data))])
    assert [str(p) for p in refused.value.problems] == [
        "data/clinic.ar.yml:16:7: name: raw HTML is not allowed in data; use plain text or "
        "Markdown."
    ]
    assert {p: p.read_bytes() for p in sample.data_dir.glob("clinic*.yml")} == before


def test_glossary_translations_are_paired_by_their_source_term(sample: Store) -> None:
    """A glossary translation's terms name the English term they translate (`source:`); the
    form holds it hidden with each item, so items moved in one language stay paired."""
    path, data = _every_language(sample, "data/glossary.yml")
    arabic = sample.translation_path(path, "ar")
    before = arabic.read_text(encoding="utf-8")
    terms = data["ar"]["terms"]
    assert [t["source"] for t in terms] == [t["term"] for t in data["en"]["terms"]]
    elastin = next(t for t in terms if t["source"] == "elastin")
    elastin["definition"] = "بروتين يجعل الجلد مرنًا."
    data["ar"]["terms"] = list(reversed(terms))  # moved about in the form: still paired
    sample.save_all([(path, _dump(data))])
    assert arabic.read_text(encoding="utf-8") == before.replace(
        "definition: بروتين يسمح للجلد بأن يتمدد ثم يعود إلى شكله.",
        "definition: بروتين يجعل الجلد مرنًا.",
    )


def test_a_term_not_translated_yet_is_translated_in_the_form(sample: Store) -> None:
    path = sample.resolve("data/glossary.yml")
    arabic = sample.translation_path(path, "ar")
    text = arabic.read_text(encoding="utf-8")
    elastin = (
        "  - source: elastin\n    term: الإيلاستين\n"
        "    definition: بروتين يسمح للجلد بأن يتمدد ثم يعود إلى شكله.\n"
    )
    assert elastin in text
    arabic.write_text(text.replace(elastin, ""), encoding="utf-8")
    _, data = _every_language(sample, "data/glossary.yml")
    # An empty item (but for its hidden source) where the term is not translated yet.
    assert data["ar"]["terms"][3] == {"source": "elastin"}
    sample.save_all([(path, _dump(data))])  # left empty: nothing written for it
    assert arabic.read_text(encoding="utf-8") == text.replace(elastin, "")
    data["ar"]["terms"][3].update(term="الإيلاستين", definition="بروتين يجعل الجلد مرنًا.")
    sample.save_all([(path, _dump(data))])
    after = arabic.read_text(encoding="utf-8")
    assert after.startswith(text.replace(elastin, ""))  # added after the others
    assert after.endswith(
        "  - source: elastin\n    term: الإيلاستين\n    definition: بروتين يجعل الجلد مرنًا.\n"
    )


def test_a_term_added_in_a_translation_alone_is_refused(sample: Store) -> None:
    """A term added in the Arabic list has no English term to translate: the validator says so."""
    path, data = _every_language(sample, "data/glossary.yml")
    arabic = sample.translation_path(path, "ar")
    before = arabic.read_bytes()
    data["ar"]["terms"].append({"term": "مصطلح", "definition": "تعريف."})
    with pytest.raises(SaveRefused) as refused:
        sample.save_all([(path, _dump(data))])
    assert [str(p) for p in refused.value.problems] == [
        "data/glossary.ar.yml:128:5: terms[29].source: missing; name the item of glossary.yml "
        "that this translates, as written there, e.g. `source: <a term of the source, as "
        "written there>`."
    ]
    assert arabic.read_bytes() == before


def test_a_delete_that_fails_half_way_removes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record's files go all or none: when one cannot be moved aside, those already moved
    come back."""
    project = figures_project(tmp_path / "translated")
    store = _store(project)
    folder = store.data_dir / "treatments"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self.name == "full-laser.ar.yml":
            raise PermissionError(f"cannot move {self.name}")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(PermissionError):
        store.delete(["data/treatments/full-laser.en.yml", "data/treatments/full-laser.ar.yml"])
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_single_file_not_there_yet_is_written_by_its_first_save(tmp_path: Path) -> None:
    """A site with translations and no statements file: the form of every language creates it
    (in the source language; a translation is started with `clinicdocs new translation`)."""
    store = _store(figures_project(tmp_path / "translated"))
    path = store.resolve("data/statements.yml")
    assert not path.exists()
    assert store.read_entry(path, "data/statements.yml")["data"] is None
    form = {
        "en": {"statements": [{"id": "sun", "text": "Keep out of the sun."}]},
        "ar": {"statements": [{"text": "ابتعد عن الشمس."}]},
    }
    store.save_all([(path, _dump(form))])
    assert path.read_text(encoding="utf-8") == (
        "statements:\n  - id: sun\n    text: Keep out of the sun.\n"
    )
    assert not store.translation_path(path, "ar").exists()


def test_a_rename_that_fails_half_way_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rename's moves and rewritten files go all or none: when the last file cannot be
    written (a full disk), the files moved come back and those written get their text back."""
    project = figures_project(tmp_path / "translated")
    (project / "docs" / "guide.md").write_text("[scars](concerns/scars.md)\n", encoding="utf-8")
    store = _store(project)
    before = {p: p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}
    real_write = store_module.write_atomically

    def write(path: Path, data: bytes) -> None:
        if path.name == "guide.md" and b"acne-scars" in data:
            raise OSError(28, "No space left on device", str(path))
        real_write(path, data)

    monkeypatch.setattr(store_module, "write_atomically", write)
    with pytest.raises(OSError, match="No space left"):
        store.rename("concerns", "scars", "acne-scars")
    after = {p: p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}
    assert after == before
