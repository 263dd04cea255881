"""`upr diff`: classification on fixture pairs, reports, and redlines read back independently.

Each folder under tests/fixtures/diff/<case>/ holds an old and a new version
of a small submission and the expected text report beside them. The Word
redline is read back through its XML (zip + lxml, not python-docx): with
every change accepted it must read exactly as the new version's ordinary
DOCX, with every change rejected exactly as the old one's, footnotes
included.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from tests.clirun import run
from tests.docxread import tracked_marks, tracked_view as view
from generator.build import load_resolved
from generator.diff import diff_submissions
from generator.diff.html import render_diff_html
from generator.diff.model import MovedAway, SubmissionDiff
from generator.model import Submission, Text
from generator.diff.redline_docx import render_redline_docx
from generator.diff.words import diff_inline
from generator.errors import RenderError
from generator.diff.report import json_report, section_summary, text_report
from generator.render.docx import render_docx

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "diff"
EXAMPLE = ROOT / "content" / "kazakhstan-2019"
REVISED = FIXTURES / "kazakhstan-2019-revised"
CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "old").is_dir())
DATE = "2019-03-28T00:00:00Z"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    """Return the Clark name of a w: tag."""
    return f"{{{W}}}{tag}"


@pytest.fixture(autouse=True)
def no_warnings_logged(caplog: pytest.LogCaptureFixture):
    """Fail a test on any warning or error logged while it ran."""
    yield
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


@cache
def loaded(folder: Path) -> Submission:
    """Return a folder's submission, loaded once per run (comparing never changes it)."""
    return load_resolved(folder)


@cache
def compared(old: Path, new: Path) -> SubmissionDiff:
    """Return the comparison of two folders (each pair compared once per run)."""
    return diff_submissions(loaded(old), loaded(new) if new != old else load_resolved(new))


def case(name: str) -> SubmissionDiff:
    """Return the comparison of a fixture pair."""
    return compared(FIXTURES / name / "old", FIXTURES / name / "new")


def example() -> SubmissionDiff:
    """Return the comparison of the shipped example with its revised version."""
    return compared(EXAMPLE, REVISED)


def segments(diff) -> list[tuple[str, str]]:
    """Return (op, text) of every segment of an InlineDiff, notes as [^n]."""
    text = lambda atoms: "".join(f"[^{a.note.number}]" if a.is_note else a.text for a in atoms)  # noqa: E731
    return [(s.op, text(s.old if s.op == "delete" else s.new)) for s in diff.segments]


# --- classification, case by case ------------------------------------------------------------------


def test_edited_paragraph_is_changed_word_by_word() -> None:
    diff = case("edited-paragraph")
    assert [(p.status, p.old_number, p.new_number, p.moved) for p in diff.paragraphs()] == [
        ("unchanged", "1", "1", False),
        ("changed", "2", "2", False),
        ("changed", "3", "3", False),
    ]
    assert segments(diff.paragraphs()[1].content) == [
        ("equal", "Bloggers with more than "),
        ("delete", "a"),
        ("insert", "three"),
        ("equal", " thousand readers are treated as mass media and face the same liability as newspapers"),
        ("insert", " and broadcasters"),
        ("equal", "."),
    ]
    items = diff.paragraphs()[2].items
    assert [line.status for line in items] == ["changed", "removed", "changed", "added"]
    assert segments(items[0].diff)[1] == ("insert", " and again in May 2018")


def test_moved_paragraph_keeps_its_identity_and_both_numbers() -> None:
    diff = case("moved-paragraph")
    moved = [p for p in diff.paragraphs() if p.moved]
    assert [(p.old_number, p.new_number, p.old_section, p.new_section, p.status) for p in moved] == [
        ("2", "4", "Freedom of expression", "Media freedom", "changed")
    ]
    assert [p.moved for p in diff.paragraphs()] == [False, False, False, True]  # the others only renumber
    first = diff.sections[0].body
    assert isinstance(first[1], MovedAway) and first[1].target is moved[0]
    assert [section_summary(s, diff) for s in diff.sections] == [
        "paragraphs: 1 moved out",
        "paragraphs: 1 changed, 1 moved in",
    ]
    assert [line.status for line in moved[0].items] == ["added"]


