"""Import the recommendations of a UPR Working Group report (PDF or text) into a RecommendationSet.

The stages: pages (laid out by PDFium, or text) → body lines without furniture and
footnotes → the conclusions section's paragraphs and items → recommendations,
each with the response its paragraph's words give. Anything that cannot be
read with certainty becomes an ImportProblem; no item is dropped silently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.errors import ReportImportError
from generator.recommendations.addendum import fill_responses, read_addendum
from generator.recommendations.data import RESPONSES, Recommendation, RecommendationSet
from generator.recommendations.furniture import Footnote, Line, join_lines, vocabulary
from generator.recommendations.metadata import ReportMetadata, read_metadata
from generator.recommendations.numbers import listed_numbers
from generator.recommendations.pages import read_report
from generator.recommendations.problems import ImportProblem
from generator.recommendations.responses import Response, category_of, response_of
from generator.recommendations.section import RawItem, RawParagraph, Section, read_section
from generator.recommendations.states import split_states
from generator.recommendations.un_states import is_known_state
from generator.recommendations.summary import count_line, problem_lines, review_line, shorten, source_lines

# "(Spain); 110.44 Ensure …" inside an item: an item number that the section parser did not see.
# "… the State under review offers the following comments:" (cycle 1): its items answer, they do not recommend.
_COMMENTS = re.compile(r"\b(?:following|these|its|the)\s+(?:comments|observations|views)\b", re.IGNORECASE)
# "The response of X to these recommendations will be included …": an answer to the list just above.
_THESE = re.compile(r"\b(?:these|the above|the (?:said|aforementioned)) recommendations\b", re.IGNORECASE)
_FOOTNOTE_REFERENCE = re.compile(r"\bfootnotes?\b", re.IGNORECASE)
_ORDINALS = ("second", "third", "fourth", "fifth", "sixth")  # then "7th", "8th" …
_STATE_THEN_NUMBER = re.compile(r"\(([^()]*(?:\([^()]*\))?[^()]*)\)\s*[;.]\s*\d{1,3}\s?[.\-–]\s?\d{1,3}\b")


@dataclass(frozen=True)
class ParagraphSummary:
    """What one paragraph of the conclusions section gave."""

    number: int
    page: int
    response: str | None
    """The response its words give to its items (None for a paragraph that gives none)."""
    category: str | None
    count: int
    """How many items it lists, or, for a paragraph like "recommendations Nos. 7, 8 … above have
    already been implemented", how many earlier items it gives its category to."""
    final: dict[str, int] = field(default_factory=dict)
    """Its items by response after the responses file, when that changed them."""
    refers_to: int | None = None
    """The paragraph whose items it gives a category to, if it lists none of its own."""


@dataclass(frozen=True)
class CalledFootnote:
    """A footnote of the report called inside the conclusions section (and taken out of the text)."""

    footnote: Footnote
    called_in: str
    """Where it is called: a recommendation's number, "paragraph 96" or "the heading"."""


@dataclass(frozen=True)
class ImportResult:
    """The recommendations imported from a report, with an account of how the import went."""

    recommendations: RecommendationSet
    paragraphs: tuple[ParagraphSummary, ...]
    footnotes: tuple[CalledFootnote, ...]
    problems: tuple[ImportProblem, ...]
    """Everything that could not be read with certainty, with its page."""
    addendum: str | None = None
    """The addendum that gives the responses the report left pending: the one read, else the symbol the
    report names, else the usual one (the report's symbol with "/Add.1")."""
    addendum_read: bool = False
    """True when the addendum's responses were filled in (--responses)."""
    checked: tuple[str, ...] = ()
    """The totals the addendum states that the result meets, one line each."""

    def counts(self) -> dict[str, int]:
        """Return the number of recommendations per response, in the order of RESPONSES."""
        return self.recommendations.counts()


def import_report(pdf_or_text_path: Path, responses: Path | None = None) -> ImportResult:
    """Return the recommendations of a Working Group report, read from a PDF or a text file.

    *responses* is an addendum giving the responses the report left pending
    ("… will be examined by …, which will respond in due time").
    """
    pages = read_report(pdf_or_text_path)
    metadata = read_metadata(pages.texts)
    if metadata.document is None:
        raise ReportImportError(f"{pdf_or_text_path}: no document symbol (A/HRC/…) found")
    body = pages.body(metadata.document)
    try:
        section = read_section(body.lines)
    except ReportImportError as exc:
        raise ReportImportError(f"{pdf_or_text_path}: {exc}; give the Working Group report itself "
                                "(an addendum goes with --responses)") from exc
    builder = _Builder(metadata.document, vocabulary(body.lines))
    for paragraph in section.paragraphs:
        builder.add(paragraph)
    if responses is not None:
        builder.apply_responses(responses)
    problems = _metadata_problems(metadata) + list(section.problems) + builder.problems
    if not builder.recommendations:
        raise ReportImportError(f"{pdf_or_text_path}: no recommendations found in the conclusions section")
    return ImportResult(
        recommendations=_recommendation_set(metadata, builder.recommendations, pdf_or_text_path),
        paragraphs=tuple(builder.summaries()),
        footnotes=tuple(_called_footnotes(section, body.footnotes)),
        problems=tuple(problems),
        addendum=builder.addendum_read or _addendum_symbol(section, metadata.document),
        addendum_read=builder.addendum_read is not None,
        checked=builder.checked,
    )


