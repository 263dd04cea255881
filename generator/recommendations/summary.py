"""The lines an import prints: counts, problems, and where the responses come from.

The report importer and the matrix reader both end their summaries with
these, so the figures a user reads are counted one way everywhere and always
agree with the data file written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from generator.recommendations.data import RESPONSES, RecommendationSet
from generator.recommendations.problems import ImportProblem


def shorten(text: str, width: int = 80) -> str:
    """Return the text cut to *width* characters, with an ellipsis if cut."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def review_line(rset: RecommendationSet) -> str:
    """Return "A/HRC/28/10: Kazakhstan, cycle 2, session 20, 2014 (read from report.pdf)"."""
    parts = (rset.state_under_review, _labelled("cycle", rset.cycle), _labelled("session", rset.session),
             str(rset.year or ""))
    review = ", ".join(part for part in parts if part)
    return f"{rset.document}: {review}" + (f" (read from {rset.source})" if rset.source else "")


def _labelled(label: str, value: int | None) -> str:
    """Return "cycle 2", or "" when the value is unknown."""
    return f"{label} {value}" if value is not None else ""


def count_line(rset: RecommendationSet) -> str:
    """Return "163 recommendations: 142 supported, 21 noted"."""
    found = rset.counts()
    given = ", ".join(f"{found[response]} {response}" for response in RESPONSES if found[response])
    return f"{len(rset)} recommendation{'s' if len(rset) != 1 else ''}: {given}"


def problem_lines(problems: Iterable[ImportProblem], none: str = "No problems.") -> list[str]:
    """Return the lines listing the problems, or *none* when there are none."""
    problems = list(problems)
    if not problems:
        return [none] if none else []
    return [f"{len(problems)} problem(s) to check by hand:"] + [f"  {problem}" for problem in problems]


def response_sources(rset: RecommendationSet) -> dict[str, int]:
    """Return how many responses each document gave, most first: the response_source's symbol, else the report."""
    found = Counter(rset.response_document(rec) for rec in rset if rec.response != "pending")
    return dict(found.most_common())


def source_lines(rset: RecommendationSet, addendum: str | None = None, addendum_read: bool = False,
                 hint: bool = True) -> list[str]:
    """Return where the responses come from, and, when some are pending, which document gives them
    (unless *hint* is False: a matrix read alone has nothing further to point to)."""
    sources = response_sources(rset)
    lines = []
    if sources:
        lines.append("Responses: " + ", ".join(
            f"{count} from {source}{' (the report)' if source == rset.document else ''}"
            for source, count in sources.items()))
    pending = sum(rec.response == "pending" for rec in rset)
    if pending and not hint:
        lines.append(f"{pending} recommendation{'s' if pending != 1 else ''} without a position (pending)")
    elif pending and addendum_read:
        lines.append(f"{pending} recommendation{'s' if pending != 1 else ''} still pending: {addendum} gives no "
                     "single response for them; OHCHR's matrix may (--matrix MATRIX.docx)")
    elif pending:
        addendum_name = f"the report's addendum, {addendum}" if addendum else "the report's addendum"
        lines.append(f"{pending} recommendation{'s' if pending != 1 else ''} still pending: give the State's later "
                     f"responses with --responses ADDENDUM.pdf ({addendum_name}) or --matrix MATRIX.docx "
                     "(OHCHR's thematic list of recommendations)")
    return lines
