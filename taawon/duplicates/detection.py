"""Comparing the candidate pairs of a registry, in chunks and on every core.

`screen` first scores every candidate pair in arrays with compare's own points
(taawon.lib.pair_scoring) and keeps the few that reach the threshold; `compare_pairs` then
runs compare on those for the score and reasons that are stored. Nothing is written here:
`compare_pairs` hands each chunk's possible duplicates to a callback
(services.run_detection stores them and reports progress). The registry is loaded once;
with several workers the comparing processes are forked from this one and read its arrays
without copying them, so a million-person registry is held once, not once per core.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np

from taawon.lib.pair_scoring import TOLERANCE, NameSpellings, PairScorer
from taawon.lib.person_match import NAME_PARTS, OFFSET, Reason, compare

from .blocking import Candidates
from .registry import PHONE, SEX, Registry

# Below this many pairs (about a second of compare), starting processes costs more than it
# saves; above, the parent stores one chunk while the children compare the next.
PARALLEL_FROM = 10_000
CHUNK_PAIRS = 20_000
# Pairs scored in arrays at a time: about 100 MB of temporaries.
SCREEN_PAIRS = 500_000


@dataclass(frozen=True)
class Found:
    first: int  # registry position (not the primary key) of the person with the lower id
    second: int
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Chunk:
    start: int  # pair positions [start, stop)
    stop: int
    persons_done: int  # every pair of persons before this position is compared after the chunk


# What forked workers read: set before the pool starts, so it is inherited, never pickled.
_shared: tuple[Registry, Candidates, Mapping[str, float]] | None = None


def chunks(candidates: Candidates, n: int, size: int = CHUNK_PAIRS) -> Iterator[Chunk]:
    """Runs of about `size` pairs that end where a person's pairs end."""
    first = candidates.first
    start = 0
    while start < len(first):
        stop = start + size
        if stop >= len(first):
            yield Chunk(start, len(first), n)
            return
        person = int(first[stop])
        stop = int(np.searchsorted(first, person, side="left"))
        if stop <= start:  # one person with more pairs than a chunk holds
            stop = int(np.searchsorted(first, person, side="right"))
            person = int(first[stop]) if stop < len(first) else n
        yield Chunk(start, stop, person)
        start = stop
    if not len(first):
        yield Chunk(0, 0, n)


def _compare_chunk(chunk: Chunk) -> list[Found]:
    registry, candidates, key_share = _shared
    found = []
    record = registry.record
    first, second = candidates.first, candidates.second
    i, a = -1, None
    for k in range(chunk.start, chunk.stop):
        if first[k] != i:  # pairs come sorted by their first person: build it once
            i = int(first[k])
            a = record(i)
        j = int(second[k])
        # The screen left only pairs at or near the threshold: compare decides each.
        match = compare(a, record(j), key_share=key_share)
        if match.is_candidate:
            found.append(Found(i, j, match.score, match.reasons))
    return found


def scorer(registry: Registry, key_share: Mapping[str, float]) -> PairScorer:
    """The registry as the array scorer reads it: each distinct (Arabic, Latin) spelling of
    a name part numbered once, whichever part it is written in (so that a given name can
    meet a family name when the two are swapped)."""
    text = registry.text.astype(np.int64)
    width = len(registry.strings)
    codes = [text[:, p] * width + text[:, p + len(NAME_PARTS)] for p in range(len(NAME_PARTS))]
    # The unwritten spelling first: ("", "") is string 0 twice, code 0, the smallest.
    unique, inverse = np.unique(np.concatenate([[0], *codes]), return_inverse=True)
    parts = inverse.ravel()[1:].reshape(len(NAME_PARTS), len(registry)).T
    strings = registry.strings
    names = NameSpellings(
        [(strings[code // width], strings[code % width]) for code in unique.tolist()], key_share
    )
    return PairScorer(
        names=names,
        parts=parts,
        sex=registry.text[:, SEX],
        born=registry.born,
        birth_year=registry.birth_year,
        governorate=registry.governorate,
        district=registry.district,
        phones=strings,
        phone=registry.text[:, PHONE],
    )


def screen(
    registry: Registry,
    candidates: Candidates,
    key_share: Mapping[str, float],
    *,
    near_holder: np.ndarray | None = None,
) -> Candidates:
    """The candidate pairs compare may raise: those whose points, worked out in arrays
    (taawon.lib.pair_scoring), reach the offset, less a rounding tolerance; where both
    persons hold an identifier with near forms (`near_holder`, by registry position), with
    the most a number one digit off may add (PairScorer.near_identifier_most).

    The points are compare's own, so only the pairs near or above the threshold are left for
    compare, which decides them and gives the reasons; all the namesakes of a block that
    fall short go here, without building their records.
    """
    a, b = candidates.first, candidates.second
    if not len(a):
        return candidates
    scoring = scorer(registry, key_share)
    keep = np.zeros(len(a), bool)
    for start in range(0, len(a), SCREEN_PAIRS):
        stop = start + SCREEN_PAIRS
        x, y = a[start:stop], b[start:stop]
        points = scoring.points(x, y)
        if near_holder is not None:
            both = near_holder[x] & near_holder[y]
            if both.any():
                points[both] += scoring.near_identifier_most(x[both], y[both])
        keep[start:stop] = points >= OFFSET - TOLERANCE
    stats = {
        **candidates.stats,
        "screened_out": int((~keep).sum()),
        "spellings": len(scoring.names),
    }
    return Candidates(first=a[keep], second=b[keep], stats=stats)


def default_workers(pairs: int) -> int:
    if pairs < PARALLEL_FROM:
        return 1
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 4))


def compare_pairs(
    registry: Registry,
    candidates: Candidates,
    *,
    key_share: Mapping[str, float],
    on_chunk: Callable[[Chunk, list[Found]], None],
    workers: int | None = None,
) -> None:
    """Compare every candidate pair; call `on_chunk` after each chunk, in order."""
    global _shared
    workers = default_workers(len(candidates)) if workers is None else workers
    plan = list(chunks(candidates, len(registry)))
    _shared = (registry, candidates, key_share)
    try:
        if workers <= 1:
            for chunk in plan:
                on_chunk(chunk, _compare_chunk(chunk))
            return
        # Objects tracked before the fork stay out of the children's collections, which
        # would otherwise touch (and so copy) every page of the parent's heap.
        gc.freeze()
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            for chunk, found in zip(plan, pool.imap(_compare_chunk, plan), strict=True):
                on_chunk(chunk, found)
    finally:
        _shared = None
        gc.unfreeze()
