"""Each build fixture shows the same text in every output, as the formatting stage words it.

tests/fixtures/build/<case>/ is a submission; expected.txt beside its
submission.yaml lists what the document shows, block by block ("kind
number: text"). For each case the blocks must be those, and the DOCX
(read back from its XML), the PDF (its extracted text) and the word count
must all show or count exactly those words.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.build import build_submission, load_resolved
from generator.checks.wordcount import word_count
from generator.diff import diff_submissions
from generator.diff.redline_docx import render_redline_docx
from generator.formatting import Block, format_submission
from generator.inline import PlainText, plain_text
from generator.model import NoteCall
from tests.docxread import read_docx, tracked_marks, tracked_view
from tests.pdfread import read_pdf, squeeze

CASES_ROOT = Path(__file__).resolve().parent / "fixtures" / "build"
CASES = sorted(path.name for path in CASES_ROOT.iterdir() if (path / "submission.yaml").is_file())
DATE = "2024-01-15T00:00:00Z"


def block_text(block: Block) -> str:
    """Return what a block shows, as plain text (an annex row's cells joined by " | ")."""
    if block.kind == "annex-row":
        return " | ".join(plain_text(list(cell)) for cell in block.cells)
    return plain_text(list(block.content))


def describe(blocks: list[Block]) -> list[str]:
    """Return one line per block: its kind, its number if it has one, its text (for the logos: their files)."""
    return [f"{block.kind}{' ' + block.number if block.number else ''}: {_shown(block)}" for block in blocks]


def _shown(block: Block) -> str:
    """Return a block's text, or the logos' file names."""
    if block.kind == "cover-logos":
        return ", ".join(organisation.logo.name for organisation in block.source)
    return block_text(block)


@pytest.fixture(scope="module", params=CASES)
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[Block], Path]:
    """One case: its name, its blocks, and the folder its DOCX and PDF were built into."""
    submission = load_resolved(CASES_ROOT / request.param)
    out = tmp_path_factory.mktemp(request.param)
    build_submission(submission, out, ("docx", "pdf"))
    return request.param, format_submission(submission), out


def test_the_cases_are_there() -> None:
    assert CASES == ["en-logos-sources", "en-quotes", "es-by-section", "fr-annex"]


