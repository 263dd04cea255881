"""Tests of OHCHR's matrix (the thematic list of recommendations) as a source of recommendation data.

Each tests/fixtures/matrices/NAME.docx (built by build.py there from rows of
the real Slovenia matrices, one quirk per file) must read as
NAME.expected.yaml, with the summary NAME.summary.txt. compare.report.yaml is
a report's data set against cycle-2-headers.docx; the merge must give
compare.expected.yaml and compare.summary.txt. The real matrices and reports
in /work/shared/data/slovenia are read when that folder is there.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from generator.errors import ReportImportError
from generator.recommendations.data import (
    Recommendation,
    RecommendationSet,
    dump_recommendation_data,
    load_recommendation_data,
)
from generator.recommendations.matrix import (
    MatrixResult,
    compare_with_matrix,
    filter_by_theme,
    format_matrix_summary,
    format_merge_summary,
    read_matrix,
    text_difference,
)
from tests.clirun import run
from tests.shareddata import SHARED_DATA, needs_reports

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "matrices"
MATRIX_NAMES = sorted(path.stem for path in FIXTURES.glob("*.docx"))
SLOVENIA = SHARED_DATA / "slovenia"
MATRIX_2014 = SLOVENIA / "UPR20_Slovenia_thematic-list-of-recommendations.docx"
MATRIX_2019 = SLOVENIA / "UPR34_Slovenia_thematic-list-of-recommendations.docx"
REPORT_2014 = SLOVENIA / "A-HRC-28-15_Slovenia_2014_working-group-report.pdf"
REPORT_2019 = SLOVENIA / "A-HRC-43-15_Slovenia_2019_working-group-report.pdf"



def _lines(name: str) -> list[str]:
    """Return the lines of a fixture's expected summary."""
    return (FIXTURES / f"{name}.summary.txt").read_text(encoding="utf-8").splitlines()


# --- The fixtures -----------------------------------------------------------------


@pytest.mark.parametrize("name", MATRIX_NAMES)
def test_fixture_gives_the_expected_data_and_summary(name: str) -> None:
    result = read_matrix(FIXTURES / f"{name}.docx")
    assert dump_recommendation_data(result.recommendations) == (FIXTURES / f"{name}.expected.yaml").read_text("utf-8")
    assert format_matrix_summary(result) == _lines(name)


@pytest.mark.parametrize("name", MATRIX_NAMES)
def test_expected_data_is_a_valid_data_file(name: str) -> None:
    read = read_matrix(FIXTURES / f"{name}.docx").recommendations
    loaded = load_recommendation_data(FIXTURES / f"{name}.expected.yaml")
    assert list(loaded) == list(read)


def test_fixtures_cover_every_quirk() -> None:
    assert MATRIX_NAMES == [
        "cycle-2-headers", "cycle-3-sdgs-in-themes", "cycle-4-sdg-column", "duplicate-number",
        "row-without-number", "second-table", "supported-noted", "theme-rows", "unknown-position",
    ]


def test_rows_are_ordered_by_number_not_by_theme() -> None:
    rset = read_matrix(FIXTURES / "cycle-2-headers.docx").recommendations
    assert list(rset.recommendations) == ["115.2", "115.3", "115.8", "115.161", "115.163"]


def test_cycle_4_reads_sdgs_from_their_own_column_like_cycle_3_from_the_themes_cell() -> None:
    cycle_3 = read_matrix(FIXTURES / "cycle-3-sdgs-in-themes.docx").recommendations
    cycle_4 = read_matrix(FIXTURES / "cycle-4-sdg-column.docx").recommendations
    for number in ("121.1", "122.1", "122.137"):
        assert cycle_4.get(number) == cycle_3.get(number)
    assert cycle_4.get("122.137").sdgs == ("1 - No poverty", "4 - Quality education",
                                          "11 - Sustainable cities and communities")


# --- Files that are no matrix ---------------------------------------------------------


