"""Compare what surrounds the text: metadata, cover, cited recommendations, annex, notes."""

from __future__ import annotations

import hashlib

from typing import Iterator

from ..formatting import ANNEX_COLUMNS, annex_assessments, annex_cells, cover_blocks
from ..inline import recommendation_label
from ..model import Assessment, Inline, NoteCall, Organisation, Paragraph, RecommendationRef, Submission
from ..traverse import inline_nodes, text_runs
from .align import align
from .match import align_lines, line_diff
from .model import AssessmentDiff, LineDiff, MetadataChange, RecommendationRefChange, SubmissionDiff
from .words import NoteChange, compare_notes, diff_inline, note_fingerprint

META_FIELDS = (
    "title",
    "state",
    "cycle",
    "session",
    "session_date",
    "type",
    "language",
    "date",
    "numbering",
    "template",
)
ORGANISATION_FIELDS = ("description", "contact", "website", "logo")


def metadata_changes(old: Submission, new: Submission) -> list[MetadataChange]:
    """Return the fields of submission.yaml that differ, organisations and data files included."""
    changes = [
        MetadataChange(name, _show(getattr(old.meta, name)), _show(getattr(new.meta, name)))
        for name in META_FIELDS
        if getattr(old.meta, name) != getattr(new.meta, name)
    ]
    changes.extend(_organisation_changes(old, new))
    documents = [[r.document for r in s.recommendation_data] for s in (old, new)]
    if documents[0] != documents[1]:
        changes.append(
            MetadataChange("recommendation data", ", ".join(documents[0]) or None, ", ".join(documents[1]) or None)
        )
    return changes


def _show(value: object) -> str | None:
    """Return a metadata value as text (None stays None)."""
    return None if value is None else str(value)


def _organisation_changes(old: Submission, new: Submission) -> Iterator[MetadataChange]:
    """Yield organisations added or removed, and changed details of those on both sides."""
    before = {o.name: o for o in old.meta.organisations}
    after = {o.name: o for o in new.meta.organisations}
    for name in (n for n in before if n not in after):
        yield MetadataChange("organisation", name, None)
    for name in (n for n in after if n not in before):
        yield MetadataChange("organisation", None, name)
    for name in (n for n in after if n in before):
        for detail in ORGANISATION_FIELDS:
            was, now = _detail(old, before[name], detail), _detail(new, after[name], detail)
            if was != now:
                yield MetadataChange(f"organisation {name}: {detail}", was, now)
    if [n for n in before if n in after] != [n for n in after if n in before]:
        yield MetadataChange("organisations' order", ", ".join(before), ", ".join(after))


def _detail(submission: Submission, org: Organisation, field: str) -> str | None:
    """Return an organisation's detail as compared: a logo by its place in the folder and its content."""
    value = getattr(org, field)
    if field != "logo" or value is None:
        return value
    digest = hashlib.sha256(value.read_bytes()).hexdigest()[:8]
    return f"{value.relative_to(submission.root)} ({digest})"


def cover_diff(old: Submission, new: Submission) -> list[LineDiff]:
    """Return the cover's lines compared, each with its block: title, submitters and review line by line,
    then the date and the organisations' details merged in order (the logos are compared as metadata)."""
    before, after = ([b for b in cover_blocks(s) if b.kind != "cover-logos"] for s in (old, new))
    fixed = [line_diff(list(a.content), list(b.content), b) for a, b in zip(before[:3], after[:3])]
    rest_old, rest_new = before[3:], after[3:]
    merged = align_lines([list(b.content) for b in rest_old], [list(b.content) for b in rest_new])
    return fixed + [
        line_diff(list(rest_old[i].content) if i is not None else None,
                  list(rest_new[j].content) if j is not None else None,
                  rest_new[j] if j is not None else rest_old[i])
        for i, j in merged
    ]


# --- recommendation references ------------------------------------------------------------


