"""`upr build` through click's CliRunner: outputs, one-line errors, nothing half-written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.clirun import files_in, run
from tests.conftest import give_logo

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "content"


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
        f"upr: error: {section}:1:1: unknown key 'hedaing' in a section file: did you mean 'heading'?\n"
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
    assert (code, stderr) == (1, "upr: error: unknown format 'odt': choose from docx, pdf, html, md\n")


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
    body = html[html.index("<body"):]  # the head carries the font, whose data may hold any digits
    assert "{{ 7 * 7 }}" in body and "49" not in body


def test_the_html_preview_carries_its_font_and_logos_and_names_no_local_path(minimal: Path, tmp_path: Path) -> None:
    give_logo(minimal)
    out = tmp_path / "out"
    assert run("build", str(minimal), "--format", "html", "--out", str(out))[0] == 0
    html = (out / "minimal.html").read_text(encoding="utf-8")
    assert "file:" not in html and str(tmp_path) not in html
    assert html.count("src: url(\"data:font/ttf;base64,") == 4
    assert '<img class="logo" src="data:image/png;base64,' in html


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
        f"upr: error: {fixture.relative_to(Path.cwd())}: the checks found 1 error: nothing written (--force builds anyway)",
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


# --- content the loader must refuse in one line (review of the loader) -------------------------------

DATA = """document: A/HRC/1/1
state_under_review: Testland
cycle: 3
recommendations:
  - number: "1.1"
    text: {text}
    states: [Brazil]
    response: supported
"""


def build_error(folder: Path, tmp_path: Path) -> str:
    """Return the one line `upr build` prints on bad content, after checking it failed cleanly."""
    out = tmp_path / "out"
    code, stdout, stderr = run("build", str(folder), "--format", "docx,html", "--out", str(out))
    assert (code, stdout) == (1, "")
    assert stderr.startswith("upr: error: ") and stderr.count("\n") == 1 and "Traceback" not in stderr
    assert files_in(out) == []
    return stderr


def add_paragraph(folder: Path, line: str) -> tuple[Path, int]:
    """Insert a line into the minimal section before its recommendations; return the file and the line's number."""
    section = folder / "sections" / "one.yaml"
    text = section.read_text(encoding="utf-8")
    at = text.index("recommendations:")
    section.write_text(text[:at] + line + text[at:], encoding="utf-8")
    return section, text[:at].count("\n") + 1


def edit_submission(folder: Path, old: str, new: str) -> Path:
    """Replace `old` by `new` in submission.yaml; return its path."""
    sub = folder / "submission.yaml"
    text = sub.read_text(encoding="utf-8")
    assert old in text
    sub.write_text(text.replace(old, new, 1), encoding="utf-8")
    return sub


@pytest.mark.parametrize(
    "written, described",
    [
        (r'"a\x0bb"', "a control character (U+000B)"),
        (r'"\x00"', "a control character (U+0000)"),
        (r'"before \uD800 after"', "a lone surrogate (U+D800)"),
        (r'"\uFFFE"', "a non-character (U+FFFE)"),
    ],
)
def test_characters_documents_cannot_hold_are_refused(minimal: Path, tmp_path: Path, written: str, described: str) -> None:
    section, line = add_paragraph(minimal, f"  - p: {written}\n")
    assert build_error(minimal, tmp_path) == (
        f"upr: error: {section}:{line}:8: text holds {described} that documents cannot contain\n"
    )


def test_control_character_in_a_note_key_is_refused(minimal: Path, tmp_path: Path) -> None:
    section = minimal / "sections" / "one.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("  long:", '  "lo\\x07ng":'), encoding="utf-8")
    line = text[: text.index("  long:")].count("\n") + 1
    assert build_error(minimal, tmp_path) == (
        f"upr: error: {section}:{line}:3: text holds a control character (U+0007) that documents cannot contain\n"
    )


