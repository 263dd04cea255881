"""The Word files as a package: valid against ISO/IEC 29500, made for today's Word, the same bytes every time.

Every build fixture's DOCX, the example's, and the redline of every diff
fixture are read back through tests/ooxmlschema.py (lxml and the standard's
schemas), not through python-docx, which wrote them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.build import build_submission, load_resolved
from generator.diff import diff_submissions
from generator.diff.redline_docx import render_redline_docx
from generator.render.reference_docx import make_reference
from tests.docxread import q
from tests.ooxmlschema import schema_errors

ROOT = Path(__file__).resolve().parents[1]
BUILD_CASES = sorted(p for p in (ROOT / "tests/fixtures/build").iterdir() if (p / "submission.yaml").is_file())
DIFF_CASES = sorted(p for p in (ROOT / "tests/fixtures/diff").iterdir() if (p / "old").is_dir())
EXAMPLE = ROOT / "content" / "kazakhstan-2019"
REVISED = ROOT / "tests" / "fixtures" / "diff" / "kazakhstan-2019-revised"
DATE = "2024-01-15T00:00:00Z"


def build_docx(folder: Path, out: Path) -> Path:
    """Build a submission's DOCX into `out`; return its path."""
    build_submission(load_resolved(folder), out, ("docx",))
    return out / f"{folder.name}.docx"


def redline(old: Path, new: Path, target: Path) -> Path:
    """Write the Word redline of two versions to `target`; return it."""
    render_redline_docx(diff_submissions(load_resolved(old), load_resolved(new)), target, "Reviewer", DATE)
    return target


@pytest.mark.parametrize("folder", [*BUILD_CASES, EXAMPLE], ids=lambda p: p.name)
def test_the_build_is_valid_against_the_schemas(folder: Path, tmp_path: Path) -> None:
    assert schema_errors(build_docx(folder, tmp_path)) == []


@pytest.mark.parametrize("pair", [(c / "old", c / "new") for c in DIFF_CASES] + [(EXAMPLE, REVISED)],
                         ids=[c.name for c in DIFF_CASES] + ["example-revised"])
def test_the_redline_is_valid_against_the_schemas(pair: tuple[Path, Path], tmp_path: Path) -> None:
    assert schema_errors(redline(*pair, tmp_path / "redline.docx")) == []


def test_the_schema_reader_finds_an_invalid_part(tmp_path: Path) -> None:
    """The checks above would pass vacuously if the reader accepted anything."""
    good = build_docx(BUILD_CASES[0], tmp_path)
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/settings.xml":
                data = data.replace(b'<w:zoom w:percent="100"/>', b"<w:zoom/>")
            target.writestr(name, data)
    errors = schema_errors(bad)
    assert len(errors) == 1 and errors[0].startswith("word/settings.xml:") and "percent" in errors[0]


def test_the_committed_reference_document_is_the_one_the_script_makes(tmp_path: Path) -> None:
    made = tmp_path / "reference.docx"
    make_reference(made)
    assert made.read_bytes() == (ROOT / "templates/default/reference.docx").read_bytes()


def test_the_reference_document_is_for_todays_word(tmp_path: Path) -> None:
    with zipfile.ZipFile(build_docx(EXAMPLE, tmp_path)) as archive:
        names = set(archive.namelist())
        settings = etree.fromstring(archive.read("word/settings.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
        app = archive.read("docProps/app.xml").decode("utf-8")
    mode = [s.get(q("val")) for s in settings.iter(q("compatSetting")) if s.get(q("name")) == "compatibilityMode"]
    assert mode == ["15"]
    assert settings.find(q("proofState")) is None  # spelling is not marked as already checked
    assert not {"word/stylesWithEffects.xml", "word/theme/theme1.xml", "docProps/thumbnail.jpeg"} & names
    ids = {s.get(q("styleId")): s.find(q("name")).get(q("val")) for s in styles.iter(q("style"))}
    assert (ids["FootnoteText"], ids["FootnoteReference"], ids["Hyperlink"]) == (
        "footnote text", "footnote reference", "Hyperlink")
    assert not any("Theme" in name for f in styles.iter(q("rFonts")) for name in f.attrib)
    assert "<Application>upr</Application>" in app and "<Words>5377</Words>" in app
    assert "<Paragraphs>188</Paragraphs>" in app


def test_an_older_reference_document_with_custom_note_styles_still_works(tmp_path: Path) -> None:
    """Reference documents made before December 2026 call the note styles "Footnote Text" and "Footnote
    Reference"; their notes keep those styles rather than getting new ones."""
    import docx

    old = tmp_path / "templates" / "old"
    old.mkdir(parents=True)
    for name in ("style.css", "submission.html.j2"):
        (old / name).write_bytes((ROOT / "templates/default" / name).read_bytes())
    document = docx.Document(str(ROOT / "templates/default/reference.docx"))
    for style in document.styles:
        if style.name in ("footnote text", "footnote reference"):
            style.name = style.name.title()
            style.element.set(q("styleId"), style.name.replace(" ", ""))
    document.save(str(old / "reference.docx"))
    submission = load_resolved(BUILD_CASES[0])
    submission.meta.template = "old"
    build_submission(submission, tmp_path, ("docx",), templates_root=tmp_path / "templates")
    with zipfile.ZipFile(tmp_path / f"{BUILD_CASES[0].name}.docx") as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
    names = [s.find(q("name")).get(q("val")) for s in styles.iter(q("style"))]
    assert "Footnote Text" in names and "footnote text" not in names
    used = {p.get(q("val")) for p in notes.iter(q("pStyle"))}
    assert used == {"FootnoteText"}