def test_a_file_that_is_no_docx_is_one_error_saying_what_to_give(tmp_path: Path) -> None:
    fake = tmp_path / "matrix.docx"
    fake.write_text("not a zip", encoding="utf-8")
    with pytest.raises(ReportImportError) as caught:
        read_matrix(fake)
    message = str(caught.value)
    assert message.startswith(f"{fake}: not a Word document (.docx)")
    assert message.endswith("give OHCHR's “Thematic list of recommendations” as the .docx it publishes")
    assert "\n" not in message


def test_a_zip_that_is_no_word_document_is_the_same_error(tmp_path: Path) -> None:
    fake = tmp_path / "matrix.docx"
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(ReportImportError, match=r"not a Word document \(\.docx\)"):
        read_matrix(fake)


@pytest.mark.parametrize("table", [None, ("Code", "Meaning")])
def test_a_docx_without_a_matrix_table_is_an_error(tmp_path: Path, table: tuple[str, ...] | None) -> None:
    path = tmp_path / "letter.docx"
    document = docx.Document()
    document.add_paragraph("Dear colleagues,")
    if table:
        document.add_table(rows=1, cols=len(table))
        for cell, text in zip(document.tables[0].rows[0].cells, table):
            cell.text = text
    document.save(str(path))
    with pytest.raises(ReportImportError) as caught:
        read_matrix(path)
    assert str(caught.value) == (f"{path}: no table with a Recommendation and a Position column; "
                                 "give OHCHR's “Thematic list of recommendations” of the review")


# --- Comparing with the report -----------------------------------------------------------


def test_compare_fixture_gives_the_expected_merge_and_summary() -> None:
    matrix = read_matrix(FIXTURES / "cycle-2-headers.docx")
    merge = compare_with_matrix(load_recommendation_data(FIXTURES / "compare.report.yaml"), matrix.recommendations)
    assert dump_recommendation_data(merge.recommendations) == (FIXTURES / "compare.expected.yaml").read_text("utf-8")
    assert format_merge_summary(merge, matrix) == _lines("compare")
    assert merge.kinds() == {"number": 2, "states": 1, "text": 1, "response": 1}
    assert (merge.filled, merge.confirmed, merge.changed) == (3, 0, 1)


def _one(number: str, text: str, states: tuple[str, ...], response: str, **more: object) -> RecommendationSet:
    """Return a set of one recommendation of A/HRC/28/15."""
    rec = Recommendation(number, text, states, response, None, "A/HRC/28/15", None, **more)
    return RecommendationSet("A/HRC/28/15", "Slovenia", 2, 20, 2014, {number: rec})


def test_un_name_variants_of_a_state_agree() -> None:
    text = "Increase the efficiency of court case management, thereby ensuring access to trial without undue delay"
    report = _one("115.128", text, ("USA",), "pending")
    matrix = _one("115.128", text, ("United States of America",), "supported")
    assert compare_with_matrix(report, matrix).disagreements == ()


@pytest.mark.parametrize("report, matrix", [
    ("amendment to article 8 of the Convention", "amendment toarticle8 of the Convention"),
    ("improve their well- being", "improve their well-being"),
    ("improve their wellbeing", "improve their well-being"),
    ("the so-called “erased” people", "the so-called \"erased\" people"),
    ("migrants’ rights", "migrants' rights"),
    ("Ensure   compliance", "ensure compliance"),
])
def test_text_differences_of_spacing_hyphens_quotes_and_case_are_none(report: str, matrix: str) -> None:
    assert text_difference(report, matrix) is None


def test_a_real_text_difference_is_shown_with_a_little_context() -> None:
    assert text_difference(
        "Establish a clear and comprehensive definition of violence against childre, and prosecute all forms",
        "Establish a clear and comprehensive definition of violence against children, and prosecute all forms",
    ) == "the report has “… of violence against childre and prosecute all …”, the matrix “… of violence against " \
         "children and prosecute all …”"


