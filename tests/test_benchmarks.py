"""The benchmark's own pieces (tests/benchmarks): the scaling, the timing wrapper, the tables and the targets.

The benchmark itself runs with `make bench`, never here; these check, in a
second or so, that its parts still fit the code they measure.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.build import load_resolved
from tests.benchmarks.measure import BenchError, Command, Row, Sample, measure
from tests.benchmarks.report import (CHECK, DIFF, DOCX, FULL, NOOP, PANDOC, Target, markdown_table,
                                     per_paragraph_growth, ratio, seconds, targets)
from tests.benchmarks.run import EXAMPLE, REVISED, Features, Plan, Results, parse
from tests.benchmarks.synthetic import scaled


def row(name: str, *walls: float, peak_kb: int = 50_000, note: str = "") -> Row:
    """Return a row as if `name` had been timed at `walls` seconds (none: not available)."""
    return Row(Command(name, ["x"] if walls else None, note=note), [Sample(w, w, peak_kb) for w in walls])


@pytest.mark.parametrize("source", [EXAMPLE, REVISED])
def test_a_submission_scaled_three_times_has_three_times_the_paragraphs(source: Path, tmp_path: Path) -> None:
    once = len(load_resolved(source).paragraphs())
    assert len(load_resolved(scaled(source, 3, tmp_path / "three")).paragraphs()) == 3 * once


def test_the_wrapper_reports_the_time_memory_and_exit_code_of_one_process() -> None:
    sample = measure(Command("python", [sys.executable, "-c", "b = bytearray(60 * 2**20); b[::4096] = b'x' * len(b[::4096])"]))
    assert sample.peak_kb > 60 * 1024 and sample.wall >= sample.cpu * 0.5 > 0


def test_a_crash_or_an_exit_code_it_should_not_have_fails_the_benchmark() -> None:
    with pytest.raises(BenchError, match="exited 3"):
        measure(Command("exit", [sys.executable, "-c", "raise SystemExit(3)"]))
    with pytest.raises(BenchError, match="Traceback"):  # exit 1 is allowed here, a traceback never
        measure(Command("crash", [sys.executable, "-c", "1 / 0"], ok_codes=(0, 1)))
    with pytest.raises(BenchError, match="does not say 'up to date:'"):
        measure(Command("noop", [sys.executable, "-c", "print('wrote x')"], expect="up to date:"))


def test_a_row_gives_the_medians_and_a_ratio_needs_both_rows() -> None:
    fast, slow = row("a", 1.0, 3.0, 2.0, peak_kb=100_000), row("b", 4.0)
    assert (fast.wall, slow.wall) == (2.0, 4.0) and fast.peak_mb == pytest.approx(102.4)
    assert ratio(fast, slow) == 0.5 and ratio(fast, row("c")) is None and ratio(None, slow) is None


def test_time_per_paragraph_growth_is_one_for_a_linear_command() -> None:
    assert per_paragraph_growth(row("a", 1.0), row("a", 64.0), {1: 35, 64: 2240}, (1, 64)) == pytest.approx(1.0)
    assert per_paragraph_growth(row("a", 1.0), row("a", 128.0), {1: 35, 64: 2240}, (1, 64)) == pytest.approx(2.0)


def test_a_target_says_met_missed_by_how_much_or_not_measured() -> None:
    assert Target("x", 0.9, 1.0).verdict() == "**met**"
    assert Target("x", 0.8, 0.4).verdict() == "**missed** (2.00× the limit)"
    assert Target("x", 1.2, 1.6, at_most=False).verdict() == "**missed** (1.33× the limit)"
    assert Target("x", None, 0.15).verdict() == "not measured"
    assert Target("x", 150.0, 200, unit="MB").limit_text() == "≤ 200 MB"
    assert Target("x", 2.0, 1.6, at_most=False).limit_text() == "≥ 1.6×"


def test_a_table_aligns_words_left_and_figures_right() -> None:
    assert markdown_table(["command", "wall s (median)", "note"], [["upr check", seconds(0.2345), ""]]) == (
        "| command | wall s (median) | note |\n|:---|---:|:---|\n| upr check | 0.234 |  |\n")
    assert [seconds(v) for v in (1.234, 12.34, 123.4)] == ["1.23", "12.3", "123"]


def test_the_targets_of_a_quick_run_without_the_new_features_are_not_measured_and_say_why() -> None:
    results = Results(Plan((1, 4), 3, quick=True), Features(rebuild=False, jobs=False), "today", "0")
    results.paragraphs = {1: 35, 4: 140}
    results.scaling = {(CHECK, 1): row(CHECK, 0.2), (DOCX, 1): row(DOCX, 0.4), (PANDOC, 1): row(PANDOC, 0.5),
                       (DIFF, 1): row(DIFF, 0.3)}
    results.noop = [row(FULL, 5.0), row(NOOP, note="not available: no up-to-date builds")]
    found = {t.what.split(",")[0]: t for t in targets(results)}
    assert found["DOCX build / pandoc"].figure == pytest.approx(0.8) and found["DOCX build / pandoc"].met
    assert found["`upr check` / DOCX build"].figure == pytest.approx(0.5) and found["`upr check` / DOCX build"].met is False
    noop = found["no-op rebuild / full docx+pdf build"]
    assert noop.verdict() == "not measured" and noop.detail == "not available: no up-to-date builds"
    assert found["`upr diff`: time per paragraph"].detail == "64× not run (--quick)"


def test_quick_runs_two_sizes_three_times_and_the_full_run_fewer_at_the_large_sizes() -> None:
    quick, _ = parse(["--quick"])
    full, _ = parse([])
    assert (quick.sizes, quick.runs) == ((1, 4), 3)
    assert full.sizes == (1, 4, 16, 64) and [full.runs_at(f) for f in full.sizes] == [5, 5, 3, 3]
    assert full.runs_at(64, slow=True) == 1