def _addendum_symbol(section: Section, document: str) -> str:
    """Return the addendum the section names ("… in an addendum (A/HRC/10/82/Add.1)"), or the usual one."""
    text = " ".join(line.text for paragraph in section.paragraphs for line in paragraph.lines)
    named = re.search(rf"{re.escape(document)}/Add\.\d", text)
    return named.group(0) if named else f"{document}/Add.1"


def _recommendation_set(metadata: ReportMetadata, recs: dict[str, Recommendation], source: Path) -> RecommendationSet:
    """Return the set of recommendations with what the report says about the review."""
    return RecommendationSet(
        document=metadata.document or "",
        state_under_review=metadata.state_under_review or "unknown",
        cycle=metadata.cycle,
        session=metadata.session,
        year=metadata.year,
        recommendations=recs,
        source=source.name,
    )


def _metadata_problems(metadata: ReportMetadata) -> list[ImportProblem]:
    """Return a problem for each thing the first pages did not say."""
    missing = {
        "the State under review (“The review of … was held”); the data file says “unknown”":
            metadata.state_under_review,
        "the Working Group session (“held its … session”); session and cycle are left empty": metadata.session,
        "the year of the review; it is left empty": metadata.year,
    }
    return [ImportProblem(f"could not find {what} in the first pages") for what, value in missing.items() if not value]


