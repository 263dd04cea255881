"""A problem met while importing a report: something to check by hand."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImportProblem:
    """Something the importer could not read with certainty, and where it is."""

    message: str
    """What is wrong, in one line."""
    page: int | None = None
    """The page of the report (or of the responses file) where it is."""
    number: str | None = None
    """The recommendation or paragraph concerned, e.g. "125.27" or "96"."""

    def __str__(self) -> str:
        where = ", ".join(part for part in (self._page_text(), self.number) if part)
        return f"{where}: {self.message}" if where else self.message

    def _page_text(self) -> str:
        """Return "page N", or "" when the page is unknown."""
        return f"page {self.page}" if self.page is not None else ""
