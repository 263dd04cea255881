"""Match paragraphs, sections and own recommendations across two versions, and merge them.

Paragraphs are paired by id when both versions have the same one, then by
identical text, then by word similarity (best pairs first), across the whole
submission: a paragraph moved to another section is still the same
paragraph. Merging then walks both versions' sections in step; a pair that
keeps its place among its neighbours is compared in place, and one that
does not becomes a move (a `MovedAway` at the old place, a moved diff at the
new one).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence, TypeVar

from ..formatting import Block as FormattedBlock
from ..inline import plain_text
from ..model import Inline, OwnRecommendation, Paragraph, Section, Submission, Text
from .align import align, interleave, longest_increasing, similar_pairs, similarity, words
from .model import Block, LineDiff, MovedAway, ParagraphDiff, RecommendationDiff, SectionDiff
from .words import InlineDiff, diff_inline

PARAGRAPH_THRESHOLD = 0.5  # least word similarity for two paragraphs to be one paragraph
RECOMMENDATION_THRESHOLD = 0.5  # … for two recommendations to be one, revised
SECTION_THRESHOLD = 0.5  # … for two headings to be one section, renamed
LINE_THRESHOLD = 0.5  # … for two items of a paragraph to be one item

T = TypeVar("T")
E = TypeVar("E", Paragraph, OwnRecommendation)
D = TypeVar("D", ParagraphDiff, RecommendationDiff)
Pairs = dict[int, tuple[int, float]]  # old index → (new index, similarity)


@dataclass(frozen=True)
class Unit:
    """What matching knows of a paragraph, heading or recommendation."""

    text: str
    words: tuple[str, ...]
    label: str | None = None
    home: str = ""
    """The heading of the unit's section: units of one section are compared first."""


def unit(text: str, label: str | None = None) -> Unit:
    """Return the matching unit of a text."""
    return Unit(text, tuple(words(text)), label)


def pair_units(old: Sequence[Unit], new: Sequence[Unit], threshold: float) -> Pairs:
    """Return old index → (new index, similarity): by label, then same text, then best similarity."""
    pairs: Pairs = {}
    for step in (_by_label, _by_text, _by_similarity):
        taken = {j for j, _ in pairs.values()}
        for i, j, ratio in step(old, new, pairs, taken, threshold):
            if i not in pairs and j not in taken:
                pairs[i] = (j, ratio)
                taken.add(j)
    return pairs


def _by_label(
    old: Sequence[Unit], new: Sequence[Unit], paired: Pairs, taken: set[int], threshold: float
) -> list[tuple[int, int, float]]:
    """Return (i, j, similarity) of units with the same label (a paragraph's id)."""
    by_label = {u.label: j for j, u in enumerate(new) if u.label}
    return [
        (i, by_label[u.label], similarity(u.words, new[by_label[u.label]].words))
        for i, u in enumerate(old)
        if u.label in by_label
    ]


def _by_text(
    old: Sequence[Unit], new: Sequence[Unit], paired: Pairs, taken: set[int], threshold: float
) -> list[tuple[int, int, float]]:
    """Return (i, j, 1.0) of unpaired units with the same text, the first with the first."""
    by_text: dict[str, list[int]] = {}
    for j, u in enumerate(new):
        if j not in taken:
            by_text.setdefault(u.text, []).append(j)
    return [(i, by_text[u.text].pop(0), 1.0) for i, u in enumerate(old) if i not in paired and by_text.get(u.text)]


def _by_similarity(
    old: Sequence[Unit], new: Sequence[Unit], paired: Pairs, taken: set[int], threshold: float
) -> list[tuple[int, int, float]]:
    """Return (i, j, similarity) of the remaining units alike enough to pair, the most alike first.

    Units of the same section are compared first; in a long submission, a unit is compared with those
    sharing its rarest words and those near its place only (`align.candidates`), so the cost stays linear.
    """
    old_free = [i for i in range(len(old)) if i not in paired]
    new_free = [j for j in range(len(new)) if j not in taken]
    groups = ([u.home for u in old], [u.home for u in new])
    found = similar_pairs([u.words for u in old], [u.words for u in new], threshold, old_free, new_free, groups)
    return [(i, j, -ratio) for ratio, _, i, j in sorted(found)]


def paragraph_unit(paragraph: Paragraph) -> Unit:
    """Return a paragraph's matching unit: its text, quoted items and items."""
    lines = [paragraph.content] + (paragraph.quote.items if paragraph.quote else []) + paragraph.items
    return unit("\n".join(plain_text(line) for line in lines), paragraph.id)


