"""Write the new version as a Word document with tracked changes against the old one.

The document is built by the ordinary `DocxBuilder` (same reference.docx,
styles, live numbering and real footnotes); this subclass only decides, for
each line of the merged tree, which runs are plain, inserted (`w:ins`),
deleted (`w:del`) or moved (`w:moveFrom` / `w:moveTo`), and marks whole
added or removed paragraphs on their paragraph mark, so that accepting every
change gives exactly the new version and rejecting every change exactly the
old one.

A line is written in one of these modes:

- normal: both versions; equal words plain, deleted words in `w:del`, inserted in `w:ins`;
- inserted / deleted: a line only one version has, all of it tracked;
- moveTo: the new place of a moved paragraph; words it kept are `w:moveTo`, new words `w:ins`,
  and words it lost are left out (the old place holds the old text);
- moveFrom: the old place of a moved paragraph, its old text in `w:moveFrom`;
- old: the old text untracked (the content of a note whose call moved away).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Iterator

import docx
from docx.oxml.ns import qn
from lxml import etree

from ..formatting import anchor
from ..errors import RenderError
from ..model import Assessment, CrossRef, Paragraph
from ..render import ooxml
from ..render.common import template_dir
from ..render.docx import DocxBuilder, DocxWriter
from .modes import OLD_SIDE, block_mode, line_modes, presence_mode, section_mode
from .model import MovedAway, ParagraphDiff, RecommendationDiff, SectionDiff, SubmissionDiff
from .words import Atom, InlineDiff

SKIP = "skip"
WRAP: dict[str, dict[str, str]] = {  # mode → segment op → wrapper ("" for none)
    "normal": {"equal": "", "delete": "del", "insert": "ins"},
    "inserted": {"equal": "ins", "delete": SKIP, "insert": "ins"},
    "deleted": {"equal": "del", "delete": "del", "insert": SKIP},
    "moveTo": {"equal": "moveTo", "delete": SKIP, "insert": "ins"},
    "moveFrom": {"equal": "moveFrom", "delete": "moveFrom", "insert": SKIP},
    "old": {"equal": "", "delete": "", "insert": SKIP},
}
MARK = {"inserted": "ins", "deleted": "del", "moveTo": "moveTo", "moveFrom": "moveFrom"}
NOTE_MODE = {"": "normal", "moveTo": "normal", "ins": "inserted", "del": "deleted", "moveFrom": "old"}


@dataclass(frozen=True)
class Piece:
    """One atom to write, and the tracked change it belongs to ("" for none)."""

    atom: Atom
    wrap: str


class RedlineWriter(DocxWriter):
    """Writes compared inline content as runs inside `w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`."""

    def __init__(self, builder: RedlineBuilder) -> None:
        super().__init__(builder.document, builder.footnotes)
        self.builder = builder

    def line(self, diff: InlineDiff, mode: str) -> list[etree._Element]:
        """Return the runs of one compared line written in `mode`."""
        return self.compile(list(self.pieces(diff, mode)))

    def pieces(self, diff: InlineDiff, mode: str) -> Iterator[Piece]:
        """Yield the atoms a mode shows, each with its wrapper."""
        for seg in diff.segments:
            wrap = WRAP[mode][seg.op]
            if wrap == SKIP:
                continue
            if seg.op == "equal" and mode == "normal":
                yield from _equal_pieces(seg.old, seg.new)
                continue
            side = seg.old if seg.op == "delete" or mode in OLD_SIDE else seg.new
            yield from (Piece(atom, wrap) for atom in side)

    def compile(self, pieces: list[Piece]) -> list[etree._Element]:
        """Return runs for the pieces: hyperlinks outermost, then tracked changes, then runs."""
        out: list[etree._Element] = []
        for link, in_link in groupby(pieces, key=lambda p: p.atom.link):
            elements: list[etree._Element] = []
            for wrap, wrapped in groupby(in_link, key=lambda p: p.wrap):
                runs = [r for group in _same_format(wrapped) for r in self.runs(group, wrap)]
                if wrap:
                    change = self.builder.change(wrap)
                    change.extend(runs)
                    elements.append(change)
                else:
                    elements.extend(runs)
            out.extend([ooxml.hyperlink(self.part, link, elements)] if link else elements)
        return out

    def runs(self, group: list[Piece], wrap: str) -> list[etree._Element]:
        """Return the runs of pieces that share formatting: one text run, or one run per note."""
        first = group[0].atom
        if first.is_note:
            return [self.note_run(p.atom, wrap) for p in group]
        if first.is_field and wrap != "del":  # a live reference, as the build writes it
            return [element for p in group for element in self.visit_CrossRef(
                CrossRef(p.atom.text, None, p.atom.target))]
        self.bold, self.italic, self.in_link = first.bold, first.italic, first.link is not None
        run = self.text_run("".join(p.atom.text for p in group))
        self.bold = self.italic = self.in_link = False
        return [ooxml.as_deleted(run) if wrap == "del" else run]

    def note_run(self, atom: Atom, wrap: str) -> etree._Element:
        """Return the call of a footnote whose text shows the note's own changes."""
        change = self.builder.note_changes[id(atom.note)]
        saved = self.part
        self.part = self.footnotes.part
        try:
            p = ooxml.paragraph(self.note_text_style)
            p.extend(self.line(change.diff, NOTE_MODE[wrap]))
            note_id = self.footnotes.add([p])
        finally:
            self.part = saved
        return self.footnotes.reference_run(note_id)


