"""Top-k recommendations both ways: open vacancies for a job seeker, candidates for a vacancy.

Ranking is by score, then by the smaller id, so the order is total and reproducible. Two paths
give the same answer:
- `method="exhaustive"` scores every pair, block by block;
- `method="fast"` (the default) groups the queries that share an occupation code, cuts each
  group into blocks of neighbours (Z-order of position), and visits the candidates by
  occupation tier (same unit group, then minor, then sub-major, then the rest). A query stops
  as soon as its k-th best score beats what any candidate of the next tier could reach (its
  occupation value plus 1 for every other component). Within a tier, candidates whose sector
  and facilities suit no query of the block are dropped, the rest come nearest to the block
  first, and once a query holds k scores a candidate is scored only when near enough that its
  distance component could still lift it past the k-th (the others counted at 1). Both paths
  score a pair with the same array code, so their scores and their top-k are identical, ties
  included; the test suite and the benchmark check it.
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
from .scoring import (
    Prepared,
    occupation_values,
    pair_scores,
    pair_terms,
    prepare,
    reachable,
    skill_values,
)
from .tables import Instance, all_distinct

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


def best_vacancy_rows(
    instance: Instance, k: int, *, weights: Weights | None = None, workers: int | None = None
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
    """Each seeker's top k as (seeker row, vacancy row, score), best first per seeker.

    The same search as `recommend_vacancies`, without the breakdown of each score into
    components, which a campaign's candidate edges do not need.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    side = _Side(prepare(instance, weights or Weights()), "vacancies")
    queries = np.arange(side.n_queries)
    best_s, best_i = _fast(side, queries, k, workers or min(4, os.cpu_count() or 1))
    rows, ranks = np.nonzero(best_s > -np.inf)
    ordered_ids = side.cand_table.ids[side.cand_order]
    cols = side.cand_order[np.searchsorted(ordered_ids, best_i[rows, ranks])]
    return rows, cols, best_s[rows, ranks]


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
    if not all_distinct(queries):
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
        self,
        q: NDArray[np.intp],
        c: NDArray[np.intp],
        occupation: float | None,
        checked: bool,
        limit: NDArray[np.float64] | None = None,
        kth: NDArray[np.float64] | None = None,
    ) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
        """Feasible pairs of the block q x c as (index into q, index into c, score), by query.

        `checked` says the categorical constraints hold for the whole block already; `limit`
        (seeker queries only) is a squared chord per query beyond which pairs are not scored.
        With `kth`, each query's current k-th best, and a shared `occupation`, pairs whose
        skills alone keep them below it are left out before the rest of the score is computed:
        they could not enter the top k (ties included) with every other component at 1.
        """
        s, v, w = self.p.instance.seekers, self.p.instance.vacancies, self.p.weights
        seekers, vacancies = (q, c) if self.queries_are_seekers else (c, q)
        chord2, ok = reachable(self.p, seekers, vacancies, limit=limit)
        if not checked:
            ok &= categorical_block(s, seekers, v, vacancies)
        if not self.queries_are_seekers:
            chord2, ok = chord2.T, ok.T
        qi, ci = np.nonzero(ok)
        seeker_rows, vacancy_rows = (q[qi], c[ci]) if self.queries_are_seekers else (c[ci], q[qi])
        skills = None
        if kth is not None and occupation is not None:
            skills = skill_values(self.p, seeker_rows, vacancy_rows)
            rest = w.occupation * occupation + w.distance + w.wage + w.experience + _MARGIN
            keep = np.flatnonzero(w.skills * skills + rest >= kth[qi])
            if len(keep) < len(qi):
                qi, ci, skills = qi[keep], ci[keep], skills[keep]
                seeker_rows, vacancy_rows = seeker_rows[keep], vacancy_rows[keep]
        scores = pair_scores(
            self.p,
            seeker_rows,
            vacancy_rows,
            chord2=chord2[qi, ci],
            occupation=occupation,
            skills=skills,
        )
        return qi, ci, scores

    def groups(self, q: NDArray[np.intp]) -> Iterator[tuple[int, NDArray[np.intp]]]:
        """Open queries by occupation code, the one thing that fixes a query's tiers.

        Permits, needs, sectors and facilities are checked per block instead: grouping by them
        too made groups so small that a block of neighbours spanned the whole country.
        """
        t = self.query_table
        q = q[~t.placed[q] if self.queries_are_seekers else t.positions[q] > 0]
        codes = t.isco[q]
        order = np.argsort(codes, kind="stable")
        bounds = np.flatnonzero(np.diff(codes[order])) + 1
        for members in np.split(q[order], bounds):
            if len(members):
                yield int(t.isco[members[0]]), members

    def open_candidates(self) -> NDArray[np.intp]:
        if self.queries_are_seekers:
            return np.flatnonzero(self.cand_table.positions > 0)
        return np.flatnonzero(~self.cand_table.placed)

    def admissible(self, q: NDArray[np.intp], c: NDArray[np.intp]) -> NDArray[np.intp]:
        """Candidates whose sector and facilities suit at least one query of the block."""
        s, v = self.p.instance.seekers, self.p.instance.vacancies
        if self.queries_are_seekers:
            permits = np.bitwise_or.reduce(s.permit_mask[q])
            needs = np.bitwise_and.reduce(s.needs_mask[q])
            ok = (v.sector_bit[c] & permits) != 0
            ok &= (v.facilities_mask[c] & needs) == needs
        else:
            sectors = np.bitwise_or.reduce(v.sector_bit[q])
            facilities = np.bitwise_or.reduce(v.facilities_mask[q])
            ok = (s.permit_mask[c] & sectors) != 0
            ok &= (s.needs_mask[c] & ~facilities) == 0
        return c[ok]

    def within_reach(
        self, q: NDArray[np.intp], c: NDArray[np.intp], reach: NDArray[np.float64] | None
    ) -> tuple[NDArray[np.intp], NDArray[np.float64], NDArray[np.float64]]:
        """Candidates that may lie within travel range of some query of the block (a superset),
        nearest to the block's centre first, with their km from it and the queries' km from it.

        `reach`: km per query (seeker queries only; default their travel limits).
        """
        p = self.p
        if self.queries_are_seekers:
            qx, qy, qz, cx, cy, cz = p.sx, p.sy, p.sz, p.vx, p.vy, p.vz
        else:
            qx, qy, qz, cx, cy, cz = p.vx, p.vy, p.vz, p.sx, p.sy, p.sz
        centre = np.array([qx[q].sum(), qy[q].sum(), qz[q].sum()])
        centre /= np.linalg.norm(centre)
        spread = (qx[q] - centre[0]) ** 2 + (qy[q] - centre[1]) ** 2 + (qz[q] - centre[2]) ** 2
        from_centre = chord2_to_km(spread)
        radius = float(from_centre.max())
        chord2 = (cx[c] - centre[0]) ** 2 + (cy[c] - centre[1]) ** 2 + (cz[c] - centre[2]) ** 2
        travel = p.instance.seekers.max_travel_km
        if self.queries_are_seekers:
            farthest = float(travel[q].max() if reach is None else reach.max())
            limit = km_to_chord2(radius + farthest + 1e-6)
        else:
            limit = km_to_chord2(radius + travel[c] + 1e-6)
        inside = np.flatnonzero(chord2 <= limit)
        inside = inside[np.argsort(chord2[inside], kind="stable")]
        return c[inside], chord2_to_km(chord2[inside]), from_centre

    def reach_km(
        self, q: NDArray[np.intp], kth: NDArray[np.float64], bound: float
    ) -> NDArray[np.float64] | None:
        """How far from each seeker query a candidate of the tier can still make its top k.

        Every component but distance is at most 1, so a pair scores at most
        `bound - w.distance + w.distance * (1 - km / max_travel)`; once the query holds k
        scores, a candidate farther than where that falls below the k-th is never scored.
        `bound` carries a margin, so the cut is on the safe side of rounding.
        """
        w = self.p.weights
        if not self.queries_are_seekers or w.distance <= 0:
            return None
        travel = self.p.instance.seekers.max_travel_km[q]
        needed = (kth - (bound - w.distance)) / w.distance
        share = np.where(needed > 0, 1.0 - np.minimum(needed, 1.0), 1.0)
        return share * travel

    def reach_limit(
        self, q: NDArray[np.intp], reach: NDArray[np.float64] | None
    ) -> NDArray[np.float64] | None:
        """`reach` as squared chords, never beyond the seekers' own travel limits."""
        if reach is None:
            return None
        own = self.p.instance.seekers.max_chord2[q]
        return np.minimum(own, km_to_chord2(reach + 1e-6))


