"""The inline syntax, the loader and resolve: the model that every output reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import build_submission, load_resolved
from generator.errors import ContentError, Location
from generator.inline import InlineContext, parse_inline, plain_text
from generator.model import Citation, CrossRef, Emph, Link, RecommendationRef, Strong, Text
from tests.docxread import read_docx

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "content" / "minimal"


def parse(text: str, in_note: bool = False):
    return parse_inline(text, InlineContext(lambda offset: Location(Path("x.yaml"), 1, offset + 1), in_note))


def test_bold_can_hold_a_note_whose_text_has_italics() -> None:
    nodes = parse("**Articles 373,[^a373] and 375,^[see *Code*]** impose")
    assert isinstance(nodes[0], Strong) and nodes[1] == Text(" impose")
    inner = nodes[0].children
    assert [type(n).__name__ for n in inner] == ["Text", "NoteCall", "Text", "NoteCall"]
    assert inner[1].note.key == "a373"
    assert inner[3].note.content == [Text("see "), Emph([Text("Code")])]


def test_brackets_that_are_not_markup_stay_text() -> None:
    assert parse("[I]ts operation [...] and [Online]") == [Text("[I]ts operation [...] and [Online]")]


def test_escapes_give_the_character() -> None:
    assert parse(r"a \*star\* and \[^x] and \{rec 1.2}") == [Text("a *star* and [^x] and {rec 1.2}")]


def test_links_autolinks_and_bare_addresses() -> None:
    nodes = parse("[ARTICLE 19](https://a19.org), <http://x.kz/1> and https://y.kz/doc?id=1. Next")
    links = [n for n in nodes if isinstance(n, Link)]
    assert [(link.url, plain_text(link.children)) for link in links] == [
        ("https://a19.org", "ARTICLE 19"), ("http://x.kz/1", "http://x.kz/1"), ("https://y.kz/doc?id=1", "https://y.kz/doc?id=1")]
    assert nodes[-1] == Text(". Next")


def test_recommendation_references_with_states_and_claims() -> None:
    ref = parse("{rec 126.8 (Iran (Islamic Republic of)) (Spain) noted}")[0]
    assert isinstance(ref, RecommendationRef)
    assert (ref.number, ref.written_states, ref.claimed_response) == ("126.8", ("Iran (Islamic Republic of)", "Spain"), "noted")
    assert parse("{rec 124.4 accepted}")[0].claimed_response == "supported"


def test_paragraph_references_and_citations() -> None:
    assert isinstance(parse("see {ref first}")[1], CrossRef)
    cite = parse("[@osce, pp.129-130] more", in_note=True)[0]
    assert isinstance(cite, Citation) and (cite.key, cite.pinpoint) == ("osce", "pp.129-130")


@pytest.mark.parametrize(
    "text, message",
    [
        ("a ^[never closed", "note '^[' is never closed with ']'"),
        ("{rec 12x}", "a recommendation reference is written {rec 124.4}, {rec 124.4 (Brazil)} or {rec 124.4 noted}"),
        ("{rec 124.4 maybe}", "'maybe' is not a response: write supported or noted"),
        ("[@osce] outside a note", "cite a source inside a note: ^[[@key, p. 1]]"),
    ],
)
def test_malformed_markup_is_a_located_error(text: str, message: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse(text)
    assert caught.value.message == message
    assert caught.value.location.path == Path("x.yaml")


def test_a_note_inside_a_note_is_an_error() -> None:
    with pytest.raises(ContentError, match="a note cannot contain another note"):
        parse("^[outer ^[inner]]")


def test_resolve_numbers_paragraphs_and_notes_in_reading_order() -> None:
    submission = load_resolved(MINIMAL)
    assert [p.number for p in submission.paragraphs()] == ["1", "2", "3"]
    assert [n.number for n in submission.notes] == [1, 2]
    assert submission.notes[1].key == "long" and not submission.notes[1].missing
    assert submission.cross_refs[0].target is submission.paragraphs()[0]


def by_section_copy(tmp_path: Path) -> Path:
    target = tmp_path / "bysection"
    shutil.copytree(MINIMAL, target)
    sub = target / "submission.yaml"
    sub.write_text(sub.read_text(encoding="utf-8") + "numbering: by-section\n", encoding="utf-8")
    section = target / "sections" / "two.yaml"
    section.write_text("heading: Second\nbody:\n  - p: Another paragraph.\n", encoding="utf-8")
    sub.write_text(sub.read_text(encoding="utf-8").replace("  - sections/one.yaml\n", "  - sections/one.yaml\n  - sections/two.yaml\n"), encoding="utf-8")
    return target


def test_by_section_numbering_in_model_docx_and_html(tmp_path: Path) -> None:
    folder = by_section_copy(tmp_path)
    submission = load_resolved(folder)
    assert [p.number for p in submission.paragraphs()] == ["1.1", "1.2", "1.3", "2.1"]
    result = build_submission(submission, tmp_path / "out", ("docx", "html"))
    content = read_docx(result.outputs[0])
    headings = [p for p in content.paragraphs if p.style == "Heading1"]
    paras = [p for p in content.paragraphs if p.style == "NumberedParagraph"]
    assert {(p.num_id, p.level) for p in headings} == {(paras[0].num_id, "0")}
    assert {(p.num_id, p.level) for p in paras} == {(paras[0].num_id, "1")}
    numbering = content.parts["word/numbering.xml"].decode()
    assert 'w:val="%1.%2."' in numbering
    html = result.outputs[1].read_text(encoding="utf-8")
    assert '<span class="num">2.1.</span>' in html


def test_link_addresses_keep_balanced_parentheses() -> None:
    nodes = parse("[Wiki](https://en.wikipedia.org/wiki/Foo_(bar)) and (see https://en.wikipedia.org/wiki/Foo_(bar)).")
    links = [n for n in nodes if isinstance(n, Link)]
    assert [link.url for link in links] == ["https://en.wikipedia.org/wiki/Foo_(bar)"] * 2
    assert plain_text(links[0].children) == "Wiki"
    assert nodes[-1] == Text(").")


def test_a_bare_address_leaves_an_unopened_parenthesis_outside() -> None:
    assert parse("(at https://x.org/a)")[1:] == [Link("https://x.org/a", [Text("https://x.org/a")]), Text(")")]


@pytest.mark.parametrize("text", ["fines of 5 * 3 and 2 * 4", "2 ** 3 and 4 ** 5", "a * b*", "*a *", "** a**"])
def test_asterisks_beside_spaces_are_text(text: str) -> None:
    assert parse(text) == [Text(text)]


def test_emphasis_may_hold_a_spaced_asterisk() -> None:
    assert parse("*5 * 3* and **2 ** 4**") == [Emph([Text("5 * 3")]), Text(" and "), Strong([Text("2 ** 4")])]


@pytest.mark.parametrize("text", ["see ^[a note]", "see [^key]"])
def test_notes_where_notes_are_not_allowed_are_errors(text: str) -> None:
    ctx = InlineContext(lambda offset: Location(Path("x.yaml"), 1, offset + 1), notes_allowed=False)
    with pytest.raises(ContentError) as caught:
        parse_inline(text, ctx)
    assert caught.value.message == "notes are not allowed in an assessment comment; cite the paragraph with {ref …} instead"
    assert caught.value.location == Location(Path("x.yaml"), 1, 5)


def test_recommendation_references_in_assessment_comments_resolve(tmp_path: Path) -> None:
    folder = tmp_path / "annex"
    shutil.copytree(MINIMAL, folder)
    (folder / "data.yaml").write_text(
        'document: A/HRC/1/1\nstate_under_review: Testland\nrecommendations:\n'
        '  - number: "1.1"\n    text: Ratify the treaty\n    states: [Brazil]\n    response: supported\n'
        '  - number: "1.2"\n    text: Repeal the law\n    states: [Chile]\n    response: noted\n',
        encoding="utf-8",
    )
    (folder / "assessments.yaml").write_text(
        '- number: "1.1"\n  status: not implemented\n  comment: "As for {rec 1.2}; see para. {ref first}."\n', encoding="utf-8"
    )
    sub = folder / "submission.yaml"
    sub.write_text(
        sub.read_text(encoding="utf-8").replace("sections:\n", "recommendation_data:\n  - data.yaml\nsections:\n")
        + "annex:\n  assessments: assessments.yaml\n",
        encoding="utf-8",
    )
    submission = load_resolved(folder)
    ref = submission.assessments[0].comment[1]
    assert isinstance(ref, RecommendationRef) and ref.recommendation.text == "Repeal the law"
    assert submission.recommendation_refs == [ref]
    assert plain_text(submission.assessments[0].comment) == "As for 1.2 (Chile); see para. 1."
    assert [(a.number, a.status) for a in submission.assessments] == [("1.1", "not implemented"), ("1.2", "not assessed")]


def _shape(node) -> tuple:
    """Return a node tree as tags, values and the marks the locator relies on."""
    marks = (node.start_mark.index, node.start_mark.line, node.start_mark.column, node.end_mark.index)
    if isinstance(node.value, list):
        children = [_shape(c) if not isinstance(c, tuple) else tuple(_shape(x) for x in c) for c in node.value]
        return (node.tag, marks, tuple(children))
    return (node.tag, marks, node.value)


def test_libyaml_and_pyyaml_compose_the_content_alike() -> None:
    # The fast path must give the same nodes and marks (character offsets,
    # not bytes, even with Cyrillic and typographic quotes) as PyYAML's own.
    from generator import yamlnodes

    if yamlnodes.FAST_LOADER is None:
        pytest.skip("PyYAML was built without libyaml")
    files = sorted((ROOT / "content").rglob("*.yaml")) + sorted((ROOT / "tests" / "fixtures" / "content").rglob("*.yaml"))
    for path in files:
        doc = yamlnodes.YamlFile(path, path.read_text(encoding="utf-8"), None)
        fast = yamlnodes._compose_fast(doc.text)
        careful = yamlnodes._ContentLoader(doc).get_single_node()
        assert _shape(fast) == _shape(careful), path


def test_a_pinpoint_follows_its_source_with_a_comma_and_takes_its_full_stop() -> None:
    from generator.inline import citation_content, plain_text
    from generator.model import Source

    def shown(content: list, pinpoint: str) -> str:
        citation = Citation("k", pinpoint, None)
        citation.source = Source("k", content, None)
        return plain_text(citation_content(citation))

    assert shown([Text("Available from: "), Link("https://o.example/1", [Text("https://o.example/1")])],
                 "pp. 14–17") == "Available from: https://o.example/1, pp. 14–17"
    assert shown([Text("Law on the Press, official translation.")], "p. 4") == "Law on the Press, official translation, p. 4"
    assert shown([Text("A study: "), Emph([Text("Defamation Laws.")])], "p. 2") == "A study: Defamation Laws, p. 2"
    assert shown([Text("No pinpoint.")], "") == "No pinpoint."
