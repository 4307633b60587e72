"""Bulk allocation for seasonal campaigns: many job seekers to many vacancies, at most one
vacancy each, at most `positions` seekers per vacancy, maximising the total score.

What a floor means. A floor applies to the seekers actually allocated, never to the positions:
a per-vacancy floor of 30% women means that in every vacancy, women >= 0.3 * (seekers allocated
to that vacancy); a campaign floor of 25% refugees means refugees >= 0.25 * (all seekers
allocated). An empty vacancy meets every floor, so a floor never makes the allocation
impossible: when too few eligible members exist, it leaves positions empty instead, and the
report says so and by how much ("needs 15 women to fill its 50 positions at 30%, only 10
eligible"). Floors are special measures set by the programme (ILO Convention 111, article 5);
no vacancy can set one.

How it is solved:
- without floors, or when the unconstrained optimum already meets them: one min-cost flow
  (OR-Tools SimpleMinCostFlow), exact on the candidate edges (scores rounded to 1e-6);
- with floors, "milp": the exact mixed-integer programme through HiGHS (scipy.optimize.milp),
  floors written as ratios. Exact, and used by "auto" for instances up to `MILP_EDGES` edges;
- with floors, "flow": ratio floors do not fit a flow, absolute ones do. Starting from the
  counts of the unconstrained optimum, each floor becomes a lower bound on a hub arc (members
  of the group reach a vacancy through its own hub node; members of the campaign group leave
  the source through theirs), the flow is solved exactly for those bounds, and wherever the
  bound could not be met the vacancy's (or campaign's) count is lowered to what its members
  support and the flow solved again. Floors hold on the result; it is not proven optimal, and
  `upper_bound` is the unconstrained optimum, so `gap` is an honest (loose) bound. Supports one
  vacancy-scope and one campaign-scope floor, because a seeker can pass through one hub only.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from .model import Weights
from .recommend import best_vacancy_rows
from .tables import Instance, all_distinct

SCALE = 1_000_000
"""Scores become integer costs for the flow solver at this resolution."""
_PENALTY = 10 * SCALE
"""Cost of a phantom unit on a floor's bound: more than any real member can cost to bring in
(ten seekers' best scores). It only steers the solver; floors are checked on the result and
counts lowered where phantoms were used. A smaller cost range also makes the cost-scaling
solver quicker (1e9 took a fifth longer on the 100,000-seeker campaign, same allocation)."""
_TOLERANCE = 1e-9
_MAX_SOLVES = 8
"""Flow solves with floor bounds before the last resort drops non-members."""
MILP_EDGES = 3_000
"""Up to this many candidate edges "auto" solves floors as an exact mixed-integer programme."""
LP_EDGES = 150_000
"""Up to this many, "auto" takes its counts from the LP relaxation; beyond, from the flow."""


class Group(enum.StrEnum):
    WOMEN = "women"
    MEN = "men"
    REFUGEES = "refugees"
    HOST = "host"
    """Seekers who are not refugees: the host community."""


_COMPLEMENT = {
    Group.WOMEN: Group.MEN,
    Group.MEN: Group.WOMEN,
    Group.REFUGEES: Group.HOST,
    Group.HOST: Group.REFUGEES,
}


class Scope(enum.StrEnum):
    VACANCY = "vacancy"
    CAMPAIGN = "campaign"


@dataclass(frozen=True)
class Floor:
    """At least `share` of the seekers allocated (per vacancy, or over the campaign) are in
    `group`."""

    group: Group
    share: float
    scope: Scope = Scope.CAMPAIGN

    def __post_init__(self) -> None:
        object.__setattr__(self, "group", Group(self.group))
        object.__setattr__(self, "scope", Scope(self.scope))
        if not 0.0 < self.share <= 1.0:
            raise InvalidFloors(f"a floor's share must lie in (0, 1], got {self.share!r}")

    def label(self) -> str:
        where = "in each vacancy" if self.scope is Scope.VACANCY else "over the campaign"
        return f"at least {self.share:.0%} {self.group} {where}"


class InvalidFloors(ValueError):
    """A floor request that no allocation with anyone in it can meet, or that makes no sense."""


@dataclass(frozen=True, eq=False)
class Campaign:
    """What the allocator reads: seekers, vacancies with positions, and candidate edges.

    Edge e joins seeker row `edge_seeker[e]` to vacancy row `edge_vacancy[e]` with score
    `edge_score[e]`; only pairs that pass every hard constraint should be edges.
    """

    seeker_ids: NDArray[np.int64]
    woman: NDArray[np.bool_]
    refugee: NDArray[np.bool_]
    vacancy_ids: NDArray[np.int64]
    positions: NDArray[np.int64]
    edge_seeker: NDArray[np.intp]
    edge_vacancy: NDArray[np.intp]
    edge_score: NDArray[np.float64]

    def __post_init__(self) -> None:
        for name, dtype in (
            ("seeker_ids", np.int64), ("woman", np.bool_), ("refugee", np.bool_),
            ("vacancy_ids", np.int64), ("positions", np.int64), ("edge_seeker", np.intp),
            ("edge_vacancy", np.intp), ("edge_score", np.float64),
        ):  # fmt: skip
            object.__setattr__(self, name, np.ascontiguousarray(getattr(self, name), dtype=dtype))
        if not len(self.seeker_ids) == len(self.woman) == len(self.refugee):
            raise ValueError("one sex and one refugee flag per seeker")
        if len(self.vacancy_ids) != len(self.positions) or (self.positions < 0).any():
            raise ValueError("one non-negative number of positions per vacancy")
        if not len(self.edge_seeker) == len(self.edge_vacancy) == len(self.edge_score):
            raise ValueError("edges need a seeker, a vacancy and a score each")
        if len(self.edge_seeker) and (
            self.edge_seeker.min() < 0
            or self.edge_seeker.max() >= len(self.seeker_ids)
            or self.edge_vacancy.min() < 0
            or self.edge_vacancy.max() >= len(self.vacancy_ids)
        ):
            raise ValueError("edges must point at seeker and vacancy rows")
        pairs = self.edge_seeker.astype(np.int64) * max(1, len(self.vacancy_ids))
        if not all_distinct(pairs + self.edge_vacancy):
            raise ValueError("each (seeker, vacancy) pair may be an edge once")

    @classmethod
    def from_instance(
        cls, instance: Instance, *, candidates_per_seeker: int = 10, weights: Weights | None = None
    ) -> Campaign:
        """Each seeker's best feasible vacancies as candidate edges (the exact top-k)."""
        rows, cols, scores = best_vacancy_rows(instance, candidates_per_seeker, weights=weights)
        s, v = instance.seekers, instance.vacancies
        return cls(s.ids, s.woman, s.refugee, v.ids, v.positions, rows, cols, scores)

    def members(self, group: Group) -> NDArray[np.bool_]:
        return {
            Group.WOMEN: self.woman,
            Group.MEN: ~self.woman,
            Group.REFUGEES: self.refugee,
            Group.HOST: ~self.refugee,
        }[group]


class FloorStatus(enum.StrEnum):
    MET = "met"
    """Holds, and the allocation without floors already met it."""
    BINDING = "binding"
    """Holds, but the allocation without floors broke it: meeting it changed the allocation."""
    SHORT = "short"
    """Holds only by leaving positions empty: too few eligible members to fill what could be
    filled without it."""


@dataclass(frozen=True)
class FloorReport:
    floor: Floor
    vacancy_id: int | None
    status: FloorStatus
    allocated: int
    members: int
    eligible: int
    """Members of the group with at least one candidate edge (to this vacancy)."""
    unconstrained: int
    """Seekers the allocation without floors placed here (or in the whole campaign)."""
    message: str


@dataclass(frozen=True, eq=False)
class Allocation:
    method: str
    seeker_rows: NDArray[np.intp]
    vacancy_rows: NDArray[np.intp]
    seeker_ids: NDArray[np.int64]
    vacancy_ids: NDArray[np.int64]
    scores: NDArray[np.float64]
    objective: float
    optimal: bool
    """Proven optimal over the candidate edges."""
    upper_bound: float
    positions: int
    floor_reports: tuple[FloorReport, ...]

    @property
    def allocated(self) -> int:
        return len(self.seeker_rows)

    @property
    def fill_rate(self) -> float:
        return self.allocated / self.positions if self.positions else 0.0

    @property
    def gap(self) -> float:
        """(upper bound - objective) / upper bound: how far from optimal it can be, at most."""
        return (self.upper_bound - self.objective) / self.upper_bound if self.upper_bound else 0.0

    def reports(self, status: FloorStatus | None = None) -> list[FloorReport]:
        return [r for r in self.floor_reports if status is None or r.status is status]


def check_floors(floors: tuple[Floor, ...] | list[Floor]) -> tuple[Floor, ...]:
    """Refuse requests that no non-empty allocation can meet, with the reason."""
    floors = tuple(floors)
    for scope in Scope:
        total: dict[Group, float] = {}
        for f in floors:
            if f.scope is scope:
                total[f.group] = max(total.get(f.group, 0.0), f.share)
        for group, share in total.items():
            other = total.get(_COMPLEMENT[group], 0.0)
            if share + other > 1.0 + _TOLERANCE:
                where = "vacancy" if scope is Scope.VACANCY else "campaign"
                raise InvalidFloors(
                    f"at least {share:.0%} {group} and {other:.0%} {_COMPLEMENT[group]} in the "
                    f"same {where} add up to more than everyone allocated: only an empty "
                    f"allocation meets both"
                )
    return floors


def allocate(
    campaign: Campaign,
    floors: tuple[Floor, ...] | list[Floor] = (),
    *,
    method: Literal["auto", "flow", "lp", "milp"] = "auto",
    time_limit: float = 60.0,
) -> Allocation:
    """The allocation with the highest total score that meets every floor (see the module)."""
    floors = check_floors(floors)
    free = _flow(campaign)
    if not floors or _floors_hold(campaign, free, floors):
        return _result(campaign, "min_cost_flow", free, True, _objective(campaign, free), floors,
                       free)  # fmt: skip
    fits_flow = sum(f.scope is Scope.VACANCY for f in floors) <= 1 and (
        sum(f.scope is Scope.CAMPAIGN for f in floors) <= 1
    )
    if method == "auto":
        if not fits_flow or len(campaign.edge_score) <= MILP_EDGES:
            method = "milp"
        else:
            method = "lp" if len(campaign.edge_score) <= LP_EDGES else "flow"
    if method in ("flow", "lp") and not fits_flow:
        raise InvalidFloors(f"the {method} method takes one vacancy and one campaign floor at most")
    if method == "flow":
        chosen = _flow_with_floors(campaign, floors, _counts(campaign, free), int(free.sum()))
        return _result(campaign, "min_cost_flow_with_floor_bounds", chosen, False,
                       _objective(campaign, free), floors, free)  # fmt: skip
    if method == "lp":
        x, bound = _relaxation(campaign, floors, time_limit)
        caps = np.floor(
            np.bincount(campaign.edge_vacancy, weights=x, minlength=len(campaign.positions)) + 1e-6
        )
        chosen = _flow_with_floors(campaign, floors, caps.astype(np.int64), int(x.sum() + 1e-6))
        return _result(campaign, "lp_highs_then_flow", chosen, False, bound, floors, free)
    if method == "milp":
        chosen, optimal, bound = _milp(campaign, floors, time_limit)
        return _result(campaign, "milp_highs", chosen, optimal, bound, floors, free)
    raise ValueError(f"unknown method {method!r}")


def _objective(campaign: Campaign, chosen: NDArray[np.bool_]) -> float:
    return float(campaign.edge_score[chosen].sum())


def _counts(campaign: Campaign, chosen: NDArray[np.bool_]) -> NDArray[np.int64]:
    return np.bincount(campaign.edge_vacancy[chosen], minlength=len(campaign.vacancy_ids))


def _floors_hold(campaign: Campaign, chosen: NDArray[np.bool_], floors: tuple[Floor, ...]) -> bool:
    for f in floors:
        member = campaign.members(f.group)[campaign.edge_seeker]
        if f.scope is Scope.CAMPAIGN:
            if member[chosen].sum() < f.share * chosen.sum() - _TOLERANCE:
                return False
        else:
            allocated = _counts(campaign, chosen)
            members = _counts(campaign, chosen & member)
            if (members < f.share * allocated - _TOLERANCE).any():
                return False
    return True


def _flow(
    campaign: Campaign,
    *,
    vacancy_floor: tuple[NDArray[np.bool_], NDArray[np.int64], NDArray[np.int64]] | None = None,
    campaign_floor: tuple[NDArray[np.bool_], int, int] | None = None,
) -> NDArray[np.bool_]:
    """A maximum-score allocation by min-cost flow; optional absolute floors on hub arcs.

    `vacancy_floor` = (member per seeker, lower bound per vacancy, cap per vacancy);
    `campaign_floor` = (member per seeker, lower bound, cap on everyone allocated). A bound that
    cannot be met is met by phantom units at a prohibitive cost, and left for the caller to see.
    """
    n, m = len(campaign.seeker_ids), len(campaign.vacancy_ids)
    es, ev = campaign.edge_seeker, campaign.edge_vacancy
    hubs, member_hub, other_hub, total, source, sink = (
        n + m,
        n + 2 * m,
        n + 2 * m + 1,
        n + 2 * m + 2,
        n + 2 * m + 3,
        n + 2 * m + 4,
    )
    supply = np.zeros(n + 2 * m + 5, dtype=np.int64)
    supply[source], supply[sink] = n, -n
    arcs: list[tuple[NDArray, ...]] = []

    def add(tail: object, head: object, cap: object, cost: object) -> None:
        arcs.append(
            tuple(np.broadcast_arrays(*(np.atleast_1d(x) for x in (tail, head, cap, cost))))
        )

    add(source, sink, n, 0)
    if campaign_floor is None:
        add(source, np.arange(n), 1, 0)
        cap_total = n
    else:
        member, bound, cap_total = campaign_floor
        n_members = int(member.sum())
        supply[source] -= bound
        supply[member_hub] += bound
        add(source, member_hub, max(0, n_members - bound), 0)
        add(member_hub, sink, bound, _PENALTY)
        add(source, other_hub, n - n_members, 0)
        add(np.where(member, member_hub, other_hub), np.arange(n), 1, 0)
    if vacancy_floor is None:
        heads = n + ev
        caps = campaign.positions
    else:
        member, bounds, caps = vacancy_floor
        heads = np.where(member[es] & (bounds[ev] > 0), hubs + ev, n + ev)
        supply[hubs : hubs + m] -= bounds
        supply[n : n + m] += bounds
        add(hubs + np.arange(m), n + np.arange(m), n, 0)
        add(source, hubs + np.arange(m), bounds, _PENALTY)
    first_edge = sum(len(a[0]) for a in arcs)
    add(es, heads, 1, -np.round(campaign.edge_score * SCALE).astype(np.int64))
    add(n + np.arange(m), total, caps, 0)
    add(total, sink, cap_total, 0)
    tails, heads_, capacity, cost = (np.concatenate([a[i] for a in arcs]) for i in range(4))
    solver = min_cost_flow.SimpleMinCostFlow()
    ids = solver.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int64), heads_.astype(np.int64), capacity.astype(np.int64),
        cost.astype(np.int64),
    )  # fmt: skip
    solver.set_nodes_supplies(np.arange(len(supply), dtype=np.int64), supply)
    status = solver.solve()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")
    return solver.flows(ids[first_edge : first_edge + len(es)]) > 0


