"""The demo records a unit makes one at a time, through the services: employers and their
workplaces, farm visits with the OSH checklist, vacancies (those the planned hires fill, and
others), awareness sessions, and closing the vacancies whose season is over. All dated in the
brief's quarter but the next season's vacancies."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from decimal import Decimal

from taawon.accounts.models import User
from taawon.people.models import Person

from ..awareness import services as awareness_services
from ..employers import services as employer_services
from ..employers.models import Employer
from ..unit import reference
from ..vacancies import services as vacancy_services
from ..vacancies.models import Vacancy
from .plan import (
    BUSINESS_KINDS,
    END,
    FACILITATORS,
    FAMILIES,
    FARM_KINDS,
    FINDINGS,
    GIVEN,
    JOBS,
    NEXT_SEASON,
    NEXT_SEASON_LAST,
    NEXT_STEPS,
    OSH_YES,
    OTHER_TOPICS,
    SECOND_VISITS_PER_EMPLOYER,
    SECTION,
    START,
    VENUES,
    Job,
    Unit,
    day,
    jobs,
    near,
    wage,
    weighted,
)
from .timeline import Hire


def employers(rng: random.Random, unit: Unit, *, farms: int, businesses: int) -> None:
    """`farms` farms and `businesses` other employers, the businesses in each sector in turn."""
    actor = unit.staff[0]
    kinds = [True] * farms + [False] * businesses
    rng.shuffle(kinds)
    sectors = list(BUSINESS_KINDS)
    made = 0
    for farm in kinds:
        if farm:
            job = weighted(rng, jobs(True))
        else:
            sector = sectors[made % len(sectors)]
            made += 1
            job = weighted(rng, [(j, j.weight) for j in JOBS if j.sector == sector])
        family_ar, family_en = rng.choice(FAMILIES)
        given_ar, given_en = rng.choice(GIVEN)
        name_ar, name_en = rng.choice(FARM_KINDS) if farm else BUSINESS_KINDS[job.sector]
        district = rng.choice(unit.districts) if unit.districts else None
        latitude, longitude = near(rng, district or unit.governorate)
        located = rng.random() < 0.7  # the rest are placed by their district's centroid
        employer = employer_services.register_employer(
            owner=unit.organisation,
            kind=Employer.Kind.FARM if farm else Employer.Kind.BUSINESS,
            sector=SECTION[job.sector],
            governorate=unit.governorate,
            district=district,
            name_ar=name_ar.format(family=family_ar),
            name_en=name_en.format(family=family_en),
            owner_name=f"{given_en} {family_en}",
            size=rng.choices(list(Employer.Size.values), weights=(30, 45, 20, 5))[0],
            contact_name=f"{given_ar} {family_ar}",
            phone=f"+96279{rng.randrange(1_000_000, 9_999_999)}",
            latitude=latitude if located else None,
            longitude=longitude if located else None,
            created_by=actor,
        )
        if farm:
            for name in rng.sample(["North field", "Greenhouses", "Orchard", "Lower field"], 2):
                lat, lon = near(rng, district or unit.governorate)
                employer_services.add_workplace(
                    employer=employer, name=name, latitude=lat, longitude=lon, created_by=actor
                )
        unit.employers.append(employer)


def visits(rng: random.Random, unit: Unit) -> int:
    """A first visit to every employer early enough in the quarter, then second visits to
    some; all in the quarter, so that every farm counts as visited in it."""
    staff = [u for u in unit.staff if u is not None]
    if not staff:
        return 0
    employers = list(unit.employers)
    seconds = round(len(employers) * SECOND_VISITS_PER_EMPLOYER)
    employers += [rng.choice(unit.employers) for _ in range(seconds if employers else 0)]
    for n, employer in enumerate(employers):
        first = n < len(unit.employers)
        purpose = (
            weighted(rng, [("outreach", 45), ("vacancy_collection", 55)])
            if first
            else weighted(rng, [("awareness", 50), ("follow_up", 35), ("vacancy_collection", 15)])
        )
        workplaces = list(employer.workplaces.all())
        employer_services.record_farm_visit(
            employer=employer,
            workplace=rng.choice(workplaces) if workplaces and rng.random() < 0.6 else None,
            date=day(rng, START, END - datetime.timedelta(days=20) if first else END),
            purpose=purpose,
            staff=rng.sample(staff, min(len(staff), rng.choice((1, 1, 2)))),
            findings=rng.choice(FINDINGS),
            osh_checklist={
                code: "na"
                if rng.random() < 0.05
                else ("yes" if rng.random() < OSH_YES[code] else "no")
                for code in reference.OSH_CODES
                if purpose != "outreach" or rng.random() < 0.5
            },
            next_steps=rng.choice(NEXT_STEPS),
            recorded_by=staff[0],
        )
    return len(employers)


def _employer_for(rng: random.Random, unit: Unit, job: Job) -> tuple[Employer, Job]:
    """One of the unit's employers offering `job`, or, when none is of its sector, another
    employer with a job of that employer's sector (a counsellor places people outside the
    occupation they named when that is what there is)."""
    fitting = [e for e in unit.employers if e.sector == SECTION[job.sector]]
    if fitting:
        return rng.choice(fitting), job
    employer = rng.choice(unit.employers)
    return employer, weighted(
        rng, [(j, j.weight) for j in JOBS if SECTION[j.sector] == employer.sector]
    )


def _post(
    rng: random.Random,
    unit: Unit,
    employer: Employer,
    job: Job,
    *,
    positions: int,
    start: datetime.date,
    last_day: datetime.date | None = None,
) -> Vacancy:
    """A vacancy of `employer` for `job`: seasonal on farms and for some businesses, its
    season lasting at least to `last_day` (the last day a planned hire works or starts)."""
    farm = employer.kind == Employer.Kind.FARM
    seasonal = farm or rng.random() < 0.4
    end = None
    if seasonal:
        end = start + datetime.timedelta(days=rng.randint(30, 120))
        end = max(end, last_day or end)
    workplaces = list(employer.workplaces.all())
    women = rng.random() < (0.5 if farm else 0.3)
    vacancy = vacancy_services.post_vacancy(
        employer=employer,
        workplace=rng.choice(workplaces) if workplaces else None,
        title=job.title_en,
        occupation=job.isco,
        positions=positions,
        start_date=start,
        end_date=end,
        wage=wage(rng, *job.daily_wage) if seasonal else wage(rng, *job.daily_wage) * 26,
        wage_period="daily" if seasonal else "monthly",
        hours_per_day=rng.choice((Decimal(7), Decimal(8), Decimal(8))),
        days_per_week=6,
        skills=rng.sample(job.skills, rng.randint(0, len(job.skills))),
        min_experience_years=rng.choice((0, 0, 0, 1, 2)),
        work_permit_required=rng.random() < 0.6,
        permit_sector=job.sector,
        offers_transport=rng.random() < 0.45,
        offers_childcare=rng.random() < 0.08,
        separate_sanitation=rng.random() < 0.35,
        women_in_team=women,
        posted_by=unit.staff[0],
    )
    unit.vacancies.append(vacancy)
    return vacancy


def vacancies_for(rng: random.Random, unit: Unit, hires: Sequence[Hire]) -> dict[Hire, Vacancy]:
    """The vacancies the unit's planned hires fill, and each hire's vacancy: the hires of one
    job (the one the job seeker asked for first), in order of their start, gathered into
    vacancies of 3 to 25 positions on farms and 2 to 8 elsewhere, each starting with its
    first hire; never one person twice in a vacancy."""
    if not unit.employers:
        return {}
    groups: dict[Job, list[Hire]] = {}
    for hire in hires:
        seeker = unit.seeker_of[hire.person_id]
        groups.setdefault(unit.job_of[seeker.pk], []).append(hire)
    filled: dict[Hire, Vacancy] = {}
    for wanted, group in groups.items():
        group.sort(key=lambda h: (h.start, h.person_id))
        while group:
            employer, job = _employer_for(rng, unit, wanted)
            size = rng.randint(3, 25) if employer.kind == Employer.Kind.FARM else rng.randint(2, 8)
            chunk: list[Hire] = []
            later: list[Hire] = []
            persons: set[int] = set()
            for hire in group:
                if len(chunk) < size and hire.person_id not in persons:
                    chunk.append(hire)
                    persons.add(hire.person_id)
                else:
                    later.append(hire)
            group = later
            start = max(START, chunk[0].start - datetime.timedelta(days=rng.randint(0, 7)))
            last_day = max(h.end or h.start for h in chunk)
            vacancy = _post(
                rng, unit, employer, job, positions=len(chunk), start=start, last_day=last_day
            )
            filled.update((hire, vacancy) for hire in chunk)
    return filled


def open_vacancies(rng: random.Random, unit: Unit, positions: int) -> None:
    """Vacancies no one was placed in: some of the quarter's, short seasons mostly over by
    its end, and the next season's (October to December), still open at the end."""
    offered = 0
    while offered < positions and unit.employers:
        employer = rng.choice(unit.employers)
        job = weighted(rng, [(j, j.weight) for j in JOBS if SECTION[j.sector] == employer.sector])
        farm = employer.kind == Employer.Kind.FARM
        count = min(rng.randint(3, 25) if farm else rng.randint(1, 6), positions - offered)
        if rng.random() < 0.3:
            start = day(rng, START, END - datetime.timedelta(days=40))
        else:
            start = day(rng, NEXT_SEASON, NEXT_SEASON_LAST)
        _post(rng, unit, employer, job, positions=max(count, 1), start=start)
        offered += max(count, 1)


