"""The word count, as OHCHR counts it, and the word-limit checks.

Which parts count and the limits come from a named profile, because the
guidance changes between cycles; a submission can name another profile or
override the limit and the parts in its metadata (`word_count:`). See
docs/checks.md for what the default profile counts and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..inline import plain_text
from ..model import Assessment, Inline, Section, Submission
from ..labels import labels_for
from ..render.common import cover_lines
from ..traverse import text_runs
from .registry import Hit, register

PARTS = ("body", "notes", "cover", "recommendations", "annex")


@dataclass(frozen=True)
class Profile:
    """A named word-count rule: the limit by submission type, and the parts that count."""

    name: str
    limits: dict[str, int]  # "individual" / "joint" → words
    parts: tuple[str, ...]
    source: str  # the guidance it follows


PROFILES: dict[str, Profile] = {
    "ohchr-2024": Profile(
        name="ohchr-2024",
        limits={"individual": 2815, "joint": 5630},
        parts=("body", "cover", "recommendations"),
        source="OHCHR technical guidelines for stakeholders' submissions (third and fourth cycles)",
    ),
    "ohchr-2024-with-notes": Profile(
        name="ohchr-2024-with-notes",
        limits={"individual": 2815, "joint": 5630},
        parts=("body", "notes", "cover", "recommendations"),
        source="the same limits, counting footnotes too, for a reader who counts them",
    ),
}
DEFAULT_PROFILE = "ohchr-2024"


@dataclass(frozen=True)
class WordCount:
    """The words of each part, which parts count, and the limit they count against."""

    parts: dict[str, int]  # every part of PARTS, counted or not
    counted: tuple[str, ...]
    limit: int
    kind: str  # "individual" or "joint"
    profile: str

    @property
    def total(self) -> int:
        """Return the words of the parts that count."""
        return sum(self.parts[p] for p in self.counted)

    @property
    def over(self) -> int:
        """Return how many words the total exceeds the limit by (negative when under)."""
        return self.total - self.limit

    def headline(self) -> str:
        """Return "5,321 words (joint submission, limit 5,630): 309 under"."""
        side = f"{self.over:,} over" if self.over > 0 else f"{-self.over:,} under"
        return f"{self.total:,} words ({self.kind} submission, limit {self.limit:,}): {side}"

    def line(self) -> str:
        """Return the headline with the parts: counted ones summed, the others after."""
        counted = " + ".join(f"{p} {self.parts[p]:,}" for p in PARTS if p in self.counted)
        others = ", ".join(f"{p} {self.parts[p]:,}" for p in PARTS if p not in self.counted)
        rest = f"; not counted: {others}" if others else ""
        return f"{self.headline()} [{counted}{rest}; profile {self.profile}]"


def count_words(text: str) -> int:
    """Return the words in `text` as a word processor counts them: runs of characters between spaces."""
    return len(text.split())


def word_count(submission: Submission) -> WordCount:
    """Return the submission's word count under its profile (the default when its settings are wrong)."""
    meta = submission.meta
    profile = PROFILES.get(meta.word_limit_profile or DEFAULT_PROFILE, PROFILES[DEFAULT_PROFILE])
    wanted = meta.word_count_parts if meta.word_count_parts is not None else profile.parts
    return WordCount(
        parts=part_counts(submission),
        counted=tuple(p for p in PARTS if p in wanted),
        limit=meta.word_limits.get(meta.type, profile.limits[meta.type]),
        kind=meta.type,
        profile=profile.name,
    )


def part_counts(submission: Submission) -> dict[str, int]:
    """Return the words of each part of the submission as the outputs show them."""
    runs = list(text_runs(submission))
    return {
        "body": sum(_words(r.nodes) for r in runs if r.kind != "recommendation")
        + sum(_heading_words(s) for s in submission.sections),
        "notes": sum(_words(note.content) for note in submission.notes),
        "cover": _cover_words(submission),
        "recommendations": sum(_words(r.nodes) for r in runs if r.kind == "recommendation")
        + sum(_recommendations_heading_words(s) for s in submission.sections),
        "annex": _annex_words(submission) if submission.annex else 0,
    }


def _words(nodes: list[Inline]) -> int:
    """Return the words a reader sees in `nodes` (note calls are marks, not words)."""
    return count_words(plain_text(nodes))


def _heading_words(section: Section) -> int:
    """Return the words of a section's heading and its subsections' headings."""
    below = sum(_heading_words(b) for b in section.body if isinstance(b, Section))
    return count_words(section.heading) + below


def _recommendations_heading_words(section: Section) -> int:
    """Return the words of the "Recommendations" headings in a section and its subsections."""
    own = count_words(section.recommendations_title) if section.recommendations else 0
    return own + sum(_recommendations_heading_words(b) for b in section.body if isinstance(b, Section))


def _cover_words(submission: Submission) -> int:
    """Return the words of the cover: title, submitting organisations, review, organisations' details."""
    cover = cover_lines(submission)
    texts = [cover.title, cover.submitted_by, cover.review]
    texts += [f"{line.name}: {line.details}" for line in cover.organisation_lines]
    return sum(count_words(t) for t in texts)


def _annex_words(submission: Submission) -> int:
    """Return the words of the implementation annex: headings, then one row per assessment."""
    headings = " ".join([submission.annex_title or "", *labels_for(submission.meta.language).annex_columns])
    return count_words(headings) + sum(_assessment_words(a) for a in submission.assessments)


def _assessment_words(assessment: Assessment) -> int:
    """Return the words of one annex row."""
    rec = assessment.recommendation
    cells = [assessment.number, assessment.status, plain_text(assessment.comment)]
    if rec is not None:
        cells += [rec.text, "; ".join(rec.states), rec.response, rec.category or ""]
    return sum(count_words(c) for c in cells)


def profile_problems(submission: Submission) -> Iterator[Hit]:
    """Yield what is wrong with the metadata's `word_count:` settings, where it is written."""
    meta = submission.meta
    if meta.word_limit_profile and meta.word_limit_profile not in PROFILES:
        where = meta.word_count_location or meta.location
        yield where, f"unknown word-count profile '{meta.word_limit_profile}': choose from {', '.join(PROFILES)}"
    for index, part in enumerate(meta.word_count_parts or []):
        if part not in PARTS:
            locations = meta.word_count_part_locations
            where = locations[index] if index < len(locations) else meta.location
            yield where, f"unknown word-count part '{part}': choose from {', '.join(PARTS)}"


@register("W001", "error", "the word count exceeds the limit")
def word_limit(submission: Submission) -> Iterator[Hit]:
    """Yield one finding when the counted words exceed the limit."""
    count = word_count(submission)
    if count.over > 0:
        yield submission.meta.location, count.headline()


@register("W002", "error", "the `word_count:` settings name an unknown profile or part")
def word_count_settings(submission: Submission) -> Iterator[Hit]:
    """Yield each problem in the word-count settings (the count then uses the default profile)."""
    yield from profile_problems(submission)
