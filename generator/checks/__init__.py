"""Checks over the resolved document model: each finding is data with a code and a place.

Each module registers its checks by code (see registry.py; every code is
described in docs/checks.md). `run_checks` runs those a submission has not
switched off and returns a `CheckReport`; the CLI only prints it.
"""

from __future__ import annotations

from ..model import Submission
from ..resolve import resolve
from . import claims, crossrefs, habits, notes, recommendations, settings, sources, wordcount  # noqa: F401  (register)
from .recommendations import recommendation_summary
from .registry import CHECKS, Check, Finding, register
from .report import CheckReport, exit_status, format_json, format_text
from .wordcount import word_count

__all__ = [
    "CHECKS", "Check", "CheckReport", "Finding", "exit_status", "format_json", "format_text", "register", "run_checks",
]


def run_checks(submission: Submission) -> CheckReport:
    """Return the findings of every check the submission has not switched off, and its summaries."""
    resolve(submission)
    disabled = submission.meta.disabled_checks
    found = {f for check in CHECKS.values() if check.code not in disabled for f in check.run(submission)}
    return CheckReport(
        root=submission.root,
        findings=tuple(sorted(found, key=Finding.sort_key)),
        word_count=word_count(submission),
        recommendations=recommendation_summary(submission),
        disabled=dict(disabled),
    )
