"""Tests of the addendum reader: the two real Slovenia addenda against OHCHR's matrices, text fixtures, and the
small parts (number lists, response wordings).

Each fixture tests/fixtures/addenda/NAME.txt is addendum text (pages separated
by form feeds); NAME.expected.txt opens with the report's numbers ("report:
115.1-163") and lists what the reader must give: the responses, runs of
numbers with the same response and source on one line, then the stated
totals and the problems.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.recommendations import Recommendation
from generator.recommendations.addendum import Responses, fill_responses, read_addendum
from generator.recommendations.importer import import_report
from generator.recommendations.numbers import Span, listed_numbers, number_lists, numbers_in, spans_of
from generator.recommendations.responses import Response, position_of, response_of
from tests.shareddata import SHARED_DATA, needs_reports

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "addenda"
SLOVENIA = SHARED_DATA / "slovenia"



# --- The real addenda, checked against OHCHR's matrices ------------------------------

CYCLES = {
    # cycle: (report, addendum, matrix, stated totals as (counts, out of, of the report's own responses))
    2: ("A-HRC-28-15_Slovenia_2014_working-group-report.pdf", "A-HRC-28-15-Add.1_Slovenia_2015_addendum.pdf",
        "UPR20_Slovenia_thematic-list-of-recommendations.docx",
        [({"supported": 142, "noted": 21}, 163, False)]),
    3: ("A-HRC-43-15_Slovenia_2019_working-group-report.pdf", "A-HRC-43-15-Add.1_Slovenia_2020_addendum.pdf",
        "UPR34_Slovenia_thematic-list-of-recommendations.docx",
        [({"supported": 58}, 215, True), ({"supported": 124, "noted": 33}, 157, False)]),
}


def _matrix_positions(path: Path) -> dict[str, str]:
    """Return the Position column of an OHCHR matrix, by recommendation number ("115.1" -> "supported")."""
    import docx

    positions: dict[str, str] = {}
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells]
            number = re.match(r"(\d+\.\d+)\s", cells[0])
            if number and len(cells) > 1:
                positions[number.group(1)] = cells[1].casefold()
    return positions


@needs_reports
@pytest.mark.parametrize("cycle", sorted(CYCLES))
def test_slovenia_responses_equal_the_matrix(cycle: int) -> None:
    report, addendum, matrix, totals = CYCLES[cycle]
    recommendations = import_report(SLOVENIA / report).recommendations.recommendations
    found = read_addendum(SLOVENIA / addendum, recommendations)
    filled = fill_responses(recommendations, found)
    truth = _matrix_positions(SLOVENIA / matrix)
    assert len(truth) == len(recommendations)
    assert {number: rec.response for number, rec in filled.recommendations.items()} == truth
    assert [(t.counts, t.out_of, t.of_report) for t in found.stated_totals] == totals
    assert filled.problems == ()  # the stated totals are met, nothing conflicts, nothing is left pending


@needs_reports
def test_slovenia_response_sources_name_the_addendum_paragraph() -> None:
    report, addendum, _, _ = CYCLES[2]
    recommendations = import_report(SLOVENIA / report).recommendations.recommendations
    filled = fill_responses(recommendations, read_addendum(SLOVENIA / addendum, recommendations)).recommendations
    given = [(filled[n].response, filled[n].category, filled[n].response_source) for n in ("115.1", "115.18", "115.6")]
    assert given == [
        ("supported", None, "A/HRC/28/15/Add.1, para. 3"),
        ("supported", "already implemented or in the process of being implemented", "A/HRC/28/15/Add.1, para. 4"),
        ("noted", None, "A/HRC/28/15/Add.1, para. 5"),
    ]


# --- Text fixtures ------------------------------------------------------------------------

FIXTURE_NAMES = sorted(path.name.removesuffix(".txt") for path in FIXTURES.glob("*.txt")
                       if not path.name.endswith(".expected.txt"))

FIXTURE_QUIRKS = {
    # Cut from `pdftotext -layout` output of the real addenda A/HRC/28/15/Add.1 and A/HRC/43/15/Add.1:
    "wrapped-bare-lists": "bare numbers (items of paragraph 115) in lists wrapped over lines, cut at a dash "
                          "(“14–” / “16”, “80–” / “93”) or with spaces around it (“150 – 152”)",
    "categories-in-prose": "“clustered in three categories: 1. Accepted recommendations; 2. …; 3. Noted” is "
                           "no list of recommendations 1–3; the totals “accepts 142 … notes 21” of “163 "
                           "recommendations”",
    "dotted-ranges": "ranges with the paragraph written once (“122.30-33”, “122.62-” / “66”, “122.34- 35”, "
                     "“122.141-144,122.146”) under headings; the category from the paragraph's second sentence",
    "headings-govern-comments": "comments (“Rec. 18 …”, “Recs. 6–13 …”) under category headings, without the "
                                "paragraphs that list them: the heading gives the response, a number named in "
                                "the prose (“see also recommendation 71”) gets none",
    "comments-under-noted": "the verb “notes”; comments under “Noted recommendations” that say “Slovenia "
                            "considers this recommendation implemented” do not override the position",
    "prose-does-not-answer": "comments alone (“Slovenia supports new developments in palliative care”, "
                             "“considers these recommendations implemented”) give no response",
    "stated-totals": "totals of the report's own responses (“58 were immediately supported”) and of the "
                     "addendum's (“the remaining 157 …, of which 124 are now supported and 33 noted”)",
    # Composed (no real addendum at hand is written this way), from the real numbers and texts of A/HRC/43/15:
    "table-position-column": "a table as pdftotext lays it out: number and text, a Position cell (also on a "
                             "line of its own, or over two lines), comments; labels separated by “;”",
    "support-verbs": "“enjoy the support of”, “do not enjoy the support of”, “did not enjoy its support”, "
                     "“agrees with”, “takes note of”, “does not accept”, “rejects”",
    "partial-support": "“supports in part”, “notes in part”, “partially accepted”, “partially supported”, "
                       "“Supported/Noted”, “Accepted in part” as partially supported",
    "list-entries": "cycle-1 style entries: “3. Not accepted.” (item 3 of the paragraph the addendum names), "
                    "“Recommendations 7.4 to 7.6: rejected.”, “7.7 Supported, already implemented.”",
    "negated-and-excepted": "“partially supports”, “accepts … in part”, “could not be accepted”, “cannot be "
                            "supported”, “will not be supported”, and “supports … with the exception of …”, "
                            "which is left to a person",
    "conflicts": "a number both accepted and noted, a position that contradicts its heading, a number still "
                 "under consideration, one the report does not have, and bare numbers of several paragraphs",
}


def test_fixtures_cover_every_quirk() -> None:
    assert FIXTURE_NAMES == sorted(FIXTURE_QUIRKS)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_gives_the_expected_responses(name: str) -> None:
    expected = (FIXTURES / f"{name}.expected.txt").read_text("utf-8").splitlines()
    numbers = _report_numbers(expected[0])
    found = read_addendum(FIXTURES / f"{name}.txt", numbers)
    assert describe(found, numbers) == expected[1:]


def _report_numbers(line: str) -> list[str]:
    """Return the numbers of "report: 121.1-58 122.1-157", in order."""
    ranges = re.findall(r"(\d+)\.(\d+)-(\d+)", line.removeprefix("report:"))
    return [f"{paragraph}.{item}" for paragraph, first, last in ranges for item in range(int(first), int(last) + 1)]


def describe(found: Responses, numbers: list[str]) -> list[str]:
    """Return what the reader gave as lines: runs of responses, then stated totals, then problems."""
    lines: list[str] = []
    order = {number: index for index, number in enumerate(numbers)}
    run: list[tuple[str, tuple[str, str | None, str | None]]] = []
    for later in found.responses:
        given = (later.response.response, later.response.category, later.source)
        if run and (order[later.number] != order[run[-1][0]] + 1 or run[-1][1] != given):
            lines.append(_run_line(run))
            run = []
        run.append((later.number, given))
    if run:
        lines.append(_run_line(run))
    lines += [f"stated: {', '.join(f'{n} {r}' for r, n in t.counts.items())}"
              f"{f' of {t.out_of}' if t.out_of is not None else ''}{' (the report’s)' if t.of_report else ''}"
              f" ({t.where()})" for t in found.stated_totals]
    return lines + [f"problem: {problem}" for problem in found.problems]


def _run_line(run: list[tuple[str, tuple[str, str | None, str | None]]]) -> str:
    """Return "122.30–122.33: supported (…, para. 3)" for a run of numbers given the same."""
    numbers = run[0][0] if len(run) == 1 else f"{run[0][0]}–{run[-1][0]}"
    response, category, source = run[0][1]
    return f"{numbers}: {response}{f', {category}' if category else ''} ({source})"


# --- Filling in a report's pending responses -------------------------------------------------


def _pending(numbers: list[str], answered: dict[str, str] | None = None) -> dict[str, Recommendation]:
    """Return recommendations with these numbers, pending unless *answered* gives their response."""
    answered = answered or {}
    return {number: Recommendation(number=number, text="Ratify CRPD", states=("Spain",),
                                   response=answered.get(number, "pending"), category=None,
                                   document="A/HRC/28/15", page=None) for number in numbers}


def test_totals_not_met_say_by_how_much() -> None:
    numbers = _report_numbers("report: 115.1-163")
    found = read_addendum(FIXTURES / "wrapped-bare-lists.txt", numbers)
    found = Responses(found.responses, found.problems,
                      read_addendum(FIXTURES / "categories-in-prose.txt", numbers).stated_totals, found.document)
    filled = fill_responses(_pending(numbers), found)
    assert [str(problem) for problem in filled.problems][1:] == [
        "page 1: the addendum states 142 supported and 21 noted (para. 2); the import has 142 supported and "
        "21 pending: 21 noted too few, 21 pending too many",
    ]
    assert filled.problems[0].message.startswith("the addendum gives no response for 21 pending recommendation(s), "
                                                 "which stay pending: 115.6, 115.7,")


def test_filling_keeps_the_report_response_and_records_the_source() -> None:
    numbers = _report_numbers("report: 7.1-8")
    recs = _pending(numbers, {"7.1": "noted"})
    filled = fill_responses(recs, read_addendum(FIXTURES / "list-entries.txt", numbers))
    assert [(rec.number, rec.response, rec.response_source) for rec in filled.recommendations.values()] == [
        ("7.1", "noted", None), ("7.2", "supported", "A/HRC/13/4/Add.1, para. 1"),
        ("7.3", "noted", "A/HRC/13/4/Add.1, para. 1"), ("7.4", "noted", "A/HRC/13/4/Add.1, para. 1"),
        ("7.5", "noted", "A/HRC/13/4/Add.1, para. 1"), ("7.6", "noted", "A/HRC/13/4/Add.1, para. 1"),
        ("7.7", "supported", "A/HRC/13/4/Add.1, para. 1"), ("7.8", "noted", "A/HRC/13/4/Add.1, para. 1"),
    ]
    assert [str(problem) for problem in filled.problems] == [
        "page 1, 7.1: the addendum says supported (para. 1) where the report says noted; the report's response "
        "is kept"]


def test_totals_that_do_not_fit_the_report() -> None:
    numbers = _report_numbers("report: 122.1-10")
    found = read_addendum(FIXTURES / "stated-totals.txt", numbers)
    assert [str(problem) for problem in fill_responses(_pending(numbers), found).problems][1:] == [
        "page 1: the addendum states the report's own responses as 58 supported (para. 2); the report gives none: "
        "58 supported too few",
        "page 1: the addendum counts its responses out of 157 recommendations (para. 2), but the report has 10, "
        "10 of them pending; its totals were not checked",
    ]


# --- Number lists ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("accepts the recommendations 1–5, 14– 16, 20–23", [("1", "5"), ("14", "16"), ("20", "23")]),
        ("the following recommendations 122.1, 122.12, 122.17-18", [("122.1", "122.1"), ("122.12", "122.12"),
                                                                  ("122.17", "122.18")]),
        ("122.30-33, 122.36-41", [("122.30", "122.33"), ("122.36", "122.41")]),
        ("122.62- 66, 122.68-71", [("122.62", "122.66"), ("122.68", "122.71")]),
        ("122.34- 35, 122.141-144,122.146", [("122.34", "122.35"), ("122.141", "122.144"), ("122.146", "122.146")]),
        ("recommendations 145, 146, 150 – 152, 159", [("145", "145"), ("146", "146"), ("150", "152"),
                                                     ("159", "159")]),
        ("Recommendations 97.6–97.8: not accepted", [("97.6", "97.8")]),
        ("recommendations 7.4 to 7.6", [("7.4", "7.6")]),
        ("50.28.-50.30", [("50.28", "50.30")]),
        ("130.19; 130.20; 130.21; Accepted", [("130.19", "130.19"), ("130.20", "130.20"), ("130.21", "130.21")]),
        ("recommendations Nos. 7, 8, and 10", [("7", "7"), ("8", "8"), ("10", "10")]),
        ("122.30, 31 and 32", [("122.30", "122.30"), ("122.31", "122.31"), ("122.32", "122.32")]),
    ],
)
def test_number_lists(text: str, spans: list[tuple[str, str]]) -> None:
    assert [[(span.first, span.last) for span in found.spans] for found in number_lists(text)] == [spans]


@pytest.mark.parametrize(
    "text",
    [
        "the National Programme of Measures for Roma 2010–2015",
        "the report of the Working Group (A/HRC/13/4) and A/HRC/28/15/Add.1",
        "Slovenia received 215 recommendations, of which 58 were immediately supported",
        "clustered in three categories: 1. Accepted recommendations; 2. Accepted recommendations",
        "150 – 152, 159",  # bare numbers with nothing to say they are recommendations
    ],
)
def test_no_number_lists(text: str) -> None:
    assert number_lists(text) == []


@pytest.mark.parametrize(
    ("span", "paragraph", "numbers"),
    [
        (Span("122.30", "122.33"), None, ["122.30", "122.31", "122.32", "122.33"]),
        (Span("14", "16"), 115, ["115.14", "115.15", "115.16"]),
        (Span("14", "16"), None, []),
        (Span("121.58", "122.1"), None, ["121.58", "122.1"]),
        (Span("122.9", "122.7"), None, ["122.9", "122.7"]),
    ],
)
def test_numbers_in(span: Span, paragraph: int | None, numbers: list[str]) -> None:
    assert numbers_in(span, paragraph) == numbers


def test_spans_carry_the_paragraph_over() -> None:
    assert spans_of("122.30-33, 36") == [Span("122.30", "122.33"), Span("122.36", "122.36")]


@pytest.mark.parametrize(
    ("chapeau", "numbers"),
    [
        ("Ruritania did not accept recommendations 7, 12 and 15.", ["95.7", "95.12", "95.15"]),
        ("Ruritania did not accept recommendations 7, 12,\nand 15 above.", ["95.7", "95.12", "95.15"]),
        ("Ruritania does not support recommendations Nos. 2 and 3 above.", ["95.2", "95.3"]),
        ("Ruritania rejects recommendations 4 to 6 and 9–\n11.", ["95.4", "95.5", "95.6", "95.9", "95.10", "95.11"]),
        ("Kazakhstan considers that recommendations Nos. 7, 8, 9, 10, 11, 12, 13, 14, 22, 26 above have already "
         "been implemented", [f"95.{n}" for n in (7, 8, 9, 10, 11, 12, 13, 14, 22, 26)]),
    ],
)
def test_listed_numbers_of_cycle_1_paragraphs(chapeau: str, numbers: list[str]) -> None:
    assert listed_numbers(chapeau, 95) == numbers


# --- Response wordings ------------------------------------------------------------------------

# Chapeaus as the Working Group reports in /work/shared/data write them (joined onto one line; the
# Colombian ones with their lists of paragraphs cut short, the Kazakh one of 2010 with its list of numbers).
CHAPEAUS = [
    ("The recommendations formulated during the interactive dialogue and listed below have been examined by "
     "Afghanistan and enjoy its support:", "supported", None),
    ("The recommendations below did not enjoy the support of Afghanistan:", "noted", None),
    ("The following recommendations will be examined by Afghanistan, which will provide responses in due time, "
     "but no later than the twenty-sixth session of the Human Rights Council in June 2014:", "pending", None),
    ("The recommendations formulated during the interactive dialogue have been examined by Colombia and the "
     "recommendations listed below enjoy the support of Colombia. Colombia has submitted its views on "
     "recommendations noted in the report in paragraphs 19(a), 19(b), 19(f), 20(a), 60(d). These views are "
     "included in an addendum to the report of the Working Group (A/HRC/10/82/Add.1):", "supported", None),
    ("The recommendations noted in the report in paragraphs 19(d), 19(e), 22(c), 60(a) above did not enjoy the "
     "support of Colombia. Colombia submitted its views on these recommendations.", "noted", None),
    ("The State under review considered the recommendations made during the interactive dialogue which are "
     "contained in section II B above, and agreed on the following:", "supported", None),
    ("With regard to the other recommendations, the State under review offers the following comments:", None, None),
    ("In the course of the discussion, the following recommendations were made to the United Kingdom of Great "
     "Britain and Northern Ireland:", None, None),
    ("The following recommendations enjoy the support of Kazakhstan, which considers that they have already been "
     "implemented.", "supported", "already implemented"),
    ("The following recommendations enjoy the support of Mali, which considers that they are already implemented "
     "or in the process of implementation:", "supported",
     "already implemented or in the process of being implemented"),
    ("The following recommendations did not enjoy the support of Kazakhstan and would thus be noted:", "noted", None),
    ("Kazakhstan considers that recommendations Nos. 7, 8, 9 above have already been implemented or are in the "
     "process of implementation.", None, None),
    ("The recommendations listed below will be examined by Slovenia which will provide responses in due time, "
     "but no later than the twenty-eighth session of the Human Rights Council in March 2015:", "pending", None),
    ("The following recommendations will be examined by Norway, which will respond to them in due course, but no "
     "later than the twenty-seventh session of the Human Rights Council, in September 2014:", "pending", None),
    ("The following recommendations do not enjoy its support:", "noted", None),
    ("The following recommendations were noted by Ruritania:", "noted", None),
    ("Ruritania did not accept recommendations 7, 12 and 15.", "noted", None),
    ("Slovenia supports in part recommendation 5.", "partially supported", None),
    ("The following recommendations could not be accepted by the Republic of Korea:", "noted", None),
    ("The following recommendations cannot be supported by Ruritania:", "noted", None),
    ("The following recommendations have not been accepted:", "noted", None),
    ("The Republic of Korea partially supports the following recommendations:", "partially supported", None),
    ("Ruritania supports the following recommendations, except those on the death penalty, which it notes:",
     None, None),  # the exception takes another response: a person reads it
    # Addendum prose that answers nothing:
    ("Under the 2010 National Programme, Slovenia supports new developments in palliative care.", None, None),
    ("Many of the supported recommendations have already been implemented or are in the process of "
     "implementation.", None, None),
    ("The Government of Slovenia accepts 142 recommendations.", None, None),
    ("We consider that this recommendation is implemented.", None, None),
    ("Accept the recommendations of the Special Rapporteur (France);", None, None),  # a recommendation's own text
]


@pytest.mark.parametrize(("words", "response", "category"), CHAPEAUS)
def test_response_of(words: str, response: str | None, category: str | None) -> None:
    assert response_of(words) == (Response(response, category) if response else None)


@pytest.mark.parametrize(
    ("words", "response"),
    [
        ("Supported", "supported"), ("Noted", "noted"), ("Not accepted", "noted"), ("Rejected", "noted"),
        ("Partially supported", "partially supported"), ("Partially accepted", "partially supported"),
        ("Supported/Noted", "partially supported"), ("Accepted in part", "partially supported"),
        ("I. Accepted recommendations", "supported"), ("Recommendations not supported", "noted"),
        ("Recommendations that do not enjoy the support of Slovenia", "noted"),
        ("Recommendation Position Comments", None),
    ],
)
def test_position_of(words: str, response: str | None) -> None:
    found = position_of(words)
    assert (found.response if found else None) == response
