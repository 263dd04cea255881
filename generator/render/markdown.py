"""Render the model as pandoc's Markdown (`--format md`).

For people who carry a submission on in other tools, and for the benchmark
against pandoc: the same text, notes in place (`^[…]`), paragraphs as one
ordered list that keeps upr's numbers. Every character that Markdown would
read as markup is escaped, so the text reads as written.
"""

from __future__ import annotations

import re

from ..errors import RenderError
from ..inline import citation_text, crossref_text, recommendation_label
from ..model import (
    Citation,
    CrossRef,
    Emph,
    Inline,
    Link,
    NoteCall,
    Paragraph,
    RecommendationRef,
    Section,
    Strong,
    Submission,
    Text,
)
from .common import cover_lines

SPECIAL = re.compile(r"([\\`*_\[\]<>#|^~$@])")


class MarkdownWriter:
    """Turns inline nodes into pandoc Markdown: one `visit_<node>` per node type."""

    def render(self, nodes: list[Inline]) -> str:
        """Return the Markdown of a list of inline nodes."""
        out = []
        for node in nodes:
            method = getattr(self, f"visit_{type(node).__name__}", None)
            if method is None:
                raise RenderError(f"the Markdown writer cannot render a {type(node).__name__}")
            out.append(method(node))
        return "".join(out)

    def visit_Text(self, node: Text) -> str:
        return escape(node.text)

    def visit_Strong(self, node: Strong) -> str:
        return f"**{self.render(node.children)}**"

    def visit_Emph(self, node: Emph) -> str:
        return f"*{self.render(node.children)}*"

    def visit_Link(self, node: Link) -> str:
        return f"[{self.render(node.children)}](<{node.url}>)"

    def visit_NoteCall(self, node: NoteCall) -> str:
        text = self.render(node.note.content) if not node.note.missing else escape(f"[note '{node.note.key}' is not defined]")
        return f"^[{text}]"

    def visit_Citation(self, node: Citation) -> str:
        if node.source is None:
            return escape(citation_text(node))
        pinpoint = f" {escape(node.pinpoint)}" if node.pinpoint else ""
        return self.render(node.source.content) + pinpoint

    def visit_RecommendationRef(self, node: RecommendationRef) -> str:
        return escape(recommendation_label(node))

    def visit_CrossRef(self, node: CrossRef) -> str:
        return escape(crossref_text(node))


def escape(text: str) -> str:
    """Return text with Markdown's special characters backslash-escaped."""
    return SPECIAL.sub(r"\\\1", text)


def render_markdown(submission: Submission) -> str:
    """Return the submission as one Markdown document."""
    writer = MarkdownWriter()
    cover = cover_lines(submission)
    lines = [f"# {escape(cover.title)}", "", f"**{escape(cover.submitted_by)}**", "", f"*{escape(cover.review)}*", ""]
    for org in cover.organisation_lines:
        lines += [f"**{escape(org.name)}**: {escape(org.details)}", ""]
    for section in submission.sections:
        lines += _section(writer, section)
    return "\n".join(lines).rstrip() + "\n"


def _section(writer: MarkdownWriter, section: Section) -> list[str]:
    """Return the lines of a section: heading, paragraphs, subsections, recommendations."""
    lines = ["#" * (section.level + 1) + f" {escape(section.heading)}", ""]
    for block in section.body:
        lines += _paragraph(writer, block) if isinstance(block, Paragraph) else _section(writer, block)
    if section.recommendations:
        lines += [f"### {escape(section.recommendations_title)}", ""]
        lines += [f"- {writer.render(rec.content)}" for rec in section.recommendations] + [""]
    return lines


def _paragraph(writer: MarkdownWriter, paragraph: Paragraph) -> list[str]:
    """Return a numbered paragraph as a list item, its quote and items indented under it."""
    marker = f"{paragraph.number}."
    indent = " " * (len(marker) + 1)
    lines = [f"{marker} {writer.render(paragraph.content)}", ""]
    if paragraph.quote:
        for index, item in enumerate(paragraph.quote.items, start=1):
            bullet = f"{index}." if paragraph.quote.numbered else "-"
            lines.append(f"{indent}> {bullet} {writer.render(item)}")
        lines.append("")
    for item in paragraph.items:
        lines.append(f"{indent}- {writer.render(item)}")
    if paragraph.items:
        lines.append("")
    return lines
