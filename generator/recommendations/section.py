"""Split the "Conclusions and/or recommendations" section into paragraphs and numbered items.

Two numberings occur. Cycle 2 and later number items paragraph.item
("124.1 Adopt …"). Cycle 1 numbers them 1., 2., … inside a paragraph, so an
item "96." can look like paragraph 96: an item list goes on while its last
item ends with ";", and the paragraph after it starts once an item ends with ".".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.errors import ReportImportError
from generator.recommendations.furniture import Line
from generator.recommendations.problems import ImportProblem

# The text may start on the next line (pdftotext); "148 . All …" occurs.
SECTION_HEADING = re.compile(
    r"(?:[IVX]+\.?\s+)?Conclusions\s+and(?:\s*/\s*or)?\s+recommendations[\s*\u2217]*", re.IGNORECASE
)
"""The heading of the section that lists the recommendations (without a table-of-contents leader).

Reports write it "Conclusions and/or recommendations**", with "∗∗" (U+2217)
for the footnote mark, or in capitals without "/or"."""

_PARAGRAPH = re.compile(r"(\d{1,3}) ?\.(?:\s+(\S.*))?")
_DOTTED_ITEM = re.compile(r"(\d{1,3})\.(\d{1,3})\.?(?:\s+(\S.*))?")
_MISPRINTED_ITEM = re.compile(r"(\d{1,3})\s?[.\-–]\s?(\d{1,3})\.?(?:\s+(\S.*))?")  # "125-15", "111. 29"
_SEPARATOR = re.compile(r"[*∗](?:\s*[*∗]){2,}")  # "***" closes a list in some reports
_UNDOTTED = re.compile(r"(\d{1,3})\s+(\S.*)")
_CLOSING = re.compile(r"reflects? the positions? of the submitting State", re.IGNORECASE)
_CHAPEAU_START = re.compile(r"(?:The following|The recommendations|All conclusions|\w+ considers? that)\b")
_ANNEX = re.compile(r"Annex(?:es)?(?: [IVX\d]+)?")
# The next chapter ends the section when the closing paragraph is missing: "III. VOLUNTARY COMMITMENTS …".
_NEXT_CHAPTER = re.compile(r"[IVX]{1,4}\.\s+(?:[^a-z]+|Voluntary\b.*|.*\bcommitments\b.*)")
_GAP = 3  # a cycle-1 item number may skip this many numbers before it stops counting as the next item


@dataclass
class RawItem:
    """A numbered item as found, before its States are taken off."""

    number: str
    """The number people cite: "124.4", or "95.1" for item 1 of paragraph 95."""
    index: int
    """The item's own number inside its paragraph (4 in "124.4")."""
    lines: list[Line]
    """Its lines, the first starting after the number."""
    printed: str | None = None
    """The number as printed when it is not plainly paragraph.item of its paragraph ("146.18", "125-15")."""
    printed_index: int | None = None
    """The item part of the printed number when its paragraph part is right (15 in "125-15"), else None."""

    @property
    def page(self) -> int:
        """Return the page the item starts on."""
        return self.lines[0].page

    @property
    def calls(self) -> tuple[str, ...]:
        """Return the footnote marks called in the item."""
        return tuple(call for line in self.lines for call in line.calls)

    def ends_list(self) -> bool:
        """Return True when the item ends with "." (the last of a list) rather than ";"."""
        return self.lines[-1].text.rstrip().endswith(".")

    def ends_item(self) -> bool:
        """Return True when the item's text so far ends as an item does: with ";" or "."."""
        return self.lines[-1].text.rstrip().endswith((";", "."))


@dataclass
class RawParagraph:
    """A numbered paragraph of the section: its opening words (chapeau) and its items."""

    number: int
    lines: list[Line]
    items: list[RawItem] = field(default_factory=list)
    dotted: bool = False
    """True when its items are numbered paragraph.item."""

    @property
    def page(self) -> int:
        """Return the page the paragraph starts on."""
        return self.lines[0].page

    @property
    def chapeau(self) -> str:
        """Return the paragraph's own text, before its items, on one line."""
        return " ".join(line.text for line in self.lines if line.text)

    @property
    def calls(self) -> tuple[str, ...]:
        """Return the footnote marks called in the paragraph's own text."""
        return tuple(call for line in self.lines for call in line.calls)


