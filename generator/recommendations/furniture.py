"""Strip page furniture and footnotes from report pages, leaving the body's lines.

Page furniture is what every page repeats: the document symbol and page
number in the running header or footer, and the "GE.14-23954" job number.
Footnotes sit at the foot of a page, and may interrupt a list of
recommendations in mid-item; their calls ("employment1") are taken out of
the text too, and kept so the summary can show them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_ODD_SPACES = re.compile("[\u00a0\u2007\u2009\u202f\u200b]")
_SPACES = re.compile(r"\s+")
_JOB_NUMBER = re.compile(r"(?:\d{1,3}\s+)?GE\.\d{2}-\d{4,6}\b.*")  # "GE.14-23954", "16 GE.12-14978"
_PAGE_WORD = re.compile(r"(?:Page|p\.)\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?", re.IGNORECASE)
_BARCODE = re.compile(r"\*\d{7,8}\*")
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_OTHER_FURNITURE = re.compile(r"Please recycle|Advance (?:unedited|edited) version", re.IGNORECASE)
_FOOTNOTE_START = re.compile(r"(\*{1,3}|\d{1,3})(?:\s+(\S.*))?")  # pdftotext puts the mark on a line of its own
_NUMBERED = re.compile(r"\d{1,3}(?:\.\d{1,3}\.?|\.)(?:\s.*)?")  # "124. The …", "124.4 Define …", "1. To …"
_EDGE = 3  # non-blank lines at the top and bottom of a page where its number may stand
_CALL_AFTER = r"(?:(?<=[^\W\d_])|(?<=[)\]’”\";:,])|(?<=[^\W\d_)]\.))"  # a call follows a word or punctuation
_SPACED_CALL_AFTER = r"(?<=[^\W\d_]) "  # pdftotext writes "employment 1 (Belarus)"
_SPACED_CALL_BEFORE = r"(?= \()"


@dataclass(frozen=True)
class Line:
    """One line of the report's body, with its page."""

    text: str
    """The line, with spaces collapsed and footnote calls removed."""
    page: int
    """The 1-based page of the PDF (or text file) it is on."""
    calls: tuple[str, ...] = ()
    """The markers of the footnotes called on this line."""
    block: bool | None = None
    """True when the layout shows a paragraph or item starting here (space above it), False when
    the line goes on the one above; None when not known (text input, or a page's first line)."""


@dataclass(frozen=True)
class Footnote:
    """A footnote of the report, at the foot of a page."""

    marker: str
    """The footnote's mark: "1", "2", "*", "**"."""
    text: str
    """The footnote's text on one line."""
    page: int
    """The page it is on."""


@dataclass(frozen=True)
class Body:
    """The body lines of a report and the footnotes taken out of them."""

    lines: tuple[Line, ...]
    footnotes: tuple[Footnote, ...]


def normalise_line(line: str) -> str:
    """Return a line with every run of spaces (including no-break ones) made one space, and trimmed."""
    return _SPACES.sub(" ", _ODD_SPACES.sub(" ", line)).strip()


def body_of(pages: list[str], symbol: str | None) -> Body:
    """Return the body lines of all pages, without furniture or footnotes."""
    lines: list[Line] = []
    footnotes: list[Footnote] = []
    for number, page in enumerate(pages, start=1):
        text_lines = _without_furniture([normalise_line(line) for line in page.splitlines()], symbol, number)
        body, notes = _split_footnotes(text_lines, number)
        lines.extend(_with_calls(body, number, {note.marker for note in notes}))
        footnotes.extend(notes)
    return Body(tuple(lines), tuple(footnotes))


def _without_furniture(lines: list[str], symbol: str | None, page: int) -> list[str]:
    """Return a page's lines without its running header, footer and job number (blank lines kept)."""
    filled = [index for index, line in enumerate(lines) if line]
    page_numbers = {index for index in filled[:_EDGE] + filled[-_EDGE:] if lines[index] == str(page)}
    page_numbers |= {index for index in filled[:1] + filled[-1:] if _PAGE_NUMBER.fullmatch(lines[index])}
    return ["" if index in page_numbers or _is_furniture(line, symbol) else line for index, line in enumerate(lines)]


def _is_furniture(line: str, symbol: str | None) -> bool:
    """Return True for a line that is page furniture wherever it stands: the symbol, the job number."""
    if symbol and re.fullmatch(rf"(?:\d{{1,3}} )?{re.escape(symbol)}(?: \d{{1,3}})?", line):
        return True
    return bool(_JOB_NUMBER.fullmatch(line) or _BARCODE.fullmatch(line) or _OTHER_FURNITURE.fullmatch(line)
                or _PAGE_WORD.fullmatch(line))


