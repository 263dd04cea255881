"""Walk the document model in reading order (shared by resolve, checks, diff, renderers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .model import Emph, Inline, Link, NoteCall, OwnRecommendation, Paragraph, Section, Strong, Submission


@dataclass(frozen=True)
class TextRun:
    """One piece of running text in reading order, and what holds it."""

    nodes: list[Inline]
    kind: str  # "paragraph", "item", "quote", "recommendation"
    owner: Paragraph | OwnRecommendation


def text_runs(submission: Submission) -> Iterator[TextRun]:
    """Yield every piece of body text in reading order (headings excluded)."""
    for section in submission.sections:
        yield from _section_runs(section)


def _section_runs(section: Section) -> Iterator[TextRun]:
    """Yield a section's text runs: paragraphs, subsections, then recommendations."""
    for block in section.body:
        if isinstance(block, Paragraph):
            yield from paragraph_runs(block)
        else:
            yield from _section_runs(block)
    for rec in section.recommendations:
        yield TextRun(rec.content, "recommendation", rec)


def paragraph_runs(paragraph: Paragraph) -> Iterator[TextRun]:
    """Yield a paragraph's text, then its quoted passage, then its items."""
    yield TextRun(paragraph.content, "paragraph", paragraph)
    if paragraph.quote:
        for item in paragraph.quote.items:
            yield TextRun(item, "quote", paragraph)
    for item in paragraph.items:
        yield TextRun(item, "item", paragraph)


def inline_nodes(nodes: list[Inline], into_notes: bool = True) -> Iterator[Inline]:
    """Yield every inline node, depth first, entering notes' content if asked."""
    for node in nodes:
        yield node
        if isinstance(node, (Strong, Emph, Link)):
            yield from inline_nodes(node.children, into_notes)
        elif isinstance(node, NoteCall) and into_notes:
            yield from inline_nodes(node.note.content, into_notes)
