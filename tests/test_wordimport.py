"""`upr import`: a Word file brought in as a submission folder that upr reads back as the same document."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.build import build_submission, load_resolved
from generator.inline import plain_text
from generator.model import NoteCall, Submission
from generator.traverse import inline_nodes, text_runs
from tests.clirun import files_in, run

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "kazakhstan-2019"
CASES = [EXAMPLE, *sorted(p for p in (ROOT / "tests" / "fixtures" / "build").iterdir() if p.is_dir())]


def summary(submission: Submission) -> dict:
    """Return what a reader sees of a submission: its headings, paragraphs (text, items, quotes), notes, refs."""
    runs = list(text_runs(submission))
    return {
        "headings": [s.heading for s in submission.sections],
        "paragraphs": [(p.number, plain_text(p.content), [plain_text(i) for i in p.items],
                        [plain_text(q) for q in (p.quote.items if p.quote else [])],
                        bool(p.quote and p.quote.numbered)) for p in submission.paragraphs()],
        "recommendations": [plain_text(r.content) for s in submission.sections for r in s.recommendations],
        "notes": [plain_text(n.content) for n in submission.notes],
        "refs": [r.number for r in submission.recommendation_refs],
        "calls": sum(isinstance(n, NoteCall) for run in runs for n in inline_nodes(run.nodes, into_notes=False)),
    }


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
def test_a_built_docx_imported_back_is_the_same_document(folder: Path, tmp_path: Path) -> None:
    original = load_resolved(folder)
    build_submission(original, tmp_path, ("docx",))
    data = [str(rset.path) for rset in original.recommendation_data]
    args = [x for path in data for x in ("--recommendations", path)]
    code, stdout, stderr = run("import", str(tmp_path / f"{folder.name}.docx"), "--out", str(tmp_path / "back"), *args)
    assert code == 0, stderr
    back = load_resolved(tmp_path / "back")
    assert summary(back) == summary(original)
    assert (back.meta.title, back.meta.state, back.meta.cycle, back.meta.type, back.meta.numbering) == (
        original.meta.title, original.meta.state, original.meta.cycle, original.meta.type, original.meta.numbering)
    assert [o.name for o in back.meta.organisations] == [o.name for o in original.meta.organisations]
    assert [(a.number, a.status) for a in back.assessments] == [(a.number, a.status) for a in sorted(
        original.assessments, key=lambda a: tuple(int(x) for x in a.number.split(".")))]


def test_import_refuses_a_folder_with_content_and_writes_nothing_on_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    code, _, stderr = run("import", str(bad), "--out", str(tmp_path / "out"))
    assert code == 1 and stderr.startswith(f"upr: error: {bad}: not a Word file that can be read")
    assert files_in(tmp_path) == ["bad.docx"]
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "x").write_text("x", encoding="utf-8")
    assert run("import", str(bad), "--out", str(tmp_path / "taken"))[0] == 2


def test_a_legacy_doc_without_libreoffice_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    code, _, stderr = run("import", str(doc), "--out", str(tmp_path / "out"))
    assert code == 1 and "a .doc file is read through LibreOffice, which is not installed" in stderr


# --- Word files made the way people make them (tests/fixtures/word/build.py, from the seed, by LibreOffice) --------

WORD = ROOT / "tests" / "fixtures" / "word"
DATA = EXAMPLE / "recommendations" / "A-HRC-28-10.yaml"


@pytest.fixture(scope="module", params=["seed-typed-numbers", "seed-restarted-numbering", "seed-pandoc"])
def imported_seed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Submission]:
    """The seed's Word file imported with the previous cycle's data, and loaded back."""
    out = tmp_path_factory.mktemp(request.param) / "seed"
    code, _, stderr = run("import", str(WORD / f"{request.param}.docx"), "--out", str(out), "--recommendations",
                          str(DATA))
    assert code == 0, stderr
    return request.param, load_resolved(out)


def test_the_imported_seed_is_the_seed(imported_seed: tuple[str, Submission]) -> None:
    from tests.seedtext import CALL, plain, read_seed

    name, submission = imported_seed
    seed = read_seed()
    paragraphs = submission.paragraphs()
    wanted = [plain(CALL.sub("", block.text), calls="none") for block in seed.blocks if block.kind == "para"]
    assert len(paragraphs) == 35
    assert [" ".join(plain_text(p.content).split()) for p in paragraphs] == wanted
    assert sum(len(p.items) for p in paragraphs) == sum(block.kind == "item" for block in seed.blocks)
    assert sum(len(s.recommendations) for s in submission.sections) == sum(b.kind == "rec" for b in seed.blocks)
    assert len(submission.notes) == len(seed.notes) + 1  # the seed calls note 53 and never gives its text
    given = {n.number: " ".join(plain_text(n.content).split()) for n in submission.notes}
    assert all(given[number] == plain(text, calls="none") for number, text in seed.notes.items())
    assert len({ref.number for ref in submission.recommendation_refs}) == 21
    assert submission.meta.numbering == ("by-section" if name == "seed-restarted-numbering" else "continuous")
    assert submission.meta.state == "Kazakhstan"


def test_the_imported_seed_checks_with_only_what_the_seed_deserves(imported_seed: tuple[str, Submission]) -> None:
    """Note 53 is empty (the seed never gives it); the seed's own R004 sentence; repeated notes it writes out."""
    from generator.checks import run_checks

    name, submission = imported_seed
    codes = sorted({f.code for f in run_checks(submission).findings})
    empty_note = ["N003"] if name != "seed-pandoc" else []  # pandoc's file says the note is not given
    assert codes == sorted([*empty_note, "N004", "R004", "W001"])  # W001: with no cover, the type is individual


