"""Recommendations both ways: the top open vacancies for a job seeker, the top job seekers for
a vacancy, each with its score in parts and in words."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon import matching as engine
from taawon.accounts import scoping
from taawon.accounts.models import User
from taawon.matching.exclusion_counts import exclusion_counts
from taawon.matching.tables import Instance
from taawon.people.models import Person
from taawon.protection import rules as protection

from ..placements.models import Referral
from ..seekers.models import JobSeeker
from ..unit import reference
from ..vacancies.models import Vacancy
from .cache import open_vacancy_arrays, take
from .loading import (
    SECTORS,
    V_FIELDS,
    job_seekers,
    one_seeker_rows,
    open_vacancies,
    referred_and_placed,
    seeker_rows,
    vacancy_table,
)
from .prefilter import hard_filters_for_vacancy, seeker_mask, within_travel
from .wording import Excluded, ScorePart, excluded_parts, excluded_summary, score_parts

WEIGHTS = engine.Weights()
K = 10


@dataclass
class Match:
    rank: int
    job_seeker_id: int
    vacancy_id: int
    score: float
    """Out of 100."""
    distance_km: float
    parts: list[ScorePart]
    vacancy: Vacancy | None = None
    job_seeker: JobSeeker | None = None
    can_refer: bool = False


@dataclass
class Recommendations:
    matches: list[Match] = field(default_factory=list)
    why_none: str = ""
    """Why there can be no match at all (placed, no location, closed...); empty otherwise."""
    considered: int = 0
    """Candidates that passed the database's filters and were scored."""
    open_vacancies: int | None = None
    """Open vacancies in the reader's reach (for a job seeker's recommendations)."""
    excluded: list[Excluded] = field(default_factory=list)
    """How many of those each hard constraint left out, in words (see matching.exclusion_counts)."""

    @property
    def excluded_summary(self) -> str:
        """The open vacancies in reach and why they were left out, in one sentence."""
        if self.open_vacancies is None:
            return ""
        return excluded_summary(self.open_vacancies, self.excluded)


def recommend_vacancies(
    user: User, job_seeker: JobSeeker, *, k: int = K, today: datetime.date | None = None
) -> Recommendations:
    """The top `k` open vacancies `user` may read for `job_seeker`, best first."""
    if job_seeker.person.status != Person.Status.ACTIVE:
        return Recommendations(why_none=_("This person's record is archived or merged."))
    referred, placed = referred_and_placed(job_seeker, today or timezone.localdate())
    seekers = one_seeker_rows(job_seeker, placed)
    if not len(seekers.table):
        if not job_seeker.person.governorate_id:
            why = _("Record where this person lives to see vacancies near them.")
        else:
            why = _("Record the occupations this person seeks to see vacancies.")
        return Recommendations(why_none=why)
    if seekers.table.placed[0]:
        return Recommendations(why_none=_("This job seeker is placed in a job that has not ended."))
    info = seekers.info[job_seeker.pk]
    arrays = open_vacancy_arrays()
    reach = scoping.reach(user, scoping.READ, domain="employment")
    in_reach = np.ones(len(arrays.table), dtype=bool)
    if not reach.everything:
        in_reach &= np.isin(arrays.owner, np.fromiter(reach.organisation_ids, dtype=np.int64))
    not_referred = ~np.isin(arrays.table.ids, np.array(referred, dtype=np.int64))
    mask = seeker_mask(arrays, seekers, info) & in_reach & not_referred
    index = np.flatnonzero(mask)
    vacancies = take(arrays.table, index)
    vacancy_info = arrays.info
    # Why the open vacancies in reach did not fit: the pure count over the same arrays.
    looked_at = take(arrays.table, np.flatnonzero(in_reach & not_referred))
    counts = exclusion_counts(seekers.table, 0, looked_at)
    # The age constraint in two: below the minimum working age, or hazardous work under 18.
    too_young = looked_at.minimum_age > seekers.table.age[0]
    hazardous = int((too_young & (looked_at.minimum_age >= protection.ADULT_AGE)).sum())
    result = Recommendations(
        considered=len(vacancies),
        open_vacancies=int(in_reach.sum()),
        excluded=excluded_parts(
            counts,
            referred=int((in_reach & ~not_referred).sum()),
            max_travel_km=info.max_travel_km,
            by_age=(int(too_young.sum()) - hazardous, hazardous),
            age=info.age,
        ),
    )
    if not len(vacancies):
        return result
    instance = Instance(seekers.table, vacancies, SECTORS, reference.SKILL_CODES)
    top = engine.recommend_vacancies(instance, k=k, weights=WEIGHTS, workers=1)
    best: dict[int, engine.Recommendation] = {}
    for i in range(len(top)):
        for rec in top.recommendations(i):
            if rec.vacancy_id not in best or rec.score > best[rec.vacancy_id].score:
                best[rec.vacancy_id] = rec
    chosen = sorted(best.values(), key=lambda r: (-r.score, r.vacancy_id))[:k]
    objects = {
        pk: arrays.objects[pk] for pk in (r.vacancy_id for r in chosen) if pk in arrays.objects
    }
    missing = [r.vacancy_id for r in chosen if r.vacancy_id not in objects]
    if missing:  # opened between the two reads of the rebuild
        objects.update(_vacancies_by_id(missing))
    change = scoping.reach(user, scoping.CHANGE, domain="employment")
    for rank, rec in enumerate(chosen, start=1):
        vacancy = objects[rec.vacancy_id]
        result.matches.append(
            Match(
                rank=rank,
                job_seeker_id=job_seeker.pk,
                vacancy_id=rec.vacancy_id,
                score=rec.score * 100,
                distance_km=rec.distance_km,
                parts=score_parts(rec, info, vacancy_info[rec.vacancy_id], vacancy.occupation.code),
                vacancy=vacancy,
                job_seeker=job_seeker,
                can_refer=vacancy.owner_id in change,
            )
        )
    return result


