"""Up-to-date outputs: a second build of unchanged content writes nothing, and any change writes again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.clirun import run
from generator import uptodate

ROOT = Path(__file__).resolve().parents[1]


def build(folder: Path, out: Path, *options: str) -> list[str]:
    """Return the lines `upr build` prints on stdout; fail the test on any other exit than 0."""
    code, stdout, stderr = run("build", str(folder), "--out", str(out), *options)
    assert code == 0, stderr
    return stdout.splitlines()


def stamps(out: Path) -> dict[str, int]:
    """Return each output's modification time in nanoseconds."""
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir()}


def written(lines: list[str]) -> list[str]:
    """Return the names of the outputs a build says it wrote."""
    return [Path(line.removeprefix("wrote ")).name for line in lines if line.startswith("wrote ")]


def test_a_second_build_of_unchanged_content_writes_nothing_and_says_so(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert written(build(minimal, out, "--format", "docx,pdf,html,md")) == [
        "minimal.docx", "minimal.pdf", "minimal.html", "minimal.md"]
    before = stamps(out)
    again = build(minimal, out, "--format", "docx,pdf,html,md")
    assert again == [f"up to date: {out / name} (nothing changed; --rebuild writes it again)"
                     for name in ("minimal.docx", "minimal.pdf", "minimal.html", "minimal.md")]
    assert stamps(out) == before
    assert written(build(minimal, out, "--format", "docx", "--rebuild")) == ["minimal.docx"]


def test_only_the_outputs_that_are_not_up_to_date_are_written(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(minimal, out, "--format", "md")
    lines = build(minimal, out, "--format", "md,html")
    assert lines[0].startswith(f"up to date: {out / 'minimal.md'}")
    assert written(lines) == ["minimal.html"]
    record = json.loads((out / f".minimal{uptodate.RECORD_SUFFIX}").read_text(encoding="utf-8"))
    assert sorted(record["outputs"]) == ["minimal.html", "minimal.md"]


def _edit_section(folder: Path) -> None:
    section = folder / "sections" / "one.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("heading: ", "heading: New ", 1), encoding="utf-8")


def _add_data_file(folder: Path) -> None:
    (folder / "notes.txt").write_text("a file of the folder that no key names is still read: safe side\n")


def _edit_output(out: Path) -> None:
    (out / "minimal.md").write_text("edited by hand\n", encoding="utf-8")


def _remove_output(out: Path) -> None:
    (out / "minimal.md").unlink()


def _break_record(out: Path) -> None:
    (out / f".minimal{uptodate.RECORD_SUFFIX}").write_text("{not json", encoding="utf-8")


@pytest.mark.parametrize("change, where", [
    (_edit_section, "folder"), (_add_data_file, "folder"),
    (_edit_output, "out"), (_remove_output, "out"), (_break_record, "out"),
])
def test_any_change_to_what_an_output_is_made_from_or_to_the_output_writes_it_again(
    minimal: Path, tmp_path: Path, change, where: str
) -> None:
    out = tmp_path / "out"
    build(minimal, out, "--format", "md")
    change(minimal if where == "folder" else out)
    assert written(build(minimal, out, "--format", "md")) == ["minimal.md"]
    assert build(minimal, out, "--format", "md")[0].startswith("up to date: ")


def test_another_template_or_source_date_writes_again(minimal: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build(minimal, out, "--format", "html")
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    assert build(minimal, out, "--format", "html", "--templates", str(templates))[0].startswith("up to date: ")
    css = templates / "default" / "style.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1 { color: black; }\n", encoding="utf-8")
    assert written(build(minimal, out, "--format", "html", "--templates", str(templates))) == ["minimal.html"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1552000000")
    assert written(build(minimal, out, "--format", "html", "--templates", str(templates))) == ["minimal.html"]


def test_a_change_to_upr_or_a_library_writes_again(minimal: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build(minimal, out, "--format", "md")
    monkeypatch.setattr(uptodate, "__version__", "99.0")
    assert written(build(minimal, out, "--format", "md")) == ["minimal.md"]
    versions = uptodate._library_versions()
    monkeypatch.setattr(uptodate, "_library_versions", lambda: [(n, v + ".1") for n, v in versions])
    assert written(build(minimal, out, "--format", "md")) == ["minimal.md"]
    code = tmp_path / "code"
    shutil.copytree(uptodate.CODE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(uptodate, "CODE", code)
    assert build(minimal, out, "--format", "md")[0].startswith("up to date: ")
    (code / "inline.py").write_text((code / "inline.py").read_text(encoding="utf-8") + "\n# changed\n")
    assert written(build(minimal, out, "--format", "md")) == ["minimal.md"]


def test_an_output_folder_inside_the_submission_does_not_make_itself_stale(minimal: Path) -> None:
    out = minimal / "build"
    build(minimal, out, "--format", "md")
    assert build(minimal, out, "--format", "md")[0].startswith("up to date: ")


def test_a_build_that_stops_on_an_error_leaves_outputs_and_record_as_they_were(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(minimal, out, "--format", "md")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    sub = minimal / "submission.yaml"
    good = sub.read_text(encoding="utf-8")
    sub.write_text("title: [unclosed\n", encoding="utf-8")
    code, stdout, _ = run("build", str(minimal), "--out", str(out), "--format", "md")
    assert (code, stdout) == (1, "")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    sub.write_text(good, encoding="utf-8")
    assert build(minimal, out, "--format", "md")[0].startswith("up to date: ")


def test_library_versions_are_those_importlib_metadata_reads() -> None:
    from importlib import metadata

    expected = []
    for name in uptodate.LIBRARIES:
        try:
            expected.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            expected.append((name, "-"))
    assert uptodate._library_versions() == expected
    assert dict(expected)["weasyprint"] != "-"
