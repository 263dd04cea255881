"""What python-docx lacks, in one place: footnotes, numbering definitions,
hyperlinks, fields and tracked-change runs, as WordprocessingML elements.

python-docx has no footnote API and only skeletal numbering. Following its
own pattern (element helpers beside a thin API), everything here builds lxml
elements with `OxmlElement`, so text is always set as element text and XML
escaping is left to lxml, never done by string building.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)


# --- runs and paragraphs ----------------------------------------------------


def run(text: str, bold: bool = False, italic: bool = False, style: str | None = None) -> etree._Element:
    """Return a `w:r` holding `text` with the given formatting."""
    r = OxmlElement("w:r")
    rpr = run_properties(bold, italic, style)
    if rpr is not None:
        r.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    return r


def run_properties(bold: bool = False, italic: bool = False, style: str | None = None) -> etree._Element | None:
    """Return a `w:rPr` for the formatting, or None when there is none."""
    if not (bold or italic or style):
        return None
    rpr = OxmlElement("w:rPr")
    if style:
        rstyle = OxmlElement("w:rStyle")
        rstyle.set(qn("w:val"), style)
        rpr.append(rstyle)
    if bold:
        rpr.append(OxmlElement("w:b"))
    if italic:
        rpr.append(OxmlElement("w:i"))
    return rpr


def paragraph(style_id: str | None = None) -> etree._Element:
    """Return an empty `w:p`, with a paragraph style if given."""
    p = OxmlElement("w:p")
    if style_id:
        ppr = OxmlElement("w:pPr")
        pstyle = OxmlElement("w:pStyle")
        pstyle.set(qn("w:val"), style_id)
        ppr.append(pstyle)
        p.append(ppr)
    return p


def set_numbering(p: etree._Element, num_id: int, level: int = 0) -> None:
    """Attach a live list number (`w:numPr`) to a paragraph."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    numid = OxmlElement("w:numId")
    numid.set(qn("w:val"), str(num_id))
    numpr.extend([ilvl, numid])
    style = ppr.find(qn("w:pStyle"))
    ppr.insert(1 if style is not None else 0, numpr)


def hyperlink(part: Part, url: str, runs: list[etree._Element]) -> etree._Element:
    """Return a `w:hyperlink` to an external `url`, related from `part`."""
    rid = part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    link.set(qn("w:history"), "1")
    link.extend(runs)
    return link


def bookmark(p: etree._Element, bookmark_id: int, name: str) -> None:
    """Wrap a paragraph's content in a named bookmark, for cross-references to it."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    p.append(end)


def complex_field(instruction: str, result: str) -> list[etree._Element]:
    """Return the runs of a field (REF, PAGE …) that Word updates, showing `result` until then."""
    def char(kind: str) -> etree._Element:
        r = OxmlElement("w:r")
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        r.append(fld)
        return r

    instr_run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    instr_run.append(instr)
    return [char("begin"), instr_run, char("separate"), run(result), char("end")]


def simple_field(instruction: str, placeholder: str = "1") -> etree._Element:
    """Return a `w:fldSimple` (PAGE, NUMPAGES, TITLE …) showing `placeholder` until updated."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    field.append(run(placeholder))
    return field


def repeat_as_header(tr: etree._Element) -> None:
    """Mark a table row to repeat at the top of each page (`w:tblHeader`)."""
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        tr.insert(0, trpr)
    trpr.append(OxmlElement("w:tblHeader"))


# --- footnotes ------------------------------------------------------------------


