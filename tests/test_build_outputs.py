"""Building writes all outputs or none, and says in one line why it could not."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.clirun import files_in, run
from tests.conftest import give_logo

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """A writable copy of the templates folder."""
    target = tmp_path / "templates"
    shutil.copytree(TEMPLATES, target)
    return target


def test_a_template_lacking_a_file_writes_nothing(minimal: Path, templates: Path, tmp_path: Path) -> None:
    (templates / "default" / "submission.html.j2").unlink()
    out = tmp_path / "out"
    code, stdout, stderr = run("build", str(minimal), "--templates", str(templates), "--out", str(out))
    assert (code, stdout) == (1, "")
    assert stderr == f"upr: error: template 'default' ({templates / 'default'}) lacks submission.html.j2\n"
    assert files_in(out) == []


def test_a_template_error_is_one_line_and_no_output_is_left(minimal: Path, templates: Path, tmp_path: Path) -> None:
    page = templates / "default" / "submission.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ meta.title }}</title>", "{{ meta.nonexistent }}</title>"), encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = run("build", str(minimal), "--templates", str(templates), "--format", "docx,html", "--out", str(out))
    assert code == 1
    line = next(n for n, text in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if "nonexistent" in text)
    assert stderr == (f"upr: error: {page}:{line}: 'generator.model.Metadata object' has no attribute 'nonexistent'"
                      ": correct the template\n")
    assert files_in(out) == []  # the DOCX was written first, then withdrawn


def test_an_unknown_template_name_is_an_error(minimal: Path, tmp_path: Path) -> None:
    sub = minimal / "submission.yaml"
    sub.write_text(sub.read_text(encoding="utf-8") + "template: nosuch\n", encoding="utf-8")
    code, _, stderr = run("build", str(minimal), "--out", str(tmp_path / "out"))
    assert code == 1
    assert stderr == f"upr: error: no template 'nosuch' in {TEMPLATES}\n"


def test_out_pointing_at_a_file_is_one_line(minimal: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    code, _, stderr = run("build", str(minimal), "--format", "html", "--out", str(blocker / "sub"))
    assert code == 1
    assert stderr.startswith("upr: error: cannot write ") and stderr.count("\n") == 1


def test_the_pdf_renderer_refuses_what_content_or_template_asks_from_outside(minimal: Path, templates: Path, tmp_path: Path) -> None:
    # Content cannot put HTML in a page, so a template is where an image or
    # stylesheet URL could come from; every URL outside the fence is refused.
    page = templates / "default" / "submission.html.j2"
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG")
    wanted = ["http://127.0.0.1:9/x.png", outside.as_uri(), "../secret.png"]
    images = "".join(f'<img src="{url}">' for url in wanted)
    page.write_text(page.read_text(encoding="utf-8").replace("<main>", "<main>" + images), encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run("build", str(minimal), "--templates", str(templates), "--format", "pdf", "--out", str(out))
    assert code == 0, stderr
    refused = [line.removeprefix("upr: warning: the PDF renderer did not fetch ") for line in stderr.splitlines()]
    assert refused == ["http://127.0.0.1:9/x.png", outside.as_uri()]  # "../secret.png" is the same file
    assert files_in(out) == ["minimal.pdf"]


def test_logos_appear_in_docx_and_pdf(minimal: Path, tmp_path: Path) -> None:
    import zipfile

    from pypdf import PdfReader

    give_logo(minimal)
    out = tmp_path / "out"
    code, _, stderr = run("build", str(minimal), "--format", "docx,pdf", "--out", str(out))
    assert code == 0, stderr
    with zipfile.ZipFile(out / "minimal.docx") as archive:
        assert [n for n in archive.namelist() if n.startswith("word/media/")] == ["word/media/image1.png"]
    page = PdfReader(str(out / "minimal.pdf")).pages[0]
    assert len(page.images) == 1


def test_french_submission_gets_french_fixed_words(minimal: Path, tmp_path: Path) -> None:
    from tests.docxread import read_docx

    sub = minimal / "submission.yaml"
    sub.write_text(sub.read_text(encoding="utf-8").replace("language: en", "language: fr"), encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", str(minimal), "--format", "docx", "--out", str(out))[0] == 0
    texts = [p.text for p in read_docx(out / "minimal.docx").paragraphs]
    assert "Soumis par Example Rights Watch" in texts
    assert "État examiné : Testland. 45e session du Groupe de travail sur l’Examen périodique universel, 4e cycle" in texts
    assert "Recommandation" in texts


def test_an_id_with_a_space_is_an_error(minimal: Path, tmp_path: Path) -> None:
    section = minimal / "sections" / "one.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("    id: first", "    id: first one"), encoding="utf-8")
    code, _, stderr = run("build", str(minimal), "--out", str(tmp_path / "out"))
    assert code == 1
    assert stderr == (f"upr: error: {section}:4:9: 'first one' cannot be an id: "
                      "use letters, digits, '-', '_', '.' or ':', with no spaces\n")


def test_the_cover_names_organisations_in_the_submissions_language(minimal: Path, tmp_path: Path) -> None:
    from tests.docxread import read_docx

    sub = minimal / "submission.yaml"
    text = sub.read_text(encoding="utf-8").replace("language: en", "language: es\ndate: 2024-03-01").replace(
        "    description: A test organisation.\n",
        "    description: Una organización.\n    website: https://example.org\n    contact: info@example.org\n"
        "  - name: Otra Organización\n")
    sub.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", str(minimal), "--format", "docx,html", "--out", str(out))[0] == 0
    texts = [p.text for p in read_docx(out / "minimal.docx").paragraphs]
    start = texts.index("Presentado por Example Rights Watch y Otra Organización")
    assert texts[start + 2:start + 7] == [  # after the review line: the date, then each detail on its own line
        "1 de marzo de 2024", "Example Rights Watch", "Una organización.", "https://example.org",
        "Contacto: info@example.org"]
    document = zipfile.ZipFile(out / "minimal.docx").read("word/document.xml").decode("utf-8")
    assert "<w:hyperlink" in document.split("Contacto")[0].split("Una organización")[1]  # the website is a link
    html = (out / "minimal.html").read_text(encoding="utf-8")
    assert '<p class="cover-website"><a href="https://example.org">https://example.org</a></p>' in html
    assert '<p class="cover-date">1 de marzo de 2024</p>' in html


def test_a_quoted_passage_that_is_not_numbered_is_an_indented_block_in_every_output(minimal: Path,
                                                                                    tmp_path: Path) -> None:
    import docx as python_docx

    from tests.docxread import read_docx
    from tests.pdfread import read_pdf

    section = next((minimal / "sections").glob("*.yaml"))
    section.write_text(section.read_text(encoding="utf-8").replace("numbered: true", "numbered: false"),
                       encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", str(minimal), "--format", "docx,pdf,md", "--out", str(out))[0] == 0
    quoted = [p for p in read_docx(out / "minimal.docx").paragraphs if p.text in ("Quoted one.", "Quoted two.")]
    assert [(p.text, p.num_id) for p in quoted] == [("Quoted one.", None), ("Quoted two.", None)]
    style = python_docx.Document(str(out / "minimal.docx")).styles["Quoted Item"]
    assert style.paragraph_format.left_indent is not None and style.paragraph_format.left_indent.cm >= 2
    body = read_pdf(out / "minimal.pdf").body
    assert "Quoted one." in body and "– Quoted one." not in body and "1. Quoted one." not in body
    markdown = (out / "minimal.md").read_text(encoding="utf-8")
    assert "   > Quoted one.\n   >\n   > Quoted two.\n" in markdown


@pytest.mark.parametrize(("order", "expected"), [
    ("", ["124.4", "124.5", "126.35", "126.40"]),  # by number, the default: readers look a number up
    ("  order: as-written\n", ["126.40", "124.5", "126.35", "124.4"]),
])
def test_the_annex_is_in_number_order_unless_asked_otherwise(tmp_path: Path, order: str,
                                                             expected: list[str]) -> None:
    from generator.build import load_resolved
    from generator.formatting import format_submission

    folder = tmp_path / "kz"
    shutil.copytree(ROOT / "content" / "kazakhstan-2019", folder)
    (folder / "assessments.yaml").write_text(
        "".join(f'- number: "{n}"\n  status: not implemented\n' for n in ("126.40", "124.5", "126.35", "124.4")),
        encoding="utf-8")
    meta = folder / "submission.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("  assessments: assessments.yaml\n",
                                                             "  assessments: assessments.yaml\n" + order),
                    encoding="utf-8")
    rows = [b for b in format_submission(load_resolved(folder)) if b.kind == "annex-row" and not b.header]
    numbers = [b.source.number for b in rows]
    assert numbers[:4] == expected if order else numbers == sorted(numbers, key=lambda n: [int(x) for x in n.split(".")])
    assert set(expected) <= set(numbers)


def test_the_word_redline_shows_the_logos_too(minimal: Path, tmp_path: Path) -> None:
    give_logo(minimal)
    redline = tmp_path / "changes.docx"
    code, _, stderr = run("diff", str(minimal), str(minimal), "--docx", str(redline))
    assert code == 0, stderr
    with zipfile.ZipFile(redline) as archive:
        assert [n for n in archive.namelist() if n.startswith("word/media/")] == ["word/media/image1.png"]


def test_a_paragraph_after_a_subsection_and_a_quote_of_two_items_keep_their_places(minimal: Path,
                                                                                   tmp_path: Path) -> None:
    section = next((minimal / "sections").glob("*.yaml"))
    text = section.read_text(encoding="utf-8").replace("numbered: true", "numbered: false")
    text = text.replace("recommendations:\n", '  - p: "After the subsection."\nrecommendations:\n', 1)
    section.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", str(minimal), "--format", "html,md", "--out", str(out))[0] == 0
    html = (out / "minimal.html").read_text(encoding="utf-8")
    assert html.index("After the subsection.") > html.index("</section>", html.index("A subsection"))
    assert "   > Quoted one.\n   >\n   > Quoted two.\n" in (out / "minimal.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("date", "shown"), [("2019-03-28", "28 March 2019"), ("2019-02-30", "2019-02-30"),
                                             ("March 2019", "March 2019")])
def test_the_cover_date_is_written_out_only_when_it_is_a_real_date(date: str, shown: str) -> None:
    from generator.labels import labels_for

    assert labels_for("en").date_text(date) == shown


def test_ids_that_give_one_link_name_get_different_bookmarks_and_references_find_theirs(minimal: Path,
                                                                                          tmp_path: Path) -> None:
    """ "first-a" and "first_a" both make "p_first_a": the second paragraph's name is "p_first_a_2"."""
    section = next((minimal / "sections").glob("*.yaml"))
    section.write_text(
        "heading: Two ids, one name\n"
        "body:\n"
        '  - p: "The first."\n'
        "    id: first-a\n"
        '  - p: "The second, after para. {ref first-a}."\n'
        "    id: first_a\n"
        '  - p: "The third, after para. {ref first_a}."\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, _, stderr = run("build", str(minimal), "--format", "docx,html", "--out", str(out))
    assert code == 0, stderr
    root = etree.fromstring(zipfile.ZipFile(out / "minimal.docx").read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert [b.get(w + "name") for b in root.iter(w + "bookmarkStart")] == ["p_first_a", "p_first_a_2", "para_3"]
    refs = [t.text.split()[1] for t in root.iter(w + "instrText") if t.text.strip().startswith("REF")]
    assert refs == ["p_first_a", "p_first_a_2"]
    html = (out / "minimal.html").read_text(encoding="utf-8")
    assert [html.count(f'id="{name}"') for name in ("p_first_a", "p_first_a_2")] == [1, 1]
    assert 'href="#p_first_a"' in html and 'href="#p_first_a_2"' in html


@pytest.mark.parametrize(("case", "tag"), [("en-logos-sources", "en-GB"), ("fr-annex", "fr-FR"), ("es-by-section", "es-ES")])
def test_the_pdf_claims_pdf_ua_in_its_metadata_and_says_the_docx_language(case: str, tag: str, tmp_path: Path) -> None:
    import pypdf

    folder = Path(__file__).parent / "fixtures" / "build" / case
    assert run("build", str(folder), "--format", "pdf,docx", "--out", str(tmp_path))[0] == 0
    reader = pypdf.PdfReader(tmp_path / f"{case}.pdf")
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp and "<dc:title>" in xmp
    assert root["/Lang"] == tag and root["/MarkInfo"]["/Marked"]
    assert reader.pdf_header == "%PDF-1.7"
    core = zipfile.ZipFile(tmp_path / f"{case}.docx").read("docProps/core.xml").decode("utf-8")
    assert f"<dc:language>{tag}</dc:language>" in core


def test_svg_logos_alone_leave_no_empty_paragraph_in_the_docx(minimal: Path, tmp_path: Path) -> None:
    give_logo(minimal, "logo.svg")
    assert run("build", str(minimal), "--format", "docx,html", "--out", str(tmp_path))[0] == 0
    body = etree.fromstring(zipfile.ZipFile(tmp_path / "minimal.docx").read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    first = body.find(f"{w}body/{w}p")
    assert "".join(first.itertext()) == "Submission to the Universal Periodic Review of Testland"
    assert 'src="data:image/svg+xml;base64,' in (tmp_path / "minimal.html").read_text(encoding="utf-8")
