"""The holders of a round of name keys, as the bulk candidate search reads them, in arrays.

A round of an import's duplicate check reads every holder of a few thousand name keys: at a
million persons, millions of (key, person) rows. Held as Python sets of ints and a dict of
each holder's sex and year, that is a few hundred bytes a row, most of an import's memory;
as sorted int64 arrays it is eight, and meeting two keys' holders is a vectorised search.

No Django here: rows in, arrays out.
"""

from __future__ import annotations

from array import array
from collections import defaultdict

import numpy as np

# A holder's sex as stored in the arrays; 0 is unknown.
_SEX_CODES = {"female": 1, "male": 2}


class NameBlocks:
    """Per name key, its holders' ids (sorted, unique); per holder, sex and year of birth.

    Fill with `add`, then `freeze` once; read with `holders`, `meet` and `plausible`."""

    def __init__(self) -> None:
        self._rows: defaultdict[str, array] = defaultdict(lambda: array("q"))
        self._ids = array("q")
        self._sexes = array("b")
        self._years = array("h")
        self._blocks: dict[str, np.ndarray] = {}
        self._trait_ids = np.empty(0, dtype=np.int64)
        self._trait_sex = np.empty(0, dtype=np.int8)
        self._trait_year = np.empty(0, dtype=np.int16)

    def add(self, key: str, person_id: int, sex: str, year: int | None) -> None:
        self._rows[key].append(person_id)
        self._ids.append(person_id)
        self._sexes.append(_SEX_CODES.get(sex, 0))
        self._years.append(year or 0)

    def freeze(self) -> NameBlocks:
        self._blocks = {
            key: np.unique(np.frombuffer(ids, dtype=np.int64)) for key, ids in self._rows.items()
        }
        ids = np.frombuffer(self._ids, dtype=np.int64)
        self._trait_ids, first = np.unique(ids, return_index=True)
        self._trait_sex = np.frombuffer(self._sexes, dtype=np.int8)[first]
        self._trait_year = np.frombuffer(self._years, dtype=np.int16)[first]
        self._rows, self._ids = defaultdict(lambda: array("q")), array("q")
        self._sexes, self._years = array("b"), array("h")
        return self

    def __contains__(self, key: str) -> bool:
        return key in self._blocks

    def holders(self, key: str) -> np.ndarray:
        return self._blocks[key]

    def meet(self, first: str, second: str) -> np.ndarray:
        """The persons holding both keys (sorted)."""
        return intersect(self._blocks[first], self._blocks[second])

    def plausible(self, ids: np.ndarray, sex: str, born: int | None, window: int) -> np.ndarray:
        """Those of `ids` (holders) not of the other sex and born within `window` years of
        `born`; an unknown sex or year on either side leaves them in."""
        where = np.searchsorted(self._trait_ids, ids)
        keep = np.ones(len(ids), dtype=bool)
        code = _SEX_CODES.get(sex, 0)
        if code:
            sexes = self._trait_sex[where]
            keep &= (sexes == 0) | (sexes == code)
        if born is not None:
            years = self._trait_year[where].astype(np.int32)
            keep &= (years == 0) | (np.abs(years - born) <= window)
        return ids[keep]


def intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values of two sorted arrays of unique values that are in both (sorted): each value
    of the shorter looked up in the longer."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a) or not len(b):
        return a[:0]
    where = np.searchsorted(b, a)
    where[where == len(b)] = 0
    return a[b[where] == a]