def _flow_with_floors(
    campaign: Campaign, floors: tuple[Floor, ...], caps: NDArray[np.int64], cap_total: int
) -> NDArray[np.bool_]:
    """Floors as lower bounds for given counts, lowering counts where members fall short."""
    vacancy = next((f for f in floors if f.scope is Scope.VACANCY), None)
    whole = next((f for f in floors if f.scope is Scope.CAMPAIGN), None)
    chosen = np.zeros(len(campaign.edge_score), dtype=bool)
    # No count can exceed what the eligible members support; starting there saves a solve.
    if vacancy is not None:
        member = campaign.members(vacancy.group)[campaign.edge_seeker]
        eligible = np.bincount(campaign.edge_vacancy[member], minlength=len(caps))
        caps = np.minimum(caps, np.floor(eligible / vacancy.share + _TOLERANCE).astype(np.int64))
    if whole is not None:
        candidates = np.zeros(len(campaign.seeker_ids), dtype=bool)
        candidates[campaign.edge_seeker] = True
        eligible_total = int((candidates & campaign.members(whole.group)).sum())
        cap_total = min(cap_total, math.floor(eligible_total / whole.share + _TOLERANCE))
    for _ in range(_MAX_SOLVES):
        vacancy_floor = campaign_floor = None
        if vacancy is not None:
            bounds = np.ceil(vacancy.share * caps - _TOLERANCE).astype(np.int64)
            vacancy_floor = (campaign.members(vacancy.group), bounds, caps)
        if whole is not None:
            bound = math.ceil(whole.share * cap_total - _TOLERANCE)
            campaign_floor = (campaign.members(whole.group), bound, cap_total)
        chosen = _flow(campaign, vacancy_floor=vacancy_floor, campaign_floor=campaign_floor)
        if _floors_hold(campaign, chosen, floors):
            return chosen
        # A bound was met by phantoms: lower the count to what the real members support.
        if vacancy is not None:
            member = campaign.members(vacancy.group)[campaign.edge_seeker]
            supported = np.floor(_counts(campaign, chosen & member) / vacancy.share + _TOLERANCE)
            caps = np.minimum(caps, supported.astype(np.int64))
        if whole is not None:
            member = campaign.members(whole.group)[campaign.edge_seeker]
            supported_total = math.floor((chosen & member).sum() / whole.share + _TOLERANCE)
            cap_total = min(cap_total, supported_total)
    return _drop_until_floors_hold(campaign, chosen, floors)


