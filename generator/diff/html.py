"""Write a SubmissionDiff as one self-contained HTML page: a readable redline.

The page shows the new version with deletions struck through (`<del>`),
insertions underlined (`<ins>`), each moved paragraph linked to its old
place and back, and each paragraph's notes, compared, beneath it. Every
piece of text is escaped; the page loads nothing from anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..errors import RenderError
from ..formatting import annex_head
from ..labels import labels_for
from ..inline import plain_text
from ..model import Section
from ..render.common import template_dir
from ..render.html import render_template, template_environment
from .modes import OLD_SIDE, block_mode, line_modes, presence_mode, section_mode
from .model import ParagraphDiff, RecommendationDiff, SectionDiff, SubmissionDiff
from .report import notes_summary, section_summary
from .words import Atom, InlineDiff, without_notes

TEMPLATE = "diff.html.j2"
TAGS = {"delete": "del", "insert": "ins"}


@dataclass
class NoteEntry:
    """A note shown under the paragraph that calls it."""

    anchor: str
    number: str
    status: str
    body: Markup


class HtmlRedline:
    """Turns compared lines into HTML, collecting the notes they call."""

    def __init__(self, diff: SubmissionDiff) -> None:
        self.diff = diff
        self.note_changes = diff.note_index()
        self.pending: list[NoteEntry] = []
        self.shown = 0  # notes shown so far, for their anchors
        self.moves: dict[int, int] = {}

    def line(self, diff: InlineDiff, mode: str) -> Markup:
        """Return one compared line in `mode`, changes marked with `<del>` and `<ins>`."""
        parts: list[Markup] = []
        for seg in diff.segments:
            if mode in ("normal", "moveTo"):
                parts.append(self.segment(seg.op, seg.old, seg.new))
            elif mode == "inserted":
                parts.append(self.wrapped("insert", seg.new))
            elif mode == "deleted":
                parts.append(self.wrapped("delete", seg.old))
            elif seg.op != "insert":
                parts.append(self.atoms(seg.old, old_side=True))
        return Markup("").join(parts)

    def segment(self, op: str, old: list[Atom], new: list[Atom]) -> Markup:
        """Return one segment: equal text plain (a renumbered reference marked), or a change."""
        if op != "equal":
            return self.wrapped(op, old if op == "delete" else new)
        parts: list[Markup] = []
        for same, pairs in groupby(zip(old, new), key=lambda ab: ab[0].text == ab[1].text):
            olds, news = zip(*pairs)
            parts.append(
                self.atoms(list(news))
                if same
                else self.wrapped("delete", list(olds)) + self.wrapped("insert", list(news))
            )
        return Markup("").join(parts)

    def wrapped(self, op: str, atoms: list[Atom]) -> Markup:
        """Return atoms inside `<del>` or `<ins>`."""
        if not atoms:
            return Markup("")
        return Markup("<{0}>{1}</{0}>").format(TAGS[op], self.atoms(atoms, old_side=op == "delete"))

    def atoms(self, atoms: list[Atom], old_side: bool = False) -> Markup:
        """Return atoms as HTML: runs of the same formatting together, note calls linked."""
        parts: list[Markup] = []
        for (bold, italic, link, is_note), group in groupby(atoms, key=lambda a: (a.bold, a.italic, a.link, a.is_note)):
            items = list(group)
            if is_note:
                parts.extend(self.call(a, old_side) for a in items)
                continue
            html = escape("".join(a.text for a in items))
            html = Markup("<strong>%s</strong>") % html if bold else html
            html = Markup("<em>%s</em>") % html if italic else html
            parts.append(Markup('<a href="%s">%s</a>') % (link, html) if link else html)
        return Markup("").join(parts)

    def call(self, atom: Atom, old_side: bool) -> Markup:
        """Return a note call linked to the note, which is queued for the end of the paragraph."""
        change = self.note_changes[id(atom.note)]
        number = str(change.old_number if old_side else change.new_number)
        self.shown += 1
        anchor = f"note-{self.shown}"
        renumbered = change.old is not None and change.new is not None and change.old_number != change.new_number
        was = f" (was {change.old_number})" if renumbered and not old_side else ""
        if old_side and change.new is not None:
            mode = "old"  # a kept note at the old place of a moved paragraph
        else:
            mode = {"added": "inserted", "removed": "deleted"}.get(change.status, "normal")
        self.pending.append(NoteEntry(anchor, number + was, change.status, self.line(change.diff, mode)))
        return Markup('<sup class="call"><a href="#%s">%s</a></sup>') % (anchor, number)

    def take_notes(self) -> list[NoteEntry]:
        """Return the notes called since the last call, and forget them."""
        found, self.pending = self.pending, []
        return found

    def move_anchor(self, target: ParagraphDiff | RecommendationDiff | Section, end: str) -> str:
        """Return the anchor of a move's old ("from") or new ("to") place."""
        number = self.moves.setdefault(id(target), len(self.moves) + 1)
        return f"move-{number}-{end}"


def render_diff_html(diff: SubmissionDiff, templates_root: Path | None = None) -> str:
    """Return the HTML redline of a comparison."""
    env = _environment(diff, templates_root)
    writer = HtmlRedline(diff)
    env.globals.update(
        line=writer.line,
        summary_line=lambda d: writer.line(without_notes(d), "normal"),
        take_notes=writer.take_notes,
        move_anchor=writer.move_anchor,
        block_mode=block_mode,
        line_modes=line_modes,
        presence_mode=presence_mode,
        section_mode=section_mode,
        section_summary=lambda s: section_summary(s, diff),
        is_section=lambda b: isinstance(b, SectionDiff),
        OLD_SIDE=OLD_SIDE,
    )
    columns = [plain_text(list(cell)) for cell in annex_head(diff.new.meta.language).cells]
    return render_template(env, TEMPLATE, d=diff, notes_summary=notes_summary(diff), annex_columns=columns,
                           language_tag=labels_for(diff.new.meta.language).tag)


def _environment(diff: SubmissionDiff, templates_root: Path | None) -> jinja2.Environment:
    """Return a Jinja environment for the new version's template (or the default one)."""
    folder = template_dir(diff.new.meta.template, templates_root)
    if not (folder / TEMPLATE).is_file():
        folder = template_dir("default")
    if not (folder / TEMPLATE).is_file():
        raise RenderError(f"no {TEMPLATE} in {folder}")
    return template_environment(folder)