def test_a_response_from_the_addendum_that_the_matrix_contradicts_is_said_to_be_the_addendum_s() -> None:
    report = _one("115.3", "Ratify the Optional Protocol", ("Portugal",), "noted")
    matrix = _one("115.3", "Ratify the Optional Protocol", ("Portugal",), "supported",
                  response_source="A/HRC/28/15/Add.1, para. 3")
    merge = compare_with_matrix(report, matrix, later={"115.3"})
    assert [str(item) for item in merge.disagreements] == [
        "115.3: the addendum says noted, the matrix supported (A/HRC/28/15/Add.1, para. 3); "
        "the matrix's position is kept"]
    assert merge.recommendations.get("115.3").response == "supported"


def test_a_response_the_report_gave_keeps_the_report_as_its_source() -> None:
    report = _one("121.23", "Strengthen measures", ("Belarus",), "supported")
    matrix = _one("121.23", "Strengthen measures", ("Belarus",), "supported", response_source="A/HRC/43/15/Add.1")
    assert compare_with_matrix(report, matrix).recommendations.get("121.23").response_source is None
    later = compare_with_matrix(report, matrix, later={"121.23"})
    assert later.recommendations.get("121.23").response_source == "A/HRC/43/15/Add.1"


def test_a_matrix_of_another_review_is_refused() -> None:
    report = _one("115.3", "Ratify", ("Portugal",), "pending")
    other = replace(_one("115.3", "Ratify", ("Portugal",), "noted"), document="A/HRC/43/15")
    with pytest.raises(ReportImportError) as caught:
        compare_with_matrix(report, other)
    assert str(caught.value) == ("the matrix gives the positions on A/HRC/43/15, not on the report A/HRC/28/15; "
                                 "give the matrix of the same review")


def test_theme_filter_matches_themes_persons_and_sdgs_in_any_case() -> None:
    rset = read_matrix(FIXTURES / "cycle-3-sdgs-in-themes.docx").recommendations
    numbers = lambda words: [rec.number for rec in filter_by_theme(rset, words)]  # noqa: E731
    assert numbers("TRAFFICKING") == ["121.23"]
    assert numbers("stateless") == ["122.7"]
    assert numbers("peace justice") == ["121.1", "121.23"]
    assert numbers(None) == ["121.1", "121.23", "122.1", "122.7", "122.137"]


# --- The real Slovenia matrices and reports ---------------------------------------------------


@pytest.fixture(scope="module")
def matrix_2014() -> MatrixResult:
    """The cycle-2 matrix (UPR20), read once for the module."""
    return read_matrix(MATRIX_2014)


@needs_reports
def test_real_cycle_2_matrix(matrix_2014: MatrixResult) -> None:
    rset = matrix_2014.recommendations
    assert (rset.document, rset.state_under_review, rset.cycle, rset.session) == ("A/HRC/28/15", "Slovenia", 2, 20)
    assert list(rset.recommendations) == [f"115.{item}" for item in range(1, 164)]
    assert matrix_2014.counts() == {"supported": 142, "noted": 21, "partially supported": 0, "pending": 0}
    assert matrix_2014.sources() == {"A/HRC/28/15/Add.1": 163}
    assert matrix_2014.problems == ()
    assert rset.get("115.161").response_source == "A/HRC/28/15/Add.1, para. 3"  # written "…, para. 3 - Para. 3"


@needs_reports
def test_real_cycle_3_matrix() -> None:
    result = read_matrix(MATRIX_2019)
    rset = result.recommendations
    assert (rset.document, rset.state_under_review, rset.cycle, rset.session) == ("A/HRC/43/15", "Slovenia", 3, 34)
    numbers = [f"121.{item}" for item in range(1, 59)] + [f"122.{item}" for item in range(1, 158)]
    assert list(rset.recommendations) == numbers
    assert result.counts() == {"supported": 182, "noted": 33, "partially supported": 0, "pending": 0}
    assert result.sources() == {"A/HRC/43/15/Add.1": 159, "A/HRC/43/15": 56}
    assert result.problems == ()


