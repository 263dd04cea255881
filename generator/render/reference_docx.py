"""Make the default template's reference.docx (the result is committed; a test re-makes it and compares).

An organisation restyles its submissions by opening `reference.docx` in Word
and changing the styles, page setup, header or footer; upr keeps all of that
and only adds the content. This module writes the default one part by part,
for today's Word (compatibility mode 15) and nothing else: no theme, no
thumbnail, no stale parts. Footnotes and links use Word's built-in styles
("footnote text", "footnote reference", "Hyperlink"), so a note or a link a
partner adds later in Word looks like upr's. Remake it with
`python -m generator.render.reference_docx templates/default/reference.docx`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import ooxml

FONT = "Times New Roman"
LINK_BLUE = "0B4F8A"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CM = 567  # twentieths of a point in a centimetre (Word's unit for lengths), rounded


def style(kind: str, style_id: str, name: str, based_on: str | None = None, ppr: str = "", rpr: str = "",
          extra: str = "", default: bool = False, builtin_hidden: bool = False, quick: bool = False) -> str:
    """Return one `w:style`, its children in the schema's order."""
    attributes = f' w:type="{kind}" w:styleId="{style_id}"' + (' w:default="1"' if default else "")
    parts = [f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if style_id == "Title" or style_id.startswith("Heading"):
        parts.append('<w:next w:val="Normal"/>')  # Enter after a heading goes on in body text
    if builtin_hidden:
        parts.append('<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>')
    if quick:
        parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append(extra)
    return f"<w:style{attributes}>{''.join(parts)}</w:style>"


def spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
    """Return `w:spacing` in points before and after (and a line height in 240ths of a line)."""
    height = f' w:line="{line}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{before * 20}" w:after="{after * 20}"{height}/>'


def size(points: float) -> str:
    """Return `w:sz` and `w:szCs` for a type size in points."""
    half_points = round(points * 2)
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def styles_xml() -> str:
    """Return word/styles.xml: document defaults, Word's built-in styles upr uses, and upr's own."""
    fonts = f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts}{size(11)}"
        '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault><w:pPr>{spacing(0, 6, 264)}</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    black = '<w:color w:val="000000"/>'
    justified = '<w:jc w:val="both"/>'
    headings = [
        style("paragraph", f"Heading{level}", f"heading {level}", "Normal",
              f"<w:keepNext/><w:keepLines/>{spacing(12, 6)}<w:outlineLvl w:val=\"{level - 1}\"/>",
              f"<w:b/><w:bCs/>{italic}{black}{size(points)}", quick=True)
        for level, points, italic in ((1, 13, ""), (2, 11.5, "<w:i/><w:iCs/>"), (3, 11, ""))
    ]
    all_styles = [
        style("paragraph", "Normal", "Normal", default=True, quick=True),
        style("character", "DefaultParagraphFont", "Default Paragraph Font", default=True, builtin_hidden=True),
        style("table", "TableNormal", "Normal Table", default=True, builtin_hidden=True,
              extra='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
                    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
                    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'),
        style("numbering", "NoList", "No List", default=True, builtin_hidden=True),
        style("paragraph", "Title", "Title", "Normal", f"<w:keepNext/>{spacing(0, 6)}",
              f"<w:b/><w:bCs/>{black}{size(16)}", quick=True),
        *headings,
        style("paragraph", "FootnoteText", "footnote text", "Normal", spacing(0, 0, 240), size(9),
              builtin_hidden=True),
        style("character", "FootnoteReference", "footnote reference", "DefaultParagraphFont",
              rpr='<w:vertAlign w:val="superscript"/>', builtin_hidden=True),
        style("character", "Hyperlink", "Hyperlink", "DefaultParagraphFont",
              rpr=f'<w:color w:val="{LINK_BLUE}"/><w:u w:val="single"/>', builtin_hidden=True),
        style("paragraph", "Footer", "footer", "Normal",
              f'<w:tabs><w:tab w:val="center" w:pos="{8 * CM}"/></w:tabs>{spacing(0, 0)}', builtin_hidden=True),
        style("table", "TableGrid", "Table Grid", "TableNormal",
              extra="<w:tblPr><w:tblBorders>" + "".join(
                  f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders></w:tblPr>"),
        # upr's own styles: the formatting stage names them (formatting.STYLES).
        style("paragraph", "CoverTitle", "Cover Title", "Title", spacing(0, 6)),
        style("paragraph", "CoverLine", "Cover Line", "Normal", spacing(0, 3)),
        style("paragraph", "NumberedParagraph", "Numbered Paragraph", "Normal", justified),
        style("paragraph", "ParagraphItem", "Paragraph Item", "Normal", spacing(0, 3) + justified),
        # Indented as the numbered quotes' text is (their list level sets the same), so that a quoted
        # passage that is not numbered stands in from the paragraph it belongs to.
        style("paragraph", "QuotedItem", "Quoted Item", "Normal",
              spacing(0, 3) + f'<w:ind w:left="{round(2.5 * CM)}" w:right="{CM}"/>' + justified),
        style("paragraph", "Recommendation", "Recommendation", "Normal", spacing(0, 4) + justified),
        style("paragraph", "RecommendationsHeading", "Recommendations Heading", "Heading3"),
        style("table", "AnnexTable", "Annex Table", "TableGrid", rpr=size(9)),
    ]
    return f"{XML_HEAD}<w:styles {W_NS}>{defaults}{''.join(all_styles)}</w:styles>"


def settings_xml() -> str:
    """Return word/settings.xml: 100 % zoom, Word 2013+ layout (compatibility mode 15), no proofing state."""
    compat = "".join(
        f'<w:compatSetting w:name="{name}" w:uri="http://schemas.microsoft.com/office/word" w:val="{value}"/>'
        for name, value in (("compatibilityMode", 15), ("overrideTableStyleFontSizeAndJustification", 1),
                            ("enableOpenTypeFeatures", 1), ("doNotFlipMirrorIndents", 1),
                            ("differentiateMultirowTableHeaders", 1))
    )
    return (
        f'{XML_HEAD}<w:settings {W_NS}><w:zoom w:percent="100"/><w:defaultTabStop w:val="{CM + 142}"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        f'<w:compat>{compat}</w:compat><w:themeFontLang w:val="en-GB"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


def document_xml() -> str:
    """Return word/document.xml: an empty body on A4 pages with UN-like margins and the footer."""
    width, height = round(21.0 * CM), round(29.7 * CM)
    sides, top = round(2.3 * CM), round(2.2 * CM)
    return (
        f"{XML_HEAD}<w:document {W_NS} {R_NS}><w:body><w:sectPr>"
        '<w:footerReference w:type="default" r:id="rId4"/>'
        f'<w:pgSz w:w="{width}" w:h="{height}"/>'
        f'<w:pgMar w:top="{top}" w:right="{sides}" w:bottom="{top}" w:left="{sides}" w:header="{CM + 142}" '
        f'w:footer="{CM + 142}" w:gutter="0"/><w:cols w:space="{CM + 142}"/></w:sectPr></w:body></w:document>'
    )


def footer_xml() -> str:
    """Return word/footer1.xml: the live page number, centred."""
    return (
        f'{XML_HEAD}<w:ftr {W_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>'
        '<w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>'
    )


def font_table_xml() -> str:
    """Return word/fontTable.xml: the one font the styles name."""
    return (
        f'{XML_HEAD}<w:fonts {W_NS}><w:font w:name="{FONT}"><w:panose1 w:val="02020603050405020304"/>'
        '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>'
    )


def relationships(rels: list[tuple[str, str, str]]) -> str:
    """Return a relationships part from (id, type, target)."""
    items = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in rels)
    return f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'


def content_types() -> str:
    """Return [Content_Types].xml for the parts below."""
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = {
        "/word/document.xml": f"{wml}.document.main+xml",
        "/word/styles.xml": f"{wml}.styles+xml",
        "/word/settings.xml": f"{wml}.settings+xml",
        "/word/fontTable.xml": f"{wml}.fontTable+xml",
        "/word/footer1.xml": f"{wml}.footer+xml",
        "/word/numbering.xml": f"{wml}.numbering+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    items = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides.items())
    return (
        f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{items}</Types>'
    )


def core_xml() -> str:
    """Return docProps/core.xml: the reference document's title and author (a build sets the document's own)."""
    return (
        f'{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>upr reference document</dc:title>'
        "<dc:creator>upr</dc:creator></cp:coreProperties>"
    )


def parts() -> dict[str, bytes]:
    """Return every part of the reference document by its name in the package."""
    texts = {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": relationships([
            ("rId1", f"{REL}/officeDocument", "word/document.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
             "docProps/core.xml"),
            ("rId3", f"{REL}/extended-properties", "docProps/app.xml"),
        ]),
        "docProps/core.xml": core_xml(),
        "word/document.xml": document_xml(),
        "word/_rels/document.xml.rels": relationships([
            ("rId1", f"{REL}/styles", "styles.xml"),
            ("rId2", f"{REL}/settings", "settings.xml"),
            ("rId3", f"{REL}/fontTable", "fontTable.xml"),
            ("rId4", f"{REL}/footer", "footer1.xml"),
            ("rId5", f"{REL}/numbering", "numbering.xml"),
        ]),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/footer1.xml": footer_xml(),
        "word/numbering.xml": f"{XML_HEAD}<w:numbering {W_NS}/>",  # upr defines its lists in each build
    }
    return {**{name: text.encode("utf-8") for name, text in texts.items()}, "docProps/app.xml": ooxml.app_properties()}


def make_reference(target: Path) -> None:
    """Write the reference document (the same bytes every time)."""
    ooxml.write_package(target, parts())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m generator.render.reference_docx OUTPUT.docx")
    make_reference(Path(sys.argv[1]))
