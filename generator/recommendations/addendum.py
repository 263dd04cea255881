"""Read the responses a State gave later, in an addendum, to recommendations the report left pending.

An addendum (e.g. A/HRC/14/10/Add.1) answers in statements such as
"97.1 Accepted.", "Recommendations 97.3, 97.4 and 97.5 are supported.",
"Recommendations 97.6–97.8: not accepted." or, in a list under the
paragraph's heading, "3. Rejected". Bare item numbers ("3.") are taken to be
items of the report's one paragraph of pending recommendations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.recommendations.furniture import Line, body_of, join_lines
from generator.recommendations.metadata import document_symbol
from generator.recommendations.numbers import dotted_numbers, expand, listed_numbers
from generator.recommendations.pages import read_report_pages
from generator.recommendations.problems import ImportProblem
from generator.recommendations.responses import Response, is_mixed, response_of

_STATEMENT_START = re.compile(r"(?:Recommendations?\b|\d{1,3}(?:\.\d{1,3})?\b)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[^\W\d_)\]][.;])(?<!\bNo\.)(?<!\bNos\.)(?<!\bpara\.)\s+")
# A bare number counts only as a list entry that starts with its response ("3. Not accepted."):
# "1. Ruritania has considered …" is a paragraph number.
_LEADING_REF = re.compile(
    r"(\d{1,3})[.:)]\s+(?=(?:not\s+)?(?:accepted|supported|noted|rejected)\b)", re.IGNORECASE
)


@dataclass(frozen=True)
class LaterResponse:
    """A response an addendum gives to one recommendation."""

    number: str
    """The recommendation's number as the report cites it ("97.3")."""
    response: Response
    page: int
    """The page of the addendum that gives it."""


@dataclass(frozen=True)
class Responses:
    """The responses an addendum gives, in its order, and what could not be read."""

    responses: tuple[LaterResponse, ...]
    problems: tuple[ImportProblem, ...]


def read_responses(path: Path, pending_paragraph: int | None) -> Responses:
    """Return the responses written in an addendum (a .pdf or a text file).

    *pending_paragraph* is the report's paragraph of pending recommendations,
    used for bare item numbers; None when there is no single such paragraph.
    """
    pages = read_report_pages(path)
    found: list[LaterResponse] = []
    problems: list[ImportProblem] = []
    for statement, page in _statements(body_of(pages, document_symbol(pages)).lines):
        named, leading = _named_refs(statement, pending_paragraph), _leading_refs(statement, pending_paragraph)
        response = None if is_mixed(statement) else response_of(statement)
        if response is not None and response.response != "pending" and (named or leading):
            found += [LaterResponse(number, response, page) for number in dict.fromkeys(named + leading)]
        elif named:
            problems.append(ImportProblem(f"responses file: no single response found in {statement!r}", page))
    return Responses(tuple(found), tuple(problems))


def _statements(lines: tuple[Line, ...]) -> list[tuple[str, int]]:
    """Return the file's statements with their pages: sentences, and lines that start with a number."""
    groups: list[list[Line]] = []
    for line in lines:
        if not groups or _STATEMENT_START.match(line.text):
            groups.append([])
        groups[-1].append(line)
    return [
        (sentence, group[0].page)
        for group in groups
        for sentence in _SENTENCE_END.split(join_lines(line.text for line in group))
        if sentence
    ]


def _named_refs(statement: str, pending_paragraph: int | None) -> list[str]:
    """Return the numbers a statement names as recommendations ("97.3", "recommendations 3 and 4")."""
    return list(dict.fromkeys(dotted_numbers(statement) + listed_numbers(statement, pending_paragraph)))


def _leading_refs(statement: str, pending_paragraph: int | None) -> list[str]:
    """Return the number a statement starts with, as in a list ("3. Rejected" -> ["97.3"])."""
    leading = _LEADING_REF.match(statement)
    return expand(leading.group(1), pending_paragraph) if leading else []
