"""The document model: one typed tree that loaders build and everything else reads.

`load` builds it from YAML with a `Location` on every element; `resolve` fills
in the numbers (paragraphs, notes) and the targets of references, once.
Checks, diff and renderers read it and never re-number anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from .errors import Location
from .recommendations.data import Recommendation, RecommendationSet


# --- inline content -------------------------------------------------------


@dataclass
class Text:
    """Plain text, shown as written (never markup, never a template)."""

    text: str


@dataclass
class Strong:
    """Bold text."""

    children: list[Inline]


@dataclass
class Emph:
    """Italic text."""

    children: list[Inline]


@dataclass
class Link:
    """A hyperlink; `children` is what the reader sees."""

    url: str
    children: list[Inline]


@dataclass
class NoteCall:
    """The place where a note is called; `note` is the note itself."""

    note: Note
    location: Location


@dataclass
class Citation:
    """A source cited inside a note (`[@key, pinpoint]`)."""

    key: str
    pinpoint: str
    location: Location
    source: Source | None = None  # set by resolve; None when the key is unknown


@dataclass
class RecommendationRef:
    """A reference to a previous-cycle recommendation by its number (`{rec 124.4}`)."""

    number: str
    location: Location
    written_states: tuple[str, ...] = ()  # States the author wrote beside the number
    claimed_response: str | None = None  # "supported" or "noted", if the author said so
    recommendation: Recommendation | None = None  # set by resolve


@dataclass
class CrossRef:
    """A reference to another paragraph by its id (`{ref label}`)."""

    label: str
    location: Location
    target: Paragraph | None = None  # set by resolve


Inline = Union[Text, Strong, Emph, Link, NoteCall, Citation, RecommendationRef, CrossRef]


# --- notes and sources ----------------------------------------------------


@dataclass
class Source:
    """A source defined once in `sources.yaml` and cited from notes."""

    key: str
    content: list[Inline]
    location: Location


@dataclass
class NoteDefinition:
    """A note written by key under `notes:` (called with `[^key]`)."""

    key: str
    content: list[Inline]
    location: Location


@dataclass
class Note:
    """One footnote as the reader sees it: called once, numbered once.

    `key` is None for a note written inline (`^[…]`). A keyed note whose
    definition is missing keeps its place in the numbering with `missing`
    set, so the checks can point at the call.
    """

    content: list[Inline]
    location: Location
    key: str | None = None
    missing: bool = False
    number: int = 0  # 1…N in reading order, set by resolve


# --- blocks ---------------------------------------------------------------


@dataclass
class Quote:
    """A passage quoted inside a paragraph, as items (numbered or not)."""

    items: list[list[Inline]]
    numbered: bool
    location: Location


@dataclass
class Paragraph:
    """A numbered paragraph, with optional bulleted items and a quoted passage."""

    content: list[Inline]
    location: Location
    id: str | None = None  # stable label for cross-references and diff
    items: list[list[Inline]] = field(default_factory=list)
    quote: Quote | None = None
    number: str = ""  # "12" or "2.3", set by resolve
    anchor: str = ""  # its name as a link target (Word bookmark, HTML id), set by resolve


@dataclass
class OwnRecommendation:
    """One of the submitting organisations' own recommendations."""

    content: list[Inline]
    location: Location


@dataclass
class Section:
    """A headed section (level 1) or subsection (level 2) of the submission."""

    heading: str
    level: int
    body: list[Block]
    location: Location
    recommendations: list[OwnRecommendation] = field(default_factory=list)
    recommendations_heading: str | None = None  # as the author wrote it, if at all
    number: str = ""  # "2" in by-section numbering, set by resolve
    recommendations_title: str = ""  # the heading shown above the list, set by resolve

    def paragraphs(self) -> list[Paragraph]:
        """Return this section's paragraphs, subsections included, in order."""
        found: list[Paragraph] = []
        for block in self.body:
            if isinstance(block, Paragraph):
                found.append(block)
            else:
                found.extend(block.paragraphs())
        return found

    def subsections(self) -> list[Section]:
        """Return this section's subsections."""
        return [block for block in self.body if isinstance(block, Section)]

    def own_recommendations(self) -> list[OwnRecommendation]:
        """Return this section's recommendations, subsections' included."""
        found = list(self.recommendations)
        for block in self.body:
            if isinstance(block, Section):
                found.extend(block.own_recommendations())
        return found



