"""Align two lists: pair equal or similar entries without crossing, keep both orders.

Used for the lines inside a paragraph (items, quoted items), the notes in a
changed stretch of text, the cover's lines and the annex's rows; and, for
whole-submission matching, the longest run of pairs that kept their order.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections import Counter
from difflib import SequenceMatcher
from typing import Iterable, Iterator, Sequence

WORD = re.compile(r"\w+")

ALL_PAIRS_LIMIT = 20_000
"""Up to this many (old, new) pairs, every pair is compared; beyond it, each new entry is compared with a
few candidates only, so that the cost stays linear in the size of the submission."""
CANDIDATES = 24  # the most old entries a new one is compared with, beyond ALL_PAIRS_LIMIT
RARE_WORDS = 8  # how many of a new entry's rarest words find its candidates
SAMPLED_WORDS = 8  # … and how many of its other words, sampled the same way on both sides
COMMON = 64  # a word found in more old entries than this finds no candidates (it tells nothing apart)
WINDOW = 4  # old entries either side of a new entry's proportional place, always candidates


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


def similar_pairs(
    old: Sequence[Sequence[str]],
    new: Sequence[Sequence[str]],
    threshold: float,
    old_free: Sequence[int],
    new_free: Sequence[int],
    groups: tuple[Sequence[str], Sequence[str]] | None = None,
) -> list[tuple[float, float, int, int]]:
    """Return (−similarity, distance, i, j) of the free entries alike enough to pair, ready to sort.

    `distance` is how far apart the two stand, each as a fraction of its list; it breaks ties. `groups`
    names each entry's group (a paragraph's section heading): entries of the same small group are always
    compared.
    """
    found: list[tuple[float, float, int, int]] = []
    matcher = SequenceMatcher(None, autojunk=False)
    for j, olds in candidates(old, new, old_free, new_free, groups):
        matcher.set_seq2(new[j])
        for i in olds:
            matcher.set_seq1(old[i])
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                found.append((-ratio, abs(i / max(len(old), 1) - j / max(len(new), 1)), i, j))
    return found


def candidates(
    old: Sequence[Sequence[str]],
    new: Sequence[Sequence[str]],
    old_free: Sequence[int],
    new_free: Sequence[int],
    groups: tuple[Sequence[str], Sequence[str]] | None = None,
) -> Iterator[tuple[int, Iterable[int]]]:
    """Yield each free new index with the free old indices worth comparing it with.

    Few enough pairs are all compared. Beyond that, a new entry's candidates are the old entries sharing
    most of its rarest words, those of its group when the group is small, and those near its place.
    """
    if len(old_free) * len(new_free) <= ALL_PAIRS_LIMIT:
        for j in new_free:
            yield j, old_free
        return
    postings: dict[str, list[int]] = {}
    for i in old_free:
        for word in set(old[i]):
            postings.setdefault(word, []).append(i)
    grouped: dict[str, list[int]] = {}
    if groups is not None:
        for i in old_free:
            grouped.setdefault(groups[0][i], []).append(i)
    for j in new_free:
        telling = sorted(w for w in set(new[j]) if w in postings and len(postings[w]) <= COMMON)
        hits: Counter[int] = Counter()
        for word in _sample(telling, postings):
            hits.update(postings[word])
        # The most hits first, the earliest entry among equals: the same choice whatever the hash seed.
        chosen = {i for _, i in sorted((-count, i) for i, count in hits.items())[:CANDIDATES]}
        if groups is not None and len(same := grouped.get(groups[1][j], [])) <= CANDIDATES:
            chosen.update(same)
        place = bisect.bisect_left(old_free, round(j * len(old) / max(len(new), 1)))
        chosen.update(old_free[max(place - WINDOW, 0):place + WINDOW])
        yield j, sorted(chosen)


def _sample(words: list[str], postings: dict[str, list[int]]) -> set[str]:
    """Return the words that find a new entry's candidates: its rarest, and a sample of the rest.

    The rarest words tell an entry apart when it has names and figures of its own; the sample (the words
    whose CRC is smallest, the same words on both sides whatever the text) finds a partner whose rare words
    were edited away. CRC rather than `hash`, so that the result is the same in every run.
    """
    rarest = sorted(words, key=lambda w: (len(postings[w]), w))[:RARE_WORDS]
    sampled = sorted(words, key=lambda w: zlib.crc32(w.encode("utf-8")))[:SAMPLED_WORDS]
    return {*rarest, *sampled}


def _best_pairs(old: Sequence[Sequence[str]], new: Sequence[Sequence[str]], threshold: float) -> list[tuple[int, int]]:
    """Return the non-crossing pairs of similar entries with the greatest total similarity.

    A long stretch is paired greedily instead (the most alike first, then the longest run that keeps
    both orders), since the exact pairing costs the product of the two lengths.
    """
    if not old or not new:
        return []
    if len(old) * len(new) > ALL_PAIRS_LIMIT:
        return _greedy_pairs(old, new, threshold)
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


def _greedy_pairs(old: Sequence[Sequence[str]], new: Sequence[Sequence[str]], threshold: float) -> list[tuple[int, int]]:
    """Return non-crossing pairs of similar entries: the most alike first, then those keeping both orders."""
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    chosen: list[tuple[int, int]] = []
    for _, _, i, j in sorted(similar_pairs(old, new, threshold, range(len(old)), range(len(new)))):
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            chosen.append((i, j))
    chosen.sort()
    kept = longest_increasing([j for _, j in chosen])
    return [pair for k, pair in enumerate(chosen) if k in kept]


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
