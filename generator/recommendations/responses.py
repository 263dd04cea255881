"""Tell the response to a group of recommendations from the words the report uses for it."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PENDING = re.compile(
    r"will be examined|will (?:provide (?:its )?responses?|respond)|in due (?:course|time)"
    r"|will be included in the outcome report",
    re.IGNORECASE,
)
_NOTED = re.compile(
    r"\b(?:did|do|does) not (?:enjoy|have) the support|\b(?:did|do|does) not support\b|\bnot supported\b|\bnoted\b|\bnot accept(?:ed)?\b"
    r"|\bdoes not accept\b|\brejected\b|\bdid not accept\b|\btakes? note\b",
    re.IGNORECASE,
)
_SUPPORTED = re.compile(r"\benjoys? the support\b|\bsupport(?:s|ed)\b|\baccept(?:s|ed)?\b", re.IGNORECASE)
_PARTIAL = re.compile(r"\bpartial(?:ly)?\b|\bin part\b", re.IGNORECASE)
_ALREADY = re.compile(r"already (?:been )?implemented|(?:has|have) been already implemented", re.IGNORECASE)
_UNDER_WAY = re.compile(r"in the process of (?:being implemented|implementation)", re.IGNORECASE)

ALREADY_IMPLEMENTED = "already implemented"
IN_PROCESS = "in the process of being implemented"
ALREADY_OR_IN_PROCESS = "already implemented or in the process of being implemented"


@dataclass(frozen=True)
class Response:
    """A response and, where the words give one, its finer category."""

    response: str
    """"supported", "noted" or "pending"."""
    category: str | None = None
    """"already implemented", "in the process of being implemented", both, or None."""


def response_of(words: str) -> Response | None:
    """Return the response the words give ("… enjoy the support of …" -> supported), or None.

    A partial response ("partially accepted") gives None: it is neither
    supported nor noted, and a person has to decide how to record it.
    """
    if _PARTIAL.search(words):
        return None
    if _PENDING.search(words):
        return Response("pending")
    if _NOTED.search(words):
        return Response("noted")
    if _SUPPORTED.search(words):
        return Response("supported", category_of(words))
    return None


def is_mixed(words: str) -> bool:
    """Return True when the words give more than one response ("97.1 is accepted. 97.2 is noted")."""
    without_noted = _NOTED.sub(" ", words)
    return without_noted != words and bool(_SUPPORTED.search(without_noted))


def category_of(words: str) -> str | None:
    """Return the implementation category the words give, or None."""
    already, under_way = bool(_ALREADY.search(words)), bool(_UNDER_WAY.search(words))
    if already and under_way:
        return ALREADY_OR_IN_PROCESS
    if already:
        return ALREADY_IMPLEMENTED
    return IN_PROCESS if under_way else None
