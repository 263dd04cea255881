"""Parse the inline markup of content text into model nodes.

The syntax is small on purpose (see docs/content-format.md): emphasis, links,
notes, citations, recommendation and paragraph references. Everything else is
text, kept exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Generic, TypeVar

from .errors import ContentError, Location, RenderError
from .model import (
    Citation,
    CrossRef,
    Emph,
    Inline,
    Link,
    Note,
    NoteCall,
    RecommendationRef,
    Strong,
    Text,
)

ESCAPABLE = set("\\*[]{}^@<>_`")
MARKUP_START = re.compile(r"[\\^\[*<{]|https?://")
"""Where markup can begin (`construct_at` decides whether it does): the parser jumps from one to the next."""
BARE_URL = re.compile(r"https?://[^\s<>\"]+")
URL_TRAILING = ".,;:!?)]»”’\"'"
REC_NUMBER = re.compile(r"\d+(?:\.\d+)+")
RESPONSES = {"supported": "supported", "noted": "noted", "accepted": "supported", "rejected": "noted"}
LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")


T = TypeVar("T")


@dataclass
class InlineContext:
    """What the parser needs to know about the text it parses."""

    locate: Callable[[int], Location]  # offset in the text → place in the file
    in_note: bool = False
    notes_allowed: bool = True  # False where notes would never be numbered (annex comments)


def parse_inline(text: str, ctx: InlineContext) -> list[Inline]:
    """Return the inline nodes of `text`; raise ContentError on malformed markup."""
    return _Parser(text, ctx).parse(0, len(text))


class _Parser:
    """A hand-written scanner: one method per construct, positions kept for errors."""

    def __init__(self, text: str, ctx: InlineContext) -> None:
        self.text = text
        self.ctx = ctx
        self.pairs: dict[tuple[str, str], dict[int, int]] = {}  # (opener, closer) → opening offset → closing one
        self.no_closer: dict[tuple[str, int], int] = {}  # (delimiter, end) → a start from which none closes

    def error(self, message: str, offset: int) -> ContentError:
        """Return a ContentError located at `offset`."""
        return ContentError(message, self.ctx.locate(offset))

    def parse(self, start: int, end: int) -> list[Inline]:
        """Return the nodes of text[start:end]."""
        nodes: list[Inline] = []
        buffer: list[str] = []
        i = start
        while i < end:
            # Jump to the next character that can start markup: the text before it is text.
            found = MARKUP_START.search(self.text, i, end)
            if found is None:
                buffer.append(self.text[i:end])
                break
            if found.start() > i:
                buffer.append(self.text[i:found.start()])
                i = found.start()
            parsed = self.construct_at(i, end)
            if parsed is None:
                char = self.text[i]
                if char == "\\" and i + 1 < end and self.text[i + 1] in ESCAPABLE:
                    buffer.append(self.text[i + 1])
                    i += 2
                else:
                    buffer.append(char)
                    i += 1
                continue
            node, i = parsed
            if buffer:
                nodes.append(Text("".join(buffer)))
                buffer = []
            nodes.append(node)
        if buffer:
            nodes.append(Text("".join(buffer)))
        return nodes

    def construct_at(self, i: int, end: int) -> tuple[Inline, int] | None:
        """Return the construct starting at `i` and the offset after it, or None."""
        text = self.text
        if text.startswith("^[", i):
            return self.inline_note(i, end)
        if text.startswith("[^", i):
            return self.keyed_note(i, end)
        if text.startswith("[@", i):
            return self.citation(i, end)
        if text.startswith("***", i):
            return self.bold_italic(i, end)
        if text.startswith("**", i):
            return self.emphasis(i, end, "**", Strong)
        if text[i] == "*":
            return self.emphasis(i, end, "*", Emph)
        if text[i] == "[":
            return self.link(i, end)
        if text[i] == "<":
            return self.autolink(i, end)
        if text.startswith(("http://", "https://"), i) and (i == 0 or not text[i - 1].isalnum()):
            return self.bare_url(i, end)
        if text.startswith(("{rec ", "{ref "), i):
            return self.reference(i, end)
        return None

    def closing_bracket(self, open_at: int, end: int, opener: str = "[", closer: str = "]") -> int:
        """Return the offset of the bracket closing the one at `open_at` before `end`, or -1.

        The brackets of the whole text are paired once, in one pass (escaped ones left out), so that text
        with thousands of `[` costs time in proportion to its length.
        """
        if (opener, closer) not in self.pairs:
            self.pairs[(opener, closer)] = _pair(self.text, opener, closer)
        close = self.pairs[(opener, closer)].get(open_at, -1)
        return close if close < end else -1

    def opens(self, i: int, delim: str, end: int) -> bool:
        """Tell whether `delim` at `i` can open emphasis: a non-space follows it."""
        after = i + len(delim)
        return after < end and not self.text[after].isspace()

    def closes(self, i: int, start: int) -> bool:
        """Tell whether a delimiter at `i` can close emphasis: a non-space precedes it."""
        return i > start and not self.text[i - 1].isspace()

    def find_delimiter(self, delim: str, start: int, end: int) -> int:
        """Return where `delim` next closes emphasis, outside brackets and escapes, or -1.

        When none closes from some start, none closes from a later one either: that is remembered, so that
        thousands of unclosed `*` cost time in proportion to the text's length.
        """
        if start >= self.no_closer.get((delim, end), end + 1):
            return -1
        found = self._find_delimiter(delim, start, end)
        if found < 0:
            self.no_closer[(delim, end)] = min(start, self.no_closer.get((delim, end), start))
        return found

    def _find_delimiter(self, delim: str, start: int, end: int) -> int:
        """Return where `delim` next closes emphasis from `start` (see `find_delimiter`), or -1."""
        i = start
        while i < end:
            if self.text[i] == "\\":
                i += 2
                continue
            if self.text.startswith(delim, i):
                if delim == "*" and self.text.startswith("**", i):
                    close = self.find_delimiter("**", i + 2, end) if self.opens(i, "**", end) else -1
                    if close < 0 and self.closes(i, start):
                        return i
                    i = close + 2 if close > 0 else i + 2
                    continue
                if self.closes(i, start):
                    return i
                i += len(delim)
                continue
            if self.text[i] == "[":
                close = self.closing_bracket(i, end)
                if close > 0:
                    i = close + 1
                    continue
            i += 1
        return -1

    def bold_italic(self, i: int, end: int) -> tuple[Inline, int] | None:
        """Return `***both***` as bold and italic; other runs of three stars are read as bold or italic."""
        close = self.text.find("***", i + 3, end)
        while close > 0 and not self.closes(close, i + 3):
            close = self.text.find("***", close + 1, end)
        if self.opens(i, "***", end) and close > i + 3 and not self.text.startswith("*", close + 3):
            return Strong([Emph(self.parse(i + 3, close))]), close + 3
        return self.emphasis(i, end, "**", Strong)

    def emphasis(self, i: int, end: int, delim: str, kind: type) -> tuple[Inline, int] | None:
        """Return bold or italic text; an unmatched `*`, or one before a space, is plain text."""
        inner = i + len(delim)
        if not self.opens(i, delim, end):
            return None
        close = self.find_delimiter(delim, inner, end)
        if close <= inner:
            return None
        return kind(self.parse(inner, close)), close + len(delim)

    def inline_note(self, i: int, end: int) -> tuple[Inline, int]:
        """Return the call of a note written in place: `^[text]`."""
        self.refuse_note(i)
        if self.ctx.in_note:
            raise self.error("a note cannot contain another note", i)
        close = self.closing_bracket(i + 1, end)
        if close < 0:
            raise self.error("note '^[' is never closed with ']'", i)
        inner = _Parser(self.text, replace(self.ctx, in_note=True))
        inner.pairs, inner.no_closer = self.pairs, self.no_closer  # the same text: what is known of it holds
        content = inner.parse(i + 2, close)
        location = self.ctx.locate(i)
        return NoteCall(Note(content=_strip(content), location=location), location), close + 1

    def keyed_note(self, i: int, end: int) -> tuple[Inline, int]:
        """Return the call of a note defined by key: `[^key]`."""
        self.refuse_note(i)
        if self.ctx.in_note:
            raise self.error("a note cannot contain another note", i)
        close = self.closing_bracket(i, end)
        key = self.text[i + 2 : close].strip() if close > 0 else ""
        if close < 0 or not LABEL.fullmatch(key):
            raise self.error("a note call is written [^key], with a key of letters, digits, '-' or '_'", i)
        location = self.ctx.locate(i)
        return NoteCall(Note(content=[], location=location, key=key), location), close + 1

    def refuse_note(self, i: int) -> None:
        """Raise ContentError at a note where notes are not allowed."""
        if not self.ctx.notes_allowed:
            raise self.error(
                "notes are not allowed in an assessment comment; cite the paragraph with {ref …} instead", i
            )

    def citation(self, i: int, end: int) -> tuple[Inline, int]:
        """Return a citation of a source: `[@key]` or `[@key, pinpoint]`."""
        if not self.ctx.in_note:
            raise self.error("cite a source inside a note: ^[[@key, p. 1]]", i)
        close = self.closing_bracket(i, end)
        if close < 0:
            raise self.error("citation '[@' is never closed with ']'", i)
        key, _, pinpoint = self.text[i + 2 : close].partition(",")
        if not LABEL.fullmatch(key.strip()):
            raise self.error(f"'{key.strip()}' is not a source key", i)
        return Citation(key.strip(), pinpoint.strip(), self.ctx.locate(i)), close + 1

    def link(self, i: int, end: int) -> tuple[Inline, int] | None:
        """Return a link `[text](url)`; other brackets are plain text."""
        close = self.closing_bracket(i, end)
        if close < 0 or not self.text.startswith("(", close + 1):
            return None
        url_end = self.closing_bracket(close + 1, end, "(", ")")
        url = self.text[close + 2 : url_end].strip() if url_end > 0 else ""
        if not _is_web_url(url):
            return None
        return Link(url, self.parse(i + 1, close)), url_end + 1

    def autolink(self, i: int, end: int) -> tuple[Inline, int] | None:
        """Return a link written `<https://…>`; other `<` are plain text."""
        close = self.text.find(">", i, end)
        url = self.text[i + 1 : close] if close > 0 else ""
        if not _is_web_url(url) or any(c.isspace() for c in url):
            return None
        return Link(url, [Text(url)]), close + 1

    def bare_url(self, i: int, end: int) -> tuple[Inline, int]:
        """Return a bare web address as a link, leaving trailing punctuation outside."""
        match = BARE_URL.match(self.text, i, end)
        assert match is not None
        url = _trim_url(match.group(0))
        return Link(url, [Text(url)]), i + len(url)

    def reference(self, i: int, end: int) -> tuple[Inline, int]:
        """Return `{rec 124.4 (Brazil) supported}` or `{ref label}`."""
        close = self.text.find("}", i, end)
        if close < 0:
            raise self.error("reference '{' is never closed with '}'", i)
        kind, _, body = self.text[i + 1 : close].partition(" ")
        location = self.ctx.locate(i)
        if kind == "ref":
            if not LABEL.fullmatch(body.strip()):
                raise self.error("a paragraph reference is written {ref label}", i)
            return CrossRef(body.strip(), location), close + 1
        return _recommendation_ref(body.strip(), location, lambda m: self.error(m, i)), close + 1


def _pair(text: str, opener: str, closer: str) -> dict[int, int]:
    """Return each bracket's offset with that of the bracket closing it (escaped brackets left out).

    The regular expression jumps from one bracket or backslash to the next, so text between them costs
    nothing in Python.
    """
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for found in re.finditer(r"\\.|[" + re.escape(opener + closer) + "]", text, re.DOTALL):
        char = found.group()
        if char == opener:
            stack.append(found.start())
        elif char == closer and stack:
            pairs[stack.pop()] = found.start()
    return pairs


def _recommendation_ref(body: str, location: Location, error: Callable[[str], ContentError]) -> RecommendationRef:
    """Return the reference written inside `{rec …}`."""
    match = REC_NUMBER.match(body)
    if not match:
        raise error("a recommendation reference is written {rec 124.4}, {rec 124.4 (Brazil)} or {rec 124.4 noted}")
    rest = body[match.end() :].strip()
    states: list[str] = []
    while rest.startswith("("):
        close = _matching_paren(rest)
        if close < 0:
            raise error(f"unclosed '(' in recommendation reference {{rec {body}}}")
        states.append(rest[1:close].strip())
        rest = rest[close + 1 :].strip()
    claimed = None
    if rest:
        claimed = RESPONSES.get(rest.lower())
        if claimed is None:
            raise error(f"'{rest}' is not a response: write supported or noted")
    return RecommendationRef(match.group(0), location, tuple(states), claimed)


def _trim_url(url: str) -> str:
    """Return a bare address without trailing punctuation; a `)` stays when a `(` in the address opened it."""
    while url and url[-1] in URL_TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _matching_paren(text: str) -> int:
    """Return the offset of the parenthesis closing text[0], or -1."""
    depth = 0
    for offset, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return offset
    return -1


def _is_web_url(url: str) -> bool:
    """Tell whether `url` is an absolute http(s) or mailto address."""
    return url.startswith(("http://", "https://", "mailto:"))


def _strip(nodes: list[Inline]) -> list[Inline]:
    """Return nodes without leading and trailing whitespace."""
    if nodes and isinstance(nodes[0], Text):
        nodes[0] = Text(nodes[0].text.lstrip())
    if nodes and isinstance(nodes[-1], Text):
        nodes[-1] = Text(nodes[-1].text.rstrip())
    return [n for n in nodes if not (isinstance(n, Text) and not n.text)]


class InlineVisitor(Generic[T]):
    """A writer of inline nodes: one `visit_<NodeType>` method per node type, and one explicit fallback.

    A node type a writer has no method for reaches `unknown`, which raises:
    a new node type is added to every writer, not silently dropped by one.
    """

    writer_name = "this writer"
    """How `unknown` names the writer: "the DOCX writer"."""

    def visit(self, node: Inline) -> T:
        """Return what the method for this node's type returns."""
        method = getattr(self, f"visit_{type(node).__name__}", None)
        return self.unknown(node) if method is None else method(node)

    def unknown(self, node: Inline) -> T:
        """Raise: the writer has no method for this node's type."""
        raise RenderError(f"{self.writer_name} cannot render a {type(node).__name__}")


