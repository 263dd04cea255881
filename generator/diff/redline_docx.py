"""Write the new version as a Word document with tracked changes against the old one.

The document is written by the ordinary `DocxBuilder` (same reference.docx,
styles, live numbering, bookmarks and real footnotes), block by block as the
formatting stage words them. For each line of the merged tree the redline
picks the block that shows it and the runs to put in it: plain, inserted
(`w:ins`), deleted (`w:del`) or moved (`w:moveFrom` / `w:moveTo`); whole
added or removed paragraphs are tracked on their paragraph mark, and table
rows on the row; a quoted passage numbered in one version only keeps the
other version's numbering as a tracked property change. Accepting every
change gives exactly the new version and rejecting every change the old one,
with two exceptions: the numbering scheme (continuous or by section) and the
bookmark names are the new version's in both, since Word tracks neither.

A line is written in one of these modes:

- normal: both versions; equal words plain, deleted words in `w:del`, inserted in `w:ins`;
- inserted / deleted: a line only one version has, all of it tracked;
- moveTo: the new place of a moved paragraph; words it kept are `w:moveTo`, new words `w:ins`,
  and words it lost are left out (the old place holds the old text);
- moveFrom: the old place of a moved paragraph, its old text in `w:moveFrom`;
- old: the old text untracked (the content of a note whose call moved away).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path
from typing import Callable, Iterator, Sequence

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from ..errors import RenderError
from ..formatting import (ANNEX_COLUMNS, Block, annex_head, annex_heading, annex_row, cover_blocks, heading_block,
                          item_block, paragraph_block, quote_block, recommendation_block, recommendations_heading_block)
from ..model import Inline, Paragraph
from ..render import ooxml
from ..render.common import template_dir
from ..render.docx import DocxBuilder, DocxWriter, word_logos
from .modes import OLD_SIDE, block_mode, line_modes, presence_mode, section_mode
from .model import MovedAway, ParagraphDiff, RecommendationDiff, SectionDiff, SubmissionDiff
from .words import Atom, InlineDiff, NoteChange, diff_inline

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


class TrackedRuns:
    """Turns compared inline content into the DOCX writer's runs, inside tracked changes."""

    def __init__(self, writer: DocxWriter, change: Callable[[str], etree._Element],
                 note_changes: dict[int, NoteChange], new_paragraph: Callable[[Paragraph], Paragraph | None]) -> None:
        self.writer = writer
        self.change = change
        self.note_changes = note_changes
        self.new_paragraph = new_paragraph  # a reference's target in the new version (None: it has none)

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
                    change = self.change(wrap)
                    change.extend(runs)
                    elements.append(change)
                else:
                    elements.extend(runs)
            out.extend([ooxml.hyperlink(self.writer.part, link, elements)] if link else elements)
        return out

    def runs(self, group: list[Piece], wrap: str) -> list[etree._Element]:
        """Return the runs of pieces that share formatting: one text run, or one run per note."""
        first = group[0].atom
        if first.is_note:
            return [self.note_run(p.atom, wrap) for p in group]
        if first.is_field:
            return [element for p in group for element in self.reference(p.atom, wrap)]
        writer = self.writer
        writer.bold, writer.italic, writer.in_link = first.bold, first.italic, first.link is not None
        run = writer.text_run("".join(p.atom.text for p in group))
        writer.bold = writer.italic = writer.in_link = False
        return [ooxml.as_deleted(run) if wrap == "del" else run]

    def reference(self, atom: Atom, wrap: str) -> list[etree._Element]:
        """Return a reference to a paragraph as the build writes it: a live field, naming the bookmark the
        paragraph has in this document (an old version's reference, to where that paragraph is now), and
        showing the number the line shows. A paragraph the new version no longer has is named as text."""
        target = self.new_paragraph(atom.target)
        if target is None:
            runs = [self.writer.text_run(atom.text)]
        else:
            runs = self.writer.reference_field(target, atom.text)
        return [ooxml.as_deleted(run) for run in runs] if wrap == "del" else runs

    def note_run(self, atom: Atom, wrap: str) -> etree._Element:
        """Return the call of a footnote whose text shows the note's own changes."""
        change = self.note_changes[id(atom.note)]
        writer = self.writer
        saved = writer.part
        writer.part = writer.footnotes.part
        try:
            p = ooxml.paragraph(writer.note_text_style)
            runs = self.line(change.diff, NOTE_MODE[wrap])
            p.extend(runs)
            note_id = writer.footnotes.add([p])
        finally:
            writer.part = saved
        if wrap in ("ins", "del"):  # a note added or removed whole: its number mark and paragraph mark too
            track_runs(p, self.change, wrap, skip=runs)
        return writer.footnotes.reference_run(note_id)


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


