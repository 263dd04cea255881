"""Read the seed submission (plain text extracted from a paginated document).

The seed is the reference the shipped example must reproduce. Being page
text, it interleaves note blocks with the body and splits text at page
breaks; this reader puts each piece back where it belongs, by two rules:
a line that continues something and follows a note block continues the body
(the body went on after the page's notes), and one that follows body text
continues the last unfinished note (the note went on at the next page's foot).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
NOTE_LINE = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+) (.*)$")
PARA_LINE = re.compile(r"^(\d+)\. (.*)$")
QUOTE_LINE = re.compile(r"^ \d+\. (.*)$")
BULLET_LINE = re.compile(r"^\s*- (.*)$")
CALL = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
# A copy of shared/seeds/000_efd0dec007a77098.txt, so the fidelity tests run
# on any clone; test_fidelity checks the copy against shared/ when it is there.
SEED = Path(__file__).resolve().parent / "fixtures" / "seed" / "kazakhstan-2019-seed.txt"
SHARED_SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_efd0dec007a77098.txt"


@dataclass
class Block:
    """A piece of the body: kind is heading, para, item, rec-heading or rec."""

    kind: str
    text: str
    number: int | None = None


@dataclass
class Seed:
    """The seed's body blocks in reading order and its notes by number."""

    blocks: list[Block] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)


def read_seed(path: Path = SEED) -> Seed:
    """Return the seed's blocks and notes with page-break artefacts undone."""
    seed = Seed()
    last_was_note = False
    in_recommendations = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if match := NOTE_LINE.match(line):
            seed.notes[int(match.group(1).translate(SUPERSCRIPTS))] = match.group(2)
            last_was_note = True
            continue
        if match := PARA_LINE.match(line):
            seed.blocks.append(Block("para", match.group(2), int(match.group(1))))
            in_recommendations = False
        elif match := QUOTE_LINE.match(line):
            seed.blocks.append(Block("item", match.group(1)))
        elif match := BULLET_LINE.match(line):
            seed.blocks.append(Block("rec" if in_recommendations else "item", match.group(1)))
        elif line.strip() in ("Recommendations", "Recommendation"):
            seed.blocks.append(Block("rec-heading", line.strip()))
            in_recommendations = True
        elif _continues(line, last_was_note):
            _append_continuation(seed, line, last_was_note)
        else:
            seed.blocks.append(Block("heading", line.strip()))
            in_recommendations = False
        last_was_note = False
    return seed


def _continues(line: str, last_was_note: bool) -> bool:
    """Tell whether a line continues earlier text rather than starting a heading."""
    return line[0].islower() or (last_was_note and line.startswith("<"))


def _append_continuation(seed: Seed, line: str, after_note: bool) -> None:
    """Join a continuation line to the body or to the last unfinished note."""
    if after_note and line.startswith("<"):
        last = max(seed.notes)
        seed.notes[last] += " " + line
    elif after_note:
        seed.blocks[-1].text += " " + line
    else:
        unfinished = max(n for n, text in seed.notes.items() if not text.rstrip().endswith((".", ">", ";")))
        seed.notes[unfinished] += " " + line


def plain(text: str, calls: str = "marker") -> str:
    """Return seed text as a reader sees it: no markdown, autolinks unwrapped, calls as [n] or digits."""
    text = text.replace("**", "").replace("*", "")
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    if calls == "marker":
        text = CALL.sub(lambda m: f"[{m.group(0).translate(SUPERSCRIPTS)}]", text)
    else:
        text = text.translate(SUPERSCRIPTS)
    return " ".join(text.split())


def italic_spans(text: str) -> list[str]:
    """Return the seed's *italic* spans (not **bold**)."""
    return [m.group(1) for m in re.finditer(r"(?<!\*)\*([^*]+)\*(?!\*)", text)]