def _drop_until_floors_hold(
    campaign: Campaign, chosen: NDArray[np.bool_], floors: tuple[Floor, ...]
) -> NDArray[np.bool_]:
    """Last resort: drop the lowest-scoring non-members until every floor holds."""
    chosen = chosen.copy()
    for f in floors:
        member = campaign.members(f.group)[campaign.edge_seeker]
        scopes = [np.ones(len(chosen), dtype=bool)]
        if f.scope is Scope.VACANCY:
            scopes = [campaign.edge_vacancy == v for v in range(len(campaign.vacancy_ids))]
        for inside in scopes:
            others = np.flatnonzero(chosen & inside & ~member)
            members = int((chosen & inside & member).sum())
            keep = math.floor(members * (1 - f.share) / f.share + _TOLERANCE)
            order = np.argsort(campaign.edge_score[others], kind="stable")
            chosen[others[order][: max(0, len(others) - keep)]] = False
    return chosen


def _programme(
    campaign: Campaign, floors: tuple[Floor, ...]
) -> tuple[sp.csr_matrix, NDArray[np.float64]]:
    """Rows: each seeker at most once, each vacancy at most its positions, and each floor as
    share * allocated - members <= 0 (per vacancy, or once for the campaign)."""
    n, m, e = len(campaign.seeker_ids), len(campaign.vacancy_ids), len(campaign.edge_score)
    es, ev, cols = campaign.edge_seeker, campaign.edge_vacancy, np.arange(e)
    blocks = [
        sp.csr_matrix((np.ones(e), (es, cols)), shape=(n, e)),
        sp.csr_matrix((np.ones(e), (ev, cols)), shape=(m, e)),
    ]
    upper = [np.ones(n), campaign.positions.astype(np.float64)]
    for f in floors:
        coef = f.share - campaign.members(f.group)[es].astype(np.float64)
        if f.scope is Scope.VACANCY:
            blocks.append(sp.csr_matrix((coef, (ev, cols)), shape=(m, e)))
            upper.append(np.zeros(m))
        else:
            blocks.append(sp.csr_matrix(coef[None, :]))
            upper.append(np.zeros(1))
    return sp.vstack(blocks).tocsr(), np.concatenate(upper)


