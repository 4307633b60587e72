"""Top-k recommendations both ways: open vacancies for a job seeker, candidates for a vacancy.

Ranking is by score, then by the smaller id, so the order is total and reproducible. Two paths
give the same answer:
- `method="exhaustive"` scores every pair, block by block;
- `method="fast"` (the default) groups the queries that share an occupation code and the
  categorical conditions (permit and needs for a seeker; sector and facilities for a vacancy),
  keeps only the candidates those conditions allow, and visits them by occupation tier (same
  unit group, then minor, then sub-major, then the rest). A query stops as soon as its k-th best
  score beats what any candidate of the next tier could reach (its occupation value plus 1 for
  every other component), and a tier is first cut to the candidates within reach of the block's
  travel limits. Both paths score a pair with the same array code, so their scores and their
  top-k are identical, ties included; the test suite and the benchmark check it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from .constraints import categorical_block
from .geo import chord2_to_km, km_to_chord2
from .model import COMPONENTS, Component, OccupationMatch, Recommendation, Weights
from .scoring import Prepared, occupation_values, pair_scores, pair_terms, prepare, reachable
from .tables import Instance

Direction = Literal["vacancies", "seekers"]
NO_ID = -1
_PAD = np.iinfo(np.int64).max
_LOWEST = np.finfo(np.float64).min
_MARGIN = 1e-9
"""Slack on tier bounds against rounding: a tier is skipped only when it is surely beaten."""


@dataclass(frozen=True, eq=False)
class TopK:
    """The k best candidates of each query, best first; ids are NO_ID past the last one found.

    `direction` says what was recommended: "vacancies" for job seekers (queries are seekers),
    "seekers" for vacancies. `values` holds the component values in `model.COMPONENTS` order.
    """

    direction: Direction
    weights: Weights
    query_ids: NDArray[np.int64]
    ids: NDArray[np.int64]
    scores: NDArray[np.float64]
    km: NDArray[np.float64]
    values: NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.query_ids)

    @property
    def found(self) -> NDArray[np.int64]:
        return (self.ids != NO_ID).sum(axis=1)

    def recommendations(self, i: int) -> list[Recommendation]:
        """The recommendations of the i-th query, each with its score broken into components."""
        result = []
        for rank in range(int(self.found[i])):
            values = self.values[i, rank]
            components = tuple(
                Component(name, float(value), w, w * float(value))
                for name, value, w in zip(COMPONENTS, values, self.weights.as_tuple(), strict=True)
            )
            seeker_id, vacancy_id = int(self.query_ids[i]), int(self.ids[i, rank])
            if self.direction == "seekers":
                seeker_id, vacancy_id = vacancy_id, seeker_id
            result.append(
                Recommendation(
                    seeker_id=seeker_id,
                    vacancy_id=vacancy_id,
                    rank=rank + 1,
                    score=float(self.scores[i, rank]),
                    distance_km=float(self.km[i, rank]),
                    occupation_match=_match_of(float(values[0]), self.weights),
                    components=components,
                )
            )
        return result


def _match_of(value: float, weights: Weights) -> OccupationMatch:
    unit, minor, sub_major = weights.occupation_levels
    for level, v in ((OccupationMatch.UNIT, unit), (OccupationMatch.MINOR, minor)):
        if value == v:
            return level
    return OccupationMatch.SUB_MAJOR if value == sub_major and value > 0 else OccupationMatch.NONE


def recommend_vacancies(
    instance: Instance,
    k: int = 10,
    *,
    weights: Weights | None = None,
    seekers: NDArray[np.intp] | None = None,
    method: Literal["fast", "exhaustive"] = "fast",
    workers: int | None = None,
) -> TopK:
    """The top-k open vacancies for each job seeker (`seekers`: row indices, default all)."""
    return _recommend(instance, "vacancies", k, weights or Weights(), seekers, method, workers)


def recommend_seekers(
    instance: Instance,
    k: int = 10,
    *,
    weights: Weights | None = None,
    vacancies: NDArray[np.intp] | None = None,
    method: Literal["fast", "exhaustive"] = "fast",
    workers: int | None = None,
) -> TopK:
    """The top-k job seekers for each vacancy (`vacancies`: row indices, default all)."""
    return _recommend(instance, "seekers", k, weights or Weights(), vacancies, method, workers)


def _recommend(
    instance: Instance,
    direction: Direction,
    k: int,
    weights: Weights,
    queries: NDArray[np.intp] | None,
    method: str,
    workers: int | None,
) -> TopK:
    if k < 1:
        raise ValueError("k must be at least 1")
    p = prepare(instance, weights)
    side = _Side(p, direction)
    if queries is None:
        queries = np.arange(side.n_queries)
    queries = np.asarray(queries, dtype=np.intp)
    if len(np.unique(queries)) != len(queries):
        raise ValueError("each query may be listed once")
    if method == "fast":
        best_s, best_i = _fast(side, queries, k, workers or min(4, os.cpu_count() or 1))
    elif method == "exhaustive":
        best_s, best_i = _exhaustive(side, queries, k)
    else:
        raise ValueError(f"unknown method {method!r}")
    return _finish(side, queries, best_s, best_i, weights)


class _Side:
    """Which table the queries come from, and how to score a block of (query, candidate)."""

    def __init__(self, p: Prepared, direction: Direction) -> None:
        self.p, self.direction = p, direction
        s, v = p.instance.seekers, p.instance.vacancies
        self.queries_are_seekers = direction == "vacancies"
        self.query_table, self.cand_table = (s, v) if self.queries_are_seekers else (v, s)
        self.n_queries, self.n_cands = len(self.query_table), len(self.cand_table)
        self.cand_order = np.argsort(self.cand_table.ids, kind="stable")

    def candidates(
        self, q: NDArray[np.intp], c: NDArray[np.intp], occupation: float | None, checked: bool
    ) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
        """Feasible pairs of the block q x c as (index into q, index into c, score), by query.

        `checked` says the categorical constraints hold for the whole block already.
        """
        s, v = self.p.instance.seekers, self.p.instance.vacancies
        seekers, vacancies = (q, c) if self.queries_are_seekers else (c, q)
        chord2, ok = reachable(self.p, seekers, vacancies)
        if not checked:
            ok &= categorical_block(s, seekers, v, vacancies)
        if not self.queries_are_seekers:
            chord2, ok = chord2.T, ok.T
        qi, ci = np.nonzero(ok)
        seeker_rows, vacancy_rows = (q[qi], c[ci]) if self.queries_are_seekers else (c[ci], q[qi])
        scores = pair_scores(
            self.p, seeker_rows, vacancy_rows, chord2=chord2[qi, ci], occupation=occupation
        )
        return qi, ci, scores

    def profiles(self, q: NDArray[np.intp]) -> Iterator[tuple[int, NDArray[np.intp], NDArray]]:
        """Groups of queries sharing a code and categorical conditions, with their candidates."""
        t = self.query_table
        if self.queries_are_seekers:
            keys = [t.isco, t.permit_mask.view(np.int64), t.needs_mask, ~t.placed]
        else:
            keys = [t.isco, t.sector_bit.view(np.int64), t.facilities_mask, t.positions > 0]
        key = np.stack([np.asarray(a[q], dtype=np.int64) for a in keys], axis=1)
        _, inverse = np.unique(key, axis=0, return_inverse=True)
        order = np.argsort(inverse.ravel(), kind="stable")
        bounds = np.flatnonzero(np.diff(inverse.ravel()[order])) + 1
        cache: dict[tuple[int, int], NDArray[np.intp]] = {}
        for members in np.split(q[order], bounds):
            first = members[0]
            code, a, b = int(keys[0][first]), int(keys[1][first]), int(keys[2][first])
            if not keys[3][first]:
                yield code, members, np.empty(0, dtype=np.intp)
                continue
            if (a, b) not in cache:
                cache[(a, b)] = self._open(a, b)
            yield code, members, cache[(a, b)]

    def _open(self, a: int, b: int) -> NDArray[np.intp]:
        s, v = self.p.instance.seekers, self.p.instance.vacancies
        if self.queries_are_seekers:
            permit, needs = np.uint64(a & 0xFFFF_FFFF_FFFF_FFFF), np.uint8(b)
            ok = (v.positions > 0) & ((v.sector_bit & permit) != 0)
            ok &= (v.facilities_mask & needs) == needs
        else:
            sector, facilities = np.uint64(a & 0xFFFF_FFFF_FFFF_FFFF), np.uint8(b)
            ok = ~s.placed & ((s.permit_mask & sector) != 0)
            ok &= (s.needs_mask & facilities) == s.needs_mask
        return np.flatnonzero(ok)

    def within_reach(self, q: NDArray[np.intp], c: NDArray[np.intp]) -> NDArray[np.intp]:
        """Candidates that may lie within travel range of some query of the block (a superset)."""
        p = self.p
        if self.queries_are_seekers:
            qx, qy, qz, cx, cy, cz = p.sx, p.sy, p.sz, p.vx, p.vy, p.vz
        else:
            qx, qy, qz, cx, cy, cz = p.vx, p.vy, p.vz, p.sx, p.sy, p.sz
        centre = np.array([qx[q].sum(), qy[q].sum(), qz[q].sum()])
        centre /= np.linalg.norm(centre)
        spread = (qx[q] - centre[0]) ** 2 + (qy[q] - centre[1]) ** 2 + (qz[q] - centre[2]) ** 2
        radius = float(chord2_to_km(spread.max()))
        chord2 = (cx[c] - centre[0]) ** 2 + (cy[c] - centre[1]) ** 2 + (cz[c] - centre[2]) ** 2
        travel = p.instance.seekers.max_travel_km
        if self.queries_are_seekers:
            limit = km_to_chord2(radius + float(travel[q].max()) + 1e-6)
        else:
            limit = km_to_chord2(radius + travel[c] + 1e-6)
        return c[chord2 <= limit]


def _tier_bound(weights: Weights, occupation: float) -> float:
    # The score formula with every other component at its maximum, in the scorer's order.
    bound = weights.occupation * occupation + weights.skills
    bound += weights.distance
    bound += weights.wage
    bound += weights.experience
    return bound + _MARGIN


_BLOCK_ROWS = 64
_BLOCK_CELLS = 1 << 17
_REACH_MIN = 256


def _spatial_order(side: _Side, q: NDArray[np.intp]) -> NDArray[np.intp]:
    """Queries in Z-order of position, so that a block of neighbours shares its candidates."""
    t = side.query_table
    y = ((t.latitude[q] + 90.0) / 180.0 * 65535).astype(np.uint64)
    x = ((t.longitude[q] + 180.0) / 360.0 * 65535).astype(np.uint64)
    return q[np.argsort(_interleave(x) | (_interleave(y) << np.uint64(1)), kind="stable")]


def _interleave(v: NDArray[np.uint64]) -> NDArray[np.uint64]:
    v = (v | (v << np.uint64(8))) & np.uint64(0x00FF00FF)
    v = (v | (v << np.uint64(4))) & np.uint64(0x0F0F0F0F)
    v = (v | (v << np.uint64(2))) & np.uint64(0x33333333)
    return (v | (v << np.uint64(1))) & np.uint64(0x55555555)


def _fast(side: _Side, queries: NDArray[np.intp], k: int, workers: int) -> tuple[NDArray, NDArray]:
    n = len(queries)
    best_s = np.full((n, k), -np.inf)
    best_i = np.full((n, k), _PAD, dtype=np.int64)
    position = np.empty(side.n_queries, dtype=np.intp)
    position[queries] = np.arange(n)
    groups = sorted(side.profiles(np.sort(queries)), key=lambda g: -len(g[1]))

    def search(group: tuple[int, NDArray[np.intp], NDArray[np.intp]]) -> None:
        # Each group writes only its own rows of best_s and best_i, so threads never collide.
        code, members, open_cands = group
        if len(open_cands):
            members, found_s, found_i = _search_group(side, code, members, open_cands, k)
            best_s[position[members]], best_i[position[members]] = found_s, found_i

    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(search, groups))
    else:
        for group in groups:
            search(group)
    return best_s, best_i


def _search_group(
    side: _Side, code: int, members: NDArray[np.intp], open_cands: NDArray[np.intp], k: int
) -> tuple[NDArray[np.intp], NDArray, NDArray]:
    """Top k for queries sharing a code and categorical conditions, tier by tier.

    Returns the members in the order it visited them, with their best scores and ids.
    """
    w = side.p.weights
    occ = occupation_values(np.int64(code), side.cand_table.isco[open_cands], w)
    tiers = [(float(level), open_cands[occ == level]) for level in np.unique(occ)[::-1]]
    if len(members) > _BLOCK_ROWS:
        members = _spatial_order(side, members)
    best_s = np.full((len(members), k), -np.inf)
    best_i = np.full((len(members), k), _PAD, dtype=np.int64)
    for start in range(0, len(members), _BLOCK_ROWS):
        block = members[start : start + _BLOCK_ROWS]
        bs, bi = best_s[start : start + _BLOCK_ROWS], best_i[start : start + _BLOCK_ROWS]
        for level, tier in tiers:
            need = ~(bs[:, k - 1] > _tier_bound(w, level))
            if not need.any():
                break
            sub = block[need]
            cands = side.within_reach(sub, tier) if len(tier) > _REACH_MIN else tier
            step = max(k, _BLOCK_CELLS // len(sub))
            s_sub, i_sub = bs[need], bi[need]
            for c0 in range(0, len(cands), step):
                chunk = cands[c0 : c0 + step]
                qi, ci, scores = side.candidates(sub, chunk, level, checked=True)
                s_sub, i_sub = _merge(s_sub, i_sub, qi, scores, side.cand_table.ids[chunk[ci]], k)
            bs[need], bi[need] = s_sub, i_sub
    return members, best_s, best_i


def _exhaustive(side: _Side, queries: NDArray[np.intp], k: int) -> tuple[NDArray, NDArray]:
    n = len(queries)
    best_s = np.full((n, k), -np.inf)
    best_i = np.full((n, k), _PAD, dtype=np.int64)
    cands = np.arange(side.n_cands)
    step_rows = max(1, _BLOCK_CELLS // max(1, min(side.n_cands, 8192)))
    step_cols = 8192
    for r0 in range(0, n, step_rows):
        q = queries[r0 : r0 + step_rows]
        bs, bi = best_s[r0 : r0 + step_rows], best_i[r0 : r0 + step_rows]
        for c0 in range(0, side.n_cands, step_cols):
            c = cands[c0 : c0 + step_cols]
            qi, ci, scores = side.candidates(q, c, None, checked=False)
            bs, bi = _merge(bs, bi, qi, scores, side.cand_table.ids[c[ci]], k)
        best_s[r0 : r0 + step_rows], best_i[r0 : r0 + step_rows] = bs, bi
    return best_s, best_i


def _merge(
    best_s: NDArray[np.float64],
    best_i: NDArray[np.int64],
    rows: NDArray[np.intp],
    scores: NDArray[np.float64],
    ids: NDArray[np.int64],
    k: int,
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """The k best of the current best and new (row, score, id) triples, by score then smaller id.

    Triples come grouped by row. Before sorting, each row's threshold is raised to the k-th
    best of its first few new scores: the k-th best of a subset never beats the k-th best of
    the whole, so nothing that belongs in the top k is dropped.
    """
    r = len(best_s)
    lower = np.where(np.isneginf(best_s[:, k - 1]), _LOWEST, best_s[:, k - 1])
    keep = scores >= lower[rows]
    rows, scores, ids = rows[keep], scores[keep], ids[keep]
    if len(rows) > 4 * k * r:
        lower = np.maximum(lower, _subset_kth(rows, scores, r, k))
        keep = scores >= lower[rows]
        rows, scores, ids = rows[keep], scores[keep], ids[keep]
    if len(rows) == 0:
        return best_s, best_i
    old_r, old_k = np.nonzero(best_s > -np.inf)
    all_r = np.concatenate([old_r, rows])
    all_s = np.concatenate([best_s[old_r, old_k], scores])
    all_i = np.concatenate([best_i[old_r, old_k], ids])
    order = np.lexsort((all_i, -all_s, all_r))
    all_r, all_s, all_i = all_r[order], all_s[order], all_i[order]
    rank = np.arange(len(all_r)) - np.searchsorted(all_r, all_r, side="left")
    keep = rank < k
    out_s = np.full((r, k), -np.inf)
    out_i = np.full((r, k), _PAD, dtype=np.int64)
    out_s[all_r[keep], rank[keep]] = all_s[keep]
    out_i[all_r[keep], rank[keep]] = all_i[keep]
    return out_s, out_i


_SUBSET = 48


def _subset_kth(rows: NDArray[np.intp], scores: NDArray[np.float64], r: int, k: int) -> NDArray:
    """Per row, the k-th best of its first _SUBSET scores (the lowest float if it has fewer)."""
    counts = np.bincount(rows, minlength=r)
    starts = np.cumsum(counts) - counts
    take = np.minimum(counts, _SUBSET)
    offsets = np.arange(_SUBSET)
    valid = offsets[None, :] < take[:, None]
    index = np.where(valid, starts[:, None] + offsets[None, :], 0)
    sample = np.where(valid, scores[index], -np.inf)
    kth = np.partition(sample, _SUBSET - k, axis=1)[:, _SUBSET - k]
    return np.where(np.isneginf(kth), _LOWEST, kth)


def _finish(
    side: _Side,
    queries: NDArray[np.intp],
    best_s: NDArray[np.float64],
    best_i: NDArray[np.int64],
    weights: Weights,
) -> TopK:
    found = best_s > -np.inf
    ids = np.where(found, best_i, NO_ID)
    n, k = ids.shape
    q_rows, ranks = np.nonzero(found)
    cand_rows = side.cand_order[
        np.searchsorted(side.cand_table.ids[side.cand_order], best_i[q_rows, ranks])
    ]
    query_rows = queries[q_rows]
    if side.queries_are_seekers:
        terms = pair_terms(side.p, query_rows, cand_rows)
    else:
        terms = pair_terms(side.p, cand_rows, query_rows)
    km = np.full((n, k), np.nan)
    values = np.full((n, k, len(COMPONENTS)), np.nan)
    km[q_rows, ranks] = terms.km
    values[q_rows, ranks] = terms.values
    scores = np.where(found, best_s, -np.inf)
    return TopK(
        direction=side.direction,
        weights=weights,
        query_ids=side.query_table.ids[queries],
        ids=ids,
        scores=scores,
        km=km,
        values=values,
    )
