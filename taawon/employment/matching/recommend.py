"""Matching wired in: the employment unit's records as the matching library's arrays, and the
library's answers as what the pages and the API show.

This is the read side (STYLE rule 7): it loads open vacancies and job seekers in the user's
reach with a few bulk `values_list` queries, encodes them as `taawon.matching` tables and asks
the library; storing results (a campaign's proposal) is services/campaigns.py.

How records become the library's inputs:
- a vacancy is located at its workplace, else its employer, else the district and then the
  governorate of either; a job seeker has no coordinates of their own: their district's
  centroid, else their governorate's;
- sectors are the work permit sectors plus "no permit needed": a vacancy that requires no
  permit is in that pseudo-sector, which every job seeker may take; a citizen ("not needed")
  may take any sector; a valid permit adds its own sector;
- facilities and needs are the library's codes (transport, childcare, separate sanitation,
  women in the team); skills are `reference.SKILLS` codes, one bit each;
- wages are compared per day (a monthly wage is 26 days), as numbers: a unit works in one
  currency;
- a job seeker with a placement that has not ended (no end date, or one not yet past, and no
  follow-up saying they left) is placed, and gets no recommendations;
- a job seeker with several occupations is one library row per occupation; their score for a
  vacancy is their best row's.

Before the library sees them, rows that surely break a hard constraint are left out (status,
reach, distance by a bounding box or by area, dates, permit, needs, positions, and pairs
already referred): in SQL for job seekers, and on the arrays of every open vacancy, kept in
memory between requests, for vacancies (see "Open vacancies as arrays"). Each of those
filters is implied by a hard constraint the library applies anyway,
so the answer is the library's answer over all open vacancies. Sex and nationality are never
read to filter or score; they go to the library only as campaign floor groups.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from taawon import matching as engine
from taawon.accounts import scoping
from taawon.accounts.models import User
from taawon.geo.models import District, Governorate
from taawon.matching.geo import haversine_km_scalar
from taawon.matching.model import daily_wage
from taawon.matching.recommend import NO_ID
from taawon.matching.tables import (
    ANY_SECTOR,
    FACILITY_BITS,
    OPEN_END,
    OPEN_START,
    Instance,
    SeekerTable,
    VacancyTable,
    pack_skills,
)
from taawon.people.models import DisplacementStatus, Person, Sex

from . import reference
from .models import FollowUp, JobSeeker, PermitSector, Placement, Referral, Vacancy

NO_PERMIT = "no_permit_needed"
SECTORS: tuple[str, ...] = (*PermitSector.values, NO_PERMIT)
SECTOR_BIT = {name: 1 << i for i, name in enumerate(SECTORS)}
SKILL_INDEX = {code: i for i, code in enumerate(reference.SKILL_CODES)}
REFUGEE_STATUSES = (DisplacementStatus.REFUGEE, DisplacementStatus.ASYLUM_SEEKER)
WEIGHTS = engine.Weights()
K = 10

COMPONENT_LABELS = {
    "occupation": gettext_lazy("Occupation"),
    "skills": gettext_lazy("Skills"),
    "distance": gettext_lazy("Distance"),
    "wage": gettext_lazy("Wage"),
    "experience": gettext_lazy("Experience"),
}
FACILITY_FIELDS = {
    "transport": ("offers_transport", "needs_transport"),
    "childcare": ("offers_childcare", "needs_childcare"),
    "separate_sanitation": ("separate_sanitation", "needs_separate_sanitation"),
    "women_in_team": ("women_in_team", "needs_women_in_team"),
}
_KM_PER_DEGREE = math.pi * 6371.0088 / 180


# ---- What the pages and the API show --------------------------------------------------------


@dataclass(frozen=True)
class ScorePart:
    """One component of a score, in points out of 100 and in words."""

    name: str
    label: str
    value: float
    points: float
    max_points: float
    words: str


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


# ---- Loading vacancies --------------------------------------------------------------------


def _located(prefix: str = "") -> dict[str, Coalesce]:
    """A vacancy's coordinates: its workplace, its employer, then their districts and
    governorates (a workplace without coordinates lies where its employer does)."""
    places = ("workplace__", "employer__", "workplace__district__", "employer__district__",
              "workplace__governorate__", "employer__governorate__")  # fmt: skip
    return {
        axis: Coalesce(*(f"{prefix}{place}{axis}itude" for place in places))
        for axis in ("lat", "long")
    }


def _filled() -> Coalesce:
    placements = (
        Placement.objects.filter(vacancy=OuterRef("pk"))
        .order_by()
        .values("vacancy")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(placements, output_field=IntegerField()), 0)


V_FIELDS = (
    "pk", "occupation__code", "lat", "long", "work_permit_required", "permit_sector",
    "offers_transport", "offers_childcare", "separate_sanitation", "women_in_team", "skills",
    "wage", "wage_period", "min_experience_years", "start_date", "end_date", "positions",
    "filled", "owner_id",
)  # fmt: skip


@dataclass(frozen=True)
class VacancyInfo:
    """What the words of a score need to know of a vacancy."""

    skills: frozenset[str]
    daily_wage: float
    min_experience_years: int


def open_vacancies(user: User | None, action: str = scoping.READ) -> QuerySet[Vacancy]:
    """Open vacancies `user` may read (None: every one, for tasks), with location and filled."""
    qs = Vacancy.objects.filter(status=Vacancy.Status.OPEN)
    if user is not None:
        qs = scoping.scope(qs, user, action)
    return qs.annotate(**_located(), filled=_filled())


def _vacancy_table(rows: Sequence[tuple]) -> tuple[VacancyTable, dict[int, VacancyInfo]]:
    n = len(rows)
    ids = np.empty(n, dtype=np.int64)
    isco = np.empty(n, dtype=np.int32)
    lat, lon, wage, experience = (np.empty(n) for _ in range(4))
    sector = np.empty(n, dtype=np.uint64)
    facilities = np.zeros(n, dtype=np.uint8)
    start = np.empty(n, dtype=np.int32)
    end = np.empty(n, dtype=np.int32)
    positions = np.empty(n, dtype=np.int64)
    skills: list[list[int]] = []
    info: dict[int, VacancyInfo] = {}
    for i, r in enumerate(rows):
        (pk, code, la, lo, permit, permit_sector, transport, childcare, sanitation, women,
         wanted, amount, period, min_years, first, last, count, filled, _owner) = r  # fmt: skip
        ids[i], isco[i], lat[i], lon[i] = pk, int(code), float(la), float(lo)
        sector[i] = SECTOR_BIT[permit_sector if permit and permit_sector else NO_PERMIT]
        facilities[i] = (
            transport * FACILITY_BITS[engine.Facility.TRANSPORT]
            + childcare * FACILITY_BITS[engine.Facility.CHILDCARE]
            + sanitation * FACILITY_BITS[engine.Facility.SEPARATE_SANITATION]
            + women * FACILITY_BITS[engine.Facility.WOMEN_IN_TEAM]
        )
        wage[i] = daily_wage(float(amount), period)
        experience[i] = min_years
        start[i] = first.toordinal() if first else OPEN_START
        end[i] = last.toordinal() if last else OPEN_END
        positions[i] = count - filled
        wanted = [s for s in wanted or () if s in SKILL_INDEX]
        skills.append([SKILL_INDEX[s] for s in wanted])
        info[pk] = VacancyInfo(frozenset(wanted), wage[i], min_years)
    table = VacancyTable(
        ids=ids, isco=isco, latitude=lat, longitude=lon, sector_bit=sector,
        facilities_mask=facilities, skills=pack_skills(skills, len(SKILL_INDEX)),
        daily_wage=wage, min_experience_years=experience, start=start, end=end,
        positions=positions,
    )  # fmt: skip
    return table, info


# ---- Open vacancies as arrays, kept per process --------------------------------------------
#
# One job seeker's recommendations weigh every open vacancy in reach. Reading and encoding
# thousands of rows per request costs far more than scoring them, so the encoded table of all
# open vacancies is kept in memory and rebuilt when a stamp of the tables it is made from
# changes (one small query per request): vacancies (last change, last id), placements (last
# id: they fill positions), employers and workplaces (last change: they place vacancies).
# Scope, referrals and the job seeker's hard constraints are applied to the arrays per
# request.

_TABLE_FIELDS = (
    "ids", "isco", "latitude", "longitude", "sector_bit", "facilities_mask", "skills",
    "daily_wage", "min_experience_years", "start", "end", "positions",
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class OpenVacancies:
    stamp: tuple
    table: VacancyTable
    info: dict[int, VacancyInfo]
    owner: np.ndarray
    objects: dict[int, Vacancy]
    """What a match shows of each vacancy (title, occupation, employer's names), read-only."""


_OPEN: dict[str, OpenVacancies] = {}
SHOWN = (
    "title", "owner", "status", "employer", "occupation", "employer__name_en",
    "employer__name_ar", "occupation__code", "occupation__title_en", "occupation__title_ar",
)  # fmt: skip


def _stamp() -> tuple:
    from django.db import connection

    from .models import Employer, Workplace

    v, p = Vacancy._meta.db_table, Placement._meta.db_table
    e, w = Employer._meta.db_table, Workplace._meta.db_table
    # Each an index lookup or a small table: vacancies change their updated_at whenever a
    # service changes them (status included), placements are never deleted, so a new one
    # is a new largest id.
    sql = (
        f"SELECT (SELECT MAX(updated_at) FROM {v}), (SELECT MAX(id) FROM {v}), "
        f"(SELECT MAX(id) FROM {p}), (SELECT MAX(updated_at) FROM {e}), "
        f"(SELECT MAX(updated_at) FROM {w})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return (connection.alias, *cursor.fetchone())


def open_vacancy_arrays() -> OpenVacancies:
    """Every open vacancy, encoded; rebuilt when the stamp says the tables changed."""
    from django.db import connection

    stamp = _stamp()
    cached = _OPEN.get(connection.alias)
    if cached is not None and cached.stamp == stamp:
        return cached
    rows = list(open_vacancies(None).values_list(*V_FIELDS).order_by("pk"))
    table, info = _vacancy_table(rows)
    owner = np.array([r[-1] for r in rows], dtype=np.int64)
    objects = {
        v.pk: v
        for v in Vacancy.objects.filter(status=Vacancy.Status.OPEN)
        .select_related("employer", "occupation")
        .only(*SHOWN)
    }
    _OPEN[connection.alias] = cached = OpenVacancies(stamp, table, info, owner, objects)
    return cached


def _take(table: VacancyTable, index: np.ndarray) -> VacancyTable:
    return VacancyTable(**{name: getattr(table, name)[index] for name in _TABLE_FIELDS})


def _seeker_mask(arrays: OpenVacancies, seekers: SeekerRows, info: SeekerInfo) -> np.ndarray:
    """Vacancies the job seeker surely cannot take left out, as the SQL filters did: a
    latitude-longitude box around them, permit, needs and dates (the library checks each
    again exactly)."""
    t, s = arrays.table, seekers.table
    latitude, longitude = float(s.latitude[0]), float(s.longitude[0])
    dlat = info.max_travel_km / _KM_PER_DEGREE * 1.01 + 1e-4
    mask = np.abs(t.latitude - latitude) <= dlat
    poleward = abs(latitude) + dlat
    if poleward < 89:
        dlon = dlat / math.cos(math.radians(poleward))
        mask &= np.abs(t.longitude - longitude) <= dlon
    mask &= (t.sector_bit & s.permit_mask[0]) != 0
    needs = np.uint8(s.needs_mask[0])
    mask &= (t.facilities_mask & needs) == needs
    mask &= (t.start <= s.available_until[0]) & (t.end >= s.available_from[0])
    return mask


# ---- Loading job seekers ------------------------------------------------------------------


def placed_now(today: datetime.date) -> Exists:
    """A placement that has not ended and no follow-up says the person left."""
    left = FollowUp.objects.filter(placement=OuterRef("pk"), still_employed=False)
    current = (
        Placement.objects.filter(job_seeker=OuterRef("pk"))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(Exists(left))
    )
    return Exists(current)


def job_seekers(user: User | None, today: datetime.date | None = None) -> QuerySet[JobSeeker]:
    """Job seekers `user` may read (None: all), active persons, with location and `placed`."""
    qs = JobSeeker.objects.filter(person__status=Person.Status.ACTIVE)
    if user is not None:
        qs = scoping.scope(qs, user)
    return qs.annotate(
        lat=Coalesce("person__district__latitude", "person__governorate__latitude"),
        long=Coalesce("person__district__longitude", "person__governorate__longitude"),
        placed=placed_now(today or timezone.localdate()),
    )


S_FIELDS = (
    "pk", "lat", "long", "max_travel_km", "person__sex", "person__displacement_status",
    "work_permit_status", "work_permit_sector", "needs_transport", "needs_childcare",
    "needs_separate_sanitation", "needs_women_in_team", "skills", "expected_wage",
    "expected_wage_period", "experience_years", "available_from", "available_until", "placed",
)  # fmt: skip


@dataclass(frozen=True)
class SeekerInfo:
    skills: frozenset[str]
    daily_wage: float
    experience_years: int
    max_travel_km: int
    woman: bool
    refugee: bool


@dataclass(frozen=True, eq=False)
class SeekerRows:
    """Job seekers as library rows, one per occupation; `row_seeker[r]` is row r's job seeker.

    Row ids are row numbers, in job seeker then code order, so a tie between two rows falls to
    the smaller job seeker id, as the library breaks ties between ids.
    """

    table: SeekerTable
    row_seeker: np.ndarray
    info: dict[int, SeekerInfo]


def _permit(status: str, sector: str) -> np.uint64:
    if status == JobSeeker.PermitStatus.NOT_NEEDED:
        return ANY_SECTOR
    mask = SECTOR_BIT[NO_PERMIT]
    if status == JobSeeker.PermitStatus.VALID and sector in SECTOR_BIT:
        mask |= SECTOR_BIT[sector]
    return np.uint64(mask)


def _seeker_rows(qs: QuerySet[JobSeeker]) -> SeekerRows:
    rows = list(qs.filter(lat__isnull=False).values_list(*S_FIELDS).order_by("pk"))
    through = JobSeeker.occupations.through.objects
    codes: dict[int, list[int]] = {}
    if rows:
        wanted = through.filter(jobseeker_id__in=[r[0] for r in rows]) if len(rows) < 500 else (
            through.filter(jobseeker_id__in=qs.values("pk"))
        )  # fmt: skip
        for seeker_id, code in wanted.values_list("jobseeker_id", "occupation__code"):
            if len(code) == 4 and code.isdigit():
                codes.setdefault(seeker_id, []).append(int(code))
    return _encode_seekers(rows, codes)


def _referred_and_placed(job_seeker: JobSeeker, today: datetime.date) -> tuple[list[int], bool]:
    """The vacancies `job_seeker` was referred to, and whether they are placed in a job that
    has not ended (`placed_now`): every placement is a hired referral, so one query, and a
    second only when a placement has not ended."""
    rows = list(
        Referral.objects.filter(job_seeker=job_seeker).values_list(
            "vacancy_id", "placement__id", "placement__end_date"
        )
    )
    current = [p for _v, p, end in rows if p is not None and (end is None or end >= today)]
    placed = False
    if current:
        left = set(
            FollowUp.objects.filter(placement_id__in=current, still_employed=False).values_list(
                "placement_id", flat=True
            )
        )
        placed = any(p not in left for p in current)
    return [vacancy for vacancy, _p, _e in rows], placed


def _one_seeker_rows(job_seeker: JobSeeker, placed: bool) -> SeekerRows:
    """`_seeker_rows` of one job seeker from the object the page holds (its person, district,
    governorate and occupations fetched with it), without a query."""
    person = job_seeker.person
    place = person.district if person.district_id else person.governorate
    if place is None:
        return _encode_seekers([], {})
    values = {"pk": job_seeker.pk, "lat": place.latitude, "long": place.longitude,
              "person__sex": person.sex, "person__displacement_status": person.displacement_status,
              "placed": placed}  # fmt: skip
    row = tuple(values[name] if name in values else getattr(job_seeker, name) for name in S_FIELDS)
    codes = [
        int(o.code) for o in job_seeker.occupations.all() if len(o.code) == 4 and o.code.isdigit()
    ]
    return _encode_seekers([row], {job_seeker.pk: codes})


def _encode_seekers(rows: list[tuple], codes: dict[int, list[int]]) -> SeekerRows:
    info: dict[int, SeekerInfo] = {}
    columns: dict[str, list] = {name: [] for name in (
        "ids", "isco", "latitude", "longitude", "max_travel_km", "woman", "refugee",
        "permit_mask", "needs_mask", "expected_daily_wage", "experience_years",
        "available_from", "available_until", "placed",
    )}  # fmt: skip
    skills: list[list[int]] = []
    row_seeker: list[int] = []
    for r in rows:
        (pk, la, lo, travel, sex, displacement, permit, permit_sector, transport, childcare,
         sanitation, women, own, expected, period, years, first, last, placed) = r  # fmt: skip
        occupations = sorted(set(codes.get(pk, ())))
        if not occupations:
            continue
        own = [s for s in own or () if s in SKILL_INDEX]
        per_day = daily_wage(float(expected), period) if expected else 0.0
        woman, refugee = sex == Sex.FEMALE, displacement in REFUGEE_STATUSES
        info[pk] = SeekerInfo(frozenset(own), per_day, years, travel, woman, refugee)
        needs = (
            transport * FACILITY_BITS[engine.Facility.TRANSPORT]
            + childcare * FACILITY_BITS[engine.Facility.CHILDCARE]
            + sanitation * FACILITY_BITS[engine.Facility.SEPARATE_SANITATION]
            + women * FACILITY_BITS[engine.Facility.WOMEN_IN_TEAM]
        )
        values = {
            "latitude": float(la), "longitude": float(lo), "max_travel_km": float(travel),
            "woman": woman, "refugee": refugee, "permit_mask": _permit(permit, permit_sector),
            "needs_mask": needs, "expected_daily_wage": per_day, "experience_years": years,
            "available_from": first.toordinal() if first else OPEN_START,
            "available_until": last.toordinal() if last else OPEN_END, "placed": placed,
        }  # fmt: skip
        for code in occupations:
            columns["ids"].append(len(row_seeker))
            columns["isco"].append(code)
            for name, value in values.items():
                columns[name].append(value)
            skills.append([SKILL_INDEX[s] for s in own])
            row_seeker.append(pk)
    columns["permit_mask"] = np.array(columns["permit_mask"], dtype=np.uint64)
    table = SeekerTable(**columns, skills=pack_skills(skills, len(SKILL_INDEX)))
    return SeekerRows(table, np.array(row_seeker, dtype=np.int64), info)


# ---- Where to look ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _areas() -> tuple[tuple[str, int, float, float], ...]:
    """Every district and governorate centroid (reference data, loaded by a migration)."""
    districts = District.objects.values_list("pk", "latitude", "longitude")
    governorates = Governorate.objects.values_list("pk", "latitude", "longitude")
    return tuple(
        [("district", pk, float(la), float(lo)) for pk, la, lo in districts]
        + [("governorate", pk, float(la), float(lo)) for pk, la, lo in governorates]
    )


def within_travel(points: Iterable[tuple[float, float]]) -> Q:
    """Job seekers whose centroid lies within their own travel limit of one of `points`.

    One term per area: the person's district (or, without one, governorate) is that area and
    they travel at least as far as its nearest point, rounded down (a superset of the exact
    test, which the library makes).
    """
    points = list(points)
    terms = Q(pk__in=[])
    for kind, pk, la, lo in _areas():
        km = min(haversine_km_scalar(la, lo, plat, plon) for plat, plon in points)
        reach = Q(max_travel_km__gte=math.floor(km))
        if kind == "district":
            terms |= Q(person__district_id=pk) & reach
        else:
            terms |= Q(person__district__isnull=True, person__governorate_id=pk) & reach
    return terms


def _hard_filters_for_vacancy(vacancy: Vacancy) -> Q:
    """Job seekers who can take `vacancy` as far as permit, needs and dates go."""
    q = Q()
    if vacancy.work_permit_required:
        q &= Q(work_permit_status=JobSeeker.PermitStatus.NOT_NEEDED) | Q(
            work_permit_status=JobSeeker.PermitStatus.VALID,
            work_permit_sector=vacancy.permit_sector,
        )
    for offer, need in FACILITY_FIELDS.values():
        if not getattr(vacancy, offer):
            q &= Q(**{need: False})
    if vacancy.end_date:
        q &= Q(available_from__isnull=True) | Q(available_from__lte=vacancy.end_date)
    q &= Q(available_until__isnull=True) | Q(available_until__gte=vacancy.start_date)
    return q


# ---- Recommendations ----------------------------------------------------------------------


def recommend_vacancies(
    user: User, job_seeker: JobSeeker, *, k: int = K, today: datetime.date | None = None
) -> Recommendations:
    """The top `k` open vacancies `user` may read for `job_seeker`, best first."""
    if job_seeker.person.status != Person.Status.ACTIVE:
        return Recommendations(why_none=_("This person's record is archived or merged."))
    referred, placed = _referred_and_placed(job_seeker, today or timezone.localdate())
    seekers = _one_seeker_rows(job_seeker, placed)
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
    mask = _seeker_mask(arrays, seekers, info)
    reach = scoping.reach(user, scoping.READ, domain="employment")
    if not reach.everything:
        mask &= np.isin(arrays.owner, np.fromiter(reach.organisation_ids, dtype=np.int64))
    if referred:
        mask &= ~np.isin(arrays.table.ids, np.array(referred, dtype=np.int64))
    index = np.flatnonzero(mask)
    vacancies = _take(arrays.table, index)
    vacancy_info = arrays.info
    result = Recommendations(considered=len(vacancies))
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
                parts=_parts(rec, info, vacancy_info[rec.vacancy_id], vacancy.occupation.code),
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
    table, vacancy_info = _vacancy_table(rows)
    if not len(table) or table.positions[0] <= 0:
        return Recommendations(why_none=_("Every position of this vacancy is filled."))
    referred = Referral.objects.filter(vacancy=vacancy, job_seeker=OuterRef("pk"))
    pool = (
        job_seekers(user, today)
        .filter(placed=False)
        .filter(within_travel([(float(table.latitude[0]), float(table.longitude[0]))]))
        .filter(_hard_filters_for_vacancy(vacancy))
        .exclude(Exists(referred))
    )
    seekers = _seeker_rows(pool)
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
                parts=_parts(
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


# ---- Campaigns ----------------------------------------------------------------------------


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
    vacancies, _info = _vacancy_table(rows)
    seekers = _seeker_rows(pool) if rows else _seeker_rows(JobSeeker.objects.none())
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


# ---- Words --------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _decimal_separator(language: str) -> str:
    return str(formats.get_format("DECIMAL_SEPARATOR", language or None))


def _number(value: float, places: int = 0) -> str:
    """`value` with `places` decimals in the reader's notation (as number_format, without its
    per-call lookups: a page words fifty of these)."""
    text = f"{round(value, places):.{places}f}"
    return text.replace(".", _decimal_separator(get_language() or "")) if places else text


def _occupation_words(match: engine.OccupationMatch, code: str) -> str:
    words = {
        engine.OccupationMatch.UNIT: _("the occupation sought (%(code)s)"),
        engine.OccupationMatch.MINOR: _("a close occupation (%(code)s, same minor group)"),
        engine.OccupationMatch.SUB_MAJOR: _(
            "a related occupation (%(code)s, same sub-major group)"
        ),
        engine.OccupationMatch.NONE: _("another occupation (%(code)s)"),
    }
    return words[match] % {"code": code}


def _parts(
    rec: engine.Recommendation, seeker: SeekerInfo, vacancy: VacancyInfo, code: str
) -> list[ScorePart]:
    """The score of a pair, component by component, in points and in words."""
    asked = len(vacancy.skills)
    words = {
        "occupation": _occupation_words(rec.occupation_match, code),
        "skills": _("%(have)s of the %(asked)s skills asked")
        % {"have": len(seeker.skills & vacancy.skills), "asked": asked}
        if asked
        else _("no particular skill asked"),
        "distance": _("%(km)s km away; travels up to %(max)s km")
        % {"km": _number(rec.distance_km, 1), "max": seeker.max_travel_km},
        "wage": _("offers %(offer)s a day; expects %(expected)s")
        % {"offer": _number(vacancy.daily_wage, 2), "expected": _number(seeker.daily_wage, 2)}
        if seeker.daily_wage
        else _("offers %(offer)s a day; no expected wage recorded")
        % {"offer": _number(vacancy.daily_wage, 2)},
        "experience": _("%(years)s years; %(asked)s asked")
        % {"years": seeker.experience_years, "asked": vacancy.min_experience_years}
        if vacancy.min_experience_years
        else _("no experience asked"),
    }
    return [
        ScorePart(
            name=c.name,
            label=str(COMPONENT_LABELS[c.name]),
            value=c.value,
            points=c.points * 100,
            max_points=c.weight * 100,
            words=words[c.name],
        )
        for c in rec.components
    ]
