"""`--format md`: the submission as pandoc Markdown, checked by reading it back."""

from __future__ import annotations

import re
from pathlib import Path

from generator.build import load_resolved
from generator.render.markdown import escape, render_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_markdown_keeps_numbers_notes_and_headings_of_the_example() -> None:
    text = render_markdown(load_resolved(ROOT / "content" / "kazakhstan-2019"))
    numbers = [int(m.group(1)) for m in re.finditer(r"^(\d+)\. ", text, re.MULTILINE)]
    assert numbers == list(range(1, 36))
    assert text.count("^[") == 56
    assert "## Media Freedom" in text and "### Recommendation\n" in text
    assert "124.4 (Brazil); 124.5 (Chile)" in text


def test_markup_in_content_is_escaped() -> None:
    assert escape("<b>*not bold*</b> [x]") == r"\<b\>\*not bold\*\</b\> \[x\]"


def test_minimal_submission_lists_items_and_quotes_under_their_paragraph(minimal: Path) -> None:
    text = render_markdown(load_resolved(minimal))
    assert "1. Text with **bold**, *italic*, a [link](<https://example.org>) and a note.^[" in text
    assert "\n   - First item.^[A note written by key, with *emphasis*.]\n" in text
    assert "\n   > 1. Quoted one.\n   > 2. Quoted two.\n" in text


def test_link_addresses_cannot_end_their_brackets_or_break_the_line() -> None:
    from generator.model import Link, Text
    from generator.render.markdown import MarkdownWriter

    written = MarkdownWriter().render([Text("see !"), Link("https://e.example/x>\n<script>a b", [Text("x")])])
    assert written == "see \\![x](<https://e.example/x%3E%0A%3Cscript%3Ea%20b>)"
    assert MarkdownWriter().render([Link("https://e.example/a%20b?q=1&r=(2)", [Text("y")])]) == (
        "[y](<https://e.example/a%20b?q=1&r=(2)>)")
