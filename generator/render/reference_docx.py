"""Make the default template's reference.docx (run once; the result is committed).

An organisation restyles its submissions by opening `reference.docx` in Word
and changing the styles, page setup, header or footer; upr keeps all of that
and only adds the content. This module records how the default one was made:
`python -m generator.render.reference_docx templates/default/reference.docx`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import ooxml

BLACK = RGBColor(0, 0, 0)
LINK_BLUE = RGBColor(0x0B, 0x4F, 0x8A)


def make_reference(target: Path) -> None:
    """Write a reference document with upr's styles, A4 pages and a page-number footer."""
    document = docx.Document()
    page_setup(document)
    base_styles(document)
    upr_styles(document)
    footer(document)
    _drop_thumbnail(document)
    document.core_properties.title = "upr reference document"
    document.core_properties.author = "upr"
    document.save(str(target))


def _drop_thumbnail(document: docx.document.Document) -> None:
    """Remove the preview picture of python-docx's own template (it shows a stranger's page)."""
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]


def page_setup(document: docx.document.Document) -> None:
    """Use A4 pages with UN-like margins."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.3)
    section.top_margin = section.bottom_margin = Cm(2.2)


def base_styles(document: docx.document.Document) -> None:
    """Set Normal, Title and Heading 1–3 in Times New Roman, black."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for name, size, bold, italic in (("Title", 16, True, False), ("Heading 1", 13, True, False),
                                     ("Heading 2", 11.5, True, True), ("Heading 3", 11, True, False)):
        style = styles[name]
        style.font.name = "Times New Roman"
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        style.font.color.rgb = BLACK
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        _plain_fonts(style)
    _plain_fonts(styles["Normal"])
    border = styles["Title"].element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")
    if border is not None:
        border.getparent().remove(border)  # the default Title's blue rule


def _plain_fonts(style) -> None:
    """Drop theme fonts from a style, so the font named in it is the one Word uses."""
    rpr = style.element.rPr
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


def add(document: docx.document.Document, name: str, kind: WD_STYLE_TYPE, base: str):
    """Return a new style based on `base`."""
    style = document.styles.add_style(name, kind)
    style.base_style = document.styles[base]
    return style


def upr_styles(document: docx.document.Document) -> None:
    """Add the styles the DOCX renderer uses."""
    cover = add(document, "Cover Title", WD_STYLE_TYPE.PARAGRAPH, "Title")
    cover.paragraph_format.space_after = Pt(6)
    line = add(document, "Cover Line", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    line.paragraph_format.space_after = Pt(3)
    para = add(document, "Numbered Paragraph", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    item = add(document, "Paragraph Item", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    item.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    item.paragraph_format.space_after = Pt(3)
    quoted = add(document, "Quoted Item", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    quoted.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    quoted.paragraph_format.space_after = Pt(3)
    quoted.paragraph_format.right_indent = Cm(1)
    # Indented as the numbered quotes' text is (their list level sets the same), so that a quoted passage
    # that is not numbered stands in from the paragraph it belongs to.
    quoted.paragraph_format.left_indent = Cm(2.5)
    rec = add(document, "Recommendation", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    rec.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    rec.paragraph_format.space_after = Pt(4)
    add(document, "Recommendations Heading", WD_STYLE_TYPE.PARAGRAPH, "Heading 3")
    note = add(document, "Footnote Text", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    note.font.size = Pt(9)
    note.paragraph_format.space_after = Pt(0)
    note.paragraph_format.line_spacing = 1.0
    ref = add(document, "Footnote Reference", WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font")
    ref.font.superscript = True
    link = add(document, "Hyperlink", WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font")
    link.font.color.rgb = LINK_BLUE
    table = add(document, "Annex Table", WD_STYLE_TYPE.TABLE, "Table Grid")
    table.font.size = Pt(9)


def footer(document: docx.document.Document) -> None:
    """Put the live page number, centred, in the footer."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph._p.append(ooxml.simple_field("PAGE"))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m generator.render.reference_docx OUTPUT.docx")
    make_reference(Path(sys.argv[1]))