def test_moved_section_shows_at_both_places_with_its_paragraphs_moved() -> None:
    diff = case("moved-section")
    assert [(s.title, s.status, s.moved) for s in diff.sections] == [
        ("Freedom of expression", "removed", True),
        ("Media freedom", "unchanged", False),
        ("Freedom of expression online", "added", True),
        ("Freedom of assembly", "unchanged", False),
    ]
    assert diff.sections[0].partner is diff.sections[2].new and diff.sections[2].partner is diff.sections[0].old
    assert [(p.old_number, p.new_number, p.moved) for p in diff.paragraphs()] == [
        ("3", "1", False),
        ("1", "2", True),
        ("2", "3", True),
        ("4", "4", False),
    ]
    assert [r.status for r in diff.recommendations] == ["repeated"]


def test_inserted_and_deleted_paragraphs_stay_where_they_were() -> None:
    diff = case("inserted-deleted-paragraph")
    assert [(p.status, p.old_number, p.new_number) for p in diff.paragraphs()] == [
        ("unchanged", "1", "1"),
        ("removed", "2", ""),
        ("added", "", "2"),
        ("unchanged", "3", "3"),
    ]


def test_renumbered_note_is_no_change() -> None:
    diff = case("renumbered-note")
    assert [(n.status, n.old and n.old.number, n.new.number, n.renumbered) for n in diff.notes] == [
        ("added", None, 1, False),
        ("unchanged", 1, 2, True),
    ]
    assert [p.status for p in diff.paragraphs()] == ["changed", "unchanged", "unchanged"]


def test_changed_notes_say_what_changed() -> None:
    diff = case("changed-note")
    assert [(n.status, n.old.number, n.new.number, n.kinds) for n in diff.notes] == [
        ("changed", 1, 1, ["pinpoint"]),
        ("changed", 2, 2, ["source"]),
        ("changed", 3, 3, ["text"]),
    ]
    assert [(p.status, p.content.text_changed) for p in diff.paragraphs()] == [("changed", False)] * 3
    assert segments(diff.notes[0].diff)[-2:] == [("delete", "3"), ("insert", "4")]


def test_recommendation_references_newly_and_no_longer_cited() -> None:
    diff = case("changed-recommendation-ref")
    assert [(r.number, r.status, r.label, r.places, r.text) for r in diff.recommendation_refs] == [
        (
            "1.2",
            "newly cited",
            "1.2 (Brazil) (Chile)",
            ["note 1 (¶ 1)"],
            "Repeal the registration requirement for online media",
        ),
        ("1.1", "no longer cited", "1.1 (Norway)", ["note 1 (¶ 1)"], "Decriminalise defamation"),
    ]
    assert [(n.status, n.kinds) for n in diff.notes] == [("changed", ["recommendation"])]
    assert [(a.status, (a.old or a.new).number) for a in diff.annex] == [("removed", "1.1"), ("added", "1.2")]


def test_own_recommendations_repeated_revised_new_dropped() -> None:
    diff = case("own-recommendations")
    assert [r.status for r in diff.recommendations] == ["repeated", "repeated", "revised", "new", "dropped"]
    assert [r.diff.changed for r in diff.recommendations[:2]] == [False, True]  # the same, and nearly the same
    assert not any(r.moved for r in diff.recommendations)


def test_metadata_changes() -> None:
    diff = case("changed-metadata")
    assert [(m.field, m.old, m.new) for m in diff.metadata] == [
        ("session", "45", "46"),
        ("date", None, "2024-03-01"),
        ("organisation", None, "Testland Press Club"),
        ("organisation Example Rights Watch: website", None, "https://example.org"),
    ]
    # the date, and the organisation's name and website, each a line of its own
    assert [line.status for line in diff.cover] == ["unchanged", "changed", "changed", "added", "added", "added"]


def test_renamed_id_with_the_same_number_is_no_change(tmp_path: Path) -> None:
    diff = case("renamed-id")
    assert [(p.status, p.old.id, p.new.id) for p in diff.paragraphs()] == [
        ("unchanged", "registration", "press-law-registration"),
        ("unchanged", None, None),
        ("unchanged", None, None),
    ]
    assert [(n.status, n.renumbered) for n in diff.notes] == [("unchanged", False)]
    assert not diff.changed
    redline, _, _ = redline_and_sides(diff, tmp_path)
    with zipfile.ZipFile(redline) as archive:
        parts = [etree.fromstring(archive.read(n)) for n in ("word/document.xml", "word/footnotes.xml")]
    assert [e.tag for part in parts for kind in ("ins", "del") for e in part.iter(q(kind))] == []


