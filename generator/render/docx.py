"""Render the model as a Word document, styled by the template's reference.docx.

Styles, page setup, header and footer come from `templates/<name>/reference.docx`
(edit it in Word to change the look); this module only adds content. Paragraph
numbers are live Word numbering and notes are real Word footnotes, so the
document stays editable: insert a paragraph in Word and the rest renumber.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.opc.part import Part
from lxml import etree

from ..errors import RenderError
from ..inline import InlineVisitor, citation_text, crossref_text, recommendation_label
from ..model import (
    Assessment,
    Citation,
    CrossRef,
    Emph,
    Inline,
    Link,
    NoteCall,
    RecommendationRef,
    Strong,
    Submission,
    Text,
)
from . import ooxml
from ..labels import labels_for
from ..formatting import Block, anchor, annex_assessments, annex_cells, cover_blocks, format_submission, review_line
from .common import join_names, template_dir

# style name → (type, base style): created when a reference document lacks them
REQUIRED_STYLES = {
    "Cover Title": (WD_STYLE_TYPE.PARAGRAPH, "Title"),
    "Cover Line": (WD_STYLE_TYPE.PARAGRAPH, "Normal"),
    "Numbered Paragraph": (WD_STYLE_TYPE.PARAGRAPH, "Normal"),
    "Paragraph Item": (WD_STYLE_TYPE.PARAGRAPH, "Normal"),
    "Quoted Item": (WD_STYLE_TYPE.PARAGRAPH, "Normal"),
    "Recommendation": (WD_STYLE_TYPE.PARAGRAPH, "Normal"),
    "Recommendations Heading": (WD_STYLE_TYPE.PARAGRAPH, "Heading 3"),
    "Footnote Text": (WD_STYLE_TYPE.PARAGRAPH, "Normal"),
    "Footnote Reference": (WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font"),
    "Hyperlink": (WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font"),
    "Annex Table": (WD_STYLE_TYPE.TABLE, "Table Grid"),
}
_BODY_KINDS = ("heading", "paragraph", "quote", "item", "recommendations-heading", "recommendation")
LANGUAGE_TAGS = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}
ANNEX_WIDTHS = (1.7, 6.1, 2.4, 2.6, 3.6)  # cm: number, recommendation, States, response, assessment


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
        self.note_text_style = document.styles["Footnote Text"].style_id
        self.link_style = document.styles["Hyperlink"].style_id
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
            content = note.content if not note.missing else [Text(f"[note '{note.key}' is not defined]")]
            p.extend(self.render(content))
            note_id = self.footnotes.add([p])
        finally:
            self.part, self.bold, self.italic = saved
        return [self.footnotes.reference_run(note_id)]

    def visit_Citation(self, node: Citation) -> list[etree._Element]:
        if node.source is None:
            return [self.text_run(citation_text(node))]
        runs = self.render(node.source.content)
        if node.pinpoint:
            runs.append(self.text_run(" " + node.pinpoint))
        return runs

    def visit_RecommendationRef(self, node: RecommendationRef) -> list[etree._Element]:
        return [self.text_run(recommendation_label(node))]

    def visit_CrossRef(self, node: CrossRef) -> list[etree._Element]:
        if node.target is None:
            return [self.text_run(crossref_text(node))]
        # A live reference: Word shows the target's current number when fields update.
        return ooxml.complex_field(f"REF {anchor(node.target)} \\r \\h", node.target.number)


class DocxBuilder:
    """Builds the body of the document: cover, sections, paragraphs, lists, annex."""

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
        self.footnotes = ooxml.Footnotes(self.document.part, self.document.styles["Footnote Reference"].style_id)
        self.writer = DocxWriter(self.document, self.footnotes)
        self.numbering = ooxml.Numbering(self.document.part)
        self.lists = self.define_lists()
        self.bookmarks = 0
        self.quote_list: int | None = None  # the list of the current paragraph's numbered quote, once begun

    def define_lists(self) -> dict[str, int]:
        """Define the document's lists; return list name → abstract or instance id."""
        by_section = self.submission.meta.numbering == "by-section"
        if by_section:
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

    def add(self, p: etree._Element) -> etree._Element:
        """Append a paragraph (or table) to the body, before the section properties."""
        if self.sect_pr is not None:
            self.sect_pr.addprevious(p)
        else:
            self.body.append(p)
        return p

    def styled(self, style_name: str, runs: list[etree._Element]) -> etree._Element:
        """Append a paragraph in `style_name` holding `runs`."""
        p = ooxml.paragraph(self.document.styles[style_name].style_id)
        p.extend(runs)
        return self.add(p)

    def build(self) -> docx.document.Document:
        """Return the finished document."""
        self.cover()
        for block in format_submission(self.submission):
            if block.part in ("body", "recommendations"):
                self.block(block)
        if self.submission.annex:
            self.annex()
        self.properties()
        return self.document

    def cover(self) -> None:
        """Add the names of the submitting organisations, the State and the session."""
        self.logos()
        for block in cover_blocks(self.submission):
            self.styled(block.style, self.writer.render(list(block.content)))

    def logos(self) -> None:
        """Add the organisations' logos side by side (Word takes PNG and JPEG, not SVG)."""
        organisations = self.submission.meta.organisations
        pictures = [o.logo for o in organisations if o.logo and o.logo.suffix.lower() in (".png", ".jpg", ".jpeg")]
        if not pictures:
            return
        paragraph = self.document.add_paragraph(style="Cover Line")  # python-docx puts it before sectPr
        for path in pictures:
            paragraph.add_run().add_picture(str(path), height=Cm(1.4))
            paragraph.add_run("    ")

    def block(self, block: Block) -> None:
        """Add one block of the body, in its style, with its numbering and bookmark."""
        if block.kind not in _BODY_KINDS:
            raise RenderError(f"the DOCX writer cannot write a {block.kind} block in the body")
        p = self.styled(block.style, self.writer.render(list(block.content)))
        by_section = self.submission.meta.numbering == "by-section"
        if block.kind == "heading" and block.level == 1 and by_section:
            ooxml.set_numbering(p, self.lists["paragraphs"], 0)
        elif block.kind == "paragraph":
            ooxml.set_numbering(p, self.lists["paragraphs"], 1 if by_section else 0)
            self.bookmarks += 1
            ooxml.bookmark(p, self.bookmarks, block.anchor or "")
            self.quote_list = None  # a numbered quoted passage restarts at 1 under each paragraph
        elif block.kind == "quote" and block.number:
            if self.quote_list is None:
                self.quote_list = self.numbering.instance(self.lists["quoted"], restart=True)
            ooxml.set_numbering(p, self.quote_list)
        elif block.kind in ("item", "recommendation"):
            ooxml.set_numbering(p, self.lists["items" if block.kind == "item" else "recommendations"])

    def annex(self) -> None:
        """Add the annex: the previous recommendations cited, with the authors' assessment."""
        labels = labels_for(self.submission.meta.language)
        self.styled("Heading 1", [ooxml.run(self.submission.annex_title)])
        table = self.document.add_table(rows=1, cols=len(ANNEX_WIDTHS))
        table.style = self.document.styles["Annex Table"]
        table.autofit = False
        ooxml.repeat_as_header(table.rows[0]._tr)
        for cell, title in zip(table.rows[0].cells, labels.annex_columns):
            cell.paragraphs[0].add_run(title).bold = True
        for assessment in annex_assessments(self.submission):
            self.annex_row(table.add_row().cells, assessment)
        for column, width in zip(table.columns, ANNEX_WIDTHS):
            column.width = Cm(width)  # the grid, which LibreOffice follows
            for cell in column.cells:
                cell.width = Cm(width)  # each cell, which Word follows

    def annex_row(self, cells: list, assessment: Assessment) -> None:
        """Fill one annex row with the cells formatting.py words: number, text, States, response, assessment."""
        for cell, content in zip(cells, annex_cells(assessment, self.submission.meta.language)):
            cell.paragraphs[0]._p.extend(self.writer.render(list(content)))

    def properties(self) -> None:
        """Set title, author, subject, keywords and language of the document."""
        meta = self.submission.meta
        props = self.document.core_properties
        props.title = meta.title
        props.author = join_names([o.name for o in meta.organisations], labels_for(meta.language).and_)
        props.subject = review_line(self.submission)
        props.keywords = f"Universal Periodic Review; {meta.state}"
        props.language = LANGUAGE_TAGS.get(meta.language, meta.language)
        props.comments = "Generated by upr"
        props.last_modified_by = props.author
        props.revision = 1
        props.created = props.modified = _document_date(meta.date)
        _set_default_language(self.document, LANGUAGE_TAGS.get(meta.language, meta.language))


def render_docx(submission: Submission, target: Path, templates_root: Path | None = None) -> None:
    """Write the submission's DOCX to `target`."""
    reference = template_dir(submission.meta.template, templates_root) / "reference.docx"
    if not reference.is_file():
        raise RenderError(f"template '{submission.meta.template}' has no reference.docx")
    DocxBuilder(submission, reference).build().save(str(target))


def _ensure_styles(document: docx.document.Document) -> None:
    """Add the styles upr uses when the reference document lacks them."""
    names = {style.name for style in document.styles}
    for name, (kind, base) in REQUIRED_STYLES.items():
        if name in names:
            continue
        style = document.styles.add_style(name, kind)
        if base in names:
            style.base_style = document.styles[base]
        if name == "Footnote Reference":
            style.font.superscript = True
        elif name == "Footnote Text":
            style.font.size = Pt(9)


def _document_date(date: str | None) -> datetime:
    """Return the submission's date as the document's, or now when it has none."""
    if date:
        try:
            return datetime.fromisoformat(date).replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return datetime.now(timezone.utc).replace(microsecond=0)


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