def _milp(
    campaign: Campaign, floors: tuple[Floor, ...], time_limit: float
) -> tuple[NDArray[np.bool_], bool, float]:
    matrix, upper = _programme(campaign, floors)
    result = milp(
        -campaign.edge_score,
        constraints=LinearConstraint(matrix, -np.inf, upper),
        integrality=np.ones(len(campaign.edge_score)),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "mip_rel_gap": 1e-9},
    )
    if result.x is None:
        raise RuntimeError(f"HiGHS found no allocation: {result.message}")
    chosen = result.x > 0.5
    bound = _objective(campaign, chosen)
    if result.mip_dual_bound is not None:
        bound = -result.mip_dual_bound
    return chosen, result.status == 0, float(bound)


def _relaxation(
    campaign: Campaign, floors: tuple[Floor, ...], time_limit: float
) -> tuple[NDArray[np.float64], float]:
    """The LP relaxation through HiGHS: fractional allocation and its objective, a bound."""
    matrix, upper = _programme(campaign, floors)
    result = linprog(
        -campaign.edge_score, A_ub=matrix, b_ub=upper, bounds=(0, 1), method="highs",
        options={"time_limit": time_limit},
    )  # fmt: skip
    if result.status != 0:
        raise RuntimeError(f"HiGHS could not solve the relaxation: {result.message}")
    return result.x, -float(result.fun)


