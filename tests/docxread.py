"""Read a .docx back through its XML, without python-docx (an independent reader)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    """Return the Clark name of a w: tag."""
    return f"{{{W}}}{tag}"


@dataclass
class DocxParagraph:
    """A body paragraph: its style id, its text with note calls as [n], its list numbering."""

    style: str
    text: str
    num_id: str | None
    level: str | None
    italic: list[str] = field(default_factory=list)


@dataclass
class DocxContent:
    """What a reader of the document sees: body paragraphs and footnotes by number."""

    paragraphs: list[DocxParagraph]
    notes: dict[int, str]  # footnote number (order of reference) → text
    note_ids_in_order: list[str]
    note_italic: dict[int, list[str]]
    parts: dict[str, bytes]


def read_docx(path: Path) -> DocxContent:
    """Return the body paragraphs and footnotes of the document at `path`."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    body = etree.fromstring(parts["word/document.xml"]).find(q("body"))
    ids_in_order = [ref.get(q("id")) for ref in body.iter(q("footnoteReference"))]
    number_of = {note_id: index for index, note_id in enumerate(ids_in_order, start=1)}
    paragraphs = [_paragraph(p, number_of) for p in body.iter(q("p"))]
    notes, note_italic = {}, {}
    if "word/footnotes.xml" in parts:
        for note in etree.fromstring(parts["word/footnotes.xml"]).iter(q("footnote")):
            note_id = note.get(q("id"))
            if note_id in number_of:
                texts = [_paragraph(p, number_of) for p in note.iter(q("p"))]
                notes[number_of[note_id]] = " ".join(t.text for t in texts).strip()
                note_italic[number_of[note_id]] = [s for t in texts for s in t.italic]
    return DocxContent(paragraphs, notes, ids_in_order, note_italic, parts)


def _paragraph(p: etree._Element, number_of: dict[str, int]) -> DocxParagraph:
    """Return one paragraph's style, visible text and numbering."""
    style = p.find("w:pPr/w:pStyle", NS)
    num_id = p.find("w:pPr/w:numPr/w:numId", NS)
    level = p.find("w:pPr/w:numPr/w:ilvl", NS)
    pieces: list[str] = []
    italic: list[str] = []
    for run in p.iter(q("r")):
        if run.getparent().tag in (q("del"), q("moveFrom")):
            continue
        is_italic = run.find("w:rPr/w:i", NS) is not None
        for child in run:
            if child.tag == q("t"):
                pieces.append(child.text or "")
                if is_italic:
                    italic.append(child.text or "")
            elif child.tag == q("footnoteReference"):
                pieces.append(f"[{number_of[child.get(q('id'))]}]")
            elif child.tag == q("tab"):
                pieces.append("\t")
    return DocxParagraph(
        style=style.get(q("val")) if style is not None else "",
        text=" ".join("".join(pieces).split()),
        num_id=num_id.get(q("val")) if num_id is not None else None,
        level=level.get(q("val")) if level is not None else None,
        italic=italic,
    )