def recommendation_ref_changes(old: Submission, new: Submission) -> list[RecommendationRefChange]:
    """Return previous-cycle recommendations newly cited, then those no longer cited."""
    before, after = cited(old), cited(new)
    changes = [_ref_change(number, "newly cited", refs) for number, refs in after.items() if number not in before]
    changes += [_ref_change(number, "no longer cited", refs) for number, refs in before.items() if number not in after]
    return changes


def cited(submission: Submission) -> dict[str, list[tuple[RecommendationRef, str]]]:
    """Return recommendation number → (reference, place) for every reference, in reading order."""
    found: dict[str, list[tuple[RecommendationRef, str]]] = {}
    for run in text_runs(submission):
        place = f"¶ {run.owner.number}" if isinstance(run.owner, Paragraph) else "a recommendation"
        for node in inline_nodes(run.nodes, into_notes=False):
            if isinstance(node, RecommendationRef):
                found.setdefault(node.number, []).append((node, place))
            elif isinstance(node, NoteCall):
                for inner in inline_nodes(node.note.content):
                    if isinstance(inner, RecommendationRef):
                        found.setdefault(inner.number, []).append((inner, f"note {node.note.number} ({place})"))
    return found


def _ref_change(number: str, status: str, refs: list[tuple[RecommendationRef, str]]) -> RecommendationRefChange:
    """Return the change of one recommendation number, with where it is cited."""
    ref = refs[0][0]
    text = ref.recommendation.text if ref.recommendation else None
    places = list(dict.fromkeys(place for _, place in refs))
    return RecommendationRefChange(number, status, recommendation_label(ref), text, places)


# --- the annex ----------------------------------------------------------------------------


def annex_diff(old: Submission, new: Submission) -> list[AssessmentDiff]:
    """Return the rows of the implementation annex compared, matched by recommendation number."""
    rows_old = annex_assessments(old) if old.annex else []
    rows_new = annex_assessments(new) if new.annex else []
    merged = align([[a.number] for a in rows_old], [[a.number] for a in rows_new], 1.0)
    languages = old.meta.language, new.meta.language
    return [
        _assessment_diff(rows_old[i] if i is not None else None, rows_new[j] if j is not None else None, languages)
        for i, j in merged
    ]


def _assessment_diff(old: Assessment | None, new: Assessment | None, languages: tuple[str, str]) -> AssessmentDiff:
    """Return one annex row compared cell by cell, each side worded in its own language."""
    cells_old, cells_new = annex_row_cells(old, languages[0]), annex_row_cells(new, languages[1])
    return AssessmentDiff(old, new, [diff_inline(a, b) for a, b in zip(cells_old, cells_new)])


def annex_row_cells(assessment: Assessment | None, language: str) -> list[list[Inline]]:
    """Return the cells of an annex row as every output shows them, one per column (empty cells for no row)."""
    if assessment is None:
        return [[] for _ in ANNEX_COLUMNS]
    return [list(cell) for cell in annex_cells(assessment, language)]


# --- notes --------------------------------------------------------------------------------


def all_notes(diff: SubmissionDiff) -> list[NoteChange]:
    """Return every note once: a removed and an added note with the same content are one note.

    That happens when a note's call moved within its paragraph, or with
    rewritten words around it: the note itself did not change.
    """
    found = [n for s in diff.sections for n in s.notes()]
    removed: dict[tuple, list[NoteChange]] = {}
    for change in found:
        if change.old is not None and change.new is None:
            removed.setdefault(note_fingerprint(change.old), []).append(change)
    absorbed: set[int] = set()
    merged: list[NoteChange] = []
    for change in found:
        twins = removed.get(note_fingerprint(change.new), []) if change.new is not None and change.old is None else []
        if twins:
            twin = twins.pop(0)
            absorbed.add(id(twin))
            merged.append(compare_notes(twin.old, change.new))
        else:
            merged.append(change)
    return [n for n in merged if id(n) not in absorbed]