class Footnotes:
    """The document's footnotes part: real Word footnotes, numbered by Word."""

    def __init__(self, document_part: Part, reference_style: str = "FootnoteReference") -> None:
        self.reference_style = reference_style  # the style id of the note number
        self.part = _footnotes_part(document_part)
        self.root = self.part.element
        for note in self.root.findall(qn("w:footnote")):
            if note.get(qn("w:type")) in (None, "normal"):
                self.root.remove(note)  # notes left in a reference document
        self.next_id = 1
        _declare_footnote_settings(document_part)

    def add(self, paragraphs: list[etree._Element]) -> int:
        """Add a footnote made of `paragraphs`; return its id for `reference_run`.

        The first paragraph gets the footnote mark (`w:footnoteRef`) in front.
        """
        note_id = self.next_id
        self.next_id += 1
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(note_id))
        mark = OxmlElement("w:r")
        mark.append(run_properties(style=self.reference_style))
        mark.append(OxmlElement("w:footnoteRef"))
        first = paragraphs[0]
        ppr = first.find(qn("w:pPr"))
        first.insert(1 if ppr is not None else 0, mark)
        mark.addnext(run(" "))
        note.extend(paragraphs)
        self.root.append(note)
        return note_id

    def reference_run(self, note_id: int) -> etree._Element:
        """Return the run that calls footnote `note_id` in the text."""
        return reference_run(note_id, self.reference_style)


def reference_run(note_id: int, style: str = "FootnoteReference") -> etree._Element:
    """Return the run that calls footnote `note_id` in the text."""
    r = OxmlElement("w:r")
    r.append(run_properties(style=style))
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(note_id))
    r.append(ref)
    return r


def _footnotes_part(document_part: Part) -> XmlPart:
    """Return the document's footnotes part, creating it (with separators) if absent."""
    for rel in document_part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            target = rel.target_part
            if isinstance(target, XmlPart):
                return target
            part = XmlPart(target.partname, target.content_type, parse_xml(target.blob), target.package)
            rel._target = part
            return part
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(FOOTNOTES_XML), document_part.package)
    document_part.relate_to(part, RT.FOOTNOTES)
    return part


def _declare_footnote_settings(document_part: Part) -> None:
    """Name the separator notes in settings.xml, as Word itself does."""
    settings = document_part._settings_part.element
    if settings.find(qn("w:footnotePr")) is None:
        add_setting(settings, parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'))


SETTINGS_ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts",
    "saveFormsData", "mirrorMargins", "alignBordersAndEdges", "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod",
    "documentType", "mailMerge", "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting",
    "documentProtection", "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop",
    "autoHyphenation", "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting",
    "bookFoldPrinting", "bookFoldPrintingSheets", "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
    "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
    "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields",
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
    "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
)
"""The children of `w:settings` in the order the schema requires (ISO/IEC 29500-1, 17.15.1.78)."""


def add_setting(settings: etree._Element, element: etree._Element) -> None:
    """Put a setting in its place among the others (replacing one of the same name)."""
    name = etree.QName(element).localname
    old = settings.find(qn(f"w:{name}"))
    if old is not None:
        old.addprevious(element)
        settings.remove(old)
        return
    later = set(SETTINGS_ORDER[SETTINGS_ORDER.index(name) + 1:])
    anchor = next((child for child in settings if etree.QName(child).localname in later), None)
    if anchor is not None:
        anchor.addprevious(element)
    else:
        settings.append(element)


# --- the package --------------------------------------------------------------------


ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The time every member of a written package carries: the same bytes for the same content."""


def write_package(target: Path, parts: dict[str, bytes]) -> None:
    """Write an OPC package (a .docx) with its parts in the given order, compressed, each dated ZIP_TIME."""
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def save_document(document: docx.document.Document, target: Path) -> None:
    """Save a python-docx document as the same bytes every time (python-docx dates each member now)."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    write_package(target, parts)


EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def app_properties(words: int = 0, characters: int = 0, paragraphs: int = 0) -> bytes:
    """Return docProps/app.xml: the application, and what the document holds (Word recounts pages itself)."""
    root = etree.Element(f"{{{EXTENDED}}}Properties", nsmap={None: EXTENDED})
    for name, value in (("Application", "upr"), ("DocSecurity", "0"), ("Words", str(words)),
                        ("Characters", str(characters)), ("Paragraphs", str(paragraphs)),
                        ("ScaleCrop", "false"), ("LinksUpToDate", "false"), ("SharedDoc", "false"),
                        ("HyperlinksChanged", "false")):
        etree.SubElement(root, f"{{{EXTENDED}}}{name}").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_app_properties(document: docx.document.Document, data: bytes) -> None:
    """Replace the document's docProps/app.xml (python-docx keeps it as an opaque part)."""
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = data
            return
    package.relate_to(Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, data, package),
                      RT.EXTENDED_PROPERTIES)


