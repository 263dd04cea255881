"""Checks of `{rec …}` references against the previous cycle's recommendation data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from ..model import Inline, RecommendationRef, Submission
from ..recommendations.data import RESPONSES, Recommendation
from ..recommendations.states import same_states
from ..traverse import inline_nodes
from .registry import Hit, register

RESPONSE_WORDS = {"supported": "supported", "noted": "noted", "partially supported": "partially supported",
                  "pending": "pending (no response in the report)"}


@dataclass(frozen=True)
class RecommendationSummary:
    """How many previous recommendations the text cites, by the data's response."""

    cited: int
    responses: dict[str, int]  # "supported" / "noted" / "pending" → count
    unknown: int  # cited numbers the data does not have
    documents: tuple[str, ...]  # the reports the data comes from

    def line(self) -> str:
        """Return the summary line: "21 previous recommendations cited (A/HRC/28/10): 9 supported, 12 noted"."""
        if not self.cited:
            return "no previous recommendations cited"
        counts = [f"{n} {r}" for r, n in self.responses.items() if n]
        if self.unknown:
            counts.append(f"{self.unknown} not in the data")
        source = f" ({', '.join(self.documents)})" if self.documents else ""
        plural = "recommendation" if self.cited == 1 else "recommendations"
        return f"{self.cited} previous {plural} cited{source}: {', '.join(counts)}"


def recommendation_summary(submission: Submission) -> RecommendationSummary:
    """Return the count of distinct recommendations cited, by response."""
    numbers = dict.fromkeys(ref.number for ref in submission.recommendation_refs)
    found = [submission.find_recommendation(n) for n in numbers]
    responses = Counter(rec.response for rec in found if rec is not None)
    return RecommendationSummary(
        cited=len(numbers),
        responses={r: responses[r] for r in RESPONSES},
        unknown=sum(rec is None for rec in found),
        documents=tuple(rset.document for rset in submission.recommendation_data),
    )


def response_words(recommendation: Recommendation) -> str:
    """Return how messages say a response: "noted (A/HRC/28/10)"."""
    return f"{RESPONSE_WORDS.get(recommendation.response, recommendation.response)} ({recommendation.document})"


@register("R001", "error", "a recommendation number is not in the data, or there is no data")
def unknown_numbers(submission: Submission) -> Iterator[Hit]:
    """Yield each reference or assessment whose number the recommendation data lacks."""
    why = _why_unknown(submission)
    for ref in submission.recommendation_refs:
        if ref.recommendation is None:
            yield ref.location, f"recommendation {ref.number} {why}"
    for assessment in submission.assessments:
        if assessment.recommendation is None:
            yield assessment.location, f"recommendation {assessment.number} {why}"


def _why_unknown(submission: Submission) -> str:
    """Return why a number is not found: no data at all, or not in the data (of which cycle)."""
    sets = submission.recommendation_data
    if not sets:
        return ("cannot be checked: the submission lists no recommendation_data (import the previous review's "
                "report with upr recommendations import, and name the file under recommendation_data:)")
    documents = ", ".join(rset.document for rset in sets)
    if no_previous_cycle_data(submission):
        return f"is not in {documents}, and no data of cycle {submission.meta.cycle - 1} (the previous cycle) is listed"
    return f"is not in {documents}"


def no_previous_cycle_data(submission: Submission) -> bool:
    """Tell whether the submission lists recommendation data, none of it from the previous cycle."""
    sets = submission.recommendation_data
    previous = submission.meta.cycle - 1
    return bool(sets) and all(rset.cycle is not None and rset.cycle != previous for rset in sets)


@register("R008", "warning", "no recommendation data of the previous cycle is listed")
def cycle_differs(submission: Submission) -> Iterator[Hit]:
    """Yield one finding at `cycle:` when every data file is of another cycle than the previous one."""
    if not no_previous_cycle_data(submission):
        return
    meta = submission.meta
    listed = ", ".join(f"{rset.document} (cycle {rset.cycle})" for rset in submission.recommendation_data)
    yield meta.value_locations.get("cycle", meta.location), (
        f"cycle: {meta.cycle} follows up the recommendations of cycle {meta.cycle - 1}, but the data is {listed}: "
        "correct cycle:, or import the report of the previous review")


@register("R002", "error", "the State written beside a number differs from the data")
def wrong_states(submission: Submission) -> Iterator[Hit]:
    """Yield each reference whose written State(s) are not the recommending State(s) of the data."""
    for ref in submission.recommendation_refs:
        rec = ref.recommendation
        if rec is None or not ref.written_states or same_states(ref.written_states, rec.states):
            continue
        written = " ".join(f"({s})" for s in ref.written_states)
        made_by = " and ".join(rec.states) or "no State"
        yield ref.location, f"{{rec {ref.number} {written}}}: {ref.number} was made by {made_by} ({rec.document})"


@register("R003", "error", "the response written in a reference differs from the data")
def wrong_claimed_responses(submission: Submission) -> Iterator[Hit]:
    """Yield each `{rec N supported}` / `{rec N noted}` that the data contradicts."""
    for ref in submission.recommendation_refs:
        rec = ref.recommendation
        if rec is not None and ref.claimed_response and ref.claimed_response != rec.response:
            yield ref.location, (
                f"{{rec {ref.number} {ref.claimed_response}}}: {ref.number} was {response_words(rec)}"
            )


@register("R005", "warning", "the same recommendation is cited twice in one note")
def repeated_in_note(submission: Submission) -> Iterator[Hit]:
    """Yield each reference that repeats a number already cited in the same note."""
    for note in submission.notes:
        seen: set[str] = set()
        for ref in _refs_in(note.content):
            if ref.number in seen:
                yield ref.location, f"recommendation {ref.number} is cited twice in note {note.number}"
            seen.add(ref.number)


def _refs_in(nodes: list[Inline]) -> list[RecommendationRef]:
    """Return the recommendation references among `nodes`, in order."""
    return [n for n in inline_nodes(nodes) if isinstance(n, RecommendationRef)]