@dataclass(frozen=True)
class Section:
    """The paragraphs of the conclusions section, up to the closing one."""

    heading: Line
    paragraphs: tuple[RawParagraph, ...]
    problems: tuple[ImportProblem, ...]


def read_section(lines: tuple[Line, ...]) -> Section:
    """Return the paragraphs and items of the conclusions section; raise if there is none."""
    start = _heading_index(lines)
    parser = _SectionParser()
    for line in lines[start + 1 :]:
        if parser.closed or _ANNEX.fullmatch(line.text) or _NEXT_CHAPTER.fullmatch(line.text):
            break
        parser.feed(line)
    problems = parser.finish()
    for paragraph in parser.paragraphs:
        if paragraph.dotted:
            problems += renumber(paragraph)
    return Section(lines[start], tuple(parser.paragraphs), tuple(problems))


def renumber(paragraph: RawParagraph) -> list[ImportProblem]:
    """Number the items of a paragraph.item list by their place, where the printed number does not fit.

    A printed number stands when it follows the item before; a jump forward
    stands when the next item goes on from it (a number really skipped);
    anything else (a wrong paragraph, a repeat, a number one misprint
    away) becomes the number its place gives. One misprint thus changes
    one item, never the ones after it. Returns a problem for each number not
    imported as printed, and for each jump.
    """
    problems: list[ImportProblem] = []
    previous = 0
    for position, item in enumerate(paragraph.items):
        printed = item.printed_index
        following = paragraph.items[position + 1].printed_index if position + 1 < len(paragraph.items) else None
        jump_holds = printed is not None and following == printed + 1 and (
            previous + 1 < printed <= previous + 1 + _GAP or previous == 0)
        index = printed if printed == previous + 1 or jump_holds else previous + 1
        item.index, item.number = index, f"{paragraph.number}.{index}"
        problems += _number_problems(paragraph, item, previous)
        previous = index
    return problems


def _number_problems(paragraph: RawParagraph, item: RawItem, previous: int) -> list[ImportProblem]:
    """Return what to say about an item's number: printed otherwise, or after a jump."""
    page, number = item.page, item.number
    if item.printed_index != item.index or item.printed is not None:
        shown = item.printed or f"{paragraph.number}.{item.printed_index}"
        return [ImportProblem(f"{number} is printed as {shown.rstrip('.')}; imported as {number}, the number its "
                              "place in the list gives", page, number)]
    if item.index == previous + 1:
        return []
    if previous == 0:
        return [ImportProblem(f"the list of paragraph {paragraph.number} starts at {number}, not "
                              f"{paragraph.number}.1; imported as printed", page, number)]
    return [ImportProblem(f"numbering jumps from {paragraph.number}.{previous} to {number}; imported as printed",
                          page, number)]


def closes_section(page_text: str) -> bool:
    """Return True when a page holds the end of the section: its closing paragraph, the next chapter or an
    annex (a page after it need not be read)."""
    if _CLOSING.search(" ".join(page_text.split())):
        return True
    lines = [" ".join(line.split()) for line in page_text.splitlines()]
    return any((_ANNEX.fullmatch(line) or _NEXT_CHAPTER.fullmatch(line)) and not SECTION_HEADING.fullmatch(line)
               for line in lines)


def _heading_index(lines: tuple[Line, ...]) -> int:
    """Return the index of the last "Conclusions and/or recommendations" heading (the first is in the contents)."""
    found = [index for index, line in enumerate(lines) if SECTION_HEADING.fullmatch(line.text)]
    if not found:
        raise ReportImportError('no "Conclusions and/or recommendations" section found')
    return found[-1]


