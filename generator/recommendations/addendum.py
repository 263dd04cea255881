"""Read the responses a State gave later, in an addendum, to the recommendations of its report.

An addendum (A/HRC/28/15/Add.1, "Views on conclusions and/or recommendations,
voluntary commitments and replies presented by the State under review") is
read as a run of blocks:

- headings ("I. Accepted recommendations", "Recommendations not supported"),
  each governing the numbers listed under it until the next heading;
- numbered paragraphs, whose clauses give responses to the lists of numbers
  they name ("3. The Government … accepts the recommendations 1–5, 14–
  16, …"), lists wrapped over lines and ranges ("122.30-33") included;
- entries that open with numbers: comments ("Rec. 18 We consider …",
  "122.14– 15" on a line of its own), list entries ("97.1 Accepted.") and
  table rows ("122.1 Ratify … (France) Supported").

Every reading is a claim on a number. The claims on one number must agree,
or the number is left pending and a problem says why. Comment prose counts
only where nothing else answers the number, so it never overrides a
position ("122.54 Slovenia considers this recommendation implemented" under
"Noted recommendations" stays noted).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from generator.recommendations.data import RESPONSES, Recommendation
from generator.recommendations.furniture import Body, Line, join_lines
from generator.recommendations.numbers import (
    NumberList,
    Span,
    bare_list_at_start,
    list_at_start,
    number_lists,
    numbers_in,
)
from generator.recommendations.pages import read_document
from generator.recommendations.problems import ImportProblem
from generator.recommendations.responses import (
    Response,
    category_of,
    clauses_of,
    in_part,
    last_clause_start,
    names_an_exception,
    position_of,
    response_after_list,
    response_before_list,
    response_of,
)

_SYMBOL = re.compile(r"A\s?/\s?HRC/\d{1,2}/\d{1,3}/Add\.\d{1,2}")
_PARAGRAPH = re.compile(r"(\d{1,3})\.\s+(\S.*)")
_HEADING = re.compile(r"(?:(?:[IVXL]+|[A-H]|\d{1,2})\.\s+)?(?P<title>[A-Z][^.;:!?]*)")
_HEADING_WORDS = 14  # a line this long or longer is prose, not a heading
# A line after one of these goes on with the same list or sentence ("14–" / "16, 20–23").
_OPEN_END = re.compile(r"(?:[,\u2010-\u2014\u2212/(-]|(?<=\d);"
                       r"|\b(?:and|to|or|of|the|in|Nos?\.|Recs?\.|recommendations?|paragraphs?|para\.))$",
                       re.IGNORECASE)
_CLOSED_END = re.compile(r"[.:;!?][)”’\"]?\d{0,2}$")  # a sentence ends here, maybe with a footnote call
_ENTRY_REST = re.compile(r"$|\s*[:;\u2013\u2014-]|\s+[A-Z“\"(]")
# A position cell follows the numbers or a word, not a full stop: "… (Senegal); Supported  The line …".
_CELL = re.compile(r"(?:^|(?<=[\w)\]”’;,]))\s+(?P<cell>(?:Partially\s+)?(?:Not\s+)?"
                   r"(?:Supported|Accepted|Noted|Rejected)(?:\s*/\s*Noted|\s+in\s+part)?)(?=[\s.,;]|$)")
_BARE_LISTING = re.compile(r"(?:(?:the\s+)?following\s+)?(?:recommendations?|Recs?\.)?(?:\s+Nos?\.)?\s*:?\s*",
                           re.IGNORECASE)
_CONTEXT = re.compile(r"\brecommendations?\b[^.]{0,80}?\bparagraphs?\s+(\d{1,3})\b", re.IGNORECASE)
_COUNT_BY_VERB = re.compile(
    r"\b(?P<neg>(?:does|do|did)\s+not\s+)?(?P<verb>accepts|accepted|supports|supported|notes|noted"
    r"|takes\s+note\s+of|took\s+note\s+of|rejects|rejected)\s+(?:a\s+total\s+of\s+|only\s+|all\s+)?"
    r"(?P<n>\d{1,4})\b(?!\s*[-–.,]\s*\d)",
    re.IGNORECASE,
)
_COUNT_BY_WORD = re.compile(
    r"(?<![\d.])(?P<n>\d{1,4})\s+(?:(?:further|other|more|remaining)\s+)?(?:(?:of\s+them|recommendations)\s+)?"
    r"(?:(?:are|were|have\s+been|has\s+been|was|is)\s+)?(?:(?:now|already|immediately|subsequently|also|fully)\s+)*"
    r"(?P<position>partially\s+(?:supported|accepted)|not\s+(?:supported|accepted)|supported|accepted|noted|rejected)"
    r"\b",
    re.IGNORECASE,
)
_OUT_OF = re.compile(r"\b(?:of\s+the|remaining|contains|received|total\s+of|out\s+of)\s+(?:\w+\s+)?(?P<n>\d{1,4})"
                     r"\s+recommendations\b", re.IGNORECASE)
# "of which 58 were immediately supported": those are the responses the report itself gave.
_OF_REPORT = re.compile(r"\bimmediately\b|\bduring the (?:interactive dialogue|review)\b", re.IGNORECASE)


@dataclass(frozen=True)
class LaterResponse:
    """A response an addendum gives to one recommendation."""

    number: str
    """The recommendation's number as the report cites it ("97.3")."""
    response: Response
    page: int
    """The page of the addendum that gives it."""
    paragraph: int | None = None
    """The addendum's paragraph that gives it (3 for "3. The Government accepts …"), if numbered."""
    source: str | None = None
    """Where it is given, for Recommendation.response_source: "A/HRC/28/15/Add.1, para. 3"."""


