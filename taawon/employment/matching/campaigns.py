"""A seasonal campaign as the library's allocation problem: each job seeker's best vacancies of
the campaign as candidate edges."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet

from taawon import matching as engine
from taawon.accounts.models import User
from taawon.matching.recommend import NO_ID
from taawon.matching.tables import Instance

from ..placements.models import Referral
from ..seekers.models import JobSeeker
from ..unit import reference
from .loading import (
    SECTORS,
    V_FIELDS,
    SeekerInfo,
    job_seekers,
    open_vacancies,
    seeker_rows,
    vacancy_table,
)
from .prefilter import within_travel
from .recommend import WEIGHTS, K


@dataclass(frozen=True, eq=False)
class CampaignInput:
    """A campaign's allocation problem, and what its pages show of the candidates."""

    problem: engine.Campaign
    km: dict[tuple[int, int], float]
    """Distance of each candidate pair (job seeker id, vacancy id)."""
    info: dict[int, SeekerInfo]


def campaign_pool(user: User | None, vacancy_ids: Sequence[int]) -> tuple[QuerySet, list[tuple]]:
    """The open vacancies among `vacancy_ids` (rows as V_FIELDS) and the job seekers `user`
    may read who could reach one of them (a queryset)."""
    rows = [
        r
        for r in open_vacancies(None).filter(pk__in=list(vacancy_ids)).values_list(*V_FIELDS)
        if r[V_FIELDS.index("positions")] > r[V_FIELDS.index("filled")]
    ]
    if not rows:
        return JobSeeker.objects.none(), rows
    points = {(float(r[2]), float(r[3])) for r in rows}
    pool = job_seekers(user).filter(placed=False).filter(within_travel(points))
    return pool, rows


def campaign_input(
    user: User | None, vacancy_ids: Sequence[int], *, candidates_per_seeker: int = K
) -> CampaignInput:
    """Each job seeker's best vacancies of the campaign as candidate edges (pairs already
    referred left out), ready for `taawon.matching.allocate`."""
    pool, rows = campaign_pool(user, vacancy_ids)
    vacancies, _info = vacancy_table(rows)
    seekers = seeker_rows(pool) if rows else seeker_rows(JobSeeker.objects.none())
    seeker_ids = np.array(sorted(seekers.info), dtype=np.int64)
    empty = np.empty(0, dtype=np.intp)
    if not len(seekers.table) or not len(vacancies):
        problem = engine.Campaign(
            seeker_ids, np.zeros(len(seeker_ids), bool), np.zeros(len(seeker_ids), bool),
            vacancies.ids, vacancies.positions, empty, empty, np.empty(0),
        )  # fmt: skip
        return CampaignInput(problem, {}, seekers.info)
    instance = Instance(seekers.table, vacancies, SECTORS, reference.SKILL_CODES)
    top = engine.recommend_vacancies(instance, k=candidates_per_seeker, weights=WEIGHTS)
    referred = set(
        Referral.objects.filter(vacancy_id__in=vacancies.ids.tolist()).values_list(
            "job_seeker_id", "vacancy_id"
        )
    )
    best: dict[tuple[int, int], tuple[float, float]] = {}
    rows_found, ranks = np.nonzero(top.ids != NO_ID)
    for r, rank in zip(rows_found.tolist(), ranks.tolist(), strict=True):
        pair = (int(seekers.row_seeker[r]), int(top.ids[r, rank]))
        score, km = float(top.scores[r, rank]), float(top.km[r, rank])
        if pair not in referred and (pair not in best or score > best[pair][0]):
            best[pair] = (score, km)
    seeker_row = {pk: i for i, pk in enumerate(seeker_ids.tolist())}
    vacancy_row = {pk: j for j, pk in enumerate(vacancies.ids.tolist())}
    pairs = sorted(best)
    info = seekers.info
    problem = engine.Campaign(
        seeker_ids=seeker_ids,
        woman=np.array([info[pk].woman for pk in seeker_ids.tolist()], dtype=bool),
        refugee=np.array([info[pk].refugee for pk in seeker_ids.tolist()], dtype=bool),
        vacancy_ids=vacancies.ids,
        positions=vacancies.positions,
        edge_seeker=np.array([seeker_row[s] for s, _v in pairs], dtype=np.intp),
        edge_vacancy=np.array([vacancy_row[v] for _s, v in pairs], dtype=np.intp),
        edge_score=np.array([best[p][0] for p in pairs]),
    )
    return CampaignInput(problem, {p: best[p][1] for p in pairs}, info)
