"""The diff in a long submission: candidates instead of every pair, with the same result and bounded work.

Beyond `align.ALL_PAIRS_LIMIT` pairs, a paragraph is compared only with the
paragraphs that share its rarest words, those of its section and those near
its place. These tests lower the limit so that small inputs take that path,
and check that it finds what comparing every pair finds.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from tests.benchmarks.synthetic import scaled
from generator.build import load_resolved
from generator.diff import align, diff_submissions
from generator.diff.match import pair_units, unit
from generator.diff.report import json_report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "kazakhstan-2019"
REVISED = ROOT / "tests" / "fixtures" / "diff" / "kazakhstan-2019-revised"
NOTE_NUMBER = re.compile(r"\[\^\d+\]")  # a note call's number, which depends on the copy


def _paragraph_changes(report: dict) -> list[tuple]:
    """Return what each changed paragraph of a JSON report says, without its numbers and section names."""
    return sorted((p["status"], p["moved"], p["similarity"], *(NOTE_NUMBER.sub("[^n]", str(p[part]))
                                                               for part in ("changes", "items", "quote")))
                  for p in report["paragraphs"])


def test_a_submission_six_times_over_has_six_times_the_changes_when_pairing_by_candidates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    once = json_report(diff_submissions(load_resolved(EXAMPLE), load_resolved(REVISED)))
    old, new = scaled(EXAMPLE, 6, tmp_path / "old"), scaled(REVISED, 6, tmp_path / "new")
    monkeypatch.setattr(align, "ALL_PAIRS_LIMIT", 50)  # well below the 6×9 unpaired paragraphs each side
    compared: list[int] = []
    every = align.candidates

    def counted(*args, **kwargs):
        for j, olds in every(*args, **kwargs):
            compared.append(len(list(olds)))
            yield j, olds

    monkeypatch.setattr(align, "candidates", counted)
    six = json_report(diff_submissions(load_resolved(old), load_resolved(new)))
    assert _paragraph_changes(six) == sorted(_paragraph_changes(once) * 6)
    assert len(six["notes"]) == 6 * len(once["notes"])
    assert len(six["recommendations"]) == 6 * len(once["recommendations"])
    bound = align.CANDIDATES * 2 + 2 * align.WINDOW  # rare-word hits, a small section, the window
    assert compared and max(compared) <= bound


def _random_paragraphs(rng: random.Random, count: int, vocabulary: list[str]) -> list[list[str]]:
    return [rng.choices(vocabulary, k=rng.randint(20, 60)) for _ in range(count)]


def _edited(rng: random.Random, words: list[str], vocabulary: list[str]) -> list[str]:
    """Return a paragraph with about a fifth of its words replaced."""
    return [rng.choice(vocabulary) if rng.random() < 0.2 else w for w in words]


def test_pairing_by_candidates_finds_the_pairs_that_comparing_every_pair_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(14)
    vocabulary = [f"w{k}" for k in range(4000)]
    old = _random_paragraphs(rng, 300, vocabulary)
    new = [_edited(rng, p, vocabulary) for p in old]
    rng.shuffle(new)
    new += _random_paragraphs(rng, 40, vocabulary)  # added paragraphs, like nothing old
    old_units = [unit(" ".join(p)) for p in old]
    new_units = [unit(" ".join(p)) for p in new]
    by_candidates = pair_units(old_units, new_units, 0.5)
    assert 300 * 340 > align.ALL_PAIRS_LIMIT
    monkeypatch.setattr(align, "ALL_PAIRS_LIMIT", 10**9)
    assert by_candidates == pair_units(old_units, new_units, 0.5)
    assert len(by_candidates) == 300


def test_a_long_stretch_of_lines_is_paired_without_crossing() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{k}" for k in range(3000)]
    old = _random_paragraphs(rng, 200, vocabulary)
    new = [_edited(rng, p, vocabulary) for p in old]
    assert len(old) * len(new) > align.ALL_PAIRS_LIMIT
    merged = align.align(old, new, 0.5)
    pairs = [(i, j) for i, j in merged if i is not None and j is not None]
    assert pairs == [(k, k) for k in range(200)]
    assert [i for i, _ in merged if i is not None] == list(range(200))
    assert [j for _, j in merged if j is not None] == list(range(200))


@pytest.mark.parametrize("vocabulary_size", [3, 40, 3000])
def test_long_sequences_get_an_edit_script_as_good_as_difflibs(monkeypatch: pytest.MonkeyPatch,
                                                               vocabulary_size: int) -> None:
    """With the limits lowered, short random sequences take the anchored and windowed paths."""
    from difflib import SequenceMatcher

    monkeypatch.setattr(align, "EXACT_LIMIT", 400)
    monkeypatch.setattr(align, "CHUNK", 16)
    rng = random.Random(vocabulary_size)
    vocabulary = [f"w{k}" for k in range(vocabulary_size)]
    for _ in range(40):
        a = rng.choices(vocabulary, k=rng.randint(0, 300))
        b = list(a)
        for _ in range(rng.randint(0, 12)):
            at = rng.randrange(len(b) + 1)
            b[at:at + rng.randint(0, 3)] = rng.choices(vocabulary + ["new"], k=rng.randint(0, 3))
        rebuilt, matched = [], 0
        for tag, i1, i2, j1, j2 in align.opcodes(a, b):
            assert (tag == "equal") == (a[i1:i2] == b[j1:j2] and i2 > i1)
            rebuilt += b[j1:j2]
            matched += (i2 - i1) * (tag == "equal")
        assert rebuilt == b
        exact = sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
        assert matched >= 0.9 * exact


def test_one_long_paragraph_is_compared_in_time_near_its_length() -> None:
    import time

    from generator.diff.words import diff_inline
    from generator.model import Text

    rng = random.Random(8)
    vocabulary = (EXAMPLE / "sections" / "03-online.yaml").read_text(encoding="utf-8").split()
    took = {}
    for count in (5_000, 40_000):
        old = rng.choices(vocabulary, k=count)
        new = list(old)
        for _ in range(10):
            new[rng.randrange(count)] = "CHANGED"
        start = time.perf_counter()
        diff = diff_inline([Text(" ".join(old))], [Text(" ".join(new))])
        took[count] = time.perf_counter() - start
        assert sum(s.op != "equal" for s in diff.segments) <= 20  # each change a delete and an insert, no more
    assert took[40_000] < 24 * max(took[5_000], 0.01)  # eight times the words; the square would be 64 times
