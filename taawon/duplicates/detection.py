"""Comparing the candidate pairs of a registry, in chunks and on every core.

Nothing is written here: `compare_pairs` hands each chunk's possible duplicates to a callback
(services.run_detection stores them and reports progress). The registry is loaded once;
with several workers the comparing processes are forked from this one and read its arrays
without copying them, so a million-person registry is held once, not once per core.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np

from taawon.lib.person_match import (
    NAME_PARTS,
    OFFSET,
    Reason,
    compare,
    could_be_candidate,
    part_ceiling,
)

from .blocking import Candidates
from .registry import PHONE, SEX, UNIX_EPOCH_ORDINAL, Registry

# Below this many pairs, starting processes costs more than it saves.
PARALLEL_FROM = 50_000
CHUNK_PAIRS = 20_000
_NOT_DIGITS = re.compile(r"\D+")


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
        b = record(j)
        # Most pairs of a block are namesakes: the bound rules them out without the full score.
        if not could_be_candidate(a, b, key_share=key_share):
            continue
        match = compare(a, b, key_share=key_share)
        if match.is_candidate:
            found.append(Found(i, j, match.score, match.reasons))
    return found


def _name_ceilings(registry: Registry, key_share: Mapping[str, float]) -> np.ndarray:
    """(n, 4): per person and name part, the most points the part can add (NaN: not
    written). Names repeat, so each (Arabic, Latin) spelling of a part is worked out once."""
    out = np.full((len(registry), len(NAME_PARTS)), np.nan)
    strings = registry.strings
    for p, part in enumerate(NAME_PARTS):
        pairs = registry.text[:, [p, p + 4]]
        unique, inverse = np.unique(pairs, axis=0, return_inverse=True)
        values = [part_ceiling(part, (strings[ar], strings[en]), key_share) for ar, en in unique]
        table = np.array([np.nan if v is None else v for v in values])
        out[:, p] = table[inverse.ravel()]
    return out


def _phone_digits(registry: Registry) -> tuple[np.ndarray, np.ndarray]:
    """Per person: an id of the phone's digits (0: fewer than six, which compare ignores)
    and how many digits it has."""
    ids, lengths = [0], [0]
    seen: dict[str, int] = {}
    for text in registry.strings:
        digits = _NOT_DIGITS.sub("", text)  # as person_match._digits
        if len(digits) < 6:
            ids.append(0)
            lengths.append(0)
            continue
        ids.append(seen.setdefault(digits, len(seen) + 1))
        lengths.append(len(digits))
    ids, lengths = np.array(ids[1:]), np.array(lengths[1:])
    column = registry.text[:, PHONE]
    return ids[column], lengths[column]


def screen(
    registry: Registry, candidates: Candidates, key_share: Mapping[str, float]
) -> Candidates:
    """The candidate pairs that `could_be_candidate` would not rule out, in arrays.

    Each field counts at most what compare can give it (names at their ceiling, a phone one
    digit off when both have as many digits, birth dates by what both records know), so no
    pair compare would raise is dropped; most namesakes of a block are, without building
    their records. What is left goes through could_be_candidate and compare pair by pair.
    """
    a, b = candidates.first, candidates.second
    if not len(a):
        return candidates
    ceilings = _name_ceilings(registry, key_share)
    both = ~np.isnan(ceilings[a]) & ~np.isnan(ceilings[b])
    total = np.where(both, np.nan_to_num(ceilings[a]), 0.0).sum(axis=1)

    phone, digits = _phone_digits(registry)
    same_phone = (phone[a] > 0) & (phone[a] == phone[b])
    near_phone = (phone[a] > 0) & (phone[b] > 0) & (digits[a] == digits[b]) & ~same_phone
    total += np.where(same_phone, 4.0, np.where(near_phone, 1.5, 0.0))

    sex = registry.text[:, SEX]
    total -= np.where((sex[a] > 0) & (sex[b] > 0) & (sex[a] != sex[b]), 6.0, 0.0)
    district, governorate = registry.district, registry.governorate
    same_district = (district[a] > 0) & (district[a] == district[b])
    same_governorate = (governorate[a] > 0) & (governorate[a] == governorate[b])
    total += np.where(same_district, 1.0, np.where(same_governorate, 0.5, 0.0))
    total += _birth_ceiling(registry, a, b)

    keep = total >= OFFSET - 1e-9
    stats = {**candidates.stats, "screened_out": int((~keep).sum())}
    return Candidates(first=a[keep], second=b[keep], stats=stats)


def _birth_ceiling(registry: Registry, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """At least what person_match._birth_reasons gives each pair."""
    da, db = registry.born[a].astype(np.int64), registry.born[b].astype(np.int64)
    year_a, month_day_a = _year_month_day(da)
    year_b, month_day_b = _year_month_day(db)
    # As person_match._year: the year of the date when there is one.
    ya = np.where(da > 0, year_a, registry.birth_year[a].astype(np.int64))
    yb = np.where(db > 0, year_b, registry.birth_year[b].astype(np.int64))
    gap = np.abs(ya - yb)
    penalty = np.where(gap == 2, -1.5, np.where(gap <= 5, -3.5, -5.5))
    # Year only on one side at least.
    years = np.where(gap == 0, 2.5, np.where(gap == 1, 0.5, penalty))
    # Dates on both sides.
    same_md = month_day_a == month_day_b
    swapped = (month_day_a // 100 == month_day_b % 100) & (month_day_a % 100 == month_day_b // 100)
    both_dates = np.where(
        da == db,
        6.5,
        np.where(
            gap == 0,
            np.where(swapped, 4.5, 2.5),
            np.where(
                same_md,
                np.where(gap == 1, 2.5, np.maximum(1.0, penalty)),
                np.where(gap == 1, -1.0, penalty),
            ),
        ),
    )
    out = np.where((da > 0) & (db > 0), both_dates, years)
    return np.where((ya > 0) & (yb > 0), out, 0.0)


def _year_month_day(ordinals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Year and month * 100 + day of proleptic ordinals (meaningless where 0)."""
    dates = (ordinals - UNIX_EPOCH_ORDINAL).astype("M8[D]")
    months = dates.astype("M8[M]")
    years = dates.astype("M8[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (dates - months.astype("M8[D]")).astype(np.int64) + 1
    return years, month * 100 + day


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
