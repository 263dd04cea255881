"""Running text as the checks read it: what the reader sees, with the places of notes and references.

A paragraph's inline nodes become one plain string (as `plain_text` gives it)
plus *anchors*: the offsets at which note calls and recommendation references
stand in that string. Placement and claim checks work on offsets, so they can
tell which clause a note call closes and which punctuation is next to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..inline import PlainText
from ..model import Inline, NoteCall, RecommendationRef

ABBREVIATIONS = frozenset(
    "no nos p pp para paras art arts mr mrs ms dr st vol ed eds cf approx vs e.g i.e ibid op cit".split()
)
LONGEST_ABBREVIATION = max(len(word) for word in ABBREVIATIONS)
WORD_BEFORE = re.compile(r"[\w.]*$")  # the word (with its inner full stops) that ends where the search ends
SENTENCE_END = re.compile(r"[.!?…][\"”’»)\]]*(?=\s|$)")


@dataclass(frozen=True)
class Anchor:
    """A note call or recommendation reference, and where it stands in the plain text."""

    offset: int  # where it starts in FlatText.text
    end: int  # where its visible text ends (equal to offset for a note call)
    node: NoteCall | RecommendationRef


@dataclass
class FlatText:
    """Plain text of some inline nodes, with the anchors found in it (notes not entered)."""

    text: str = ""
    anchors: list[Anchor] = field(default_factory=list)

    def note_calls(self) -> list[Anchor]:
        """Return the anchors that are note calls."""
        return [a for a in self.anchors if isinstance(a.node, NoteCall)]


def flatten(nodes: list[Inline]) -> FlatText:
    """Return the plain text of `nodes` and the anchors in it, without entering notes."""
    projection = PlainText().add(nodes)
    return FlatText(projection.text, [Anchor(start, end, node) for start, end, node in projection.anchors])


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence; a sentence keeps the spaces after its full stop.

    So a note call written right after the full stop (English placement)
    falls in the sentence it closes, not the next one.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        if _is_abbreviation(text, match.start()) or not _starts_sentence(text, match.end()):
            continue
        end = _skip_spaces(text, match.end())
        spans.append((start, end))
        start = end
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    """Tell whether the full stop at `dot` ends an abbreviation ("No.", "p.", "B.") rather than a sentence."""
    if text[dot] != ".":
        return False
    # Only the few characters an abbreviation can span are searched: a search back over all the text before
    # each full stop made a long paragraph cost the square of its length.
    window = max(0, dot - LONGEST_ABBREVIATION - 1)
    word = WORD_BEFORE.search(text, window, dot)
    if word is None or (word.start() == window and window > 0):  # longer than any abbreviation
        return False
    before = word.group(0).lower()
    return len(before) == 1 or before in ABBREVIATIONS


def _starts_sentence(text: str, offset: int) -> bool:
    """Tell whether what follows `offset` can begin a sentence (or the text ends)."""
    offset = _skip_spaces(text, offset)  # not text[offset:]: a copy of the rest at each full stop is quadratic
    if offset == len(text):
        return True
    first = text[offset]
    return first.isupper() or first.isdigit() or first in "\"“‘«(["


def _skip_spaces(text: str, offset: int) -> int:
    """Return the offset after the whitespace at `offset`."""
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset
