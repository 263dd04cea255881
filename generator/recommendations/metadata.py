"""Read what a Working Group report says about itself: symbol, State, session, year, cycle."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.recommendations.furniture import normalise_line

_SYMBOL = re.compile(r"A/HRC/\d{1,2}/\d{1,3}(?![\d/])")
_STATE = (
    re.compile(r"The review of (?:the )?(.+?) was held"),
    re.compile(r"adopted the report on (?:the )?(.+?)\."),
)
_SESSION = re.compile(r"held its ([\w-]+) session")
_REVIEW_DATE = re.compile(r"The review of .+? was held at the \w+ meeting,? on \d{1,2} \w+ (\d{4})")
_ANY_YEAR = re.compile(r"\b(20\d\d|19\d\d)\b")
_HEAD_PAGES = 3  # the cover, the contents and the introduction say all there is to say

_UNITS = ("first second third fourth fifth sixth seventh eighth ninth").split()
_TEENS = ("tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
_TENS = {"twent": 20, "thirt": 30, "fort": 40, "fift": 50, "sixt": 60}


@dataclass(frozen=True)
class ReportMetadata:
    """What the first pages of a report say about the review (None where they do not say)."""

    document: str | None
    """The report's symbol, e.g. "A/HRC/28/10"."""
    state_under_review: str | None
    """The State reviewed, e.g. "Kazakhstan"."""
    session: int | None
    """The session of the UPR Working Group at which the review was held."""
    year: int | None
    """The year of the review."""

    @property
    def cycle(self) -> int | None:
        """Return the UPR cycle of the session (see cycle_of_session)."""
        return cycle_of_session(self.session) if self.session else None


def cycle_of_session(session: int) -> int:
    """Return the UPR cycle a Working Group session belongs to.

    The first cycle had 12 sessions (2008–2011); every later cycle has 14
    (cycle 2: sessions 13–26, cycle 3: 27–40, cycle 4: 41–54).
    """
    return 1 if session <= 12 else 2 + (session - 13) // 14


def read_metadata(pages: list[str]) -> ReportMetadata:
    """Return what the report's pages say about the review."""
    head = " ".join(normalise_line(page) for page in pages[:_HEAD_PAGES])
    return ReportMetadata(
        document=document_symbol(pages),
        state_under_review=_first_group(_STATE, head),
        session=_session(head),
        year=_year(head),
    )


def document_symbol(pages: list[str]) -> str | None:
    """Return the symbol the report repeats on its pages ("A/HRC/28/10"), or None."""
    counts = Counter(symbol for page in pages for symbol in _SYMBOL.findall(page))
    return counts.most_common(1)[0][0] if counts else None


def _first_group(patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
    """Return the first group of the first pattern that matches, or None."""
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match.group(1).strip()
    return None


def _session(head: str) -> int | None:
    """Return the Working Group session the introduction names ("held its twentieth session")."""
    match = _SESSION.search(head)
    return ordinal_value(match.group(1)) if match else None


def _year(head: str) -> int | None:
    """Return the year of the review: the date of the review meeting, else the first year written."""
    match = _REVIEW_DATE.search(head) or _ANY_YEAR.search(head)
    return int(match.group(1)) if match else None


def ordinal_value(word: str) -> int | None:
    """Return the number an English ordinal stands for ("twentieth" -> 20, "21st" -> 21), or None."""
    word = word.casefold()
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    if digits:
        return int(digits.group(1))
    if word in _UNITS:
        return _UNITS.index(word) + 1
    if word in _TEENS:
        return _TEENS.index(word) + 10
    return _tens_ordinal(word)


def _tens_ordinal(word: str) -> int | None:
    """Return the value of "twentieth", "thirty-fourth" and the like, or None."""
    for stem, value in _TENS.items():
        if word == f"{stem}ieth":
            return value
        if word.startswith(f"{stem}y-") and word[len(stem) + 2 :] in _UNITS:
            return value + _UNITS.index(word[len(stem) + 2 :]) + 1
    return None