def is_furniture_text(line: str, symbol: str | None, page: int) -> bool:
    """Return True for a line at a page's edge that reads as furniture: the symbol, a page number, a job number."""
    return line == str(page) or bool(_PAGE_NUMBER.fullmatch(line)) or _is_furniture(line, symbol)


def _split_footnotes(lines: list[str], page: int) -> tuple[list[str], list[Footnote]]:
    """Return the non-blank body lines of a page and the footnotes at its foot."""
    start = _footnote_zone(lines)
    body = [line for line in lines[:start] if line]
    return body, _footnotes(lines[start:], page)


def _footnote_zone(lines: list[str]) -> int:
    """Return the index where the page's footnotes start (len(lines) if it has none).

    Footnotes start with a mark that is called higher up on the page, either
    alone on its line or after a blank line; nothing after the first of them
    may look like a numbered paragraph or recommendation.
    """
    for index in range(1, len(lines)):
        start = _FOOTNOTE_START.fullmatch(lines[index])
        if not start or (lines[index - 1] and start.group(2)):
            continue
        called = _call_pattern(start.group(1))
        if any(called.search(line) for line in lines[:index]) and not any(
            _NUMBERED.fullmatch(line) for line in lines[index + 1 :]
        ):
            return index
    return len(lines)


def _footnotes(lines: list[str], page: int) -> list[Footnote]:
    """Return the footnotes written in a page's footnote zone."""
    notes: list[tuple[str, list[str]]] = []
    for line in lines:
        if not line or line == str(page):  # pdftotext may put the page number among the footnotes
            continue
        start = _FOOTNOTE_START.fullmatch(line)
        if start and (not notes or follows(notes[-1][0], start.group(1))):
            notes.append((start.group(1), [start.group(2)] if start.group(2) else []))
        elif notes:
            notes[-1][1].append(line)
    return [Footnote(marker, " ".join(text), page) for marker, text in notes]


def follows(previous: str, marker: str) -> bool:
    """Return True when *marker* can be the footnote after *previous* (1 → 2, * → **, ** → 1).

    A line of a footnote that happens to start with a number ("2 per cent …")
    does not follow footnote 1, so it stays part of it.
    """
    if previous.isdigit() and marker.isdigit():
        return int(marker) == int(previous) + 1
    if previous.startswith("*") and marker.startswith("*"):
        return len(marker) == len(previous) + 1
    return True


def _with_calls(lines: list[str], page: int, markers: Iterable[str]) -> list[Line]:
    """Return Lines with the calls of this page's footnotes taken out of their text."""
    patterns = [(marker, _call_pattern(marker)) for marker in markers]
    result = []
    for text in lines:
        calls = tuple(marker for marker, pattern in patterns if pattern.search(text))
        for marker, pattern in patterns:
            text = pattern.sub("", text, count=1)
        result.append(Line(text, page, calls))
    return result


def _call_pattern(marker: str) -> re.Pattern[str]:
    """Return the pattern of a footnote call: the mark right after a word or punctuation ("employment1")."""
    glued = _CALL_AFTER + re.escape(marker) + r"(?=[\s;:,.)]|$)"
    spaced = _SPACED_CALL_AFTER + re.escape(marker) + _SPACED_CALL_BEFORE
    return re.compile(f"{glued}|{spaced}")


# --- Joining lines ---------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def vocabulary(lines: Iterable[Line]) -> frozenset[str]:
    """Return the words (casefolded, hyphenated compounds whole) written inside the lines."""
    return frozenset(word.casefold() for line in lines for word in _WORD.findall(line.text))


def join_lines(lines: Iterable[str], words: frozenset[str] = frozenset()) -> str:
    """Return the lines joined into one, with one space between them.

    A line ending in a hyphen is joined without a space. The hyphen is kept
    ("non-governmental", "ICCPR-OP 2"), unless *words* shows the word only
    unhyphenated ("protec-" + "tion"). A soft hyphen at a line end is dropped.
    """
    text = ""
    for line in filter(None, lines):
        text = _join_two(text, line, words) if text else line
    return text


def _join_two(left: str, right: str, words: frozenset[str]) -> str:
    """Return two consecutive lines joined."""
    if left.endswith("\u00ad"):
        return left[:-1] + right
    if left.endswith("/"):  # "(Montenegro)/" + "Accede …": one clustered item goes on
        return left + right
    if not left.endswith("-") or not right[:1].isalpha():
        return f"{left} {right}"
    if right[:1].isupper():  # "Inter-" + "Ministerial": a capital after the hyphen keeps it
        return left + right
    head = re.search(r"[^\W\d_]+-$", left)
    tail = re.match(r"[^\W\d_]+", right)
    if head and tail:
        whole = (head.group(0)[:-1] + tail.group(0)).casefold()
        hyphenated = (head.group(0) + tail.group(0)).casefold()
        if whole in words and hyphenated not in words:
            return left[:-1] + right
    return left + right