def close_ended(rng: random.Random, unit: Unit, actor: User | None) -> None:
    """Vacancies whose season is over are mostly closed by the counsellor."""
    for vacancy in unit.vacancies:
        vacancy.refresh_from_db(fields=["status"])
        over = vacancy.end_date is not None and vacancy.end_date < END
        if vacancy.status == Vacancy.Status.OPEN and over and rng.random() < 0.7:
            vacancy_services.close_vacancy(vacancy=vacancy, closed_by=actor)


def awareness(rng: random.Random, unit: Unit, count: int) -> int:
    """Sessions on the programme's topics, with registered participants and head counts."""
    actor = unit.staff[0]
    active = [p for p in unit.persons if p.status == Person.Status.ACTIVE]
    for _ in range(count):
        when = day(rng, START, END)
        # Participants registered by then.
        present = [p for p in active if unit.registered.get(p.pk, START) <= when]
        topic = weighted(
            rng,
            [("osh", 30), ("covid19", 25), ("labour_law", 20), ("work_permits", 20), ("other", 5)],
        )
        counts = {
            (sex, nationality): rng.randint(0, 15)
            for sex in ("female", "male")
            for nationality in ("JO", "SY")
        }
        if rng.random() < 0.15:
            counts[("male", "EG")] = rng.randint(1, 6)
        awareness_services.record_awareness_session(
            owner=unit.organisation,
            topic=topic,
            topic_detail=rng.choice(OTHER_TOPICS) if topic == "other" else "",
            date=when,
            governorate=unit.governorate,
            district=rng.choice(unit.districts) if unit.districts else None,
            venue=rng.choice(VENUES),
            facilitator=rng.choice(FACILITATORS),
            participants=rng.sample(present, min(len(present), rng.randint(0, 12))),
            head_counts=counts,
            recorded_by=actor,
        )
    return count
