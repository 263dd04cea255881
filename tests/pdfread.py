"""Read a PDF's text back with pypdf, split into body text and page-foot notes.

The default template sets body text at 11 pt and up, note calls at 7 pt,
notes at 8.5 pt and the page footer at 9 pt; the text's drawn size tells
which stream a piece of text belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

NOTE_SIZE = 8.5
FOOTER_SIZE = 9.0


@dataclass
class PdfText:
    """The text of a PDF, body and notes apart, and its page count."""

    body: str
    notes: str
    pages: int


def read_pdf(path: Path) -> PdfText:
    """Return the body and the notes of the PDF at `path`, in reading order."""
    reader = PdfReader(str(path))
    body: list[str] = []
    notes: list[str] = []

    def visit(text: str, cm: list, tm: list, font_dict: dict, font_size: float) -> None:
        if not text:
            return
        size = round(font_size * tm[3] * cm[3], 1)
        if abs(size - FOOTER_SIZE) < 0.05:
            return
        (notes if abs(size - NOTE_SIZE) < 0.05 else body).append(text)

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
        body.append("\n")
        notes.append("\n")
    return PdfText("".join(body), "".join(notes), len(reader.pages))


def squeeze(text: str) -> str:
    """Return text without any whitespace (line breaks inside addresses make spaces unknowable)."""
    return "".join(text.split())
