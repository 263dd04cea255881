"""What a submission shows, worded once: the stage between resolve and the outputs.

`format_submission` turns a resolved submission into the blocks a reader
sees, in order and in the submission's language: the cover's lines, the
headings, the numbered paragraphs with their quoted passages and items, the
recommendations that close each section, and the annex. Each block says what
it is (its kind), what it says (inline nodes), the number shown beside it,
its anchor (the one name for a Word bookmark and an HTML id), its Word style
and the part of the word count it belongs to, and the model element it came
from. Writers and the word count read these blocks instead of walking the
model and wording it again each in their own way.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .labels import labels_for
from .model import (Assessment, Emph, Inline, Link, Organisation, OwnRecommendation, Paragraph, Section, Strong,
                    Submission, Text)
from .recommendations.data import Recommendation

KINDS = (
    "cover-logos",  # the organisations' logos, side by side
    "cover-title",  # the submission's title
    "cover-line",  # who submits it, the review, each organisation's details
    "heading",  # a section heading (level 1, 2, 3 …)
    "paragraph",  # a numbered paragraph
    "quote",  # an item of a quoted passage under a paragraph
    "item",  # an item of a paragraph's list
    "recommendations-heading",  # "Recommendations" above a section's own recommendations
    "recommendation",  # one of them
    "annex-heading",  # the annex's title
    "annex-row",  # the annex table's head row (header=True) or one assessment
)
"""Every kind of block, in the order they may come."""

STYLES = {
    "cover-title": "Cover Title",
    "cover-line": "Cover Line",
    "paragraph": "Numbered Paragraph",
    "quote": "Quoted Item",
    "item": "Paragraph Item",
    "recommendations-heading": "Recommendations Heading",
    "recommendation": "Recommendation",
    "annex-heading": "Heading 1",
}
"""The Word style of each kind (a heading's is "Heading N"; annex rows are table cells)."""

PARTS = {
    "cover-logos": "cover",
    "cover-title": "cover",
    "cover-line": "cover",
    "heading": "body",
    "paragraph": "body",
    "quote": "body",
    "item": "body",
    "recommendations-heading": "recommendations",
    "recommendation": "recommendations",
    "annex-heading": "annex",
    "annex-row": "annex",
}
"""The word-count part each kind's words belong to (notes are counted from the notes themselves)."""

Cell = tuple[Inline, ...]


@dataclass(frozen=True)
class Block:
    """One thing the document shows, with what every output needs to show it."""

    kind: str
    """One of KINDS."""
    content: Cell
    """What it says, as inline nodes (for an annex row: empty; see *cells*)."""
    source: object | None = None
    """The model element it came from: a Paragraph, Section, OwnRecommendation, Assessment, Organisation
    (for the logos: the organisations that have one, as a tuple)."""
    number: str = ""
    """The number shown beside it: "12" (or "2.3" by section) for a paragraph, "3" for a numbered quote."""
    anchor: str | None = None
    """Its name as a link target (Word bookmark, HTML id); only paragraphs have one."""
    level: int = 0
    """A heading's level (1 for a section); for a paragraph, its quote and items: the level of the section
    they stand in (a paragraph after a subsection belongs to the section around it)."""
    cells: tuple[Cell, ...] = field(default_factory=tuple)
    """An annex row's cells, one per column of ANNEX_COLUMNS."""
    header: bool = False
    """True for the annex table's head row."""
    role: str = ""
    """What a cover line is: "title", "submitted-by", "review", "date", "organisation", "description",
    "website" or "contact" (the HTML class is "cover-" and the role)."""

    @property
    def style(self) -> str:
        """Return the Word style the block is set in."""
        return f"Heading {self.level}" if self.kind == "heading" else STYLES.get(self.kind, "Normal")

    @property
    def part(self) -> str:
        """Return the word-count part its words belong to."""
        return PARTS[self.kind]


def format_submission(submission: Submission) -> list[Block]:
    """Return the blocks of the submission, in reading order."""
    blocks = list(cover_blocks(submission))
    for section in submission.sections:
        blocks += section_blocks(section)
    if submission.annex:
        blocks += annex_blocks(submission)
    return blocks


# --- The cover -----------------------------------------------------------------


def join_names(names: list[str], and_: str = "and") -> str:
    """Return "A", "A and B", or "A, B and C" (with the language's "and")."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {and_} " + names[-1]


def submitted_by(submission: Submission) -> str:
    """Return "Joint submission by A, B and C" in the submission's language."""
    meta = submission.meta
    labels = labels_for(meta.language)
    return f"{labels.submitted_by} {join_names([org.name for org in meta.organisations], labels.and_)}"


def review_line(submission: Submission) -> str:
    """Return "State under review: Kazakhstan. 34th session, November 2019, third cycle"."""
    meta = submission.meta
    labels = labels_for(meta.language)
    session = labels.session_text(meta.session) if meta.session else None
    details = ", ".join(x for x in (session, meta.session_date, labels.cycle_text(meta.cycle)) if x)
    return f"{labels.state_under_review}{labels.colon}{meta.state}. {details[:1].upper()}{details[1:]}"


def contact_line(organisation: Organisation, language: str) -> str | None:
    """Return "Contact: …" in the submission's language, or None when no contact is given."""
    labels = labels_for(language)
    return f"{labels.contact}{labels.colon}{organisation.contact}" if organisation.contact else None


def cover_blocks(submission: Submission) -> Iterator[Block]:
    """Yield the cover: the logos, the title, who submits it, the review, the date, then each organisation with its
    description, website (a link) and contact, each on a line of its own."""
    meta = submission.meta
    with_logos = tuple(organisation for organisation in meta.organisations if organisation.logo)
    if with_logos:
        yield Block("cover-logos", (), with_logos, role="logos")
    yield Block("cover-title", (Text(meta.title),), role="title")
    yield Block("cover-line", (Strong([Text(submitted_by(submission))]),), role="submitted-by")
    yield Block("cover-line", (Emph([Text(review_line(submission))]),), role="review")
    if meta.date:
        yield Block("cover-line", (Text(labels_for(meta.language).date_text(meta.date)),), role="date")
    for organisation in meta.organisations:
        yield from _organisation_lines(organisation, meta.language)


def _organisation_lines(organisation: Organisation, language: str) -> Iterator[Block]:
    """Yield an organisation's lines, when the submission says more of it than its name."""
    contact = contact_line(organisation, language)
    if not (organisation.description or organisation.website or contact):
        return
    yield Block("cover-line", (Strong([Text(organisation.name)]),), organisation, role="organisation")
    if organisation.description:
        yield Block("cover-line", (Text(organisation.description),), organisation, role="description")
    if organisation.website:
        yield Block("cover-line", (Link(organisation.website, [Text(organisation.website)]),), organisation,
                    role="website")
    if contact:
        yield Block("cover-line", (Text(contact),), organisation, role="contact")


SOURCE_DATE = datetime(1980, 1, 1, tzinfo=timezone.utc)
"""The date of a document whose content gives none and whose build sets no SOURCE_DATE_EPOCH."""


def document_date(date: str | None) -> datetime:
    """Return the document's date: the submission's `date:`, else SOURCE_DATE_EPOCH, else SOURCE_DATE.

    Never the time of the build: the same content gives the same file.
    """
    if date:
        try:
            return datetime.fromisoformat(date).replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return SOURCE_DATE


# --- Sections ---------------------------------------------------------------------


def section_blocks(section: Section) -> list[Block]:
    """Return a section's blocks: heading, paragraphs and subsections, then its recommendations."""
    blocks = [heading_block(section)]
    for block in section.body:
        blocks += paragraph_blocks(block, section.level) if isinstance(block, Paragraph) else section_blocks(block)
    if section.recommendations:
        blocks.append(recommendations_heading_block(section))
        blocks += [recommendation_block(rec) for rec in section.recommendations]
    return blocks


def paragraph_blocks(paragraph: Paragraph, level: int = 1) -> list[Block]:
    """Return a numbered paragraph, then the items of its quoted passage, then its own items."""
    blocks = [paragraph_block(paragraph, level)]
    if paragraph.quote:
        blocks += [quote_block(paragraph, item, index, level) for index, item in enumerate(paragraph.quote.items, 1)]
    blocks += [item_block(paragraph, item, level) for item in paragraph.items]
    return blocks


# One block of each kind; the Word redline words the lines it compares with these too.


def heading_block(section: Section) -> Block:
    """Return a section's heading."""
    return Block("heading", (Text(section.heading),), section, number=section.number, level=section.level)


def paragraph_block(paragraph: Paragraph, level: int = 1) -> Block:
    """Return a numbered paragraph's own text, with its number and anchor."""
    return Block("paragraph", tuple(paragraph.content), paragraph, number=paragraph.number,
                 anchor=anchor(paragraph), level=level)


def quote_block(paragraph: Paragraph, item: list[Inline], index: int, level: int = 1) -> Block:
    """Return item `index` (from 1) of a paragraph's quoted passage: numbered only when the passage is."""
    numbered = paragraph.quote is not None and paragraph.quote.numbered
    return Block("quote", tuple(item), paragraph, number=str(index) if numbered else "", level=level)


def item_block(paragraph: Paragraph, item: list[Inline], level: int = 1) -> Block:
    """Return one item of a paragraph's list."""
    return Block("item", tuple(item), paragraph, level=level)


def recommendations_heading_block(section: Section) -> Block:
    """Return the heading above a section's own recommendations."""
    return Block("recommendations-heading", (Text(section.recommendations_title),), section)


def recommendation_block(rec: OwnRecommendation) -> Block:
    """Return one of the section's own recommendations."""
    return Block("recommendation", tuple(rec.content), rec)


def anchor(paragraph: Paragraph) -> str:
    """Return the link-target name of a paragraph, as resolve gave it (see `anchor_name`)."""
    return paragraph.anchor or anchor_name(paragraph)


def anchor_name(paragraph: Paragraph, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """Return a paragraph's link-target name: from its id when it has one, else from its number.

    Word bookmark names allow letters, digits and "_" and at most 40
    characters; the same name serves as the HTML id. Two ids can give one
    name ("press-law", "press_law"): a name in `taken` gets "_2", "_3" … at the end.
    """
    if paragraph.id:
        name = f"p_{re.sub(r'[^A-Za-z0-9_]', '_', paragraph.id)}"[:40]
    else:
        name = f"para_{paragraph.number.replace('.', '_')}"
    count = 1
    unique = name
    while unique in taken:
        count += 1
        unique = f"{name[:40 - len(str(count)) - 1]}_{count}"
    return unique


# --- The annex ----------------------------------------------------------------------


def response_label(rec: Recommendation, language: str = "en") -> str:
    """Return a recommendation's response as the annex shows it: "Supported (already implemented)"."""
    label = labels_for(language).responses.get(rec.response, rec.response)
    return f"{label} ({rec.category})" if rec.category else label


def annex_blocks(submission: Submission) -> list[Block]:
    """Return the annex: its heading, the table's head row, then one row per assessment."""
    language = submission.meta.language
    return [
        annex_heading(submission),
        annex_head(language),
        *(annex_row(assessment, language) for assessment in annex_assessments(submission)),
    ]


def annex_heading(submission: Submission) -> Block:
    """Return the annex's heading."""
    return Block("annex-heading", (Text(submission.annex_title or ""),))


def annex_head(language: str) -> Block:
    """Return the annex table's head row: each column's title in the language."""
    titles = labels_for(language).annex_columns
    return Block("annex-row", (), cells=tuple((Strong([Text(titles[column.name])]),) for column in ANNEX_COLUMNS),
                 header=True)


def annex_row(assessment: Assessment, language: str) -> Block:
    """Return one assessment's row of the annex table."""
    return Block("annex-row", (), assessment, cells=annex_cells(assessment, language))


def annex_assessments(submission: Submission) -> list[Assessment]:
    """Return the annex's assessments in the order it shows them: by recommendation number (readers look a
    number up), or as the assessments file writes them with `order: as-written`."""
    if submission.annex_order == "as-written":
        return list(submission.assessments)
    return sorted(submission.assessments, key=lambda a: (_number_key(a.number), a.number))


def _number_key(number: str) -> tuple[int, ...]:
    """Return the sort key of "124.4": (124, 4), after (124, 3) and before (124, 10)."""
    return tuple(int(part) for part in re.findall(r"\d+", number))


def annex_cells(assessment: Assessment, language: str) -> tuple[Cell, ...]:
    """Return an annex row's cells, one per column."""
    return tuple(column.cell(assessment, language) for column in ANNEX_COLUMNS)


def _text_cell(text: str | None) -> Cell:
    """Return a cell holding `text` (empty when there is none)."""
    return (Text(text),) if text else ()


def _assessment_cell(assessment: Assessment, language: str) -> Cell:
    """Return the assessment cell: the status in bold, then the authors' comment."""
    status: list[Inline] = [Strong([Text(labels_for(language).statuses[assessment.status])])]
    if assessment.comment:
        status += [Text(". "), *assessment.comment]
    return tuple(status)


@dataclass(frozen=True)
class AnnexColumn:
    """One column of the annex table."""

    name: str
    """Its key in `Labels.annex_columns`, which gives its title in each language."""
    width: float
    """Its width in the Word table, in centimetres (16.4 fill an A4 page between 2.3 cm margins)."""
    cell: Callable[[Assessment, str], Cell]
    """What it shows for an assessment, in a language."""


ANNEX_COLUMNS = (
    AnnexColumn("number", 1.7, lambda a, language: _text_cell(a.number)),
    AnnexColumn("recommendation", 6.1, lambda a, language: _text_cell(a.recommendation and a.recommendation.text)),
    AnnexColumn("states", 2.4, lambda a, language: _text_cell(a.recommendation and "; ".join(a.recommendation.states))),
    AnnexColumn("response", 2.6,
                lambda a, language: _text_cell(a.recommendation and response_label(a.recommendation, language))),
    AnnexColumn("assessment", 3.6, _assessment_cell),
)
"""The annex table's columns, in order: adding a column is one entry here and its title in labels.py."""
