"""Tests of the Working Group report importer: the two real Kazakhstan reports and small text fixtures.

Each fixture tests/fixtures/reports/NAME.report.txt (pages separated by form
feeds) is imported, with NAME.responses.txt as the addendum if there is one;
the data file must equal NAME.expected.yaml and the summary NAME.summary.txt.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.errors import ReportImportError
from generator.recommendations import (
    ImportResult,
    dump_recommendation_data,
    format_summary,
    import_report,
    load_recommendation_data,
)
from generator.recommendations.metadata import cycle_of_session, ordinal_value
from generator.recommendations.states import split_states
from tests.shareddata import SHARED_DATA, needs_reports

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"
REPORT_2014 = SHARED_DATA / "A-HRC-28-10_Kazakhstan_2014_working-group-report.pdf"
REPORT_2010 = SHARED_DATA / "A-HRC-14-10_Kazakhstan_2010_working-group-report.pdf"
CONTENT_FILE = REPO / "content" / "kazakhstan-2019" / "recommendations" / "A-HRC-28-10.yaml"



def _import_without_logs(path: Path) -> ImportResult:
    """Import a report, failing on any warning pypdf or the importer logs."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign]
    logging.getLogger().addHandler(handler)
    try:
        result = import_report(path)
    finally:
        logging.getLogger().removeHandler(handler)
    assert not records, [record.getMessage() for record in records]
    return result


@pytest.fixture(scope="module")
def report_2014() -> ImportResult:
    """A/HRC/28/10, imported once for the module (reading the PDF takes about a second)."""
    return _import_without_logs(REPORT_2014)


@pytest.fixture(scope="module")
def report_2010() -> ImportResult:
    """A/HRC/14/10, imported once for the module."""
    return _import_without_logs(REPORT_2010)


# --- A/HRC/28/10 (cycle 2) -----------------------------------------------------


@needs_reports
def test_2014_counts(report_2014: ImportResult) -> None:
    rset = report_2014.recommendations
    assert len(rset) == 194
    assert report_2014.counts() == {"supported": 143, "noted": 51, "partially supported": 0, "pending": 0}
    assert [(p.number, p.count, p.response, p.category, p.page) for p in report_2014.paragraphs] == [
        (124, 47, "supported", "already implemented", 14),
        (125, 96, "supported", "in the process of being implemented", 17),
        (126, 51, "noted", None, 23),
    ]
    counts = {124: 47, 125: 96, 126: 51}
    assert list(rset.recommendations) == [f"{para}.{n}" for para, count in counts.items() for n in range(1, count + 1)]
    assert report_2014.problems == ()


@needs_reports
def test_2014_metadata(report_2014: ImportResult) -> None:
    rset = report_2014.recommendations
    assert (rset.document, rset.state_under_review, rset.cycle, rset.session, rset.year) == (
        "A/HRC/28/10", "Kazakhstan", 2, 20, 2014)


@needs_reports
def test_2014_texts_are_clean(report_2014: ImportResult) -> None:
    for rec in report_2014.recommendations:
        assert rec.text and rec.states and rec.document == "A/HRC/28/10", rec
        assert not re.search(r"GE\.14|A/HRC/28/10|have not been edited|as read during|\s{2}|\n", rec.text), rec
        assert not rec.text.endswith((";", ".")) and split_states(rec.text).states == (), rec  # no State left
        assert not re.search(r"[a-z]\d\b", rec.text), rec  # no footnote call left ("employment1")