def _result(
    campaign: Campaign,
    method: str,
    chosen: NDArray[np.bool_],
    optimal: bool,
    upper_bound: float,
    floors: tuple[Floor, ...],
    free: NDArray[np.bool_],
) -> Allocation:
    edges = np.flatnonzero(chosen)
    edges = edges[np.argsort(campaign.edge_seeker[edges], kind="stable")]
    rows, cols = campaign.edge_seeker[edges], campaign.edge_vacancy[edges]
    objective = _objective(campaign, chosen)
    return Allocation(
        method=method,
        seeker_rows=rows,
        vacancy_rows=cols,
        seeker_ids=campaign.seeker_ids[rows],
        vacancy_ids=campaign.vacancy_ids[cols],
        scores=campaign.edge_score[edges],
        objective=objective,
        optimal=optimal,
        upper_bound=max(upper_bound, objective),
        positions=int(campaign.positions.sum()),
        floor_reports=floor_reports(campaign, chosen, floors, free),
    )


def floor_reports(
    campaign: Campaign,
    chosen: NDArray[np.bool_],
    floors: tuple[Floor, ...],
    free: NDArray[np.bool_] | None = None,
) -> tuple[FloorReport, ...]:
    """One report per campaign floor, and one per vacancy for each vacancy floor.

    `free` is the allocation without floors, which says whether a floor changed anything.
    """
    if free is None:
        free = _flow(campaign)
    reports = []
    for f in floors:
        member_edge = campaign.members(f.group)[campaign.edge_seeker]
        if f.scope is Scope.CAMPAIGN:
            eligible = np.zeros(len(campaign.seeker_ids), dtype=bool)
            eligible[campaign.edge_seeker] = True
            counts = (chosen.sum(), (chosen & member_edge).sum(), free.sum())
            reports.append(
                _report(
                    f,
                    None,
                    *(int(c) for c in counts),
                    int((free & member_edge).sum()),
                    int((eligible & campaign.members(f.group)).sum()),
                    "the campaign",
                )  # fmt: skip
            )
            continue
        allocated, members = _counts(campaign, chosen), _counts(campaign, chosen & member_edge)
        free_allocated, free_members = (
            _counts(campaign, free),
            _counts(campaign, free & member_edge),
        )
        eligible_v = np.bincount(campaign.edge_vacancy[member_edge], minlength=len(allocated))
        for v, vacancy_id in enumerate(campaign.vacancy_ids.tolist()):
            reports.append(
                _report(
                    f,
                    vacancy_id,
                    int(allocated[v]),
                    int(members[v]),
                    int(free_allocated[v]),
                    int(free_members[v]),
                    int(eligible_v[v]),
                    f"vacancy {vacancy_id}",
                )  # fmt: skip
            )
    return tuple(reports)


