"""The result of comparing two submissions: one tree that every diff output reads.

`SubmissionDiff.sections` follows the new version's order, with what only
the old version has kept where it was: a removed paragraph stays after the
paragraph that preceded it, and a moved paragraph appears twice, as a
`MovedAway` at its old place and as a moved `ParagraphDiff` at its new one.
The terminal report, the JSON, the HTML redline and the Word redline are
all walks over this tree; none of them compares anything itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union

from ..formatting import Block as FormattedBlock
from ..model import Assessment, Inline, OwnRecommendation, Paragraph, Section, Submission
from .words import InlineDiff, NoteChange

REPEATED = 0.9  # word similarity at or above which a recommendation is "nearly the same"


@dataclass
class LineDiff:
    """One line that belongs to something larger: an item, a quoted item, a cover line."""

    old: list[Inline] | None
    new: list[Inline] | None
    diff: InlineDiff
    block: FormattedBlock | None = None
    """How a cover line shows (the new version's block, else the old one's); None for other lines."""

    @property
    def status(self) -> str:
        """Return "added", "removed", "changed" or "unchanged"."""
        return _status(self.old, self.new, self.diff.changed)


@dataclass
class ParagraphDiff:
    """A numbered paragraph on one or both sides, with its items and quoted passage.

    `moved` is set when the paragraph left its place among its neighbours
    (or its section); it then also appears as a `MovedAway` at the old place.
    `similarity` is how alike the two versions' words are (1 when equal).
    """

    old: Paragraph | None
    new: Paragraph | None
    content: InlineDiff
    quote: list[LineDiff] = field(default_factory=list)
    items: list[LineDiff] = field(default_factory=list)
    similarity: float = 1.0
    moved: bool = False
    old_section: str = ""  # heading of the section holding the old version
    new_section: str = ""  # heading of the section holding the new version

    @property
    def quote_numbered(self) -> bool:
        """Return True when the quoted passage is numbered (as the new version has it, else the old)."""
        side = self.new if self.new is not None and self.new.quote else self.old
        return bool(side is not None and side.quote and side.quote.numbered)

    @property
    def status(self) -> str:
        """Return "added", "removed", "changed" or "unchanged" (a move is not a change)."""
        return _status(self.old, self.new, self.changed)

    @property
    def changed(self) -> bool:
        """Tell whether the text, an item, the quoted passage or a note changed."""
        quote_kind = (self.old.quote.numbered if self.old and self.old.quote else None) != (
            self.new.quote.numbered if self.new and self.new.quote else None
        )
        return quote_kind or any(d.changed for d in self.diffs())

    @property
    def old_number(self) -> str:
        """Return the old paragraph number, or "" for an added paragraph."""
        return self.old.number if self.old else ""

    @property
    def new_number(self) -> str:
        """Return the new paragraph number, or "" for a removed paragraph."""
        return self.new.number if self.new else ""

    @property
    def label(self) -> str | None:
        """Return the paragraph's id, new side first."""
        return (self.new and self.new.id) or (self.old and self.old.id) or None

    def diffs(self) -> Iterator[InlineDiff]:
        """Yield the comparisons of the text, then the quoted items, then the items."""
        yield self.content
        for line in self.quote + self.items:
            yield line.diff

    def notes(self) -> list[NoteChange]:
        """Return the notes called in the paragraph, in reading order."""
        return [n for d in self.diffs() for n in d.notes]


@dataclass
class RecommendationDiff:
    """One of the organisations' own recommendations, on one or both sides.

    Between cycles: "repeated" (the same or nearly), "revised", "new" or
    "dropped". Matched across the whole submission, so one that moved to
    another section is still repeated or revised, with `moved` set.
    """

    old: OwnRecommendation | None
    new: OwnRecommendation | None
    diff: InlineDiff
    similarity: float = 1.0
    moved: bool = False
    old_section: str = ""
    new_section: str = ""

    @property
    def status(self) -> str:
        """Return "new", "dropped", "repeated" or "revised"."""
        if self.old is None:
            return "new"
        if self.new is None:
            return "dropped"
        if not self.diff.text_changed or self.similarity >= REPEATED:
            return "repeated"
        return "revised"

    @property
    def changed(self) -> bool:
        """Tell whether anything differs, wording or notes."""
        return self.old is None or self.new is None or self.diff.changed


@dataclass
class MovedAway:
    """The old place of a paragraph or recommendation that moved elsewhere."""

    target: ParagraphDiff | RecommendationDiff