def _tier_bound(weights: Weights, occupation: float) -> float:
    # The score formula with every other component at its maximum, in the scorer's order.
    bound = weights.occupation * occupation + weights.skills
    bound += weights.distance
    bound += weights.wage
    bound += weights.experience
    return bound + _MARGIN


_BLOCK_ROWS = 512
_BLOCK_CELLS = 1 << 17


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


Tiers = list[tuple[float, NDArray[np.intp]]]


def _fast(side: _Side, queries: NDArray[np.intp], k: int, workers: int) -> tuple[NDArray, NDArray]:
    n = len(queries)
    best_s = np.full((n, k), -np.inf)
    best_i = np.full((n, k), _PAD, dtype=np.int64)
    position = np.empty(side.n_queries, dtype=np.intp)
    position[queries] = np.arange(n)
    open_cands = side.open_candidates()
    w = side.p.weights
    blocks: list[tuple[Tiers, NDArray[np.intp]]] = []
    for code, members in side.groups(np.sort(queries)):
        occ = occupation_values(np.int64(code), side.cand_table.isco[open_cands], w)
        tiers = [(float(level), open_cands[occ == level]) for level in np.unique(occ)[::-1]]
        members = _spatial_order(side, members)
        step = _BLOCK_ROWS
        blocks += [(tiers, members[i : i + step]) for i in range(0, len(members), step)]
    blocks.sort(key=lambda b: -len(b[1]))

    def search(item: tuple[Tiers, NDArray[np.intp]]) -> None:
        # Each block writes only its own rows of best_s and best_i, so threads never collide.
        tiers, block = item
        rows = position[block]
        best_s[rows], best_i[rows] = _search_block(side, tiers, block, k)

    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(search, blocks))
    else:
        for item in blocks:
            search(item)
    return best_s, best_i


