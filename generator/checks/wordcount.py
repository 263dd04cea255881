"""The word count, as OHCHR counts it, and the word-limit checks.

Which parts count and the limits come from a named profile, because the
guidance changes between cycles; a submission can name another profile or
override the limit and the parts in its metadata (`word_count:`). See
docs/checks.md for what the default profile counts and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..formatting import Block, format_submission, section_blocks
from ..inline import plain_text
from ..model import Inline, Section, Submission
from ..traverse import note_calls
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
    """Return the words of each part as the outputs show them: the blocks formatting.py words, and the notes."""
    counts = dict.fromkeys(PARTS, 0)
    for block in format_submission(submission):
        counts[block.part] += _block_words(block)
    counts["notes"] = sum(_words(note.content) for note in submission.notes)
    return counts


def _block_words(block: Block) -> int:
    """Return the words a block shows (an annex row: those of its cells)."""
    return sum(_words(list(cell)) for cell in (block.content, *block.cells))


def section_words(submission: Submission, counted: tuple[str, ...]) -> list[tuple[Section, int]]:
    """Return each section with the words of it that count (its notes' too, when notes count)."""
    found = []
    for section in submission.sections:
        blocks = section_blocks(section)
        words = sum(_block_words(block) for block in blocks if block.part in counted)
        if "notes" in counted:
            words += sum(_words(call.note.content) for call in note_calls(block.content for block in blocks))
        found.append((section, words))
    return found


def _words(nodes: list[Inline]) -> int:
    """Return the words a reader sees in `nodes` (note calls are marks, not words)."""
    return count_words(plain_text(nodes))


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
    """Yield one finding when the counted words exceed the limit, at the section whose words pass it, with the
    words of every section: the writer sees what to cut."""
    count = word_count(submission)
    if count.over <= 0:
        return
    by_section = section_words(submission, count.counted)
    running = count.parts["cover"] if "cover" in count.counted else 0
    where, passed = submission.meta.location, "by the cover alone"
    if running <= count.limit:
        passed = "in the annex"  # unless a section passes it first
        for section, words in by_section:
            running += words
            if running > count.limit:
                where, passed = section.location, f"in “{section.heading}”"
                break
    sections = "; ".join(f"{section.heading} {words:,}" for section, words in by_section)
    yield where, f"{count.headline()}: the limit is passed {passed} (by section: {sections})"


@register("W002", "error", "the `word_count:` settings name an unknown profile or part")
def word_count_settings(submission: Submission) -> Iterator[Hit]:
    """Yield each problem in the word-count settings (the count then uses the default profile)."""
    yield from profile_problems(submission)
