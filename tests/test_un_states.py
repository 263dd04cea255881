"""The UN list of States: every form a report prints leads to one short name, R002 and search use it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import load_resolved
from generator.checks import run_checks
from generator.recommendations.data import Recommendation, RecommendationSet, search
from generator.recommendations.states import split_states
from generator.recommendations.un_states import (
    UN_STATES,
    canonical_state,
    find_state,
    is_known_state,
    same_state,
    state_key,
)
from tests.test_checks import CHECK_FIXTURES

# The forms Working Group reports of 2008-2024 print, and the short name each must lead to.
VARIANTS: dict[str, tuple[str, ...]] = {
    "United States of America": ("United States", "United States of America", "USA", "U.S.A.",
                                 "the United States of America"),
    "United Kingdom of Great Britain and Northern Ireland": (
        "UK", "United Kingdom", "United Kingdom of Great Britain and Northern Ireland"),
    "Iran (Islamic Republic of)": ("Iran", "Iran (Islamic Republic of)", "Islamic Republic of Iran",
                                   "Iran (Islamic republic of)", "Iran, Islamic Republic of"),
    "Republic of Moldova": ("Moldova", "Republic of Moldova"),
    "Netherlands (Kingdom of the)": ("The Netherlands", "Netherlands", "Kingdom of the Netherlands"),
    "Türkiye": ("Türkiye", "Turkey", "Turkiye", "TÜRKIYE"),
    "Côte d'Ivoire": ("Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire", "Cote d`Ivoire"),
    "Bolivia (Plurinational State of)": ("Bolivia (Plurinational State of)", "Plurinational State of Bolivia",
                                         "Bolivia"),
    "Venezuela (Bolivarian Republic of)": ("Venezuela", "Bolivarian Republic of Venezuela"),
    "Viet Nam": ("Viet Nam", "Vietnam"),
    "Czechia": ("Czechia", "Czech Republic", "the Czech  Republic"),
    "Eswatini": ("Eswatini", "Swaziland"),
    "North Macedonia": ("North Macedonia", "The former Yugoslav Republic of Macedonia",
                        "the former Yugoslav Republic of Macedonia"),
    "Cabo Verde": ("Cabo Verde", "Cape Verde"),
    "Libya": ("Libya", "Libyan Arab Jamahiriya"),
    "Syrian Arab Republic": ("Syria", "Syrian Arab Republic"),
    "Lao People's Democratic Republic": ("Lao PDR", "Lao People’s Democratic Republic"),
    "Russian Federation": ("Russia", "Russian Federation"),
    "Democratic People's Republic of Korea": ("DPRK", "Democratic People's Republic of Korea"),
    "Republic of Korea": ("Republic of Korea", "South Korea", "Korea"),
    "United Republic of Tanzania": ("Tanzania", "United Republic of Tanzania"),
    "Micronesia (Federated States of)": ("Micronesia", "Federated States of Micronesia"),
    "State of Palestine": ("State of Palestine", "Palestine"),
    "Holy See": ("Holy See", "the Holy See"),
    "Timor-Leste": ("Timor-Leste", "Timor–Leste", "Timor Leste"),
    "Gambia": ("Gambia", "The Gambia"),
    "Sao Tome and Principe": ("São Tomé and Príncipe",),
    "Congo": ("Congo", "Republic of the Congo"),
    "Democratic Republic of the Congo": ("Democratic Republic of the Congo", "Democratic Republic of Congo"),
}

NOT_STATES = ("CRPD", "ICCPR-OP 2", "Roma", "European Union", "OP-CAT", "", "Testland")


@pytest.mark.parametrize(("variant", "short_name"), [(v, s) for s, vs in VARIANTS.items() for v in vs])
def test_every_variant_leads_to_the_un_short_name(variant: str, short_name: str) -> None:
    assert canonical_state(variant) == short_name
    assert is_known_state(variant)


@pytest.mark.parametrize("short_name", VARIANTS)
def test_any_variant_is_the_same_state_as_any_other(short_name: str) -> None:
    forms = VARIANTS[short_name]
    assert all(same_state(a, b) for a in forms for b in forms)


@pytest.mark.parametrize("name", NOT_STATES)
def test_names_of_treaties_groups_and_unions_are_no_state(name: str) -> None:
    assert (canonical_state(name), is_known_state(name)) == (None, False)


def test_the_list_holds_193_members_and_2_observers() -> None:
    observers = [state.short_name for state in UN_STATES if state.observer]
    assert (len(UN_STATES) - len(observers), observers) == (193, ["Holy See", "State of Palestine"])
    assert len({state.short_name for state in UN_STATES}) == 195


def test_every_name_in_the_list_leads_back_to_its_own_state() -> None:
    for state in UN_STATES:
        assert {find_state(name) for name in state.names} == {state}, state.short_name


def test_the_formal_name_is_the_un_s_with_its_article() -> None:
    found = find_state("Bolivia")
    assert found is not None and found.formal_name == "the Plurinational State of Bolivia"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Canada", "United States", False),
        ("Niger", "Nigeria", False),
        ("Sudan", "South Sudan", False),
        ("Congo", "Democratic Republic of the Congo", False),
        ("Dominica", "Dominican Republic", False),
        ("Roma", "ROMA", True),  # no State, but the same name
        ("Roma", "Romania", False),
    ],
)
def test_same_state_tells_states_apart(a: str, b: str, same: bool) -> None:
    assert same_state(a, b) is same


@pytest.mark.parametrize(
    ("name", "key"),
    [
        (" The  Côte d’Ivoire ", "cote divoire"),
        ("U.S.A.", "usa"),
        ("Iran (Islamic Republic of)", "iran islamic republic of"),
        ("Guinea‑Bissau", "guinea bissau"),
        ("Theland", "theland"),  # only a whole leading word "the" goes
    ],
)
def test_state_key_ignores_case_accents_quotes_punctuation_and_the(name: str, key: str) -> None:
    assert state_key(name) == key


def test_split_states_takes_a_variant_as_a_recommending_state() -> None:
    assert split_states("Ratify the Convention (USA); ").states == ("USA",)
    assert split_states("Ratify the Convention (Türkiye, Swaziland)").states == ("Türkiye", "Swaziland")
    assert split_states("Ratify the CRPD (CRPD)").states == ()


def test_search_by_state_finds_any_form() -> None:
    recs = {"1.1": Recommendation("1.1", "Ratify", ("Iran (Islamic Republic of)",), "supported", None, "A/1", 1),
            "1.2": Recommendation("1.2", "Abolish", ("United States",), "noted", None, "A/1", 1)}
    rset = RecommendationSet("A/1", "Testland", 3, 40, 2019, recs)
    assert [rec.number for rec in search([rset], state="Islamic Republic of Iran")] == ["1.1"]
    assert [rec.number for rec in search([rset], state="united states of america")] == ["1.2"]
    assert [rec.number for rec in search([rset], state="Canada")] == []


def _cite(tmp_path: Path, *written: str) -> Path:
    """Return a copy of the R002 fixture whose data has 124.4 made by "United States", cited as written."""
    folder = tmp_path / "variants"
    shutil.copytree(CHECK_FIXTURES / "R002-wrong-state", folder)
    data = folder / "recommendations" / "A-HRC-99-1.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("[Brazil]", "[United States]"), encoding="utf-8")
    calls = " ".join(f"^[{{rec 124.4 ({name})}}]" for name in written)
    (folder / "sections" / "one.yaml").write_text(f'heading: Laws\nbody:\n  - p: "Laws.{calls}"\n', encoding="utf-8")
    return folder


def test_r002_takes_any_form_of_the_data_s_state(tmp_path: Path) -> None:
    folder = _cite(tmp_path, "United States of America", "USA", "the United States", "Canada")
    messages = [f.message for f in run_checks(load_resolved(folder)).findings if f.code == "R002"]
    assert messages == ["{rec 124.4 (Canada)}: 124.4 was made by United States (A/HRC/99/1)"]


def test_r002_splits_and_only_between_names(tmp_path: Path) -> None:
    folder = _cite(tmp_path, "Trinidad and Tobago, USA", "Spain and USA")
    data = folder / "recommendations" / "A-HRC-99-1.yaml"
    text = data.read_text(encoding="utf-8").replace("[United States]", "[Trinidad and Tobago, United States]")
    data.write_text(text, encoding="utf-8")
    messages = [f.message for f in run_checks(load_resolved(folder)).findings if f.code == "R002"]
    assert messages == [
        "{rec 124.4 (Spain and USA)}: 124.4 was made by Trinidad and Tobago and United States (A/HRC/99/1)"
    ]
