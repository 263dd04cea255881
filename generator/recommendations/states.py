"""Recognise the recommending States written in parentheses after a recommendation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.recommendations.data import normalise_state

# UN Member and observer States as UN documents write them, plus the older or
# alternative forms found in Working Group reports of earlier cycles. The list
# only helps to tell "(Spain)" from "(CRPD)"; names are stored as written.
_NAMES = """
Afghanistan; Albania; Algeria; Andorra; Angola; Antigua and Barbuda; Argentina; Armenia; Australia;
Austria; Azerbaijan; Bahamas; Bahrain; Bangladesh; Barbados; Belarus; Belgium; Belize; Benin; Bhutan;
Bolivia; Bolivia (Plurinational State of); Plurinational State of Bolivia; Bosnia and Herzegovina;
Botswana; Brazil; Brunei Darussalam; Bulgaria; Burkina Faso; Burundi; Cabo Verde; Cape Verde;
Cambodia; Cameroon; Canada; Central African Republic; Chad; Chile; China; Colombia; Comoros; Congo;
Costa Rica; Côte d'Ivoire; Cote d'Ivoire; Croatia; Cuba; Cyprus; Czech Republic; Czechia;
Democratic People's Republic of Korea; Democratic Republic of the Congo; Denmark; Djibouti; Dominica;
Dominican Republic; Ecuador; Egypt; El Salvador; Equatorial Guinea; Eritrea; Estonia; Eswatini;
Swaziland; Ethiopia; Fiji; Finland; France; Gabon; Gambia; Georgia; Germany; Ghana; Greece; Grenada;
Guatemala; Guinea; Guinea-Bissau; Guyana; Haiti; Holy See; Honduras; Hungary; Iceland; India;
Indonesia; Iran (Islamic Republic of); Islamic Republic of Iran; Iraq; Ireland; Israel; Italy;
Jamaica; Japan; Jordan; Kazakhstan; Kenya; Kiribati; Kuwait; Kyrgyzstan; Lao People's Democratic
Republic; Latvia; Lebanon; Lesotho; Liberia; Libya; Libyan Arab Jamahiriya; Liechtenstein; Lithuania;
Luxembourg; Madagascar; Malawi; Malaysia; Maldives; Mali; Malta; Marshall Islands; Mauritania;
Mauritius; Mexico; Micronesia (Federated States of); Federated States of Micronesia; Monaco;
Mongolia; Montenegro; Morocco; Mozambique; Myanmar; Namibia; Nauru; Nepal; Netherlands; Kingdom of
the Netherlands; New Zealand; Nicaragua; Niger; Nigeria; North Macedonia; The former Yugoslav
Republic of Macedonia; Norway; Oman; Pakistan; Palau; Panama; Papua New Guinea; Paraguay; Peru;
Philippines; Poland; Portugal; Qatar; Republic of Korea; Republic of Moldova; Romania; Russian
Federation; Rwanda; Saint Kitts and Nevis; Saint Lucia; Saint Vincent and the Grenadines; Samoa;
San Marino; Sao Tome and Principe; Saudi Arabia; Senegal; Serbia; Seychelles; Sierra Leone;
Singapore; Slovakia; Slovenia; Solomon Islands; Somalia; South Africa; South Sudan; Spain; Sri
Lanka; State of Palestine; Palestine; Sudan; Suriname; Sweden; Switzerland; Syrian Arab Republic;
Tajikistan; Thailand; Timor-Leste; Togo; Tonga; Trinidad and Tobago; Tunisia; Turkey; Türkiye;
Turkmenistan; Tuvalu; Uganda; Ukraine; United Arab Emirates; United Kingdom of Great Britain and
Northern Ireland; United Kingdom; United Republic of Tanzania; United States of America; Uruguay;
Uzbekistan; Vanuatu; Venezuela (Bolivarian Republic of); Bolivarian Republic of Venezuela; Viet Nam;
Yemen; Zambia; Zimbabwe
"""

KNOWN_STATES: frozenset[str] = frozenset(
    normalise_state(name) for name in re.split(r";\s*", " ".join(_NAMES.split())) if name
)
"""Normalised names (see normalise_state) of the States that make recommendations."""

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
    """States taken although not in KNOWN_STATES (only a lone last group that looks like a name)."""
    inline: bool = False
    """True when the States stand inside the text, e.g. "ratifying (Slovenia)/ratify (Republic of Korea) the …"."""


def is_known_state(name: str) -> bool:
    """Return True when *name* is a State that makes recommendations."""
    return normalise_state(name) in KNOWN_STATES


def split_states(item: str) -> StateSplit:
    """Return the item's text and the States named in parentheses at its end."""
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
    if states:
        return StateSplit(text.strip(), tuple(states), tuple(unknown))
    inline = tuple(name for name in _all_groups(text) if is_known_state(name))
    return StateSplit(text.strip(), inline, inline=bool(inline))


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


def _names_in(group: str) -> list[str] | None:
    """Return the known States in one group ("Spain" or "Hungary, Spain"), or None if it is not a State list."""
    if is_known_state(group):
        return [group.strip()]
    parts = [part.strip() for part in re.split(r"[,;]", group)]
    if len(parts) > 1 and all(is_known_state(part) for part in parts):
        return parts
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