@pytest.mark.parametrize(
    ("number", "text", "states", "response", "category", "page"),
    [
        ("124.4", "Define criminal offences, in particular those in article 164 of the Criminal Code on incitement "
         "to national, ethnic or racial enmity or discord, or insult to the national honour and dignity or "
         "religious feelings of citizens, in accordance with international human rights law, and giving special "
         "attention to the right to freedom of expression", ("Brazil",), "supported", "already implemented", 15),
        ("124.5", "Clearly define criminal offences provided for under article 164 of the Criminal Code, such as the "
         "incitement to hatred or discord on ethnic or racial grounds, or affronts to national honour and to "
         "religious dignity and believes, so that they are in line with international norms on freedom of "
         "expression", ("Chile",), "supported", "already implemented", 15),
        ("124.37", "Further revise the current legislation on combating trafficking in persons for a better "
         "prosecution of these crimes", ("Iran (Islamic republic of)",), "supported", "already implemented", 17),
        ("124.47", "Ensure changes to its criminal and civil codes, decriminalize slander and libel, and protect "
         "media freedoms and the freedom of expression, including for NGOs", ("Australia",), "supported",
         "already implemented", 17),
        ("125.8", "Ratify CRPD", ("Hungary", "Spain"), "supported", "in the process of being implemented", 18),
        ("125.9", "Ratify the Optional Protocol to the International Covenant on Economic, Social and Cultural "
         "Rights (OP-ICESCR)", ("Portugal", "Uruguay", "Argentina"), "supported",
         "in the process of being implemented", 18),
        ("125.27", "Continue applying an inclusive approach for the implementation of national programmes in the "
         "area of employment", ("Belarus",), "supported", "in the process of being implemented", 19),
        ("125.40", "Strengthen efforts to improve the situation of women and combat against discrimination and "
         "violence against women and children", ("Sri Lanka",), "supported", "in the process of being implemented",
         19),
        ("125.78", "Make efforts to maintain the process of introducing legal amendments to protect vulnerable "
         "members of society, including children, disabled persons and women, and ensure that the changes are "
         "enacted in practice, for example, through the greater representation of women in decision-making "
         "processes", ("Norway",), "supported", "in the process of being implemented", 22),
        ("125.81", "Continue promoting its effective social policies to increase the standard of living of its "
         "people, particularly in the neediest areas", ("Venezuela (Bolivarian Republic of)",), "supported",
         "in the process of being implemented", 22),
        ("125.96", "Implement the road map for the country’s transition to a green economy through the various "
         "measures planned", ("Brunei Darussalam",), "supported", "in the process of being implemented", 23),
        ("126.5", "Ratify the Second Optional Protocol to the International Covenant on Civil and Political Rights, "
         "aiming at the abolition of the death penalty (ICCPR-OP 2)", ("Sierra Leone",), "noted", None, 23),
        ("126.8", "Ratify the Optional Protocol to CRPD", ("Hungary", "Spain"), "noted", None, 23),
        ("126.20", "Review the implementation of the National Human Rights Action Plan 2009-2012 to assess its "
         "effectiveness, evaluate possible strong points or areas for improvement, and identify needs for "
         "capacity-building and opportunities for international cooperation in the promotion and protection of "
         "human rights", ("Philippines",), "noted", None, 23),
        ("126.24", "Strengthen the legal framework for the protection and non-discrimination of lesbian, gay, "
         "bisexual, transgender and intersex people", ("Spain",), "noted", None, 24),
        ("126.51", "Accede to the Convention on the non-applicability of statutory limitations to war crimes and "
         "crimes against humanity", ("Uruguay",), "noted", None, 26),
    ],
)
@needs_reports
def test_2014_items(report_2014: ImportResult, number: str, text: str, states: tuple[str, ...], response: str,
                    category: str | None, page: int) -> None:
    rec = report_2014.recommendations.get(number)
    assert rec is not None
    assert (rec.text, rec.states, rec.response, rec.category, rec.page) == (text, states, response, category, page)


# The citations in the seed submission, each with the State it names.
SEED_CITATIONS = (
    "124.4 (Brazil); 124.5 (Chile); 124.22 (Uruguay); 124.28 (Italy); 124.29 (Japan); 124.30 (France); "
    "124.24 (Latvia); 124.25 (Austria); 124.26 (Sweden); 124.39 (Norway); 124.27 (Czech Republic); "
    "124.47 (Australia); 126.35 (Czech Republic); 126.38 (Finland); 126.39 (Hungary); "
    "126.40 (United States of America); 126.41 (Ireland); 126.37 (Finland); 126.36 (Estonia); "
    "126.42 (Slovenia); 126.46 (Belgium)"
)


@needs_reports
def test_2014_seed_citations_name_the_right_states(report_2014: ImportResult) -> None:
    cited = re.findall(r"(\d+\.\d+) \(([^)]+)\)", SEED_CITATIONS)
    assert len(cited) == 21
    found = {number: report_2014.recommendations.get(number).states for number, _ in cited}  # type: ignore[union-attr]
    assert found == {number: (state,) for number, state in cited}


