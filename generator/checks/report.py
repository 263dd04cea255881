"""The result of checking a submission, and its two forms: lines for people, JSON for tools."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import Location, shown_path
from .recommendations import RecommendationSummary
from .registry import Finding
from .wordcount import WordCount


@dataclass(frozen=True)
class CheckReport:
    """Every finding on one submission, in file order, and its summaries."""

    root: Path  # the submission folder
    findings: tuple[Finding, ...]
    word_count: WordCount
    recommendations: RecommendationSummary
    disabled: dict[str, str]  # code → the reason the submission gives

    def count(self, severity: str) -> int:
        """Return how many findings have `severity`."""
        return sum(f.severity == severity for f in self.findings)

    def fails(self, strict: bool = False) -> bool:
        """Tell whether the submission fails: errors, or (strict) warnings too."""
        return bool(self.count("error") or (strict and self.count("warning")))


def exit_status(reports: list[CheckReport], strict: bool = False) -> int:
    """Return the exit status of `upr check`: 1 when any submission fails, else 0."""
    return int(any(r.fails(strict) for r in reports))


def format_location(location: Location, cwd: Path) -> str:
    """Return "file:line:col" with the file shown relative to `cwd`."""
    path = shown_path(location.path, cwd)
    return f"{path}:{location.line}:{location.col}" if location.line else path


def format_finding(finding: Finding, cwd: Path) -> str:
    """Return one finding as a compiler would print it."""
    return f"{format_location(finding.location, cwd)}: {finding.severity} {finding.code} {finding.message}"


def summary_lines(report: CheckReport, cwd: Path) -> list[str]:
    """Return the summary lines of one submission: counts, recommendations, words, switched-off checks."""
    name = shown_path(report.root, cwd)
    lines = [_counts(report), report.recommendations.line(), report.word_count.line()]
    if report.disabled:
        off = "; ".join(f"{code} ({reason})" for code, reason in report.disabled.items())
        lines.append(f"checks switched off: {off}")
    return [f"{name}: {line}" for line in lines]


def _counts(report: CheckReport) -> str:
    """Return "1 error, 2 warnings" or "no problems found"."""
    parts = [_plural(report.count(s), s) for s in ("error", "warning", "info") if report.count(s)]
    return ", ".join(parts) if parts else "no problems found"


def _plural(n: int, word: str) -> str:
    """Return "1 error" or "2 errors"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_text(reports: list[CheckReport], cwd: Path) -> str:
    """Return the human output: each submission's findings, then its summary lines."""
    lines: list[str] = []
    for report in reports:
        lines += [format_finding(f, cwd) for f in report.findings]
        lines += summary_lines(report, cwd)
    return "\n".join(lines)


def format_json(reports: list[CheckReport], cwd: Path) -> str:
    """Return the reports as one JSON document, for CI and editors."""
    return json.dumps({"submissions": [_report_data(r, cwd) for r in reports]}, indent=2, ensure_ascii=False)


def _report_data(report: CheckReport, cwd: Path) -> dict[str, object]:
    """Return one report as plain data."""
    words = report.word_count
    recs = report.recommendations
    return {
        "folder": shown_path(report.root, cwd),
        "errors": report.count("error"),
        "warnings": report.count("warning"),
        "findings": [_finding_data(f, cwd) for f in report.findings],
        "recommendations": {"cited": recs.cited, **recs.responses, "not_in_data": recs.unknown,
                            "documents": list(recs.documents)},
        "word_count": {"total": words.total, "limit": words.limit, "over": words.over, "type": words.kind,
                       "profile": words.profile, "parts": words.parts, "counted": list(words.counted)},
        "disabled": report.disabled,
    }


def _finding_data(finding: Finding, cwd: Path) -> dict[str, object]:
    """Return one finding as plain data."""
    loc = finding.location
    return {"code": finding.code, "severity": finding.severity, "message": finding.message,
            "path": shown_path(loc.path, cwd), "line": loc.line, "col": loc.col}


FORMATTERS = {"text": format_text, "json": format_json}
