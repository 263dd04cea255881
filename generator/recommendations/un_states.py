"""The States that make UPR recommendations, known by every name a UN document gives them.

Working Group reports name a recommending State as the report of that year
prints it: "United States" or "United States of America", "Swaziland" before
2018 and "Eswatini" after, "Iran (Islamic Republic of)" or "Islamic Republic
of Iran". The list in un_states.tsv gives each State its UN short name, its
formal name and those other names; every form leads to the short name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib.resources import files

_DATA = "un_states.tsv"


@dataclass(frozen=True)
class UNState:
    """A Member State or non-member observer State of the United Nations."""

    short_name: str
    """The UN short name, e.g. "Bolivia (Plurinational State of)"."""
    formal_name: str
    """The UN formal name, with its article: "the Plurinational State of Bolivia"."""
    other_names: tuple[str, ...]
    """Former, shortened and abbreviated names that reports print: "Bolivia", "Swaziland", "USA"."""
    observer: bool = False
    """True for the two non-member observer States (Holy See, State of Palestine)."""

    @property
    def names(self) -> tuple[str, ...]:
        """Return every name of the State: short, formal, then the others."""
        return (self.short_name, self.formal_name, *self.other_names)


# Apostrophes and full stops vanish rather than become spaces, so that
# "Côte d’Ivoire" and "Cote dIvoire", or "U.S.A." and "USA", give one key.
# "‟" (U+201F) and "‛" (U+201B) stand for the apostrophe in some reports ("People‟s").
_VANISHING = str.maketrans(dict.fromkeys("'’‘‛‟ʼ`´′."))
_NON_WORD = re.compile(r"[\W_]+")


def state_key(name: str) -> str:
    """Return the key under which names are compared: "The Côte d’Ivoire " -> "cote divoire"."""
    text = unicodedata.normalize("NFKD", name.translate(_VANISHING))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    words = _NON_WORD.sub(" ", text).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _read_states() -> tuple[UNState, ...]:
    """Return the States of the data file, in its order."""
    text = files(__package__).joinpath(_DATA).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(_state(line) for line in lines[1:])  # lines[0] names the columns


def _state(line: str) -> UNState:
    """Return the State described by one tab-separated line of the data file."""
    kind, short, formal, other = line.split("\t")
    names = tuple(name.strip() for name in other.split(";") if name.strip())
    return UNState(short, formal, names, observer=kind == "observer")


def _index(states: tuple[UNState, ...]) -> dict[str, UNState]:
    """Return the States by the key of each of their names; raise if two States share a key."""
    index: dict[str, UNState] = {}
    for state in states:
        for name in state.names:
            other = index.setdefault(state_key(name), state)
            if other is not state:
                raise ValueError(f"{_DATA}: {name!r} names both {other.short_name} and {state.short_name}")
    return index


UN_STATES: tuple[UNState, ...] = _read_states()
"""The 193 Member States and the 2 observer States, in the UN's alphabetical order."""

_BY_KEY: dict[str, UNState] = _index(UN_STATES)


def find_state(name: str) -> UNState | None:
    """Return the State that *name* names in any of its forms, or None."""
    return _BY_KEY.get(state_key(name))


def states_named_in(text: str) -> list[str]:
    """Return the UN short names of the States a text names ("… Review of the Republic of Moldova"), in order."""
    words = _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text.translate(_VANISHING))).split()
    found, i = [], 0
    while i < len(words):
        for length in range(min(7, len(words) - i), 0, -1):
            state = find_state(" ".join(words[i:i + length]))
            if state is not None:
                found.append(state.short_name)
                i += length
                break
        else:
            i += 1
    return found


def canonical_state(name: str) -> str | None:
    """Return the UN short name of the State that *name* names, or None for no known State."""
    state = find_state(name)
    return state.short_name if state else None


def is_known_state(name: str) -> bool:
    """Return True when *name* is a UN Member or observer State in any form reports print."""
    return state_key(name) in _BY_KEY


def same_state(a: str, b: str) -> bool:
    """Return True when both names name one State ("USA", "United States of America").

    A name that is no known State is still the same as itself, written with
    other case, accents or punctuation.
    """
    return _identity(a) == _identity(b)


def _identity(name: str) -> str:
    """Return the key of the State's short name, or of *name* itself when it is no known State."""
    key = state_key(name)
    state = _BY_KEY.get(key)
    return state_key(state.short_name) if state else key
