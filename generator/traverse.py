"""Walk the document model in reading order (shared by resolve, checks, diff, renderers).

The walk over sections, paragraphs, quoted passages, items and
recommendations is the formatting stage's (`formatting.section_blocks`);
this module hands its text blocks to the code that works on the model
before or beside the outputs: resolve, the checks, the diff.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from .formatting import section_blocks
from .model import Emph, Inline, Link, NoteCall, OwnRecommendation, Paragraph, Strong, Submission

RUN_KINDS = ("paragraph", "quote", "item", "recommendation")
"""The kinds of block that hold running text (headings are not running text)."""


@dataclass(frozen=True)
class TextRun:
    """One piece of running text in reading order, and what holds it."""

    nodes: list[Inline]
    kind: str  # "paragraph", "item", "quote", "recommendation"
    owner: Paragraph | OwnRecommendation


def text_runs(submission: Submission) -> Iterator[TextRun]:
    """Yield every piece of body text in reading order (headings excluded)."""
    for section in submission.sections:
        for block in section_blocks(section):
            if block.kind in RUN_KINDS:
                yield TextRun(list(block.content), block.kind, block.source)


def note_calls(contents: Iterable[Sequence[Inline]]) -> list[NoteCall]:
    """Return the note calls in pieces of inline content, in reading order (not those inside notes)."""
    return [node for nodes in contents for node in inline_nodes(list(nodes), into_notes=False)
            if isinstance(node, NoteCall)]


def inline_nodes(nodes: list[Inline], into_notes: bool = True) -> Iterator[Inline]:
    """Yield every inline node, depth first, entering notes' content if asked."""
    for node in nodes:
        yield node
        if isinstance(node, (Strong, Emph, Link)):
            yield from inline_nodes(node.children, into_notes)
        elif isinstance(node, NoteCall) and into_notes:
            yield from inline_nodes(node.note.content, into_notes)
