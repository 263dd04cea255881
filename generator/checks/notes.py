"""Checks on notes (footnotes): undefined, uncalled, empty, repeated, misplaced calls."""

from __future__ import annotations

import re
from typing import Iterator

from ..errors import Location
from ..inline import plain_text
from ..model import Citation, Inline, Note, NoteCall, RecommendationRef, Submission
from ..traverse import text_runs
from .registry import Hit, in_folder, register
from .text import flatten

ACCESSED = re.compile(r"\[?\(?\s*accessed(?: on)?\s[^\])]*[\])]?", re.IGNORECASE)
LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish"}
# The UN Editorial Manual: in English the call follows punctuation; in French
# and Spanish it precedes it. Dashes and brackets are left alone in both.
PUNCTUATION = ".,;:!?"
CLOSING_QUOTES = "”»"
PUNCTUATION_NAMES = {".": "full stop", ",": "comma", ";": "semicolon", ":": "colon", "!": "exclamation mark",
                     "?": "question mark", "”": "closing quotation mark", "»": "closing quotation mark",
                     '"': "closing quotation mark", "’": "closing quotation mark"}


def note_name(note: Note) -> str:
    """Return how messages name a note: "note 12" or "note 12 [^art376]"."""
    return f"note {note.number} [^{note.key}]" if note.key else f"note {note.number}"


def where_written(submission: Submission, note: Note) -> Location:
    """Return where a note's text is written: its definition for a keyed note, else its call."""
    definition = submission.note_definitions.get(note.key) if note.key else None
    return definition.location if definition else note.location


@register("N001", "error", "a note is called but never defined")
def undefined_notes(submission: Submission) -> Iterator[Hit]:
    """Yield each call of a keyed note whose text is defined nowhere."""
    for note in submission.notes:
        if note.missing:
            yield note.location, f"note [^{note.key}] is called but never defined"


@register("N002", "warning", "a note is defined but never called")
def uncalled_notes(submission: Submission) -> Iterator[Hit]:
    """Yield each note definition that no `[^key]` calls."""
    called = {note.key for note in submission.notes if note.key}
    for key, definition in submission.note_definitions.items():
        if key not in called:
            yield definition.location, f"note [^{key}] is defined but never called"


@register("N003", "error", "a note is empty")
def empty_notes(submission: Submission) -> Iterator[Hit]:
    """Yield each note without text: an empty `^[]` or an empty definition."""
    for key, definition in submission.note_definitions.items():
        if not plain_text(definition.content).strip():
            yield definition.location, f"note [^{key}] is empty"
    for note in submission.notes:
        if note.key is None and not plain_text(note.content).strip():
            yield note.location, f"{note_name(note)} is empty"


@register("N004", "warning", "the same note text is written out more than once")
def repeated_notes(submission: Submission) -> Iterator[Hit]:
    """Yield each note whose own text repeats an earlier note's (or does but for an "[Accessed …]")."""
    first: dict[str, Note] = {}
    for note in _written_notes(submission):
        key = _without_accessed(_own_text(note.content))
        if not key:
            continue
        earlier = first.setdefault(key, note)
        if earlier is not note:
            yield where_written(submission, note), _repeat_message(submission, note, earlier)


def _written_notes(submission: Submission) -> Iterator[Note]:
    """Yield each note whose text is written once: inline notes, and each keyed note's first call."""
    seen: set[str] = set()
    for note in submission.notes:
        if note.missing or (note.key and note.key in seen):
            continue
        if note.key:
            seen.add(note.key)
        yield note


def _own_text(nodes: list[Inline]) -> str:
    """Return a note's text without its citations and recommendation references, normalised.

    Notes made only of `[@source]` citations or `{rec …}` references already
    share their text by key, so only the prose written out is compared.
    """
    kept = [n for n in nodes if not isinstance(n, (Citation, RecommendationRef))]
    return " ".join(plain_text(kept).split()).strip(" .;,").casefold()


def _without_accessed(text: str) -> str:
    """Return a note's own text without an "[Accessed 24 January 2018]" and its trailing punctuation."""
    return ACCESSED.sub("", text).strip(" .;,")


def _repeat_message(submission: Submission, note: Note, earlier: Note) -> str:
    """Return the N004 message: which note it repeats, and what to do instead."""
    but = "" if _own_text(note.content) == _own_text(earlier.content) else " but for an “[Accessed …]”"
    where = in_folder(submission, where_written(submission, earlier))
    return (
        f"{note_name(note)} has the same text as {note_name(earlier)} ({where}){but}: "
        "write the source once in sources.yaml and cite it from both as [@key, pinpoint]"
    )


@register("N005", "warning", "a note call is on the wrong side of punctuation for the language")
def misplaced_calls(submission: Submission) -> Iterator[Hit]:
    """Yield each note call on the wrong side of punctuation (English: after it; French, Spanish: before)."""
    language = submission.meta.language
    for run in text_runs(submission):
        flat = flatten(run.nodes)
        for anchor in flat.note_calls():
            problem = _placement_problem(language, flat.text[: anchor.offset], flat.text[anchor.offset :])
            if problem:
                call = anchor.node
                assert isinstance(call, NoteCall)
                yield call.location, f"{note_name(call.note)} is called {problem}"


def _placement_problem(language: str, before: str, after: str) -> str | None:
    """Return what is wrong with a call between `before` and `after`, or None."""
    name = LANGUAGES.get(language, language)
    if language == "en":
        mark = _punctuation_after(after)
        return f"before the {PUNCTUATION_NAMES[mark]} ('{mark}'): {name} puts it after" if mark else None
    mark = before.rstrip()[-1:] if before.rstrip() else ""
    if mark and mark in PUNCTUATION and not before.rstrip().endswith("..."):
        return f"after the {PUNCTUATION_NAMES[mark]} ('{mark}'): {name} puts it before"
    return None


def _punctuation_after(after: str) -> str | None:
    """Return the punctuation mark that directly follows a call, if the call should follow it."""
    mark = after[:1]
    if mark and (mark in PUNCTUATION or mark in CLOSING_QUOTES):
        return mark
    if mark in ('"', "’") and (len(after) == 1 or not after[1].isalnum()):
        return mark
    return None