@needs_reports
def test_2014_footnotes_are_taken_out_and_reported(report_2014: ImportResult) -> None:
    assert [(n.footnote.page, n.footnote.marker, n.called_in) for n in report_2014.footnotes] == [
        (14, "**", "the heading"),
        (19, "1", "125.27"),
    ]
    assert report_2014.footnotes[1].footnote.text.startswith("The recommendation as read during the interactive")


@needs_reports
def test_2014_summary(report_2014: ImportResult) -> None:
    assert format_summary(report_2014)[:5] == [
        f"A/HRC/28/10: Kazakhstan, cycle 2, session 20, 2014 (read from {REPORT_2014.name})",
        "194 recommendations: 143 supported, 51 noted",
        "  paragraph 124 (page 14): 47 supported (already implemented)",
        "  paragraph 125 (page 17): 96 supported (in the process of being implemented)",
        "  paragraph 126 (page 23): 51 noted",
    ]
    assert format_summary(report_2014)[-2:] == ["No problems.", "Responses: 194 from A/HRC/28/10 (the report)"]


@needs_reports
def test_content_file_is_the_import_of_the_2014_report(report_2014: ImportResult) -> None:
    assert CONTENT_FILE.read_text(encoding="utf-8") == dump_recommendation_data(report_2014.recommendations)


@needs_reports
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdftotext_layout_text_gives_the_same_recommendations(report_2014: ImportResult, tmp_path: Path) -> None:
    text = tmp_path / "A-HRC-28-10.txt"
    subprocess.run(["pdftotext", "-layout", str(REPORT_2014), str(text)], check=True)
    result = import_report(text)
    assert result.recommendations == report_2014.recommendations
    assert result.problems == ()


def test_content_file_loads() -> None:
    rset = load_recommendation_data(CONTENT_FILE)
    assert (rset.document, rset.state_under_review, rset.cycle, rset.session, rset.year, len(rset)) == (
        "A/HRC/28/10", "Kazakhstan", 2, 20, 2014, 194)


# --- A/HRC/14/10 (cycle 1) -----------------------------------------------------

ALREADY_OR_IN_PROCESS = (  # paragraph 96: "recommendations Nos. … above have already been implemented or …"
    "7 8 9 10 11 12 13 14 22 26 27 28 29 31 32 34 35 36 37 38 39 41 42 43 44 47 49 50 51 52 53 54 55 56 57 58 59 "
    "60 61 62 63 69 70 71 72 73 74 75 76 78 79 80 81 82 83 84 85 87 88 89 90 91 92 93 94 95 96 97"
).split()


@needs_reports
def test_2010_numbering_and_counts(report_2010: ImportResult) -> None:
    rset = report_2010.recommendations
    assert (rset.document, rset.state_under_review, rset.cycle, rset.session, rset.year) == (
        "A/HRC/14/10", "Kazakhstan", 1, 7, 2010)
    assert list(rset.recommendations) == [f"95.{n}" for n in range(1, 103)] + [f"97.{n}" for n in range(1, 27)]
    assert report_2010.counts() == {"supported": 102, "noted": 0, "partially supported": 0, "pending": 26}
    assert [(p.number, p.count, p.response, p.refers_to) for p in report_2010.paragraphs] == [
        (95, 102, "supported", None),
        (96, 68, None, 95),
        (97, 26, "pending", None),
    ]


@needs_reports
def test_2010_categories_come_from_paragraph_96(report_2010: ImportResult) -> None:
    categorised = [rec.number for rec in report_2010.recommendations if rec.category]
    assert categorised == [f"95.{n}" for n in ALREADY_OR_IN_PROCESS]
    assert report_2010.recommendations.get("95.7").category == (  # type: ignore[union-attr]
        "already implemented or in the process of being implemented")


