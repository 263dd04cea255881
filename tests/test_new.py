"""`upr new` starts a submission that checks clean and builds, in each language, with the editor's schemas."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from generator.build import load_resolved
from generator.checks import run_checks
from tests.clirun import files_in, run
from tests.test_schema import kind_of, read

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "content" / "kazakhstan-2019" / "recommendations" / "A-HRC-28-10.yaml"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_new_submission_checks_clean_and_builds(language: str, tmp_path: Path) -> None:
    folder = tmp_path / "new"
    code, stdout, stderr = run("new", str(folder), "--state", "Testland", "--cycle", "4", "--organisation",
                               "Example Rights Watch", "--language", language)
    assert (code, stderr) == (0, "") and stdout.startswith(f"wrote {folder}/ (8 files)")
    report = run_checks(load_resolved(folder))
    assert report.findings == ()
    out = tmp_path / "out"
    assert run("build", str(folder), "--format", "docx,pdf,html", "--out", str(out))[0] == 0
    assert files_in(out) == ["new.docx", "new.html", "new.pdf"]


def test_with_data_the_state_and_cycle_come_from_the_review_and_a_reference_shows_the_markup(tmp_path: Path) -> None:
    folder = tmp_path / "kz"
    code, _, stderr = run("new", str(folder), "--organisation", "ARTICLE 19", "--organisation", "Adil Soz",
                          "--recommendations", str(DATA))
    assert (code, stderr) == (0, "")
    submission = load_resolved(folder)
    assert (submission.meta.state, submission.meta.cycle, submission.meta.type) == ("Kazakhstan", 3, "joint")
    assert [ref.number for ref in submission.recommendation_refs] == ["124.1"]
    assert run_checks(submission).findings == ()
    assert (folder / "recommendations" / DATA.name).read_bytes() == DATA.read_bytes()


def test_every_file_points_its_editor_at_a_schema_it_is_valid_against(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    assert run("new", str(folder), "--state", "Testland", "--cycle", "4", "--organisation", "ERW")[0] == 0
    for path in [folder / "submission.yaml", *sorted((folder / "sections").glob("*.yaml"))]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = (path.parent / re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first).group(1)).resolve()
        assert target == (folder / ".schemas" / f"{kind_of(path, folder)}.schema.json").resolve()
        schema = json.loads(target.read_text(encoding="utf-8"))
        assert list(jsonschema.Draft7Validator(schema).iter_errors(read(path))) == []


def test_new_refuses_a_folder_with_content_and_missing_facts_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    args = ["--state", "Testland", "--cycle", "4", "--organisation", "ERW"]
    assert run("new", str(tmp_path / "taken"), *args) == (
        2, "", f"upr: error: '{tmp_path / 'taken'}' already exists and is not empty: choose a new folder for the "
               "submission\n")
    assert run("new", str(tmp_path / "x"), "--state", "Testland") == (
        2, "", "upr: error: give --cycle, --organisation (or run upr new in a terminal, which asks)\n")
    assert run("new", str(tmp_path / "y"), *args, "--language", "de") == (
        2, "", "upr: error: --language must be one of en, fr, es, not 'de'\n")
    assert files_in(tmp_path) == ["taken"]


def test_upr_schema_writes_the_schemas_into_an_existing_submission(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    assert run("new", str(folder), "--state", "Testland", "--cycle", "4", "--organisation", "ERW")[0] == 0
    (folder / ".schemas" / "section.schema.json").write_text("{}", encoding="utf-8")  # as an older upr left it
    code, stdout, _ = run("schema", str(folder))
    assert (code, stdout) == (0, f"wrote 6 schemas into {folder / '.schemas'}\n")
    assert json.loads((folder / ".schemas" / "section.schema.json").read_text(encoding="utf-8"))["required"] == [
        "heading"]