@needs_reports
def test_real_2014_report_and_matrix_disagree_only_on_a_misprint_of_the_report(matrix_2014: MatrixResult) -> None:
    from generator.recommendations.importer import import_report

    merge = compare_with_matrix(import_report(REPORT_2014).recommendations, matrix_2014.recommendations)
    # Checked against `pdftotext -layout`: the report prints "violence against childre, and prosecute" in 115.104.
    assert [(item.number, item.kind) for item in merge.disagreements] == [("115.104", "text")]
    assert "“… of violence against childre and prosecute all …”" in merge.disagreements[0].message
    assert merge.counts() == {"supported": 142, "noted": 21, "partially supported": 0, "pending": 0}
    assert (merge.filled, merge.confirmed, merge.changed) == (163, 0, 0)


@needs_reports
def test_real_2019_report_and_matrix_agree() -> None:
    from generator.recommendations.importer import import_report

    merge = compare_with_matrix(import_report(REPORT_2019).recommendations, read_matrix(MATRIX_2019).recommendations)
    assert merge.disagreements == ()
    assert (merge.filled, merge.confirmed, merge.changed) == (157, 58, 0)
    # 121.23 and 121.24 the matrix cites as "A/HRC/43/15/Add.1", but the report supported them in paragraph 121.
    assert merge.recommendations.get("121.23").response_source is None


# --- The CLI -----------------------------------------------------------------------------


def test_cli_imports_a_matrix_alone(tmp_path: Path) -> None:
    out = tmp_path / "A-HRC-28-15.yaml"
    code, stdout, stderr = run("recommendations", "import", str(FIXTURES / "cycle-2-headers.docx"), "--out", str(out))
    assert (code, stderr) == (0, "")
    assert stdout.splitlines() == [*_lines("cycle-2-headers"), f"wrote {out}"]
    assert out.read_text("utf-8") == (FIXTURES / "cycle-2-headers.expected.yaml").read_text("utf-8")


def test_cli_overwrites_a_data_file_upr_wrote(tmp_path: Path) -> None:
    out = tmp_path / "data.yaml"
    out.write_text((FIXTURES / "theme-rows.expected.yaml").read_text("utf-8"), encoding="utf-8")
    code, _, stderr = run("recommendations", "import", str(FIXTURES / "cycle-2-headers.docx"), "--out", str(out))
    assert (code, stderr) == (0, "")
    assert len(load_recommendation_data(out)) == 5


def test_cli_never_overwrites_a_section_file(tmp_path: Path) -> None:
    out = tmp_path / "02-legal-framework.yaml"
    section = (REPO / "content" / "kazakhstan-2019" / "sections" / "02-legal-framework.yaml").read_text("utf-8")
    out.write_text(section, encoding="utf-8")
    code, stdout, stderr = run("recommendations", "import", str(FIXTURES / "cycle-2-headers.docx"), "--out", str(out))
    assert (code, stdout) == (1, "")
    assert stderr == (f"upr: error: {out}: not a recommendation data file written by upr; "
                      "it is not overwritten (give another --out, or --force to overwrite it)\n")
    assert out.read_text("utf-8") == section


def test_cli_a_matrix_given_as_report_with_matrix_is_a_usage_error(tmp_path: Path) -> None:
    matrix = str(FIXTURES / "cycle-2-headers.docx")
    code, _, stderr = run("recommendations", "import", matrix, "--matrix", matrix, "--out", str(tmp_path / "x.yaml"))
    assert code == 2
    assert stderr == ("upr: error: REPORT is a matrix (.docx): give it alone, or give the report and --matrix MATRIX"
                      " (see upr recommendations import --help)\n")
    assert not (tmp_path / "x.yaml").exists()


