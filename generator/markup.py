"""Write inline nodes back as upr's markup: the inverse of the inline parser, for importers.

`**bold**`, `*italic*`, `[text](url)`, `<url>`, `^[note]`, `[^key]`,
`[@key, pinpoint]`, `{rec 124.4 (Brazil)}`, `{ref label}`; any character
the parser would read as markup is escaped with a backslash, so that text
read back is the text written.
"""

from __future__ import annotations

from typing import Sequence

from .inline import BARE_URL, ESCAPABLE, InlineVisitor, _trim_url
from .model import Citation, CrossRef, Emph, Inline, Link, NoteCall, RecommendationRef, Strong, Text


class MarkupWriter(InlineVisitor[str]):
    """Turns inline nodes into upr's markup: one `visit_<node>` per node type."""

    writer_name = "the markup writer"

    def write(self, nodes: list[Inline]) -> str:
        """Return the markup of a list of inline nodes."""
        return "".join(self.visit(node) for node in _merged(nodes))

    def visit_Text(self, node: Text) -> str:
        return escape(node.text)

    def visit_Strong(self, node: Strong) -> str:
        return _delimited("**", self.write(node.children))

    def visit_Emph(self, node: Emph) -> str:
        return _delimited("*", self.write(node.children))

    def visit_Link(self, node: Link) -> str:
        if len(node.children) == 1 and isinstance(node.children[0], Text) and node.children[0].text == node.url:
            return f"<{address(node.url)}>"
        return f"[{self.write(node.children)}]({address(node.url)})"

    def visit_NoteCall(self, node: NoteCall) -> str:
        if node.note.key:
            return f"[^{node.note.key}]"
        return f"^[{self.write(node.note.content)}]"

    def visit_Citation(self, node: Citation) -> str:
        return f"[@{node.key}, {node.pinpoint}]" if node.pinpoint else f"[@{node.key}]"

    def visit_RecommendationRef(self, node: RecommendationRef) -> str:
        return rec_markup(node.number, node.written_states, node.claimed_response)

    def visit_CrossRef(self, node: CrossRef) -> str:
        return f"{{ref {node.label}}}"


def rec_markup(number: str, states: Sequence[str] = (), claimed: str | None = None) -> str:
    """Return how a previous recommendation is cited in content: {rec 124.4 (Brazil)}, {rec 124.4 noted}."""
    written = "".join(f" ({state})" for state in states)
    return f"{{rec {number}{written}{f' {claimed}' if claimed else ''}}}"


def _delimited(delimiter: str, inner: str) -> str:
    """Return bold or italic markup; spaces at its edges go outside, where the parser wants them."""
    core = inner.strip()
    if not core:
        return inner
    before, after = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
    return f"{before}{delimiter}{core}{delimiter}{after}"


MARKUP_IN_ADDRESS = "()[]{}*^\\`<> "
"""What an address cannot hold as it is: it would end the address, or start markup where the parser looks."""


def address(url: str) -> str:
    """Return a web address with what the parser would read as markup percent-encoded ("…/a)" → "…/a%29")."""
    return "".join(f"%{ord(char):02X}" if char in MARKUP_IN_ADDRESS or ord(char) < 32 else char for char in url)


def escape(text: str) -> str:
    """Return plain text with every character the parser reads as markup escaped. A bare web address in the
    text (which the parser makes a link) is written `<address>`, with its markup characters percent-encoded:
    it reads back as the same address, linked, and no markup can start inside it."""
    out, at = [], 0
    for match in BARE_URL.finditer(text):
        if match.start() == 0 or not text[match.start() - 1].isalnum():
            url = _trim_url(match.group(0))  # the punctuation ending its sentence, as the parser leaves it
            out.append(_escaped(text[at:match.start()]))
            out.append(f"<{address(url)}>")
            at = match.start() + len(url)
    out.append(_escaped(text[at:]))
    return "".join(out)



def _escaped(text: str) -> str:
    """Return text with each markup character escaped."""
    return "".join(f"\\{char}" if char in ESCAPABLE else char for char in text)


def _merged(nodes: list[Inline]) -> list[Inline]:
    """Return the nodes with neighbouring texts joined, and bold or italic runs of the same kind joined
    ("**a****b**" would not read back)."""
    merged: list[Inline] = []
    for node in nodes:
        last = merged[-1] if merged else None
        if isinstance(node, Text) and isinstance(last, Text):
            merged[-1] = Text(last.text + node.text)
        elif isinstance(node, (Strong, Emph)) and type(node) is type(last):
            merged[-1] = type(node)([*last.children, *node.children])
        else:
            merged.append(node)
    return merged
