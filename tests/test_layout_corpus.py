"""Report PDFs of other layouts than the shared ones: the importer reads each as its ground truth says.

tests/fixtures/layout/ holds 21 PDFs, each a cycle-4 (one cycle-1) report
built with WeasyPrint from the real text of published reports, with one
thing of its layout changed: paper size, margins, type size, line spacing,
no space between items, running headers and footers of several kinds,
footnotes across a page break, lines that start with a number, misprinted
numbers, clustered States. Beside each is NAME.truth.json, written when the
PDF was built (tests/fixtures/layout/source/ rebuilds them): every item's
number, States, response and text, and the footnotes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.recommendations import ImportResult, import_report

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layout"
NAMES = sorted(path.name.removesuffix(".truth.json") for path in LAYOUTS.glob("*.truth.json"))
_CACHE: dict[str, ImportResult] = {}


def _imported(name: str) -> ImportResult:
    """Return the import of one layout variant, done once per test run."""
    if name not in _CACHE:
        _CACHE[name] = import_report(LAYOUTS / f"{name}.pdf")
    return _CACHE[name]


def _truth(name: str) -> dict:
    """Return the ground truth written when the PDF was built."""
    return json.loads((LAYOUTS / f"{name}.truth.json").read_text(encoding="utf-8"))


def test_the_corpus_is_there() -> None:
    assert len(NAMES) == 21
    assert all((LAYOUTS / f"{name}.pdf").is_file() for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_review_is_read(name: str) -> None:
    truth, rset = _truth(name), _imported(name).recommendations
    assert (rset.document, rset.state_under_review, rset.cycle, rset.session, rset.year) == (
        truth["document"], truth["state"], truth["cycle"], truth["session"], truth["year"])


@pytest.mark.parametrize("name", NAMES)
def test_every_item_has_its_number_states_and_response(name: str) -> None:
    expected = [(item["number"], tuple(dict.fromkeys(item["states"])), item["response"])
                for item in _truth(name)["items"]]
    found = [(rec.number, rec.states, rec.response) for rec in _imported(name).recommendations]
    assert found == expected


@pytest.mark.parametrize("name", NAMES)
def test_every_item_has_its_text_and_nothing_else(name: str) -> None:
    truth = _truth(name)
    found = {rec.number: rec.text for rec in _imported(name).recommendations}
    for item in truth["items"]:
        assert found[item["number"]] == item["text"].rstrip("."), item["number"]
        assert not any(leak in found[item["number"]] for leak in truth["leaks"]), item["number"]


@pytest.mark.parametrize("name", NAMES)
def test_footnotes_are_taken_out_and_listed(name: str) -> None:
    listed = {(note.footnote.marker, note.footnote.text) for note in _imported(name).footnotes}
    assert {(note["mark"], note["text"]) for note in _truth(name)["footnotes"]} <= listed


@pytest.mark.parametrize("name", NAMES)
def test_the_misprints_are_named_and_nothing_else_is_a_problem(name: str) -> None:
    problems = _imported(name).problems
    numbering = {p.number for p in problems if "printed as" in p.message or "numbering jumps" in p.message}
    expected = {entry.split()[0] for entry in _truth(name)["expect_problems"] if entry[:1].isdigit()}
    skipped = {"45.13"} if any("skips" in entry for entry in _truth(name)["expect_problems"]) else set()
    assert numbering == expected | skipped
    others = [p.message for p in problems if p.number not in numbering]
    assert all("stand inside the text" in message for message in others), others  # 95.3 of A/HRC/14/10