@dataclass(frozen=True)
class StatedTotals:
    """What an addendum says its responses add up to ("of which 124 are now supported and 33 noted")."""

    counts: dict[str, int]
    """How many recommendations get each response, in the order of RESPONSES."""
    out_of: int | None
    """How many recommendations they are counted from ("the remaining 157"), when it says."""
    page: int
    paragraph: int | None
    of_report: bool = False
    """True when they count the responses the report itself gave ("58 were immediately supported")."""

    def where(self) -> str:
        """Return "para. 2", or "page 2" when the paragraph has no number."""
        return f"para. {self.paragraph}" if self.paragraph is not None else f"page {self.page}"


@dataclass(frozen=True)
class Responses:
    """The responses an addendum gives, in its order, its stated totals and what could not be read."""

    responses: tuple[LaterResponse, ...]
    problems: tuple[ImportProblem, ...]
    stated_totals: tuple[StatedTotals, ...] = ()
    document: str | None = None
    """The addendum's symbol, e.g. "A/HRC/28/15/Add.1"."""


@dataclass(frozen=True)
class Filled:
    """A report's recommendations after an addendum's responses are filled in."""

    recommendations: dict[str, Recommendation]
    """All the recommendations, in report order."""
    problems: tuple[ImportProblem, ...]
    checked: tuple[str, ...] = ()
    """The totals the addendum states that the result meets, each said in one line."""


def read_addendum(path: Path, numbers: Collection[str]) -> Responses:
    """Return the responses an addendum (a .pdf, or text with form feeds between pages) gives.

    *numbers* are the report's recommendation numbers, in report order: a
    bare "3" is read as the one number of the report ending in ".3" (or as
    item 3 of the paragraph the addendum names), and a number the report
    does not have is a problem, not a response.
    """
    body, document = _addendum_body(path)
    blocks = _blocks(body.lines)
    reader = _Reader(list(numbers), _context_paragraph(body), document)
    for block in blocks:
        reader.read(block)
    responses, problems = reader.finish()
    return Responses(responses, problems, tuple(_stated_totals(blocks)), document)