class PlainText(InlineVisitor[None]):
    """The one plain-text projection of inline content: the text a reader sees, without notes.

    It also keeps where note calls and recommendation references stand in
    that text (*anchors*: start, end, node), which the checks work on. The
    word count, the checks and the matching of the diff all read text through it.
    """

    writer_name = "the plain-text projection"

    def __init__(self) -> None:
        self.text = ""
        self.anchors: list[tuple[int, int, NoteCall | RecommendationRef]] = []

    def add(self, nodes: list[Inline]) -> PlainText:
        """Append the text of the nodes; return self."""
        for node in nodes:
            self.visit(node)
        return self

    def visit_Text(self, node: Text) -> None:
        self.text += node.text

    def visit_Strong(self, node: Strong) -> None:
        self.add(node.children)

    def visit_Emph(self, node: Emph) -> None:
        self.add(node.children)

    def visit_Link(self, node: Link) -> None:
        self.add(node.children)

    def visit_NoteCall(self, node: NoteCall) -> None:  # a note is not part of the text it is called from
        self.anchors.append((len(self.text), len(self.text), node))

    def visit_RecommendationRef(self, node: RecommendationRef) -> None:
        start = len(self.text)
        self.text += recommendation_label(node)
        self.anchors.append((start, len(self.text), node))

    def visit_CrossRef(self, node: CrossRef) -> None:
        self.text += crossref_text(node)

    def visit_Citation(self, node: Citation) -> None:
        self.add(citation_content(node))


