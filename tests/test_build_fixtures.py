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
from generator.formatting import Block, format_submission
from generator.inline import plain_text
from tests.docxread import read_docx
from tests.pdfread import read_pdf, squeeze

CASES_ROOT = Path(__file__).resolve().parent / "fixtures" / "build"
CASES = sorted(path.name for path in CASES_ROOT.iterdir() if (path / "submission.yaml").is_file())


def block_text(block: Block) -> str:
    """Return what a block shows, as plain text (an annex row's cells joined by " | ")."""
    if block.kind == "annex-row":
        return " | ".join(plain_text(list(cell)) for cell in block.cells)
    return plain_text(list(block.content))


def describe(blocks: list[Block]) -> list[str]:
    """Return one line per block: its kind, its number if it has one, its text."""
    return [f"{block.kind}{' ' + block.number if block.number else ''}: {block_text(block)}" for block in blocks]


@pytest.fixture(scope="module", params=CASES)
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[Block], Path]:
    """One case: its name, its blocks, and the folder its DOCX and PDF were built into."""
    submission = load_resolved(CASES_ROOT / request.param)
    out = tmp_path_factory.mktemp(request.param)
    build_submission(submission, out, ("docx", "pdf"))
    return request.param, format_submission(submission), out


def test_the_cases_are_there() -> None:
    assert CASES == ["en-quotes", "es-by-section", "fr-annex"]


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
        for text in block_text(block).split(" | "):
            found = body.find(squeeze(text), position)
            assert found >= 0, text
            position = found


def test_the_word_count_counts_what_the_docx_shows(case: tuple[str, list[Block], Path]) -> None:
    name, _, out = case
    count = word_count(load_resolved(CASES_ROOT / name))
    root = etree.fromstring(zipfile.ZipFile(out / f"{name}.docx").read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    words = sum(len("".join(t.text or "" for t in p.iter(w + "t")).split()) for p in root.iter(w + "p"))
    assert words == sum(count.parts[part] for part in ("body", "cover", "recommendations", "annex"))
