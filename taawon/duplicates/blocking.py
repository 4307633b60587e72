"""Which pairs of a registry are worth comparing: blocking on shared name keys, in arrays.

Comparing every pair of a million persons is 5 * 10**11 comparisons; the matcher takes
a fraction of a millisecond each. So pairs are drawn from blocks of persons who share
evidence, and only those are compared:

- every two phonetic name keys a person holds (given and family name, say) make a block
  of the persons holding both; a true duplicate shares at least two unless all but one of
  their names changed;
- a block larger than `max_block` is a very common name ("Mohammad Ahmad"): it is split by
  year of birth, each person in the block of their year and of the next, so that a year
  mistyped by one still meets; then by day and month of birth (unordered, so that a day and
  month written the other way round stay together). A person whose date is unknown or an
  estimated 1 January is compared with every person of their year's block while that block
  is at most `WILDCARD_FACTOR` times `max_block`. What is still too large after that is
  split by each other name key of its persons (father's, grandfather's, the other script's);
  only a person all of whose sub-blocks are still too large is skipped, since a name that
  common with the same birth date says little, and its pairs would swamp the comparisons;
- persons born on the same day (a date, not an estimated 1 January) in the same district
  make a block too, when it is small: the returning person whose every name was mistyped
  shares no name key, but still their date and place;
- persons with the same phone make a block too (families share one); a phone shared by more
  than `max_block` persons (a household, an office) is split by name key, so that within it
  the same person registered twice still meets, and siblings with other names do not.

A person in a block is never compared with every person sharing one common key, which
is what keeps the number of pairs near-linear in the size of the registry.

No Django here: numpy arrays in, numpy arrays out, tested without a database.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

MAX_BLOCK = 8
# A person's first keys only; more than eight phonetic keys is a pasted paragraph, not a name.
MAX_KEYS_PER_PERSON = 8
# Day and month of birth, unordered: min * 32 + max (0 when the date is unknown).
DAY_MONTH_BASE = 32
# 1 January: what a registration writes when only the year is known (an estimated date).
ESTIMATED = 1 * DAY_MONTH_BASE + 1
# A person without a day and month meets every person of a year's block up to this many
# times max_block.
WILDCARD_FACTOR = 8


@dataclass(frozen=True)
class BlockingInput:
    """Persons 0..n-1 and what blocking reads of them.

    key_person/key_id: one row per (person, phonetic key id); birth_year 0, day_month 0 and
    phone 0 mean unknown.
    """

    n: int
    key_person: np.ndarray
    key_id: np.ndarray
    birth_year: np.ndarray
    day_month: np.ndarray
    phone: np.ndarray
    # Date of birth as a proleptic ordinal and district id (0: unknown); without them no
    # person is blocked by date and place.
    born: np.ndarray | None = None
    district: np.ndarray | None = None


@dataclass
class Candidates:
    """Pairs (first[k] < second[k]), sorted by first then second, and how they were found."""

    first: np.ndarray
    second: np.ndarray
    stats: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.first)


def day_month(day: int, month: int) -> int:
    return min(day, month) * DAY_MONTH_BASE + max(day, month)


def _key_pair_rows(data: BlockingInput) -> tuple[np.ndarray, np.ndarray]:
    """(block code, person) for every pair of keys of every person; a person with one key
    blocks on that key alone."""
    order = np.lexsort((data.key_id, data.key_person))
    person = data.key_person[order].astype(np.int64)
    key = data.key_id[order].astype(np.int64)
    if len(person):
        keep = np.r_[True, (person[1:] != person[:-1]) | (key[1:] != key[:-1])]
        person, key = person[keep], key[keep]
    n_keys = int(key.max()) + 1 if len(key) else 1
    starts = np.flatnonzero(np.r_[True, person[1:] != person[:-1]]) if len(person) else person
    counts = np.diff(np.r_[starts, len(person)])
    codes, persons = [], []
    for m in range(1, int(counts.max(initial=0)) + 1):
        first = starts[counts == m]
        if not len(first):
            continue
        width = min(m, MAX_KEYS_PER_PERSON)
        keys = key[first[:, None] + np.arange(width)]
        owners = person[first]
        if width == 1:
            codes.append(keys[:, 0] * n_keys + keys[:, 0])
            persons.append(owners)
            continue
        for a, b in itertools.combinations(range(width), 2):
            codes.append(keys[:, a] * n_keys + keys[:, b])
            persons.append(owners)
    if not codes:
        empty = np.zeros(0, np.int64)
        return empty, empty
    return np.concatenate(codes), np.concatenate(persons)


class _Emitter:
    def __init__(self, n: int, max_block: int) -> None:
        self.n = n
        self.max_block = max_block
        self.codes: list[np.ndarray] = []

    def emit(self, codes: np.ndarray, persons: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pairs of every block of at most `max_block` persons; the rows of larger blocks
        come back, each with its block's number, for splitting."""
        if not len(codes):
            return codes, persons
        _, block, sizes = np.unique(codes, return_inverse=True, return_counts=True)
        order = np.lexsort((persons, block))
        block, persons = block[order], persons[order]
        starts = np.flatnonzero(np.r_[True, block[1:] != block[:-1]])
        size_of_start = sizes[block[starts]]
        for g in range(2, self.max_block + 1):
            first = starts[size_of_start == g]
            if not len(first):
                continue
            members = persons[first[:, None] + np.arange(g)]
            a, b = np.triu_indices(g, 1)
            self.codes.append(members[:, a].ravel() * self.n + members[:, b].ravel())
        big = sizes[block] > self.max_block
        return block[big], persons[big]

    def emit_wildcards(self, block: np.ndarray, persons: np.ndarray, wild: np.ndarray) -> None:
        """Pairs of each wildcard row with every row of its block, in blocks of at most
        WILDCARD_FACTOR * max_block rows."""
        if not wild.any():
            return
        order = np.lexsort((persons, block))
        block, persons, wild = block[order], persons[order], wild[order]
        starts = np.flatnonzero(np.r_[True, block[1:] != block[:-1]])
        sizes = np.diff(np.r_[starts, len(block)])
        start_of, size_of = np.repeat(starts, sizes), np.repeat(sizes, sizes)
        chosen = wild & (size_of <= WILDCARD_FACTOR * self.max_block)
        if not chosen.any():
            return
        mine, start, size = persons[chosen], start_of[chosen], size_of[chosen]
        offsets = np.arange(int(size.sum())) - np.repeat(np.cumsum(size) - size, size)
        other = persons[np.repeat(start, size) + offsets]
        mine = np.repeat(mine, size)
        differ = mine != other
        low, high = np.minimum(mine, other)[differ], np.maximum(mine, other)[differ]
        self.codes.append(low * self.n + high)

    def pairs(self) -> np.ndarray:
        if not self.codes:
            return np.zeros(0, np.int64)
        return np.unique(np.concatenate(self.codes))


