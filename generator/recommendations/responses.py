"""Tell the response to a group of recommendations from the words a report or an addendum uses for it.

The response is what the governing clause says, not any word anywhere:
"Colombia has submitted its views on recommendations noted in the report"
does not note anything, and "Slovenia supports new developments in
palliative care" supports no recommendation. A clause gives a response when

- the State is the subject of a response verb whose object is the
  recommendations ("Slovenia accepts the recommendations", "does not support
  the following recommendations", "takes note of", "agreed on the following");
- the recommendations are the subject of a response predicate ("the
  recommendations below did not enjoy the support of X", "enjoy its
  support", "were noted", "are partially accepted");
- it defers the response ("will be examined by X, which will provide
  responses in due time");
- a position word stands where a list or a table puts it, right after the
  numbers ("97.1 Accepted.", "Recommendations 7.4 to 7.6: rejected").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.recommendations.numbers import bare_list_at_start, list_at_start

PARTIALLY_SUPPORTED = "partially supported"

_PENDING = re.compile(
    r"\bwill be (?:examined|considered)\b|\bwill (?:provide (?:its |their )?responses?|respond)\b"
    r"|\bin due (?:course|time)\b|\bwill be included in the outcome report\b"
    r"|\b(?:is|are|remains?) (?:still )?under (?:consideration|review|examination)\b",
    re.IGNORECASE,
)
_POSITION_WORDS = (
    r"(?:(?P<both>(?:supported|accepted)\s*/\s*noted)|(?P<partial>(?:partially|partly)\s+)?(?P<neg>not\s+)?"
    r"(?P<word>accepted|supported|noted|rejected|agreed(?:\s+(?:to|upon))?|taken\s+note\s+of)"
    r"(?P<in_part>\s+(?:in\s+part|partially|partly))?)"
)
# A position as a table cell or a list entry writes it: a word or two, then the end or a comma.
# A position as a table cell or a list entry writes it: a word or two, then the end or a comma.
_POSITION = re.compile(
    rf"{_POSITION_WORDS}(?=\s*(?:[,.;:)]|$|\s(?:by|in|and|as|with|because|since|but|for|—|–)\b))", re.IGNORECASE
)
_AUX = r"(?:is|are|was|were|be|being|has\s+been|have\s+been|had\s+been|will\s+be|would\s+be|shall\s+be)"
# "could not be accepted", "cannot be supported", "have not been accepted": the negation is before "be".
_AUX_NEGATED = (r"(?:will|would|could|can|shall|may|might|must)\s+not\s+be|cannot\s+be"
                r"|ha(?:ve|s|d)\s+not\s+been")
_ADVERB = r"(?:also|now|hereby|thus|therefore|fully|already|immediately|subsequently|duly|all|each|both)"
_NEGATED = (
    r"(?:(?:does|do|did|can|could|will|would|shall)\s*not|cannot|(?:does|do|did)n[’']t"
    r"|is\s+not\s+(?:able|in\s+a\s+position)\s+to)"
)
_ENJOY_WORDS = (
    rf"(?P<enjoy_neg>{_NEGATED}\s+)?\b(?:enjoys?|enjoyed|ha(?:ve|s|d)|receive[sd]?|obtain(?:s|ed)?)\s+"
    r"(?:the\s+|its\s+|their\s+)?(?P<enjoy_partial>partial\s+)?support\b"
)
_GAP = r"(?:[^.;:]|\.(?=\d))*?"  # words within a clause; "122.4" does not end it
# The object of a response verb: "the following recommendations", "this recommendation", "the following:".
_OBJECT = (
    r"(?:(?:the|all|these|those|this|its|following|remaining|other|said|of|listed|below|above)\s+)*"
    r"(?:recommendations?\b|following\b)"
)
# A bare "accept" is a response only after its subject ("We accept"): alone it opens a recommendation's text.
_SUBJECT = r"(?:\b(?:we|they|it|government|state|[A-Z][\w’'-]+)\s+(?:(?:also|now|hereby|therefore|fully|only)\s+)?)"
_BASE_VERB = r"(?:accept|support|agree\s+(?:to|with|on)|take\s+note\s+of|reject)"
# "the supported recommendations" names recommendations; it does not support them.
_NOT_ADJECTIVE = r"(?<!\bthe\s)(?<!\bthese\s)(?<!\bthose\s)(?<!\ball\s)"
_VERB_OBJECT = re.compile(
    rf"(?:(?P<neg>{_NEGATED})\s+{_BASE_VERB}"
    rf"|{_NOT_ADJECTIVE}(?P<verb>accepts|accepted|supports|supported|agrees\s+(?:to|with|on)|agreed\s+(?:to|with|on)"
    r"|notes|noted|takes\s+note\s+of|took\s+note\s+of|rejects|rejected)"
    rf"|{_SUBJECT}(?P<plain>{_BASE_VERB}))"
    rf"(?P<partial>\s+(?:partially|partly|in\s+part))?\s+{_OBJECT}",
)
_PREDICATE = re.compile(
    rf"\brecommendations?\b{_GAP}\b(?:(?:(?P<aux_neg>{_AUX_NEGATED})|{_AUX})\s+(?:{_ADVERB}\s+)*{_POSITION_WORDS}\b"
    rf"|{_ENJOY_WORDS})",
    re.IGNORECASE,
)
# "accepts recommendation 115.11 in part", "partially supports": the clause supports only part of it.
_IN_PART = re.compile(r"\b(?:in\s+part|partially|partly)\b", re.IGNORECASE)
# "supports 115.1 to 115.20, with the exception of 115.16": one clause, two responses; read by no one here.
_EXCEPT = re.compile(r"\b(?:except|with\s+the\s+exception\s+of|other\s+than|save\s+for)\b", re.IGNORECASE)
_ENJOYS = re.compile(_ENJOY_WORDS, re.IGNORECASE)
_POSITION_ANYWHERE = re.compile(rf"\b{_POSITION_WORDS}\b", re.IGNORECASE)
_AFTER_LIST = re.compile(
    rf"\s*(?:above|below)?\s*(?:[:;.)–—-]\s*|\s)\s*(?:(?:(?P<aux_neg>{_AUX_NEGATED})|{_AUX})\s+)?(?:(?:{_ADVERB})\s+)*"
    rf"(?:{_POSITION.pattern}|{_ENJOY_WORDS})",
    re.IGNORECASE,
)
_AFTER_LIST_PENDING = re.compile(r"\s*(?:[:.–—-]\s*)?(?:is|are|remains?)\s+(?:still\s+)?under\s+"
                                 r"(?:consideration|review|examination)\b", re.IGNORECASE)
_ABBREVIATED = (  # "Nos. 7", "Rec. 18", "para. 3", "e.g. the", "A. Smith" do not end a clause
    r"(?<!\b[A-Z])(?<!\bNos)(?<!\bNo)(?<!\bRecs)(?<!\bRec)(?<!\bparas)(?<!\bpara)(?<!\be\.g)(?<!\bi\.e)(?<!\bart)"
)
_LEADING_NUMBER = r"(?<!^\d)(?<!^\d\d)(?<!^\d\d\d)"  # "3. Not accepted." is one clause
_CLAUSE_END = re.compile(rf"{_ABBREVIATED}{_LEADING_NUMBER}(?:(?<=\S)\.(?=\s+[^a-z\s]|\s*$)|[;!?](?=\s|$))\s*")
_INTRODUCES = re.compile(r"\b(?:below|following|listed|as follows)\b|:\s*$", re.IGNORECASE)
_ALREADY = re.compile(r"already (?:been )?implemented|(?:has|have) been already implemented", re.IGNORECASE)
_UNDER_WAY = re.compile(r"in (?:the )?process of (?:being implemented|implementation)", re.IGNORECASE)

ALREADY_IMPLEMENTED = "already implemented"
IN_PROCESS = "in the process of being implemented"
ALREADY_OR_IN_PROCESS = "already implemented or in the process of being implemented"


@dataclass(frozen=True)
class Response:
    """A response and, where the words give one, its finer category."""

    response: str
    """"supported", "noted", "partially supported" or "pending"."""
    category: str | None = None
    """"already implemented", "in the process of being implemented", both, or None."""


def response_of(words: str) -> Response | None:
    """Return the response the words give to the recommendations they introduce, or None.

    "… enjoy the support of …" gives supported; a paragraph that also says
    something else ("Colombia has submitted its views on recommendations
    noted in the report …") is read by its governing clause. When clauses
    disagree, the one that introduces the list ("below", "following", a
    closing colon) decides; None when that does not settle it.
    """
    leading = leading_position(words)
    if leading is not None:
        return leading
    given = [(clause, response) for clause in clauses_of(words) for response in _clause_responses(clause)]
    if not given:
        return None
    kinds = {response for _, response in given}
    if len(kinds) > 1:
        kinds = {response for clause, response in given if _INTRODUCES.search(clause)}
    if len(kinds) != 1:
        return None
    return _with_category(kinds.pop(), words)


def response_before_list(words: str) -> Response | None:
    """Return the response a clause gives to the list that follows it ("The Government accepts the
    recommendations" + "1–5, 14–16"), or None: the response verb nearest the list decides."""
    clause = clauses_of(words)[-1] if words.strip() else ""
    verbs = list(_VERB_OBJECT.finditer(clause))
    if not verbs:
        return response_of(clause)
    if _EXCEPT.search(clause):
        return None  # "supports …, with the exception of 115.5, which it notes": a person reads it
    response = _verb_response(verbs[-1])
    if response == "supported" and _IN_PART.search(clause):
        response = PARTIALLY_SUPPORTED
    return _with_category(response, clause)


def response_after_list(words: str) -> Response | None:
    """Return the response given right after a list ("… 7.6: rejected", "… are accepted", " Noted"), or None."""
    if _AFTER_LIST_PENDING.match(words):
        return Response("pending")
    match = _AFTER_LIST.match(words)
    if match is None:
        return None
    return Response(_match_response(match))


def position_of(words: str) -> Response | None:
    """Return the position a table cell, a list entry or a heading gives ("Not accepted", "Supported,
    already implemented", "Accepted recommendations"), or None: the first position word decides."""
    match = _ENJOYS.search(words) or _POSITION_ANYWHERE.search(words)
    if match is None:
        return Response("pending") if _PENDING.search(words) else None
    return _with_category(_match_response(match), words)


def leading_position(words: str) -> Response | None:
    """Return the position a statement opens with after its numbers ("3. Not accepted.",
    "Recommendations 7.4 to 7.6: rejected", "7.7 Supported, already implemented"), or None."""
    listed = list_at_start(words) or bare_list_at_start(words)
    if listed is None:
        return None
    after = response_after_list(words[listed.end :])
    return _with_category(after.response, words) if after else None


def clauses_of(words: str) -> list[str]:
    """Return the sentences and ";"-clauses of the words ("Nos." and "122.4" do not end one)."""
    return [clause for clause in _CLAUSE_END.split(" ".join(words.split())) if clause.strip()]


def last_clause_start(text: str) -> int:
    """Return where the last clause of the text starts (0 when it has one clause)."""
    ends = [match.end() for match in _CLAUSE_END.finditer(text)]
    return ends[-1] if ends else 0


def names_an_exception(words: str) -> bool:
    """Return True when the words make an exception ("except", "with the exception of"): the exception
    takes another response, which no rule here can tell."""
    return bool(_EXCEPT.search(words))


def in_part(response: Response, words: str) -> Response:
    """Return "partially supported" for a supported response whose words say "in part", "partially"."""
    return Response(PARTIALLY_SUPPORTED) if response.response == "supported" and _IN_PART.search(words) else response


def category_of(words: str) -> str | None:
    """Return the implementation category the words give, or None."""
    already, under_way = bool(_ALREADY.search(words)), bool(_UNDER_WAY.search(words))
    if already and under_way:
        return ALREADY_OR_IN_PROCESS
    if already:
        return ALREADY_IMPLEMENTED
    return IN_PROCESS if under_way else None


def _clause_responses(clause: str) -> list[str]:
    """Return the responses one clause gives, in order (usually one, or none)."""
    if _PENDING.search(clause):
        return ["pending"]
    leading = leading_position(clause)
    if leading is not None:
        return [leading.response]
    found = [(match.start(), _verb_response(match)) for match in _VERB_OBJECT.finditer(clause)]
    found += [(match.start(), _match_response(match)) for match in _PREDICATE.finditer(clause)]
    if found and _EXCEPT.search(clause):
        return []  # the exception takes its own response: a person has to read it
    if _IN_PART.search(clause):
        found = [(start, PARTIALLY_SUPPORTED if response == "supported" else response) for start, response in found]
    return [response for _, response in sorted(found)]


def _match_response(match: re.Match[str]) -> str:
    """Return the response of a match that holds either a position phrase or "enjoy(s) the support"."""
    groups = match.groupdict()
    return _position_response(match) if groups.get("word") or groups.get("both") else _enjoy_response(match)


def _verb_response(match: re.Match[str]) -> str:
    """Return the response of "accepts the recommendations", "does not support", "takes note of" …"""
    if match.group("partial"):
        return PARTIALLY_SUPPORTED
    if match.group("neg"):
        return "noted"
    verb = (match.group("verb") or match.group("plain") or "").casefold()
    return "noted" if verb.startswith(("not", "take", "took", "reject")) else "supported"


def _position_response(match: re.Match[str]) -> str:
    """Return the response of a position phrase ("not accepted", "partially supported", "noted")."""
    if match.group("both") or match.group("partial") or match.group("in_part"):
        return PARTIALLY_SUPPORTED
    word = match.group("word").casefold()
    if match.group("neg") or match.groupdict().get("aux_neg") or word.startswith(("noted", "rejected", "taken")):
        return "noted"
    return "supported"


def _enjoy_response(match: re.Match[str]) -> str:
    """Return the response of "enjoys the support", "did not enjoy its support", "the partial support"."""
    if match.group("enjoy_neg"):
        return "noted"
    return PARTIALLY_SUPPORTED if match.group("enjoy_partial") else "supported"


def _with_category(response: str, words: str) -> Response:
    """Return the response, with the category the words give when it is supported."""
    return Response(response, category_of(words) if response == "supported" else None)
