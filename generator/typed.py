"""Numbers a writer typed as text: a paragraph's own number, and previous recommendations cited by number.

upr numbers paragraphs and prints recommendation references from the data,
so a typed "4." or "124.4 (Brazil)" is what the checks point at (T002, R006)
and what the Word importer turns into markup. Both read it here.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

from .recommendations.states import state_names
from .recommendations.un_states import is_known_state

TYPED_NUMBER = re.compile(
    r"\s*(\d{1,3}(?:\.\d{1,3})*[.)])\s+\S"  # "4. The", "5) Journalists", "3.2. Sub-numbered"
    r"|\s*(\(\d{1,3}\)|\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}\.\d{1,3})\s*(?=[A-ZÀ-ÖØ-Þ“\"‘(])"  # "(4) The", "4.The", "4.1 The"
)
NUMBER = r"(?<![\d./])(\d{1,3}\.\d{1,3})(?![\d]|\.\d)"
WITH_STATE = re.compile(NUMBER + r"\s*\(([^()\n]{2,80})\)")
AFTER_WORD = re.compile(
    r"\b(?:recommendations?|recs?\.?|recommandations?|recomendaci(?:ón|ones))\s+(?:(?:No|Nos|n°|nº|n\.º)\.?\s*)?"
    + NUMBER,
    re.IGNORECASE)
LIST_GOES_ON = re.compile(r"\s*(?:,|;|and|et|y|&)\s*" + NUMBER + r"(?:\s*\([^()\n]{2,80}\))?")
OF_REPORT = re.compile(NUMBER + r"\s+(?:of|de|del)\s+(?:the\s+|du\s+|le\s+)?(?:report\s+)?A/HRC/\d+/\d+")


def typed_references(text: str, find: Callable[[str], object | None],
                     any_state: bool = True) -> Iterator[tuple[str, str, tuple[int, int]]]:
    """Yield (number, as written, the span that a {rec …} replaces) for each previous recommendation typed in
    `text`, in order: "124.4 (Brazil)" whole, the number alone in "recommendation 124.6" and "124.5 of
    A/HRC/28/10". `find` tells whether the recommendation data has a number; a number with a State that the
    data does not have counts only with `any_state` (when there is no data to ask: "7.5 (Kazakhstan)" in a
    submission with data is a figure, not a recommendation)."""
    found: list[tuple[tuple[int, int], str, str]] = []
    for match in WITH_STATE.finditer(text):
        names = state_names(match.group(2))
        if names and (find(match.group(1)) or (any_state and all(is_known_state(n) for n in names))):
            found.append((match.span(), match.group(1), match.group(0)))
    for pattern in (AFTER_WORD, OF_REPORT):
        found += [(m.span(1), m.group(1), m.group(0)) for m in pattern.finditer(text)]
    starts = {span[0] for span, _, _ in found}
    for span, _, _ in list(found):  # "124.4 and 124.5", "118.1, 118.2 (Chile)": the list goes on
        end = span[1]
        while (more := LIST_GOES_ON.match(text, end)) is not None:
            if more.start(1) not in starts:
                starts.add(more.start(1))
                found.append(((more.start(1), more.end()), more.group(1), text[more.start(1):more.end()]))
            end = more.end()
    for span, number, written in sorted(found):
        yield number, written, span