def _report(
    f: Floor,
    vacancy_id: int | None,
    allocated: int,
    members: int,
    unconstrained: int,
    unconstrained_members: int,
    eligible: int,
    where: str,
) -> FloorReport:
    group = str(f.group)
    needed = math.ceil(f.share * unconstrained - _TOLERANCE)
    placed = f"{members} of {allocated} placed are {group} (floor {f.share:.0%})"
    if eligible < needed:
        status = FloorStatus.SHORT
        message = (
            f"{where}: needs {needed} {group} to keep {f.share:.0%} of the {unconstrained} "
            f"seekers it could place without the floor, only {eligible} eligible; {placed}"
        )
    elif unconstrained_members < f.share * unconstrained - _TOLERANCE:
        status = FloorStatus.BINDING
        message = (
            f"{where}: {placed}; without the floor {unconstrained_members} of "
            f"{unconstrained} would be"
        )
    else:
        status = FloorStatus.MET
        message = f"{where}: {placed}"
    return FloorReport(f, vacancy_id, status, allocated, members, eligible, unconstrained, message)


def allocate_greedy(campaign: Campaign, floors: tuple[Floor, ...] | list[Floor] = ()) -> Allocation:
    """The baseline a spreadsheet would give: best edges first, members of floor groups first.

    First pass: edges of members of a floor group, best first, until each floor's share of the
    positions is reserved; second pass: every edge, best first, taken only if all floors still
    hold for those allocated. Not optimal; kept to measure what the exact solvers buy.
    """
    floors = check_floors(floors)
    es, ev, score = campaign.edge_seeker, campaign.edge_vacancy, campaign.edge_score
    order = np.lexsort((campaign.vacancy_ids[ev], campaign.seeker_ids[es], -score))
    taken = np.zeros(len(campaign.seeker_ids), dtype=bool)
    room = campaign.positions.copy()
    count = np.zeros(len(room), dtype=np.int64)
    total = 0
    chosen = np.zeros(len(score), dtype=bool)
    member = {f: campaign.members(f.group) for f in floors}
    in_vacancy = {f: np.zeros(len(room), dtype=np.int64) for f in floors}
    in_campaign = dict.fromkeys(floors, 0)
    reserve = {
        f: np.ceil(f.share * campaign.positions - _TOLERANCE)
        if f.scope is Scope.VACANCY
        else math.ceil(f.share * campaign.positions.sum() - _TOLERANCE)
        for f in floors
    }

    def take(e: int, s: int, v: int) -> None:
        nonlocal total
        taken[s], chosen[e] = True, True
        room[v] -= 1
        count[v] += 1
        total += 1
        for f in floors:
            if member[f][s]:
                in_vacancy[f][v] += 1
                in_campaign[f] += 1

    def holds_after(s: int, v: int) -> bool:
        for f in floors:
            extra = int(member[f][s])
            if f.scope is Scope.VACANCY:
                ok = in_vacancy[f][v] + extra >= f.share * (count[v] + 1) - _TOLERANCE
            else:
                ok = in_campaign[f] + extra >= f.share * (total + 1) - _TOLERANCE
            if not ok:
                return False
        return True

    for e in order if floors else ():
        s, v = int(es[e]), int(ev[e])
        if taken[s] or room[v] <= 0:
            continue
        for f in floors:
            if not member[f][s]:
                continue
            short = (
                in_vacancy[f][v] < reserve[f][v]
                if f.scope is Scope.VACANCY
                else in_campaign[f] < reserve[f]
            )
            if short and holds_after(s, v):
                take(int(e), s, v)
                break
    for e in order:
        s, v = int(es[e]), int(ev[e])
        if not taken[s] and room[v] > 0 and holds_after(s, v):
            take(int(e), s, v)
    return _result(campaign, "greedy", chosen, False, _objective(campaign, chosen), floors,
                   _flow(campaign))  # fmt: skip