def test_reference_pointed_at_another_paragraph_is_a_change(tmp_path: Path) -> None:
    retargeted = tmp_path / "new"
    shutil.copytree(FIXTURES / "renamed-id" / "new", retargeted)
    section = retargeted / "sections" / "expression.yaml"
    text = section.read_text(encoding="utf-8").replace("{ref press-law-registration}.^", "{ref bloggers}.^")
    section.write_text(text + "    id: bloggers\n", encoding="utf-8")
    diff = diff_submissions(loaded(FIXTURES / "renamed-id" / "old"), load_resolved(retargeted))
    assert [p.status for p in diff.paragraphs()] == ["unchanged", "changed", "unchanged"]
    assert segments(diff.paragraphs()[1].content)[-3:] == [("delete", "1."), ("insert", "3."), ("equal", "[^1]")]


def test_unknown_inline_node_is_a_render_error() -> None:
    with pytest.raises(RenderError, match="^cannot compare a object node: the diff knows no such inline content$"):
        diff_inline([Text("a")], [Text("a"), object()])


@pytest.mark.parametrize(
    "folder", [EXAMPLE, REVISED, *(FIXTURES / c / "new" for c in CASES)], ids=lambda p: str(p.relative_to(ROOT))
)
def test_a_submission_compared_with_itself_has_no_change(folder: Path) -> None:
    diff = compared(folder, folder)
    assert not diff.changed
    assert text_report(diff) == f"{folder.name} → {folder.name}: no change\n"
    assert {p.status for p in diff.paragraphs()} == {"unchanged"} and not any(p.moved for p in diff.paragraphs())
    assert {n.status for n in diff.notes} <= {"unchanged"} and not any(n.renumbered for n in diff.notes)
    assert {r.status for r in diff.recommendations} <= {"repeated"} and not any(r.changed for r in diff.recommendations)
    assert json_report(diff)["paragraphs"] == []


# --- the example and its second version ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sources.yaml", "assessments.yaml", "recommendations/A-HRC-28-10.yaml"])
def test_revised_example_shares_the_examples_data(name: str) -> None:
    same = (EXAMPLE / name).read_bytes() == (REVISED / name).read_bytes()
    assert same, f"{name} changed in the example: copy it to {REVISED.relative_to(ROOT)} (see its submission.yaml)"


def test_example_revision_is_classified_as_a_coalition_edited_it() -> None:
    diff = example()
    assert [(m.field, m.old, m.new) for m in diff.metadata] == [("date", None, "2019-03-28")]
    changed = [
        (p.status, p.moved, p.old_number, p.new_number, p.label)
        for p in diff.paragraphs()
        if p.moved or p.status != "unchanged"
    ]
    assert changed == [
        ("changed", False, "2", "2", None),
        ("changed", False, "13", "13", None),
        ("changed", False, "14", "14", "article-174"),  # only its note's page numbers changed
        ("added", False, "", "25", "protest-shutdowns"),
        ("changed", False, "25", "26", None),
        ("changed", False, "27", "28", "journalists-attacked"),
        ("unchanged", True, "28", "30", None),
        ("changed", False, "34", "35", None),
        ("changed", False, "35", "36", None),
    ]
    statuses = [n.status for n in diff.notes]
    assert (statuses.count("added"), statuses.count("changed"), statuses.count("removed")) == (2, 1, 0)
    assert sum(n.renumbered for n in diff.notes) == 55
    recs = [r.status for r in diff.recommendations]
    assert (recs.count("repeated"), recs.count("revised"), recs.count("new"), recs.count("dropped")) == (9, 1, 1, 0)
    assert [(r.number, r.status) for r in diff.recommendation_refs] == [("124.40", "newly cited")]
    assert [a.status for a in diff.annex if a.status != "unchanged"] == ["added"]