def fill_responses(recommendations: Mapping[str, Recommendation], found: Responses) -> Filled:
    """Return the recommendations with the pending ones answered as the addendum says, checked
    against the totals it states; a response the report already gave is kept."""
    recs = dict(recommendations)
    problems = list(found.problems)
    for later in found.responses:
        rec = recs.get(later.number)
        if rec is None:  # read against other numbers than these
            problems.append(ImportProblem("the addendum answers a recommendation the report does not have",
                                          later.page, later.number))
        elif rec.response == "pending":
            recs[later.number] = replace(rec, response=later.response.response, category=later.response.category,
                                         response_source=later.source)
        elif rec.response != later.response.response:
            problems.append(ImportProblem(
                f"the addendum says {later.response.response} ({_where(later)}) where the report says "
                f"{rec.response}; the report's response is kept", later.page, later.number))
    still = [rec.number for rec in recs.values() if rec.response == "pending"]
    if still:
        problems.append(ImportProblem(f"the addendum gives no response for {len(still)} pending "
                                      f"recommendation(s), which stay pending: {', '.join(still)}"))
    before = {number: rec.response for number, rec in recommendations.items()}
    after = {number: rec.response for number, rec in recs.items()}
    checks = [(totals, totals_problems(totals, before, after)) for totals in found.stated_totals]
    problems += [problem for _, found_problems in checks for problem in found_problems]
    checked = [f"{found.document or 'The addendum'} states {_counted(totals.counts)} ({totals.where()}): "
               "the import has the same" for totals, found_problems in checks if not found_problems]
    return Filled(recs, tuple(problems), tuple(checked))


def totals_problems(totals: StatedTotals, before: Mapping[str, str], after: Mapping[str, str]) -> list[ImportProblem]:
    """Return a problem saying by how much the responses differ from the totals the addendum states (none if
    they match); *before* and *after* are each recommendation's response before and after the addendum."""
    scope = _scope(totals, before)
    if scope is None:
        pending = sum(response == "pending" for response in before.values())
        return [ImportProblem(f"the addendum counts its responses out of {totals.out_of} recommendations "
                              f"({totals.where()}), but the report has {len(before)}, {pending} of them pending; "
                              "its totals were not checked", totals.page)]
    found = Counter(after[number] for number in scope)
    differences = [(response, found[response] - totals.counts.get(response, 0)) for response in RESPONSES]
    off = [f"{abs(n)} {response} too {'many' if n > 0 else 'few'}" for response, n in differences if n]
    if not off:
        return []
    if totals.of_report:
        return [ImportProblem(f"the addendum states the report's own responses as {_counted(totals.counts)} "
                              f"({totals.where()}); the report gives {_counted(dict(found))}: {', '.join(off)}",
                              totals.page)]
    return [ImportProblem(f"the addendum states {_counted(totals.counts)} ({totals.where()}); the import has "
                          f"{_counted(dict(found))}: {', '.join(off)}", totals.page)]


def _scope(totals: StatedTotals, before: Mapping[str, str]) -> list[str] | None:
    """Return the numbers the totals count: all, those the report answered, or those it left pending."""
    answered = [number for number, response in before.items() if response != "pending"]
    pending = [number for number, response in before.items() if response == "pending"]
    if totals.of_report:
        return answered
    counted = totals.out_of if totals.out_of is not None else sum(totals.counts.values())
    if counted == len(before):
        return list(before)
    return pending if counted == len(pending) else None


def _counted(counts: Mapping[str, int]) -> str:
    """Return "142 supported and 21 noted" (in the order of RESPONSES)."""
    parts = [f"{counts[response]} {response}" for response in RESPONSES if counts.get(response)]
    if not parts:
        return "none"
    return " and ".join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _where(later: LaterResponse) -> str:
    """Return where an addendum gives a response: "para. 3", or "page 3"."""
    return f"para. {later.paragraph}" if later.paragraph is not None else f"page {later.page}"


# --- Reading the file ------------------------------------------------------------


def _addendum_body(path: Path) -> tuple[Body, str | None]:
    """Return the addendum's body lines (without furniture and footnotes) and its symbol."""
    pages = read_document(path)
    document = _symbol(pages.texts)
    return pages.body(document), document


