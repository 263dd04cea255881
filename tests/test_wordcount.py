"""The word count: what a word is, the parts, the default profile and the metadata's overrides."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.build import build_submission, load_resolved
from generator.checks import run_checks
from generator.checks.wordcount import DEFAULT_PROFILE, PROFILES, WordCount, count_words, word_count
from generator.model import Submission

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "tests" / "fixtures" / "checks" / "clean"
SEED = ROOT / "content" / "kazakhstan-2019"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("Freedom of expression", 3),
        ("ICCPR).", 1),
        ("criminal – which came", 4),  # a dash between spaces is a word, as Word counts it
        ("Available from: <http://www.osce.org/fom/303181>", 3),
        ("124.4 (Brazil)", 2),
        ("line\nbreak\u00a0and\ttab", 4),
    ],
)
def test_a_word_is_a_run_between_spaces(text: str, words: int) -> None:
    assert count_words(text) == words


def submission_with(tmp_path: Path, settings: str = "") -> Submission:
    """Return the clean fixture, loaded, with `settings` appended to its submission.yaml."""
    folder = tmp_path / "clean"
    shutil.copytree(CLEAN, folder)
    if settings:
        meta = folder / "submission.yaml"
        meta.write_text(meta.read_text(encoding="utf-8") + settings, encoding="utf-8")
    return load_resolved(folder)


def test_parts_of_the_clean_fixture_counted_by_hand(tmp_path: Path) -> None:
    count = word_count(submission_with(tmp_path))
    # body: "Freedom of Expression" 3 + paragraph 1, 10 + paragraph 2 ("As paragraph 1 shows, …"), 10
    # notes: "124.6 (Hungary) (Spain)" 3 + "126.46 (Chile)" 2 + source and pinpoint 7 + the appeal note 9
    # cover: title 8 + "Submitted by Example Rights Watch" 5 + the review line 13
    # recommendations: "Recommendation" 1 + "Repeal Article 5 of the Criminal Code." 7
    assert count.parts == {"body": 23, "notes": 21, "cover": 26, "recommendations": 8, "annex": 0}
    assert count.counted == ("body", "cover", "recommendations")
    assert count.total == 57  # the notes' 21 words are not counted by default
    with_notes = word_count(submission_with(tmp_path / "with-notes", "word_count:\n  profile: ohchr-2024-with-notes\n"))
    assert with_notes.parts == count.parts
    assert with_notes.counted == ("body", "notes", "cover", "recommendations")
    assert with_notes.total == 78


def test_default_profile_counts_neither_notes_nor_the_annex() -> None:
    profile = PROFILES[DEFAULT_PROFILE]
    assert profile.limits == {"individual": 2815, "joint": 5630}
    assert profile.parts == ("body", "cover", "recommendations")


def test_the_with_notes_profile_counts_notes_too_with_the_same_limits() -> None:
    profile = PROFILES["ohchr-2024-with-notes"]
    assert profile.limits == PROFILES[DEFAULT_PROFILE].limits
    assert profile.parts == ("body", "notes", "cover", "recommendations")


def test_the_annex_is_counted_only_when_the_parts_say_so(tmp_path: Path) -> None:
    annexed = word_count(submission_with(tmp_path, "annex:\n  title: Annex\n"))
    assert annexed.parts["annex"] > 0 and "annex" not in annexed.counted
    shutil.rmtree(tmp_path / "clean")
    counted = word_count(submission_with(tmp_path, "annex:\n  title: Annex\nword_count:\n  parts: [body, annex]\n"))
    assert counted.counted == ("body", "annex")
    assert counted.total == counted.parts["body"] + counted.parts["annex"]


def test_the_headline_says_over_or_under() -> None:
    parts = {"body": 5000, "notes": 700, "cover": 30, "recommendations": 200, "annex": 900}
    counted = ("body", "notes", "cover", "recommendations")
    over = WordCount(parts, counted, 5630, "joint", "ohchr-2024")
    assert over.headline() == "5,930 words (joint submission, limit 5,630): 300 over"
    assert over.line() == (
        "5,930 words (joint submission, limit 5,630): 300 over "
        "[body 5,000 + notes 700 + cover 30 + recommendations 200; not counted: annex 900; profile ohchr-2024]"
    )
    body_only = WordCount(parts, ("body",), 2815, "individual", "ohchr-2024")
    assert body_only.headline() == "5,000 words (individual submission, limit 2,815): 2,185 over"
    assert WordCount(parts, ("cover",), 2815, "individual", "x").headline() == (
        "30 words (individual submission, limit 2,815): 2,785 under"
    )


@pytest.mark.parametrize(
    ("profile", "limit", "findings"),
    [
        ("ohchr-2024", 57, []),
        ("ohchr-2024", 56, ["57 words (individual submission, limit 56): 1 over: the limit is passed in "
                            "“Freedom of Expression” (by section: Freedom of Expression 31)"]),
        ("ohchr-2024-with-notes", 78, []),
        ("ohchr-2024-with-notes", 77, ["78 words (individual submission, limit 77): 1 over: the limit is passed in "
                                       "“Freedom of Expression” (by section: Freedom of Expression 52)"]),
    ],
)
def test_w001_fires_only_past_the_limit(tmp_path: Path, profile: str, limit: int, findings: list[str]) -> None:
    report = run_checks(submission_with(tmp_path, f"word_count:\n  profile: {profile}\n  limit: {limit}\n"))
    assert [f.message for f in report.findings if f.code == "W001"] == findings


def test_notes_alone_can_put_a_submission_over_only_with_the_with_notes_profile(tmp_path: Path) -> None:
    """Limit 60: the default count (57, no notes) is under it, the count with the notes' 21 words (78) is over."""
    default = run_checks(submission_with(tmp_path / "default", "word_count:\n  limit: 60\n"))
    assert [f.code for f in default.findings] == []
    with_notes = run_checks(
        submission_with(tmp_path / "with-notes", "word_count:\n  profile: ohchr-2024-with-notes\n  limit: 60\n")
    )
    assert [(f.code, f.message) for f in with_notes.findings] == [
        ("W001", "78 words (individual submission, limit 60): 18 over: the limit is passed in “Freedom of Expression” "
                 "(by section: Freedom of Expression 52)"),
    ]