@pytest.mark.parametrize(
    ("number", "text", "states", "page"),
    [
        ("95.1", "To accomplish human rights voluntary goals as established by Human Rights Council resolution 9/12, "
         "including the ratification of the Convention on the Rights of Persons with Disabilities and the Optional "
         "Protocol thereto", ("Brazil",), 14),
        ("95.3", "To consider ratifying (Slovenia)/ratify (Republic of Korea) the Convention on the Rights of Persons "
         "with Disabilities", ("Slovenia", "Republic of Korea"), 14),
        ("95.12", "To continue the work being done to improve national legislation and law enforcement practices in "
         "the field of protecting the rights of disabled persons, according due consideration to generally "
         "acknowledged international standards", ("Islamic Republic of Iran",), 15),
        ("95.38", "To ensure the use of vocabulary that does not stigmatize children with disabilities or children "
         "born out of wedlock", ("Slovenia",), 17),
        ("95.51", "To introduce further measures aimed at the effective prevention and combating of human "
         "trafficking, including the continuation of the public awareness campaign and cooperation with the "
         "relevant non-governmental organizations", ("Japan",), 17),
        ("95.82", "To continue to adopt measures necessary for continued improvement in the delivery of social "
         "services to its population, with a view to further enhancing the social protection system for its "
         "inhabitants, in particular the most vulnerable", ("Bolivarian Republic of Venezuela",), 19),
        ("95.96", "To continue its efforts to inform its citizens about their rights, and to improve the quality of "
         "the legal information disseminated by the media, including through the Internet", ("Kuwait",), 20),
        ("95.102", "To share its experience regarding its innovative independent national mechanism for the "
         "prevention of torture, whose establishment could serve as an example of best practices in the fight "
         "against torture", ("Morocco",), 21),
        ("97.10", "To abolish requirements for the registration of religious groups from the existing Administrative "
         "Code, in accordance with the laws adopted in 2005 on the elimination of extremism and the strengthening "
         "national security, and to review the provisions of the Law on Freedom of Religion and Religious "
         "Associations in order to effectively guarantee freedom of belief and a non-discriminatory legal system "
         "for the registration of religious entities", ("Mexico",), 21),
        ("97.26", "To discontinue the use of judicial action against journalists and media outlets, including the "
         "filing of civil and criminal libel suits", ("Canada",), 23),
    ],
)
@needs_reports
def test_2010_items(report_2010: ImportResult, number: str, text: str, states: tuple[str, ...], page: int) -> None:
    rec = report_2010.recommendations.get(number)
    assert rec is not None
    assert (rec.text, rec.states, rec.page) == (text, states, page)


@needs_reports
def test_2010_problems_and_footnotes(report_2010: ImportResult) -> None:
    assert [str(problem) for problem in report_2010.problems] == [
        "page 14, 95.3: the States (Slovenia; Republic of Korea) stand inside the text, not at its end; "
        "all are taken and the text is kept as written"
    ]
    assert [(n.footnote.page, n.footnote.marker, n.called_in) for n in report_2010.footnotes] == [(17, "2", "95.38")]


# --- Text fixtures -------------------------------------------------------------

FIXTURE_NAMES = sorted(path.name.removesuffix(".report.txt") for path in FIXTURES.glob("*.report.txt"))


def _import_fixture(name: str) -> ImportResult:
    """Import a fixture report, with its responses file if it has one."""
    responses = FIXTURES / f"{name}.responses.txt"
    return import_report(FIXTURES / f"{name}.report.txt", responses if responses.exists() else None)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_gives_the_expected_data_and_summary(name: str) -> None:
    result = _import_fixture(name)
    assert dump_recommendation_data(result.recommendations) == (FIXTURES / f"{name}.expected.yaml").read_text("utf-8")
    assert "\n".join(format_summary(result)) + "\n" == (FIXTURES / f"{name}.summary.txt").read_text("utf-8")


FIXTURE_QUIRKS = {
    "answered-below": "a list whose own words give no response, answered by the paragraph after it (UK 2008); "
                      "a paragraph about recommendations that stand, unnumbered, in a footnote (Russia 2013); “***”",
    "clustered-states": "clustered items naming several States inline, with “/” and “;”, and a State list "
                        "missing a comma, “(Argentina Chile, …)” (Republic of Korea 2012, Canada 2013, UK 2008)",
    "cycle-1-comments": "a heading in capitals, a running header inside the list, an item number without its full "
                        "stop, a paragraph of the State's comments, no closing paragraph (Bahrain 2008)",
    "misprinted-numbers": "item numbers printed with the wrong paragraph, with a space, with a hyphen, and one "
                          "starting mid-line (Japan 2012, Mali 2013)",
    "cycle-1": "items 1., 2., … inside a paragraph (one numbered like the next paragraph); a paragraph giving a "
               "category to items by number; deferred responses filled in by an addendum with problems",
    "deferred": "a cycle-3 style paragraph of pending recommendations and an addendum answering them",
    "footnote": "footnotes called in the heading, in an item and after an item's “;”, one interrupting an item",
    "page-furniture": "running headers, page numbers and a GE job number in the middle of items; an annex",
    "pdftotext": "plain pdftotext output: numbers and footnote marks on lines of their own, “employment 1”",
    "two-states": "items by two and three States, States with parentheses in their names, acronyms before "
                  "the States, hyphens at line ends",
}