def _symbol(texts: Iterable[str]) -> str | None:
    """Return the addendum's symbol ("A/HRC/28/15/Add.1") as its pages write it most, or None."""
    found = Counter(re.sub(r"\s", "", symbol) for text in texts for symbol in _SYMBOL.findall(text))
    return found.most_common(1)[0][0] if found else None


def _context_paragraph(body: Body) -> int | None:
    """Return the report's paragraph the addendum says its numbers belong to ("the recommendations listed in
    paragraph 7", "the serial numbers of recommendations follow the list in paragraph 115"), or None."""
    texts = [join_lines(line.text for line in body.lines)] + [note.text for note in body.footnotes]
    found = next((match for text in texts if (match := _CONTEXT.search(text))), None)
    return int(found.group(1)) if found else None


# --- Blocks ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    """A heading, a numbered paragraph, an entry that opens with numbers, or other text."""

    kind: str
    """"heading", "paragraph", "entry" or "text"."""
    text: str
    """Its lines joined into one (a paragraph's without its number)."""
    page: int
    """The page it starts on."""
    paragraph: int | None
    """The addendum paragraph it stands in (a paragraph's own number); None after a heading."""


def _blocks(lines: tuple[Line, ...]) -> list[_Block]:
    """Return the addendum's lines grouped into blocks."""
    groups: list[tuple[str, list[Line], int | None]] = []
    numbered: int | None = None  # the last paragraph number seen
    paragraph: int | None = None  # the paragraph the lines stand in
    previous: str | None = None
    for line in lines:
        kind = _kind(line, previous, numbered)
        if kind == "paragraph":
            numbered = paragraph = int(line.text.split(".")[0])
        elif kind == "heading":
            paragraph = None
        if kind is None and groups:
            groups[-1][1].append(line)
        else:
            groups.append((kind or "text", [line], paragraph))
        # A heading ends with its line, even one that ends "… recommendations".
        previous = None if groups[-1][0] == "heading" else line.text
    return [_block(kind, group, paragraph) for kind, group, paragraph in groups]


def _block(kind: str, lines: list[Line], paragraph: int | None) -> _Block:
    """Return a block of these lines."""
    text = join_lines(line.text for line in lines)
    if kind == "paragraph":
        text = text.split(".", 1)[1].strip()
    return _Block(kind, text, lines[0].page, paragraph)


def _kind(line: Line, previous: str | None, paragraph: int | None) -> str | None:
    """Return the kind of block the line starts, or None when it goes on with the block above."""
    if line.block is False or (previous is not None and _OPEN_END.search(previous)):
        return None
    text = line.text
    if _is_bare_entry(text):
        return "entry"
    start = _PARAGRAPH.fullmatch(text)
    if start and (paragraph is None or int(start.group(1)) == paragraph + 1) and start.group(2)[:1].isupper():
        return "paragraph"
    closed = previous is None or bool(_CLOSED_END.search(previous)) or line.block is True
    if _is_heading(text, closed):
        return "heading"
    return "entry" if _is_entry(text) else None


def _is_bare_entry(text: str) -> bool:
    """Return True for a list entry by bare number: "3. Not accepted.", "4: noted"."""
    listed = bare_list_at_start(text)
    return listed is not None and response_after_list(text[listed.end :]) is not None


def _is_entry(text: str) -> bool:
    """Return True for a line that opens with numbers followed by nothing, a colon or dash, a capital
    (comment or table text) or a position: "Rec. 18 We …", "122.14– 15", "97.1 Accepted."."""
    listed = list_at_start(text)
    if listed is None:
        return False
    rest = text[listed.end :]
    return bool(_ENTRY_REST.match(rest)) or response_after_list(rest) is not None


