"""Render the model as a Word document, styled by the template's reference.docx.

Styles, page setup, header and footer come from `templates/<name>/reference.docx`
(edit it in Word to change the look); this module only adds content. Paragraph
numbers are live Word numbering and notes are real Word footnotes, so the
document stays editable: insert a paragraph in Word and the rest renumber.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.opc.part import Part
from lxml import etree

from ..errors import RenderError
from ..inline import InlineVisitor, citation_content, crossref_text, note_content, recommendation_label
from ..model import (Citation, CrossRef, Emph, Inline, Link, NoteCall, Paragraph, RecommendationRef, Strong, Submission,
                     Text)
from . import ooxml
from ..labels import labels_for
from ..formatting import ANNEX_COLUMNS, STYLES, Block, anchor, document_date, format_submission, join_names, review_line
from ..pictures import PILLOW_FORMATS
from .common import template_dir

# style name → (type, base style): created when a reference document lacks them
REQUIRED_STYLES = {
    "Cover Title": (WD_STYLE_TYPE.PARAGRAPH, "Title"),
    "Cover Line": (WD_STYLE_TYPE.PARAGRAPH, "Normal"),
    "Numbered Paragraph": (WD_STYLE_TYPE.PARAGRAPH, "Normal"),
    "Paragraph Item": (WD_STYLE_TYPE.PARAGRAPH, "Normal"),
    "Quoted Item": (WD_STYLE_TYPE.PARAGRAPH, "Normal"),
    "Recommendation": (WD_STYLE_TYPE.PARAGRAPH, "Normal"),
    "Recommendations Heading": (WD_STYLE_TYPE.PARAGRAPH, "Heading 3"),
    "footnote text": (WD_STYLE_TYPE.PARAGRAPH, "Normal"),
    "footnote reference": (WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font"),
    "Hyperlink": (WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font"),
    "Annex Table": (WD_STYLE_TYPE.TABLE, "Table Grid"),
}


class DocxWriter(InlineVisitor[list[etree._Element]]):
    """Turns inline nodes into runs: one `visit_<node>` per node type.

    `bold` and `italic` hold the formatting of the text being written;
    `part` is the package part whose relationships hold hyperlinks (the
    document, or the footnotes part while a note is written).
    """

    writer_name = "the DOCX writer"

    def __init__(self, document: docx.document.Document, footnotes: ooxml.Footnotes) -> None:
        self.document = document
        self.footnotes = footnotes
        self.part: Part = document.part
        self.note_text_style = style_id(document, "footnote text")
        self.link_style = style_id(document, "Hyperlink")
        self.bold = False
        self.italic = False
        self.in_link = False

    def render(self, nodes: list[Inline]) -> list[etree._Element]:
        """Return the runs (and hyperlinks) of a list of inline nodes."""
        return [element for node in nodes for element in self.visit(node)]

    def text_run(self, text: str) -> etree._Element:
        """Return a run of text in the current formatting."""
        return ooxml.run(text, self.bold, self.italic, self.link_style if self.in_link else None)

    def visit_Text(self, node: Text) -> list[etree._Element]:
        return [self.text_run(node.text)] if node.text else []

    def visit_Strong(self, node: Strong) -> list[etree._Element]:
        return self.formatted(node.children, bold=True)

    def visit_Emph(self, node: Emph) -> list[etree._Element]:
        return self.formatted(node.children, italic=True)

    def formatted(self, nodes: list[Inline], bold: bool = False, italic: bool = False) -> list[etree._Element]:
        """Return runs of `nodes` with bold or italic switched on."""
        saved = self.bold, self.italic
        self.bold, self.italic = self.bold or bold, self.italic or italic
        try:
            return self.render(nodes)
        finally:
            self.bold, self.italic = saved

    def visit_Link(self, node: Link) -> list[etree._Element]:
        self.in_link = True
        try:
            runs = self.render(node.children)
        finally:
            self.in_link = False
        return [ooxml.hyperlink(self.part, node.url, runs)]

    def visit_NoteCall(self, node: NoteCall) -> list[etree._Element]:
        note = node.note
        saved = self.part, self.bold, self.italic
        self.part, self.bold, self.italic = self.footnotes.part, False, False
        try:
            p = ooxml.paragraph(self.note_text_style)
            p.extend(self.render(note_content(note)))
            note_id = self.footnotes.add([p])
        finally:
            self.part, self.bold, self.italic = saved
        return [self.footnotes.reference_run(note_id)]

    def visit_Citation(self, node: Citation) -> list[etree._Element]:
        return self.render(citation_content(node))

    def visit_RecommendationRef(self, node: RecommendationRef) -> list[etree._Element]:
        return [self.text_run(recommendation_label(node))]

    def visit_CrossRef(self, node: CrossRef) -> list[etree._Element]:
        if node.target is None:
            return [self.text_run(crossref_text(node))]
        return self.reference_field(node.target, node.target.number)

    def reference_field(self, target: Paragraph, shown: str) -> list[etree._Element]:
        """Return a live reference to a paragraph: Word shows its current number when fields update."""
        return ooxml.complex_field(f"REF {anchor(target)} \\r \\h", shown)


class DocxBuilder:
    """Writes the formatting stage's blocks into the reference document, one `write` per block.

    `build` writes every block of the submission. The Word redline writes the
    blocks of its merged lines through the same `write`, with runs it has
    marked as tracked changes.
    """

    def __init__(self, submission: Submission, reference: Path) -> None:
        self.submission = submission
        try:
            self.document = docx.Document(str(reference))
        except Exception as exc:  # python-docx raises several kinds for a bad package
            raise RenderError(f"{reference} is not a usable reference .docx: {exc}") from None
        _ensure_styles(self.document)
        self.body = self.document.element.body
        self.sect_pr = self.body.find(qn("w:sectPr"))
        for child in list(self.body):
            if child is not self.sect_pr:
                self.body.remove(child)  # sample content of the reference document
        self.footnotes = ooxml.Footnotes(self.document.part, style_id(self.document, "footnote reference"))
        self.writer = DocxWriter(self.document, self.footnotes)
        self.numbering = ooxml.Numbering(self.document.part)
        self.by_section = submission.meta.numbering == "by-section"
        self.lists = self.define_lists()
        self.ids = 0  # the last id given to a bookmark (the redline's tracked changes share the count)
        self.quote_list: int | None = None  # the list of the current paragraph's numbered quote, once begun
        self.table: docx.table.Table | None = None  # the annex table, once its head row is written

    def define_lists(self) -> dict[str, int]:
        """Define the document's lists; return list name → abstract or instance id."""
        if self.by_section:
            paras = self.numbering.define("upr paragraphs", [("decimal", "%1.", 0, 0), ("decimal", "%1.%2.", 680, 680)])
        else:
            paras = self.numbering.define("upr paragraphs", [("decimal", "%1.", 567, 567)])
        bullets = self.numbering.define("upr items", [("bullet", "–", 1134, 284)])
        recs = self.numbering.define("upr recommendations", [("bullet", "–", 567, 284)])
        quoted = self.numbering.define("upr quoted items", [("decimal", "%1.", 1418, 397)])
        return {
            "paragraphs": self.numbering.instance(paras),
            "items": self.numbering.instance(bullets),
            "recommendations": self.numbering.instance(recs),
            "quoted": quoted,
        }

    def next_id(self) -> int:
        """Return a fresh id for a bookmark (or, in the redline, a tracked change or move range)."""
        self.ids += 1
        return self.ids

    def build(self) -> docx.document.Document:
        """Return the finished document."""
        for block in format_submission(self.submission):
            self.write(block)
        self.properties()
        return self.document

    def write(self, block: Block, runs: list[etree._Element] | None = None,
              cells: list[list[etree._Element]] | None = None) -> etree._Element | None:
        """Add one block in its style, with its numbering and bookmark; return its paragraph (a row's `w:tr`).

        `runs` (for an annex row, `cells`) replace what the block says, written as they are. The logos
        are pictures, not runs; when Word can show none of them (SVG only) nothing is written.
        """
        if block.kind == "annex-row":
            return self.annex_row(block, cells)
        if block.kind == "cover-logos":
            return self.logos(block)
        if block.kind not in STYLES and block.kind != "heading":
            raise RenderError(f"the DOCX writer cannot write a {block.kind} block")
        p = ooxml.paragraph(self.document.styles[block.style].style_id)
        p.extend(self.writer.render(list(block.content)) if runs is None else runs)
        self.add(p)
        if block.kind == "heading" and block.level == 1 and self.by_section:
            ooxml.set_numbering(p, self.lists["paragraphs"], 0)
        elif block.kind == "paragraph":
            ooxml.set_numbering(p, self.lists["paragraphs"], 1 if self.by_section else 0)
            if block.anchor:
                ooxml.bookmark(p, self.next_id(), block.anchor)
            self.quote_list = None  # a numbered quoted passage restarts at 1 under each paragraph
        elif block.kind == "quote" and block.number:
            if self.quote_list is None:
                self.quote_list = self.numbering.instance(self.lists["quoted"], restart=True)
            ooxml.set_numbering(p, self.quote_list)
        elif block.kind in ("item", "recommendation"):
            ooxml.set_numbering(p, self.lists["items" if block.kind == "item" else "recommendations"])
        return p

    def add(self, element: etree._Element) -> etree._Element:
        """Append a paragraph (or table) to the body, before the section properties."""
        if self.sect_pr is not None:
            self.sect_pr.addprevious(element)
        else:
            self.body.append(element)
        return element

    def logos(self, block: Block) -> etree._Element | None:
        """Add the organisations' logos side by side."""
        pictures = word_logos(block)
        if not pictures:
            return None
        paragraph = self.document.add_paragraph(style=STYLES["cover-line"])  # python-docx puts it before sectPr
        for path in pictures:
            paragraph.add_run().add_picture(str(path), height=Cm(1.4))
            paragraph.add_run("    ")
        return paragraph._p

    def annex_row(self, block: Block, cells: list[list[etree._Element]] | None) -> etree._Element:
        """Add a row to the annex table; the head row begins the table, repeated on every page."""
        if block.header:
            self.table = self.document.add_table(rows=0, cols=len(ANNEX_COLUMNS))
            self.table.style = self.document.styles["Annex Table"]
            self.table.autofit = False
            for column, spec in zip(self.table.columns, ANNEX_COLUMNS):
                column.width = Cm(spec.width)  # the grid, which LibreOffice follows; new cells take it, for Word
        if self.table is None:
            raise RenderError("the DOCX writer cannot write an annex row before the annex's head row")
        row = self.table.add_row()
        if block.header:
            ooxml.repeat_as_header(row._tr)
        for cell, content, given in zip(row.cells, block.cells, cells or [None] * len(block.cells)):
            cell.paragraphs[0]._p.extend(self.writer.render(list(content)) if given is None else given)
        return row._tr

    def properties(self) -> None:
        """Set title, author, subject, keywords and language of the document."""
        meta = self.submission.meta
        props = self.document.core_properties
        props.title = _property(meta.title)
        props.author = _property(join_names([o.name for o in meta.organisations], labels_for(meta.language).and_))
        props.subject = _property(review_line(self.submission))
        props.keywords = _property(f"Universal Periodic Review; {meta.state}")
        props.language = labels_for(meta.language).tag
        props.comments = "Generated by upr"
        props.last_modified_by = props.author
        props.revision = 1
        props.created = props.modified = document_date(meta.date)
        _set_default_language(self.document, labels_for(meta.language).tag)
        ooxml.set_app_properties(self.document, ooxml.app_properties(*self.statistics()))

    def statistics(self) -> tuple[int, int, int]:
        """Return the words, characters and paragraphs of the text (notes apart), as Word counts them."""
        texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in self.body.iter(qn("w:p"))]
        return sum(len(t.split()) for t in texts), sum(len(t.replace(" ", "")) for t in texts), sum(1 for t in texts if t)