class Numbering:
    """Adds list definitions to the numbering part: one abstract list, many instances."""

    def __init__(self, document_part: Part) -> None:
        self.root = document_part.numbering_part.element
        self.next_abstract = 1 + max((int(a.get(qn("w:abstractNumId"))) for a in self.root.findall(qn("w:abstractNum"))), default=0)
        self.next_num = 1 + max((int(n.get(qn("w:numId"))) for n in self.root.findall(qn("w:num"))), default=0)

    def define(self, name: str, levels: list[tuple[str, str, int, int]]) -> int:
        """Add an abstract list; levels are (format, text, left, hanging) in twips. Return its id."""
        abstract_id = self.next_abstract
        self.next_abstract += 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "multilevel" if len(levels) > 1 else "singleLevel")
        abstract.append(multi)
        nm = OxmlElement("w:name")
        nm.set(qn("w:val"), name)
        abstract.append(nm)
        for index, (fmt, text, left, hanging) in enumerate(levels):
            abstract.append(_level(index, fmt, text, left, hanging))
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # all abstractNum elements precede the num elements
        else:
            self.root.append(abstract)
        return abstract_id

    def instance(self, abstract_id: int, restart: bool = False) -> int:
        """Add a list instance of an abstract list; `restart` starts it again at 1."""
        num_id = self.next_num
        self.next_num += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(abstract_id))
        num.append(ref)
        if restart:
            override = parse_xml(f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
            num.append(override)
        self.root.append(num)
        return num_id


def _level(index: int, fmt: str, text: str, left: int, hanging: int) -> etree._Element:
    """Return one `w:lvl` of a list definition."""
    return parse_xml(
        f'<w:lvl {nsdecls("w")} w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
    )


# --- tracked changes ------------------------------------------------------------------


def revision(kind: str, revision_id: int, author: str, date: str) -> etree._Element:
    """Return an empty `w:ins` or `w:del` (or `w:moveFrom`/`w:moveTo`) with author and date."""
    element = OxmlElement(f"w:{kind}")
    element.set(qn("w:id"), str(revision_id))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), date)
    return element


def mark_paragraph(p: etree._Element, change: etree._Element) -> None:
    """Track a paragraph's mark as inserted, deleted or moved (`w:pPr/w:rPr/w:ins` …).

    A deleted mark is what lets "reject" restore a whole deleted paragraph
    and "accept" remove it without joining its neighbours.
    """
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    rpr.insert(0, change)


def as_deleted(r: etree._Element) -> etree._Element:
    """Return a run with its text turned into deleted text (`w:t` → `w:delText`, a field's instruction
    `w:instrText` → `w:delInstrText`), in place."""
    for t in r.findall(qn("w:t")):
        t.tag = qn("w:delText")
    for instruction in r.findall(qn("w:instrText")):
        instruction.tag = qn("w:delInstrText")
    return r


def move_range(kind: str, range_id: int, name: str, author: str, date: str) -> tuple[etree._Element, etree._Element]:
    """Return the start and end of a named move range (`kind` is "moveFrom" or "moveTo")."""
    start = OxmlElement(f"w:{kind}RangeStart")
    start.set(qn("w:id"), str(range_id))
    start.set(qn("w:name"), name)
    start.set(qn("w:author"), author)
    start.set(qn("w:date"), date)
    end = OxmlElement(f"w:{kind}RangeEnd")
    end.set(qn("w:id"), str(range_id))
    return start, end


def mark_row(tr: etree._Element, change: etree._Element) -> None:
    """Track a table row as inserted or deleted (`w:trPr/w:ins`, `w:trPr/w:del`)."""
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        anchor = tr.find(qn("w:tblPrEx"))
        tr.insert(1 if anchor is not None else 0, trpr)
    trpr.append(change)
