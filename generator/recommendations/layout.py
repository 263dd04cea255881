"""Read a report's pages by layout: each line with its place, size and the space above it.

PDFium (through pypdfium2) gives every character with its box and type
size. From them this module builds words and lines, and tells three things
that plain text cannot:

- page furniture (running header, page number, job number) by its place:
  what recurs at the same height on several pages, or stands at a page's top
  or bottom edge and reads like furniture;
- footnotes by their smaller type at the foot of the page, and their calls by
  the small raised marks inside the body;
- where a paragraph or item starts, by the extra space above its first line,
  so that a misprinted number still starts an item of its own.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import ReportImportError
from generator.recommendations.furniture import Body, Footnote, Line, follows, is_furniture_text, normalise_line

_MARK = re.compile(r"\*{1,3}|∗{1,3}|\d{1,3}")
_EDGE = 3  # lines at each end of a page that may be furniture
_RECURS = 2  # a line at the same height on this many pages (and a quarter of those read), same shape: furniture
# What furniture never is: an item or entry number ("122.55"), a State group ("(Spain);"), a line ending an item.
_BODY_LIKE = re.compile(r"^\d{1,3}\s?[.\-–]\s?\d{1,3}\b|\)\s*[;.]?$|;$")
_HEIGHT_STEP = 4.0  # points: two lines "at the same height" on different pages round to the same step
_SMALL = 0.93  # type this much smaller than the body's is a footnote's (or furniture's)
_MARK_SIZE = 0.8  # a call is set at most this size of the body type
_BLOCK_GAP = 0.4  # a space above a line of more than this many times its type size starts a block


@dataclass(frozen=True)
class LayoutLine:
    """One line of a page as laid out: its words joined, and where and how it is set."""

    text: str
    top: float
    bottom: float
    size: float
    """The type size of most of its characters."""
    marks: tuple[str, ...]
    """Small raised marks (footnote calls) set in it, taken out of *text*."""
    mark_first: str | None
    """The mark it starts with, when it starts with one (a footnote's own mark)."""


@dataclass(frozen=True)
class LayoutPage:
    """The lines of one page, top to bottom."""

    number: int
    lines: tuple[LayoutLine, ...]

    def text(self) -> str:
        """Return the page as plain text, one line per line."""
        return "\n".join(line.text for line in self.lines)


class LayoutReader:
    """An open PDF whose pages are laid out on first request, each once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pdf = open_pdf(path)
        self._pages: dict[int, LayoutPage] = {}

    def __enter__(self) -> LayoutReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pdf.close()

    def __len__(self) -> int:
        """Return how many pages the PDF has."""
        return len(self._pdf)

    def page(self, index: int) -> LayoutPage:
        """Return the page at *index* (0-based), laid out."""
        if index not in self._pages:
            try:
                self._pages[index] = _layout_page(self._pdf[index], index + 1)
            except Exception as exc:  # PDFium reports a damaged page as a bare error; all mean the same here
                raise ReportImportError(f"{self.path}: cannot read the text of page {index + 1} "
                                        f"({type(exc).__name__}: {exc})") from exc
        return self._pages[index]

    def pages(self) -> list[LayoutPage | None]:
        """Return every page, None for those never requested."""
        return [self._pages.get(index) for index in range(len(self))]


def open_pdf(path: Path) -> Any:
    """Return an open pypdfium2 document, or raise a one-line ReportImportError (damaged, encrypted …)."""
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).casefold():
            raise ReportImportError(f"{path}: the PDF is encrypted and needs a password; "
                                    "save a copy without one and import that") from exc
        raise ReportImportError(f"{path}: not a PDF, or a damaged one ({exc})") from exc
    except OSError as exc:
        raise ReportImportError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc


_SOFT_HYPHEN = 0x02  # PDFium's code for a hyphen that ends a line
_UNMAPPED = 0xFFFE  # PDFium's code for a character it could not map


def _layout_page(page: Any, number: int) -> LayoutPage:
    """Return one page's lines, rebuilt from its characters."""
    return LayoutPage(number, tuple(_lines(_words(page, float(page.get_height())))))


def _words(page: Any, height: float) -> list[dict[str, Any]]:
    """Return the page's words, each with its text, left edge, top, bottom and type size (top-down, in points).

    A word ends at a space (written, or added by PDFium where it sees one),
    where the type size changes (a footnote call), where the baseline moves,
    and at a gap wider than a quarter of the type size (justified text
    whose spaces are only drawn as distance).
    """
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    matrix = pdfium_c.FS_MATRIX()
    words: list[dict[str, Any]] = []
    word: dict[str, Any] | None = None
    try:
        for index in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
            generated = pdfium_c.FPDFText_IsGenerated(textpage.raw, index) and code != _SOFT_HYPHEN
            if generated or code == _UNMAPPED or chr(code).isspace():
                word = None
                continue
            size = _type_size(textpage, index, matrix)
            left, baseline, right, _ = textpage.get_charbox(index, loose=True)
            bottom = height - baseline
            if word is not None and not _goes_on(word, size, left, bottom):
                word = None
            if word is None:
                word = {"text": "", "x0": left, "x1": right, "size": size, "top": bottom - size, "bottom": bottom,
                        "last": left}
                words.append(word)
            word["text"] += "-" if code == _SOFT_HYPHEN else chr(code)
            word["x1"], word["last"] = max(word["x1"], right), left
    finally:
        textpage.close()
    return words


def _type_size(textpage: Any, index: int, matrix: Any) -> float:
    """Return the size a character is set in, in points: its font size scaled by the text matrix.

    Some PDFs set every font at size 1 and scale the text instead, so the
    font size alone says nothing.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, index))
    if pdfium_c.FPDFText_GetMatrix(textpage.raw, index, ctypes.byref(matrix)):
        size *= math.hypot(matrix.c, matrix.d)
    return round(size, 2)


def _goes_on(word: dict[str, Any], size: float, left: float, bottom: float) -> bool:
    """Return True when a character of this size and place continues the word.

    The letters of a ligature ("ﬂ" in "reflect") share one box, so a
    character may start where the one before it started.
    """
    return (abs(size - word["size"]) < 0.05 and abs(bottom - word["bottom"]) < size * 0.3
            and min(word["x1"] - 2, word["last"]) <= left <= word["x1"] + size * 0.25)


def _lines(words: list[dict[str, Any]]) -> list[LayoutLine]:
    """Return the words grouped into lines: a word joins a line its vertical middle falls within."""
    groups: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        line = next((g for g in reversed(groups[-3:]) if _span(g)[0] - 0.5 <= middle <= _span(g)[1] + 0.5), None)
        if line is None:
            groups.append([word])
        else:
            line.append(word)
    return [_line(sorted(group, key=lambda w: w["x0"])) for group in groups]


def _span(words: list[dict[str, Any]]) -> tuple[float, float]:
    """Return the top and bottom of the line's main (not raised) words."""
    size = max(w["size"] for w in words)
    main = [w for w in words if w["size"] >= size * _MARK_SIZE] or words
    return min(w["top"] for w in main), max(w["bottom"] for w in main)


def _line(words: list[dict[str, Any]]) -> LayoutLine:
    """Return one line: its text without the small raised marks in it, and the marks."""
    size = Counter(round(w["size"], 1) for w in words for _ in w["text"]).most_common(1)[0][0]
    top, bottom = _span(words)
    marks: list[str] = []
    parts: list[str] = []
    first: str | None = None
    for index, word in enumerate(words):
        if word["size"] < size * _MARK_SIZE and _MARK.fullmatch(word["text"]):
            if index == 0:
                first = _ascii_mark(word["text"])
            else:
                marks.append(_ascii_mark(word["text"]))
            continue
        parts.append(word["text"])
    return LayoutLine(normalise_line(" ".join(parts)), top, bottom, size, tuple(marks), first)


def _ascii_mark(mark: str) -> str:
    """Return a footnote mark with "∗" (U+2217) written "*", as the report's text calls it."""
    return mark.replace("∗", "*")


# --- From layout to the report's body -------------------------------------------


def body_of_layout(pages: Sequence[LayoutPage | None], symbol: str | None) -> Body:
    """Return the body lines of the pages read, without furniture or footnotes, each marked where a block starts."""
    read = [page for page in pages if page is not None]
    furniture = _recurring(read)
    body_size = _body_size(read)
    lines: list[Line] = []
    footnotes: list[Footnote] = []
    for page in read:
        edges = _edge_lines(page)
        kept = [line for line in page.lines
                if not (line in edges and _is_furniture(page, line, symbol, furniture))]
        start = _footnote_start(kept, body_size)
        lines += _body_lines(kept[:start], page.number)
        footnotes += _footnotes(kept[start:], page.number)
    return Body(tuple(lines), tuple(footnotes))


def _shape(text: str) -> str:
    """Return the text with its numbers blanked: "Page 12" and "Page 13" have one shape."""
    return re.sub(r"\d+", "#", text)


def _edge_lines(page: LayoutPage) -> list[LayoutLine]:
    """Return the lines at the top and bottom of a page, where furniture stands."""
    return list(page.lines[:_EDGE]) + list(page.lines[-_EDGE:])


def _recurring(pages: list[LayoutPage]) -> set[tuple[int, str]]:
    """Return the (height step, shape) of edge lines that recur on several pages: the running furniture."""
    seen = Counter(
        key for page in pages
        for key in {_place(line) for line in _edge_lines(page) if not _BODY_LIKE.search(line.text)}
    )
    least = max(_RECURS, len(pages) // 4)
    return {key for key, count in seen.items() if count >= least and len(key[1].split()) <= 6}


def _place(line: LayoutLine) -> tuple[int, str]:
    """Return where and what an edge line is, as running furniture repeats it: its height step and shape."""
    return round(line.top / _HEIGHT_STEP), _shape(line.text)


def _is_furniture(page: LayoutPage, line: LayoutLine, symbol: str | None, recurring: set[tuple[int, str]]) -> bool:
    """Return True for an edge line that is running furniture or reads as furniture."""
    return _place(line) in recurring or is_furniture_text(line.text, symbol, page.number)


def _body_size(pages: list[LayoutPage]) -> float:
    """Return the type size of the body text: the size most characters are set in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _footnote_start(lines: list[LayoutLine], body_size: float) -> int:
    """Return the index of the page's first footnote line (len(lines) if none).

    Footnotes are the run of smaller type that closes the page and opens with
    a mark (raised, or written on the line: "1 The recommendation …").
    """
    start = len(lines)
    for index in range(len(lines) - 1, 0, -1):
        if lines[index].size >= body_size * _SMALL:
            break
        if lines[index].mark_first or _MARK.match(lines[index].text.split(" ")[0] if lines[index].text else ""):
            start = index
    return start


def _body_lines(lines: list[LayoutLine], page: int) -> list[Line]:
    """Return the body lines of a page, each telling whether a block starts there."""
    result: list[Line] = []
    previous: LayoutLine | None = None
    for line in lines:
        block = None if previous is None else line.top - previous.bottom > _BLOCK_GAP * line.size
        text = f"{line.mark_first} {line.text}".strip() if line.mark_first else line.text
        if text:
            result.append(Line(text, page, line.marks, block))
        previous = line
    return result


def _footnotes(lines: list[LayoutLine], page: int) -> list[Footnote]:
    """Return the footnotes of a page's footnote zone."""
    notes: list[tuple[str, list[str]]] = []
    for line in lines:
        marker = line.mark_first
        text = line.text
        if marker is None:
            written = re.match(r"(\*{1,3}|∗{1,3}|\d{1,3})\s+(.*)", text)
            if written and (not notes or follows(notes[-1][0], _ascii_mark(written.group(1)))):
                marker, text = _ascii_mark(written.group(1)), written.group(2)
        if marker is not None:
            notes.append((marker, [text] if text else []))
        elif notes:
            notes[-1][1].append(text)
    return [Footnote(marker, " ".join(text), page) for marker, text in notes]
