"""Read a .docx back through its XML, without python-docx (an independent reader)."""

from __future__ import annotations

import hashlib
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


DROPPED = {"accept": {q("del"), q("moveFrom")}, "reject": {q("ins"), q("moveTo")}, "all": set()}


def tracked_view(path: Path, which: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Return (style, text) of the body's paragraphs and the text of the notes called, changes accepted or rejected.

    The style is written "Style#" for a paragraph with a list number. A
    paragraph whose mark is removed joins the next one, as in Word; a table
    row removed takes its cells with it; rejected, a paragraph takes the
    properties its `w:pPrChange` records.
    """
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(q("body"))
        notes_xml = (
            etree.fromstring(archive.read("word/footnotes.xml")) if "word/footnotes.xml" in archive.namelist() else None
        )
    dropped, calls, paragraphs, carried = DROPPED[which], [], [], ""
    for p in body.iter(q("p")):
        row = next(p.iterancestors(q("tr")), None)
        if row is not None and _tracked(row.find(q("trPr")), dropped):
            continue
        text = _text(p, dropped, calls)
        if _tracked(p.find(f"{q('pPr')}/{q('rPr')}"), dropped):
            carried += text
            continue
        ppr = p.find(q("pPr"))
        before = ppr.find(f"{q('pPrChange')}/{q('pPr')}") if ppr is not None else None
        if which == "reject" and before is not None:
            ppr = before
        style = ppr.find(q("pStyle")) if ppr is not None else None
        numbered = "#" if ppr is not None and ppr.find(q("numPr")) is not None else ""
        paragraphs.append(((style.get(q("val")) if style is not None else "") + numbered, carried + text))
        carried = ""
    notes = (
        {n.get(q("id")): " ".join(_text(p, dropped, []) for p in n.iter(q("p"))) for n in notes_xml.iter(q("footnote"))}
        if notes_xml is not None
        else {}
    )
    return paragraphs, [notes[c] for c in calls]


def _tracked(properties: etree._Element | None, dropped: set[str]) -> bool:
    """Tell whether a paragraph mark's or row's properties hold a change that the view drops."""
    return properties is not None and any(child.tag in dropped for child in properties)


def _text(p: etree._Element, dropped: set[str], calls: list[str]) -> str:
    """Return a paragraph's text in the view; note calls are written [n] and collected."""
    pieces = []
    for r in p.iter(q("r")):
        if any(a.tag in dropped for a in r.iterancestors() if p in a.iterancestors()):
            continue
        for child in r:
            if child.tag in (q("t"), q("delText")):
                pieces.append(child.text or "")
            elif child.tag == q("footnoteReference"):
                calls.append(child.get(q("id")))
                pieces.append(f"[{len(calls)}]")
    return "".join(pieces)

def tracked_marks(path: Path, which: str) -> dict[str, list[str]]:
    """Return what else a view keeps, in order: bookmark names, REF field targets, pictures (by content)."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(q("body"))
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
        images = {
            rel.get("Id"): hashlib.sha256(archive.read("word/" + rel.get("Target"))).hexdigest()[:12]
            for rel in rels
            if rel.get("Type", "").endswith("/image")
        }
    dropped = DROPPED[which]

    def kept(element: etree._Element) -> bool:
        row = next(element.iterancestors(q("tr")), None)
        if row is not None and _tracked(row.find(q("trPr")), dropped):
            return False
        return not any(a.tag in dropped for a in element.iterancestors())

    blip = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
    embed = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
    return {
        "bookmarks": [b.get(q("name")) for b in body.iter(q("bookmarkStart")) if kept(b)],
        "fields": [t.text.split()[1] for t in body.iter(q("instrText"), q("delInstrText"))
                   if kept(t) and t.text.strip().startswith("REF")],
        "pictures": [images[b.get(embed)] for b in body.iter(blip) if kept(b)],
    }
