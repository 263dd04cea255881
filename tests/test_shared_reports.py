"""Every Working Group report in shared/data imports as a person reading it counts it.

The expected figures were taken by reading each report (its conclusions
section page by page), not by running upr: per paragraph, the response its
words give and how many items it lists; the numbers printed wrongly; the
items that name several States. The reports are the real PDFs, so these
tests read them by layout, as a user's import does.
"""

from __future__ import annotations

import re

import pytest

from generator.recommendations import ImportResult, format_summary, import_report
from generator.recommendations.un_states import is_known_state
from tests.shareddata import SHARED_DATA, needs_reports



# report file: (symbol, [(paragraph, response, items)], {number as imported: number as printed})
REPORTS: dict[str, tuple[str, list[tuple[int, str | None, int]], dict[str, str]]] = {
    "A-HRC-14-10_Kazakhstan_2010_working-group-report.pdf": (
        "A/HRC/14/10", [(95, "supported", 102), (97, "pending", 26)], {}),
    "A-HRC-28-10_Kazakhstan_2014_working-group-report.pdf": (
        "A/HRC/28/10", [(124, "supported", 47), (125, "supported", 96), (126, "noted", 51)], {}),
    "slovenia/A-HRC-28-15_Slovenia_2014_working-group-report.pdf": (
        "A/HRC/28/15", [(115, "pending", 163)], {}),
    "slovenia/A-HRC-43-15_Slovenia_2019_working-group-report.pdf": (
        "A/HRC/43/15", [(121, "supported", 58), (122, "pending", 157)], {}),
    "wg-reports/afghanistan2014.pdf": (
        "A/HRC/26/4", [(136, "supported", 178), (137, "pending", 34), (138, "noted", 12)], {}),
    "wg-reports/bahrain2008.pdf": ("A/HRC/8/19", [(60, "supported", 9), (61, None, 0)], {}),
    "wg-reports/bangladesh2013.pdf": (
        "A/HRC/24/12", [(129, "supported", 164), (130, "pending", 27), (131, "noted", 5)],
        {"129.111": "120.111", "130.22": "131.22"}),
    "wg-reports/belize2009.pdf": ("A/HRC/12/4", [(67, "supported", 36), (68, "pending", 10)], {}),
    "wg-reports/canada2013.pdf": ("A/HRC/24/11", [(128, "pending", 162)], {}),
    "wg-reports/colombia2009.pdf": (
        "A/HRC/10/82", [(87, "supported", 65), (88, "noted", 0), (89, "pending", 2)], {}),
    "wg-reports/finland2012.pdf": (
        "A/HRC/21/8", [(89, "supported", 51), (90, "pending", 26), (91, "noted", 1)], {}),
    "wg-reports/japan2012.pdf": ("A/HRC/22/14", [(147, "pending", 174)], {"147.18": "146.18", "147.116": "146.116"}),
    "wg-reports/mali2013.pdf": (
        "A/HRC/23/6", [(110, "supported", 12), (111, "supported", 85), (112, "pending", 27), (113, "noted", 1)],
        {"111.3": "112.3", "111.25": "112.25", "111.29": "111. 29"}),
    "wg-reports/norway2014.pdf": ("A/HRC/27/3", [(131, "pending", 203)], {}),
    "wg-reports/republicofkorea2012.pdf": ("A/HRC/22/10", [(124, "pending", 70)], {}),
    "wg-reports/russia2013.pdf": ("A/HRC/24/14", [(140, "pending", 231), (141, None, 0)], {}),
    "wg-reports/unitedkingdom2008.pdf": ("A/HRC/8/25", [(56, "pending", 28)], {}),
    "wg-reports/vietnam2014.pdf": ("A/HRC/26/6", [(143, "pending", 227)], {}),
}

# Items that name several States, and every State they name, in order (repeats once).
CLUSTERED: dict[str, dict[str, tuple[str, ...]]] = {
    "wg-reports/canada2013.pdf": {
        "128.2": ("Australia", "Argentina", "Bulgaria", "Estonia", "Germany", "Hungary", "Netherlands", "New Zealand",
                  "United Kingdom of Great Britain and Northern Ireland", "France", "Portugal", "Tunisia", "Montenegro",
                  "Czech Republic", "Uruguay"),
        "128.3": ("Peru", "Honduras", "Cape Verde", "Argentina", "Chile", "Guatemala", "Ecuador", "Morocco", "Sri Lanka",
                  "Sudan", "Algeria", "Indonesia"),
    },
    "wg-reports/finland2012.pdf": {
        "91.1": ("Uruguay", "Indonesia"),  # printed "(Uruguay 3)", "(Indonesia 2)": footnote calls in body type
    },
    "wg-reports/republicofkorea2012.pdf": {
        "124.2": ("Spain", "Palestine"),
        "124.3": ("Spain", "Czech Republic", "Bulgaria", "Costa Rica", "Slovenia", "Tunisia"),
        "124.35": ("Rwanda", "Switzerland", "Slovenia", "Uruguay", "Chile", "Germany", "United Kingdom", "Belgium",
                   "Honduras", "Uzbekistan", "Italy", "Norway", "Slovakia", "Turkey", "France", "Spain", "Australia"),
    },
    "wg-reports/russia2013.pdf": {
        "140.11": ("Philippines", "Egypt"),
        "140.35": ("Pakistan", "Turkmenistan"),
        "140.136": ("Sri Lanka", "Tajikistan"),
    },
    "wg-reports/unitedkingdom2008.pdf": {
        "56.6": ("Cuba", "Ghana", "the Netherlands"),
        "56.21": ("Algeria", "Ecuador", "Egypt"),
    },
}

