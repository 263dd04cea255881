"""The markup writer is the parser's inverse: text written and read back is the same inline nodes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Location
from generator.inline import InlineContext, parse_inline
from generator.load import load_submission
from generator.markup import MarkupWriter
from generator.model import Citation, CrossRef, Emph, Inline, Link, NoteCall, RecommendationRef, Strong, Text
from generator.traverse import text_runs

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT / "content" / "kazakhstan-2019", *sorted((ROOT / "tests" / "fixtures" / "build").iterdir())]


def shape(nodes: list[Inline]) -> list:
    """Return nodes as comparable data, places left out (neighbouring texts joined)."""
    out: list = []
    for node in nodes:
        if isinstance(node, Text):
            if out and isinstance(out[-1], str):
                out[-1] += node.text
            else:
                out.append(node.text)
        elif isinstance(node, (Strong, Emph)):
            out.append((type(node).__name__, shape(node.children)))
        elif isinstance(node, Link):
            out.append(("Link", node.url, shape(node.children)))
        elif isinstance(node, NoteCall):
            out.append(("Note", node.note.key, shape(node.note.content)))
        elif isinstance(node, Citation):
            out.append(("Cite", node.key, node.pinpoint))
        elif isinstance(node, RecommendationRef):
            out.append(("Rec", node.number, node.written_states, node.claimed_response))
        elif isinstance(node, CrossRef):
            out.append(("Ref", node.label))
    return out


def read_back(markup: str) -> list[Inline]:
    """Return the nodes the parser reads from markup."""
    return parse_inline(markup, InlineContext(lambda offset: Location(Path("x.yaml"), 1, offset + 1)))


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_paragraph_written_and_read_back_is_the_same(folder: Path) -> None:
    writer = MarkupWriter()
    for run in text_runs(load_submission(folder)):
        assert shape(read_back(writer.write(run.nodes))) == shape(run.nodes)


@pytest.mark.parametrize("text", ["2 * 3 = 6 and a_b", "[not a link] {curly} <angle> ^caret @at `tick` \\back",
                                  "**stars** in text", "an escaped \\* star"])
def test_text_with_markup_characters_reads_back_as_text(text: str) -> None:
    assert shape(read_back(MarkupWriter().write([Text(text)]))) == [text]


def test_spaces_at_the_edges_of_bold_go_outside() -> None:
    written = MarkupWriter().write([Text("a"), Strong([Text(" bold ")]), Text("b")])
    assert written == "a **bold** b"


def test_a_bare_address_in_text_is_written_as_it_is() -> None:
    text = "Available at: https://online.zakon.kz/document/?doc_id=1006061. Article_143 *x*"
    written = MarkupWriter().write([Text(text)])
    assert written == "Available at: <https://online.zakon.kz/document/?doc_id=1006061>. Article\\_143 \\*x\\*"
    assert plain_text_of(read_back(written)) == text


@pytest.mark.parametrize(("nodes", "shown"), [
    ([Link("https://a.org/)^[Injected]", [Text("x")])], [("Link", "https://a.org/%29%5E%5BInjected%5D", ["x"])]),
    ([Text("see https://a.org/]^[evil")], ["see ", ("Link", "https://a.org/%5D%5E%5Bevil",
                                                     ["https://a.org/%5D%5E%5Bevil"])]),
    ([Strong([Emph([Text("both")])])], [("Strong", [("Emph", ["both"])])]),
    ([Emph([Text("it"), Strong([Text("both")]), Text("it")])], [("Emph", ["it", ("Strong", ["both"]), "it"])]),
])
def test_markup_in_addresses_and_formatting_cannot_become_other_markup(nodes: list, shown: list) -> None:
    assert shape(read_back(MarkupWriter().write(nodes))) == shown


def plain_text_of(nodes: list[Inline]) -> str:
    """Return the text of nodes as a reader sees it."""
    from generator.inline import plain_text

    return plain_text(nodes)
