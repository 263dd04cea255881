"""OHCHR's "Thematic list of recommendations" (the matrix) as a source of recommendation data.

For each review OHCHR publishes a DOCX with one table: a row per
recommendation (its number, its text with the recommending States, and
"Source of position: A/HRC/…/Add.1 - Para. 3"), the position of the State
under review, and the themes, affected persons and SDGs it is filed under.
Rows come in theme order, under heading rows ("Theme: A12 Acceptance of
international norms") that span the table.

`read_matrix` reads such a file on its own; `compare_with_matrix` puts it
beside the recommendations imported from the Working Group report: numbers,
text and States come from the report, positions and themes from the matrix,
and every point on which the two disagree is reported. Anything not readable
with certainty is an ImportProblem that says what was done about it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Row

from generator.errors import ReportImportError, shown_path
from generator.recommendations.data import (
    QUOTES,
    Recommendation,
    RecommendationSet,
    normalise_state,
    response_named,
    source_symbol,
    without_unwritable,
)
from generator.recommendations.metadata import cycle_of_session, ordinal_value
from generator.recommendations.problems import ImportProblem
from generator.recommendations.states import same_states, split_states
from generator.recommendations.un_states import is_known_state
from generator.recommendations.summary import (
    count_line,
    problem_lines,
    response_sources,
    review_line,
    shorten,
    source_lines,
)

# --- The result ----------------------------------------------------------------


@dataclass(frozen=True)
class MatrixResult:
    """The recommendations read from a matrix, with what could not be read with certainty."""

    recommendations: RecommendationSet
    """Every numbered row as a Recommendation, ordered by number (not in the matrix's theme order)."""
    problems: tuple[ImportProblem, ...]
    """Rows not imported or imported with a guess, each saying what was done about it."""

    def counts(self) -> dict[str, int]:
        """Return the number of recommendations per response, in the order of RESPONSES."""
        return self.recommendations.counts()

    def sources(self) -> dict[str, int]:
        """Return how many positions each document gave ("A/HRC/28/15/Add.1": 163), most first."""
        return response_sources(self.recommendations)


@dataclass(frozen=True)
class Disagreement(ImportProblem):
    """A point on which the Working Group report and the matrix disagree about one recommendation."""

    kind: str = "text"
    """One of DISAGREEMENT_KINDS."""


DISAGREEMENT_KINDS: tuple[str, ...] = ("number", "states", "text", "response")
"""What report and matrix can disagree on: whether a number exists, its States, its text, its response."""


@dataclass(frozen=True)
class MatrixMerge:
    """The report's recommendations with the matrix's positions and themes, and where the two disagree."""

    recommendations: RecommendationSet
    """Numbers, text and States of the report; response, response_source, themes, persons and SDGs of the matrix."""
    disagreements: tuple[Disagreement, ...]
    """Every disagreement, by number."""
    filled: int
    """How many responses the report left pending and the matrix gave."""
    confirmed: int
    """How many responses of the report the matrix gives too."""
    changed: int
    """How many responses of the report the matrix contradicts (the matrix's is kept)."""

    def counts(self) -> dict[str, int]:
        """Return the number of recommendations per response, in the order of RESPONSES."""
        return self.recommendations.counts()

    def kinds(self) -> dict[str, int]:
        """Return the number of disagreements per kind, in the order of DISAGREEMENT_KINDS."""
        found = Counter(item.kind for item in self.disagreements)
        return {kind: found[kind] for kind in DISAGREEMENT_KINDS}


# --- Reading the DOCX ------------------------------------------------------------


def read_matrix(path: Path) -> MatrixResult:
    """Return the recommendations of an OHCHR matrix; raise ReportImportError if it has no such table."""
    document = _open_docx(path)
    tables = [(table, _columns(table)) for table in document.tables]
    reader = _RowReader()
    for index, (table, columns) in enumerate(tables, start=1):
        if columns is None:
            reader.problems.append(ImportProblem(
                f"table {index} has no Recommendation and Position columns; it is not imported"))
        else:
            reader.read_table(table, columns, index if len(tables) > 1 else None)
    if not any(columns for _, columns in tables):
        raise ReportImportError(f"{shown_path(path)}: no table with a Recommendation and a Position column; "
                                "give OHCHR's “Thematic list of recommendations” of the review")
    if not reader.recommendations:
        raise ReportImportError(f"{shown_path(path)}: the table lists no numbered recommendation; "
                                "give OHCHR's “Thematic list of recommendations” of the review")
    review = _review(_heading_text(document))
    symbol, symbol_problems = _document_symbol(reader.recommendations.values(), review.symbol)
    recs = {rec.number: replace(rec, document=symbol) for rec in _by_number(reader.recommendations.values())}
    rset = RecommendationSet(
        document=symbol, state_under_review=review.state or "unknown", cycle=review.cycle,
        session=review.session, year=None, recommendations=recs, source=path.name,
    )
    return MatrixResult(rset, tuple(reader.problems + symbol_problems + _review_problems(review)))


def _open_docx(path: Path) -> Document:
    """Return the python-docx Document of *path*; raise ReportImportError if it is not a Word file."""
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReportImportError(f"{shown_path(path)}: not a Word document (.docx) ({exc}); give OHCHR's "
                                "“Thematic list of recommendations” as the .docx it publishes") from exc


_ROLES = (("sdgs", re.compile(r"\bsdgs?\b|sustainable development", re.I)),
          ("position", re.compile(r"\bposition\b|\bresponse\b", re.I)),
          ("themes", re.compile(r"\bthemes?\b", re.I)),
          ("recommendation", re.compile(r"\brecommendations?\b", re.I)))
"""What a header cell means, tried in this order ("Position of the State under review" is not a recommendation)."""

_HEADER_ROWS = 3  # a title row may stand above the header row


@dataclass(frozen=True)
class Columns:
    """Where a matrix table keeps what: the index of each column found, by role."""

    header_row: int
    """The index of the header row in the table."""
    roles: dict[str, int]
    """"recommendation", "position", and where present "themes" and "sdgs" → column index."""
    header: tuple[str, ...]
    """The header row's cell texts (a row equal to it, repeated further down, is skipped)."""


def _columns(table: Table) -> Columns | None:
    """Return the roles of the table's columns, from the first row that names both recommendation and position."""
    for index, row in enumerate(table.rows[:_HEADER_ROWS]):
        texts = tuple(_cell_texts(row))
        roles = _roles(texts)
        if "recommendation" in roles and "position" in roles:
            return Columns(index, roles, texts)
    return None


def _roles(texts: Iterable[str]) -> dict[str, int]:
    """Return the column index of each role the header cells name (the first cell naming it wins)."""
    roles: dict[str, int] = {}
    for index, text in enumerate(texts):
        role = next((name for name, pattern in _ROLES if pattern.search(text)), None)
        if role is not None and role not in roles:
            roles[role] = index
    return roles


def _cell_texts(row: _Row) -> Iterator[str]:
    """Yield the text of each grid column of a row (a merged cell repeats its text)."""
    for cell in row.cells:
        yield cell.text


# --- Rows -----------------------------------------------------------------------

_NUMBER = re.compile(r"\s*(?:Rec(?:ommendation)?\.?\s*)?(\d{1,3}\.\d{1,3})(?!\d)[.:]?\s*")
_SOURCE_LABEL = re.compile(r"\bsource\s+of\s+(?:the\s+)?position\s*:?", re.I)
_THEME_ROW = re.compile(r"\s*theme\s*:", re.I)
_SYMBOL = re.compile(r"A/HRC/\d{1,2}/\d{1,3}(?![\d])(?P<add>/Add\.\s*\d+)?", re.I)
_PARAGRAPH = re.compile(r"\bpara(?:graph)?s?\.?\s*(\d+)", re.I)


class _RowReader:
    """Turns the rows of matrix tables into recommendations, collecting problems on the way."""

    def __init__(self) -> None:
        self.recommendations: dict[str, Recommendation] = {}
        self.rows: dict[str, str] = {}  # number -> where it was read ("row 3"), to name the kept row
        self.problems: list[ImportProblem] = []

    def read_table(self, table: Table, columns: Columns, table_number: int | None) -> None:
        """Read every row below the header of one table."""
        for index, row in enumerate(table.rows):
            if index > columns.header_row:
                where = f"table {table_number}, row {index + 1}" if table_number else f"row {index + 1}"
                self.read_row(tuple(_cell_texts(row)), columns, where)

    def read_row(self, cells: tuple[str, ...], columns: Columns, where: str) -> None:
        """Read one row: a recommendation, a heading to skip, or a problem."""
        if _is_heading(cells, columns):
            return
        text, source = _split_source(_cell(cells, columns, "recommendation"))
        match = _NUMBER.match(text)
        if match is None:
            self.problems.append(ImportProblem(
                f"{where}: no recommendation number; the row is not imported: {shorten(text)!r}"))
            return
        number = match.group(1)
        if number in self.recommendations:
            self.problems.append(ImportProblem(
                f"{where}: a second row with this number; it is not imported ({self.rows[number]} is kept): "
                f"{shorten(text[match.end():])!r}", number=number))
            return
        self.recommendations[number] = self._recommendation(number, text[match.end():], source, cells, columns,
                                                            where)
        self.rows[number] = where

    def _recommendation(
        self, number: str, text: str, source: str, cells: tuple[str, ...], columns: Columns, where: str
    ) -> Recommendation:
        """Return the recommendation of one numbered row, noting what is odd about it."""
        split = split_states(text)
        response = self._response(_cell(cells, columns, "position"), number, where)
        themes, persons, sdgs = _classified(_cell(cells, columns, "themes"), _cell(cells, columns, "sdgs"))
        self.problems += [ImportProblem(f"{where}: {message}", number=number)
                          for message in _text_problems(split.text, split.states, split.unknown)]
        return Recommendation(
            number=number, text=split.text, states=split.states, response=response, category=None,
            document="", page=None, response_source=_response_source(source), themes=themes,
            affected_persons=persons, sdgs=sdgs,
        )

    def _response(self, position: str, number: str, where: str) -> str:
        """Return the response a position cell gives, or "pending" with a problem."""
        response = response_named(position) if position.strip() else None
        if response is not None and response != "pending":
            return response
        said = f"position {position.strip()!r} is not Supported, Noted or Supported/Noted" if position.strip() \
            else "no position"
        self.problems.append(ImportProblem(f"{where}: {said}; imported as pending", number=number))
        return "pending"


def _cell(cells: tuple[str, ...], columns: Columns, role: str) -> str:
    """Return the text of the row's cell in the column of *role* ("" if the table has no such column)."""
    index = columns.roles.get(role)
    return cells[index] if index is not None and index < len(cells) else ""


def _is_heading(cells: tuple[str, ...], columns: Columns) -> bool:
    """Return True for a row that is no recommendation: empty, a theme heading, or the header repeated."""
    texts = {text.strip() for text in cells}
    if texts <= {""} or cells == columns.header:
        return True
    first = _cell(cells, columns, "recommendation")
    spans = len(texts) == 1 and len(cells) > 1
    return bool(_THEME_ROW.match(first)) or (spans and not _NUMBER.match(first))


def _split_source(cell: str) -> tuple[str, str]:
    """Return a recommendation cell's text on one line and its "Source of position" ("" if none)."""
    match = _SOURCE_LABEL.search(cell)
    text, source = (cell[: match.start()], cell[match.end():]) if match else (cell, "")
    return " ".join(text.split()), " ".join(source.split())


def _response_source(source: str) -> str | None:
    """Return where an addendum gave the position ("A/HRC/28/15/Add.1, para. 3"), None for the report itself."""
    symbol = _SYMBOL.search(source)
    if symbol is None or not symbol.group("add"):
        return None
    paragraphs = _PARAGRAPH.findall(source[symbol.end():])
    name = re.sub(r"/add\.\s*", "/Add.", symbol.group(0), flags=re.I)
    return f"{name}, para. {paragraphs[-1]}" if paragraphs else name


def _text_problems(text: str, states: tuple[str, ...], unknown: tuple[str, ...]) -> list[str]:
    """Return what is odd about a row's text: none, no State, or a State name not known."""
    found = ["the recommendation has no text"] if not text else []
    if not states:
        found.append("no recommending State in parentheses at the end; imported without a State")
    found += [f"“{name}” taken as the recommending State, but it is not a known State name" for name in unknown]
    return found


# --- Themes, affected persons, SDGs ------------------------------------------------

_LABELS = (("sdgs", re.compile(r"(?:SDGs?|Sustainable Development Goals?)\s*:\s*", re.I)),
           ("persons", re.compile(r"(?:Affected persons|Persons affected|Groups of persons)\s*:\s*", re.I)),
           ("themes", re.compile(r"(?:Human rights )?themes?\s*:\s*", re.I)))
_BULLET = re.compile(r"^[-–•·*]\s*")
_THEME_CODE = re.compile(r"^[A-H]\d{1,2}\s+(?=\w)")  # cycle-2 codes ("A12 Acceptance …"); cycle 3 has none


def _classified(themes_cell: str, sdgs_cell: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Return the themes, affected persons and SDGs of a row, each once, in the matrix's order."""
    found: dict[str, list[str]] = {"themes": [], "persons": [], "sdgs": []}
    for kind, name in [*_entries(themes_cell, "themes"), *_entries(sdgs_cell, "sdgs")]:
        found[kind].append(name)
    themes = [_THEME_CODE.sub("", name) for name in found["themes"]]
    sdgs = [_sdg_name(name) for name in found["sdgs"]]
    return _once(themes), _once(found["persons"]), _once(sdgs)


def _entries(cell: str, kind: str) -> Iterator[tuple[str, str]]:
    """Yield (kind, name) for each line of a cell; a label line ("Affected persons:") changes the kind."""
    for line in cell.splitlines():
        line = line.strip()
        for label_kind, label in _LABELS:
            match = label.match(line)
            if match:
                kind, line = label_kind, line[match.end():]
                break
        name = " ".join(_BULLET.sub("", line).split())
        if name:
            yield kind, name


def _sdg_name(name: str) -> str:
    """Return an SDG as a sentence ("16 - PEACE, JUSTICE …" → "16 - Peace, justice …"); mixed case is kept."""
    if not name.isupper():
        return name
    lowered = name.lower()
    first = next((index for index, char in enumerate(lowered) if char.isalpha()), 0)
    return lowered[:first] + lowered[first:].capitalize()


def _once(names: Iterable[str]) -> tuple[str, ...]:
    """Return the names without repeats, in their first order."""
    return tuple(dict.fromkeys(names))


def filter_by_theme(recs: Iterable[Recommendation], words: str | None) -> list[Recommendation]:
    """Return the recommendations whose themes, affected persons or SDGs hold every word (any case)."""
    if not words:
        return list(recs)
    wanted = normalise_state(words).split()
    return [rec for rec in recs if all(word in _theme_text(rec) for word in wanted)]


def _theme_text(rec: Recommendation) -> str:
    """Return a recommendation's themes, affected persons and SDGs as one normalised string."""
    return normalise_state(" | ".join((*rec.themes, *rec.affected_persons, *rec.sdgs)))


# --- The review: symbol, State, cycle, session ------------------------------------------


@dataclass(frozen=True)
class Review:
    """What the headings of a matrix say about the review (None where they do not say)."""

    state: str | None
    cycle: int | None
    session: int | None
    symbol: str | None
    """A report symbol written in a heading, without "/Add.1"."""


_REVIEW_OF = re.compile(r"\b(?:UPR|Universal Periodic Review) of (?:the )?(?P<state>[^\t\n]+?)\s*"
                        r"(?:\((?P<detail>[^()]*\bcycle\b[^()]*)\)|[\t\n]|$)", re.I)
_CYCLE = re.compile(r"\b([\w-]+)\s+cycle\b", re.I)
_SESSION = re.compile(r"\b([\w-]+)\s+session\b", re.I)


def _heading_text(document: Document) -> str:
    """Return the text of the page headers and of the paragraphs above the first table, one per line."""
    lines = [paragraph.text for section in document.sections
             for header in (section.header, section.first_page_header, section.even_page_header)
             for paragraph in header.paragraphs]
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            break
        lines.append(block.text)
    return "\n".join(line for line in lines if line.strip())


def _review(text: str) -> Review:
    """Return the State, cycle, session and report symbol that the heading text names."""
    match = _REVIEW_OF.search(text)
    state = _known_prefix(match.group("state").strip()).rstrip(" –—-,:;") if match else None
    detail = (match.group("detail") if match else None) or text
    session = _ordinal(_SESSION, detail)
    cycle = _ordinal(_CYCLE, detail) or (cycle_of_session(session) if session else None)
    symbol = _SYMBOL.search(text)
    return Review(state, cycle, session, _base_symbol(symbol.group(0)) if symbol else None)


def _known_prefix(words: str) -> str:
    """Return the longest start of *words* that names a State ("Slovenia – 34th session" → "Slovenia"),
    or the words as they are when none does."""
    parts = words.split()
    for end in range(len(parts), 0, -1):
        if is_known_state(" ".join(parts[:end])):
            return " ".join(parts[:end])
    return words


def _ordinal(pattern: re.Pattern[str], text: str) -> int | None:
    """Return the value of the ordinal before "cycle" or "session" ("2nd", "twentieth"), or None."""
    match = pattern.search(text)
    return ordinal_value(match.group(1)) if match else None


def _base_symbol(symbol: str) -> str:
    """Return a symbol without its addendum part: "A/HRC/28/15/Add.1" → "A/HRC/28/15"."""
    return re.sub(r"/add\.\s*\d+$", "", symbol, flags=re.I)


def _document_symbol(recs: Iterable[Recommendation], heading: str | None) -> tuple[str, list[ImportProblem]]:
    """Return the report's symbol, from the sources of position (or the heading), with any problem."""
    counts = Counter(_base_symbol(source_symbol(rec.response_source)) for rec in recs if rec.response_source)
    if not counts and heading:
        return heading, []
    if not counts:
        return "unknown", [ImportProblem("no document symbol (A/HRC/…) in the sources of position or the "
                                         "headings; the data file says “unknown”: correct it by hand")]
    symbol = counts.most_common(1)[0][0]
    if len(counts) > 1:
        named = ", ".join(sorted(counts))
        return symbol, [ImportProblem(f"the matrix names more than one report ({named}); {symbol} is taken")]
    return symbol, []


def _review_problems(review: Review) -> list[ImportProblem]:
    """Return a problem for each thing the headings did not say."""
    missing = {"the State under review (“UPR of …”)": review.state,
               "the session (“20th session”)": review.session}
    return [ImportProblem(f"could not find {what} in the headings of the matrix")
            for what, value in missing.items() if not value]


def _by_number(recs: Iterable[Recommendation]) -> list[Recommendation]:
    """Return recommendations ordered by number: paragraph, then item, numerically."""
    return sorted(recs, key=lambda rec: number_key(rec.number))


def number_key(number: str) -> tuple[int, ...]:
    """Return the sort key of a number: "115.10" → (115, 10), after (115, 9)."""
    return tuple(int(part) for part in re.findall(r"\d+", number))


# --- Comparing with the report ----------------------------------------------------


def compare_with_matrix(
    report: RecommendationSet, matrix: RecommendationSet, later: Collection[str] = ()
) -> MatrixMerge:
    """Return the report's recommendations with the matrix's positions and themes, and their disagreements.

    *later* are the numbers whose response an addendum gave, not the report
    itself (those with a response_source). Raises ReportImportError when the matrix is
    plainly of another review (another report symbol or State under review).
    """
    _check_same_review(report, matrix)
    merger = _Merger(report.document, frozenset(later))
    # By number, ties ("115.1", "115.01", "115.1 (second)") by the text: the same file on every run.
    for number in sorted({*report.recommendations, *matrix.recommendations}, key=lambda n: (number_key(n), n)):
        merger.add(number, report.get(number), matrix.get(number))
    rset = replace(
        report, recommendations=merger.recommendations, cycle=report.cycle or matrix.cycle,
        session=report.session or matrix.session,
        source=" and ".join(name for name in (report.source, matrix.source) if name) or None,
    )
    return MatrixMerge(rset, tuple(merger.disagreements), merger.filled, merger.confirmed, merger.changed)


def _check_same_review(report: RecommendationSet, matrix: RecommendationSet) -> None:
    """Raise ReportImportError when report and matrix name different reports or States."""
    if "unknown" not in (report.document, matrix.document) and report.document != matrix.document:
        raise ReportImportError(f"the matrix gives the positions on {matrix.document}, not on the report "
                                f"{report.document}; give the matrix of the same review")
    states = (report.state_under_review, matrix.state_under_review)
    if "unknown" not in states and not same_states(states[:1], states[1:]):
        raise ReportImportError(f"the matrix is of the review of {states[1]}, the report of {states[0]}; "
                                "give the matrix of the same review")


class _Merger:
    """Puts report and matrix together number by number, counting and reporting as it goes."""

    def __init__(self, document: str, later: frozenset[str]) -> None:
        self.document = document
        self.later = later
        self.recommendations: dict[str, Recommendation] = {}
        self.disagreements: list[Disagreement] = []
        self.filled = self.confirmed = self.changed = 0

    def add(self, number: str, ours: Recommendation | None, theirs: Recommendation | None) -> None:
        """Add one number: from both, or from the only side that has it."""
        if ours is None and theirs is not None:
            self._disagree(number, "number", "in the matrix but not in the report; imported from the matrix", ours)
            self.recommendations[number] = replace(theirs, document=self.document)
        elif theirs is None and ours is not None:
            self._disagree(number, "number", "in the report but not in the matrix; the report's response is kept",
                           ours)
            self.recommendations[number] = ours
        elif ours is not None and theirs is not None:
            self.recommendations[number] = self._merged(ours, theirs)

    def _merged(self, ours: Recommendation, theirs: Recommendation) -> Recommendation:
        """Return the report's recommendation with the matrix's position and themes, noting disagreements."""
        if not same_states(ours.states, theirs.states):
            self._disagree(ours.number, "states", f"the report names {_states(ours.states)}, the matrix "
                           f"{_states(theirs.states)}; the report's States are kept", ours)
        difference = text_difference(ours.text, theirs.text)
        if difference:
            self._disagree(ours.number, "text", f"the text differs: {difference}; the report's text is kept", ours)
        themed = replace(ours, themes=theirs.themes, affected_persons=theirs.affected_persons, sdgs=theirs.sdgs)
        return self._with_response(themed, theirs)

    def _with_response(self, ours: Recommendation, theirs: Recommendation) -> Recommendation:
        """Return the recommendation with the matrix's response, unless the matrix gives none."""
        if theirs.response == "pending":
            return ours
        later = ours.number in self.later
        if ours.response == theirs.response:
            self.confirmed += 1
            # a response the report gave stays the report's, whatever the matrix cites
            return replace(ours, response_source=ours.response_source or theirs.response_source) if later else ours
        if ours.response == "pending":
            self.filled += 1
        else:
            self.changed += 1
            said = ours.response_source or ("the addendum" if later else "the report")
            where = f" ({theirs.response_source})" if theirs.response_source else ""
            self._disagree(ours.number, "response", f"{said} says {ours.response}, the matrix "
                           f"{theirs.response}{where}; the matrix's position is kept", ours)
        return replace(ours, response=theirs.response, category=None, response_source=theirs.response_source)

    def _disagree(self, number: str, kind: str, message: str, ours: Recommendation | None) -> None:
        """Note a disagreement, at the report's page when the report has the number."""
        self.disagreements.append(Disagreement(message, ours.page if ours else None, number, kind=kind))


def _states(states: tuple[str, ...]) -> str:
    """Return States as a report writes them: "(France) (Lithuania)", or "no State"."""
    return " ".join(f"({name})" for name in states) or "no State"


_WORD = re.compile(r"\w+")
_CONTEXT = 3  # words shown either side of a difference


def text_difference(report: str, matrix: str) -> str | None:
    """Return where two wordings of a recommendation really differ, as a short excerpt; None if they agree.

    Case, punctuation, quotes, hyphenation and spacing do not count:
    "well- being", "well-being" and "wellbeing", or "toarticle8" and "to article 8", agree.
    """
    ours, theirs = _words(report), _words(matrix)
    if "".join(ours).casefold() == "".join(theirs).casefold():
        return None
    spots = _different_spots(ours, theirs)
    if not spots:
        return None
    (i1, i2, j1, j2), more = spots[0], len(spots) - 1
    excerpt = (f"the report has “{_excerpt(ours, i1, i2)}”, the matrix “{_excerpt(theirs, j1, j2)}”")
    return excerpt + (f" (and {more} more difference{'s' if more > 1 else ''})" if more else "")


def _words(text: str) -> list[str]:
    """Return the words of a text, with Unicode forms and quotes made alike."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).translate(QUOTES))


def _different_spots(ours: list[str], theirs: list[str]) -> list[tuple[int, int, int, int]]:
    """Return the word ranges that differ, leaving out those that differ only in spacing."""
    folded = [word.casefold() for word in ours], [word.casefold() for word in theirs]
    matcher = difflib.SequenceMatcher(None, *folded, autojunk=False)
    return [
        (i1, i2, j1, j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal" and "".join(folded[0][i1:i2]) != "".join(folded[1][j1:j2])
    ]


def _excerpt(words: list[str], start: int, end: int) -> str:
    """Return the words start:end with a little context, marked "…" where cut."""
    left, right = max(0, start - _CONTEXT), min(len(words), end + _CONTEXT)
    return ("… " if left else "") + " ".join(words[left:right]) + (" …" if right < len(words) else "")


# --- Summaries ----------------------------------------------------------------


def format_matrix_summary(result: MatrixResult) -> list[str]:
    """Return the summary of reading a matrix alone: the review, counts, problems, sources of the positions."""
    rset = result.recommendations
    return [review_line(rset), count_line(rset), *problem_lines(result.problems), *source_lines(rset, hint=False)]


def format_merge_summary(merge: MatrixMerge, matrix: MatrixResult, addendum: str | None = None,
                         addendum_read: bool = False) -> list[str]:
    """Return the summary of comparing a report with its matrix: counts, every disagreement, the sources."""
    kinds = ", ".join(f"{count} {kind}" for kind, count in merge.kinds().items())
    lines = [
        f"Matrix {matrix.recommendations.source}: {count_line(matrix.recommendations)}",
        *(f"  {line}" for line in problem_lines(matrix.problems, none="")),
        f"After the matrix: {count_line(merge.recommendations)} ({merge.filled} pending in the report given by "
        f"the matrix, {merge.confirmed} confirmed by it, {merge.changed} changed to its position)",
    ]
    if not merge.disagreements:
        lines.append("The report and the matrix agree.")
    else:
        lines += [f"{len(merge.disagreements)} disagreement(s) between the report and the matrix ({kinds}):",
                  *(f"  {item}" for item in merge.disagreements)]
    return [*lines, *source_lines(merge.recommendations, addendum, addendum_read)]


# --- Importing: a matrix, a report, or both ------------------------------------------


@dataclass(frozen=True)
class Imported:
    """Recommendation data ready to be written, with the summary lines to print."""

    recommendations: RecommendationSet
    summary: tuple[str, ...]


def is_matrix_file(path: Path) -> bool:
    """Return True for a file to be read as a matrix (a .docx), not as a Working Group report."""
    return path.suffix.casefold() == ".docx"


def import_recommendations(source: Path, responses: Path | None = None, matrix: Path | None = None) -> Imported:
    """Return the recommendations of a matrix alone, or of a report (with its addendum) compared with its matrix,
    without the characters no document can hold (the summary says which were taken out, and where)."""
    imported = _read_recommendations(source, responses, matrix)
    cleaned, lines = without_unwritable(imported.recommendations)
    return Imported(cleaned, (*imported.summary, *lines))


def _read_recommendations(source: Path, responses: Path | None, matrix: Path | None) -> Imported:
    """Return the recommendations of a matrix alone, or of a report (with its addendum) compared with its matrix."""
    if is_matrix_file(source):
        if responses is not None or matrix is not None:
            raise ReportImportError(f"{shown_path(source)} is a matrix: give it alone, or give the report "
                                    "and name the matrix with --matrix")
        read = read_matrix(source)
        return Imported(read.recommendations, tuple(format_matrix_summary(read)))
    from generator.recommendations.importer import format_summary, import_report

    report = import_report(source, responses)
    if matrix is None:
        return Imported(report.recommendations, tuple(format_summary(report)))
    read = read_matrix(matrix)
    merge = compare_with_matrix(report.recommendations, read.recommendations, frozenset(rec.number for rec in report.recommendations if rec.response_source))
    return Imported(merge.recommendations,
                    (*format_summary(report, sources=False),
                     *format_merge_summary(merge, read, report.addendum, report.addendum_read)))