def test_json_report_is_plain_data() -> None:
    data = json.loads(json.dumps(json_report(example())))
    assert data["changed"] is True
    moved = [p for p in data["paragraphs"] if p["moved"]]
    assert [(p["old_number"], p["new_number"], p["status"]) for p in moved] == [("28", "30", "unchanged")]
    assert [r["status"] for r in data["recommendations"]].count("revised") == 1
    assert {n["status"] for n in data["notes"]} == {"added", "changed", "unchanged"}


@pytest.mark.parametrize("name", CASES)
def test_text_report_is_the_expected_one(name: str) -> None:
    assert text_report(case(name)) == (FIXTURES / name / "expected.txt").read_text(encoding="utf-8")


# --- the Word redline, read back through its XML --------------------------------------------------------------


ORDINARY: dict[Path, Path] = {}  # submission folder → its ordinary DOCX, written once per run


def ordinary_docx(submission: Submission, tmp: Path) -> Path:
    """Return the ordinary DOCX of a submission (`upr build`'s), written once per folder."""
    if submission.root not in ORDINARY:
        ORDINARY[submission.root] = tmp / f"ordinary-{len(ORDINARY)}.docx"
        render_docx(submission, ORDINARY[submission.root])
    return ORDINARY[submission.root]


def redline_and_sides(diff: SubmissionDiff, tmp: Path) -> tuple[Path, Path, Path]:
    """Write the redline; return its path and both versions' ordinary DOCX."""
    redline = tmp / "redline.docx"
    render_redline_docx(diff, redline, "Reviewer", DATE)
    return redline, ordinary_docx(diff.old, tmp), ordinary_docx(diff.new, tmp)


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The example's redline and its two versions' ordinary DOCX, written once."""
    return redline_and_sides(example(), tmp_path_factory.mktemp("example"))


@pytest.mark.parametrize("backwards", [False, True], ids=["old-to-new", "new-to-old"])
@pytest.mark.parametrize("name", CASES)
def test_redline_accepted_is_the_new_version_and_rejected_the_old(name: str, backwards: bool, tmp_path: Path) -> None:
    sides = FIXTURES / name / "old", FIXTURES / name / "new"
    redline, old, new = redline_and_sides(compared(*(sides[::-1] if backwards else sides)), tmp_path)
    assert view(redline, "accept") == view(new, "accept")
    assert view(redline, "reject") == view(old, "accept")
    assert tracked_marks(redline, "accept") == tracked_marks(new, "accept")
    assert len(tracked_marks(redline, "reject")["fields"]) == len(tracked_marks(old, "accept")["fields"])
    every = tracked_marks(redline, "all")
    assert set(every["fields"]) <= set(every["bookmarks"])  # no reference to a bookmark the redline lacks


def test_example_redline_accepted_is_the_revision_and_rejected_the_example(
    example_docx: tuple[Path, Path, Path],
) -> None:
    redline, old, new = example_docx
    accepted, rejected = view(redline, "accept"), view(redline, "reject")
    assert accepted == view(new, "accept") and rejected == view(old, "accept")
    assert (len(accepted[0]), len(accepted[1]), len(rejected[0]), len(rejected[1])) == (196, 58, 188, 56)


def test_redline_tracks_with_author_date_unique_ids_and_paired_moves(example_docx: tuple[Path, Path, Path]) -> None:
    redline, _, _ = example_docx
    with zipfile.ZipFile(redline) as archive:
        parts = [etree.fromstring(archive.read(n)) for n in ("word/document.xml", "word/footnotes.xml")]
    changes = [e for part in parts for kind in ("ins", "del", "moveFrom", "moveTo") for e in part.iter(q(kind))]
    assert changes and all(e.get(q("author")) == "Reviewer" and e.get(q("date")) == DATE for e in changes)
    ids = [
        e.get(q("id"))
        for part in parts[:1]
        for e in part.iter()
        if e.tag
        in {
            q(k)
            for k in ("ins", "del", "moveFrom", "moveTo", "bookmarkStart", "moveFromRangeStart", "moveToRangeStart")
        }
    ]
    assert len(ids) == len(set(ids))
    names = {kind: [e.get(q("name")) for e in parts[0].iter(q(f"{kind}RangeStart"))] for kind in ("moveFrom", "moveTo")}
    assert names["moveFrom"] == names["moveTo"] == ["upr-move-1"]
    deleted_text = [t.text for t in parts[0].iter(q("delText"))]
    assert "Reject" in deleted_text  # the revised recommendation's old first word


def test_whole_paragraphs_are_tracked_on_their_mark_and_keep_live_numbering(tmp_path: Path) -> None:
    redline, _, new = redline_and_sides(case("inserted-deleted-paragraph"), tmp_path)
    paragraphs = [p for p in _body(redline).iter(q("p")) if _style(p) == "NumberedParagraph"]
    marks = [[c.tag for c in p.findall(f"{q('pPr')}/{q('rPr')}/*")] for p in paragraphs]
    assert marks == [[], [q("del")], [q("ins")], []]
    deleted, inserted = paragraphs[1], paragraphs[2]
    assert all(r.getparent().tag == q("del") for r in deleted.iter(q("r"))) and not list(deleted.iter(q("t")))
    assert all(r.getparent().tag == q("ins") for r in inserted.iter(q("r")))
    num_ids = {p.find(f"{q('pPr')}/{q('numPr')}/{q('numId')}").get(q("val")) for p in paragraphs}
    ordinary = {
        p.find(f"{q('pPr')}/{q('numPr')}/{q('numId')}").get(q("val"))
        for p in _body(new).iter(q("p"))
        if _style(p) == "NumberedParagraph"
    }
    assert num_ids == ordinary and len(num_ids) == 1  # one live list, as in the ordinary document


def _body(path: Path) -> etree._Element:
    """Return the body of a DOCX's main part."""
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml")).find(q("body"))


