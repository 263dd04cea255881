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
from typing import Hashable, Iterable, Iterator, Sequence

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
    if len(old) * len(new) <= EXACT_LIMIT:
        return SequenceMatcher(None, old, new, autojunk=False).ratio()
    return 2 * sum(size for _, _, size in matching_blocks(old, new)) / (len(old) + len(new))


EXACT_LIMIT = 1_000_000
"""Up to this product of two sequences' lengths, difflib compares them exactly; its time grows with the
product, so longer ones are first cut at the entries found once in each (`matching_blocks`)."""
CHUNK = 500  # the window compared exactly at a time when a long stretch has no such entries


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[str, int, int, int, int]]:
    """Return difflib's opcodes for turning `a` into `b` (equal, replace, delete, insert), in time close to
    linear in their lengths: exactly difflib's below EXACT_LIMIT."""
    if len(a) * len(b) <= EXACT_LIMIT:
        return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    found: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for ai, bj, size in [*matching_blocks(a, b), (len(a), len(b), 0)]:
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            found.append((tag, i, ai, j, bj))
        if size:
            found.append(("equal", ai, ai + size, bj, bj + size))
        i, j = ai + size, bj + size
    return found


def matching_blocks(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int, int]]:
    """Return (i, j, size) of stretches equal in `a` and `b`, in order, adjacent ones joined.

    Below EXACT_LIMIT, difflib's. Beyond it: the common start and end; then the entries found exactly once
    in each side that keep their order (the longest such run) cut the rest into stretches, each compared
    the same way, and a long stretch with no such entry is compared a window of CHUNK at a time.
    """
    blocks: list[tuple[int, int, int]] = []
    _match(a, 0, len(a), b, 0, len(b), blocks, anchored=False)
    joined: list[tuple[int, int, int]] = []
    for i, j, size in blocks:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + size)
        elif size:
            joined.append((i, j, size))
    return joined


def _match(a: Sequence[Hashable], alo: int, ahi: int, b: Sequence[Hashable], blo: int, bhi: int,
           blocks: list[tuple[int, int, int]], anchored: bool) -> None:
    """Append the equal stretches of a[alo:ahi] and b[blo:bhi] to `blocks`, in order."""
    start = 0
    while alo + start < ahi and blo + start < bhi and a[alo + start] == b[blo + start]:
        start += 1
    if start:
        blocks.append((alo, blo, start))
    alo, blo = alo + start, blo + start
    end = 0
    while ahi - end > alo and bhi - end > blo and a[ahi - 1 - end] == b[bhi - 1 - end]:
        end += 1
    ahi, bhi = ahi - end, bhi - end
    if alo < ahi and blo < bhi:
        if (ahi - alo) * (bhi - blo) <= EXACT_LIMIT:
            matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            blocks.extend((alo + i, blo + j, size) for i, j, size in matcher.get_matching_blocks() if size)
        elif not anchored and (anchors := _unique_anchors(a, alo, ahi, b, blo, bhi)):
            i, j = alo, blo
            for ai, bj in anchors:  # between anchors, never anchored again: one level, so no deep recursion
                _match(a, i, ai, b, j, bj, blocks, anchored=True)
                blocks.append((ai, bj, 1))
                i, j = ai + 1, bj + 1
            _match(a, i, ahi, b, j, bhi, blocks, anchored=True)
        else:
            _windows(a, alo, ahi, b, blo, bhi, blocks)
    if end:
        blocks.append((ahi, bhi, end))


def _windows(a: Sequence[Hashable], alo: int, ahi: int, b: Sequence[Hashable], blo: int, bhi: int,
             blocks: list[tuple[int, int, int]]) -> None:
    """Append the equal stretches of two long stretches with nothing to anchor on, comparing a window of
    CHUNK entries of each at a time and moving both windows on to where their last sure match ends."""
    i, j = alo, blo
    while i < ahi and j < bhi:
        ia, jb = min(i + CHUNK, ahi), min(j + CHUNK, bhi)
        found = [(i + x, j + y, n) for x, y, n in
                 SequenceMatcher(None, a[i:ia], b[j:jb], autojunk=False).get_matching_blocks() if n]
        if ia < ahi or jb < bhi:  # the last match may go on past the windows: it is looked at again
            sure = [m for m in found if m[0] + m[2] <= i + CHUNK * 3 // 4 and m[1] + m[2] <= j + CHUNK * 3 // 4]
            found = sure if sure and max(sure[-1][0] + sure[-1][2] - i, sure[-1][1] + sure[-1][2] - j) >= CHUNK // 4 \
                else found
        blocks.extend(found)
        if not found or (ia == ahi and jb == bhi):
            i, j = ia, jb  # nothing alike in the windows (or the end): what is left of them is changed
        else:
            i, j = found[-1][0] + found[-1][2], found[-1][1] + found[-1][2]


def _unique_anchors(a: Sequence[Hashable], alo: int, ahi: int, b: Sequence[Hashable], blo: int,
                    bhi: int) -> list[tuple[int, int]]:
    """Return (i, j) of the entries found once in a[alo:ahi] and once in b[blo:bhi], the longest run of
    them in the same order on both sides."""
    count_a = Counter(a[alo:ahi])
    count_b = Counter(b[blo:bhi])
    where_b = {b[j]: j for j in range(blo, bhi) if count_b[b[j]] == 1}
    pairs = [(i, where_b[a[i]]) for i in range(alo, ahi) if count_a[a[i]] == 1 and a[i] in where_b]
    kept = longest_increasing([j for _, j in pairs])
    return [pair for k, pair in enumerate(pairs) if k in kept]


def align(
    old: Sequence[Sequence[str]], new: Sequence[Sequence[str]], threshold: float
) -> list[tuple[int | None, int | None]]:
    """Return two lists' indices merged in order, pairing equal or similar entries.

    Pairs never cross (the order of both lists is kept), so the merged list
    reads as the old list when new-only entries are dropped and as the new
    list when old-only entries are dropped.
    """
    merged: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in opcodes([tuple(o) for o in old], [tuple(n) for n in new]):
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
            ratio = matcher.ratio() if len(old[i]) * len(new[j]) <= EXACT_LIMIT else similarity(old[i], new[j])
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