def test_fixtures_cover_every_quirk() -> None:
    assert FIXTURE_NAMES == sorted(FIXTURE_QUIRKS)


def test_two_states_and_parenthesised_states() -> None:
    rset = _import_fixture("two-states").recommendations
    assert [rec.states for rec in rset] == [
        ("Hungary", "Spain"), ("Portugal", "Uruguay", "Argentina"), ("Iran (Islamic Republic of)",),
        ("Venezuela (Bolivarian Republic of)",), ("Bolivia (Plurinational State of)",), ("Sierra Leone",),
        ("Hungary", "Spain"),
    ]
    assert rset.get("2.5").text == (  # type: ignore[union-attr]
        "Strengthen the legal framework for the protection and non-discrimination of persons with disabilities "
        "and for their protection from violence")


def test_page_furniture_inside_an_item_is_dropped() -> None:
    rset = _import_fixture("page-furniture").recommendations
    assert rset.get("2.2").text.endswith(  # type: ignore[union-attr]
        "including the media expressing critical voices, and ensure protection of journalists, bloggers, human "
        "rights defenders and independent media and their work against assaults and intimidation")
    assert rset.get("3.1").states == ("Finland",)  # type: ignore[union-attr]
    assert not any(re.search(r"GE\.|A/HRC|\b[2-6]$", rec.text) for rec in rset)
    assert rset.get("3.2").states == ("Switzerland",)  # type: ignore[union-attr]  # the annex is not an item


def test_footnotes_interrupting_an_item_are_taken_out() -> None:
    result = _import_fixture("footnote")
    assert result.recommendations.get("2.2").text == (  # type: ignore[union-attr]
        "Strengthen efforts to improve the situation of women and combat against discrimination and violence "
        "against women and children")
    assert [(n.footnote.marker, n.called_in) for n in result.footnotes] == [
        ("**", "the heading"), ("1", "2.1"), ("2", "2.3")]


def test_cycle_1_numbering_and_deferred_responses() -> None:
    result = _import_fixture("cycle-1")
    rset = result.recommendations
    assert list(rset.recommendations) == [f"5.{n}" for n in range(1, 8)] + [f"7.{n}" for n in range(1, 9)]
    responses = {rec.number: rec.response for rec in rset}
    assert [responses[n] for n in ("7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8")] == [
        "supported", "supported", "pending", "noted", "noted", "noted", "supported", "pending"]  # 7.3: two answers
    assert rset.get("7.7").category == "already implemented"  # type: ignore[union-attr]
    assert rset.get("5.1").response == "supported"  # type: ignore[union-attr]  # the report wins over the addendum


def test_deferred_responses_without_a_responses_file_stay_pending() -> None:
    result = import_report(FIXTURES / "deferred.report.txt")
    assert result.counts() == {"supported": 0, "noted": 0, "partially supported": 0, "pending": 3}
    assert result.problems == ()


# --- Odd input -------------------------------------------------------------------

INTRO = (
    "United Nations A/HRC/41/11\n1. The Working Group held its thirty-second session. The review of Ruritania "
    "was held at the 2nd meeting, on 21 January 2019.\nII. Conclusions and/or recommendations\n"
)
CLOSING = "3. All conclusions and/or recommendations reflect the position of the submitting State(s).\n"


