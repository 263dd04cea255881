"""Tests of the recommendation data file: round trip, schema errors with line:col, unsafe YAML, search."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.recommendations.data import (
    Recommendation,
    RecommendationSet,
    dump_recommendation_data,
    load_recommendation_data,
    normalise_state,
    search,
)

DOCUMENT = "A/HRC/28/10"


def _rec(
    number: str, text: str, states: tuple[str, ...], response: str = "supported", **extra: object
) -> Recommendation:
    """Return a recommendation of DOCUMENT with the given fields."""
    fields: dict[str, object] = {"category": None, "page": 16, **extra}
    return Recommendation(number, text, states, response, document=DOCUMENT, **fields)  # type: ignore[arg-type]


def _rset(*recs: Recommendation) -> RecommendationSet:
    """Return a set of the given recommendations, Kazakhstan 2014."""
    return RecommendationSet(DOCUMENT, "Kazakhstan", 2, 20, 2014, {rec.number: rec for rec in recs})


SAMPLE = _rset(
    _rec("124.4", "Define criminal offences, in particular those in article 164 of the Criminal Code", ("Brazil",),
         category="already implemented", page=15),
    _rec("124.10", "Enact the draft law: in full compliance with “international” standards", ("Slovenia",)),
    _rec("124.37", "Further revise the current legislation on combating trafficking in persons",
         ("Iran (Islamic republic of)",), page=None),
    _rec("125.8", "Ratify CRPD", ("Hungary", "Spain"), category="in the process of being implemented"),
    _rec("126.5", "Ratify the Second Optional Protocol … (ICCPR-OP 2)", ("Sierra Leone",), "noted"),
    _rec("97.1", "To consider adhering to the ICRMW", ("Algeria",), "pending"),
)


def _write(tmp_path: Path, text: str) -> Path:
    """Write a data file and return its path."""
    path = tmp_path / "A-HRC-28-10.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- Round trip --------------------------------------------------------------


def test_dump_then_load_gives_the_same_set(tmp_path: Path) -> None:
    loaded = load_recommendation_data(_write(tmp_path, dump_recommendation_data(SAMPLE)))
    assert loaded == SAMPLE
    assert list(loaded.recommendations) == list(SAMPLE.recommendations)
    assert loaded.path == tmp_path / "A-HRC-28-10.yaml"


def test_dump_is_stable_through_a_round_trip(tmp_path: Path) -> None:
    first = dump_recommendation_data(SAMPLE)
    assert dump_recommendation_data(load_recommendation_data(_write(tmp_path, first))) == first


def test_dump_is_block_style_with_a_header_naming_the_source() -> None:
    text = dump_recommendation_data(
        RecommendationSet(DOCUMENT, "Kazakhstan", 2, 20, 2014, {"125.8": SAMPLE.recommendations["125.8"]},
                          source="report.pdf")
    )
    assert text.splitlines()[0] == "# Recommendations of A/HRC/28/10 (Kazakhstan), imported by upr from report.pdf."
    assert text.endswith(
        "recommendations:\n"
        '  - number: "125.8"\n'
        "    text: Ratify CRPD\n"
        "    states: [Hungary, Spain]\n"
        "    response: supported\n"
        "    category: in the process of being implemented\n"
        "    page: 16\n"
    )


def test_loader_sets_each_location(tmp_path: Path) -> None:
    path = _write(tmp_path, dump_recommendation_data(SAMPLE))
    loaded = load_recommendation_data(path)
    line = path.read_text().splitlines().index('  - number: "124.10"') + 1
    assert str(loaded.recommendations["124.10"].location) == f"{path}:{line}:5"


def test_unquoted_numbers_are_kept_as_written(tmp_path: Path) -> None:
    path = _write(tmp_path, "document: A/HRC/28/10\nstate_under_review: Kazakhstan\nrecommendations:\n"
                            "  - {number: 124.10, text: Enact the law, states: Slovenia, response: Supported}\n")
    loaded = load_recommendation_data(path)
    assert loaded.get("124.10") == _rec("124.10", "Enact the law", ("Slovenia",), page=None)
    assert (loaded.cycle, loaded.session, loaded.year) == (None, None, None)


# --- Errors ------------------------------------------------------------------

VALID_TOP = "document: A/HRC/28/10\nstate_under_review: Kazakhstan\ncycle: 2\nrecommendations:\n"


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        (VALID_TOP + "  - number: '124.4'\n    text: x\n    states: [Brazil]\n    response: maybe\n",
         8, 15, "response of 124.4 must be one of supported, noted, partially supported, pending, not 'maybe'"),
        (VALID_TOP + "  - number: '124.4'\n    states: [Brazil]\n    response: noted\n",
         5, 5, "a recommendation needs 'text'"),
        (VALID_TOP + "  - number: '124.4'\n    txt: x\n    states: [Brazil]\n    response: noted\n",
         6, 5, "unknown key 'txt' in a recommendation: did you mean 'text'?"),
        (VALID_TOP + "  - number: '124.4'\n    text: x\n    states: {Brazil: 1}\n    response: noted\n",
         7, 13, "states of 124.4 must be a list of names"),
        (VALID_TOP + "  - number: '124.4'\n    text: x\n    states: [Brazil]\n    response: noted\n    page: two\n",
         9, 11, "page of 124.4 must be a whole number, not 'two'"),
        (VALID_TOP + "  - {number: '1.1', text: x, states: [A], response: noted}\n"
                     "  - {number: '1.1', text: y, states: [B], response: noted}\n",
         6, 5, "recommendation 1.1 appears twice"),
        (VALID_TOP.replace("cycle: 2", "cycle: second") + "  []\n", 3, 8, "cycle must be a whole number, not 'second'"),
        (VALID_TOP + "  number: 1\n", 5, 3, "recommendations must be a list"),
        ("- just\n- a list\n", 1, 1, "the file must be a mapping of 'key: value' lines"),
        ("document: A/HRC/28/10\nrecommendations: []\n", 1, 1, "the file needs 'state_under_review'"),
        (VALID_TOP + "  - number: '124.4'\n    text: [unclosed\n",
         6, 11, "YAML syntax error: a text that starts with [ or { is read as a list: put the whole text in double quotes"),
    ],
)
def test_schema_errors_point_at_the_offending_node(
    tmp_path: Path, text: str, line: int, col: int, message: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ContentError) as caught:
        load_recommendation_data(path)
    assert caught.value.message == message
    assert str(caught.value) == f"{path}:{line}:{col}: {message}"


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['echo owned > {marker}']",
        "!!python/object:generator.recommendations.data.Recommendation {{number: x}}",
        "!custom x",
    ],
)
def test_yaml_tags_that_build_objects_are_refused(tmp_path: Path, tagged: str) -> None:
    marker = tmp_path / "owned"
    path = _write(tmp_path, VALID_TOP + f"  - number: '1.1'\n    text: {tagged.format(marker=marker)}\n"
                                        "    states: [A]\n    response: noted\n")
    with pytest.raises(ContentError, match=r"YAML tag '.*' is not allowed") as caught:
        load_recommendation_data(path)
    assert (caught.value.location.line, caught.value.location.col) == (6, 11)
    assert not marker.exists()


def test_missing_and_empty_files_are_content_errors(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="file not found"):
        load_recommendation_data(tmp_path / "missing.yaml")
    with pytest.raises(ContentError, match="empty"):
        load_recommendation_data(_write(tmp_path, "# nothing\n"))


# --- State names and search --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Iran (Islamic Republic of)", "iran (islamic republic of)"),
        ("Iran (Islamic republic of)", "iran (islamic republic of)"),
        ("  The Czech   Republic ", "czech republic"),
        ("Lao People’s Democratic Republic", "lao people's democratic republic"),
        ("Timor\u2013Leste", "timor-leste"),
    ],
)
def test_normalise_state(name: str, key: str) -> None:
    assert normalise_state(name) == key


def test_search_by_response_text_and_state() -> None:
    def numbers(**criteria: str) -> list[str]:
        return [rec.number for rec in search([SAMPLE], **criteria)]

    assert numbers() == list(SAMPLE.recommendations)
    assert numbers(response="noted") == ["126.5"]
    assert numbers(text="ratify") == ["125.8", "126.5"]
    assert numbers(text="criminal CODE") == ["124.4"]
    assert numbers(state="spain") == ["125.8"]
    assert numbers(state="Iran") == ["124.37"]
    assert numbers(state="Islamic Republic of Iran") == ["124.37"]
    assert numbers(state="the Czech Republic") == []
    assert numbers(response="supported", state="Hungary", text="crpd") == ["125.8"]


def test_a_data_file_is_read_once_while_it_is_unchanged(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "content" / "kazakhstan-2019" / "recommendations" / "A-HRC-28-10.yaml"
    path = tmp_path / "data.yaml"
    path.write_bytes(example.read_bytes())
    first = load_recommendation_data(path)
    assert load_recommendation_data(path) is first
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("state_under_review: Kazakhstan", "state_under_review: Kasakhstan"), encoding="utf-8")  # same size
    changed = load_recommendation_data(path)
    assert changed is not first and changed.state_under_review != first.state_under_review
    path.write_text(text.replace("cycle: ", "cycle: [", 1), encoding="utf-8")
    with pytest.raises(ContentError):  # a broken file is read (and refused) every time, never served stale
        load_recommendation_data(path)
    with pytest.raises(ContentError):
        load_recommendation_data(path)