def _is_heading(text: str, closed: bool) -> bool:
    """Return True for a heading that gives a response: "I. Accepted recommendations", "Noted"."""
    match = _HEADING.fullmatch(text)
    if match is None or len(text.split()) >= _HEADING_WORDS:
        return False
    title = match.group("title")
    numbered = match.start("title") > 0
    response = position_of(title)
    named = "recommendation" in title.casefold()  # a lone "Noted" is a table cell, not a heading
    return (numbered or closed) and named and response is not None and response.response != "pending"


# --- Claims ------------------------------------------------------------------------

_STATEMENT, _ENTRY, _HEADING_CLAIM, _PROSE = range(4)  # how directly a claim answers, best first


@dataclass(frozen=True)
class _Claim:
    """One reading of the addendum that gives a number a response."""

    number: str
    response: Response
    page: int
    paragraph: int | None
    rank: int
    where: str
    """Where it is, for a problem: "para. 4", "the entry for 115.18 on page 2", "the heading “Noted …”"."""


@dataclass
class _Heading:
    """The heading the blocks below it stand under."""

    response: Response
    title: str


class _Reader:
    """Reads the blocks of an addendum into claims, and the claims into responses."""

    def __init__(self, numbers: list[str], context: int | None, document: str | None) -> None:
        self.numbers = numbers
        self.known = {number: index for index, number in enumerate(numbers)}
        named = context is not None and any(number.startswith(f"{context}.") for number in numbers)
        self.context = context if named else None
        self.document = document
        self.heading: _Heading | None = None
        self.claims: list[_Claim] = []
        self.problems: list[ImportProblem] = []

    def read(self, block: _Block) -> None:
        """Read one block: a heading sets what governs the blocks below; others give claims."""
        if block.kind == "heading":
            title = _HEADING.fullmatch(block.text)
            words = title.group("title") if title else block.text
            response = position_of(words)
            self.heading = _Heading(response, words) if response else None
            return
        head = (list_at_start(block.text) or bare_list_at_start(block.text)) if block.kind == "entry" else None
        if head is not None:
            self._read_entry(block, head)
        self._read_lists(block, skip=head)

    def _read_entry(self, block: _Block, head: NumberList) -> None:
        """Read the numbers an entry opens with: the position after them, a table cell, the heading, or
        (only where nothing else answers) its first sentence."""
        numbers = self._resolve(head.spans, block)
        rest = block.text[head.end :]
        shown = numbers[0] if len(numbers) == 1 else block.text[: head.end].strip()
        where = f"the entry for {shown} on page {block.page}"
        category = category_of(block.text)
        readings = [response_after_list(rest)] + [position_of(cell) for cell in _CELL.findall(rest)]
        for response in filter(None, readings):
            self._claim(numbers, _categorised(response, category), block, _ENTRY, where)
        self._claim_heading(numbers, block)
        first = clauses_of(rest)[0] if rest.strip() else ""
        prose = response_of(first) if first else None
        if prose is not None:
            self._claim(numbers, prose, block, _PROSE, where)

    def _read_lists(self, block: _Block, skip: NumberList | None) -> None:
        """Read the lists of numbers a block names, each with the response of its clause."""
        text = block.text
        previous: tuple[int, Response | None] | None = None  # the end of the last list, and its response
        for found in number_lists(text):
            if skip is not None and found.start < skip.end:
                continue
            clause_start = last_clause_start(text[: found.start])
            same_clause = previous is not None and previous[0] >= clause_start
            before = text[previous[0] if same_clause and previous else clause_start : found.start]
            response = self._list_response(before, text[found.end :], block, found)
            if response is None and same_clause and previous:
                response = previous[1]
            previous = (found.end, response)
            self._claim_list(block, found, before, response)

    def _list_response(self, before: str, after: str, block: _Block, found: NumberList) -> Response | None:
        """Return the response the words around a list give it (None when they give none, or disagree)."""
        given = [response for response in (response_after_list(after), response_before_list(before)) if response]
        clause = before + " " + (clauses_of(after)[0] if after.strip() else "")
        if given and names_an_exception(clause):
            self.problems.append(ImportProblem(
                f"the addendum's words around {_shown(found, block.text)} make an exception; nothing was taken "
                "from them, check them by hand", block.page))
            return None
        given = [in_part(response, clause) for response in given]
        if len({response.response for response in given}) > 1:
            self.problems.append(ImportProblem(
                f"the addendum's words around {_shown(found, block.text)} give different responses "
                f"({' and '.join(r.response for r in given)}); nothing was taken from them", block.page))
            return None
        return given[0] if given else None

    def _claim_list(self, block: _Block, found: NumberList, before: str, response: Response | None) -> None:
        """Record the claims of one list: its clause's response, and the heading's when the list is under one."""
        bare = bool(_BARE_LISTING.fullmatch(before.strip()))
        if response is None and not (bare and self.heading):
            return
        numbers = self._resolve(found.spans, block)
        where = f"para. {block.paragraph}" if block.paragraph is not None else f"page {block.page}"
        if response is not None:
            self._claim(numbers, _categorised(response, category_of(block.text)), block, _STATEMENT, where)
        self._claim_heading(numbers, block)

    def _claim_heading(self, numbers: list[str], block: _Block) -> None:
        """Record that the heading the block stands under gives these numbers its response."""
        if self.heading is not None:
            where = f"the heading “{self.heading.title}”"
            self._claim(numbers, self.heading.response, block, _HEADING_CLAIM, where)

    def _claim(self, numbers: list[str], response: Response, block: _Block, rank: int, where: str) -> None:
        """Record that a reading gives these numbers a response."""
        self.claims += [_Claim(number, response, block.page, block.paragraph, rank, where) for number in numbers]

    def _resolve(self, spans: tuple[Span, ...], block: _Block) -> list[str]:
        """Return the report's numbers the spans stand for, noting those the report does not have."""
        found: list[str] = []
        unknown: list[str] = []
        ambiguous: list[str] = []
        for span in spans:
            for written, candidates in self._candidates(span):
                if len(candidates) == 1:
                    found += candidates
                else:
                    (ambiguous if candidates else unknown).append(written)
        if unknown:
            self.problems.append(ImportProblem(
                f"the addendum names {', '.join(unknown)}, which the report does not have; not read", block.page))
        if ambiguous:
            paragraphs = sorted({number.split(".")[0] for number in self.numbers}, key=int)
            self.problems.append(ImportProblem(
                f"the addendum's bare number(s) {', '.join(ambiguous)} could stand in any of paragraphs "
                f"{', '.join(paragraphs)} of the report; not read", block.page))
        return list(dict.fromkeys(found))

    def _candidates(self, span: Span) -> list[tuple[str, list[str]]]:
        """Return each number a span writes, with the report's numbers it can stand for (one when it is clear)."""
        if "." in span.first and "." in span.last:
            if span.first in self.known and span.last in self.known:
                first, last = self.known[span.first], self.known[span.last]
                if first <= last:  # a range follows the report's order, across paragraphs too
                    return [(number, [number]) for number in self.numbers[first : last + 1]]
            return [(number, [number] if number in self.known else []) for number in numbers_in(span, None)]
        items = range(int(span.first.split(".")[-1]), int(span.last.split(".")[-1]) + 1)
        return [(str(item), self._bare(str(item))) for item in items]

    def _bare(self, item: str) -> list[str]:
        """Return the report's numbers a bare item number can stand for: item *item* of the paragraph the
        addendum names, or of any paragraph when it names none."""
        if self.context is not None:
            number = f"{self.context}.{item}"
            return [number] if number in self.known else []
        return [number for number in self.numbers if number.split(".")[-1] == item]

    def finish(self) -> tuple[tuple[LaterResponse, ...], tuple[ImportProblem, ...]]:
        """Return one response per number the claims agree on, and the problems, conflicts included."""
        by_number: dict[str, list[_Claim]] = {}
        for claim in self.claims:
            by_number.setdefault(claim.number, []).append(claim)
        responses = [later for claims in by_number.values() if (later := self._agreed(claims))]
        return tuple(sorted(responses, key=lambda later: self.known[later.number])), tuple(self.problems)

    def _agreed(self, claims: list[_Claim]) -> LaterResponse | None:
        """Return the response the claims on one number agree on, or None (noting the conflict)."""
        firm = [claim for claim in claims if claim.rank != _PROSE] or claims
        given = list(dict.fromkeys(claim.response.response for claim in firm))
        number, best = firm[0].number, min(firm, key=lambda claim: claim.rank)
        if len(given) > 1:
            self.problems.append(ImportProblem(
                f"the addendum gives {number} {_conflict(firm)}; kept pending", best.page, number))
            return None
        if given == ["pending"]:
            self.problems.append(ImportProblem(
                f"the addendum leaves {number} under consideration ({best.where}); kept pending", best.page, number))
            return None
        category = next((c.response.category for c in sorted(firm, key=lambda c: c.rank) if c.response.category), None)
        return LaterResponse(number, Response(given[0], category), best.page, best.paragraph, self._source(best))

    def _source(self, claim: _Claim) -> str:
        """Return where a response is given, as Recommendation.response_source writes it."""
        place = f"para. {claim.paragraph}" if claim.paragraph is not None else f"page {claim.page}"
        return f"{self.document or 'addendum'}, {place}"