def test_odd_items_become_problems_not_silence(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text(INTRO + "2. The following recommendations enjoy the support of Ruritania:\n"
                    "2.1 Ratify the Convention (CRPD);\n2.2 Abolish the death penalty (Ruritanian Friends);\n"
                    "2.4 Abolish the death penalty (Spain); 2.5 Ratify CRPD (Italy).\n" + CLOSING)
    result = import_report(path)
    assert [(rec.number, rec.text, rec.states) for rec in result.recommendations] == [
        ("2.1", "Ratify the Convention (CRPD)", ()),
        ("2.2", "Abolish the death penalty", ("Ruritanian Friends",)),
        ("2.4", "Abolish the death penalty", ("Spain",)),
        ("2.5", "Ratify CRPD", ("Italy",)),
    ]
    assert [str(problem) for problem in result.problems] == [
        "page 1, 2.5: 2.5 starts in the middle of a line of 2.4; imported as an item of its own",
        "page 1, 2.4: numbering jumps from 2.2 to 2.4; imported as printed",
        "page 1, 2.1: no recommending State in parentheses at the end; imported without a State",
        "page 1, 2.2: “Ruritanian Friends” taken as the recommending State, but it is not a known State name",
    ]


def test_a_paragraph_can_answer_items_listed_above(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text(INTRO + "2. The recommendations below enjoy the support of Ruritania:\n1. To ratify CRPD (Spain);\n"
                    "2. To abolish the death penalty (France);\n3. To ratify the Rome Statute (Italy).\n"
                    "3. Ruritania does not support recommendations Nos. 2 and 3 above.\n"
                    "4. All conclusions and/or recommendations reflect the position of the submitting State(s).\n")
    result = import_report(path)
    assert [(rec.number, rec.response) for rec in result.recommendations] == [
        ("2.1", "supported"), ("2.2", "noted"), ("2.3", "noted")]
    assert format_summary(result)[-3:] == [
        "  paragraph 3 (page 1): gives “noted” to 2 recommendations of paragraph 2", "No problems.",
        "Responses: 3 from A/HRC/41/11 (the report)"]


def test_unknown_response_and_missing_closing_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text(INTRO + "2. The following recommendations were discussed:\n2.1 Ratify CRPD (Spain).\n")
    result = import_report(path)
    assert result.recommendations.get("2.1").response == "pending"  # type: ignore[union-attr]
    assert [problem.message for problem in result.problems] == [
        "the closing paragraph (“… reflect the position of the submitting State(s) …”) was not found; "
        "read to the end of the section",
        "could not tell the response from the words of paragraph 2; its items are imported as pending: "
        "'The following recommendations were discussed:'",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("United Nations A/HRC/41/11\nNo section here.\n", 'no "Conclusions and/or recommendations" section found'),
        ("No symbol.\nII. Conclusions and/or recommendations\n", "no document symbol"),
        (INTRO + CLOSING, "no recommendations found"),
    ],
)
def test_reports_that_cannot_be_read_raise(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(text)
    with pytest.raises(ReportImportError, match=message):
        import_report(path)


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(ReportImportError, match="no such file"):
        import_report(tmp_path / "missing.pdf")


# --- Small parts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "text", "states"),
    [
        ("Ratify CRPD (Hungary) (Spain);", "Ratify CRPD", ("Hungary", "Spain")),
        ("Ratify OP-ICESCR (OP-ICESCR) (Portugal).", "Ratify OP-ICESCR (OP-ICESCR)", ("Portugal",)),
        ("Continue (Venezuela (Bolivarian Republic of));", "Continue", ("Venezuela (Bolivarian Republic of)",)),
        ("Continue (Iran (Islamic republic of));  ", "Continue", ("Iran (Islamic republic of)",)),
        ("Ratify CRPD (Hungary, Spain)", "Ratify CRPD", ("Hungary", "Spain")),
        ("Ratify CRPD (CRPD);", "Ratify CRPD (CRPD)", ()),
    ],
)
def test_split_states(item: str, text: str, states: tuple[str, ...]) -> None:
    split = split_states(item)
    assert (split.text, split.states) == (text, states)


@pytest.mark.parametrize(
    ("word", "value"),
    [("seventh", 7), ("twentieth", 20), ("thirty-fourth", 34), ("Forty-first", 41), ("12th", 12), ("zeroth", None)],
)
def test_ordinal_value(word: str, value: int | None) -> None:
    assert ordinal_value(word) == value


@pytest.mark.parametrize(("session", "cycle"), [(1, 1), (7, 1), (12, 1), (13, 2), (20, 2), (26, 2), (27, 3), (41, 4)])
def test_cycle_of_session(session: int, cycle: int) -> None:
    assert cycle_of_session(session) == cycle


def test_a_paragraph_number_printed_twice_keeps_both_lists(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text(INTRO + "2. The following recommendations enjoy the support of Ruritania:\n"
                    "2.1 Ratify CRPD (Spain);\n2.2 Ratify CAT (Italy).\n"
                    "2. The following recommendations did not enjoy the support of Ruritania:\n"
                    "2.1 Abolish the death penalty (France).\n" + CLOSING)
    result = import_report(path)
    assert [(rec.number, rec.text, rec.response) for rec in result.recommendations] == [
        ("2.1", "Ratify CRPD", "supported"), ("2.2", "Ratify CAT", "supported"),
        ("2.1 (second)", "Abolish the death penalty", "noted")]
    assert [str(problem) for problem in result.problems] == [
        "page 1, 2: paragraph 2 follows paragraph 2; imported as printed",
        "page 1, 2.1: 2.1 is printed more than once; this one is imported as “2.1 (second)”: "
        "'Abolish the death penalty (France).'",
    ]
    assert [(p.number, p.count) for p in result.paragraphs] == [(2, 2), (2, 1)]


def _one_page_pdf(path: Path, password: str | None = None) -> Path:
    """Write a blank one-page PDF (encrypted when a password is given) and return its path."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if password is not None:
        writer.encrypt(user_password=password, owner_password="owner")
    with path.open("wb") as file:
        writer.write(file)
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("encrypted", "the PDF is encrypted and needs a password; save a copy without one and import that"),
        ("text", "not a PDF, or a damaged one (Failed to load document (PDFium: Data format error).)"),
        ("blank", "no document symbol (A/HRC/…) found"),
    ],
)
def test_an_unreadable_pdf_is_one_error_saying_what_to_do(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "report.pdf"
    if content == "text":
        path.write_text("not a PDF at all", encoding="utf-8")
    else:
        _one_page_pdf(path, "secret" if content == "encrypted" else None)
    with pytest.raises(ReportImportError) as raised:
        import_report(path)
    assert str(raised.value) == f"{path}: {message}"


@pytest.mark.parametrize(
    ("printed", "imported", "problems"),
    [
        ("1 2 5 4 5 6", "1 2 3 4 5 6", ["2.3 is printed as 2.5"]),  # one misprint changes one item
        ("1 2 4 5 6", "1 2 4 5 6", ["numbering jumps from 2.2 to 2.4"]),  # a number really skipped
        ("1 2 3 2 5", "1 2 3 4 5", ["2.4 is printed as 2.2"]),  # a repeat
        ("1 2 3 9 5", "1 2 3 4 5", ["2.4 is printed as 2.9"]),
    ],
)
def test_a_misprinted_number_changes_only_its_own_item(tmp_path: Path, printed: str, imported: str,
                                                      problems: list[str]) -> None:
    numbers = printed.split()
    items = "".join(f"2.{n} Ratify treaty {k} (Spain){'.' if k == len(numbers) else ';'}\n"
                    for k, n in enumerate(numbers, start=1))
    path = tmp_path / "odd.txt"
    path.write_text(INTRO + "2. The following recommendations enjoy the support of Ruritania:\n" + items + CLOSING)
    result = import_report(path)
    assert [rec.number for rec in result.recommendations] == [f"2.{n}" for n in imported.split()]
    assert [rec.text for rec in result.recommendations] == [f"Ratify treaty {k}" for k in range(1, len(numbers) + 1)]
    assert [problem.message.split(";")[0] for problem in result.problems] == problems


def test_the_addendum_of_another_review_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReportImportError) as raised:
        import_report(FIXTURES / "deferred.report.txt", FIXTURES / "cycle-1.responses.txt")
    assert str(raised.value) == (f"{FIXTURES / 'cycle-1.responses.txt'}: it is A/HRC/13/4/Add.1, the addendum to "
                                 "another report than A/HRC/41/10; give the addendum of this review")
    matrix = tmp_path / "matrix.docx"
    matrix.write_bytes(b"PK")
    with pytest.raises(ReportImportError, match="a Word file is no addendum; OHCHR's matrix goes with --matrix"):
        import_report(FIXTURES / "deferred.report.txt", matrix)


def test_an_addendum_without_a_symbol_is_read_with_a_problem(tmp_path: Path) -> None:
    addendum = tmp_path / "add.txt"
    addendum.write_text("2.1 Not accepted.\n2.2 Noted.\n2.3 Accepted.\n", encoding="utf-8")
    result = import_report(FIXTURES / "deferred.report.txt", addendum)
    assert [rec.response for rec in result.recommendations] == ["noted", "noted", "supported"]
    assert [problem.message for problem in result.problems] == [
        "add.txt names no addendum symbol (A/HRC/41/10/Add.1); its responses were read all the same: check that "
        "it is the addendum to this report"]