_CACHE: dict[str, ImportResult] = {}


def _imported(name: str) -> ImportResult:
    """Return the import of a shared report, done once per test run."""
    if name not in _CACHE:
        _CACHE[name] = import_report(SHARED_DATA / name)
    return _CACHE[name]


@needs_reports
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_paragraphs_responses_and_counts(name: str) -> None:
    symbol, paragraphs, _ = REPORTS[name]
    result = _imported(name)
    assert result.recommendations.document == symbol
    found = {summary.number: (summary.response, summary.count) for summary in result.paragraphs}
    assert {number: found.get(number) for number, _, _ in paragraphs} == {
        number: (response, count) for number, response, count in paragraphs
    }
    assert len(result.recommendations) == sum(count for _, _, count in paragraphs)


@needs_reports
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_numbers_follow_without_gap_and_misprints_are_named(name: str) -> None:
    _, paragraphs, misprints = REPORTS[name]
    result = _imported(name)
    expected = [f"{number}.{index}" for number, _, count in paragraphs for index in range(1, count + 1)]
    assert list(result.recommendations.recommendations) == expected
    named = {p.number: p.message for p in result.problems if "is printed as" in p.message}
    assert {number: re.search(r"printed as (.+?);", message).group(1)  # type: ignore[union-attr]
            for number, message in named.items()} == misprints


@needs_reports
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_no_item_holds_furniture_a_footnote_or_another_item(name: str) -> None:
    result = _imported(name)
    symbol = re.escape(result.recommendations.document)
    leaks = re.compile(rf"GE\.\d\d-\d|{symbol}|\bPage \d|as read during|have not been edited|\s{{2}}")
    for rec in result.recommendations:
        assert rec.text and not leaks.search(rec.text), rec
        assert not re.search(r"\b\d{2,3}\s?[.\-–]\s?\d{1,3}\.? [A-Z]", rec.text), rec  # an item number inside
        assert all(is_known_state(state) for state in rec.states), rec


@needs_reports
@pytest.mark.parametrize(("name", "number"), [(name, number) for name, items in CLUSTERED.items() for number in items])
def test_a_clustered_item_keeps_every_state(name: str, number: str) -> None:
    rec = _imported(name).recommendations.get(number)
    assert rec is not None and rec.states == CLUSTERED[name][number]


@needs_reports
def test_states_are_kept_as_printed_in_every_form() -> None:
    finland = _imported("wg-reports/finland2012.pdf").recommendations
    printed = {state for rec in finland for state in rec.states}
    assert {"UK", "USA", "Iran", "Palestine", "The Netherlands"} <= printed
    belize = _imported("wg-reports/belize2009.pdf").recommendations
    assert {"United States", "United Kingdom"} <= {state for rec in belize for state in rec.states}


SLOVENIA_ADDENDA = {
    "slovenia/A-HRC-28-15_Slovenia_2014_working-group-report.pdf": (
        "slovenia/A-HRC-28-15-Add.1_Slovenia_2015_addendum.pdf",
        ["A/HRC/28/15/Add.1 states 142 supported and 21 noted (para. 2): the import has the same",
         "Responses: 163 from A/HRC/28/15/Add.1"]),
    "slovenia/A-HRC-43-15_Slovenia_2019_working-group-report.pdf": (
        "slovenia/A-HRC-43-15-Add.1_Slovenia_2020_addendum.pdf",
        ["A/HRC/43/15/Add.1 states 58 supported (para. 2): the import has the same",
         "A/HRC/43/15/Add.1 states 124 supported and 33 noted (para. 2): the import has the same",
         "Responses: 157 from A/HRC/43/15/Add.1, 58 from A/HRC/43/15 (the report)"]),
}


@needs_reports
@pytest.mark.parametrize("name", sorted(SLOVENIA_ADDENDA))
def test_the_summary_ends_with_the_addendum_s_totals_met_and_the_sources(name: str) -> None:
    addendum, closing = SLOVENIA_ADDENDA[name]
    summary = format_summary(import_report(SHARED_DATA / name, SHARED_DATA / addendum))
    assert summary[-len(closing) - 1:] == ["No problems.", *closing]


@needs_reports
def test_a_report_left_pending_says_which_document_gives_the_responses() -> None:
    assert format_summary(_imported("wg-reports/norway2014.pdf"))[-1] == (
        "203 recommendations still pending: give the State's later responses with --responses ADDENDUM.pdf "
        "(the report's addendum, A/HRC/27/3/Add.1) or --matrix MATRIX.docx (OHCHR's thematic list of recommendations)")