def _style(p: etree._Element) -> str:
    """Return a paragraph's style id ("" when it has none)."""
    style = p.find(f"{q('pPr')}/{q('pStyle')}")
    return style.get(q("val")) if style is not None else ""


def test_changed_note_shows_its_changes_inside_the_footnote(tmp_path: Path) -> None:
    redline, _, _ = redline_and_sides(case("changed-note"), tmp_path)
    with zipfile.ZipFile(redline) as archive:
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
    first = next(n for n in notes.iter(q("footnote")) if n.get(q("id")) == "1")
    assert ["".join(t.text for t in e.iter(q("delText"))) for e in first.iter(q("del"))] == ["3"]
    assert ["".join(t.text for t in e.iter(q("t"))) for e in first.iter(q("ins"))] == ["4"]


def test_redline_of_an_annex_added_or_removed(tmp_path: Path) -> None:
    without = tmp_path / "without"
    shutil.copytree(FIXTURES / "changed-recommendation-ref" / "old", without)
    sub = without / "submission.yaml"
    sub.write_text(
        sub.read_text(encoding="utf-8").replace("annex:\n  assessments: assessments.yaml\n", ""), encoding="utf-8"
    )
    with_annex = FIXTURES / "changed-recommendation-ref" / "new"
    for old, new in ((without, with_annex), (with_annex, without)):
        diff = diff_submissions(load_resolved(old), load_resolved(new))
        redline, old_docx, new_docx = redline_and_sides(diff, tmp_path)
        assert view(redline, "accept") == view(new_docx, "accept")
        assert view(redline, "reject") == view(old_docx, "accept")


def test_redline_opens_in_libreoffice(example_docx: tuple[Path, Path, Path], tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: .ci/run installs it")
    redline, _, _ = example_docx
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(redline),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "redline.pdf"
    assert done.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 10_000, done.stderr.decode()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
        assert "Withdraw" in " ".join(text.split()) and "protest" in text


# --- the HTML redline --------------------------------------------------------------------------------------------


def test_html_redline_is_self_contained_and_links_moves() -> None:
    html = render_diff_html(example())
    assert "<ins>" in html and "<del>" in html
    assert 'id="move-1-from" href="#move-1-to"' in html and 'id="move-1-to" href="#move-1-from"' in html
    assert "<link" not in html and "<script" not in html and " src=" not in html and "@import" not in html


def test_html_redline_escapes_content(tmp_path: Path) -> None:
    minimal = ROOT / "tests" / "fixtures" / "content" / "minimal"
    edited = tmp_path / "minimal"
    shutil.copytree(minimal, edited)
    section = edited / "sections" / "one.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("alert(1)", "alert(2)"), encoding="utf-8")
    html = render_diff_html(diff_submissions(load_resolved(minimal), load_resolved(edited)))
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<del>1</del><ins>2</ins>" in html


# --- the command line ----------------------------------------------------------------------------------------------


def test_cli_prints_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES / "edited-paragraph")
    assert run("diff", "old", "new") == (
        0,
        (FIXTURES / "edited-paragraph" / "expected.txt").read_text(encoding="utf-8"),
        "",
    )


