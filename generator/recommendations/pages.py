"""Read the pages of a Working Group report: a PDF laid out by PDFium (layout.py), or a plain-text file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ReportImportError
from generator.recommendations.furniture import Body, body_of
from generator.recommendations.layout import LayoutPage, LayoutReader, body_of_layout
from generator.recommendations.section import SECTION_HEADING, closes_section

PAGE_BREAK = "\f"
"""The page separator in plain-text input.

pdftotext writes it too: `pdftotext -layout report.pdf` gives the same
recommendations as the PDF; plain `pdftotext` drops the hyphens at line ends
("anti-torture" becomes "antitorture") and may put justified lines out of order.
"""

_CONTENTS_ENTRY = re.compile(
    r"Conclusions\s+and(?:\s*/\s*or)?\s+recommendations\s*\.{4,}.*?(\d{1,3})\s*$", re.IGNORECASE | re.M
)
_MARGIN = 2  # pages read before the one the table of contents gives, in case it is off by one or two


def read_report_pages(path: Path) -> list[str]:
    """Return the text of each page of a text file (form feeds between pages, as pdftotext writes)."""
    if not path.is_file():
        raise ReportImportError(f"{path}: no such file")
    try:
        return path.read_text(encoding="utf-8").split(PAGE_BREAK)
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportImportError(f"{path}: cannot read: {exc}") from exc


@dataclass(frozen=True)
class ReportPages:
    """A report's pages as text and, for a PDF, as laid out."""

    texts: list[str]
    """The text of each page ("" for a page not read)."""
    layout: list[LayoutPage | None] | None
    """Each page's lines with their places (None for a page not read); None for text input."""

    def body(self, symbol: str | None) -> Body:
        """Return the body lines without furniture and footnotes: by layout for a PDF, by text otherwise."""
        return body_of(self.texts, symbol) if self.layout is None else body_of_layout(self.layout, symbol)


def read_report(path: Path) -> ReportPages:
    """Return a report's pages: laid out for a PDF (see layout.py), as text for a text file.

    Only the first pages (cover, contents, introduction) and the pages of
    the conclusions are laid out: the review's summary before them and the
    annexes after them are not needed. The pages not read stay in the list
    as None, so that page numbers stay those of the PDF.
    """
    if path.suffix.lower() != ".pdf":
        return ReportPages(read_report_pages(path), None)
    if not path.is_file():
        raise ReportImportError(f"{path}: no such file")
    with LayoutReader(path) as reader:
        head = [reader.page(index).text() for index in range(min(3, len(reader)))]
        start = _conclusions_page(head)
        first = 3 if start is None else max(3, start - 1 - _MARGIN)
        if not _read_section(reader, first) and first > 3:
            _read_section(reader, 3)  # the contents were wrong: read from the start
        pages = reader.pages()
    return ReportPages([page.text() if page else "" for page in pages], pages)


def read_document(path: Path) -> ReportPages:
    """Return every page of a document (an addendum): laid out for a PDF, as text for a text file."""
    if path.suffix.lower() != ".pdf":
        return ReportPages(read_report_pages(path), None)
    if not path.is_file():
        raise ReportImportError(f"{path}: no such file")
    with LayoutReader(path) as reader:
        pages: list[LayoutPage | None] = [reader.page(index) for index in range(len(reader))]
    return ReportPages([page.text() if page else "" for page in pages], pages)


def _read_section(reader: LayoutReader, first: int) -> bool:
    """Lay out the pages from *first* until the one that closes the section; return True if its heading was seen."""
    seen = False
    for index in range(first, len(reader)):
        text = reader.page(index).text()
        seen = seen or _has_section([text])
        if seen and closes_section(text):
            break
    return seen


def _has_section(pages: list[str]) -> bool:
    """Return True when one of the pages has the conclusions section's heading."""
    return any(SECTION_HEADING.fullmatch(" ".join(line.split())) for page in pages for line in page.splitlines())


def _conclusions_page(head: list[str]) -> int | None:
    """Return the page the table of contents gives for the conclusions, or None."""
    match = _CONTENTS_ENTRY.search("\n".join(head))
    return int(match.group(1)) if match else None