@dataclass
class SectionDiff:
    """A section or subsection on one or both sides, its blocks merged in reading order.

    A section that changed places with its neighbours appears twice: at its
    old place with only `old` (its blocks moved away) and at its new place
    with only `new`, each with the other version as `partner`.
    """

    old: Section | None
    new: Section | None
    heading: InlineDiff
    body: list[Block] = field(default_factory=list)
    recommendations: list[RecommendationDiff | MovedAway] = field(default_factory=list)
    recommendations_heading: InlineDiff | None = None  # None when neither side has recommendations
    partner: Section | None = None  # a moved section's other version: it shows at both places

    @property
    def moved(self) -> bool:
        """Tell whether the section moved among its neighbours (shown at its old and its new place)."""
        return self.partner is not None

    @property
    def either(self) -> Section:
        """Return the new version of the section, or the old one of a removed section."""
        found = self.new or self.old
        assert found is not None, "a section diff has at least one side"
        return found

    @property
    def level(self) -> int:
        """Return 1 for a section, 2 for a subsection."""
        return self.either.level

    @property
    def title(self) -> str:
        """Return the heading as the new version has it (the old one for a removed section)."""
        return self.either.heading

    @property
    def status(self) -> str:
        """Return "added", "removed", "changed" or "unchanged"."""
        changed = (
            self.heading.changed
            or any(_block_changed(b) for b in self.body)
            or any(isinstance(r, MovedAway) or r.changed or r.moved for r in self.recommendations)
        )
        return _status(self.old, self.new, changed)

    def paragraphs(self) -> Iterator[ParagraphDiff]:
        """Yield the paragraph diffs placed in this section, subsections included."""
        for block in self.body:
            if isinstance(block, ParagraphDiff):
                yield block
            elif isinstance(block, SectionDiff):
                yield from block.paragraphs()

    def moved_away(self) -> Iterator[MovedAway]:
        """Yield the old places of paragraphs and recommendations that left this section."""
        for block in self.body:
            if isinstance(block, MovedAway):
                yield block
            elif isinstance(block, SectionDiff):
                yield from block.moved_away()
        yield from (r for r in self.recommendations if isinstance(r, MovedAway))

    def own_recommendations(self) -> Iterator[RecommendationDiff]:
        """Yield the recommendation diffs placed in this section, subsections included."""
        yield from (r for r in self.recommendations if isinstance(r, RecommendationDiff))
        for block in self.body:
            if isinstance(block, SectionDiff):
                yield from block.own_recommendations()

    def notes(self) -> Iterator[NoteChange]:
        """Yield the notes of this section's paragraphs and recommendations."""
        for paragraph in self.paragraphs():
            yield from paragraph.notes()
        for rec in self.own_recommendations():
            yield from rec.diff.notes


Block = Union[ParagraphDiff, SectionDiff, MovedAway]


@dataclass
class MetadataChange:
    """A changed field of submission.yaml: title, State, session, organisations …"""

    field: str
    old: str | None
    new: str | None


@dataclass
class RecommendationRefChange:
    """A previous-cycle recommendation that one side cites and the other does not."""

    number: str
    status: str  # "newly cited" | "no longer cited"
    label: str  # "124.4 (Brazil)"
    text: str | None  # the recommendation's text, when the data has it
    places: list[str]  # where the citing side cites it: "¶ 5", "note 3 (¶ 5)"


@dataclass
class AssessmentDiff:
    """A row of the implementation annex on one or both sides: its cells compared, one per column."""

    old: Assessment | None
    new: Assessment | None
    cells: list[InlineDiff]

    @property
    def status(self) -> str:
        """Return "added", "removed", "changed" or "unchanged"."""
        return _status(self.old, self.new, any(c.changed for c in self.cells))


@dataclass
class SubmissionDiff:
    """Everything that differs between two versions of a submission."""

    old: Submission
    new: Submission
    old_label: str
    new_label: str
    metadata: list[MetadataChange]
    cover: list[LineDiff]
    sections: list[SectionDiff]
    recommendations: list[RecommendationDiff]  # new order, then the dropped ones
    recommendation_refs: list[RecommendationRefChange]
    notes: list[NoteChange]  # every note, once; a call that moved with its text is unchanged
    annex: list[AssessmentDiff] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Tell whether the two versions differ at all."""
        return bool(
            self.metadata
            or self.recommendation_refs
            or any(line.status != "unchanged" for line in self.cover)
            or any(s.status != "unchanged" for s in self.sections)
            or any(a.status != "unchanged" for a in self.annex)
            or self.old.annex != self.new.annex
        )

    def paragraphs(self) -> list[ParagraphDiff]:
        """Return every paragraph diff once, in the merged reading order."""
        return [p for s in self.sections for p in s.paragraphs()]

    def note_index(self) -> dict[int, NoteChange]:
        """Return id(note) → the comparison its call belongs to, for the notes of both versions."""
        found: dict[int, NoteChange] = {}
        for section in self.sections:
            for change in section.notes():
                for note in (change.old, change.new):
                    if note is not None:
                        found[id(note)] = change
        return found


def _status(old: object | None, new: object | None, changed: bool) -> str:
    """Return "added", "removed", "changed" or "unchanged"."""
    if old is None:
        return "added"
    if new is None:
        return "removed"
    return "changed" if changed else "unchanged"


def _block_changed(block: Block) -> bool:
    """Tell whether a block of a section body shows any change."""
    if isinstance(block, MovedAway):
        return True
    if isinstance(block, SectionDiff):
        return block.status != "unchanged"
    return block.moved or block.status != "unchanged"