def test_cli_colours_only_when_asked_or_on_a_terminal() -> None:
    folders = [str(FIXTURES / "edited-paragraph" / side) for side in ("old", "new")]
    _, plain, _ = run("diff", *folders)
    _, coloured, _ = run("diff", *folders, "--color")
    assert "\x1b[" not in plain and "{+three+}" in plain
    assert "\x1b[" in coloured and "{+" not in coloured


def test_cli_json_and_redlines(tmp_path: Path) -> None:
    html, docx = tmp_path / "changes.html", tmp_path / "changes.docx"
    code, stdout, stderr = run(
        "diff",
        str(FIXTURES / "moved-paragraph" / "old"),
        str(FIXTURES / "moved-paragraph" / "new"),
        "--format",
        "json",
        "--html",
        str(html),
        "--docx",
        str(docx),
        "--author",
        "ARTICLE 19",
        "--date",
        "2019-03-28",
    )
    assert code == 0
    assert stderr == f"wrote {docx}\nwrote {html}\n"
    data = json.loads(stdout)
    assert [(p["old_number"], p["new_number"], p["moved"]) for p in data["paragraphs"]] == [("2", "4", True)]
    with zipfile.ZipFile(docx) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
    assert {e.get(q("author")) for e in document.iter(q("moveTo"))} == {"ARTICLE 19"}
    assert {e.get(q("date")) for e in document.iter(q("moveTo"))} == {"2019-03-28T00:00:00Z"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["changes.docx", "changes.html"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["only-one"], "give two submission folders, or one folder with --rev"),
        (["a", "b", "c"], "give two submission folders, or one folder with --rev"),
        (["{old}", "{new}", "--rev2", "HEAD"], "--rev2 needs --rev (the older revision)"),
        (
            ["{old}", "{new}", "--date", "yesterday"],
            "'yesterday' is not a date: write 2019-03-28 or 2019-03-28T14:30:00Z",
        ),
        (["{old}", "{new}", "--html", "{missing}/x.html"], "cannot write {missing}/x.html: no folder {missing}"),
    ],
)
def test_cli_usage_errors_are_one_line(args: list[str], message: str, tmp_path: Path) -> None:
    folders = {
        "old": str(FIXTURES / "edited-paragraph" / "old"),
        "new": str(FIXTURES / "edited-paragraph" / "new"),
        "missing": str(tmp_path / "missing"),
    }
    out = tmp_path / "out.docx"
    code, stdout, stderr = run("diff", *[a.format(**folders) for a in args], "--docx", str(out))
    usage = not message.startswith("cannot write")  # the arguments do not go together: exit 2, as click's own
    assert (code, stdout, stderr) == (2 if usage else 1, "", f"upr: error: {message.format(**folders)}\n")
    assert not out.exists()


def test_cli_errors_go_through_the_shared_one_line_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    failed: list[str] = []

    def fail(exc: Exception) -> None:
        failed.append(str(exc))
        raise SystemExit(3)

    monkeypatch.setattr("generator.cli_diff.fail", fail)  # the one `generator.cliutil.fail`, imported by name
    assert run("diff", "only-one") == (3, "", "")
    assert failed == ["give two submission folders, or one folder with --rev"]


def test_cli_content_error_points_at_file_line_col_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "new"
    shutil.copytree(FIXTURES / "edited-paragraph" / "new", broken)
    section = broken / "sections" / "expression.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("  - p:", "  - pp:", 1), encoding="utf-8")
    out = tmp_path / "out.docx"
    code, stdout, stderr = run("diff", str(FIXTURES / "edited-paragraph" / "old"), str(broken), "--docx", str(out))
    assert (code, stdout) == (1, "")
    assert (
        stderr == f"upr: error: {section}:3:5: unknown key 'pp' in a paragraph; expected one of: p, id, items, quote\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new"]


