"""`upr check`: one fixture folder per check with its exact expected output, the claims logic, the CLI.

Each folder in tests/fixtures/checks/ holds a small submission with one
defect and an `expected.txt`: the command (`$ upr check …`, run from that
folder's parent), the exact output, and `exit status N`. A bug report
becomes one more folder.
"""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

import pytest

from tests.clirun import read_expected, run
from generator.build import load_resolved
from generator.checks import CHECKS, Finding, run_checks
from generator.checks.claims import claimed_refs, find_claims
from generator.checks.text import flatten, sentence_spans
from generator.errors import Location
from generator.inline import InlineContext, parse_inline, plain_text
from generator.model import Citation
from generator.traverse import inline_nodes, text_runs

ROOT = Path(__file__).resolve().parents[1]
CHECK_FIXTURES = ROOT / "tests" / "fixtures" / "checks"
NOTE53 = ROOT / "tests" / "fixtures" / "content" / "note53-missing"
SEED = ROOT / "content" / "kazakhstan-2019"
DOCS = ROOT / "docs" / "checks.md"


FIXTURES = sorted(p.parent.name for p in CHECK_FIXTURES.glob("*/expected.txt"))


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_output_is_exactly_as_expected(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = read_expected(CHECK_FIXTURES / name / "expected.txt")
    monkeypatch.chdir(CHECK_FIXTURES)
    code, stdout, stderr = run(*expected.args)
    assert (stdout, stderr, code) == (expected.output, "", expected.status)


def test_every_check_has_a_fixture_and_is_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for code in CHECKS:
        assert any(name.startswith(code) for name in FIXTURES), f"no fixture folder for {code}"
        assert f"| {code} | {CHECKS[code].severity} |" in docs, f"{code} is not in docs/checks.md"


def test_fixture_with_a_defect_reports_its_own_code_only() -> None:
    for name in FIXTURES:
        if name == "clean":
            continue
        codes = {f.code for f in run_checks(load_resolved(CHECK_FIXTURES / name)).findings}
        assert codes == {name.split("-")[0]}, name


def test_the_example_in_docs_is_what_upr_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    block = DOCS.read_text(encoding="utf-8").split("```\n")[1]
    command, *output = block.splitlines()
    monkeypatch.chdir(ROOT)
    code, stdout, _ = run(*shlex.split(command)[2:])
    assert (code, stdout.splitlines()) == (1, output)


# --- the seed's note 53 -------------------------------------------------------


def test_note53_fixture_gives_exactly_one_error_at_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    section = NOTE53 / "sections" / "media.yaml"
    lines = section.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if "[^gauthier]" in text)
    col = lines[line - 1].index("[^gauthier]") + 1
    report = run_checks(load_resolved(NOTE53))
    assert report.findings == (
        Finding("N001", "error", "note [^gauthier] is called but never defined", Location(section, line, col)),
    )
    monkeypatch.chdir(ROOT)
    code, stdout, stderr = run("check", "tests/fixtures/content/note53-missing")
    assert (code, stderr) == (1, "")
    assert stdout.splitlines()[:2] == [
        f"tests/fixtures/content/note53-missing/sections/media.yaml:{line}:{col}: "
        "error N001 note [^gauthier] is called but never defined",
        "tests/fixtures/content/note53-missing: 1 error",
    ]


# --- the seed example ------------------------------------------------------------


def test_seed_prints_only_the_126_40_warning_besides_its_word_count() -> None:
    """The seed reproduces the original: its one wrong claim is 126.40, "accepted" but noted."""
    report = run_checks(load_resolved(SEED))
    findings = [f for f in report.findings if f.code != "W001"]
    assert [(f.code, f.location.path.name, f.message) for f in findings] == [
        ("R004", "02-legal-framework.yaml",
         "the text says “acceptance” of recommendation 126.40, which was noted (A/HRC/28/10)"),
    ]
    assert report.recommendations.line() == "21 previous recommendations cited (A/HRC/28/10): 12 supported, 9 noted"


