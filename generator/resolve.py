"""Number the submission once and connect every reference to its target."""

from __future__ import annotations

import copy

from .model import Assessment, Citation, CrossRef, Inline, NoteCall, RecommendationRef, Submission
from .formatting import anchor_name
from .labels import labels_for
from .traverse import inline_nodes, text_runs


def resolve(submission: Submission) -> Submission:
    """Number paragraphs and notes and resolve references, in place; return the submission."""
    if submission.resolved:
        return submission
    _number_paragraphs(submission)
    _name_anchors(submission)
    _title_lists(submission)
    _collect_labels(submission)
    _number_notes(submission)
    _resolve_references(submission)
    _resolve_annex(submission)
    submission.resolved = True
    return submission


def _name_anchors(submission: Submission) -> None:
    """Give every paragraph its link-target name, each different from the others."""
    taken: set[str] = set()
    for paragraph in submission.paragraphs():
        paragraph.anchor = anchor_name(paragraph, taken)
        taken.add(paragraph.anchor)


def _number_paragraphs(submission: Submission) -> None:
    """Give every paragraph its number: 1, 2, 3 … or 1.1, 1.2, 2.1 …"""
    by_section = submission.meta.numbering == "by-section"
    count = 0
    for index, section in enumerate(submission.sections, start=1):
        if by_section:
            section.number = str(index)
            count = 0
        for paragraph in section.paragraphs():
            count += 1
            paragraph.number = f"{index}.{count}" if by_section else str(count)


def _title_lists(submission: Submission) -> None:
    """Give each recommendations list and the annex their heading, in the submission's language."""
    labels = labels_for(submission.meta.language)
    sections = [s for top in submission.sections for s in (top, *top.subsections())]
    for section in sections:
        count = len(section.recommendations)
        section.recommendations_title = section.recommendations_heading or labels.recommendations_title(count)
    submission.annex_title = submission.annex_title or labels.annex_title


def _collect_labels(submission: Submission) -> None:
    """Map each paragraph id to its paragraph (the first one, if an id repeats)."""
    for paragraph in submission.paragraphs():
        if paragraph.id and paragraph.id not in submission.labels:
            submission.labels[paragraph.id] = paragraph


def _number_notes(submission: Submission) -> None:
    """Number notes 1…N in reading order; keyed notes take their definition's text."""
    for run in text_runs(submission):
        for node in inline_nodes(run.nodes, into_notes=False):
            if isinstance(node, NoteCall):
                _fill_keyed_note(submission, node)
                node.note.number = len(submission.notes) + 1
                submission.notes.append(node.note)


def _fill_keyed_note(submission: Submission, call: NoteCall) -> None:
    """Give a keyed note a copy of its definition's content, or mark it missing."""
    if call.note.key is None:
        return
    definition = submission.note_definitions.get(call.note.key)
    if definition is None:
        call.note.missing = True
    else:
        call.note.content = copy.deepcopy(definition.content)


def _resolve_references(submission: Submission) -> None:
    """Point citations, recommendation references and cross-references at their targets."""
    for run in text_runs(submission):
        _resolve_nodes(submission, run.nodes)


def _resolve_nodes(submission: Submission, nodes: list[Inline]) -> None:
    """Resolve every reference in `nodes` (notes' content included) and record it."""
    for node in inline_nodes(nodes):
        if isinstance(node, Citation):
            node.source = submission.sources.get(node.key)
            submission.citations.append(node)
        elif isinstance(node, RecommendationRef):
            node.recommendation = submission.find_recommendation(node.number)
            submission.recommendation_refs.append(node)
        elif isinstance(node, CrossRef):
            node.target = submission.labels.get(node.label)
            submission.cross_refs.append(node)


def _resolve_annex(submission: Submission) -> None:
    """Connect assessments and their comments' references to their targets, and list cited recommendations nobody assessed."""
    for assessment in submission.assessments:
        assessment.recommendation = submission.find_recommendation(assessment.number)
        _resolve_nodes(submission, assessment.comment)
    if not submission.annex:
        return
    assessed = {a.number for a in submission.assessments}
    for ref in submission.recommendation_refs:
        if ref.number not in assessed and ref.recommendation is not None:
            assessed.add(ref.number)
            submission.assessments.append(
                Assessment(ref.number, "not assessed", [], ref.location, ref.recommendation)
            )