def plain_text(nodes: list[Inline]) -> str:
    """Return the text a reader sees, without notes (for word counts and matching)."""
    return PlainText().add(nodes).text


def crossref_text(ref: CrossRef) -> str:
    """Return how a paragraph reference reads: the target's number, or the label when unknown."""
    return ref.target.number if ref.target else ref.label


def recommendation_label(ref: RecommendationRef) -> str:
    """Return how a recommendation reference reads: "124.4 (Brazil)"."""
    states = ref.recommendation.states if ref.recommendation else ref.written_states
    return " ".join([ref.number, *(f"({s})" for s in states)])


PINPOINT_SEPARATOR = ", "
"""What stands between a source and the pinpoint that follows it: "…/303181>, pp. 129–130"."""


def citation_content(citation: Citation) -> list[Inline]:
    """Return what a citation shows: the source's content (its key when undefined), then the pinpoint.

    A source that ends in a full stop gives it up to the pinpoint: "Law on the Press, p. 4".
    """
    shown = list(citation.source.content) if citation.source else [Text(f"[@{citation.key}]")]
    if not citation.pinpoint:
        return shown
    return _without_final_stop(shown) + [Text(PINPOINT_SEPARATOR + citation.pinpoint)]


def _without_final_stop(nodes: list[Inline]) -> list[Inline]:
    """Return inline content without the full stop it ends in, if any (inside bold or italic too)."""
    if not nodes:
        return nodes
    last = nodes[-1]
    if isinstance(last, Text) and last.text.endswith("."):
        return [*nodes[:-1], Text(last.text[:-1])]
    if isinstance(last, (Strong, Emph)):
        return [*nodes[:-1], type(last)(_without_final_stop(list(last.children)))]
    return nodes


def citation_text(citation: Citation) -> str:
    """Return a citation as plain text."""
    return plain_text(citation_content(citation))


def note_content(note: Note) -> list[Inline]:
    """Return what a note shows: its content, or a placeholder for an undefined key."""
    return [Text(f"[note '{note.key}' is not defined]")] if note.missing else note.content
