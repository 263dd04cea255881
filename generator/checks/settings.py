"""Checks on the checks' own settings in submission.yaml."""

from __future__ import annotations

from typing import Iterator

from ..model import Submission
from .registry import CHECKS, Hit, register


@register("C001", "warning", "`checks: disable:` names a code that is not a check")
def unknown_disabled_codes(submission: Submission) -> Iterator[Hit]:
    """Yield each code switched off in the metadata that no check has."""
    meta = submission.meta
    for code in meta.disabled_checks:
        if code not in CHECKS:
            where = meta.disabled_check_locations.get(code, meta.location)
            yield where, f"'checks: disable:' names {code}, which is not a check code"
