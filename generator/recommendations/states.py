"""Recognise the recommending States written in parentheses after a recommendation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.recommendations.un_states import is_known_state, same_state
"""Every name of every UN Member and observer State, as normalise_state keys it (un_states holds the list)."""

_CALL_AFTER_NAME = re.compile(r"\s+\d{1,2}$")
_TERMINATOR = re.compile(r"[\s;,.]+$")
_ACRONYM = re.compile(r"[A-Z0-9][A-Z0-9 ./-]*")


@dataclass(frozen=True)
class StateSplit:
    """A recommendation's text with its recommending States taken off the end."""

    text: str
    """The recommendation without the State list or its closing ";" or "."."""
    states: tuple[str, ...]
    """The States, in the report's order and spelling."""
    unknown: tuple[str, ...] = ()
    """Names taken as States that are no known State name (a lone last group that looks like a name, or a
    misprinted name in a list of States)."""
    inline: bool = False
    """True when the States stand only inside the text, none at its end: "ratifying (Slovenia)/ratify
    (Republic of Korea) the …"."""


def split_states(item: str) -> StateSplit:
    """Return the item's text and every State it names: those inside it, then those at its end.

    A clustered item names its States where each recommendation ends ("Ratify
    OP-CAT (Spain); Sign and ratify OP-CAT (Czech Republic); …", "Sign
    (Australia)/Ratify (Argentina) …"): all are kept, in order, and only the
    groups that close the item are taken off its text.
    """
    text = _TERMINATOR.sub("", item)
    states: list[str] = []
    unknown: list[str] = []
    while True:
        group = _last_group(text)
        if group is None:
            break
        names = _names_in(group[1])
        if names is None and not states and _looks_like_name(group[1]):
            names, unknown = [group[1].strip()], [group[1].strip()]
        if names is None:
            break
        states[:0] = names
        text = _TERMINATOR.sub("", text[: group[0]])
    inside = [name for group in _all_groups(text) for name in (_names_in(group) or [])]
    every = tuple(dict.fromkeys(inside + states))
    unknown += [name for name in every if not is_known_state(name) and name not in unknown]
    return StateSplit(text.strip(), every, tuple(unknown), inline=bool(inside) and not states)


def _last_group(text: str) -> tuple[int, str] | None:
    """Return (start, content) of the balanced "( … )" group ending the text, or None."""
    if not text.endswith(")"):
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            return index, text[index + 1 : -1]
    return None


def _all_groups(text: str) -> list[str]:
    """Return the contents of every top-level "( … )" group in the text."""
    groups: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = index + 1
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                groups.append(text[start:index])
    return groups


def state_names(group: str) -> list[str]:
    """Return the States one parenthesised group names ("Hungary, Spain", "Ghana and the Netherlands",
    "Argentina Chile"), or the group as one name when it is no list of States."""
    return _names_in(group) or [group.strip()]


def _names_in(group: str) -> list[str] | None:
    """Return the known States in one group ("Spain" or "Hungary, Spain"), or None if it is not a State list."""
    if is_known_state(group):
        return [group.strip()]
    parts = [name for part in re.split(r"[,;]", group) if part.strip() for name in _and_names(part.strip())]
    known = sum(is_known_state(part) for part in parts)
    # A list of States with one name misprinted keeps it (the problem says so); "(CRPD, CAT)" is no list.
    if len(parts) > 1 and known * 2 >= len(parts) + 1:
        return parts
    return parts if known == len(parts) == 1 else None  # "(Uruguay 3)": one State and a footnote call


def _and_names(part: str) -> list[str]:
    """Return "Ghana and the Netherlands" as two names, "Argentina Chile" (a comma missing) too,
    but "Trinidad and Tobago" as one."""
    if is_known_state(part):
        return [part]
    called = _CALL_AFTER_NAME.sub("", part)  # "Uruguay 3": a footnote call set in the body's type
    if called != part and is_known_state(called):
        return [called]
    names = [name.strip() for name in re.split(r"\s+and\s+", re.sub(r"^and\s+", "", part))]
    if all(is_known_state(name) for name in names):
        return names
    return _run_of_names(part.split()) or [part]


def _run_of_names(words: list[str]) -> list[str] | None:
    """Return the words read as consecutive known State names ("Argentina Chile"), or None."""
    if not words:
        return []
    for end in range(len(words), 0, -1):
        head = " ".join(words[:end])
        if is_known_state(head):
            rest = _run_of_names(words[end:])
            if rest is not None:
                return [head, *rest]
    return None


def _looks_like_name(group: str) -> bool:
    """Return True for a group that could be a State's name: capitalised words, not an acronym like CRPD."""
    words = group.split()
    return (
        0 < len(words) <= 8
        and group[:1].isupper()
        and not _ACRONYM.fullmatch(group)
        and not any(char.isdigit() for char in group)
    )


def same_states(written: tuple[str, ...], data: tuple[str, ...]) -> bool:
    """Tell whether the States written are the data's States, in any order and by any of their names.

    "(Hungary) (Spain)" and "(Hungary, Spain)" both match [Hungary, Spain];
    "(Iran)" and "(Islamic Republic of Iran)" match "Iran (Islamic Republic of)",
    "(United States of America)" matches "United States".
    """
    names = [part for state in written for part in _split_group(state, data)]
    if len(names) != len(data):
        return False
    remaining = list(data)
    for name in names:
        match = next((d for d in remaining if same_state(name, d)), None)
        if match is None:
            return False
        remaining.remove(match)
    return True


def _split_group(state: str, data: tuple[str, ...]) -> list[str]:
    """Return one written group as names: "Hungary, Spain" → two, unless a data State has the comma."""
    if any(same_state(state, d) for d in data):
        return [state]
    return state_names(state)