def recommend_job_seekers(
    user: User, vacancy: Vacancy, *, k: int = K, today: datetime.date | None = None
) -> Recommendations:
    """The top `k` job seekers `user` may read for `vacancy`, best first."""
    if vacancy.status != Vacancy.Status.OPEN:
        return Recommendations(why_none=_("This vacancy is not open."))
    rows = list(open_vacancies(None).filter(pk=vacancy.pk).values_list(*V_FIELDS))
    table, vacancy_info = vacancy_table(rows)
    if not len(table) or table.positions[0] <= 0:
        return Recommendations(why_none=_("Every position of this vacancy is filled."))
    referred = Referral.objects.filter(vacancy=vacancy, job_seeker=OuterRef("pk"))
    pool = (
        job_seekers(user, today)
        .filter(placed=False)
        .filter(within_travel([(float(table.latitude[0]), float(table.longitude[0]))]))
        .filter(hard_filters_for_vacancy(vacancy))
        .exclude(Exists(referred))
    )
    seekers = seeker_rows(pool)
    result = Recommendations(considered=len(seekers.info))
    if not len(seekers.table):
        return result
    instance = Instance(seekers.table, table, SECTORS, reference.SKILL_CODES)
    rows_per_seeker = int(np.bincount(np.unique(seekers.row_seeker, return_inverse=True)[1]).max())
    top = engine.recommend_seekers(
        instance, k=k * rows_per_seeker, weights=WEIGHTS, vacancies=np.array([0]), workers=1
    )
    chosen: list[engine.Recommendation] = []
    seen: set[int] = set()
    for rec in top.recommendations(0):
        seeker_id = int(seekers.row_seeker[rec.seeker_id])
        if seeker_id not in seen:
            seen.add(seeker_id)
            chosen.append(rec)
    chosen = chosen[:k]
    ids = [int(seekers.row_seeker[r.seeker_id]) for r in chosen]
    objects = JobSeeker.objects.select_related("person", "person__governorate").in_bulk(ids)
    can_refer = scoping.can(user, scoping.CHANGE, vacancy)
    for rank, (rec, seeker_id) in enumerate(zip(chosen, ids, strict=True), start=1):
        result.matches.append(
            Match(
                rank=rank,
                job_seeker_id=seeker_id,
                vacancy_id=vacancy.pk,
                score=rec.score * 100,
                distance_km=rec.distance_km,
                parts=score_parts(
                    rec, seekers.info[seeker_id], vacancy_info[vacancy.pk], vacancy.occupation.code
                ),
                vacancy=vacancy,
                job_seeker=objects[seeker_id],
                can_refer=can_refer,
            )
        )
    return result


def _vacancies_by_id(ids: list[int]) -> dict[int, Vacancy]:
    # What a match shows of its vacancy: the title, the occupation and the employer.
    return {
        v.pk: v for v in Vacancy.objects.select_related("employer", "occupation").filter(pk__in=ids)
    }