class _Builder:
    """Turns the section's paragraphs into recommendations, collecting problems on the way."""

    def __init__(self, document: str, words: frozenset[str]) -> None:
        self.document = document
        self.words = words
        self.recommendations: dict[str, Recommendation] = {}
        self.problems: list[ImportProblem] = []
        self.paragraphs: list[tuple[RawParagraph, Response | None]] = []
        self.references: dict[int, tuple[int, int]] = {}  # paragraph -> (paragraph referred to, items given)
        self.comments: set[int] = set()  # paragraphs whose items are the State's comments
        self.unanswered: dict[int, ImportProblem] = {}  # paragraph -> the problem that its words give no response
        self.origin: dict[str, RawItem] = {}  # number -> the item it was imported from
        self.addendum_read: str | None = None  # the addendum whose responses were filled in
        self.checked: tuple[str, ...] = ()  # the addendum's stated totals that the result meets

    def add(self, paragraph: RawParagraph) -> None:
        """Add a paragraph: its items, or the category it gives to items listed above it."""
        response = response_of(paragraph.chapeau)
        if paragraph.items:
            self._add_items(paragraph, response)
        elif self._add_reference(paragraph, response) or self._answer_list_above(paragraph, response):
            pass
        elif _FOOTNOTE_REFERENCE.search(paragraph.chapeau) and paragraph.calls:
            self._problem(f"paragraph {paragraph.number} speaks of recommendations in footnote "
                          f"{', '.join(paragraph.calls)}, which have no number; they are not imported (see the report's footnotes "
                          "listed above)", paragraph)
        elif response is not None:
            self._problem(f"paragraph {paragraph.number} gives a response but lists no recommendations; "
                          f"nothing was changed: {shorten(paragraph.chapeau)!r}", paragraph)
        else:
            self._problem(f"paragraph {paragraph.number} lists no recommendations and was not imported: "
                          f"{shorten(paragraph.chapeau)!r}", paragraph)
        self.paragraphs.append((paragraph, response))

    def _answer_list_above(self, paragraph: RawParagraph, response: Response | None) -> bool:
        """Give the response of "The response … to these recommendations will be …" to the list just above,
        when that list's own words gave none; return False if the paragraph does not do that."""
        above = self.paragraphs[-1][0] if self.paragraphs else None
        unanswered = above is not None and above.items and self.paragraphs[-1][1] is None
        if response is None or not unanswered or not _THESE.search(paragraph.chapeau):
            return False
        for item in above.items:
            if self.origin.get(item.number) is item:
                rec = self.recommendations[item.number]
                self.recommendations[item.number] = replace(rec, response=response.response, category=response.category)
        if above.number in self.unanswered:  # the paragraph below answers it after all
            self.problems.remove(self.unanswered.pop(above.number))
        self.paragraphs[-1] = (above, response)
        self.references[paragraph.number] = (above.number, len(above.items))
        return True

    def _add_items(self, paragraph: RawParagraph, response: Response | None) -> None:
        """Add the recommendations a paragraph lists (not the State's own comments, which some list)."""
        if response is None and _COMMENTS.search(paragraph.chapeau):
            self._problem(f"paragraph {paragraph.number} lists the State's comments, not recommendations; its "
                          f"{len(paragraph.items)} items were not imported: {shorten(paragraph.chapeau)!r}", paragraph)
            self.comments.add(paragraph.number)
            return
        if response is None:
            self._problem(f"could not tell the response from the words of paragraph {paragraph.number}; "
                          f"its items are imported as pending: {shorten(paragraph.chapeau)!r}", paragraph)
            self.unanswered[paragraph.number] = self.problems[-1]
            response = Response("pending")
        for item in paragraph.items:
            self._add_item(item, response)

    def _add_item(self, item: RawItem, response: Response) -> None:
        """Add one recommendation, noting anything odd about it."""
        if item.number in self.recommendations:  # two paragraphs printed with one number: keep both
            second = next(f"{item.number} ({_ordinal(count)})" for count in range(2, len(self.recommendations) + 2)
                          if f"{item.number} ({_ordinal(count)})" not in self.recommendations)
            self.problems.append(ImportProblem(
                f"{item.number} is printed more than once; this one is imported as “{second}”: "
                f"{shorten(self._text(item))!r}", item.page, item.number))
            item.number = second
        split = split_states(self._text(item))
        self.origin[item.number] = item
        self.recommendations[item.number] = Recommendation(
            number=item.number, text=split.text, states=split.states, response=response.response,
            category=response.category, document=self.document, page=item.page,
        )
        self.problems += _item_problems(item, split.text, split.states, split.unknown, split.inline)

    def _text(self, item: RawItem) -> str:
        """Return the item's lines joined into one."""
        return join_lines((line.text for line in item.lines), self.words)

    def _add_reference(self, paragraph: RawParagraph, response: Response | None) -> bool:
        """Give a category (or a response) to items listed above, as in "Nos. 7, 8 … above have already been
        implemented"; return False if the paragraph does not do that."""
        category = category_of(paragraph.chapeau)
        listing = next((para for para, _ in reversed(self.paragraphs) if para.items), None)
        numbers = listed_numbers(paragraph.chapeau, listing.number if listing else None)
        if listing is None or not numbers or (category is None and response is None):
            return False
        change = {"category": category} if response is None else {"response": response.response,
                                                                  "category": response.category}
        for number in numbers:
            rec = self.recommendations.get(number)
            if rec is None:
                self._problem(f"paragraph {paragraph.number} names {number}, which is not in the report; "
                              "nothing was changed", paragraph)
            else:
                self.recommendations[number] = replace(rec, **change)
        self.references[paragraph.number] = (listing.number, len(numbers))
        return True

    def apply_responses(self, path: Path) -> None:
        """Fill in the pending responses from an addendum, checked against the totals it states."""
        if path.suffix.lower() == ".docx":
            raise ReportImportError(f"{path}: a Word file is no addendum; OHCHR's matrix goes with --matrix")
        found = read_addendum(path, self.recommendations)
        self._check_addendum(path, found.document)
        filled = fill_responses(self.recommendations, found)
        self.recommendations = filled.recommendations
        self.problems += filled.problems
        self.checked += filled.checked
        self.addendum_read = found.document or path.name

    def _check_addendum(self, path: Path, symbol: str | None) -> None:
        """Refuse an addendum to another report; note one that names no symbol."""
        if symbol is None:
            self.problems.append(ImportProblem(
                f"{path.name} names no addendum symbol ({self.document}/Add.1); its responses were read "
                "all the same: check that it is the addendum to this report"))
        elif symbol.split("/Add.")[0] != self.document:
            raise ReportImportError(f"{path}: it is {symbol}, the addendum to another report than {self.document}; "
                                    "give the addendum of this review")

    def summaries(self) -> list[ParagraphSummary]:
        """Return what each paragraph gave."""
        return [self._summary(paragraph, response) for paragraph, response in self.paragraphs]

    def _summary(self, paragraph: RawParagraph, response: Response | None) -> ParagraphSummary:
        """Return what one paragraph gave."""
        if paragraph.number in self.references:
            refers_to, count = self.references[paragraph.number]
            category = response.category if response else category_of(paragraph.chapeau)
            return ParagraphSummary(paragraph.number, paragraph.page, response.response if response else None,
                                    category, count, refers_to=refers_to)
        if paragraph.number in self.comments:
            return ParagraphSummary(paragraph.number, paragraph.page, None, None, 0)
        given = (response or Response("pending")) if paragraph.items else response
        imported = [self.recommendations[item.number] for item in paragraph.items if self.origin.get(item.number) is item]
        found = Counter(rec.response for rec in imported)
        final = {response: found[response] for response in RESPONSES if found[response]}
        changed = given is not None and bool(set(final) - {given.response})
        return ParagraphSummary(paragraph.number, paragraph.page, given.response if given else None,
                                given.category if given else None, len(imported),
                                final=final if changed else {})

    def _problem(self, message: str, paragraph: RawParagraph) -> None:
        """Note a problem about a paragraph."""
        self.problems.append(ImportProblem(message, paragraph.page, str(paragraph.number)))