def test_upr_check_of_the_seed_prints_its_one_warning_and_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without its notes the seed is within the joint limit: no W001, only the 126.40 warning, status 0."""
    monkeypatch.chdir(ROOT)
    code, stdout, stderr = run("check", "content/kazakhstan-2019")
    assert (code, stderr) == (0, "")
    assert stdout.splitlines() == [
        "content/kazakhstan-2019/sections/02-legal-framework.yaml:35:265: warning R004 the text says “acceptance” "
        "of recommendation 126.40, which was noted (A/HRC/28/10)",
        "content/kazakhstan-2019: 1 warning",
        "content/kazakhstan-2019: 21 previous recommendations cited (A/HRC/28/10): 12 supported, 9 noted",
        "content/kazakhstan-2019: 4,471 words (joint submission, limit 5,630): 1,159 under "
        "[body 4,138 + cover 31 + recommendations 302; not counted: notes 2,416, annex 906; profile ohchr-2024]",
    ]


def test_notes_are_numbered_one_to_n_in_reading_order_as_in_the_original() -> None:
    """The original submission's note numbers (kept in sources.yaml's comments and note 53) come out of the model."""
    submission = load_resolved(SEED)
    assert [n.number for n in submission.notes] == list(range(1, len(submission.notes) + 1))
    citing: dict[str, list[int]] = {}
    for note in submission.notes:
        for node in inline_nodes(note.content):
            if isinstance(node, Citation):
                citing.setdefault(node.key, []).append(note.number)
    assert citing == {
        "criminal-code": [13, 26], "osce-defamation": [18, 20, 27],
        "a19-nakanune": [21, 22], "a19-land-reform": [31, 32, 33],
    }
    assert [n.number for n in submission.notes if n.key == "gauthier"] == [53]


# --- claims ------------------------------------------------------------------------


def claims_by_reference(folder: Path) -> list[tuple[str, str, str]]:
    """Return (number, claimed response, words) for each reference a claim governs, in reading order."""
    return [(c.ref.number, c.claim.response, c.claim.words) for c in claimed_refs(load_resolved(folder))]


def test_claims_of_the_seed_sentences_govern_the_right_references() -> None:
    accepted = "already being implemented"
    assert claims_by_reference(CHECK_FIXTURES / "R004-seed-sentences") == [
        # paragraph 3, first sentence: "accepted … “already being implemented”", over the whole list
        *[(n, "supported", accepted) for n in ("124.4", "124.5", "124.22", "124.28", "124.29", "124.30",
                                              "124.24", "124.25", "124.26", "124.39", "124.27", "124.47")],
        # paragraph 3, second sentence: "Recommendations noted by Kazakhstan included calls …"
        *[(n, "noted", "noted") for n in ("126.35", "126.38", "126.39", "126.40", "126.41", "126.37",
                                          "126.36", "126.42", "126.46")],
        ("126.40", "supported", "acceptance"),  # paragraph 10: contradicts the data (noted)
        ("126.36", "noted", "did not accept"),  # paragraph 21: negation
        ("126.37", "noted", "noted"),  # paragraph 23: "was also noted"
        ("124.27", "supported", "accepted"),  # paragraph 27: two claims, one per clause
        ("124.28", "supported", "accepted"),
        ("126.46", "noted", "rejected"),
    ]


@pytest.mark.parametrize(
    ("text", "language", "claims"),
    [
        ("Kazakhstan did not accept a recommendation", "en", [("noted", "did not accept")]),
        ("recommendations that were not supported", "en", [("noted", "were not supported")]),
        ("Kazakhstan refused to accept it", "en", [("noted", "refused to accept")]),
        ("it did not support the call", "en", [("noted", "did not support")]),
        ("with the support of donors", "en", []),
        ("As noted above, it should be noted that widely accepted standards apply", "en", []),
        ("it took note of two and rejected one", "en", [("noted", "took note"), ("noted", "rejected")]),
        ("Le Kazakhstan n’a pas accepté la recommandation", "fr", [("noted", "n’a pas accepté")]),
        ("El Estado no aceptó una y tomó nota de otra", "es", [("noted", "no aceptó"), ("noted", "tomó nota")]),
    ],
)
def test_claim_words_and_negation(text: str, language: str, claims: list[tuple[str, str]]) -> None:
    assert [(c.response, c.words) for c in find_claims(text, language)] == claims


def test_flat_text_is_the_plain_text_the_reader_sees() -> None:
    for text_run in text_runs(load_resolved(SEED)):
        assert flatten(text_run.nodes).text == plain_text(text_run.nodes)


def test_a_call_after_a_full_stop_belongs_to_the_sentence_it_closes() -> None:
    text = "It was accepted.^[a] It was noted.^[b] Mr. B. Smith said so."
    nodes = parse_inline(text, InlineContext(lambda _: Location(Path("x"))))
    flat = flatten(nodes)
    spans = sentence_spans(flat.text)
    assert [flat.text[s:e] for s, e in spans] == ["It was accepted. ", "It was noted. ", "Mr. B. Smith said so."]
    assert [flat.text[: a.offset][-9:] for a in flat.note_calls()] == ["accepted.", "as noted."]


# --- the command line ------------------------------------------------------------


def test_warnings_fail_only_with_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CHECK_FIXTURES)
    assert run("check", "N002-uncalled-note")[0] == 0
    assert run("check", "--strict", "N002-uncalled-note")[0] == 1


def test_json_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CHECK_FIXTURES)
    code, stdout, stderr = run("check", "--format", "json", "N001-undefined-note", "clean")
    assert (code, stderr) == (1, "")
    first, second = json.loads(stdout)["submissions"]
    assert first["folder"] == "N001-undefined-note"
    assert (first["errors"], first["warnings"]) == (1, 0)
    assert first["findings"] == [{
        "code": "N001", "severity": "error", "message": "note [^insult] is called but never defined",
        "path": "N001-undefined-note/sections/one.yaml", "line": 3, "col": 43,
    }]
    assert second["findings"] == []
    assert second["word_count"] == {
        "total": 57, "limit": 2815, "over": -2758, "type": "individual", "profile": "ohchr-2024",
        "parts": {"body": 23, "notes": 21, "cover": 26, "recommendations": 8, "annex": 0},
        "counted": ["body", "cover", "recommendations"],
    }
    assert second["recommendations"] == {
        "cited": 2, "supported": 1, "noted": 1, "partially supported": 0, "pending": 0, "not_in_data": 0, "documents": ["A/HRC/99/1"],
    }


def test_without_folders_checks_every_submission_under_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(CHECK_FIXTURES / "clean", tmp_path / "content" / "b")
    shutil.copytree(CHECK_FIXTURES / "N002-uncalled-note", tmp_path / "content" / "a")
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run("check")
    assert code == 0
    assert [line.split(":")[0] for line in stdout.splitlines() if "problem" in line or "warning" in line] == [
        "content/a/sections/one.yaml", "content/a", "content/b",
    ]


def test_bad_content_is_one_line_and_status_1(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(CHECK_FIXTURES / "clean", folder)
    section = folder / "sections" / "one.yaml"
    section.write_text(section.read_text(encoding="utf-8") + "  - p: [unclosed\n", encoding="utf-8")
    code, stdout, stderr = run("check", str(folder))
    assert (code, stdout) == (1, "")
    assert stderr.startswith(f"upr: error: {section}:") and stderr.count("\n") == 1
    assert "Traceback" not in stderr


def test_no_submission_anywhere_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("check") == (2, "", "upr: error: no submission folder given and none found under content/: "
                                   "name one, or run upr new\n")


def test_paths_outside_the_current_folder_are_shown_whole(tmp_path: Path) -> None:
    folder = tmp_path / "n001"
    shutil.copytree(CHECK_FIXTURES / "N001-undefined-note", folder)
    code, stdout, _ = run("check", str(folder))
    assert code == 1
    assert stdout.splitlines()[0] == (
        f"{folder}/sections/one.yaml:3:43: error N001 note [^insult] is called but never defined"
    )


# --- claims: a word of contrast ends a negation's reach ------------------------------


def test_claims_after_a_word_of_contrast_stand_on_their_own() -> None:
    assert claims_by_reference(CHECK_FIXTURES / "R004-contrast") == [
        ("126.46", "noted", "noted"),  # "was not accepted but noted."
        ("126.46", "supported", "accepted"),  # "was not noted but accepted."
        ("126.46", "noted", "has not yet accepted"),  # "yet" right after a negation is no contrast
    ]


@pytest.mark.parametrize(
    ("text", "language", "claims"),
    [
        ("it was not accepted but noted", "en", [("noted", "was not accepted"), ("noted", "noted")]),
        ("it was not noted but accepted", "en", [("supported", "was not noted"), ("supported", "accepted")]),
        ("it did not accept one but rather noted it", "en", [("noted", "did not accept"), ("noted", "noted")]),
        ("it did not accept one and instead noted it", "en", [("noted", "did not accept"), ("noted", "noted")]),
        ("it was not noted yet accepted", "en", [("supported", "was not noted"), ("supported", "accepted")]),
        ("it was not noted however accepted", "en", [("supported", "was not noted"), ("supported", "accepted")]),
        ("it has not yet accepted one", "en", [("noted", "has not yet accepted")]),
        ("it hasn’t yet accepted one", "en", [("noted", "hasn’t yet accepted")]),
        ("Il n’a pas accepté mais a pris note", "fr", [("noted", "n’a pas accepté"), ("noted", "a pris note")]),
        ("No la aceptó sino que tomó nota", "es", [("noted", "No la aceptó"), ("noted", "tomó nota")]),
    ],
)
def test_a_negation_ends_at_a_word_of_contrast(text: str, language: str, claims: list[tuple[str, str]]) -> None:
    assert [(c.response, c.words) for c in find_claims(text, language)] == claims


def test_r007_finds_a_state_the_title_contradicts_without_any_data(minimal: Path) -> None:
    meta = minimal / "submission.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("state: Testland", "state: Kazakhstan").replace(
        "Review of Testland", "Review of Georgia"), encoding="utf-8")
    found = [(f.code, f.message) for f in run_checks(load_resolved(minimal)).findings]
    assert found == [("R007", "state: says Kazakhstan, but the title names Georgia: correct one of them")]


def test_t001_and_t002_leave_a_value_with_a_comment_and_a_leading_reference_alone(minimal: Path) -> None:
    meta = minimal / "submission.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("type: individual", "type: individual #TODO"),
                    encoding="utf-8")
    section = minimal / "sections" / "one.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace(
        '  - p: "Markup', '  - p: "{ref first} repeats it. Markup', 1), encoding="utf-8")
    assert {f.code for f in run_checks(load_resolved(minimal)).findings} & {"T001", "T002"} == set()


def test_check_tells_an_unreadable_folder_and_checks_the_others(minimal: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(minimal, broken)
    (broken / "submission.yaml").write_text("title: [a\n", encoding="utf-8")
    code, stdout, stderr = run("check", str(broken), str(minimal))
    assert code == 1 and stderr.startswith(f"upr: error: {broken / 'submission.yaml'}:1:8: YAML syntax error")
    assert "minimal: no problems found" in stdout


def test_upr_alone_prints_its_help() -> None:
    code, stdout, stderr = run()
    assert (code, stderr) == (0, "") and "COMMAND [ARGS]..." in stdout.splitlines()[0]  # "upr" when installed
