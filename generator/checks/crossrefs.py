"""Checks on paragraph ids and `{ref …}` cross-references."""

from __future__ import annotations

from typing import Iterator

from ..model import Paragraph, Submission
from .registry import Hit, in_folder, register


@register("X001", "error", "a cross-reference names an unknown paragraph id")
def unknown_labels(submission: Submission) -> Iterator[Hit]:
    """Yield each `{ref label}` with no paragraph of that id (suggesting one that differs only by case)."""
    by_case = {label.casefold(): label for label in submission.labels}
    for ref in submission.cross_refs:
        if ref.target is None:
            near = by_case.get(ref.label.casefold())
            hint = f" (did you mean '{near}'?)" if near else ""
            yield ref.location, f"{{ref {ref.label}}} names no paragraph: no paragraph has id '{ref.label}'{hint}"


@register("X002", "error", "two paragraphs have the same id")
def duplicate_ids(submission: Submission) -> Iterator[Hit]:
    """Yield each paragraph whose id an earlier paragraph already has."""
    first: dict[str, Paragraph] = {}
    for paragraph in submission.paragraphs():
        if paragraph.id is None:
            continue
        earlier = first.setdefault(paragraph.id, paragraph)
        if earlier is not paragraph:
            where = in_folder(submission, earlier.location)
            yield paragraph.location, (
                f"paragraph {paragraph.number} has id '{paragraph.id}', "
                f"already the id of paragraph {earlier.number} ({where})"
            )


@register("X003", "warning", "two paragraph ids differ only by case")
def ids_differing_by_case(submission: Submission) -> Iterator[Hit]:
    """Yield each paragraph id that equals an earlier, different id but for case."""
    first: dict[str, Paragraph] = {}
    for paragraph in submission.paragraphs():
        if paragraph.id is None:
            continue
        earlier = first.setdefault(paragraph.id.casefold(), paragraph)
        if earlier.id != paragraph.id:
            where = in_folder(submission, earlier.location)
            yield paragraph.location, (
                f"paragraph id '{paragraph.id}' differs only by case from '{earlier.id}' "
                f"(paragraph {earlier.number}, {where})"
            )
