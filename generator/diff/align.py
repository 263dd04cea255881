"""Align two lists: pair equal or similar entries without crossing, keep both orders.

Used for the lines inside a paragraph (items, quoted items), the notes in a
changed stretch of text, the cover's lines and the annex's rows; and, for
whole-submission matching, the longest run of pairs that kept their order.
"""

from __future__ import annotations

import bisect
import re
from difflib import SequenceMatcher
from typing import Sequence

WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Return the words of a text, case folded, for similarity."""
    return WORD.findall(text.casefold())


def similarity(old: Sequence[str], new: Sequence[str]) -> float:
    """Return how alike two word lists are, from 0 (nothing shared) to 1 (the same)."""
    if not old and not new:
        return 1.0
    return SequenceMatcher(None, old, new, autojunk=False).ratio()


def align(
    old: Sequence[Sequence[str]], new: Sequence[Sequence[str]], threshold: float
) -> list[tuple[int | None, int | None]]:
    """Return two lists' indices merged in order, pairing equal or similar entries.

    Pairs never cross (the order of both lists is kept), so the merged list
    reads as the old list when new-only entries are dropped and as the new
    list when old-only entries are dropped.
    """
    matcher = SequenceMatcher(None, [tuple(o) for o in old], [tuple(n) for n in new], autojunk=False)
    merged: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            merged.extend(zip(range(i1, i2), range(j1, j2)))
        else:
            pairs = _best_pairs([old[i] for i in range(i1, i2)], [new[j] for j in range(j1, j2)], threshold)
            merged.extend(interleave(range(i1, i2), range(j1, j2), [(i1 + a, j1 + b) for a, b in pairs]))
    return merged


def _best_pairs(old: Sequence[Sequence[str]], new: Sequence[Sequence[str]], threshold: float) -> list[tuple[int, int]]:
    """Return the non-crossing pairs of similar entries with the greatest total similarity."""
    if not old or not new:
        return []
    score = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(len(old) - 1, -1, -1):
        for j in range(len(new) - 1, -1, -1):
            ratio = similarity(old[i], new[j])
            take = score[i + 1][j + 1] + ratio if ratio >= threshold else -1.0
            score[i][j] = max(take, score[i + 1][j], score[i][j + 1])
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < len(old) and j < len(new):
        if score[i][j] == score[i + 1][j]:
            i += 1
        elif score[i][j] == score[i][j + 1]:
            j += 1
        else:
            pairs.append((i, j))
            i, j = i + 1, j + 1
    return pairs


def interleave(
    old: Sequence[int], new: Sequence[int], pairs: list[tuple[int, int]]
) -> list[tuple[int | None, int | None]]:
    """Return old and new indices in one order: before each pair, the old-only then the new-only entries."""
    merged: list[tuple[int | None, int | None]] = []
    old_left, new_left = list(old), list(new)
    for pi, pj in pairs:
        while old_left and old_left[0] < pi:
            merged.append((old_left.pop(0), None))
        while new_left and new_left[0] < pj:
            merged.append((None, new_left.pop(0)))
        old_left.remove(pi)
        new_left.remove(pj)
        merged.append((pi, pj))
    merged.extend((i, None) for i in old_left)
    merged.extend((None, j) for j in new_left)
    return merged


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Return the positions of a longest strictly increasing subsequence of `values`."""
    tail_values: list[int] = []  # tail_values[k]: the smallest value ending a run of length k+1
    tail_positions: list[int] = []
    previous: list[int] = [-1] * len(values)
    for pos, value in enumerate(values):
        k = bisect.bisect_left(tail_values, value)
        previous[pos] = tail_positions[k - 1] if k else -1
        if k == len(tail_values):
            tail_values.append(value)
            tail_positions.append(pos)
        else:
            tail_values[k], tail_positions[k] = value, pos
    kept: set[int] = set()
    pos = tail_positions[-1] if tail_positions else -1
    while pos >= 0:
        kept.add(pos)
        pos = previous[pos]
    return kept
