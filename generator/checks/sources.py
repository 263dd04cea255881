"""Checks on sources (`sources.yaml`): defined but never cited, cited but never defined."""

from __future__ import annotations

from typing import Iterator

from ..model import Submission
from .registry import Hit, register


@register("S001", "warning", "a source is defined but never cited")
def uncited_sources(submission: Submission) -> Iterator[Hit]:
    """Yield each source that no called note cites."""
    cited = {citation.key for citation in submission.citations}
    for key, source in submission.sources.items():
        if key not in cited:
            yield source.location, f"source [@{key}] is defined but never cited"


@register("S002", "error", "a note cites a source that is not defined")
def undefined_sources(submission: Submission) -> Iterator[Hit]:
    """Yield each citation whose key is not in sources.yaml."""
    for citation in submission.citations:
        if citation.source is None:
            yield citation.location, f"source [@{citation.key}] is cited but not defined in sources.yaml"
