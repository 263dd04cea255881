"""`upr recommendations import|list` through click's CliRunner."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.recommendations.data import load_recommendation_data

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "tests" / "fixtures" / "reports"
EXAMPLE = ROOT / "content" / "kazakhstan-2019"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_import_writes_the_data_file_and_prints_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "recs" / "two-states.yaml"
    result = run("recommendations", "import", str(REPORTS / "two-states.report.txt"), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    summary = (REPORTS / "two-states.summary.txt").read_text(encoding="utf-8").splitlines()
    assert result.stdout.splitlines() == [*summary, f"wrote {out}"]
    assert len(load_recommendation_data(out)) == 7


def test_import_fills_deferred_responses_from_the_addendum(tmp_path: Path) -> None:
    out = tmp_path / "deferred.yaml"
    result = run("recommendations", "import", str(REPORTS / "deferred.report.txt"),
                 "--responses", str(REPORTS / "deferred.responses.txt"), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert "pending" not in {rec.response for rec in load_recommendation_data(out)}


def test_import_of_something_that_is_no_report_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("Shopping list\n\fmilk\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = run("recommendations", "import", str(bogus), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith("upr: error: ") and result.stderr.count("\n") == 1
    assert not out.exists()


def test_list_filters_by_response_words_and_state() -> None:
    result = run("recommendations", "list", str(EXAMPLE), "--response", "noted", "--search", "defamation")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split(" ")[0] for line in lines[:-1]] == ["126.35", "126.38", "126.39", "126.41"]
    assert lines[0].startswith("126.35 (Czech Republic) [noted] Decriminalize defamation")
    assert lines[-1] == "4 recommendations"
    by_state = run("recommendations", "list", str(EXAMPLE), "--state", "Brazil").stdout.splitlines()
    assert by_state[0].startswith("124.4 (Brazil) [supported, already implemented] ")
