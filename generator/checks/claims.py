"""R004: the response that the prose around a reference claims, against the data.

"Two recommendations … were accepted,^[124.27; 124.28] with one rejected.^[126.46]"
makes two claims. The claim governing a reference is found in three steps:

1. the note's own text, in the clause holding the reference
   ("Accepted: {rec 124.4}; noted: {rec 126.46}");
2. otherwise the clause the note call closes in the paragraph: the text since
   the previous call (or reference, or semicolon) of the same sentence
   ("with one rejected." for the second call above);
3. otherwise the nearest claim earlier in the same sentence, which governs a
   list: "recommendations accepted …, including on A,^[…] B,^[…] and C.^[…]".

A claim is a word with a response ("accepted", "already being implemented",
"noted", "rejected"); a negation just before it ("did not accept", "not
supported") turns it into the other response. A word of contrast ends a
negation's reach: in "was not accepted but noted" the claim after "but"
stands on its own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterator

from ..model import NoteCall, RecommendationRef, Submission
from ..traverse import text_runs
from .recommendations import response_words
from .registry import Hit, register
from .text import Anchor, FlatText, flatten, sentence_spans

OTHER = {"supported": "noted", "noted": "supported"}


@dataclass(frozen=True)
class ClaimWord:
    """A pattern that claims a response, and the contexts in which it does not."""

    pattern: re.Pattern[str]
    response: str  # "supported" or "noted"
    not_after: re.Pattern[str] | None = None  # e.g. "as " before "noted": it ends where the claim word starts
    not_before: re.Pattern[str] | None = None  # e.g. " that" after "noted": it starts where the claim word ends
    only_negated: bool = False  # "support" alone is too common a noun to count


def _word(pattern: str) -> re.Pattern[str]:
    """Return a case-insensitive whole-word pattern."""
    return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)


_ADVERBS = re.compile(r"\b(?:generally|widely|universally|internationally|commonly|broadly)\s+$", re.IGNORECASE)
CLAIM_WORDS: dict[str, tuple[ClaimWord, ...]] = {
    "en": (
        ClaimWord(_word(r"already\s+(?:being\s+)?implemented"), "supported"),
        ClaimWord(_word(r"accept(?:s|ed|ing|ance)?"), "supported", not_after=_ADVERBS),
        ClaimWord(_word(r"support(?:s|ed)"), "supported", not_after=_ADVERBS),
        ClaimWord(_word(r"support"), "supported", only_negated=True),
        ClaimWord(_word(r"agree(?:s|d)?\s+to|commit(?:s|ted)?\s+(?:itself\s+|themselves\s+)?to|pledge(?:s|d)?"),
                  "supported"),
        ClaimWord(
            _word(r"noted"), "noted",
            not_after=re.compile(r"\b(?:as(?:\s+\w+)?|be)\s+$", re.IGNORECASE),
            not_before=re.compile(r"\s+(?:above|below|earlier|previously|elsewhere|that)\b", re.IGNORECASE),
        ),
        ClaimWord(_word(r"t(?:ook|akes?|aken|aking)\s+note"), "noted"),
        ClaimWord(_word(r"reject(?:s|ed|ing|ion)?"), "noted"),
    ),
    "fr": (
        ClaimWord(_word(r"déjà\s+(?:mises?|appliquée?s?)(?:\s+en\s+œuvre)?"), "supported"),
        ClaimWord(_word(r"accept(?:e|ent|é|ée|és|ées|ait|aient|ation)"), "supported"),
        ClaimWord(_word(r"(?:soutenu|appuyé)e?s?"), "supported"),
        ClaimWord(_word(r"(?:s'est|se\s+sont|s’est)\s+engagée?s?\s+à"), "supported"),
        ClaimWord(_word(r"(?:a|ont|avait|avaient)\s+(?:seulement\s+|simplement\s+|uniquement\s+)?pris\s+note"
                        r"|prend\s+(?:seulement\s+)?note|prises?\s+en\s+note|notée?s?"), "noted"),
        ClaimWord(_word(r"rejet(?:é|ée|és|ées|ait|aient)?"), "noted"),
    ),
    "es": (
        ClaimWord(
            _word(r"ya\s+(?:se\s+)?(?:está|están|estaba|estaban)\s+(?:aplicando|aplicad[oa]s?|implementad[oa]s?)"),
            "supported",
        ),
        ClaimWord(_word(r"acept(?:ó|aron|ada|adas|ado|ados|ación)"), "supported"),
        ClaimWord(_word(r"apoy(?:ó|aron|ada|adas|ado|ados)"), "supported"),
        ClaimWord(_word(r"se\s+comprometi(?:ó|eron)\s+a"), "supported"),
        ClaimWord(_word(r"(?:solo\s+|sólo\s+|solamente\s+)?tom(?:ó|aron|a|ado)\s+nota"), "noted"),
        ClaimWord(_word(r"rechaz(?:ó|aron|ada|adas|ado|ados)"), "noted"),
    ),
}
NEGATIONS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "not never no none neither nor without failed fails fail refused refuses declined declines cannot".split()
    ),
    "fr": frozenset("pas jamais ni sans refusé refusée refusé refusant".split()),
    "es": frozenset("no nunca jamás ni sin".split()),
}
AUXILIARIES: dict[str, frozenset[str]] = {  # quoted with the negation: "did not accept"
    "en": frozenset("do does did has have had is are was were will would could".split()),
    "fr": frozenset("n'a n'ont n'avait n'avaient n'est n'ont ne".split()),
    "es": frozenset(),
}
CONTRASTS: dict[str, frozenset[str]] = {  # a negation does not reach past these: "not accepted but noted"
    "en": frozenset("but rather instead yet however".split()),
    "fr": frozenset("mais plutôt cependant toutefois pourtant".split()),
    "es": frozenset("pero sino".split()),
}
NEGATION_WINDOW = 3  # words before a claim word that can negate it
CLAUSE_BREAK = re.compile(r"[,;:.()]")


@dataclass(frozen=True)
class Claim:
    """A response claimed in the text, the words that claim it, and where they are."""

    response: str
    words: str
    start: int
    end: int


def find_claims(text: str, language: str) -> list[Claim]:
    """Return the claims in `text`, in order (English words for an unknown language)."""
    language = language if language in CLAIM_WORDS else "en"
    claims: list[Claim] = []
    for word in CLAIM_WORDS[language]:
        for match in word.pattern.finditer(text):
            claim = _claim(text, match, word, language)
            if claim is not None:
                claims.append(claim)
    return _without_overlaps(sorted(claims, key=lambda c: (c.start, -c.end)))


LOOK_AROUND = 80
"""How many characters before and after a claim word its exceptions ("as noted", "noted above") are looked for
in: the words are short, and searching all the text before each claim word cost the square of its length."""


def _claim(text: str, match: re.Match[str], word: ClaimWord, language: str) -> Claim | None:
    """Return the claim a match makes, negated if a negation precedes it; None where it makes none."""
    start, end = match.start(), match.end()
    if ((word.not_after and word.not_after.search(text, max(0, start - LOOK_AROUND), start))
            or (word.not_before and word.not_before.match(text, end, end + LOOK_AROUND))):
        return None
    negator = _negation_start(text, start, language)
    if negator is None:
        return None if word.only_negated else Claim(word.response, match.group(0), match.start(), match.end())
    return Claim(OTHER[word.response], text[negator : match.end()], negator, match.end())


def _negation_start(text: str, start: int, language: str) -> int | None:
    """Return where a negation (with its auxiliary: "did not") starts just before the claim word at `start`,
    or None."""
    words = _last_words(text, start)
    tokens = [w.group(0).lower().replace("’", "'") for w in words]
    for index in range(max(_after_contrast(tokens, language), len(words) - NEGATION_WINDOW), len(words)):
        if _negates(tokens[index], language):
            if index and tokens[index - 1] in AUXILIARIES[language]:
                index -= 1
            return words[index].start()
    return None


WORD = re.compile(r"[\w’']+")


def _last_words(text: str, start: int) -> list[re.Match[str]]:
    """Return the words before `start`: back to the clause's start, or as many as can negate a claim word,
    with its auxiliary and a word of contrast before it.

    The stretch read doubles until it holds a clause break, enough words or the whole text before, so a
    paragraph of one long clause costs in proportion to its length, not its square.
    """
    reach = 4 * LOOK_AROUND
    while True:
        low = max(0, start - reach)
        stops = [m.end() for m in CLAUSE_BREAK.finditer(text, low, start)]
        if stops:
            return list(WORD.finditer(text, stops[-1], start))
        words = list(WORD.finditer(text, low, start))
        if low == 0:
            return words
        if len(words) > NEGATION_WINDOW + 2:
            return words[1:]  # the first may be the end of a longer word
        reach *= 2


def _after_contrast(tokens: list[str], language: str) -> int:
    """Return the index of the first word after the last word of contrast ("but", "rather" …), or 0.

    Right after a negation such a word is an adverb, not a contrast: "has
    not yet accepted" is still negated.
    """
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index] in CONTRASTS[language] and not (index and _negates(tokens[index - 1], language)):
            return index + 1
    return 0


def _negates(token: str, language: str) -> bool:
    """Tell whether a (lower-case) word is a negation: "not", "never", "didn't" …"""
    return token in NEGATIONS[language] or token.endswith("n't")


def _without_overlaps(claims: list[Claim]) -> list[Claim]:
    """Return the claims with those inside a longer one dropped ("accepted" inside "not accepted")."""
    kept: list[Claim] = []
    for claim in claims:
        if kept and claim.start < kept[-1].end:
            continue
        kept.append(claim)
    return kept


@dataclass
class Clauses:
    """Where a text's sentences, clause stops (anchors, semicolons) and claims are, found once per text so that
    each anchor's claim is looked up, not searched for: a paragraph with thousands of notes stays fast."""

    flat: FlatText
    claims: list[Claim]
    spans: list[tuple[int, int]] = field(init=False)
    span_starts: list[int] = field(init=False)  # where each sentence starts, for bisection
    ends: list[int] = field(init=False)  # where each anchor ends, sorted
    offsets: list[int] = field(init=False)  # where each anchor starts, sorted
    semicolons: list[int] = field(init=False)  # the offset after each semicolon
    starts: list[int] = field(init=False)  # where each claim starts (claims come in order)

    def __post_init__(self) -> None:
        self.spans = sentence_spans(self.flat.text)
        self.span_starts = [start for start, _ in self.spans]
        self.ends = sorted(a.end for a in self.flat.anchors)
        self.offsets = sorted(a.offset for a in self.flat.anchors)
        self.semicolons = [m.end() for m in re.finditer(";", self.flat.text)]
        self.claims = sorted(self.claims, key=lambda c: (c.start, c.end))
        self.starts = [c.start for c in self.claims]

    def sentence(self, offset: int) -> tuple[int, int]:
        """Return the sentence holding `offset` (the last one for the end of the text)."""
        index = bisect.bisect_right(self.span_starts, offset) - 1
        start, end = self.spans[max(index, 0)]
        return (start, end) if start <= offset < end else self.spans[-1]

    def between(self, low: int, high: int) -> list[Claim]:
        """Return the claims that start at `low` or later and end by `high`, in order."""
        first = bisect.bisect_left(self.starts, low)
        last = bisect.bisect_right(self.starts, high)
        return [c for c in self.claims[first:last] if c.end <= high]