class Redline:
    """Writes the merged tree of a comparison through the new version's `DocxBuilder`, changes tracked."""

    def __init__(self, diff: SubmissionDiff, reference: Path, author: str, date: str) -> None:
        self.diff = diff
        self.builder = DocxBuilder(diff.new, reference)
        self.author, self.date = author, date
        counterparts = {id(d.old): d.new for s in diff.sections for d in s.paragraphs() if d.old is not None}
        counterparts.update({id(p): p for p in diff.new.paragraphs()})
        self.tracked = TrackedRuns(self.builder.writer, self.change, diff.note_index(),
                                   lambda paragraph: counterparts.get(id(paragraph)))
        self.move_names: dict[int, str] = {}

    def change(self, kind: str) -> etree._Element:
        """Return an empty tracked change (`w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`)."""
        return ooxml.revision(kind, self.builder.next_id(), self.author, self.date)

    def build(self) -> docx.document.Document:
        """Return the finished document with tracked changes."""
        self.cover()
        for section in self.diff.sections:
            self.section(section)
        self.annex()
        self.builder.properties()
        settings = self.builder.document.settings.element
        ooxml.add_setting(settings, OxmlElement("w:trackRevisions"))  # edits by whoever opens it are tracked too
        self.builder.document.core_properties.comments = (
            f"Tracked changes from {self.diff.old_label} to {self.diff.new_label}, by upr diff"
        )
        return self.builder.document

    def line(self, block: Block, diff: InlineDiff, mode: str) -> etree._Element:
        """Write a block holding a compared line; track its paragraph mark when the line is not in both."""
        if mode in OLD_SIDE:
            block = replace(block, anchor=None)  # the bookmark names the new version's paragraph only
        p = self.builder.write(block, self.tracked.line(diff, mode))
        assert p is not None, "a line of text is always written"
        if mode in MARK:
            ooxml.mark_paragraph(p, self.change(MARK[mode]))
        return p

    def cover(self) -> None:
        """Write the logos (tracked when they changed), then the cover's lines compared."""
        logos = [next((b for b in cover_blocks(s) if b.kind == "cover-logos"), None) for s in (self.diff.old, self.diff.new)]
        shown = [[path.read_bytes() for path in word_logos(block)] for block in logos]
        if shown[0] == shown[1]:
            if logos[1] is not None:
                self.builder.write(logos[1])
        else:
            for block, kind in zip(logos, ("del", "ins")):
                written = self.builder.write(block) if block is not None else None
                if written is not None:
                    self.track_written(written, kind)
        for line in self.diff.cover:
            assert line.block is not None, "every cover line is compared with its block"
            self.line(line.block, line.diff, presence_mode(line.old, line.new))

    def section(self, section: SectionDiff) -> None:
        """Write a compared section: heading, blocks and subsections, recommendations."""
        mode = section_mode(section)
        shown = _shown(section, mode)
        heading = self.line(heading_block(shown), section.heading, mode)
        self.moved(section.old or section.partner, mode, [heading])
        for block in section.body:
            if isinstance(block, SectionDiff):
                self.section(block)
            else:
                self.paragraph(block, section.level)
        if section.recommendations_heading is not None:
            has = [s if s is not None and s.recommendations else None for s in (section.old, section.new)]
            side = has[1] if has[1] is not None else has[0]
            assert side is not None
            self.line(recommendations_heading_block(side), section.recommendations_heading, presence_mode(*has))
        for rec in section.recommendations:
            self.recommendation(rec)

    def paragraph(self, block: ParagraphDiff | MovedAway, level: int) -> None:
        """Write a numbered paragraph with its quoted passage and items, in its block's mode."""
        diff, mode = block_mode(block)
        assert isinstance(diff, ParagraphDiff)
        shown = _shown(diff, mode)
        lines = [self.line(paragraph_block(shown, level), diff.content, mode)]
        lines += self.quote_lines(diff, shown, mode, level)
        for line, line_mode in line_modes(diff.items, mode):
            lines.append(self.line(item_block(shown, [], level), line.diff, line_mode))
        self.moved(diff, mode, lines)

    def quote_lines(self, diff: ParagraphDiff, shown: Paragraph, mode: str, level: int) -> list[etree._Element]:
        """Write the lines of a paragraph's quoted passage. A line only the old version has is numbered as the
        old passage was; a line both have, in a passage numbered in one version only, carries the old
        version's numbering as a tracked paragraph-property change (`w:pPrChange`)."""
        written = []
        flags = [side is not None and side.quote is not None and side.quote.numbered for side in (diff.old, diff.new)]
        old_list: int | None = None  # the old passage's own list, restarting at 1 as the old build's did
        for index, (line, line_mode) in enumerate(line_modes(diff.quote, mode), start=1):
            side = diff.old if line.new is None and diff.old is not None else shown
            p = self.line(quote_block(side, [], index, level), line.diff, line_mode)
            if line.old is not None and line.new is not None and line_mode not in OLD_SIDE and flags[0] != flags[1]:
                if flags[0] and old_list is None:
                    old_list = self.builder.numbering.instance(self.builder.lists["quoted"], restart=True)
                self.track_properties(p, old_list if flags[0] else None)
            written.append(p)
        return written

    def track_properties(self, p: etree._Element, old_list: int | None) -> None:
        """Record that a paragraph had its style without a list number (or in list `old_list`) before."""
        ppr = p.find(qn("w:pPr"))
        assert ppr is not None, "a written paragraph has its style"
        before = ooxml.paragraph(ppr.find(qn("w:pStyle")).get(qn("w:val")))
        if old_list is not None:
            ooxml.set_numbering(before, old_list)
        change = self.change("pPrChange")
        change.append(before.find(qn("w:pPr")))
        ppr.append(change)

    def recommendation(self, block: RecommendationDiff | MovedAway) -> None:
        """Write one of the section's own recommendations, in its mode."""
        diff, mode = block_mode(block)
        assert isinstance(diff, RecommendationDiff)
        shown = _shown(diff, mode)
        self.moved(diff, mode, [self.line(recommendation_block(shown), diff.diff, mode)])

    def moved(self, target: object, mode: str, lines: list[etree._Element]) -> None:
        """Put the lines of a moved block inside a named move range."""
        if mode not in ("moveFrom", "moveTo") or not lines:
            return
        name = self.move_names.setdefault(id(target), f"upr-move-{len(self.move_names) + 1}")
        start, end = ooxml.move_range(mode, self.builder.next_id(), name, self.author, self.date)
        ppr = lines[0].find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            lines[0].insert(0, start)
        lines[-1].append(end)

    def annex(self) -> None:
        """Write the implementation annex: heading and head row compared, then the rows merged in order."""
        old, new = (s if s.annex else None for s in (self.diff.old, self.diff.new))
        if old is None and new is None:
            return
        mode = presence_mode(old, new)
        shown = new or old
        assert shown is not None
        sides = [[annex_heading(s), annex_head(s.meta.language)] if s is not None else None for s in (old, new)]
        heading, head = (sides[1] or sides[0])
        before, after = (side or [None, None] for side in sides)
        self.line(heading, _compared(before[0], after[0]), mode)
        cells = [self.tracked.line(diff_inline(a, b), mode)
                 for a, b in zip(*(_cells(side) for side in (before[1], after[1])))]
        self.track_row(self.builder.write(head, cells=cells), mode)
        for row in self.diff.annex:
            row_mode = presence_mode(row.old, row.new)
            assessment = row.new or row.old
            assert assessment is not None
            block = annex_row(assessment, shown.meta.language)
            self.track_row(self.builder.write(block, cells=[self.tracked.line(d, row_mode) for d in row.cells]), row_mode)

    def track_row(self, tr: etree._Element, mode: str) -> None:
        """Track a row added or removed whole: the row, and the paragraph mark of each of its cells."""
        if mode not in MARK:
            return
        ooxml.mark_row(tr, self.change(MARK[mode]))
        for p in tr.iter(qn("w:p")):
            ooxml.mark_paragraph(p, self.change(MARK[mode]))

    def track_written(self, p: etree._Element, kind: str) -> None:
        """Track every run of a paragraph written plain, and its mark, as inserted or deleted."""
        track_runs(p, self.change, kind)