def _search_block(
    side: _Side, tiers: Tiers, block: NDArray[np.intp], k: int
) -> tuple[NDArray, NDArray]:
    """Top k for neighbouring queries that share an occupation code, tier by tier.

    Within a tier, candidates come nearest first, and each chunk is cut to the radius where a
    pair could still beat the query's current k-th best (`_Side.reach_km`).
    """
    w = side.p.weights
    bs = np.full((len(block), k), -np.inf)
    bi = np.full((len(block), k), _PAD, dtype=np.int64)
    for level, tier in tiers:
        bound = _tier_bound(w, level)
        need = ~(bs[:, k - 1] > bound)
        if not need.any():
            break
        sub = block[need]
        cands = side.admissible(sub, tier)
        if not len(cands):
            continue
        s_sub, i_sub = bs[need], bi[need]
        cands, cand_km, query_km = side.within_reach(
            sub, cands, side.reach_km(sub, s_sub[:, k - 1], bound)
        )
        travel = side.p.instance.seekers.max_travel_km
        step = max(k, _BLOCK_CELLS // len(sub))
        for c0 in range(0, len(cands), step):
            chunk, near, far = cands[c0 : c0 + step], cand_km[c0], cand_km[c0 : c0 + step][-1]
            # By the triangle inequality through the centre, a query reaches none of the chunk
            # when its reach ends short of the chunk's ring around the centre.
            cut = side.reach_km(sub, s_sub[:, k - 1], bound)
            if cut is None:
                reach = travel[sub] if side.queries_are_seekers else float(travel[chunk].max())
            else:
                reach = cut
            reach = reach + 1e-6
            active = np.flatnonzero((query_km - reach <= far) & (near <= query_km + reach))
            if not len(active):
                continue
            a = sub[active]
            limit = None if cut is None else side.reach_limit(a, cut[active])
            kth = s_sub[active, k - 1]
            qi, ci, scores = side.candidates(a, chunk, level, False, limit=limit, kth=kth)
            ids = side.cand_table.ids[chunk[ci]]
            s_sub[active], i_sub[active] = _merge(s_sub[active], i_sub[active], qi, scores, ids, k)
        bs[need], bi[need] = s_sub, i_sub
    return bs, bi


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
    if len(rows) > 2 * k * r:
        lower = np.maximum(lower, _subset_kth(rows, scores, r, k))
        keep = scores >= lower[rows]
        rows, scores, ids = rows[keep], scores[keep], ids[keep]
    if len(rows) == 0:
        return best_s, best_i
    # Rows that receive nothing keep their list as it is: only the others are sorted again.
    touched = np.zeros(r, dtype=bool)
    touched[rows] = True
    old_r, old_k = np.nonzero((best_s > -np.inf) & touched[:, None])
    all_r = np.concatenate([old_r, rows])
    all_s = np.concatenate([best_s[old_r, old_k], scores])
    all_i = np.concatenate([best_i[old_r, old_k], ids])
    order = np.lexsort((all_i, -all_s, all_r))
    all_r, all_s, all_i = all_r[order], all_s[order], all_i[order]
    rank = np.arange(len(all_r)) - np.searchsorted(all_r, all_r, side="left")
    keep = rank < k
    out_s, out_i = best_s.copy(), best_i.copy()
    out_s[touched], out_i[touched] = -np.inf, _PAD
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
