"""Read lists of recommendation numbers: "Nos. 7, 8 and 10", "97.6–97.8", "3 to 5"."""

from __future__ import annotations

import re
from collections.abc import Iterable

_REF = r"\d{1,3}(?:\.\d{1,3})?"
_LISTED = re.compile(
    rf"recommendations?\s+(?:Nos?\.\s*)?({_REF}(?:\s*(?:,|\band\b|\bto\b|-|–)\s*{_REF})*)", re.IGNORECASE
)
_DOTTED = re.compile(r"\b\d{1,3}\.\d{1,3}(?:\s*(?:-|–|\bto\b)\s*\d{1,3}\.\d{1,3})?\b")
_RANGE = re.compile(rf"({_REF})\s*(?:-|–|to)\s*({_REF})")


def listed_numbers(text: str, paragraph: int | None) -> list[str]:
    """Return the numbers after "recommendation(s) (Nos.)" in the text, as cited ("95.7").

    Bare item numbers ("Nos. 7, 8") are items of *paragraph*; they are left
    out when *paragraph* is None.
    """
    return _unique(ref for match in _LISTED.finditer(text) for ref in expand(match.group(1), paragraph))


def dotted_numbers(text: str) -> list[str]:
    """Return the paragraph.item numbers written anywhere in the text ("97.3", "97.6–97.8")."""
    return _unique(ref for match in _DOTTED.finditer(text) for ref in expand(match.group(0), None))


def expand(text: str, paragraph: int | None) -> list[str]:
    """Return the numbers in "97.3, 97.4 and 97.6–97.8" or "3 to 5" one by one, as cited."""
    refs: list[str] = []
    for part in re.split(r"\s*(?:,|\band\b)\s*", text.strip()):
        span = _RANGE.fullmatch(part)
        first, last = (span.group(1), span.group(2)) if span else (part, part)
        refs += _numbers_between(cited(first, paragraph), cited(last, paragraph))
    return refs


def cited(ref: str, paragraph: int | None) -> str | None:
    """Return "97.3" for "97.3", or for "3" when *paragraph* is 97; None when it cannot be told."""
    if "." in ref:
        return ref
    return f"{paragraph}.{ref}" if paragraph is not None and ref.isdigit() else None


def _numbers_between(first: str | None, last: str | None) -> list[str]:
    """Return the numbers from *first* to *last* of one paragraph ([] if they cannot be told)."""
    if first is None or last is None:
        return []
    paragraph, start = first.split(".")
    other, end = last.split(".")
    if other != paragraph or int(end) < int(start):
        return _unique([first, last])
    return [f"{paragraph}.{index}" for index in range(int(start), int(end) + 1)]


def _unique(refs: Iterable[str]) -> list[str]:
    """Return the refs without repeats, in order."""
    return list(dict.fromkeys(refs))
