"""How each block of the merged tree is shown: the mode both redlines (Word, HTML) use.

- normal: both versions; words compared;
- inserted / deleted: only one version has it;
- moveTo / moveFrom: the new and the old place of a block that moved;
- old: the old text, untracked (a note whose call moved away).
"""

from __future__ import annotations

from typing import Iterator

from .model import LineDiff, MovedAway, ParagraphDiff, RecommendationDiff, SectionDiff

OLD_SIDE = {"deleted", "moveFrom", "old"}  # modes that show the old words of an equal segment


def presence_mode(old: object | None, new: object | None) -> str:
    """Return the mode of a line by which versions have it: both, only the new, only the old."""
    if old is not None and new is not None:
        return "normal"
    return "inserted" if new is not None else "deleted"


def section_mode(section: SectionDiff) -> str:
    """Return the mode of a section's heading: a moved section's is moveFrom, then moveTo."""
    if section.moved:
        return "moveTo" if section.new is not None else "moveFrom"
    return presence_mode(section.old, section.new)


def block_mode(block: ParagraphDiff | RecommendationDiff | MovedAway) -> tuple[ParagraphDiff | RecommendationDiff, str]:
    """Return a block's diff and mode: a moved block is moveFrom at its old place, moveTo at its new one."""
    if isinstance(block, MovedAway):
        return block.target, "moveFrom"
    if block.moved:
        return block, "moveTo"
    return block, presence_mode(block.old, block.new)


def line_modes(lines: list[LineDiff], block: str) -> Iterator[tuple[LineDiff, str]]:
    """Yield the lines (items, quoted items) a block in mode `block` shows, each with its mode.

    At a move's new place a line only the old version had is left out: its
    text is at the old place, in the moveFrom block.
    """
    for line in lines:
        mode = presence_mode(line.old, line.new)
        if block == "moveFrom":
            if line.old is None:
                continue
            mode = "moveFrom"
        elif block == "moveTo":
            if line.new is None:
                continue
            mode = "moveTo" if mode == "normal" else mode
        elif block in ("inserted", "deleted"):
            mode = block
        yield line, mode