class _SectionParser:
    """Reads the section line by line into paragraphs and items."""

    def __init__(self) -> None:
        self.paragraphs: list[RawParagraph] = []
        self.problems: list[ImportProblem] = []
        self.closed = False

    @property
    def current(self) -> RawParagraph | None:
        """Return the paragraph being read, or None before the first."""
        return self.paragraphs[-1] if self.paragraphs else None

    def feed(self, line: Line) -> None:
        """Take one line: a new item, a new paragraph, or more of the current one."""
        if _SEPARATOR.fullmatch(line.text):
            return
        if not (self._dotted_item(line) or self._plain_line(line)):
            self._continue(line)
        self._split_mid_line()
        if self.current and not self.current.items and _CLOSING.search(self.current.chapeau):
            self.paragraphs.pop()
            self.closed = True

    def finish(self) -> list[ImportProblem]:
        """Return the problems met, adding one if the closing paragraph never came."""
        if not self.closed:
            page = self.current.page if self.current else None
            self.problems.append(
                ImportProblem("the closing paragraph (“… reflect the position of the submitting State(s) …”) "
                              "was not found; read to the end of the section", page)
            )
        return self.problems

    def _dotted_item(self, line: Line) -> bool:
        """Start an item numbered paragraph.item ("124.4 …") if the line is one.

        The number is read as printed ("125-15", "111. 29" and "136.69" inside
        paragraph 138 too); renumber() later judges it by its place. The next
        number always starts an item; another starts one where the layout
        shows a block starting, or, from text alone, after an item that ended.
        """
        para = self.current
        match = _DOTTED_ITEM.fullmatch(line.text) or _MISPRINTED_ITEM.fullmatch(line.text)
        if not match or para is None or (para.items and not para.dotted):
            return False
        prefix, index, rest = int(match.group(1)), int(match.group(2)), match.group(3)
        standard = _DOTTED_ITEM.fullmatch(line.text) is not None and prefix == para.number
        expected = para.items[-1].index + 1 if para.items else 1
        if not (standard and index == expected):
            if line.block is False:
                return False
            near = standard and (expected < index <= expected + _GAP or not para.items)
            if not near and not self._misprint_is_item(para, prefix, index, expected, line, rest):
                return False
        para.dotted = True
        place = index if standard and index >= expected else expected
        para.items.append(RawItem(f"{para.number}.{place}", place, [Line(rest or "", line.page, line.calls)],
                                  printed=None if standard else line.text[: match.end(2)],
                                  printed_index=index if prefix == para.number else None))
        return True

    def _misprint_is_item(self, para: RawParagraph, prefix: int, index: int, expected: int, line: Line,
                          rest: str | None) -> bool:
        """Return True when a number that does not follow still starts the next item.

        With the layout known, a numbered line after a space is an item. From
        text alone a number is taken when its paragraph or its item part is
        right ("146.18" in paragraph 147, "147.1" after 147.2), after an item
        that ended and before a capital.
        """
        if para.items and not para.dotted:
            return False
        if line.block:
            return True
        after_end = not para.items or para.items[-1].ends_item()
        return (prefix == para.number or index == expected) and after_end and bool(rest) and rest[:1].isupper()

    def _split_mid_line(self) -> None:
        """Split the last item where the next one starts inside its last line: "… (Spain);110.44. Ensure …"."""
        para = self.current
        while para is not None and para.items and para.dotted:
            last = para.items[-1]
            expected = f"{para.number}.{last.index + 1}"
            line = last.lines[-1]
            match = re.search(rf"\)\s*[;.]\s*({re.escape(expected)})\.?(?:\s+|$)", line.text)
            if not match:
                return
            last.lines[-1] = Line(line.text[: match.start(1)].rstrip(), line.page, line.calls, line.block)
            self.problems.append(ImportProblem(
                f"{expected} starts in the middle of a line of {last.number}; imported as an item of its own",
                line.page, expected))
            para.items.append(RawItem(expected, last.index + 1, [Line(line.text[match.end():], line.page)],
                                      printed_index=last.index + 1))

    def _plain_line(self, line: Line) -> bool:
        """Start a cycle-1 item ("1. To …") or a new paragraph if the line is one."""
        match = _PARAGRAPH.fullmatch(line.text) or self._undotted_item(line)
        if not match:
            return False
        number, rest = int(match.group(1)), Line(match.group(2) or "", line.page, line.calls)
        para = self.current
        if line.block is False and not self._follows_on(para, number, match):
            return False
        if para is not None and self._is_plain_item(para, number, rest.text):
            self._check_sequence(para, number, line)
            if match.re is _UNDOTTED:
                self.problems.append(ImportProblem(
                    f"item {number} of paragraph {para.number} is printed without its full stop", line.page,
                    f"{para.number}.{number}"))
            para.items.append(RawItem(f"{para.number}.{number}", number, [rest]))
            return True
        if (para is None or number == para.number + 1) and match.re is _PARAGRAPH:
            self.paragraphs.append(RawParagraph(number, [rest]))
            return True
        if para is not None and match.re is _PARAGRAPH and self._out_of_sequence_paragraph(para, rest.text):
            self.problems.append(ImportProblem(
                f"paragraph {number} follows paragraph {para.number}; imported as printed", line.page, str(number)))
            self.paragraphs.append(RawParagraph(number, [rest]))
            return True
        return False

    @staticmethod
    def _follows_on(para: RawParagraph | None, number: int, match: re.Match[str]) -> bool:
        """Return True when "N. …" is the very number that comes next, so it starts a paragraph or item even
        where the layout shows no space above it (reports set without spacing between items)."""
        if para is None or match.re is not _PARAGRAPH:
            return False
        last = para.items[-1] if para.items else None
        if number == para.number + 1 and (last is None or last.ends_list()):
            return True
        if para.dotted:
            return False
        return number == 1 if last is None else number == last.index + 1 and last.ends_item()

    @staticmethod
    def _out_of_sequence_paragraph(para: RawParagraph, text: str) -> bool:
        """Return True when "N. The following recommendations …" after a finished list opens a paragraph
        whose number does not follow (a misprint), rather than going on with the list."""
        return bool(para.items) and para.items[-1].ends_list() and bool(_CHAPEAU_START.match(text))

    def _undotted_item(self, line: Line) -> re.Match[str] | None:
        """Return the match of a cycle-1 item printed without its full stop ("73 Take …"), after a space."""
        para = self.current
        match = _UNDOTTED.fullmatch(line.text)
        if not match or para is None or para.dotted or not para.items or line.block is False:
            return None
        if line.block is None and not (para.items[-1].ends_item() and match.group(2)[:1].isupper()):
            return None  # from text alone, only after an item that ended and before a capital
        return match if int(match.group(1)) == para.items[-1].index + 1 else None

    def _is_plain_item(self, para: RawParagraph, number: int, text: str) -> bool:
        """Return True when "N. …" is the next item of the paragraph's list, not the next paragraph."""
        if para.dotted:
            return False
        if not para.items:
            return number == 1
        last = para.items[-1]
        next_paragraph = number == para.number + 1
        if next_paragraph and (last.ends_list() or _CHAPEAU_START.match(text)):
            return False
        if number == last.index + 1:
            return True
        return last.index + 1 < number <= last.index + 1 + _GAP and not next_paragraph and not last.ends_list()

    def _check_sequence(self, para: RawParagraph, index: int, line: Line) -> None:
        """Note a problem when an item's number does not follow the one before."""
        expected = para.items[-1].index + 1 if para.items else 1
        if index != expected and not para.items:
            self.problems.append(ImportProblem(
                f"the list of paragraph {para.number} starts at {para.number}.{index}, not {para.number}.1; "
                "imported as printed", line.page, f"{para.number}.{index}"))
        elif index != expected:
            self.problems.append(ImportProblem(
                f"numbering jumps from {para.number}.{expected - 1} to {para.number}.{index}; imported as printed",
                line.page, f"{para.number}.{index}"))

    def _continue(self, line: Line) -> None:
        """Add a line to the current item, or to the current paragraph's chapeau."""
        para = self.current
        if para is None:
            self.problems.append(ImportProblem(f"text before the first paragraph, not imported: {line.text!r}",
                                               line.page))
        elif para.items:
            para.items[-1].lines.append(line)
        else:
            para.lines.append(line)
