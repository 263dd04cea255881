"""Mistakes people bring from Word: typed numbers, references typed as text, a copied file's State.

In Word a writer types "4." before a paragraph and "124.4 (Brazil)" after a
claim; in upr the paragraph is numbered for them and `{rec 124.4}` is what
gets checked against the report. These checks find what was typed the old
way, and the metadata a copied example still carries.
"""

from __future__ import annotations

from typing import Iterator

from ..model import Emph, Inline, Link, NoteCall, Strong, Submission, Text
from ..recommendations.un_states import same_state, states_named_in
from ..traverse import text_runs
from ..errors import Location
from ..markup import rec_markup
from ..typed import TYPED_NUMBER, typed_references
from .registry import Hit, register

GAP = "\u0000"  # stands where a node that is not text (a reference, a note) breaks the text


@register("T001", "error", "text after an unquoted ' #' was left out as a YAML comment")
def dropped_comment(submission: Submission) -> Iterator[Hit]:
    for where in submission.dropped_comments:
        yield where, ("the text from this '#' on is left out: YAML reads ' #' in text without quotes as the start "
                      "of a comment; put the whole text in double quotes to keep it (a comment you mean is written "
                      "'  # like this')")


@register("T002", "warning", "a paragraph starts with a number typed by hand")
def typed_paragraph_number(submission: Submission) -> Iterator[Hit]:
    for paragraph in submission.paragraphs():
        match = TYPED_NUMBER.match(_text_only(paragraph.content))  # a leading {rec …} is no typed number
        if match:
            typed = match.group(1) or match.group(2)
            yield paragraph.location, (f"the paragraph starts with the number '{typed}' typed by hand, so it reads "
                                       f"'{paragraph.number}. {typed} …': upr numbers paragraphs itself; delete it")


@register("R006", "warning", "a previous recommendation is cited as plain text, not as {rec …}")
def recommendation_as_text(submission: Submission) -> Iterator[Hit]:
    seen: set[tuple[int, str]] = set()
    for run in text_runs(submission):
        owner = run.owner
        where = owner.location
        for number, written, _ in typed_references(_text_only(run.nodes), submission.find_recommendation,
                                                   any_state=not submission.recommendation_data):
            if (id(owner), number) in seen:
                continue
            seen.add((id(owner), number))
            yield where, f"'{written}' is typed as text, so it is neither checked nor counted: {_suggestion(submission, number)}"


def _suggestion(submission: Submission, number: str) -> str:
    """Return what to write instead: the reference with the data's States, when the data has the number."""
    rec = submission.find_recommendation(number)
    if rec is None:
        return f"write {rec_markup(number)} if it is a recommendation of the previous review"
    return f"write {rec_markup(number, rec.states)}"


def _text_only(nodes: list[Inline]) -> str:
    """Return the text of the Text nodes (inside bold, italic and links too, and inside notes), with GAP where
    anything else stands, so that text around a reference is never read as one."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, (Strong, Emph, Link)):
            parts.append(_text_only(node.children))
        elif isinstance(node, NoteCall):
            parts += [GAP, _text_only(node.note.content), GAP]
        else:
            parts.append(GAP)
    return "".join(parts)


@register("R007", "warning", "submission.yaml names another State than the recommendation data or the title")
def state_differs(submission: Submission) -> Iterator[Hit]:
    meta = submission.meta
    where = meta.value_locations.get("state", meta.location)
    for rset in submission.recommendation_data:
        if not same_state(meta.state, rset.state_under_review):
            yield where, (f"state: says {meta.state}, but {rset.document} is the review of {rset.state_under_review}: "
                          "correct state:, or use the data of this State's review")
    in_title = states_named_in(meta.title)
    if in_title and not any(same_state(meta.state, named) for named in in_title):
        yield where, f"state: says {meta.state}, but the title names {in_title[0]}: correct one of them"


@register("T003", "warning", "a YAML file in the folder that submission.yaml does not list")
def unlisted_file(submission: Submission) -> Iterator[Hit]:
    read = {path.resolve() for path in submission.files}
    read |= {rset.path.resolve() for rset in submission.recommendation_data if rset.path is not None}
    for path in sorted(submission.root.rglob("*.yaml")):
        relative = path.relative_to(submission.root)
        if any(part.startswith(".") for part in relative.parts) or path.resolve() in read:
            continue
        listing = "recommendation_data" if relative.parts[0] == "recommendations" else "sections"
        yield Location(path, 1, 1), (f"{relative.as_posix()} is not listed under {listing}: in submission.yaml, so "
                                     "it is not part of the submission: list it, or move it out of the folder")
