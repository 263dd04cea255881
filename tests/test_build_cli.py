"""`upr build` through click's CliRunner: outputs, one-line errors, nothing half-written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "content"
MINIMAL = FIXTURES / "minimal"


def run(*args: str) -> tuple[int, str, str]:
    """Return exit code, stdout and stderr of `upr ARGS`."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A writable copy of the minimal submission."""
    target = tmp_path / "minimal"
    shutil.copytree(MINIMAL, target)
    return target


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_build_writes_docx_pdf_and_html(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run("build", str(minimal), "--format", "docx,pdf,html", "--out", str(out))
    assert (code, stderr) == (0, "")
    assert files_in(out) == ["minimal.docx", "minimal.html", "minimal.pdf"]
    assert stdout.splitlines() == [f"wrote {out / name}" for name in ("minimal.docx", "minimal.pdf", "minimal.html")]


def test_yaml_syntax_error_is_one_line_with_file_line_col(minimal: Path, tmp_path: Path) -> None:
    section = minimal / "sections" / "one.yaml"
    section.write_text(section.read_text(encoding="utf-8") + "  - p: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    code, stdout, stderr = run("build", str(minimal), "--out", str(out))
    assert code == 1
    assert stdout == ""
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert stderr.startswith(f"upr: error: {section}:")
    line, col = stderr.split(f"{section}:")[1].split(":")[:2]
    assert line.isdigit() and col.isdigit()
    assert "YAML syntax error" in stderr
    assert files_in(out) == ["keep.txt"]


def test_schema_error_points_at_the_key(minimal: Path, tmp_path: Path) -> None:
    section = minimal / "sections" / "one.yaml"
    text = section.read_text(encoding="utf-8").replace("heading:", "hedaing:", 1)
    section.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run("build", str(minimal), "--out", str(out))
    assert code == 1
    assert stderr == (
        f"upr: error: {section}:1:1: unknown key 'hedaing' in a section file; "
        "expected one of: heading, body, recommendations, recommendations_heading, notes\n"
    )
    assert files_in(out) == []


def test_yaml_tags_are_refused_not_constructed(minimal: Path, tmp_path: Path) -> None:
    sub = minimal / "submission.yaml"
    sub.write_text(sub.read_text(encoding="utf-8").replace("title: ", "title: !!python/object/apply:os.system ", 1), encoding="utf-8")
    code, _, stderr = run("build", str(minimal), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in stderr


def test_paths_outside_the_submission_are_refused(minimal: Path, tmp_path: Path) -> None:
    sub = minimal / "submission.yaml"
    sub.write_text(sub.read_text(encoding="utf-8").replace("sections/one.yaml", "../../etc/passwd"), encoding="utf-8")
    code, _, stderr = run("build", str(minimal), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "'../../etc/passwd' is outside the submission folder" in stderr


def test_unknown_format_is_an_error(minimal: Path, tmp_path: Path) -> None:
    code, _, stderr = run("build", str(minimal), "--format", "odt", "--out", str(tmp_path))
    assert (code, stderr) == (1, "upr: error: unknown format 'odt': choose from docx, pdf, html\n")


def test_build_never_modifies_content(minimal: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in minimal.rglob("*") if p.is_file()}
    assert run("build", str(minimal), "--format", "docx,html", "--out", str(tmp_path / "out"))[0] == 0
    assert {p: p.read_bytes() for p in minimal.rglob("*") if p.is_file()} == before


def test_html_shows_markup_in_content_literally(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(minimal), "--format", "html", "--out", str(out))[0] == 0
    html = (out / "minimal.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert "{{ 7 * 7 }}" in html and "49" not in html


def test_pdf_renderer_fetches_nothing_outside_the_folder(minimal: Path, tmp_path: Path) -> None:
    from generator.build import load_resolved
    from generator.render.pdf import FolderFetcher

    fetcher = FolderFetcher([minimal])
    assert fetcher.allowed((minimal / "logo.png").as_uri())
    assert not fetcher.allowed("file:///etc/passwd")
    assert not fetcher.allowed((minimal / ".." / "secret").resolve().as_uri())
    assert not fetcher.allowed("https://example.org/x.png")
    assert not fetcher.allowed("http://127.0.0.1/x.png")
    assert load_resolved(minimal).meta.title


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_docx_opens_in_libreoffice(tmp_path: Path) -> None:
    example = ROOT / "content" / "kazakhstan-2019"
    out = tmp_path / "out"
    assert run("build", str(example), "--format", "docx", "--out", str(out))[0] == 0
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf", "--outdir", str(out), str(out / "kazakhstan-2019.docx")],
        check=True, capture_output=True, timeout=180,
    )
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(str(out / "kazakhstan-2019.pdf")).pages)
    words = " ".join(text.split())
    for number in (1, 17, 35):
        assert f"{number}. " in words  # live numbering, laid out by LibreOffice
    assert "Gauthier v. Canada" in words  # a footnote's text
    assert "124.4 (Brazil)" in words


def test_build_runs_the_checks_first_and_writes_nothing_on_errors(tmp_path: Path) -> None:
    fixture = FIXTURES / "note53-missing"
    out = tmp_path / "out"
    code, stdout, stderr = run("build", str(fixture), "--out", str(out))
    assert code == 1 and stdout == ""
    assert stderr.splitlines() == [
        f"{(fixture / 'sections' / 'media.yaml').relative_to(Path.cwd())}:3:457: error N001 note [^gauthier] is called but never defined",
        "upr: error: the checks found 1 error: nothing written (--force builds anyway)",
    ]
    assert files_in(out) == []
    code, stdout, _ = run("build", str(fixture), "--format", "docx", "--out", str(out), "--force")
    assert code == 0 and files_in(out) == ["note53-missing.docx"]


def test_pdf_sets_kazakh_and_cyrillic_in_the_bundled_font_only(minimal: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    section = minimal / "sections" / "one.yaml"
    kazakh = '  - p: "Names keep their letters: Қазақстан Республикасының Конституциясы, *әғқңөұүһі ӘҒҚҢӨҰҮҺІ*, **Әділ Сөз**."\n'
    section.write_text(section.read_text(encoding="utf-8").replace("recommendations:", kazakh + "recommendations:"), encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", str(minimal), "--format", "pdf", "--out", str(out))[0] == 0
    reader = PdfReader(str(out / "minimal.pdf"))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for expected in ("Қазақстан Республикасының Конституциясы", "әғқңөұүһі ӘҒҚҢӨҰҮҺІ", "Әділ Сөз"):
        assert expected in text
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1] for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert {"PT-Serif", "PT-Serif-Bold", "PT-Serif-Italic"} <= fonts <= {"PT-Serif", "PT-Serif-Bold", "PT-Serif-Italic", "PT-Serif-Bold-Italic"}