def _conflict(claims: list[_Claim]) -> str:
    """Return "both supported (para. 3) and noted (para. 4; the heading “Noted recommendations”)"."""
    places: dict[str, list[str]] = {}
    for claim in claims:
        where = places.setdefault(claim.response.response, [])
        if claim.where not in where:
            where.append(claim.where)
    parts = [f"{response} ({'; '.join(where)})" for response, where in places.items()]
    return ("both " if len(parts) == 2 else "") + ", ".join(parts[:-1]) + " and " + parts[-1]


def _categorised(response: Response, category: str | None) -> Response:
    """Return the response with the block's category when it is supported and has none of its own."""
    if response.response != "supported" or response.category is not None:
        return response
    return Response(response.response, category)


def _shown(found: NumberList, text: str) -> str:
    """Return a list as written, for a problem: "122.30-33, 122.36"."""
    return text[found.start : found.end]


# --- Stated totals -----------------------------------------------------------------


def _stated_totals(blocks: list[_Block]) -> list[StatedTotals]:
    """Return the totals the addendum states: counts per response, with what they are counted out of."""
    stated: list[StatedTotals] = []
    total: int | None = None  # "The Working Group's report contains 163 recommendations"
    for block in blocks:
        if block.kind not in ("paragraph", "text"):
            continue
        merged: dict[str, int] = {}
        for clause in clauses_of(block.text):
            if number_lists(clause):
                continue
            counts, out_of = _counts(clause), _OUT_OF.search(clause)
            if out_of and not counts:
                total = int(out_of.group("n"))
            elif counts and (out_of or _OF_REPORT.search(clause)):
                stated.append(StatedTotals(counts, int(out_of.group("n")) if out_of else None, block.page,
                                           block.paragraph, bool(_OF_REPORT.search(clause))))
            elif counts:
                merged.update(counts)
        if merged:
            stated.append(StatedTotals(merged, total, block.page, block.paragraph))
    return stated


def _counts(clause: str) -> dict[str, int]:
    """Return the counts one clause states ("accepts 142 recommendations", "124 are now supported and 33 noted")."""
    counts: dict[str, int] = {}
    for match in _COUNT_BY_VERB.finditer(clause):
        verb = match.group("verb").casefold()
        noted = bool(match.group("neg")) or verb.startswith(("not", "take", "took", "reject"))
        counts["noted" if noted else "supported"] = int(match.group("n"))
    for match in _COUNT_BY_WORD.finditer(clause):
        response = position_of(match.group("position"))
        if response is not None:
            counts[response.response] = int(match.group("n"))
    return {response: counts[response] for response in RESPONSES if response in counts}