PROPERTY_LENGTH = 255
"""The longest text a document property may hold (Word's limit); the document's own text has no limit."""


def _property(text: str) -> str:
    """Return text for a document property: cut with "…" at Word's limit."""
    return text if len(text) <= PROPERTY_LENGTH else text[: PROPERTY_LENGTH - 1] + "…"


def word_logos(block: Block | None) -> list[Path]:
    """Return the logos of a cover-logos block that Word shows: PNG and JPEG (not SVG)."""
    if block is None:
        return []
    return [o.logo for o in block.source if o.logo.suffix.lower() in PILLOW_FORMATS]


def render_docx(submission: Submission, target: Path, templates_root: Path | None = None) -> None:
    """Write the submission's DOCX to `target`."""
    reference = template_dir(submission.meta.template, templates_root) / "reference.docx"
    if not reference.is_file():
        raise RenderError(f"template '{submission.meta.template}' has no reference.docx")
    ooxml.save_document(DocxBuilder(submission, reference).build(), target)


OLDER_NAMES = {"footnote text": "Footnote Text", "footnote reference": "Footnote Reference"}
"""Word's built-in style name → the custom name reference documents made before December 2026 use."""


def style_id(document: docx.document.Document, name: str) -> str:
    """Return the id of a style by its name (or by the name an older reference document gives it)."""
    names = {style.name: style for style in document.styles}
    found = names.get(name) or names.get(OLDER_NAMES.get(name, ""))
    if found is None:
        raise RenderError(f"the reference document has no '{name}' style")
    return found.style_id


def _ensure_styles(document: docx.document.Document) -> None:
    """Add the styles upr uses when the reference document lacks them."""
    names = {style.name for style in document.styles}
    for name, (kind, base) in REQUIRED_STYLES.items():
        if name in names or OLDER_NAMES.get(name) in names:
            continue
        style = document.styles.add_style(name, kind)
        if base in names:
            style.base_style = document.styles[base]
        if name == "footnote reference":
            style.font.superscript = True
        elif name == "footnote text":
            style.font.size = Pt(9)


def _set_default_language(document: docx.document.Document, tag: str) -> None:
    """Set the proofing language of the document's default run properties."""
    styles = document.styles.element
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.set(qn("w:val"), tag)