def candidate_pairs(data: BlockingInput, *, max_block: int = MAX_BLOCK) -> Candidates:
    emitter = _Emitter(data.n, max_block)
    stats: dict[str, int] = {}
    codes, persons = _key_pair_rows(data)
    stats["block_rows"] = int(len(codes))
    block, persons = emitter.emit(codes, persons)
    stats["split_by_year"] = int(len(persons))
    # Each row in the block of its year and of the next: years one apart share a block.
    year = data.birth_year[persons]
    block, persons = emitter.emit(
        np.r_[block * 4096 + year, block * 4096 + year + 1], np.r_[persons, persons]
    )
    stats["split_by_day_month"] = int(len(persons))
    dm = data.day_month[persons]
    emitter.emit_wildcards(block, persons, (dm == 0) | (dm == ESTIMATED))
    block, persons = emitter.emit(block * 1024 + dm, persons)
    stats["split_by_name"] = int(len(persons))
    # Still too large (a very common name with one date, doubled by the year overlap): split
    # again by each other name key of its persons (father's, grandfather's, the other
    # script's), which a returning person shares too. A person is skipped only when every
    # one of their sub-blocks is still too large.
    block, persons = _with_keys(data, block, persons)
    rows = np.bincount(persons, minlength=data.n)
    block, persons = emitter.emit(block, persons)
    left = np.bincount(persons, minlength=data.n)
    skipped = np.flatnonzero((rows > 0) & (left == rows))
    stats["skipped_rows"] = int(len(persons))
    stats["skipped_persons"] = int(len(skipped))
    stats["date_place_rows"] = _date_place(data, emitter)
    has_phone = np.flatnonzero(data.phone > 0)
    crowded_block, crowded = emitter.emit(data.phone[has_phone], has_phone.astype(np.int64))
    stats["crowded_phone_rows"] = int(len(crowded))
    crowded_block, crowded = _with_keys(data, crowded_block, crowded)
    _, still = emitter.emit(crowded_block, crowded)
    stats["skipped_phone_rows"] = int(len(still))
    codes = emitter.pairs()
    stats["pairs"] = int(len(codes))
    first, second = np.divmod(codes, data.n) if data.n else (codes, codes)
    return Candidates(first=first, second=second, stats=stats)


def _date_place(data: BlockingInput, emitter: _Emitter) -> int:
    """Blocks of persons born on one day in one district, those of at most max_block
    persons only (a larger one is a date many registrations estimate, or a crowded place,
    where the date says little); returns the rows that went into them."""
    if data.born is None or data.district is None:
        return 0
    known = (data.born > 0) & (data.district > 0) & (data.day_month != ESTIMATED)
    persons = np.flatnonzero(known).astype(np.int64)
    width = int(data.district.max()) + 1 if len(data.district) else 1
    codes = data.born[persons].astype(np.int64) * width + data.district[persons]
    emitter.emit(codes, persons)
    return int(len(persons))


def _with_keys(data: BlockingInput, block: np.ndarray, persons: np.ndarray):
    """Rows (block, person) made one row per name key of the person: (block and key code,
    person), so that a crowded phone's persons meet by name within it."""
    if not len(persons) or not len(data.key_person):
        return block[:0], persons[:0]
    order = np.argsort(data.key_person, kind="stable")
    owner, key = data.key_person[order].astype(np.int64), data.key_id[order].astype(np.int64)
    start = np.searchsorted(owner, persons, side="left")
    count = np.searchsorted(owner, persons, side="right") - start
    offsets = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    keys = key[np.repeat(start, count) + offsets]
    n_keys = int(key.max()) + 1
    return np.repeat(block, count) * n_keys + keys, np.repeat(persons, count)