Block = Union[Paragraph, Section]


# --- the submission -------------------------------------------------------


@dataclass
class Organisation:
    """A submitting organisation, named at the beginning of the submission."""

    name: str
    location: Location
    description: str | None = None
    contact: str | None = None
    website: str | None = None  # an http(s) address (the loader refuses any other scheme)
    logo: Path | None = None  # the logo image (.png, .jpg, .jpeg, .svg), resolved, inside the submission folder


@dataclass
class Metadata:
    """What `submission.yaml` says about the submission as a whole."""

    title: str
    state: str  # the State under review
    cycle: int
    session: int | None
    type: str  # "joint" or "individual"
    language: str  # "en", "fr", "es"
    organisations: list[Organisation]
    location: Location
    session_date: str | None = None
    date: str | None = None
    numbering: str = "continuous"  # or "by-section"
    template: str = "default"
    word_limit_profile: str | None = None
    word_limits: dict[str, int] = field(default_factory=dict)
    word_count_parts: list[str] | None = None
    disabled_checks: dict[str, str] = field(default_factory=dict)  # code → reason
    disabled_check_locations: dict[str, Location] = field(default_factory=dict)  # code → where it is written
    word_count_location: Location | None = None  # where `word_count:` names its profile (or the block, without one)
    word_count_part_locations: list[Location] = field(default_factory=list)  # where each of word_count_parts is written
    value_locations: dict[str, Location] = field(default_factory=dict)  # key of submission.yaml → where its value is


@dataclass
class Assessment:
    """The author's assessment of a previous recommendation, for the annex."""

    number: str
    status: str  # "not implemented" | "partially implemented" | "implemented" | "not assessed"
    comment: list[Inline]
    location: Location
    recommendation: Recommendation | None = None  # set by resolve


@dataclass
class Submission:
    """A whole stakeholder submission, as loaded and (after resolve) numbered."""

    root: Path
    meta: Metadata
    sections: list[Section]
    sources: dict[str, Source] = field(default_factory=dict)
    note_definitions: dict[str, NoteDefinition] = field(default_factory=dict)
    recommendation_data: list[RecommendationSet] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    annex: bool = False  # render the implementation annex
    annex_title: str | None = None  # as the author wrote it; set by resolve when not
    annex_order: str = "number"  # "number": by recommendation number; "as-written": the assessments' order
    files: list[Path] = field(default_factory=list)  # every YAML file read
    dropped_comments: list[Location] = field(default_factory=list)  # where text after " #" was read as a comment
    # Filled by resolve:
    notes: list[Note] = field(default_factory=list)  # in reading order, numbered 1…N
    labels: dict[str, Paragraph] = field(default_factory=dict)
    recommendation_refs: list[RecommendationRef] = field(default_factory=list)
    cross_refs: list[CrossRef] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    resolved: bool = False

    @property
    def name(self) -> str:
        """Return the submission's name: its folder's name."""
        return self.root.name

    def paragraphs(self) -> list[Paragraph]:
        """Return every numbered paragraph in reading order."""
        return [p for s in self.sections for p in s.paragraphs()]

    def own_recommendations(self) -> list[OwnRecommendation]:
        """Return every own recommendation in reading order."""
        return [r for s in self.sections for r in s.own_recommendations()]

    def find_recommendation(self, number: str) -> Recommendation | None:
        """Return the previous-cycle recommendation with this number, if the data has it."""
        for rset in self.recommendation_data:
            found = rset.get(number)
            if found is not None:
                return found
        return None