def governing_claim(clauses: Clauses, anchor: Anchor) -> Claim | None:
    """Return the claim that governs `anchor` (a note call or a reference) in the text, if any."""
    sentence = clauses.sentence(anchor.offset)
    start = _clause_start(clauses, anchor, sentence[0])
    own = clauses.between(start, anchor.offset)
    if own:
        return own[-1]
    if isinstance(anchor.node, RecommendationRef):
        end = _clause_end(clauses, anchor, sentence[1])
        after = clauses.between(anchor.end, end)
        if after:
            return after[0]
    earlier = clauses.between(sentence[0], start)
    return earlier[-1] if earlier else None


def _clause_start(clauses: Clauses, anchor: Anchor, sentence_start: int) -> int:
    """Return where the clause ending at `anchor` starts: after the previous anchor or semicolon."""
    stops = [sentence_start]
    # the anchors that end by this one's start, but this one itself (a note call ends where it starts)
    last = bisect.bisect_right(clauses.ends, anchor.offset) - 1  # an index, not a slice: a slice per anchor is quadratic
    if anchor.end <= anchor.offset and last >= 0 and clauses.ends[last] == anchor.end:
        last -= 1
    if last >= 0:
        stops.append(clauses.ends[last])
    semicolon = bisect.bisect_right(clauses.semicolons, anchor.offset) - 1
    if semicolon >= 0:
        stops.append(clauses.semicolons[semicolon])
    return max(stops)