def diff_lines(old: list[list[Inline]], new: list[list[Inline]]) -> list[LineDiff]:
    """Return two lists of lines (items) merged in order, similar lines compared word by word."""
    return [line_diff(old[i] if i is not None else None, new[j] if j is not None else None)
            for i, j in align_lines(old, new)]


def align_lines(old: list[list[Inline]], new: list[list[Inline]]) -> list[tuple[int | None, int | None]]:
    """Return the two lists' lines merged in order, as pairs of places (None where a side has no line)."""
    return align([words(plain_text(x)) for x in old], [words(plain_text(x)) for x in new], LINE_THRESHOLD)


def line_diff(old: list[Inline] | None, new: list[Inline] | None, block: FormattedBlock | None = None) -> LineDiff:
    """Return one line compared word by word (None for a side that does not have it)."""
    return LineDiff(old, new, diff_inline(old or [], new or []), block)


def text_diff(old: str | None, new: str | None) -> InlineDiff:
    """Return the comparison of two plain texts (headings); None is no text at all."""
    return diff_inline([Text(old)] if old else [], [Text(new)] if new else [])


# --- merging two versions ------------------------------------------------------------------


class Merger:
    """Pairs everything once, then merges the two versions' section trees.

    Diffs are made once per pair and shared: the `MovedAway` at a moved
    paragraph's old place and the moved diff at its new place are one object.
    """

    def __init__(self, old: Submission, new: Submission) -> None:
        self.old, self.new = old, new
        self.partner: dict[int, Any] = {}  # id(old or new element) → its other version (same type)
        self.ratio: dict[int, float] = {}  # id(new element) → similarity
        self.home: dict[int, str] = {}  # id(paragraph or recommendation) → heading of its section
        self.paragraphs: dict[tuple[int, int], ParagraphDiff] = {}  # (id(old), id(new)) → its diff, made once
        self.recs: dict[tuple[int, int], RecommendationDiff] = {}
        for submission in (old, new):
            for section in submission.sections:
                self._note_homes(section)
        self._pair(old.paragraphs(), new.paragraphs(), paragraph_unit, PARAGRAPH_THRESHOLD)
        self._pair(
            old.own_recommendations(),
            new.own_recommendations(),
            lambda r: unit(plain_text(r.content)),
            RECOMMENDATION_THRESHOLD,
        )
        for level in (1, 2):
            self._pair_sections(_sections(old, level), _sections(new, level))

    def _note_homes(self, section: Section) -> None:
        """Record the heading of the section holding each paragraph and recommendation."""
        for block in section.body:
            if isinstance(block, Paragraph):
                self.home[id(block)] = section.heading
            else:
                self._note_homes(block)
        for rec in section.recommendations:
            self.home[id(rec)] = section.heading

    def _pair(self, old: Sequence[T], new: Sequence[T], to_unit: Callable[[T], Unit], threshold: float) -> None:
        """Pair two lists of elements and record each one's partner."""
        old_units = [replace(to_unit(x), home=self.home.get(id(x), "")) for x in old]
        new_units = [replace(to_unit(x), home=self.home.get(id(x), "")) for x in new]
        for i, (j, ratio) in pair_units(old_units, new_units, threshold).items():
            self.partner[id(old[i])], self.partner[id(new[j])] = new[j], old[i]
            self.ratio[id(new[j])] = ratio

    def _pair_sections(self, old: list[Section], new: list[Section]) -> None:
        """Pair sections by heading, then a renamed one by where its paragraphs went."""
        self._pair(old, new, lambda s: unit(s.heading), SECTION_THRESHOLD)
        owner = {id(p): s for s in new for p in s.paragraphs()}
        for section in old:
            if id(section) in self.partner:
                continue
            went = Counter(
                id(owner[id(q)])
                for p in section.paragraphs()
                if (q := self.partner.get(id(p))) is not None and id(q) in owner
            )
            best = next((s for s in new if went and id(s) == went.most_common(1)[0][0]), None)
            if best is not None and id(best) not in self.partner and went[id(best)] * 2 > len(section.paragraphs()):
                self.partner[id(section)], self.partner[id(best)] = best, section

    # --- the tree -----------------------------------------------------------------

    def sections(self) -> list[SectionDiff]:
        """Return the merged sections of the two versions."""
        return [b for b in self.blocks(self.old.sections, self.new.sections) if isinstance(b, SectionDiff)]

    def blocks(self, old: Sequence[Paragraph | Section], new: Sequence[Paragraph | Section]) -> list[Block]:
        """Return a body's blocks merged: pairs in place, the rest added, removed or moved."""
        merged: list[Block] = []
        for i, j in self.order(old, new):
            ob = old[i] if i is not None else None
            nb = new[j] if j is not None else None
            if isinstance(ob, Section) or isinstance(nb, Section):
                merged.append(self.section(_only(Section, ob), _only(Section, nb)))
            else:
                merged.append(self.placed(_only(Paragraph, ob), _only(Paragraph, nb), self.paragraph))
        return merged

    def placed(self, old: E | None, new: E | None, make: Callable[[E | None, E | None, bool], D]) -> D | MovedAway:
        """Return a paragraph or recommendation in its place, moved here, or moved away from here."""
        if old is not None and new is None and id(old) in self.partner:
            return MovedAway(make(old, self.partner[id(old)], True))
        if new is not None and old is None and id(new) in self.partner:
            return make(self.partner[id(new)], new, True)
        return make(old, new, False)

    def order(self, old: Sequence[object], new: Sequence[object]) -> list[tuple[int | None, int | None]]:
        """Return two lists' indices merged, pairing partners that keep their relative order."""
        where = {id(x): j for j, x in enumerate(new)}
        candidates = [
            (i, where[id(p)])
            for i, x in enumerate(old)
            if (p := self.partner.get(id(x))) is not None and id(p) in where
        ]
        kept = longest_increasing([j for _, j in candidates])
        return interleave(range(len(old)), range(len(new)), [c for k, c in enumerate(candidates) if k in kept])

    def section(self, old: Section | None, new: Section | None) -> SectionDiff:
        """Return a section (or subsection) of one or both versions, merged; a moved one keeps its partner."""
        partner = self.partner.get(id(old or new)) if old is None or new is None else None
        before, after = old or partner, new or partner
        heading = text_diff(before.heading if before else None, after.heading if after else None)
        diff = SectionDiff(old, new, heading, partner=partner)
        diff.body = self.blocks(old.body if old else [], new.body if new else [])
        diff.recommendations = self.recommendations(
            old.recommendations if old else [], new.recommendations if new else []
        )
        titles = [s.recommendations_title if s is not None and s.recommendations else None for s in (old, new)]
        if any(titles):
            diff.recommendations_heading = text_diff(*titles)
        return diff

    def recommendations(
        self, old: list[OwnRecommendation], new: list[OwnRecommendation]
    ) -> list[RecommendationDiff | MovedAway]:
        """Return a section's own recommendations merged, like paragraphs."""
        return [
            self.placed(old[i] if i is not None else None, new[j] if j is not None else None, self.recommendation)
            for i, j in self.order(old, new)
        ]

    def paragraph(self, old: Paragraph | None, new: Paragraph | None, moved: bool) -> ParagraphDiff:
        """Return the diff of a paragraph pair (made once), or of a paragraph on one side."""
        key = (id(old), id(new))
        if key not in self.paragraphs:
            quote_old = old.quote.items if old and old.quote else []
            quote_new = new.quote.items if new and new.quote else []
            self.paragraphs[key] = ParagraphDiff(
                old,
                new,
                content=diff_inline(old.content if old else [], new.content if new else []),
                quote=diff_lines(quote_old, quote_new),
                items=diff_lines(old.items if old else [], new.items if new else []),
                similarity=self.ratio.get(id(new), 0.0) if old and new else 0.0,
                old_section=self.home.get(id(old), ""),
                new_section=self.home.get(id(new), ""),
            )
        made = self.paragraphs[key]
        made.moved = made.moved or moved
        return made

    def recommendation(
        self, old: OwnRecommendation | None, new: OwnRecommendation | None, moved: bool
    ) -> RecommendationDiff:
        """Return the diff of an own recommendation pair (made once), or of one on one side."""
        key = (id(old), id(new))
        if key not in self.recs:
            self.recs[key] = RecommendationDiff(
                old,
                new,
                diff_inline(old.content if old else [], new.content if new else []),
                similarity=self.ratio.get(id(new), 0.0) if old and new else 0.0,
                old_section=self.home.get(id(old), ""),
                new_section=self.home.get(id(new), ""),
            )
        made = self.recs[key]
        made.moved = made.moved or moved
        return made

    def all_recommendations(self) -> list[RecommendationDiff]:
        """Return every own recommendation's diff: the new order, then the dropped ones."""
        found = [self.recommendation(self.partner.get(id(r)), r, moved=False) for r in self.new.own_recommendations()]
        found += [
            self.recommendation(r, None, moved=False)
            for r in self.old.own_recommendations()
            if id(r) not in self.partner
        ]
        return found


def _sections(submission: Submission, level: int) -> list[Section]:
    """Return a submission's sections (level 1) or subsections (level 2), in order."""
    if level == 1:
        return list(submission.sections)
    return [b for s in submission.sections for b in s.body if isinstance(b, Section)]


def _only(kind: type[T], element: object) -> T | None:
    """Return the element if it is of this kind, else None."""
    return element if isinstance(element, kind) else None