def test_cli_a_matrix_that_is_no_docx_is_one_line(tmp_path: Path) -> None:
    report, out = tmp_path / "report.txt", tmp_path / "x.yaml"
    report.write_text("a report\n", encoding="utf-8")
    code, _, stderr = run("recommendations", "import", str(report), "--matrix", str(report), "--out", str(out))
    assert code == 1
    assert stderr.startswith("upr: error: ") and stderr.count("\n") == 1
    assert not out.exists()


def test_cli_lists_data_files_without_a_submission() -> None:
    data = str(FIXTURES / "cycle-3-sdgs-in-themes.expected.yaml")
    code, stdout, _ = run("recommendations", "list", "--data", data, "--response", "noted")
    assert code == 0
    assert stdout.splitlines() == [
        "122.7 (Slovakia) (Spain) (North Macedonia) [noted] Ratify the 1961 Convention on the Reduction of "
        "Statelessness",
        "1 recommendation",
    ]
    both = run("recommendations", "list", "--data", data, "--data", str(FIXTURES / "cycle-2-headers.expected.yaml"))
    assert both[1].splitlines()[-1] == "10 recommendations"


def test_cli_lists_by_theme() -> None:
    data = str(FIXTURES / "cycle-3-sdgs-in-themes.expected.yaml")
    code, stdout, _ = run("recommendations", "list", "--data", data, "--theme", "Quality Education")
    assert code == 0
    assert [line.split(" ")[0] for line in stdout.splitlines()] == ["122.137", "1"]
    assert run("recommendations", "list", "--data", data, "--theme", "asylum women")[1].splitlines() == [
        "121.23 (Belarus) [supported] Strengthen measures to identify and provide support to women at risk of "
        "trafficking, in particular Roma, migrant, refugee and asylum-seeking women, and measures aimed at "
        "addressing the root causes of trafficking",
        "1 recommendation",
    ]


@pytest.mark.parametrize("written", ["partially supported", "Partially-Supported", "supported/noted"])
def test_cli_list_response_accepts_partially_supported(written: str) -> None:
    data = str(FIXTURES / "supported-noted.expected.yaml")
    code, stdout, _ = run("recommendations", "list", "--data", data, "--response", written)
    assert code == 0
    assert [line.split(" ")[0] for line in stdout.splitlines()] == ["115.3", "115.38", "2"]


def test_cli_list_unknown_response_is_a_usage_error() -> None:
    code, _, stderr = run("recommendations", "list", "--data", str(FIXTURES / "supported-noted.expected.yaml"),
                          "--response", "maybe")
    assert code == 2
    assert stderr == ("upr: error: Invalid value for '--response': 'maybe' is not one of supported, "
                      "noted, partially supported, pending (see upr recommendations list --help)\n")


@needs_reports
def test_cli_merges_report_and_matrix(tmp_path: Path) -> None:
    out = tmp_path / "A-HRC-28-15.yaml"
    code, stdout, stderr = run("recommendations", "import", str(REPORT_2014), "--matrix", str(MATRIX_2014),
                               "--out", str(out))
    assert (code, stderr) == (0, "")
    lines = stdout.splitlines()
    start = lines.index("Matrix UPR20_Slovenia_thematic-list-of-recommendations.docx: "
                        "163 recommendations: 142 supported, 21 noted")
    assert lines[start + 1:] == [
        "After the matrix: 163 recommendations: 142 supported, 21 noted (163 pending in the report given by the "
        "matrix, 0 confirmed by it, 0 changed to its position)",
        "1 disagreement(s) between the report and the matrix (0 number, 0 states, 1 text, 0 response):",
        "  page 19, 115.104: the text differs: the report has “… of violence against childre and prosecute all …”, "
        "the matrix “… of violence against children and prosecute all …”; the report's text is kept",
        "Responses: 163 from A/HRC/28/15/Add.1",
        f"wrote {out}",
    ]
    rset = load_recommendation_data(out)
    assert rset.get("115.8").themes == ("Acceptance of international norms", "Migrants")
    assert rset.get("115.8").text == "Ratify ICRMW"
