"""Render the model as pandoc's Markdown (`--format md`).

For people who carry a submission on in other tools, and for the benchmark
against pandoc: the same text, notes in place (`^[…]`), paragraphs as one
ordered list that keeps upr's numbers. Every character that Markdown would
read as markup is escaped, so the text reads as written.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from ..errors import RenderError
from ..inline import InlineVisitor, citation_content, crossref_text, note_content, recommendation_label
from ..model import Citation, CrossRef, Emph, Inline, Link, NoteCall, RecommendationRef, Strong, Submission, Text
from ..formatting import Block, format_submission

ADDRESS_SAFE = "".join(chr(c) for c in range(33, 127) if chr(c) not in "<>\\")
"""What an address keeps as it is between < and > (a space, a newline, <, > and \\ would end or break it)."""
SPECIAL = re.compile(r"([\\`*_\[\]<>#|^~$@!{}&])")
"""The characters pandoc's Markdown gives a meaning: `{` too, which after a link or at a heading's end would
give it attributes (`{onclick=…}` is a live script in pandoc's HTML), and `&`, which starts an entity."""


class MarkdownWriter(InlineVisitor[str]):
    """Turns inline nodes into pandoc Markdown: one `visit_<node>` per node type."""

    writer_name = "the Markdown writer"

    def render(self, nodes: list[Inline]) -> str:
        """Return the Markdown of a list of inline nodes."""
        return "".join(self.visit(node) for node in nodes)

    def visit_Text(self, node: Text) -> str:
        return escape(node.text)

    def visit_Strong(self, node: Strong) -> str:
        return f"**{self.render(node.children)}**"

    def visit_Emph(self, node: Emph) -> str:
        return f"*{self.render(node.children)}*"

    def visit_Link(self, node: Link) -> str:
        return f"[{self.render(node.children)}](<{link_address(node.url)}>)"

    def visit_NoteCall(self, node: NoteCall) -> str:
        return f"^[{self.render(note_content(node.note))}]"

    def visit_Citation(self, node: Citation) -> str:
        return self.render(citation_content(node))

    def visit_RecommendationRef(self, node: RecommendationRef) -> str:
        return escape(recommendation_label(node))

    def visit_CrossRef(self, node: CrossRef) -> str:
        return escape(crossref_text(node))


def link_address(url: str) -> str:
    """Return an address as it can stand between < and >: the characters that would end it percent-encoded."""
    return quote(url, safe=ADDRESS_SAFE)


def escape(text: str) -> str:
    """Return text with Markdown's special characters backslash-escaped."""
    return SPECIAL.sub(r"\\\1", text)


def render_markdown(submission: Submission) -> str:
    """Return the submission as one Markdown document, block by block as formatting.py gives them."""
    writer = MarkdownWriter()
    lines: list[str] = []
    previous: Block | None = None
    for block in format_submission(submission):
        if previous is not None and _ends_group(previous, block):
            lines.append("")
        lines += _block(writer, block, previous, submission.root)
        previous = block
    return "\n".join(lines).rstrip() + "\n"


_INDENT_UNDER_PARAGRAPH = ("quote", "item")


def _ends_group(previous: Block, block: Block) -> bool:
    """Return True when a blank line goes between two blocks (lists and table rows run on)."""
    runs_on = (previous.kind == block.kind and block.kind in ("quote", "item", "recommendation", "annex-row"))
    return not runs_on


def _block(writer: MarkdownWriter, block: Block, previous: Block | None, root: Path) -> list[str]:
    """Return the Markdown lines of one block (`root`: the submission's folder, where logos are found)."""
    text = writer.render(list(block.content))
    if block.kind == "cover-title":
        return [f"# {text}"]
    if block.kind == "heading":
        return ["#" * (block.level + 1) + f" {text}"]
    if block.kind in ("recommendations-heading",):
        return [f"### {text}"]
    if block.kind == "paragraph":
        return [f"{block.number}. {text}"]
    if block.kind in _INDENT_UNDER_PARAGRAPH:
        indent = " " * (len(block.source.number) + 2)  # under the paragraph's text: "12. "
        if block.kind == "item":
            return [f"{indent}- {text}"]
        if block.number:
            return [f"{indent}> {block.number}. {text}"]
        # Unnumbered quoted items are paragraphs of one block quote, kept apart by an empty quoted line.
        apart = [f"{indent}>"] if previous is not None and previous.kind == "quote" and not previous.number else []
        return [*apart, f"{indent}> {text}"]
    if block.kind == "recommendation":
        return [f"- {text}"]
    if block.kind == "annex-heading":
        return [f"## {text}"]
    if block.kind == "annex-row":
        row = "| " + " | ".join(writer.render(list(cell)) for cell in block.cells) + " |"
        return [row, "|" + "---|" * len(block.cells)] if block.header else [row]
    if block.kind == "cover-line":
        return [text]
    if block.kind == "cover-logos":  # addressed from the submission's folder, as pandoc's --resource-path takes it
        return [" ".join(f"![{escape(o.name)}]({quote(o.logo.relative_to(root).as_posix())})" for o in block.source)]
    raise RenderError(f"the Markdown writer cannot render a {block.kind} block")