def test_switching_w001_off_keeps_the_count(tmp_path: Path) -> None:
    report = run_checks(submission_with(tmp_path, "word_count:\n  limit: 10\nchecks:\n  disable:\n    W001: kept long\n"))
    assert report.findings == ()
    assert report.word_count.over == 47
    assert report.disabled == {"W001": "kept long"}


def test_the_seed_is_within_the_limit_only_without_its_long_notes(tmp_path: Path) -> None:
    """The seed quotes whole articles of the Criminal Code in its notes: OHCHR received it, and the
    default count leaves the notes out (4,471 words, under 5,630); counting them (6,887) puts it over."""
    count = word_count(load_resolved(SEED))
    assert count.kind == "joint" and count.limit == 5630
    assert "notes" not in count.counted and "annex" not in count.counted
    assert count.parts["notes"] > 2000
    assert (count.total, count.over) == (4471, -1159)
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    meta = seed / "submission.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "word_count:\n  profile: ohchr-2024-with-notes\n", encoding="utf-8")
    with_notes = word_count(load_resolved(seed))
    assert "notes" in with_notes.counted and "annex" not in with_notes.counted
    assert with_notes.parts == count.parts
    assert (with_notes.total, with_notes.over) == (6887, 1257)


def docx_words(docx: Path, part: str) -> int:
    """Return the words of one XML part of a .docx, counted paragraph by paragraph from its w:t text."""
    root = etree.fromstring(zipfile.ZipFile(docx).read(part))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return sum(len("".join(t.text or "" for t in p.iter(w + "t")).split()) for p in root.iter(w + "p"))


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_count_is_the_count_of_the_generated_docx(tmp_path: Path, language: str) -> None:
    """Read back from the DOCX (not from the model): notes are its footnotes, the rest its document. In every
    language the annex's response and status labels count as the DOCX shows them ("Prise en note": 3 words)."""
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    meta = seed / "submission.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("language: en", f"language: {language}"),
                    encoding="utf-8")
    submission = load_resolved(seed)
    docx = build_submission(submission, tmp_path, ("docx",)).outputs[0]
    count = word_count(submission)
    assert docx_words(docx, "word/footnotes.xml") == count.parts["notes"]
    others = ("body", "cover", "recommendations", "annex")
    assert docx_words(docx, "word/document.xml") == sum(count.parts[p] for p in others)


def test_w001_points_at_the_cover_when_the_cover_alone_passes_the_limit(minimal: Path) -> None:
    from generator.checks import run_checks

    meta = minimal / "submission.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "word_count:\n  limit: 5\n", encoding="utf-8")
    found = [f for f in run_checks(load_resolved(minimal)).findings if f.code == "W001"]
    assert len(found) == 1 and found[0].location.path == meta.resolve()
    assert "the limit is passed by the cover alone (by section: Freedom of expression " in found[0].message
