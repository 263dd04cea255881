"""Read a submission written in Word (.docx) into the document model, for `upr import`.

The file is read through its XML (paragraphs, styles, numbering, footnotes,
hyperlinks), the way Word shows it: what Word numbers, bullets or indents,
and the notes at the foot of the page. Each Word paragraph becomes one of:

- a cover line, before the first heading: the title, who submits it, the
  State, session and cycle (these are guesses, which the writer confirms);
- a heading ("Heading 1" starts a section, deeper ones a subsection), or the
  heading of a section's own recommendations ("Recommendations");
- a numbered paragraph: numbered by Word, or starting with a typed "12."
  (the number is removed: upr numbers paragraphs itself);
- an item under the paragraph before (a bullet), a quoted passage under it
  (a quotation style, or numbers one level down), or one of the section's own
  recommendations (anything after a "Recommendations" heading).

What has no place in a submission (images, comments, open tracked changes,
fields, tables other than the implementation annex) is reported with the
Word paragraph it came from: nothing is dropped without a word.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import ContentError, Location, UprError
from .labels import LABELS
from .markup import rec_markup
from .model import (Assessment, Emph, Inline, Link, Metadata, Note, NoteCall, Organisation, OwnRecommendation, Paragraph, Quote,
                    RecommendationRef, Section, Strong, Submission, Text)
from .typed import TYPED_NUMBER, WITH_STATE, typed_references
from .inline import _strip, plain_text
from .recommendations.data import RecommendationSet
from .recommendations.states import state_names

MAX_XML_BYTES = 200 * 2**20
"""The most XML a Word file may unpack to (a long submission's is a few MB): a bigger one is no submission."""
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
QUOTE_STYLES = re.compile(r"quot|block text|citation|cita", re.IGNORECASE)
BULLET_STYLES = re.compile(r"list bullet|list paragraph|paragraph item|bullet|puce|viñeta", re.IGNORECASE)
RECOMMENDATION_TITLES = {title.lower() for labels in LABELS.values()
                         for title in (labels.recommendation, labels.recommendations)}
ANNEX_TITLES = {labels.annex_title.lower() for labels in LABELS.values()}
STATUSES = sorted(((key, shown.lower()) for labels in LABELS.values() for key, shown in labels.statuses.items()),
                  key=lambda pair: -len(pair[1]))  # "partially implemented" is tried before "implemented"
ORDINALS = {word: n for n, word in enumerate(["zeroth", "first", "second", "third", "fourth", "fifth", "sixth"])}


def w(tag: str) -> str:
    """Return the Clark name of a w: tag."""
    return f"{{{W}}}{tag}"


@dataclass
class ImportResult:
    """A Word file read as a submission, with what was guessed, converted and left out."""

    submission: Submission
    guesses: dict[str, str] = field(default_factory=dict)
    """A key of submission.yaml → how its value was guessed (for a comment beside it)."""
    problems: list[str] = field(default_factory=list)
    """What could not be brought in, or was brought in differently, each with its Word paragraph."""
    conversions: list[str] = field(default_factory=list)
    """Previous-cycle references typed as text that became {rec …}."""


@dataclass
class WordParagraph:
    """One Word paragraph as the importer sees it."""

    index: int  # its place among the document's paragraphs, from 1 ("Word paragraph 12")
    style: str  # the style's name, lowercase
    level: int | None  # the heading level (1, 2, …), None for a paragraph that is no heading
    numbering: str | None  # "decimal", "bullet", … when Word numbers it
    list_id: str | None  # the Word list it is numbered in (its numId)
    list_level: int  # the numbering's level (0 for the first)
    content: list[Inline]
    text: str
    table: etree._Element | None = None  # for a table: the table


class WordFile:
    """The parts of a .docx the importer reads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                unpacked = sum(info.file_size for info in archive.infolist() if info.filename.endswith((".xml", ".rels")))
                if unpacked > MAX_XML_BYTES:
                    raise ContentError(f"the Word file's text unpacks to {unpacked // 2**20:,} MB, more than upr reads "
                                       f"({MAX_XML_BYTES // 2**20} MB): is it a Word file?", Location(path))
                self.document = etree.fromstring(archive.read("word/document.xml"))
                read = {name: etree.fromstring(archive.read(name)) for name in (
                    "word/styles.xml", "word/numbering.xml", "word/footnotes.xml",
                    "word/_rels/document.xml.rels", "word/_rels/footnotes.xml.rels", "word/comments.xml")
                    if name in names}
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
            raise ContentError(f"not a Word file that can be read ({exc})", Location(path)) from None
        self.styles = self._styles(read.get("word/styles.xml"))
        self.formats, self.starts = _numbering(read.get("word/numbering.xml"))
        self.links = _relationships(read.get("word/_rels/document.xml.rels"))
        self.note_links = _relationships(read.get("word/_rels/footnotes.xml.rels"))
        notes = read.get("word/footnotes.xml")
        self.footnotes = {n.get(w("id")): n for n in notes.iter(w("footnote"))} if notes is not None else {}
        comments = read.get("word/comments.xml")
        self.has_comments = comments is not None and comments.find(w("comment")) is not None

    def _styles(self, root: etree._Element | None) -> dict[str, dict]:
        """Return style id → its name, heading level and numbering (following basedOn)."""
        found: dict[str, dict] = {}
        if root is None:
            return found
        for style in root.iter(w("style")):
            name = style.find(w("name"))
            ppr = style.find(w("pPr"))
            outline = ppr.find(w("outlineLvl")) if ppr is not None else None
            numpr = ppr.find(w("numPr")) if ppr is not None else None
            based = style.find(w("basedOn"))
            found[style.get(w("styleId"))] = {
                "name": (name.get(w("val")) if name is not None else style.get(w("styleId"))).lower(),
                "outline": int(outline.get(w("val"))) if outline is not None else None,
                "numpr": _num(numpr),
                "based": based.get(w("val")) if based is not None else None,
            }
        return found

    def style_of(self, style_id: str | None) -> dict:
        """Return what a paragraph style says, with what its base styles say where it says nothing."""
        merged: dict = {"name": "normal", "outline": None, "numpr": None}
        chain, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            chain.append(self.styles[style_id])
            style_id = self.styles[style_id]["based"]
        if chain:
            merged["name"] = chain[0]["name"]
        for key in ("outline", "numpr"):
            merged[key] = next((s[key] for s in chain if s[key] is not None), None)
        return merged


def _numbering(root: etree._Element | None) -> tuple[dict[tuple[str, int], str], dict[tuple[str, int], int]]:
    """Return (numId, level) → the number format ("decimal", "bullet" …), and → the list's first number."""
    starts: dict[tuple[str, int], int] = {}
    if root is None:
        return {}, starts
    abstract = {}
    for node in root.iter(w("abstractNum")):
        levels = {}
        for lvl in node.iter(w("lvl")):
            fmt, start = lvl.find(w("numFmt")), lvl.find(w("start"))
            levels[int(lvl.get(w("ilvl")))] = (fmt.get(w("val")) if fmt is not None else "decimal",
                                               int(start.get(w("val"))) if start is not None else 1)
        abstract[node.get(w("abstractNumId"))] = levels
    formats = {}
    for num in root.iter(w("num")):
        ref = num.find(w("abstractNumId"))
        overrides = {int(o.get(w("ilvl"))): int(o.find(w("startOverride")).get(w("val")))
                     for o in num.iter(w("lvlOverride")) if o.find(w("startOverride")) is not None}
        for level, (fmt, start) in abstract.get(ref.get(w("val")) if ref is not None else "", {}).items():
            formats[(num.get(w("numId")), level)] = fmt
            starts[(num.get(w("numId")), level)] = overrides.get(level, start)
    return formats, starts


def _num(numpr: etree._Element | None) -> tuple[str, int] | None:
    """Return (numId, level) of a `w:numPr`, or None."""
    if numpr is None or numpr.find(w("numId")) is None:
        return None
    level = numpr.find(w("ilvl"))
    return numpr.find(w("numId")).get(w("val")), int(level.get(w("val"))) if level is not None else 0


def _relationships(root: etree._Element | None) -> dict[str, str]:
    """Return relationship id → target, for hyperlinks."""
    if root is None:
        return {}
    return {rel.get("Id"): rel.get("Target") for rel in root if rel.get("TargetMode") == "External"}


class Reader:
    """Reads a Word file's paragraphs and sorts them into a submission."""

    def __init__(self, word: WordFile, data: list[RecommendationSet]) -> None:
        self.word = word
        self.data = data
        self.result = ImportResult(Submission(root=word.path.parent, meta=_blank_meta(word.path), sections=[],
                                              recommendation_data=data))
        self.index = 0

    def problem(self, where: int, message: str) -> None:
        """Report what could not be brought in as it was, at a Word paragraph."""
        self.result.problems.append(f"Word paragraph {where}: {message}")

    # --- reading paragraphs -------------------------------------------------------------------------

    def paragraphs(self) -> list[WordParagraph]:
        """Return the body's paragraphs and tables in order (a table as a WordParagraph holding it)."""
        found: list[WordParagraph] = []
        body = self.word.document.find(w("body"))
        if body is None:
            raise ContentError("not a Word document: it has no body", Location(self.word.path))
        self._blocks(body, found)
        return found

    def _blocks(self, container: etree._Element, found: list[WordParagraph]) -> None:
        """Add the paragraphs and tables of a container (the body, a content control) to `found`."""
        for element in container:
            if element.tag in (w("sdt"), w("sdtContent"), w("customXml")):
                self._blocks(element, found)
            elif element.tag == w("p"):
                self.index += 1
                paragraph = self.paragraph(element)
                if paragraph.text.strip() or any(isinstance(n, NoteCall) for n in paragraph.content):
                    found.append(paragraph)
            elif element.tag == w("tbl"):
                self.index += 1
                found.append(WordParagraph(self.index, "table", None, None, None, 0, [], "", element))

    def paragraph(self, p: etree._Element) -> WordParagraph:
        """Return one Word paragraph: its style, heading level, numbering and inline content."""
        ppr = p.find(w("pPr"))
        style_id = ppr.find(w("pStyle")).get(w("val")) if ppr is not None and ppr.find(w("pStyle")) is not None else None
        style = self.word.style_of(style_id)
        own_outline = ppr.find(w("outlineLvl")) if ppr is not None else None
        outline = int(own_outline.get(w("val"))) if own_outline is not None else style["outline"]
        heading = re.fullmatch(r"heading (\d)", style["name"])
        level = int(heading.group(1)) if heading else (outline + 1 if outline is not None and outline < 9 else None)
        numpr = _num(ppr.find(w("numPr"))) if ppr is not None and ppr.find(w("numPr")) is not None else style["numpr"]
        numbering = self.word.formats.get(numpr, "decimal") if numpr and numpr[0] != "0" else None
        content = _regrouped(self.inline(p, self.word.links))
        return WordParagraph(self.index, style["name"], level, numbering, numpr[0] if numbering else None,
                             numpr[1] if numpr else 0, content, plain_text(content))

    def inline(self, element: etree._Element, links: dict[str, str]) -> list[Inline]:
        """Return the inline content of a paragraph: runs, hyperlinks, notes (deleted text left out)."""
        nodes: list[Inline] = []
        for child in element:
            if child.tag == w("r"):
                nodes += self.run(child)
            elif child.tag == w("hyperlink"):
                inner = self.inline(child, links)
                url = links.get(child.get(f"{{{R}}}id") or "")
                nodes += [Link(url, inner)] if url and url.startswith(("http://", "https://")) and inner else inner
            elif child.tag in (w("ins"), w("moveTo"), w("smartTag"), w("fldSimple"), w("sdt"), w("sdtContent")):
                if child.tag in (w("ins"), w("moveTo")):
                    self.problem(self.index, "a tracked change still open was taken as accepted")
                nodes += self.inline(child, links)
            elif child.tag in (w("del"), w("moveFrom")):
                self.problem(self.index, "a tracked deletion still open was left out (taken as accepted)")
        return nodes

    def run(self, r: etree._Element) -> list[Inline]:
        """Return a run's text (bold, italic) or the note it calls."""
        rpr = r.find(w("rPr"))
        bold, italic = _on(rpr, "b"), _on(rpr, "i")
        nodes: list[Inline] = []
        for child in r:
            if child.tag == w("t"):
                nodes.append(_formatted(Text(child.text or ""), bold, italic))
            elif child.tag in (w("tab"), w("br"), w("cr")):
                nodes.append(Text(" "))  # a line break inside a paragraph: upr's paragraphs flow
            elif child.tag == w("noBreakHyphen"):
                nodes.append(Text("\u2011"))
            elif child.tag == w("sym"):
                self.problem(self.index, f"a symbol from the font {child.get(w('font'))} was left out")
            elif child.tag == w("footnoteReference"):
                nodes.append(self.note(child.get(w("id"))))
            elif child.tag in (w("drawing"), w("pict"), w("object")):
                self.problem(self.index, "a picture was left out")
            elif child.tag == w("instrText") and not (child.text or "").strip().startswith(("REF", "PAGE", "HYPERLINK")):
                self.problem(self.index, f"a field ({(child.text or '').strip().split(' ')[0]}) was kept as its text")
        return nodes

    def note(self, note_id: str | None) -> NoteCall:
        """Return the call of a Word footnote, with the footnote's text as the note."""
        where = Location(self.word.path, self.index)
        footnote = self.word.footnotes.get(note_id or "")
        content: list[Inline] = []
        if footnote is not None:
            for index, p in enumerate(footnote.iter(w("p"))):
                if index:
                    content.append(Text(" "))
                content += _regrouped(self.inline(p, self.word.note_links))
        return NoteCall(Note(content=_stripped(content), location=where), where)

    # --- sorting them into a submission ------------------------------------------------------------------

    def read(self) -> ImportResult:
        """Return the submission the Word file holds."""
        paragraphs = self.paragraphs()
        first_heading = next((i for i, p in enumerate(paragraphs) if p.level == 1), None)
        if first_heading is None:
            first_heading = next((i for i, p in enumerate(paragraphs) if p.level is not None), None)
        if first_heading is None:  # no headings: the first line is the title, the rest the text
            first_heading = min(1, len(paragraphs))
            self.result.problems.append("the Word file has no headings (Heading 1, 2 …): its text is one section, "
                                        "\"Introduction\"; split it where its sections begin")
        self.cover(paragraphs[:first_heading])
        self.body(paragraphs[first_heading:])
        if self.word.has_comments:
            self.result.problems.append("the Word file has comments: they were left out")
        return self.result

    def cover(self, lines: list[WordParagraph]) -> None:
        """Guess the metadata from the cover's lines."""
        meta, guesses = self.result.submission.meta, self.result.guesses
        texts = [line.text.strip() for line in lines if line.style != "table"]
        if texts:
            meta.title, guesses["title"] = texts[0], "guessed: the first line of the Word file"
        for text in texts[1:] + texts[:1]:
            self._cover_line(text)
        if not meta.organisations:
            meta.organisations = [Organisation("The organisation", meta.location)]
            guesses["organisations"] = "not found on the cover: write the submitting organisations"
        if meta.state == "" and self.data:
            meta.state = self.data[0].state_under_review
            guesses["state"] = f"the State under review in {self.data[0].document}"
        if meta.state == "":
            state = re.search(r"(?:Review|Examen periódico universal|Examen périodique universel)\s+(?:of|de|:)\s+"
                              r"(?:the\s+)?([A-Z][^.,;:()]+)", meta.title)
            meta.state = state.group(1).strip() if state else "the State under review"
            guesses["state"] = "guessed from the title" if state else "not found: write the State under review"
        if not meta.cycle:
            meta.cycle = (self.data[0].cycle + 1) if self.data and self.data[0].cycle else 1
            guesses["cycle"] = ("the cycle after the recommendation data's" if self.data and self.data[0].cycle
                                else "not found: write the UPR cycle")
        joint = len(meta.organisations) > 1 or bool(re.search(r"\bjoint\b|conjoint|conjunta", meta.title, re.I))
        meta.type = "joint" if joint else "individual"
        guesses.setdefault("type", "guessed from the organisations named")

    def _cover_line(self, text: str) -> None:
        """Read one cover line: who submits, the State, session and cycle."""
        meta, guesses = self.result.submission.meta, self.result.guesses
        for language, labels in LABELS.items():
            if text.startswith(labels.submitted_by) and not meta.organisations:
                names = re.split(rf",\s*|\s+{labels.and_}\s+", text[len(labels.submitted_by):].strip(" :"))
                meta.organisations = [Organisation(name.strip(), meta.location) for name in names if name.strip()]
                meta.language = language
                guesses["organisations"] = f"guessed from \"{labels.submitted_by} …\" on the cover"
                guesses["language"] = "guessed from the cover's words"
            if text.startswith(labels.state_under_review) and not meta.state:
                rest = text[len(labels.state_under_review):].lstrip(" :\u00a0")
                state, _, details = rest.partition(". ")
                meta.state, guesses["state"] = state.strip(), "guessed from the cover"
                self._review_details(details)
        if not meta.session:
            self._review_details(text)

    def _review_details(self, text: str) -> None:
        """Read the session and cycle from "34th session of the UPR Working Group, November 2019, third cycle"."""
        meta, guesses = self.result.submission.meta, self.result.guesses
        session = re.search(r"(\d{1,2})(?:st|nd|rd|th|e|\.º)?\s+(?:session|période de sesiones)", text)
        if session and not meta.session:
            meta.session, guesses["session"] = int(session.group(1)), "guessed from the cover"
        cycle = re.search(r"\b(first|second|third|fourth|fifth|sixth)\s+cycle|(\d)(?:st|nd|rd|th|e|\.º)?\s+(?:cycle|ciclo)",
                          text, re.IGNORECASE)
        if cycle and not meta.cycle:
            meta.cycle = ORDINALS[cycle.group(1).lower()] if cycle.group(1) else int(cycle.group(2))
            guesses["cycle"] = "guessed from the cover"
        month = re.search(r"(January|February|March|April|May|June|July|August|September|October|November|December)"
                          r"\s+\d{4}", text)
        if month and not meta.session_date:
            meta.session_date, guesses["session_date"] = month.group(0), "guessed from the cover"

    def body(self, paragraphs: list[WordParagraph]) -> None:
        """Sort the body's paragraphs into sections, paragraphs, items, quotes and recommendations."""
        submission = self.result.submission
        section: Section | None = None
        subsection: Section | None = None
        current: Paragraph | None = None
        in_recommendations = in_annex = False
        numbered_headings = False
        paragraph_list: str | None = None  # the Word list the numbered paragraphs are in
        lists_by_section: list[set[str]] = []  # the Word lists each section's paragraphs are numbered in
        for para in paragraphs:
            where = Location(self.word.path, para.index)
            if para.style == "table":
                if in_annex and not submission.assessments:
                    self.annex(para)
                else:
                    self.problem(para.index, "a table was left out (only the implementation annex is read)")
                continue
            if para.level is not None:
                if any(isinstance(node, NoteCall) for node in para.content):
                    self.problem(para.index, "a note on a heading was left out (upr's headings hold no notes): "
                                             "put it in the first paragraph")
                numbered_headings |= para.level == 1 and para.numbering == "decimal"
                heading = para.text[_typed_number_length(para.text):].strip()
                if para.level == 1 and heading.lower() in ANNEX_TITLES:
                    in_annex, submission.annex = True, True
                    continue
                if heading.lower().strip(" :") in RECOMMENDATION_TITLES and section is not None:
                    in_recommendations = True
                    (subsection or section).recommendations_heading = (
                        heading if heading.lower() not in RECOMMENDATION_TITLES else None)
                    continue
                in_recommendations, current = False, None
                if para.level == 1 or section is None:
                    self.close(section)
                    lists_by_section.append(set())
                    section, subsection = Section(heading, 1, [], where), None
                    submission.sections.append(section)
                else:
                    subsection = Section(heading, 2, [], where)
                    section.body.append(subsection)
                continue
            if section is None:
                section = Section("Introduction", 1, [], where)
                submission.sections.append(section)
                self.problem(para.index, "the text starts before any heading: it is put under \"Introduction\"")
            if in_recommendations and para.list_id is not None and para.list_id == paragraph_list:
                # A numbered paragraph after a subsection's recommendations is the section's again.
                in_recommendations, subsection = False, None
            holder = subsection or section
            if in_recommendations:
                holder.recommendations.append(OwnRecommendation(self.converted(para.content, para.index), where))
                continue
            quote = bool(QUOTE_STYLES.search(para.style)) or (para.numbering == "decimal" and para.list_level >= 1
                                                               and not numbered_headings)
            bullet = para.numbering == "bullet" or (para.numbering is None and BULLET_STYLES.search(para.style))
            if current is not None and quote:
                current.quote = current.quote or Quote([], numbered=para.numbering == "decimal", location=where)
                current.quote.items.append(self.converted(para.content, para.index))
                continue
            if current is not None and bullet:
                current.items.append(self.converted(para.content, para.index))
                continue
            content = list(para.content)
            typed = _typed_number_length(para.text)
            if typed and para.numbering is None:
                content = _drop_prefix(content, typed)
            elif para.numbering is None:
                self.problem(para.index, "a paragraph Word does not number was made a numbered paragraph")
            if para.list_id is not None and para.numbering == "decimal":
                paragraph_list = para.list_id if lists_by_section[-1:] and not lists_by_section[-1] else paragraph_list
                if lists_by_section:
                    lists_by_section[-1].add(para.list_id)
            current = Paragraph(self.converted(content, para.index), where)
            holder.body.append(current)
        self.close(section)
        numbered = [lists for lists in lists_by_section if lists]
        restarted = (len(numbered) > 1 and all(a.isdisjoint(b) for i, a in enumerate(numbered) for b in numbered[i + 1:])
                     and all(min(self.word.starts.get((list_id, 0), 1) for list_id in lists) == 1 for lists in numbered))
        if numbered_headings or restarted:
            submission.meta.numbering = "by-section"
            self.result.guesses["numbering"] = ("guessed: Word numbers the headings" if numbered_headings else
                                                "guessed: Word starts the numbering again in each section")

    def close(self, section: Section | None) -> None:
        """Give a section the recommendations that end it after a subsection: Word does not tell whether they close
        the subsection or the section, and a section's own come last far more often."""
        last = section.body[-1] if section is not None and section.body else None
        if isinstance(last, Section) and last.recommendations and not section.recommendations:
            section.recommendations, last.recommendations = last.recommendations, []
            section.recommendations_heading, last.recommendations_heading = last.recommendations_heading, None
            where = section.recommendations[0].location.line
            self.problem(where, f"the recommendations after subsection “{last.heading}” were given to its section "
                                f"“{section.heading}” (Word does not tell which they close): move them if they "
                                "close the subsection")

    def annex(self, para: WordParagraph) -> None:
        """Read the implementation annex's table: each row's number, and the status and comment of its last cell."""
        rows = para.table.findall(w("tr")) if para.table is not None else []
        for row in rows[1:]:
            cells = [" ".join(plain_text(self.inline(p, self.word.links)) for p in tc.iter(w("p"))).strip()
                     for tc in row.findall(w("tc"))]
            if not cells or not re.fullmatch(r"\d+(?:\.\d+)+", cells[0]):
                continue
            status, comment = "not assessed", cells[-1]
            for key, shown in STATUSES:
                if cells[-1].lower().startswith(shown):
                    status, comment = key, cells[-1][len(shown):].lstrip(". ")
                    break
            self.result.submission.assessments.append(
                Assessment(cells[0], status, [Text(comment)] if comment else [], Location(self.word.path, para.index)))
        if not self.result.submission.assessments:
            self.problem(para.index, "the annex's table has no row that starts with a recommendation number")

    def converted(self, nodes: list[Inline], index: int) -> list[Inline]:
        """Return content with previous-cycle references typed as text made {rec …}, when the data has them."""
        if not self.data:
            return _stripped(nodes)
        return _stripped([converted for node in nodes for converted in self._convert(node, index)])

    def _convert(self, node: Inline, index: int) -> list[Inline]:
        """Return one node with its typed references made {rec …} (inside bold, italic and notes too)."""
        if isinstance(node, NoteCall):
            node.note.content = [c for n in node.note.content for c in self._convert(n, index)]
            return [node]
        if isinstance(node, (Strong, Emph)):
            return [type(node)([c for n in node.children for c in self._convert(n, index)])]
        if not isinstance(node, Text):
            return [node]
        out: list[Inline] = []
        offset = 0
        find = self.result.submission.find_recommendation
        for number, written, (start, end) in typed_references(node.text, find, any_state=False):
            rec = find(number)
            if start < offset:  # inside a reference already made ("recommendation 124.4 (Brazil)")
                continue
            if rec is None:
                self.problem(index, f"'{written}' is not in the recommendation data: kept as text")
                continue
            out.append(Text(node.text[offset:start]))
            # The States as the writer typed them, so that R002 still says when they are not the data's.
            written_states = WITH_STATE.fullmatch(node.text[start:end])
            kept = tuple(state_names(written_states.group(2))) if written_states else tuple(rec.states)
            out.append(RecommendationRef(number, Location(self.word.path, index), kept))
            self.result.conversions.append(f"Word paragraph {index}: '{written}' → {rec_markup(number, kept)}")
            offset = end
        out.append(Text(node.text[offset:]))
        return [n for n in out if not (isinstance(n, Text) and not n.text)]


def import_word(path: Path, data: list[RecommendationSet] | None = None) -> ImportResult:
    """Return the submission a Word file holds, with what was guessed, converted and left out."""
    word = WordFile(path)
    try:
        return Reader(word, data or []).read()
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:  # XML Word would not write
        raise ContentError(f"the Word file's XML is not as Word writes it ({type(exc).__name__}: {exc})",
                           Location(path)) from None


def _blank_meta(path: Path) -> Metadata:
    """Return metadata to fill from the cover."""
    return Metadata(title=path.stem, state="", cycle=0, session=None, type="individual", language="en",
                    organisations=[], location=Location(path))


def _on(rpr: etree._Element | None, tag: str) -> bool:
    """Tell whether a run property (b, i) is switched on."""
    if rpr is None or rpr.find(w(tag)) is None:
        return False
    return rpr.find(w(tag)).get(w("val"), "true") not in ("0", "false", "off")


def _regrouped(nodes: list[Inline]) -> list[Inline]:
    """Return run-by-run formatting as nested formatting: italic outside, bold inside, neighbours joined, so that
    "it" "bold it" "it" is one italic text with a bold word, as the markup writes it."""
    atoms: list[tuple[Inline, bool, bool]] = []
    for node in nodes:
        bold = isinstance(node, Strong)
        inner = node.children[0] if bold and len(node.children) == 1 else node
        italic = isinstance(inner, Emph)
        leaf = inner.children[0] if italic and len(inner.children) == 1 else inner
        if isinstance(leaf, Link):
            leaf = Link(leaf.url, _regrouped(leaf.children))
        atoms.append((leaf, bold and leaf is not node, italic))
    out: list[Inline] = []
    index = 0
    while index < len(atoms):
        italic = atoms[index][2]
        group = []
        while index < len(atoms) and atoms[index][2] == italic:
            group.append(atoms[index][:2])
            index += 1
        inner: list[Inline] = []
        for bold, run in _runs(group):
            inner += [Strong(run)] if bold else run
        out += [Emph(inner)] if italic else inner
    return out


def _runs(atoms: list[tuple[Inline, bool]]) -> list[tuple[bool, list[Inline]]]:
    """Return neighbouring atoms grouped by whether they are bold."""
    runs: list[tuple[bool, list[Inline]]] = []
    for node, bold in atoms:
        if runs and runs[-1][0] == bold:
            runs[-1][1].append(node)
        else:
            runs.append((bold, [node]))
    return runs


def _formatted(node: Inline, bold: bool, italic: bool) -> Inline:
    """Return a text node inside bold and italic as the run has them."""
    if italic:
        node = Emph([node])
    if bold:
        node = Strong([node])
    return node


def _stripped(nodes: list[Inline]) -> list[Inline]:
    """Return content without spaces at its ends."""
    return _strip(list(nodes))


def _typed_number_length(text: str) -> int:
    """Return how many characters a number typed at the start of a text takes, with the spaces after it (0 for
    none): "4. The" 3, "(4) The" 4, "4.1 The" 4 (the same forms as check T002)."""
    match = TYPED_NUMBER.match(text)
    if match is None:
        return 0
    end = match.end(1) if match.group(1) else match.end(2)
    return end + len(text[end:]) - len(text[end:].lstrip())


def _drop_prefix(nodes: list[Inline], length: int) -> list[Inline]:
    """Return content without its first `length` characters of text (a typed paragraph number)."""
    out = []
    for node in nodes:
        if length > 0 and isinstance(node, (Text, Strong, Emph)):
            text = plain_text([node])
            if len(text) <= length:
                length -= len(text)
                continue
            if isinstance(node, Text):
                node = Text(node.text[length:])
                length = 0
        out.append(node)
    return out


def import_folder(word_file: Path, folder: Path, data_files: list[Path]) -> tuple[ImportResult, list[Path]]:
    """Import a Word file into a new submission folder, all or nothing; return the result and the files written.

    The folder written is read back by the loader before it is put in place: what `upr import` writes is a
    submission upr reads.
    """
    from .contentwrite import (copy_data, data_name, new_folder, read_data_option, refuse_existing, submission_files,
                               write_folder)
    from .load import load_submission

    refuse_existing(folder)
    data = [read_data_option(path) for path in data_files]
    with tempfile.TemporaryDirectory(prefix="upr-doc-") as work:  # where LibreOffice puts a .doc's .docx
        source = _as_docx(word_file, Path(work)) if word_file.suffix.lower() == ".doc" else word_file
        result = import_word(source, data)
    names = [data_name(path) for path in data_files]

    def fill(target: Path) -> list[Path]:
        written = write_folder(target, submission_files(result.submission, result.guesses, names))
        written += copy_data(target, list(data_files))
        try:
            load_submission(target)  # what is written must read back
        except ContentError as exc:
            raise UprError(f"{word_file}: upr could not read back what it made of this file ({exc.message}); "
                           "nothing was written (please report this)") from None
        return written

    return result, new_folder(folder, fill)


def _as_docx(doc: Path, workdir: Path) -> Path:
    """Return a legacy .doc converted to .docx by LibreOffice; say what to do when it is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise UprError(f"{doc}: a .doc file is read through LibreOffice, which is not installed: install it, or "
                       "save the file as .docx in Word")
    try:
        done = subprocess.run([soffice, "--headless", f"-env:UserInstallation={(workdir / 'lo').as_uri()}",
                               "--convert-to", "docx", "--outdir", str(workdir), str(doc)],
                              capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        raise UprError(f"{doc}: LibreOffice took more than five minutes to convert it: save it as .docx in Word") from None
    converted = workdir / f"{doc.stem}.docx"
    if done.returncode != 0 or not converted.is_file():
        raise UprError(f"{doc}: LibreOffice could not convert it to .docx ({done.stderr.strip()[:200]})")
    return converted