def test_control_character_in_recommendation_data_is_refused(minimal: Path, tmp_path: Path) -> None:
    (minimal / "data.yaml").write_text(DATA.format(text=r'"Ratify\x0b the treaty"'), encoding="utf-8")
    edit_submission(minimal, "sections:\n", "recommendation_data:\n  - data.yaml\nsections:\n")
    assert build_error(minimal, tmp_path) == (
        f"upr: error: {minimal / 'data.yaml'}:6:11: text holds a control character (U+000B) that documents cannot contain\n"
    )


def test_raw_control_character_in_the_file_gives_its_line_and_column(minimal: Path, tmp_path: Path) -> None:
    section, line = add_paragraph(minimal, "  - p: ab\x01c\n")
    assert build_error(minimal, tmp_path) == (
        f"upr: error: {section}:{line}:10: the file holds a control character (U+0001) that YAML does not allow\n"
    )


def test_yaml_aliases_are_refused_before_they_multiply(minimal: Path, tmp_path: Path) -> None:
    laughs = ['heading: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for name, previous in zip("bcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxy"):
        laughs.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    section = minimal / "sections" / "one.yaml"
    section.write_text("\n".join(laughs) + "\n", encoding="utf-8")
    assert build_error(minimal, tmp_path) == (
        f"upr: error: {section}:2:8: YAML aliases (*a) are not allowed in content\n"
    )


def test_deep_nesting_is_an_error_not_a_recursion_error(minimal: Path, tmp_path: Path) -> None:
    section, line = add_paragraph(minimal, "  - p: " + "[" * 3000 + "]" * 3000 + "\n")
    stderr = build_error(minimal, tmp_path)
    assert stderr.startswith(f"upr: error: {section}:{line}:")
    assert stderr.endswith(": the YAML is nested too deeply\n")


def test_non_utf8_file_points_at_the_first_bad_byte(minimal: Path, tmp_path: Path) -> None:
    section, line = add_paragraph(minimal, "  - p: caf\N{LATIN SMALL LETTER E WITH ACUTE} au lait\n")
    section.write_bytes(section.read_bytes().replace("café".encode(), b"caf\xe9"))
    assert build_error(minimal, tmp_path) == (
        f"upr: error: {section}:{line}:11: not UTF-8 text: byte 0xE9 (invalid continuation byte)\n"
    )


def test_unclosed_quote_points_at_the_opening_quote(minimal: Path, tmp_path: Path) -> None:
    section = minimal / "sections" / "one.yaml"
    section.write_text('heading: Freedom\nbody:\n  - p: "never closed\n  - p: Next paragraph.\n', encoding="utf-8")
    assert build_error(minimal, tmp_path) == (
        f"upr: error: {section}:3:8: YAML syntax error: this quoted text is never closed: end it with the same "
        "quote it starts with\n"
    )


def test_a_list_where_text_is_expected_names_what_it_is(minimal: Path, tmp_path: Path) -> None:
    section, line = add_paragraph(minimal, "  - p: [a, b]\n")
    assert build_error(minimal, tmp_path) == (
        f"upr: error: {section}:{line}:8: the text of a paragraph must be text, not a list\n"
    )


def test_unreadable_file_is_one_line(minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    section = (minimal / "sections" / "one.yaml").resolve()
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path == section:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert build_error(minimal, tmp_path) == f"upr: error: {section}: cannot read the file (Permission denied)\n"


def test_reading_a_folder_as_yaml_is_a_content_error(tmp_path: Path) -> None:
    from generator.errors import ContentError
    from generator.yamlnodes import read_yaml

    with pytest.raises(ContentError) as caught:
        read_yaml(tmp_path)
    assert str(caught.value) == f"{tmp_path}: cannot read the file (Is a directory)"


def add_assessments(folder: Path, comment: str) -> Path:
    """Give the submission an annex with one assessment whose comment is `comment`; return its file."""
    assessments = folder / "assessments.yaml"
    assessments.write_text(f'- number: "1.1"\n  status: not implemented\n  comment: "{comment}"\n', encoding="utf-8")
    sub = folder / "submission.yaml"
    sub.write_text(sub.read_text(encoding="utf-8") + "annex:\n  assessments: assessments.yaml\n", encoding="utf-8")
    return assessments


@pytest.mark.parametrize("note", ["^[An aside.]", "[^long]"])
def test_notes_in_an_assessment_comment_are_refused(minimal: Path, tmp_path: Path, note: str) -> None:
    assessments = add_assessments(minimal, f"See para. {{ref first}}.{note}")
    col = assessments.read_text(encoding="utf-8").splitlines()[2].index(note) + 1
    assert build_error(minimal, tmp_path) == (
        f"upr: error: {assessments}:3:{col}: notes are not allowed in an assessment comment; "
        "cite the paragraph with {ref …} instead\n"
    )


def test_recommendation_data_may_be_shared_from_the_parent_folder(minimal: Path, tmp_path: Path) -> None:
    from generator.build import load_resolved

    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "A-HRC-1-1.yaml").write_text(DATA.format(text="Ratify the treaty"), encoding="utf-8")
    edit_submission(minimal, "sections:\n", "recommendation_data:\n  - ../shared/A-HRC-1-1.yaml\nsections:\n")
    add_paragraph(minimal, "  - p: Recommendation {rec 1.1} was supported.\n")
    code, _, stderr = run("build", str(minimal), "--format", "html", "--out", str(tmp_path / "out"))
    assert (code, stderr) == (0, "")
    assert load_resolved(minimal).recommendation_refs[0].recommendation.text == "Ratify the treaty"
    # The shared file is one of what the build is made from: a change to it writes the output again.
    assert run("build", str(minimal), "--format", "html", "--out", str(tmp_path / "out"))[1].startswith("up to date")
    (shared / "A-HRC-1-1.yaml").write_text(DATA.format(text="Ratify the covenant"), encoding="utf-8")
    code, stdout, _ = run("build", str(minimal), "--format", "html", "--out", str(tmp_path / "out"))
    assert (code, stdout) == (0, f"wrote {tmp_path / 'out' / 'minimal.html'}\n")
    assert load_resolved(minimal).recommendation_refs[0].recommendation.text == "Ratify the covenant"


def test_recommendation_data_further_up_is_refused(minimal: Path, tmp_path: Path) -> None:
    sub = edit_submission(minimal, "sections:\n", "recommendation_data:\n  - ../../A-HRC-1-1.yaml\nsections:\n")
    assert build_error(minimal, tmp_path) == (
        f"upr: error: {sub}:12:5: '../../A-HRC-1-1.yaml' is outside the submission folder and its parent folder\n"
    )


@pytest.mark.parametrize("url", ["javascript:alert(1)", "www.example.org", "file:///etc/passwd", "https://"])
def test_website_must_be_a_web_address(minimal: Path, tmp_path: Path, url: str) -> None:
    sub = edit_submission(minimal, "A test organisation.\n", f"A test organisation.\n    website: {url}\n")
    assert build_error(minimal, tmp_path) == (
        f"upr: error: {sub}:11:14: 'website' must be a web address starting with http:// or https://, not '{url}'\n"
    )


@pytest.mark.parametrize(
    "logo, message",
    [
        ("logo.gif", "the logo must be a .png, .jpg, .jpeg or .svg file, not 'logo.gif'"),
        ("missing.png", "file 'missing.png' not found in minimal/"),
        ("../outside.png", "'../outside.png' is outside the submission folder"),
    ],
)
def test_logo_must_be_an_image_in_the_folder(minimal: Path, tmp_path: Path, logo: str, message: str) -> None:
    (minimal / "logo.gif").write_bytes(b"GIF89a")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    sub = edit_submission(minimal, "A test organisation.\n", f"A test organisation.\n    logo: {logo}\n")
    assert build_error(minimal, tmp_path) == f"upr: error: {sub}:11:11: {message}\n"


def test_logo_is_kept_as_a_resolved_path(minimal: Path) -> None:
    from generator.load import load_submission

    from PIL import Image

    (minimal / "logos").mkdir()
    Image.new("RGB", (4, 4)).save(minimal / "logos" / "erw.PNG", format="PNG")
    edit_submission(minimal, "A test organisation.\n", "A test organisation.\n    logo: logos/../logos/erw.PNG\n")
    assert load_submission(minimal).meta.organisations[0].logo == (minimal / "logos" / "erw.PNG").resolve()


def test_a_section_file_listed_twice_is_an_error(minimal: Path, tmp_path: Path) -> None:
    sub = edit_submission(minimal, "  - sections/one.yaml\n", "  - sections/one.yaml\n  - ./sections/one.yaml\n")
    assert build_error(minimal, tmp_path) == f"upr: error: {sub}:13:5: section file './sections/one.yaml' is listed twice\n"


@pytest.mark.parametrize("written", ['""', '"   "'])
def test_an_empty_paragraph_is_an_error(minimal: Path, tmp_path: Path, written: str) -> None:
    section, line = add_paragraph(minimal, f"  - p: {written}\n")
    assert build_error(minimal, tmp_path) == f"upr: error: {section}:{line}:8: a paragraph cannot be empty\n"


def test_a_missing_system_library_is_one_line_that_says_what_to_install(minimal: Path, tmp_path: Path) -> None:
    """Pango is made unloadable in a child process; the DOCX is not written either (all or nothing)."""
    import subprocess
    import sys

    script = (
        "import cffi\n"
        "load = cffi.FFI.dlopen\n"
        "def refuse(self, name, flags=0):\n"
        "    if 'pango' in str(name): raise OSError(f'cannot load library {name!r}')\n"
        "    return load(self, name, flags)\n"
        "cffi.FFI.dlopen = refuse\n"
        "import sys\n"
        "from generator.cli import main\n"
        "sys.argv = ['upr', 'build', sys.argv[1], '--format', 'docx,pdf', '--out', sys.argv[2]]\n"
        "main()\n"
    )
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", script, str(minimal), str(out)], capture_output=True, text=True)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("upr: error: the PDF needs system libraries")
    assert done.stderr.endswith("apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0\n")
    assert files_in(out) == []


# --- command-line conventions -------------------------------------------------------------------------


def test_a_mistyped_folder_says_it_does_not_exist_and_suggests_the_near_one(minimal: Path) -> None:
    typo = minimal.parent / "minimla"
    assert run("build", str(typo)) == (2, "", f"upr: error: there is no folder '{typo}': did you mean '{minimal}'?\n")
    assert run("check", str(minimal.parent / "elsewhere"))[2] == f"upr: error: there is no folder '{minimal.parent / 'elsewhere'}'\n"


def test_a_path_to_submission_yaml_means_its_folder(minimal: Path, tmp_path: Path) -> None:
    assert run("check", str(minimal / "submission.yaml"))[0] == 0
    code, stdout, _ = run("build", str(minimal / "submission.yaml"), "--format", "md", "--out", str(tmp_path / "o"))
    assert code == 0 and stdout == f"wrote {tmp_path / 'o' / 'minimal.md'}\n"
    other = minimal / "sections" / "one.yaml"
    assert run("check", str(other)) == (
        2, "", f"upr: error: '{other}' is a file, not a submission folder: give the folder that holds submission.yaml\n")


def test_click_usage_errors_are_one_line_and_exit_2() -> None:
    assert run("build", "--outt") == (
        2, "", "upr: error: No such option '--outt'. Did you mean '--out'? (see upr build --help)\n")
    code, _, stderr = run("frobnicate")
    assert code == 2 and stderr.count("\n") == 1 and stderr.startswith("upr: error: No such command")


def test_every_option_of_every_command_says_what_it_does() -> None:
    import click

    from generator.cli import main

    def commands(group: click.Group, ctx: click.Context):
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if isinstance(command, click.Group):
                yield from commands(command, ctx)
            else:
                yield command

    ctx = click.Context(main)
    silent = [f"{c.name} {p.opts[0]}" for c in commands(main, ctx) for p in c.params
              if isinstance(p, click.Option) and not p.help]
    assert silent == []


def test_build_builds_every_submission_it_can_and_names_the_rest(minimal: Path, tmp_path: Path) -> None:
    """One broken submission does not stop the others; warnings are printed; exit 1 at the end."""
    broken = tmp_path / "broken"
    shutil.copytree(minimal, broken)
    (broken / "submission.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    warned = tmp_path / "warned"
    shutil.copytree(FIXTURES.parent / "checks" / "R004-claims", warned)
    out = tmp_path / "out"
    code, stdout, stderr = run("build", str(broken), str(minimal), str(warned), "--format", "md", "--out", str(out),
                               "--jobs", "1")
    assert code == 1
    assert stdout.splitlines() == [f"[1/3] {broken}: not built",
                                   f"[2/3] {minimal}: built", f"wrote {out / 'minimal.md'}",
                                   f"[3/3] {warned}: built", f"wrote {out / 'warned.md'}"]
    lines = stderr.splitlines()
    assert lines[0].startswith(f"upr: error: {broken / 'submission.yaml'}:1:8: YAML syntax error")
    assert any(" warning R004 " in line for line in lines)
    assert lines[-1] == f"upr: error: 1 of 3 submissions not built: {broken}"


def test_submissions_built_at_once_come_out_as_built_one_after_another(minimal: Path, tmp_path: Path) -> None:
    """--jobs 3 forks a worker per submission: the same files, the same lines (in the order they finished),
    and the failures named at the end in the order they were asked for."""
    folders = []
    for name in ("first", "second", "third", "fourth"):
        shutil.copytree(minimal, tmp_path / name)
        folders.append(tmp_path / name)
    for broken in (folders[0], folders[2]):
        (broken / "submission.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    outputs = {}
    for jobs in ("1", "3"):
        out = tmp_path / f"out{jobs}"
        code, stdout, stderr = run("build", *map(str, folders), "--format", "docx,md", "--out", str(out), "--jobs", jobs)
        assert code == 1
        assert stderr.splitlines()[-1] == f"upr: error: 2 of 4 submissions not built: {folders[0]}, {folders[2]}"
        lines = stdout.splitlines()
        assert sorted(line.split("] ", 1)[-1] for line in lines) == sorted(
            [f"{folders[0]}: not built", f"{folders[1]}: built", f"{folders[2]}: not built", f"{folders[3]}: built"]
            + [f"wrote {out / name}" for name in ("second.docx", "second.md", "fourth.docx", "fourth.md")])
        assert [line.split("]")[0] for line in lines if line.startswith("[")] == ["[1/4", "[2/4", "[3/4", "[4/4"]
        outputs[jobs] = {name: (out / name).read_bytes() for name in files_in(out)}
    assert outputs["1"] == outputs["3"] and len(outputs["1"]) == 4


def test_every_files_mistakes_are_told_in_one_run(minimal: Path, tmp_path: Path) -> None:
    """A YAML mistake in one section file, a bad paragraph in another, and a bad key in submission.yaml."""
    (minimal / "sections" / "two.yaml").write_text('heading: Two\nbody:\n  - p: "He said "no""\n', encoding="utf-8")
    (minimal / "sections" / "three.yaml").write_text(
        "heading: Three\nbody:\n  - p: A first paragraph.\n  - text: no p key\n  - p: A last paragraph.\n"
        "  - p: ''\n", encoding="utf-8")
    edit_submission(minimal, "  - sections/one.yaml\n",
                    "  - sections/one.yaml\n  - sections/two.yaml\n  - sections/three.yaml\n")
    edit_submission(minimal, "type: individual\n", "type: single\n")
    code, stdout, stderr = run("check", str(minimal))
    assert code == 1 and stdout == ""
    lines = stderr.splitlines()
    assert [line.split(": ")[2] for line in lines] == [
        f"{minimal / 'submission.yaml'}:6:7",
        f"{minimal / 'sections' / 'two.yaml'}:3:18",
        f"{minimal / 'sections' / 'three.yaml'}:4:5",
        f"{minimal / 'sections' / 'three.yaml'}:6:8",
    ]
    assert all(line.startswith("upr: error: ") for line in lines)
    code, _, again = run("build", str(minimal), "--format", "md", "--out", str(tmp_path / "out"))
    assert code == 1 and again.splitlines() == lines and files_in(tmp_path / "out") == []


def test_a_key_far_from_any_lists_them_all(minimal: Path, tmp_path: Path) -> None:
    section = minimal / "sections" / "one.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("heading:", "chapter:", 1), encoding="utf-8")
    assert run("check", str(minimal))[2] == (
        f"upr: error: {section}:1:1: unknown key 'chapter' in a section file; "
        "expected one of: heading, body, recommendations, recommendations_heading, notes\n")


@pytest.mark.parametrize(("text", "where", "message"), [
    ('heading: A\nbody:\n\u00a0\u00a0- p: "b"\n', "3:1",
     "this line starts with a no-break space (copied from Word): indent with ordinary spaces"),
    ("heading: A\nbody:\n  - p: #MeToo: women spoke out\n", "3:5",
     "'p' in a paragraph has no value: write it after 'p: ' (in double quotes when it starts with '#' or holds ' #', "
     "which YAML reads as a comment)"),
    ('heading: A\nbody:\n  - p: "a"\n    items:\n      - Repeal Article 210: it is used\n', "5:9",
     "an item of a paragraph must be text, not a mapping: a ': ' in text without quotes makes it a 'key: value' "
     "pair, so put the whole text in double quotes"),
])
def test_mistakes_from_word_are_told_plainly(text: str, where: str, message: str, minimal: Path) -> None:
    section = minimal / "sections" / "one.yaml"
    section.write_text(text, encoding="utf-8")
    assert run("check", str(minimal))[2] == f"upr: error: {section}:{where}: {message}\n"


def test_check_inside_a_submission_folder_checks_it(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(minimal)
    code, stdout, _ = run("check")
    assert code == 0 and stdout.startswith(".: no problems found")


def test_a_folder_of_submissions_is_not_one_and_other_wrong_paths_say_what_they_are(tmp_path: Path) -> None:
    content = ROOT / "content"
    assert run("check", str(content)) == (
        2, "", f"upr: error: '{content}' holds submission folders, not a submission: name one of them "
               "(kazakhstan-2019), or give none for all\n")
    assert run("diff", str(tmp_path / "old.docx"), str(content / "kazakhstan-2019")) == (
        2, "", f"upr: error: there is no Word file '{tmp_path / 'old.docx'}'\n")
    assert run("watch", str(content / "kazakhstan-2019"), "--format", "md") == (
        2, "", "upr: error: upr watch --format writes docx and pdf (the preview is the HTML)\n")


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"], ["diff", "--help"],
                                  ["recommendations", "list", "--help"]])
def test_start_up_imports_only_click(args: list[str]) -> None:
    """`upr --version` and `--help` cost click's start-up: no document library, template engine or check."""
    import subprocess
    import sys

    script = ("import sys\nfrom generator.cli import main\ntry:\n    main(" + repr(args) + ")\nexcept SystemExit:\n"
              "    pass\nheavy = ('docx', 'weasyprint', 'jinja2', 'lxml', 'yaml', 'generator.checks', 'generator.load', "
              "'importlib.metadata', 'pypdfium2')\nprint(sorted(m for m in sys.modules if m.split('.')[0] in heavy "
              "or m in heavy))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_version_imports_no_module_of_upr_but_the_command_line() -> None:
    import subprocess
    import sys

    script = ("import sys\nfrom generator.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n"
              "    pass\nprint(sorted(m for m in sys.modules if m.startswith('generator')))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "['generator', 'generator.cli']"


def test_the_check_formats_are_the_reports_own() -> None:
    from generator.checks.report import FORMATTERS
    from generator.cli_check import REPORT_FORMATS

    assert sorted(REPORT_FORMATS) == sorted(FORMATTERS)


def test_a_fault_of_upr_itself_is_one_line_with_a_way_to_see_more(monkeypatch: pytest.MonkeyPatch,
                                                                   minimal: Path) -> None:
    import generator.build

    def broken(*args, **kwargs):
        raise KeyError("oops")

    monkeypatch.setattr(generator.build, "build_folder", broken)
    code, _, stderr = run("build", str(minimal))
    assert code == 1 and stderr == (f"upr: error: {minimal}: upr itself failed (KeyError: 'oops'); nothing of it was "
                                    "written. Run again with UPR_DEBUG=1 to see where, and please report it\n")
    monkeypatch.setattr(generator.build, "build_folders", broken)  # a fault outside any one submission's build
    code, _, stderr = run("build", str(minimal))
    assert code == 1 and stderr == ("upr: error: upr itself failed (KeyError: 'oops'); nothing more was written. "
                                    "Run again with UPR_DEBUG=1 to see where, and please report it\n")
    monkeypatch.setenv("UPR_DEBUG", "1")
    from click.testing import CliRunner

    from generator.cli import main

    with pytest.raises(KeyError):
        CliRunner().invoke(main, ["build", str(minimal)], catch_exceptions=False)



@pytest.mark.parametrize(("name", "content"), [("logo.png", b"not a picture"), ("logo.jpg", b"\x89PNG\r\n\x1a\n"),
                                               ("logo.svg", b"\x00\x01random bytes")])
def test_a_logo_that_is_not_its_kind_of_picture_is_one_line(name: str, content: bytes, minimal: Path,
                                                            tmp_path: Path) -> None:
    (minimal / name).write_bytes(content)
    sub = edit_submission(minimal, "A test organisation.\n", f"A test organisation.\n    logo: {name}\n")
    kind = {"png": "a PNG", "jpg": "a JPG", "svg": "an SVG"}[name.rsplit(".", 1)[1]]
    assert build_error(minimal, tmp_path) == (
        f"upr: error: {sub}:11:11: '{name}' is not {kind} picture that can be read: export the logo again\n")


def test_document_properties_are_cut_at_words_limit_and_the_title_kept_whole(minimal: Path, tmp_path: Path) -> None:
    import zipfile

    long_title = "A very long title " * 20
    edit_submission(minimal, "title: Submission to the Universal Periodic Review of Testland\n",
                    f"title: {long_title.strip()}\n")
    assert run("build", str(minimal), "--format", "docx", "--out", str(tmp_path))[0] == 0
    with zipfile.ZipFile(tmp_path / "minimal.docx") as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
        document = archive.read("word/document.xml").decode("utf-8")
    title = core.split("<dc:title>")[1].split("</dc:title>")[0]
    assert len(title) == 255 and title.endswith("…") and long_title.strip() in document


def test_a_control_character_in_the_author_is_one_line(tmp_path: Path) -> None:
    folder = ROOT / "tests" / "fixtures" / "diff" / "edited-paragraph"
    code, _, stderr = run("diff", str(folder / "old"), str(folder / "new"), "--author", "a\x07b")
    assert (code, stderr) == (2, "upr: error: --author holds a control character: give a name as plain text\n")


def test_a_killed_builds_left_over_parts_are_removed_and_a_running_ones_kept(minimal: Path, tmp_path: Path) -> None:
    import os
    import time

    out = tmp_path / "out"
    out.mkdir()
    old, fresh = out / ".minimal.md.abc123.part", out / ".minimal.md.def456.part"
    old.write_text("x", encoding="utf-8")
    fresh.write_text("x", encoding="utf-8")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert run("build", str(minimal), "--format", "md", "--out", str(out))[0] == 0
    assert not old.exists() and fresh.exists()


@pytest.mark.parametrize(("line", "message"), [("cycle: 4", "'cycle' must be between 1 and 20, not 4000000000000000000000000000000000000000"),
                                               ("session: 45", "'session' must be between 1 and 999, not 100000")])
def test_a_cycle_or_session_out_of_all_reason_is_one_line(line: str, message: str, minimal: Path,
                                                          tmp_path: Path) -> None:
    value = message.rsplit(" ", 1)[1]
    sub = edit_submission(minimal, line + "\n", line.split(":")[0] + ": " + value + "\n")
    where = {"cycle": "4:8", "session": "5:10"}[line.split(":")[0]]
    assert build_error(minimal, tmp_path) == f"upr: error: {sub}:{where}: {message}\n"


def test_a_value_holding_a_line_break_is_echoed_on_one_line(tmp_path: Path) -> None:
    folder = ROOT / "tests" / "fixtures" / "diff" / "edited-paragraph"
    code, _, stderr = run("diff", str(folder / "old"), str(folder / "new"), "--date", "2019\nnext line")
    assert code == 2 and stderr == ("upr: error: '2019\\nnext line' is not a date: write 2019-03-28 or "
                                    "2019-03-28T14:30:00Z\n")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_fault_of_upr_in_one_submission_of_a_batch_leaves_the_others_built(minimal: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch,
                                                                           jobs: str) -> None:
    import generator.build

    folders = [tmp_path / name for name in ("one", "two", "three")]
    for folder in folders:
        shutil.copytree(minimal, folder)
    real = generator.build.build_submission

    def failing_for_two(submission, *args, **kwargs):
        if submission.name == "two":
            raise RuntimeError("a bug")
        return real(submission, *args, **kwargs)

    monkeypatch.setattr(generator.build, "build_submission", failing_for_two)
    out = tmp_path / "out"
    code, stdout, stderr = run("build", *map(str, folders), "--format", "md", "--out", str(out), "--jobs", jobs)
    assert code == 1
    assert files_in(out) == ["one.md", "three.md"]
    assert sorted(line.split("] ")[1] for line in stdout.splitlines() if line.startswith("[")) == sorted(
        [f"{folders[0]}: built", f"{folders[1]}: not built", f"{folders[2]}: built"])
    assert stderr.splitlines() == [
        f"upr: error: {folders[1]}: upr itself failed (RuntimeError: a bug); nothing of it was written. Run again "
        "with UPR_DEBUG=1 to see where, and please report it",
        f"upr: error: 1 of 3 submissions not built: {folders[1]}"]


def test_a_worker_that_dies_is_one_failure_and_leaves_no_temporary_file(minimal: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import signal

    import generator.build

    folders = [tmp_path / name for name in ("one", "two")]
    for folder in folders:
        shutil.copytree(minimal, folder)
    real = generator.build.write_all_or_nothing

    def dying_while_writing_two(writes):
        if any(target.name.startswith("two.") for target in writes):
            target = next(iter(writes))
            target.parent.mkdir(parents=True, exist_ok=True)
            (target.parent / f".{target.name}.x1.part").write_text("half")
            os.kill(os.getpid(), signal.SIGKILL)
        return real(writes)

    monkeypatch.setattr(generator.build, "write_all_or_nothing", dying_while_writing_two)
    out = tmp_path / "out"
    code, stdout, stderr = run("build", *map(str, folders), "--format", "md", "--out", str(out), "--jobs", "2")
    assert code == 1
    assert f"upr: error: {folders[1]}: not built: the process building it stopped (killed, or out of memory?); " \
           "nothing of it was written: run the build again" in stderr.splitlines()
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    assert "Traceback" not in stderr


def test_two_submissions_of_one_name_are_not_built_over_each_other(minimal: Path, tmp_path: Path) -> None:
    for side in ("a", "b"):
        shutil.copytree(minimal, tmp_path / side / "minimal")
    out = tmp_path / "out"
    code, stdout, stderr = run("build", str(tmp_path / "a" / "minimal"), str(tmp_path / "b" / "minimal"),
                               "--format", "md", "--out", str(out))
    assert (code, stdout) == (2, "")
    assert stderr == (f"upr: error: '{tmp_path / 'a' / 'minimal'}' and '{tmp_path / 'b' / 'minimal'}' would both be "
                      f"written to {out / 'minimal'}.*: build them into different --out folders\n")
    assert not out.exists()


def test_a_folder_named_twice_is_built_once(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run("build", str(minimal), str(minimal / ".." / "minimal"), "--format", "md", "--out", str(out))
    assert (code, stdout) == (0, f"wrote {out / 'minimal.md'}\n")