def _equal_pieces(old: list[Atom], new: list[Atom]) -> Iterator[Piece]:
    """Yield an equal stretch; a reference whose number changed is deleted and inserted."""
    for a, b in zip(old, new):
        if a.text == b.text:
            yield Piece(b, "")
        else:
            yield Piece(a, "del")
            yield Piece(b, "ins")


def _same_format(pieces: Iterator[Piece]) -> Iterator[list[Piece]]:
    """Yield runs of consecutive pieces with the same formatting (notes and references apart from text)."""
    for _, group in groupby(pieces, key=lambda p: (p.atom.bold, p.atom.italic, p.atom.is_note, p.atom.is_field)):
        yield list(group)


class RedlineBuilder(DocxBuilder):
    """Builds the new version's document with every difference from the old one tracked."""

    def __init__(self, diff: SubmissionDiff, reference: Path, author: str, date: str) -> None:
        super().__init__(diff.new, reference)
        self.diff = diff
        self.author, self.date = author, date
        self.note_changes = diff.note_index()
        self.move_names: dict[int, str] = {}
        self.redline = RedlineWriter(self)
        self.writer = self.redline

    def next_id(self) -> int:
        """Return a fresh id, shared by bookmarks, tracked changes and move ranges."""
        self.bookmarks += 1
        return self.bookmarks

    def change(self, kind: str) -> etree._Element:
        """Return an empty tracked change (`w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`)."""
        return ooxml.revision(kind, self.next_id(), self.author, self.date)

    def build(self) -> docx.document.Document:
        """Return the finished document with tracked changes."""
        self.cover()
        for section in self.diff.sections:
            self.section(section)
        self.annex()
        self.properties()
        return self.document

    def line(self, style: str, diff: InlineDiff, mode: str) -> etree._Element:
        """Append a paragraph in `style` holding a compared line; track its mark if needed."""
        p = self.styled(style, self.redline.line(diff, mode))
        if mode in MARK:
            ooxml.mark_paragraph(p, self.change(MARK[mode]))
        return p

    def cover(self) -> None:
        """Add the new version's logos as the build does, then the cover's lines, compared."""
        self.logos()
        for index, line in enumerate(self.diff.cover):
            self.line("Cover Title" if index == 0 else "Cover Line", line.diff, presence_mode(line.old, line.new))

    def section(self, section: SectionDiff) -> None:  # type: ignore[override]
        """Add a compared section: heading, blocks and subsections, recommendations."""
        mode = section_mode(section)
        heading = self.line(f"Heading {section.level}", section.heading, mode)
        self.moved(section.old or section.partner, mode, [heading])
        if section.level == 1 and self.submission.meta.numbering == "by-section":
            ooxml.set_numbering(heading, self.lists["paragraphs"], 0)
        for block in section.body:
            if isinstance(block, SectionDiff):
                self.section(block)
            else:
                self.paragraph_block(block)
        if section.recommendations_heading is not None:
            has = [s if s is not None and s.recommendations else None for s in (section.old, section.new)]
            self.line("Recommendations Heading", section.recommendations_heading, presence_mode(*has))
        for rec in section.recommendations:
            self.recommendation(rec)

    def paragraph_block(self, block: ParagraphDiff | MovedAway) -> None:
        """Add a numbered paragraph with its quoted passage and items, in its block's mode."""
        diff, mode = block_mode(block)
        assert isinstance(diff, ParagraphDiff)
        lines = self.moved(diff, mode, list(self.paragraph_lines(diff, mode)))
        if lines and diff.new is not None and mode in ("normal", "inserted", "moveTo"):
            ooxml.bookmark(lines[0], self.next_id(), anchor(diff.new))

    def paragraph_lines(self, diff: ParagraphDiff, mode: str) -> Iterator[etree._Element]:
        """Yield the paragraphs of one numbered paragraph: its text, quoted items, items."""
        p = self.line("Numbered Paragraph", diff.content, mode)
        ooxml.set_numbering(p, self.lists["paragraphs"], 1 if self.submission.meta.numbering == "by-section" else 0)
        yield p
        quote = _shown(diff.new, diff.old, mode)
        num = (
            self.numbering.instance(self.lists["quoted"], restart=True)
            if quote and quote.quote and quote.quote.numbered
            else None
        )
        for line, line_mode in line_modes(diff.quote, mode):
            q = self.line("Quoted Item", line.diff, line_mode)
            if num is not None:
                ooxml.set_numbering(q, num)
            yield q
        for line, line_mode in line_modes(diff.items, mode):
            i = self.line("Paragraph Item", line.diff, line_mode)
            ooxml.set_numbering(i, self.lists["items"])
            yield i

    def recommendation(self, block: RecommendationDiff | MovedAway) -> None:
        """Add one of the section's own recommendations, in its mode."""
        diff, mode = block_mode(block)
        assert isinstance(diff, RecommendationDiff)
        p = self.line("Recommendation", diff.diff, mode)
        ooxml.set_numbering(p, self.lists["recommendations"])
        self.moved(diff, mode, [p])

    def moved(self, target: object, mode: str, lines: list[etree._Element]) -> list[etree._Element]:
        """Put the lines of a moved block inside a named move range; return them."""
        if mode not in ("moveFrom", "moveTo") or not lines:
            return lines
        name = self.move_names.setdefault(id(target), f"upr-move-{len(self.move_names) + 1}")
        start, end = ooxml.move_range(mode, self.next_id(), name, self.author, self.date)
        ppr = lines[0].find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            lines[0].insert(0, start)
        lines[-1].append(end)
        return lines

    def annex(self) -> None:
        """Add the implementation annex as the ordinary builder does, rows compared and tracked."""
        if not (self.diff.old.annex or self.diff.new.annex):
            return
        mode = presence_mode(self.diff.old.annex or None, self.diff.new.annex or None)
        self.rows = {id(row.new): row for row in self.diff.annex if row.new is not None}
        self.row_elements: dict[int, etree._Element] = {}
        super().annex()
        table = self.document.tables[-1]
        if mode != "normal":
            self.track_existing(table._tbl.getprevious(), mode, mark=True)
            for cell in table.rows[0].cells:
                self.track_existing(cell.paragraphs[0]._p, mode)
            ooxml.mark_row(table.rows[0]._tr, self.change(MARK[mode]))
        self.removed_rows(table)

    def annex_row(self, cells: list, assessment: Assessment) -> None:
        """Fill one annex row of the new version with its cells compared to the old row."""
        row = self.rows[id(assessment)]
        mode = presence_mode(row.old, row.new)
        for cell, diff in zip(cells, row.cells):
            cell.paragraphs[0]._p.extend(self.redline.line(diff, mode))
        tr = cells[0]._tc.getparent()
        self.row_elements[id(row)] = tr
        if mode == "inserted":
            ooxml.mark_row(tr, self.change("ins"))

    def removed_rows(self, table: docx.table.Table) -> None:
        """Add the rows only the old annex has, each after the row that preceded it, tracked as deleted."""
        previous = table.rows[0]._tr
        for row in self.diff.annex:
            if row.new is not None:
                previous = self.row_elements[id(row)]
                continue
            added = table.add_row()
            for cell, diff in zip(added.cells, row.cells):
                cell.paragraphs[0]._p.extend(self.redline.line(diff, "deleted"))
            ooxml.mark_row(added._tr, self.change("del"))
            previous.addnext(added._tr)
            previous = added._tr

    def track_existing(self, p: etree._Element, mode: str, mark: bool = False) -> None:
        """Track the runs the ordinary builder wrote in a paragraph as inserted or deleted."""
        kind = MARK[mode]
        for run in p.findall(qn("w:r")):
            change = self.change(kind)
            run.addprevious(change)
            change.append(ooxml.as_deleted(run) if kind == "del" else run)
        if mark:
            ooxml.mark_paragraph(p, self.change(kind))

    def properties(self) -> None:
        """Set the document properties of the new version, and say what was compared."""
        super().properties()
        self.document.core_properties.comments = (
            f"Tracked changes from {self.diff.old_label} to {self.diff.new_label}, by upr diff"
        )


def render_redline_docx(
    diff: SubmissionDiff, target: Path, author: str, date: str, templates_root: Path | None = None
) -> None:
    """Write the new version with tracked changes against the old one to `target`."""
    reference = template_dir(diff.new.meta.template, templates_root) / "reference.docx"
    if not reference.is_file():
        raise RenderError(f"template '{diff.new.meta.template}' has no reference.docx")
    RedlineBuilder(diff, reference, author, date).build().save(str(target))


# --- helpers ------------------------------------------------------------------------------


def _shown(new: Paragraph | None, old: Paragraph | None, mode: str) -> Paragraph | None:
    """Return the version of a paragraph whose quote style the block shows."""
    return old if mode in OLD_SIDE or new is None else new