# --- git revisions ----------------------------------------------------------------------------------------------------


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A throwaway git repository whose content folder has three commits: v1 (old), broken, and new."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    folder = repo / "content" / "testland"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)

    def commit(source: Path, tag: str) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(source, folder)
        git("add", "-A")
        git("commit", "-q", "-m", tag)
        git("tag", tag)

    repo.mkdir()
    git("init", "-q")
    commit(FIXTURES / "edited-paragraph" / "old", "v1")
    broken = tmp_path / "broken"
    shutil.copytree(FIXTURES / "edited-paragraph" / "old", broken)
    (broken / "sections" / "expression.yaml").write_text("heading: [unclosed\n", encoding="utf-8")
    commit(broken, "broken")
    commit(FIXTURES / "edited-paragraph" / "new", "v2")
    return folder


def test_cli_compares_git_revisions(repository: Path) -> None:
    expected = (FIXTURES / "edited-paragraph" / "expected.txt").read_text(encoding="utf-8")
    code, stdout, stderr = run("diff", str(repository), "--rev", "v1")
    assert (code, stderr) == (0, "")
    assert stdout == expected.replace("old → new", "testland@v1 → testland", 1)
    code, stdout, _ = run("diff", str(repository), "--rev", "v1", "--rev2", "v2")
    assert (code, stdout) == (0, expected.replace("old → new", "testland@v1 → testland@v2", 1))


def test_cli_git_errors_are_one_line(repository: Path) -> None:
    assert run("diff", str(repository), "--rev", "nope") == (1, "", "upr: error: git: unknown revision 'nope'\n")
    assert run("diff", str(repository), "--rev", "--output=x") == (
        1,
        "",
        "upr: error: '--output=x' is not a git revision\n",
    )
    code, _, stderr = run("diff", str(repository), "--rev", "broken")
    assert code == 1
    where = "broken:content/testland/sections/expression.yaml:1:10"  # where the [ that is never closed opens
    assert stderr == (f"upr: error: {where}: YAML syntax error: a text that starts with [ or {{ is read as a list: "
                      "put the whole text in double quotes\n")


def test_a_french_redline_labels_the_annex_as_the_french_build_does(tmp_path: Path) -> None:
    """The annex's response and status cells come from formatting.py for the build and the redline alike."""
    folders = []
    for name, source in (("old", EXAMPLE), ("new", REVISED)):
        folder = tmp_path / name
        shutil.copytree(source, folder)
        meta = folder / "submission.yaml"
        meta.write_text(meta.read_text(encoding="utf-8").replace("language: en", "language: fr"), encoding="utf-8")
        folders.append(load_resolved(folder))
    redline = tmp_path / "redline.docx"
    render_redline_docx(diff_submissions(*folders), redline, "Reviewer", DATE)
    text = zipfile.ZipFile(redline).read("word/document.xml").decode("utf-8")
    assert "Prise en note" in text and "Non mise en œuvre" in text
    assert ">Noted<" not in text and "Not implemented" not in text


def test_the_redline_names_its_bookmarks_as_the_build_does(example_docx: tuple[Path, Path, Path]) -> None:
    redline, _, new = example_docx
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def names(docx: Path) -> set[str]:
        root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
        return {b.get(w + "name") for b in root.iter(w + "bookmarkStart")}

    assert names(redline) == names(new) and len(names(new)) == 36


def test_the_redline_keeps_cross_references_live(example_docx: tuple[Path, Path, Path]) -> None:
    redline, _, new = example_docx

    def refs(docx: Path) -> list[str]:
        root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
        return [t.text.split()[1] for t in root.iter(q("instrText")) if t.text.strip().startswith("REF")]

    assert refs(redline) == refs(new) and len(refs(new)) == 22


def test_the_redline_opens_with_track_changes_on(example_docx: tuple[Path, Path, Path]) -> None:
    redline, _, new = example_docx
    for path, expected in ((redline, 1), (new, 0)):
        settings = etree.fromstring(zipfile.ZipFile(path).read("word/settings.xml"))
        assert len(settings.findall(q("trackRevisions"))) == expected


def _inside(element: etree._Element, kind: str) -> bool:
    """Tell whether an element stands inside a tracked change of `kind`."""
    return any(a.tag == q(kind) for a in element.iterancestors())


