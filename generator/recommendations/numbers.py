"""Read lists of recommendation numbers: "Nos. 7, 8 and 10", "97.6–97.8", "122.30-33", "1–5, 14– 16".

A list is read in two steps. `number_lists` finds where a text lists
numbers and returns each list as spans, as written ("122.30-33" is one span
from "122.30" to "122.33"; a bare "3" stays "3"). Turning a bare number into
the number people cite ("115.3") needs to know the report, so it is left to
the caller: `numbers_in` does it for one known paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_REF = r"\d{1,3}(?:\.\d{1,3})?"
# Lines wrapped inside a range leave a space on either side of the dash ("14– 16", "150 – 152").
# A stray full stop may stand before the dash ("50.28.-50.30").
_TO = r"(?:\.?\s*[-\u2010-\u2014\u2212]\s*|\s+(?:to|through)\s+)"
_SPAN = rf"{_REF}(?:{_TO}{_REF})?"
_AND = r"(?:\s*[,;]\s*(?:and\s+)?|\s+(?:and|or)\s+|\s*&\s*)"  # tables separate labels with ";"
# A list never starts inside a longer number, a symbol ("A/HRC/28/15") or a date ("2010–2015").
_LIST = rf"(?<![\w./\u2010-\u2014\u2212-]){_SPAN}(?:{_AND}{_SPAN})*(?![\w/]|\.\d)"
_INTRO = (
    r"\b(?:recommendations?|Recs?\.)\s*(?:(?:Nos?\.|numbers?|numbered)\s*)?:?\s*"
    r"|\brecommendations?\b(?:[^.;:]|\.(?=\d))*?:\s*"  # "recommendations … enjoy the support of X: 3, 4"
)
_FOUND = re.compile(rf"(?P<intro>{_INTRO})?(?P<list>{_LIST})", re.IGNORECASE)
_DOTTED_START = re.compile(r"\d{1,3}\.\d")
_PIECE = re.compile(rf"(?P<first>{_REF})(?:{_TO}(?P<last>{_REF}))?")
_LISTED = re.compile(rf"\brecommendations?\s*(?:(?:Nos?\.|numbers?|numbered)\s*)?(?P<list>{_LIST})", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    """One number, or a range of numbers, as a list writes it."""

    first: str
    """The first number as written: "122.30", or "14" in a list of bare numbers."""
    last: str
    """The last number: "122.33" for "122.30-33" (the paragraph is carried over), or *first*."""


@dataclass(frozen=True)
class NumberList:
    """A list of recommendation numbers in a text, and where it stands."""

    start: int
    """Where its first number starts in the text."""
    end: int
    """Where its last number ends."""
    spans: tuple[Span, ...]
    introduced: bool
    """True when words such as "recommendations" or "Rec." stand before it (False for "122.4, 122.5")."""


def number_lists(text: str) -> list[NumberList]:
    """Return the lists of recommendation numbers in the text, in order.

    A list counts when "recommendation(s)", "Recs." or "recommendations …:"
    stands before it, or when it starts with a paragraph.item number
    ("122.30-33, 122.36"); a bare "3" on its own is any number, not a list.
    """
    found: list[NumberList] = []
    for match in _FOUND.finditer(text):
        introduced = match.group("intro") is not None
        if introduced or _DOTTED_START.match(match.group("list")):
            spans = tuple(spans_of(match.group("list")))
            found.append(NumberList(match.start("list"), match.end("list"), spans, introduced))
    return found


def list_at_start(text: str) -> NumberList | None:
    """Return the list the text starts with ("Rec. 18 …", "Recs. 6–13 …", "122.14– 15 …"), or None."""
    match = _FOUND.match(text)
    if match is None or not (match.group("intro") or _DOTTED_START.match(match.group("list"))):
        return None
    return NumberList(match.start("list"), match.end("list"), tuple(spans_of(match.group("list"))),
                      match.group("intro") is not None)


def bare_list_at_start(text: str) -> NumberList | None:
    """Return the bare numbers the text starts with ("3. Not accepted", "1–5: noted"), or None."""
    match = re.match(_LIST, text)
    if match is None:
        return None
    return NumberList(0, match.end(), tuple(spans_of(match.group(0))), False)


def spans_of(list_text: str) -> list[Span]:
    """Return the spans of a list as written: "122.30-33, 36" -> 122.30–122.33 and 122.36.

    A bare number after a paragraph.item number belongs to the same
    paragraph ("122.30-33", "122.30, 31 and 32"); otherwise it stays bare.
    """
    spans: list[Span] = []
    paragraph: str | None = None
    for piece in _PIECE.finditer(list_text):
        first, last = piece.group("first"), piece.group("last") or piece.group("first")
        if "." in first:
            paragraph = first.split(".")[0]
        elif paragraph is not None:
            first = f"{paragraph}.{first}"
        if "." not in last and "." in first:
            last = f"{first.split('.')[0]}.{last}"
        spans.append(Span(first, last))
    return spans


def numbers_in(span: Span, paragraph: int | None) -> list[str]:
    """Return the numbers a span stands for, as cited ("97.6"…"97.8"); bare ones are items of *paragraph*.

    Bare numbers give [] when *paragraph* is None; a range across two
    paragraphs, or backwards, gives its two ends only.
    """
    first, last = cited(span.first, paragraph), cited(span.last, paragraph)
    if first is None or last is None:
        return []
    (start_paragraph, start), (end_paragraph, end) = first.split("."), last.split(".")
    if start_paragraph != end_paragraph or int(end) < int(start):
        return _unique([first, last])
    return [f"{start_paragraph}.{index}" for index in range(int(start), int(end) + 1)]


def cited(ref: str, paragraph: int | None) -> str | None:
    """Return "97.3" for "97.3", or for "3" when *paragraph* is 97; None when it cannot be told."""
    if "." in ref:
        return ref
    return f"{paragraph}.{ref}" if paragraph is not None and ref.isdigit() else None


def listed_numbers(text: str, paragraph: int | None) -> list[str]:
    """Return the numbers after "recommendation(s) (Nos.)" in the text, as cited ("95.7").

    Reads "did not accept recommendations 7, 12 and 15" and "Nos. 7, 8, and
    10–12". Bare item numbers are items of *paragraph*; they are left out
    when *paragraph* is None.
    """
    return _unique(
        number
        for match in _LISTED.finditer(_one_line(text))
        for span in spans_of(match.group("list"))
        for number in numbers_in(span, paragraph)
    )


def _one_line(text: str) -> str:
    """Return the text with its line breaks made spaces, so that a list wrapped over lines reads as one."""
    return re.sub(r"\s+", " ", text)


def _unique(refs: Iterable[str]) -> list[str]:
    """Return the refs without repeats, in order."""
    return list(dict.fromkeys(refs))