def _item_problems(
    item: RawItem, text: str, states: tuple[str, ...], unknown: tuple[str, ...], inline: bool
) -> list[ImportProblem]:
    """Return what is odd about one item: no text, no State, an unknown State, States inside the text."""
    found: list[str] = []
    if not text:
        found.append("the recommendation has no text")
    if not states:
        found.append("no recommending State in parentheses at the end; imported without a State")
    found += [f"“{name}” taken as the recommending State, but it is not a known State name" for name in unknown]
    if inline:
        found.append(f"the States ({'; '.join(states)}) stand inside the text, not at its end; "
                     "all are taken and the text is kept as written")
    if _looks_merged(text):
        found.append("a State in parentheses is followed by what looks like a recommendation number; "
                     "imported as one recommendation, check the report")
    return [ImportProblem(message, item.page, item.number) for message in found]


def _looks_merged(text: str) -> bool:
    """Return True when a State list inside the text is followed by an item number: two items read as one."""
    return any(is_known_state(group) for group in _STATE_THEN_NUMBER.findall(text))


def _called_footnotes(section: Section, footnotes: tuple[Footnote, ...]) -> list[CalledFootnote]:
    """Return the report's footnotes called inside the section, with where they are called."""
    by_call = {(note.page, note.marker): note for note in footnotes}
    places: list[tuple[Line, str]] = [(section.heading, "the heading")]
    for paragraph in section.paragraphs:
        places += [(line, f"paragraph {paragraph.number}") for line in paragraph.lines]
        places += [(line, item.number) for item in paragraph.items for line in item.lines]
    return [
        CalledFootnote(by_call[(line.page, marker)], where)
        for line, where in places
        for marker in line.calls
        if (line.page, marker) in by_call
    ]


# --- The summary -----------------------------------------------------------


def format_summary(result: ImportResult, sources: bool = True) -> list[str]:
    """Return the import's summary as plain text lines: counts, paragraphs, footnotes, problems, and (unless
    *sources* is False, for a summary that goes on) where the responses come from."""
    return [
        review_line(result.recommendations),
        count_line(result.recommendations),
        *(_paragraph_line(summary) for summary in result.paragraphs),
        *_footnote_lines(result.footnotes),
        *problem_lines(result.problems),
        *result.checked,
        *(source_lines(result.recommendations, result.addendum, result.addendum_read) if sources else []),
    ]


def _ordinal(count: int) -> str:
    """Return "second" for 2 … "sixth" for 6, then "7th", "8th" …"""
    return _ORDINALS[count - 2] if count - 2 < len(_ORDINALS) else f"{count}th"


def _paragraph_line(summary: ParagraphSummary) -> str:
    """Return the line saying what one paragraph gave."""
    where = f"  paragraph {summary.number} (page {summary.page}): "
    category = f" ({summary.category})" if summary.category else ""
    if summary.refers_to is not None:
        what = ", ".join(part for part in (summary.response, summary.category) if part)
        return f"{where}gives “{what}” to {summary.count} recommendations of paragraph {summary.refers_to}"
    if summary.response is None:
        return f"{where}no recommendations"
    if not summary.count:
        return f"{where}no recommendations (its words say {summary.response})"
    line = f"{where}{summary.count} {summary.response}{category}"
    if summary.final:
        line += "; after the responses file: " + ", ".join(f"{n} {r}" for r, n in summary.final.items())
    return line


def _footnote_lines(footnotes: tuple[CalledFootnote, ...]) -> list[str]:
    """Return the lines listing the report's footnotes taken out of the section."""
    if not footnotes:
        return []
    return ["Footnotes of the report in the section (taken out of the text):"] + [
        f"  page {note.footnote.page}, footnote {note.footnote.marker} (in {note.called_in}): {note.footnote.text}"
        for note in footnotes
    ]
