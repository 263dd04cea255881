"""Word-level comparison of inline content: atoms, segments and note pairs.

Inline content is flattened into atoms: a word, a space or a punctuation
mark with its formatting (bold, italic, link), or one note call. Two lists
of atoms are compared with difflib; the result is a list of segments
(equal, delete, insert) that every output reads: the terminal shows them,
the HTML marks them, the redline DOCX wraps them in `w:ins` and `w:del`.

A note call is compared by its content, not its number, so a renumbered
note is equal; a note whose content changed is paired with its old self
when it sits at the same place in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterator

from ..errors import RenderError
from ..inline import InlineVisitor, citation_content, crossref_text, note_content, recommendation_label
from ..model import Citation, CrossRef, Emph, Inline, Link, Note, NoteCall, Paragraph, RecommendationRef, Strong, Text
from .align import WORD, align, opcodes, words

TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
NOTE_PAIR_THRESHOLD = 0.4  # where calls were added or removed, notes less alike than this are not paired
SHORT_EQUAL = 3  # an equal stretch this short between two changes is folded into them


@dataclass(slots=True, frozen=True)
class Atom:
    """The smallest unit compared: a token of text, or a note call.

    `key` is what equality means: the text and its formatting; a note's
    content; a cross-reference's label and a recommendation reference's
    number (their rendered text may change with renumbering or data, which
    is no change of the author's text). A label found on one side only is
    matched by what the reader sees instead (see `_match_renamed_refs`).
    """

    text: str
    key: tuple
    bold: bool = False
    italic: bool = False
    link: str | None = None
    note: Note | None = field(default=None, compare=False)
    target: Paragraph | None = field(default=None, compare=False)
    """The paragraph a cross-reference points to, so a writer can make it a live reference."""

    @property
    def is_note(self) -> bool:
        """Tell whether this atom is a note call."""
        return self.note is not None

    @property
    def is_field(self) -> bool:
        """Tell whether this atom is a cross-reference to a paragraph (a REF field in Word)."""
        return self.target is not None


@dataclass
class Segment:
    """A stretch of the comparison: equal on both sides, deleted or inserted.

    In an equal segment `old[i]` and `new[i]` correspond. Their keys are
    equal, except for a note whose content changed at the same place (see
    `NoteChange`); their texts are equal, except for a reference whose
    rendered number or States changed.
    """

    op: str  # "equal" | "delete" | "insert"
    old: list[Atom] = field(default_factory=list)
    new: list[Atom] = field(default_factory=list)

    @property
    def old_text(self) -> str:
        """Return the old side's text, notes left out."""
        return "".join(a.text for a in self.old if not a.is_note)

    @property
    def new_text(self) -> str:
        """Return the new side's text, notes left out."""
        return "".join(a.text for a in self.new if not a.is_note)


@dataclass
class NoteChange:
    """A note on one or both sides: unchanged, changed, added or removed.

    `kinds` says what changed in a changed note: "source" (a different
    source, or its text), "pinpoint", "text".
    """

    old: Note | None
    new: Note | None
    diff: InlineDiff
    kinds: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        """Return "added", "removed", "changed" or "unchanged"."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed" if self.kinds else "unchanged"

    @property
    def renumbered(self) -> bool:
        """Tell whether the note kept its content but not its number."""
        return self.status == "unchanged" and self.old_number != self.new_number

    @property
    def old_number(self) -> int | None:
        """Return the note's old number (None for an added note)."""
        return self.old.number if self.old is not None else None

    @property
    def new_number(self) -> int | None:
        """Return the note's new number (None for a removed note)."""
        return self.new.number if self.new is not None else None


@dataclass
class InlineDiff:
    """The comparison of two pieces of inline content (either may be empty)."""

    segments: list[Segment]
    notes: list[NoteChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Tell whether the text or any of its notes changed."""
        return any(s.op != "equal" for s in self.segments) or any(n.status != "unchanged" for n in self.notes)

    @property
    def text_changed(self) -> bool:
        """Tell whether the text changed (a note call added or removed included, a note's content not)."""
        return any(s.op != "equal" for s in self.segments)

    @property
    def old_text(self) -> str:
        """Return the old text, notes left out."""
        return "".join(s.old_text for s in self.segments)

    @property
    def new_text(self) -> str:
        """Return the new text, notes left out."""
        return "".join(s.new_text for s in self.segments)


def without_notes(diff: InlineDiff) -> InlineDiff:
    """Return a comparison with its note calls left out (for one-line summaries)."""
    return InlineDiff(
        [Segment(s.op, [a for a in s.old if not a.is_note], [a for a in s.new if not a.is_note]) for s in diff.segments]
    )


# --- atoms ---------------------------------------------------------------------


def atoms(nodes: list[Inline], bold: bool = False, italic: bool = False, link: str | None = None) -> list[Atom]:
    """Return the atoms of inline content, as the DOCX writer would render it."""
    return AtomWriter(bold, italic, link).render(nodes)


class AtomWriter(InlineVisitor[list[Atom]]):
    """Turns inline nodes into the atoms the diff compares, in the formatting they are shown in."""

    writer_name = "the diff"

    def __init__(self, bold: bool = False, italic: bool = False, link: str | None = None) -> None:
        self.bold, self.italic, self.link = bold, italic, link

    def render(self, nodes: list[Inline]) -> list[Atom]:
        """Return the atoms of the nodes."""
        return [atom for node in nodes for atom in self.visit(node)]

    def unknown(self, node: Inline) -> list[Atom]:
        """Raise: the diff cannot compare a node type it does not know."""
        raise RenderError(f"cannot compare a {type(node).__name__} node: the diff knows no such inline content")

    def visit_Text(self, node: Text) -> list[Atom]:
        return text_atoms(node.text, self.bold, self.italic, self.link)

    def visit_Strong(self, node: Strong) -> list[Atom]:
        return atoms(node.children, True, self.italic, self.link)

    def visit_Emph(self, node: Emph) -> list[Atom]:
        return atoms(node.children, self.bold, True, self.link)

    def visit_Link(self, node: Link) -> list[Atom]:
        return atoms(node.children, self.bold, self.italic, node.url)

    def visit_NoteCall(self, node: NoteCall) -> list[Atom]:
        return [Atom("", ("note", note_fingerprint(node.note)), note=node.note)]

    def visit_Citation(self, node: Citation) -> list[Atom]:
        return _citation_atoms(node, self.bold, self.italic, self.link)

    def visit_RecommendationRef(self, node: RecommendationRef) -> list[Atom]:
        shown = (self.bold, self.italic, self.link)
        return [Atom(recommendation_label(node), ("rec", node.number, *shown), *shown)]

    def visit_CrossRef(self, node: CrossRef) -> list[Atom]:
        shown = (self.bold, self.italic, self.link)
        return [Atom(crossref_text(node), ("ref", node.label, *shown), *shown, target=node.target)]


def text_atoms(text: str, bold: bool = False, italic: bool = False, link: str | None = None) -> list[Atom]:
    """Return the word, space and punctuation atoms of plain text.

    A token in one formatting is one shared Atom (atoms are never changed in place; `replace` makes new
    ones), so a diff holds a pointer per word rather than an object: at 64 times the example this is the
    difference between 550 MB and under 200.
    """
    if len(_SHARED_ATOMS) > _SHARED_LIMIT:  # a long-lived process (upr watch) keeps a bounded vocabulary
        _SHARED_ATOMS.clear()
    found = []
    for t in TOKEN.findall(text):
        shape = (t, bold, italic, link)
        atom = _SHARED_ATOMS.get(shape)
        if atom is None:
            atom = _SHARED_ATOMS[shape] = Atom(t, ("t", *shape), bold, italic, link)
        found.append(atom)
    return found


_SHARED_ATOMS: dict[tuple, Atom] = {}
_SHARED_LIMIT = 200_000


def _citation_atoms(node: Citation, bold: bool, italic: bool, link: str | None) -> list[Atom]:
    """Return a citation's atoms: those of what it shows."""
    return atoms(citation_content(node), bold, italic, link)


def note_fingerprint(note: Note) -> tuple:
    """Return what makes two notes the same note: their content's atom keys."""
    return tuple(a.key for a in atoms(note_content(note)))


# --- comparing atoms -----------------------------------------------------------------


def diff_inline(old: list[Inline], new: list[Inline]) -> InlineDiff:
    """Return the word-level comparison of two pieces of inline content."""
    old_atoms = atoms(old)
    segments = _pair_notes(_fold_short_equals(_raw_segments(old_atoms, _match_renamed_refs(old_atoms, atoms(new)))))
    return InlineDiff(segments, list(_note_changes(segments)))


def _match_renamed_refs(old: list[Atom], new: list[Atom]) -> list[Atom]:
    """Return the new atoms, a cross-reference to a renamed id keyed as its old self.

    Keying by label keeps a renumbered target from being a change, but makes
    a renamed id one although the reader sees the same number. So a label
    on one side only is matched by its rendered number (or, unresolved, its
    label) to a label on the other side only.
    """
    old_labels, new_labels = _ref_labels(old), _ref_labels(new)
    renamed: dict[str, str] = {}  # rendered text → old label no longer used
    for a in old:
        if a.key[0] == "ref" and a.key[1] not in new_labels:
            renamed.setdefault(a.text, a.key[1])
    return [
        replace(a, key=("ref", renamed[a.text], *a.key[2:]))
        if a.key[0] == "ref" and a.key[1] not in old_labels and a.text in renamed
        else a
        for a in new
    ]


def _ref_labels(found: list[Atom]) -> set[str]:
    """Return the labels of the cross-references among atoms."""
    return {a.key[1] for a in found if a.key[0] == "ref"}


def _raw_segments(old: list[Atom], new: list[Atom]) -> list[Segment]:
    """Return difflib's opcodes as segments, a replacement as a delete then an insert."""
    old_keys, new_keys = [a.key for a in old], [a.key for a in new]
    if old_keys == new_keys:  # most text is unchanged: no need to search
        return [Segment("equal", old, new)] if old else []
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in opcodes(old_keys, new_keys):
        if tag == "equal":
            segments.append(Segment("equal", old[i1:i2], new[j1:j2]))
            continue
        if i2 > i1:
            segments.append(Segment("delete", old[i1:i2], []))
        if j2 > j1:
            segments.append(Segment("insert", [], new[j1:j2]))
    return segments


def _fold_short_equals(segments: list[Segment]) -> list[Segment]:
    """Return segments with tiny equal stretches between changes folded into the changes.

    "the cat sat" → "a dog sat" reads better as one replacement of "the cat"
    than as two, around a shared space.
    """
    folded: list[Segment] = []
    for index, seg in enumerate(segments):
        between = (
            0 < index < len(segments) - 1 and segments[index - 1].op != "equal" and segments[index + 1].op != "equal"
        )
        if seg.op == "equal" and between and _is_short(seg):
            folded.append(Segment("delete", list(seg.old), []))
            folded.append(Segment("insert", [], list(seg.new)))
        else:
            folded.append(seg)
    return _merge_changes(folded)


def _is_short(seg: Segment) -> bool:
    """Tell whether an equal stretch is too small to stand between two changes."""
    if any(a.is_note or a.text != b.text for a, b in zip(seg.old, seg.new)):
        return False
    text = seg.new_text
    return len(text) <= SHORT_EQUAL or not WORD.search(text)


def _merge_changes(segments: list[Segment]) -> list[Segment]:
    """Return segments where each run of changes is one delete followed by one insert."""
    merged: list[Segment] = []
    pending = Segment("delete"), Segment("insert")
    for seg in segments + [Segment("equal")]:
        if seg.op == "delete":
            pending[0].old.extend(seg.old)
        elif seg.op == "insert":
            pending[1].new.extend(seg.new)
        else:
            merged.extend(s for s in pending if s.old or s.new)
            pending = Segment("delete"), Segment("insert")
            if seg.old or seg.new:
                merged.append(seg)
    return merged


def _pair_notes(segments: list[Segment]) -> list[Segment]:
    """Return segments where a changed note keeps its place: deleted and inserted calls paired."""
    paired: list[Segment] = []
    index = 0
    while index < len(segments):
        seg = segments[index]
        nxt = segments[index + 1] if index + 1 < len(segments) else None
        if seg.op == "delete" and nxt is not None and nxt.op == "insert":
            paired.extend(_split_at_note_pairs(seg.old, nxt.new))
            index += 2
            continue
        paired.append(seg)
        index += 1
    return paired


def _split_at_note_pairs(old: list[Atom], new: list[Atom]) -> Iterator[Segment]:
    """Yield a replacement cut at the note calls it pairs, each pair an equal segment."""
    old_notes = [i for i, a in enumerate(old) if a.is_note]
    new_notes = [j for j, a in enumerate(new) if a.is_note]
    if len(old_notes) == len(new_notes):  # as many calls as before, in the same stretch: the same notes
        pairs = list(zip(old_notes, new_notes))
    else:
        texts_old = [words(plain_note(old[i].note)) for i in old_notes]
        texts_new = [words(plain_note(new[j].note)) for j in new_notes]
        merged = align(texts_old, texts_new, NOTE_PAIR_THRESHOLD)
        pairs = [(old_notes[a], new_notes[b]) for a, b in merged if a is not None and b is not None]
    i = j = 0
    for pi, pj in pairs:
        yield from _change(old[i:pi], new[j:pj])
        yield Segment("equal", [old[pi]], [new[pj]])
        i, j = pi + 1, pj + 1
    yield from _change(old[i:], new[j:])


def _change(old: list[Atom], new: list[Atom]) -> Iterator[Segment]:
    """Yield a delete and an insert segment, leaving out an empty side."""
    if old:
        yield Segment("delete", old, [])
    if new:
        yield Segment("insert", [], new)


def plain_note(note: Note | None) -> str:
    """Return a note's text as the reader sees it ("" for no note)."""
    return "".join(a.text for a in atoms(note_content(note))) if note is not None else ""


def _note_changes(segments: list[Segment]) -> Iterator[NoteChange]:
    """Yield a NoteChange for every note call in the segments, in order."""
    for seg in segments:
        if seg.op == "equal":
            for a, b in zip(seg.old, seg.new):
                if a.is_note:
                    yield compare_notes(a.note, b.note)
        for a in seg.old if seg.op == "delete" else seg.new if seg.op == "insert" else []:
            if a.is_note:
                yield compare_notes(a.note if seg.op == "delete" else None, a.note if seg.op == "insert" else None)


def compare_notes(old: Note | None, new: Note | None) -> NoteChange:
    """Return the comparison of a note with its other version (or with nothing)."""
    diff = diff_inline(note_content(old) if old else [], note_content(new) if new else [])
    change = NoteChange(old, new, diff)
    if old is not None and new is not None and diff.changed:
        change.kinds = note_change_kinds(old, new)
    return change


def note_change_kinds(old: Note, new: Note) -> list[str]:
    """Return what differs between two versions of a note: source, pinpoint, recommendation, text."""
    cited_old, cited_new = _of_type(old, Citation), _of_type(new, Citation)
    kinds: list[str] = []
    if [c.key for c in cited_old] != [c.key for c in cited_new]:
        kinds.append("source")
    elif [c.pinpoint for c in cited_old] != [c.pinpoint for c in cited_new]:
        kinds.append("pinpoint")
    if [r.number for r in _of_type(old, RecommendationRef)] != [r.number for r in _of_type(new, RecommendationRef)]:
        kinds.append("recommendation")
    if _own_text(old) != _own_text(new):
        kinds.append("text")
    return kinds or ["source"]  # the same keys, pinpoints and words: a source's own text changed


def _of_type(note: Note, kind: type) -> list:
    """Return the nodes of one type (citations, recommendation references) in a note, in order."""
    return [n for n in note_content(note) if isinstance(n, kind)]


def _own_text(note: Note) -> list[tuple]:
    """Return the keys of a note's atoms outside its citations and recommendation references."""
    return [a.key for a in atoms([n for n in note_content(note) if not isinstance(n, (Citation, RecommendationRef))])]
