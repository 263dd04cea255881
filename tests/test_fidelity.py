"""The shipped example reproduces the seed: compared through the DOCX's XML and the PDF's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build_submission, load_resolved
from tests.docxread import DocxContent, DocxParagraph, read_docx
from tests.pdfread import PdfText, read_pdf, squeeze
from tests.seedtext import SEED, SHARED_SEED, Seed, italic_spans, plain, read_seed

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "kazakhstan-2019"
MISSING_IN_SEED = 53  # the seed calls note 53 but never gives its text
STYLE_KINDS = {
    "Heading1": "heading",
    "Heading2": "heading",
    "RecommendationsHeading": "rec-heading",
    "NumberedParagraph": "para",
    "ParagraphItem": "item",
    "QuotedItem": "item",
    "Recommendation": "rec",
}



@pytest.fixture(scope="module")
def seed() -> Seed:
    return read_seed()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("build")
    result = build_submission(load_resolved(EXAMPLE), out, ("docx", "pdf"))
    assert result.refused_urls == []
    return {path.suffix[1:]: path for path in result.outputs}


@pytest.fixture(scope="module")
def docx(outputs: dict[str, Path]) -> DocxContent:
    return read_docx(outputs["docx"])


@pytest.fixture(scope="module")
def pdf(outputs: dict[str, Path]) -> PdfText:
    return read_pdf(outputs["pdf"])


def content_paragraphs(docx: DocxContent) -> list[DocxParagraph]:
    """Return the body paragraphs that carry the submission's text: no cover, no annex."""
    found = []
    for p in docx.paragraphs:
        if p.text.startswith("Annex:"):
            break
        if p.style in STYLE_KINDS:
            found.append(p)
    return found


def docx_blocks(docx: DocxContent) -> list[tuple[str, str]]:
    """Return (kind, text) of each content paragraph."""
    return [(STYLE_KINDS[p.style], p.text) for p in content_paragraphs(docx)]


@pytest.mark.skipif(not SHARED_SEED.is_file(), reason=f"no shared seed at {SHARED_SEED} to compare the copy with")
def test_the_tests_copy_of_the_seed_is_the_seed() -> None:
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_reader_finds_the_whole_seed(seed: Seed) -> None:
    paragraphs = [b.number for b in seed.blocks if b.kind == "para"]
    assert paragraphs == list(range(1, 36))
    assert sorted(seed.notes) == [n for n in range(1, 57) if n != MISSING_IN_SEED]
    assert "same acts committed by a person using his official position" in seed.notes[37]
    assert seed.blocks[[b.number for b in seed.blocks].index(33)].text.endswith("identification of individuals commenting on messages in the media.")


def test_docx_body_is_the_seed_block_by_block(seed: Seed, docx: DocxContent) -> None:
    expected = [(b.kind, plain(b.text)) for b in seed.blocks]
    assert docx_blocks(docx) == expected


def test_docx_paragraphs_are_one_live_list_numbered_1_to_35(docx: DocxContent) -> None:
    numbered = [p for p in docx.paragraphs if p.style == "NumberedParagraph"]
    assert len(numbered) == 35
    assert {(p.num_id, p.level) for p in numbered} == {(numbered[0].num_id, "0")}
    numbering = docx.parts["word/numbering.xml"].decode()
    assert f'w:numId="{numbered[0].num_id}"' in numbering


def test_docx_notes_are_real_footnotes_in_reading_order(seed: Seed, docx: DocxContent) -> None:
    assert len(docx.note_ids_in_order) == 56
    assert [int(i) for i in docx.note_ids_in_order] == list(range(1, 57))
    for number, text in seed.notes.items():
        assert docx.notes[number] == plain(text), f"note {number}"
    assert "Gauthier v. Canada" in docx.notes[MISSING_IN_SEED]
    assert "633/1995" in docx.notes[MISSING_IN_SEED]


def test_docx_keeps_the_seeds_italics(seed: Seed, docx: DocxContent) -> None:
    seed_italics = [s for b in seed.blocks for s in italic_spans(b.text)]
    docx_italics = [s for p in content_paragraphs(docx) for s in p.italic]
    assert docx_italics == seed_italics
    for number, text in seed.notes.items():
        assert docx.note_italic[number] == italic_spans(text), f"note {number}"


def test_pdf_body_holds_every_paragraph_in_order(seed: Seed, pdf: PdfText) -> None:
    body = squeeze(pdf.body)
    position = 0
    for block in seed.blocks:
        text = squeeze(plain(block.text, calls="digits"))
        if block.kind == "para":
            text = f"{block.number}.{text}"
        found = body.find(text, position)
        assert found >= 0, f"{block.kind} {block.number or ''}: {block.text[:60]}"
        position = found + len(text)


def test_pdf_notes_are_at_page_feet_numbered_in_order(seed: Seed, pdf: PdfText) -> None:
    notes = squeeze(pdf.notes)
    position = 0
    for number in range(1, 57):
        text = seed.notes.get(number, "Human Rights Committee, *Gauthier v. Canada*")
        wanted = squeeze(f"{number}{plain(text, calls='digits')}")
        found = notes.find(wanted, position)
        assert found >= 0, f"note {number}"
        position = found + len(wanted)


def test_pdf_embeds_the_bundled_font_and_says_what_it_is(outputs: dict[str, Path]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(outputs["pdf"]))
    assert reader.metadata.title == "Joint submission to the Universal Periodic Review of Kazakhstan"
    assert reader.metadata.author == "ARTICLE 19, Adil Soz"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, "font not embedded"
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts <= {"PT-Serif", "PT-Serif-Bold", "PT-Serif-Italic", "PT-Serif-Bold-Italic"}


def test_pdf_page_count_is_fixed_by_the_bundled_font(pdf: PdfText) -> None:
    # The font and WeasyPrint are pinned, so the layout does not depend on the machine.
    assert pdf.pages == 15
