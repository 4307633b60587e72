"""The demo records a unit makes one at a time, through the services: employers and their
workplaces, farm visits with the OSH checklist, vacancies, awareness sessions, and closing the
vacancies whose season is over."""

from __future__ import annotations

import datetime
import random
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
    NEXT_STEPS,
    OSH_YES,
    OTHER_TOPICS,
    SECTION,
    START,
    VENUES,
    Unit,
    day,
    jobs,
    near,
    wage,
    weighted,
)


def employers(rng: random.Random, unit: Unit, count: int) -> None:
    actor = unit.staff[0]
    for _ in range(count):
        farm = rng.random() < 0.85
        job = weighted(rng, jobs(farm))
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


def visits(rng: random.Random, unit: Unit, count: int) -> int:
    """One visit to every employer, then second visits until `count`."""
    staff = [u for u in unit.staff if u is not None]
    if not staff:
        return 0
    employers = list(unit.employers)
    employers += [rng.choice(unit.employers) for _ in range(max(count - len(employers), 0))]
    for n, employer in enumerate(employers[:count]):
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
    return min(count, len(employers))


def vacancies(rng: random.Random, unit: Unit, positions: int) -> None:
    """Vacancies of the unit's employers until they offer `positions` jobs in all."""
    actor = unit.staff[0]
    offered = 0
    while offered < positions and unit.employers:
        employer = rng.choice(unit.employers)
        farm = employer.kind == Employer.Kind.FARM
        job = weighted(rng, [(j, j.weight) for j in JOBS if SECTION[j.sector] == employer.sector])
        count = min(rng.randint(3, 25) if farm else rng.randint(1, 6), positions - offered)
        start = day(rng, START, END)
        seasonal = farm or rng.random() < 0.4
        workplaces = list(employer.workplaces.all())
        women = rng.random() < (0.5 if farm else 0.3)
        vacancy = vacancy_services.post_vacancy(
            employer=employer,
            workplace=rng.choice(workplaces) if workplaces else None,
            title=job.title_en,
            occupation=job.isco,
            positions=max(count, 1),
            start_date=start,
            end_date=start + datetime.timedelta(days=rng.randint(30, 120)) if seasonal else None,
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
            posted_by=actor,
        )
        unit.vacancies.append(vacancy)
        offered += vacancy.positions


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
            date=day(rng, START, END),
            governorate=unit.governorate,
            district=rng.choice(unit.districts) if unit.districts else None,
            venue=rng.choice(VENUES),
            facilitator=rng.choice(FACILITATORS),
            participants=rng.sample(active, min(len(active), rng.randint(0, 12))),
            head_counts=counts,
            recorded_by=actor,
        )
    return count