def test_a_note_added_or_removed_whole_is_tracked_with_its_marks(tmp_path: Path) -> None:
    """Its number mark, its text and its paragraph mark: accepting or rejecting leaves no empty note.
    The revision adds two notes; compared backwards, it removes them."""
    whole = {"ins": 0, "del": 0}
    for old, new in ((EXAMPLE, REVISED), (REVISED, EXAMPLE)):
        redline = tmp_path / "redline.docx"
        render_redline_docx(compared(old, new), redline, "Reviewer", DATE)
        notes = etree.fromstring(zipfile.ZipFile(redline).read("word/footnotes.xml"))
        for note in notes.iter(q("footnote")):
            texts = [t for t in note.iter(q("t"), q("delText")) if t.text and t.text.strip()]
            for kind in whole:
                if texts and all(_inside(t, kind) for t in texts):
                    whole[kind] += 1
                    assert all(_inside(mark, kind) for mark in note.iter(q("footnoteRef")))
                    assert all(p.find(f"{q('pPr')}/{q('rPr')}/{q(kind)}") is not None for p in note.iter(q("p")))
    assert whole == {"ins": 2, "del": 2}


def test_an_annex_row_added_or_removed_is_tracked_with_its_cells_paragraph_marks(tmp_path: Path) -> None:
    """An assessment of a recommendation the text does not cite is a row only one version has."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(EXAMPLE, old)
    shutil.copytree(EXAMPLE, new)
    cited = {a.number for a in load_resolved(EXAMPLE).assessments}
    data = load_resolved(EXAMPLE).recommendation_data[0]
    extra = next(number for number in data.recommendations if number not in cited)
    with (new / "assessments.yaml").open("a", encoding="utf-8") as file:
        file.write(f'- number: "{extra}"\n  status: not implemented\n')
    for first, second, kind in ((old, new, "ins"), (new, old, "del")):
        redline = tmp_path / f"redline-{kind}.docx"
        render_redline_docx(compared(first, second), redline, "Reviewer", DATE)
        body = etree.fromstring(zipfile.ZipFile(redline).read("word/document.xml"))
        rows = [tr for tr in body.iter(q("tr")) if tr.find(f"{q('trPr')}/{q(kind)}") is not None]
        assert len(rows) == 1 and extra in "".join(rows[0].itertext())
        assert all(p.find(f"{q('pPr')}/{q('rPr')}/{q(kind)}") is not None for p in rows[0].iter(q("p")))


def test_a_quoted_passage_numbered_in_one_version_only_is_numbered_as_each_version_has_it(
    minimal: Path, tmp_path: Path
) -> None:
    """The lines both versions have carry the other version's numbering as a tracked property change."""
    from tests.ooxmlschema import schema_errors

    unnumbered = tmp_path / "unnumbered"
    shutil.copytree(minimal, unnumbered)
    section = next((unnumbered / "sections").glob("*.yaml"))
    section.write_text(section.read_text(encoding="utf-8").replace("numbered: true", "numbered: false"),
                       encoding="utf-8")
    for old, new in ((minimal, unnumbered), (unnumbered, minimal)):
        redline, old_docx, new_docx = redline_and_sides(compared(old, new), tmp_path)
        accepted, rejected = view(redline, "accept"), view(redline, "reject")
        assert accepted == view(new_docx, "accept") and rejected == view(old_docx, "accept")
        assert {style for style, _ in accepted[0] + rejected[0] if style.startswith("QuotedItem")} == {
            "QuotedItem", "QuotedItem#"}
        assert schema_errors(redline) == []


def test_a_received_repository_s_filter_commands_are_never_run(repository: Path, tmp_path: Path) -> None:
    """A folder received with a hostile .git: its config names a filter for every file; reading a revision
    must run nothing it names."""
    repo = repository.parents[1]
    marker = tmp_path / "ran"
    (repo / ".gitattributes").write_text("* filter=evil\n", encoding="utf-8")
    with (repo / ".git" / "config").open("a", encoding="utf-8") as config:
        config.write(f'[filter "evil"]\n\tsmudge = "touch {marker}; cat"\n\tclean = cat\n')
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, capture_output=True)
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q",
                    "-m", "attributes"], check=True, capture_output=True)
    code, stdout, stderr = run("diff", str(repository), "--rev", "v1")
    assert (code, stderr) == (0, "") and "¶ " in stdout
    assert not marker.exists()