def test_the_blocks_are_the_expected_ones(case: tuple[str, list[Block], Path]) -> None:
    name, blocks, _ = case
    assert describe(blocks) == (CASES_ROOT / name / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_the_docx_shows_the_blocks_in_order(case: tuple[str, list[Block], Path]) -> None:
    name, blocks, out = case
    shown = [_spaces(re.sub(r"\[\d+\]", "", p.text)) for p in read_docx(out / f"{name}.docx").paragraphs]
    cells = [block_text(block).split(" | ") for block in blocks if block.kind == "annex-row"]
    wanted = [block_text(block) for block in blocks if block.kind != "annex-row"] + [c for row in cells for c in row]
    assert [text for text in shown if text] == [_spaces(text) for text in wanted if text]


def _spaces(text: str) -> str:
    """Return the text with no-break spaces as spaces (French sets one before a colon)."""
    return text.replace("\u00a0", " ")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_the_pdf_shows_the_blocks_in_order(case: tuple[str, list[Block], Path]) -> None:
    name, blocks, out = case
    pdf = out / f"{name}.pdf"
    body = squeeze(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert read_pdf(pdf).pages >= 1
    position = 0
    for block in blocks:
        for text in (stretch for cell in _cells(block) for stretch in _between_calls(cell)):
            found = body.find(squeeze(text), position)
            assert found >= 0, text
            position = found


def _cells(block: Block) -> list[list]:
    """Return the inline content of a block, or of each cell of an annex row."""
    return [list(cell) for cell in block.cells] if block.kind == "annex-row" else [list(block.content)]


def _between_calls(nodes: list) -> list[str]:
    """Return a block's text cut where notes are called (the PDF sets their numbers there)."""
    projection = PlainText().add(nodes)
    cuts = [0, *(start for start, _, node in projection.anchors if isinstance(node, NoteCall)), len(projection.text)]
    return [projection.text[a:b].strip() for a, b in zip(cuts, cuts[1:]) if projection.text[a:b].strip()]


def test_the_word_count_counts_what_the_docx_shows(case: tuple[str, list[Block], Path]) -> None:
    name, _, out = case
    count = word_count(load_resolved(CASES_ROOT / name))
    root = etree.fromstring(zipfile.ZipFile(out / f"{name}.docx").read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    words = sum(len("".join(t.text or "" for t in p.iter(w + "t")).split()) for p in root.iter(w + "p"))
    assert words == sum(count.parts[part] for part in ("body", "cover", "recommendations", "annex"))


# --- the Word redline writes the same blocks --------------------------------------------------------------------


PAIRS = [(old, new) for old in CASES for new in CASES]  # each case against each, itself included


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each case's ordinary DOCX, written once."""
    out = tmp_path_factory.mktemp("ordinary")
    for name in CASES:
        build_submission(load_resolved(CASES_ROOT / name), out, ("docx",))
    return {name: out / f"{name}.docx" for name in CASES}


@pytest.mark.parametrize(("old", "new"), PAIRS, ids=[f"{a}-to-{b}" for a, b in PAIRS])
def test_the_redline_accepted_is_the_new_build_and_rejected_the_old(
    old: str, new: str, built: dict[str, Path], tmp_path: Path
) -> None:
    """Text, styles and notes; and, accepted, the bookmark names, live references and logos of the build."""
    redline = tmp_path / "redline.docx"
    sides = [load_resolved(CASES_ROOT / n) for n in (old, new)]
    render_redline_docx(diff_submissions(*sides), redline, "R", DATE)
    assert tracked_view(redline, "accept") == tracked_view(built[new], "accept")
    rejected, was = tracked_view(redline, "reject"), tracked_view(built[old], "accept")
    if sides[0].meta.numbering != sides[1].meta.numbering:
        # The redline keeps the new numbering scheme (a setting of the whole document) in both views.
        rejected, was = _unnumbered(rejected), _unnumbered(was)
    assert rejected == was
    assert tracked_marks(redline, "accept") == tracked_marks(built[new], "accept")
    rejected, old_build = tracked_marks(redline, "reject"), tracked_marks(built[old], "accept")
    assert rejected["pictures"] == old_build["pictures"]
    # A reference to a paragraph the new version lacks is its number as text: no bookmark is left to name.
    assert len(rejected["fields"]) <= len(old_build["fields"])
    every = tracked_marks(redline, "all")
    assert set(every["fields"]) <= set(every["bookmarks"])


def _unnumbered(view: tuple[list[tuple[str, str]], list[str]]) -> tuple[list[tuple[str, str]], list[str]]:
    """Return a view without the marks of numbered paragraphs."""
    return [(style.rstrip("#"), text) for style, text in view[0]], view[1]


def test_the_logos_case_has_pictures_fields_and_bookmarks(built: dict[str, Path]) -> None:
    """The redline comparison above would pass vacuously on a document without them."""
    marks = tracked_marks(built["en-logos-sources"], "accept")
    assert len(marks["pictures"]) == 2 and marks["fields"] == ["p_defamation"]
    assert marks["bookmarks"] == ["p_defamation", "para_2", "para_3"]


def test_a_pinpoint_follows_its_source_with_a_comma_in_every_output(tmp_path: Path) -> None:
    submission = load_resolved(CASES_ROOT / "en-logos-sources")
    build_submission(submission, tmp_path, ("docx", "pdf", "md"))
    wanted = ["Available from: https://www.osce.org/fom/303181, pp. 14–17", "official translation, art. 4"]
    notes = read_docx(tmp_path / "en-logos-sources.docx").notes
    assert [notes[1].endswith(wanted[0]), notes[2].endswith(wanted[1])] == [True, True]
    markdown = (tmp_path / "en-logos-sources.md").read_text(encoding="utf-8")
    assert "303181>), pp. 14–17]" in markdown and "official translation, art. 4]" in markdown
    if shutil.which("pdftotext"):
        text = squeeze(subprocess.run(["pdftotext", str(tmp_path / "en-logos-sources.pdf"), "-"],
                                      capture_output=True, text=True, check=True).stdout)
        assert all(squeeze(w) in text for w in wanted)
