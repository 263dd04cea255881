"""Findings, and the registry of checks by code.

A check is a function from the resolved submission to (location, message)
pairs; `register` gives it its code and severity once, so every finding of
one code has the same severity and a submission can switch a code off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Literal

from ..errors import Location, shown_path
from ..model import Submission

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
Hit = tuple[Location, str]  # what a check function yields: where, and what is wrong
CheckFunction = Callable[[Submission], Iterable[Hit]]


@dataclass(frozen=True)
class Finding:
    """One problem a check found, at the place in the YAML the author edits."""

    code: str  # e.g. "N001"
    severity: Severity
    message: str
    location: Location

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Return the key that orders findings by file, line, column, then code."""
        loc = self.location
        return (str(loc.path), loc.line, loc.col, self.code, self.message)


@dataclass(frozen=True)
class Check:
    """A registered check: its code, severity, a one-line description and its function."""

    code: str
    severity: Severity
    description: str
    function: CheckFunction

    def run(self, submission: Submission) -> list[Finding]:
        """Return this check's findings on `submission`."""
        return [Finding(self.code, self.severity, message, where) for where, message in self.function(submission)]


CHECKS: dict[str, Check] = {}
"""Every check, by code, in the order the modules register them."""


def register(code: str, severity: Severity, description: str) -> Callable[[CheckFunction], CheckFunction]:
    """Return a decorator that registers a check function under `code`."""

    def add(function: CheckFunction) -> CheckFunction:
        """Record `function` as the check `code` and return it unchanged."""
        if code in CHECKS:
            raise ValueError(f"check code {code} is registered twice")
        CHECKS[code] = Check(code, severity, description, function)
        return function

    return add


def in_folder(submission: Submission, location: Location) -> str:
    """Return "sections/x.yaml:12": a location as a message names it, inside the submission folder."""
    shown = shown_path(location.path, submission.root)
    return f"{shown}:{location.line}" if location.line else shown
