"""Exceptions raised by upr's library code (the CLI turns them into one-line messages)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A place in a content file: path, 1-based line and column."""

    path: Path
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        shown = shown_path(self.path)
        return f"{shown}:{self.line}:{self.col}" if self.line else shown


def shown_path(path: Path, base: Path | None = None) -> str:
    """Return a path as a person would type it: relative to `base` (the current folder) when inside it."""
    base = base or Path.cwd()
    return str(path.relative_to(base)) if path.is_relative_to(base) else str(path)


def fault_line(exc: Exception, written: str = "nothing more was written") -> str:
    """Return how a fault of upr's own (not of the content) is told: one line that says how to see more."""
    return (f"upr itself failed ({type(exc).__name__}: {exc}); {written}. Run again with UPR_DEBUG=1 to see where, "
            "and please report it")


class UprError(Exception):
    """Base class of every error upr raises on purpose."""

    exit_code = 1

    def lines(self) -> list[str]:
        """Return the error as the lines to print (one, but for several content errors found in one run)."""
        return [str(self)]


class UsageProblem(UprError):
    """The command was given something it cannot take: a folder that does not exist, arguments that do not
    go together. Exits 2, as click's own usage errors do."""

    exit_code = 2


class ContentError(UprError):
    """Content that cannot be read: bad YAML, a schema error, a missing file."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"


class ContentErrors(ContentError):
    """Several pieces of content that cannot be read, found in one run: each file (and each paragraph) is
    read even when an earlier one has a mistake, so the writer sees them all at once."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__(str(errors[0]), errors[0].location)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)

    def lines(self) -> list[str]:
        return [str(error) for error in self.errors]


class RenderError(UprError):
    """An output could not be produced (missing template, font, converter)."""


class ReportImportError(UprError):
    """A Working Group report could not be read."""