def test_diff_takes_a_word_file_on_either_side(tmp_path: Path) -> None:
    build_submission(load_resolved(EXAMPLE), tmp_path, ("docx",))
    word = tmp_path / "kazakhstan-2019.docx"
    for args in ([str(word), str(EXAMPLE)], [str(EXAMPLE), str(word)]):
        code, stdout, stderr = run("diff", *args, "--format", "json")
        assert (code, stderr) == (0, "")
        report = json.loads(stdout)
        counts = [s["paragraphs"] for s in report["sections"]]
        assert not any(c.get("added") or c.get("removed") for c in counts)  # each paragraph found its own
        assert sum(sum(c.values()) for c in counts) == 35
    code, stdout, _ = run("diff", str(WORD / "seed-typed-numbers.docx"), str(EXAMPLE))
    assert code == 0 and stdout.startswith("seed-typed-numbers.docx → kazakhstan-2019\n")


def word_file(path: Path, body: str) -> Path:
    """Write a minimal .docx whose body is the WordprocessingML `body` (paragraphs, content controls …)."""
    import zipfile

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'content-types"/>')
        archive.writestr("word/document.xml", f"<w:document {w}><w:body>{body}</w:body></w:document>")
    return path


def heading(text: str) -> str:
    """Return a Heading 1 paragraph (outline level 0, as Word marks headings)."""
    return f'<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


def para(*runs: str) -> str:
    """Return a paragraph of runs."""
    return f"<w:p>{''.join(runs)}</w:p>"


def test_word_content_is_kept_as_word_shows_it(tmp_path: Path) -> None:
    body = (para("<w:r><w:t>Submission on Testland</w:t></w:r>") + heading("Freedom of expression")
            + para('<w:r><w:t xml:space="preserve">1. First line</w:t><w:br/><w:t>second line, pre</w:t>'
                   "<w:noBreakHyphen/><w:t>trial.</w:t></w:r>")
            + "<w:sdt><w:sdtContent>" + para("<w:r><w:t>2. Inside a content control.</w:t></w:r>")
            + "</w:sdtContent></w:sdt>")
    out = tmp_path / "out"
    code, _, stderr = run("import", str(word_file(tmp_path / "a.docx", body)), "--out", str(out))
    assert code == 0, stderr
    texts = [plain_text(p.content) for p in load_resolved(out).paragraphs()]
    assert texts == ["First line second line, pre\u2011trial.", "Inside a content control."]


def test_a_state_typed_wrong_is_kept_so_that_r002_says_so(tmp_path: Path) -> None:
    from generator.checks import run_checks

    body = (para("<w:r><w:t>Submission on Kazakhstan</w:t></w:r>") + heading("Media")
            + para("<w:r><w:t>1. The State noted 126.40 (France) and accepted 124.4 (Brazil).</w:t></w:r>"))
    out = tmp_path / "out"
    assert run("import", str(word_file(tmp_path / "a.docx", body)), "--out", str(out), "--recommendations",
               str(DATA))[0] == 0
    submission = load_resolved(out)
    assert [(r.number, r.written_states) for r in submission.recommendation_refs] == [
        ("126.40", ("France",)), ("124.4", ("Brazil",))]
    assert [f.code for f in run_checks(submission).findings if f.severity == "error"] == ["R002"]


@pytest.mark.parametrize("body", ["", '<w:p><w:pPr><w:outlineLvl w:val="x"/></w:pPr><w:r><w:t>A</w:t></w:r></w:p>'])
def test_a_word_file_word_would_not_write_is_one_line(body: str, tmp_path: Path) -> None:
    path = tmp_path / "odd.docx"
    word_file(path, body)
    if not body:  # no body element at all
        import zipfile

        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                             'wordprocessingml/2006/main"/>')
    code, _, stderr = run("import", str(path), "--out", str(tmp_path / "out"))
    assert code == 1 and stderr.count("\n") == 1 and "Traceback" not in stderr
    assert files_in(tmp_path) == ["odd.docx"]


def test_a_word_file_that_unpacks_to_too_much_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import wordimport

    monkeypatch.setattr(wordimport, "MAX_XML_BYTES", 100)
    path = word_file(tmp_path / "big.docx", para("<w:r><w:t>" + "x" * 200 + "</w:t></w:r>"))
    code, _, stderr = run("import", str(path), "--out", str(tmp_path / "out"))
    assert code == 1 and "more than upr reads" in stderr