def track_runs(p: etree._Element, change: Callable[[str], etree._Element], kind: str,
               skip: Sequence[etree._Element] = ()) -> None:
    """Put each run of a paragraph (but those in `skip`, tracked already) and its mark inside an insertion or
    deletion (`kind` "ins" or "del")."""
    for run in [child for child in p.findall(qn("w:r")) if child not in skip]:
        tracked = change(kind)
        run.addprevious(tracked)
        tracked.append(ooxml.as_deleted(run) if kind == "del" else run)
    ooxml.mark_paragraph(p, change(kind))


def _shown(diff: SectionDiff | ParagraphDiff | RecommendationDiff, mode: str):
    """Return the version a compared block is written from: the old one in an old-side mode or when it alone
    exists, else the new one."""
    shown = diff.old if mode in OLD_SIDE or diff.new is None else diff.new
    assert shown is not None
    return shown


def render_redline_docx(
    diff: SubmissionDiff, target: Path, author: str, date: str, templates_root: Path | None = None
) -> None:
    """Write the new version with tracked changes against the old one to `target`."""
    reference = template_dir(diff.new.meta.template, templates_root) / "reference.docx"
    if not reference.is_file():
        raise RenderError(f"template '{diff.new.meta.template}' has no reference.docx")
    ooxml.save_document(Redline(diff, reference, author, date).build(), target)


# --- helpers ------------------------------------------------------------------------------


def _compared(old: Block | None, new: Block | None) -> InlineDiff:
    """Return the comparison of what two blocks say (None for a side without the block)."""
    return diff_inline(list(old.content) if old else [], list(new.content) if new else [])


def _cells(head: Block | None) -> list[list[Inline]]:
    """Return the cells of an annex head row (empty cells for no row)."""
    return [list(cell) for cell in head.cells] if head is not None else [[] for _ in ANNEX_COLUMNS]
