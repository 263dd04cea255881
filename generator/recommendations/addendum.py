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
_LEADING_REF = re.compile(r"(\d{1,3})[.:)]\s")  # "3. Rejected"; a bare "14 June" is no reference


@dataclass(frozen=True)
class Responses:
    """The responses an addendum gives, by the number the report cites, and what could not be read."""

    by_number: dict[str, Response]
    problems: tuple[ImportProblem, ...]


def read_responses(path: Path, pending_paragraph: int | None) -> Responses:
    """Return the responses written in an addendum (a .pdf or a text file).

    *pending_paragraph* is the report's paragraph of pending recommendations,
    used for bare item numbers; None when there is no single such paragraph.
    """
    pages = read_report_pages(path)
    by_number: dict[str, Response] = {}
    problems: list[ImportProblem] = []
    for statement, page in _statements(body_of(pages, document_symbol(pages)).lines):
        refs = _refs(statement, pending_paragraph)
        if not refs:
            continue
        response = None if is_mixed(statement) else response_of(statement)
        if response is None or response.response == "pending":
            problems.append(ImportProblem(f"responses file: no single response found in {statement!r}", page))
            continue
        by_number.update(dict.fromkeys(refs, response))
    return Responses(by_number, tuple(problems))


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


def _refs(statement: str, pending_paragraph: int | None) -> list[str]:
    """Return the recommendation numbers a statement names, as the report cites them ("97.3")."""
    refs = dotted_numbers(statement) + listed_numbers(statement, pending_paragraph)
    leading = _LEADING_REF.match(statement)
    if leading:
        refs += expand(leading.group(1), pending_paragraph)
    return list(dict.fromkeys(refs))
