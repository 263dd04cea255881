"""The same content, template and upr version give the same bytes, wherever the folder is and whenever it is built."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pypdf
import pytest

from generator.build import build_submission, load_resolved

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("docx", "pdf", "html", "md")
CASES = [ROOT / "content" / "kazakhstan-2019", ROOT / "tests" / "fixtures" / "build" / "en-logos-sources"]


def built(source: Path, place: Path) -> dict[str, bytes]:
    """Copy a submission to `place`, build every format there; return each output's bytes."""
    folder = place / source.name
    shutil.copytree(source, folder)
    out = place / "build"
    build_submission(load_resolved(folder), out, FORMATS)
    return {fmt: (out / f"{source.name}.{fmt}").read_bytes() for fmt in FORMATS}


@pytest.mark.parametrize("source", CASES, ids=lambda p: p.name)
def test_two_builds_in_two_folders_are_byte_identical(source: Path, tmp_path: Path) -> None:
    first, second = built(source, tmp_path / "one"), built(source, tmp_path / "elsewhere" / "two")
    assert [fmt for fmt in FORMATS if first[fmt] != second[fmt]] == []


def test_without_a_date_the_documents_take_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = CASES[1]  # no date: in its submission.yaml
    plain = built(source, tmp_path / "plain")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    dated = built(source, tmp_path / "dated")
    for outputs, stamp in ((plain, "1980-01-01T00:00:00Z"), (dated, "2023-11-14T22:13:20Z")):
        (tmp_path / "x.docx").write_bytes(outputs["docx"])
        core = zipfile.ZipFile(tmp_path / "x.docx").read("docProps/core.xml").decode("utf-8")
        assert core.count(stamp) == 2  # created and modified
        (tmp_path / "x.pdf").write_bytes(outputs["pdf"])
        assert pypdf.PdfReader(tmp_path / "x.pdf").metadata["/CreationDate"].startswith(
            "D:" + stamp[:4] + stamp[5:7] + stamp[8:10])
    assert plain["md"] == dated["md"]