def _clause_end(clauses: Clauses, anchor: Anchor, sentence_end: int) -> int:
    """Return where the clause after a reference ends ("{rec 124.4} was noted;"), or its end if none follows.

    When another reference or call comes first, the words between belong to
    it ("accepted {rec 124.4} and {rec 124.5} but noted {rec 126.46}").
    """
    text = clauses.flat.text
    index = bisect.bisect_left(clauses.offsets, anchor.end)
    following = clauses.offsets[index:index + 1]  # the first anchor after this reference
    semicolon = text.find(";", anchor.end, sentence_end)
    end = semicolon if semicolon >= 0 else sentence_end
    return anchor.end if following and min(following) < end else end


@dataclass(frozen=True)
class ClaimedRef:
    """A recommendation reference and the claim that governs it."""

    ref: RecommendationRef
    claim: Claim


def claimed_refs(submission: Submission) -> Iterator[ClaimedRef]:
    """Yield each recommendation reference in running text or notes that a claim governs."""
    language = submission.meta.language
    for run in text_runs(submission):
        flat = flatten(run.nodes)
        clauses = Clauses(flat, find_claims(flat.text, language))
        for anchor in flat.anchors:
            if isinstance(anchor.node, RecommendationRef):
                claim = governing_claim(clauses, anchor)
                if claim is not None:
                    yield ClaimedRef(anchor.node, claim)
            else:
                yield from _claimed_in_note(anchor.node, governing_claim(clauses, anchor), language)


def _claimed_in_note(call: NoteCall, outer: Claim | None, language: str) -> Iterator[ClaimedRef]:
    """Yield the references of a called note with their claim: the note's own, else the paragraph's."""
    flat = flatten(call.note.content)
    clauses = Clauses(flat, find_claims(flat.text, language))
    for anchor in flat.anchors:
        if isinstance(anchor.node, RecommendationRef):
            claim = governing_claim(clauses, anchor) or outer
            if claim is not None:
                yield ClaimedRef(anchor.node, claim)


@register("R004", "warning", "the prose around a reference claims a response the data contradicts")
def contradicted_claims(submission: Submission) -> Iterator[Hit]:
    """Yield each reference whose governing claim ("accepted", "noted" …) differs from the data's response."""
    for found in claimed_refs(submission):
        rec = found.ref.recommendation
        if rec is not None and rec.response != found.claim.response:
            yield found.ref.location, (
                f"the text says “{found.claim.words}” of recommendation {rec.number}, "
                f"which was {response_words(rec)}"
            )
