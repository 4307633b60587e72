"""The employment unit's records as the matching library's tables: open vacancies and job
seekers read with a few bulk `values_list` queries and encoded as arrays, with what the words
of a score need to know of each."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from taawon import matching as engine
from taawon.accounts import scoping
from taawon.accounts.models import User
from taawon.matching.model import daily_wage
from taawon.matching.tables import (
    ANY_SECTOR,
    FACILITY_BITS,
    OPEN_END,
    OPEN_START,
    SeekerTable,
    VacancyTable,
    pack_skills,
)
from taawon.people.models import DisplacementStatus, Person, Sex
from taawon.protection import rules as protection

from ..placements.models import FollowUp, Placement, Referral
from ..seekers.models import JobSeeker
from ..unit import reference
from ..unit.models import PermitSector
from ..vacancies.models import Vacancy

NO_PERMIT = "no_permit_needed"
SECTORS: tuple[str, ...] = (*PermitSector.values, NO_PERMIT)
SECTOR_BIT = {name: 1 << i for i, name in enumerate(SECTORS)}
SKILL_INDEX = {code: i for i, code in enumerate(reference.SKILL_CODES)}
REFUGEE_STATUSES = (DisplacementStatus.REFUGEE, DisplacementStatus.ASYLUM_SEEKER)


# ---- Vacancies -----------------------------------------------------------------------------


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
    "filled", "tasks", "owner__country", "owner_id",
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


def vacancy_table(rows: Sequence[tuple]) -> tuple[VacancyTable, dict[int, VacancyInfo]]:
    n = len(rows)
    ids = np.empty(n, dtype=np.int64)
    isco = np.empty(n, dtype=np.int32)
    lat, lon, wage, experience = (np.empty(n) for _ in range(4))
    sector = np.empty(n, dtype=np.uint64)
    facilities = np.zeros(n, dtype=np.uint8)
    start = np.empty(n, dtype=np.int32)
    end = np.empty(n, dtype=np.int32)
    positions = np.empty(n, dtype=np.int64)
    minimum_age = np.empty(n, dtype=np.int16)
    skills: list[list[int]] = []
    info: dict[int, VacancyInfo] = {}
    for i, r in enumerate(rows):
        (pk, code, la, lo, permit, permit_sector, transport, childcare, sanitation, women,
         wanted, amount, period, min_years, first, last, count, filled, tasks, country,
         _owner) = r  # fmt: skip
        ids[i], isco[i], lat[i], lon[i] = pk, int(code), float(la), float(lo)
        minimum_age[i] = protection.minimum_age_for(
            country=country, occupation_code=code, tasks=tasks or ()
        )
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
        positions=positions, minimum_age=minimum_age,
    )  # fmt: skip
    return table, info


# ---- Job seekers --------------------------------------------------------------------------


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
    "person__date_of_birth", "person__birth_year",
)  # fmt: skip


@dataclass(frozen=True)
class SeekerInfo:
    skills: frozenset[str]
    daily_wage: float
    experience_years: int
    max_travel_km: int
    woman: bool
    refugee: bool
    age: int | None = None
    """Completed years today; None when no birth is recorded."""


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


def seeker_rows(qs: QuerySet[JobSeeker]) -> SeekerRows:
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


def referred_and_placed(job_seeker: JobSeeker, today: datetime.date) -> tuple[list[int], bool]:
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


def one_seeker_rows(job_seeker: JobSeeker, placed: bool) -> SeekerRows:
    """`seeker_rows` of one job seeker from the object the page holds (its person, district,
    governorate and occupations fetched with it), without a query."""
    person = job_seeker.person
    place = person.district if person.district_id else person.governorate
    if place is None:
        return _encode_seekers([], {})
    values = {"pk": job_seeker.pk, "lat": place.latitude, "long": place.longitude,
              "person__sex": person.sex, "person__displacement_status": person.displacement_status,
              "placed": placed, "person__date_of_birth": person.date_of_birth,
              "person__birth_year": person.birth_year}  # fmt: skip
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
        "available_from", "available_until", "placed", "age",
    )}  # fmt: skip
    today = timezone.localdate()
    skills: list[list[int]] = []
    row_seeker: list[int] = []
    for r in rows:
        (pk, la, lo, travel, sex, displacement, permit, permit_sector, transport, childcare,
         sanitation, women, own, expected, period, years, first, last, placed, born,
         birth_year) = r  # fmt: skip
        occupations = sorted(set(codes.get(pk, ())))
        if not occupations:
            continue
        own = [s for s in own or () if s in SKILL_INDEX]
        per_day = daily_wage(float(expected), period) if expected else 0.0
        woman, refugee = sex == Sex.FEMALE, displacement in REFUGEE_STATUSES
        age = protection.age_on(today, date_of_birth=born, birth_year=birth_year)
        info[pk] = SeekerInfo(frozenset(own), per_day, years, travel, woman, refugee, age)
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
            "age": protection.UNKNOWN_AGE if age is None else age,
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
