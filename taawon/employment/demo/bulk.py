"""The demo records too many to make one service call each: job seeker profiles, counselling
sessions, referrals, placements and follow-ups, about ten thousand rows at the brief's scale.

They go in with `bulk_create`, each with the "create" audit event `audit.record_create` would
write (by the unit's counsellor). Nothing here checks them: they are valid as made, and the
database's constraints hold them to it. They follow the programme's calendar: a profile is
registered the day its person was, counselling and referrals come after it, the placements are
those planned (`timeline`), and follow-ups come after the job started. Vacancies are never
overbooked because their positions left are counted here as the placements are made; full
ones are then marked filled, with the update audited as the services do.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils import timezone

from taawon.accounts.models import User
from taawon.core import audit
from taawon.core.models import AuditEvent
from taawon.geo.models import Governorate
from taawon.occupations.models import Occupation
from taawon.people.models import Sex

from ..placements.models import FollowUp, Placement, Referral
from ..seekers.models import CounsellingSession, JobSeeker
from ..vacancies.models import Vacancy
from .plan import (
    ACTION_PLANS,
    END,
    JOBS,
    LEFT_REASONS,
    REPORTED,
    Unit,
    day,
    wage,
    weighted,
)
from .timeline import Hire

BATCH = 1000
MONTH = datetime.timedelta(days=30)


class Trail:
    """Audit events of rows written in bulk, saved in one go."""

    def __init__(self, actor: User | None) -> None:
        self.actor = actor if getattr(actor, "pk", None) else None
        self.events: list[AuditEvent] = []

    def created(self, obj: models.Model, **m2m: list) -> None:
        after = {**audit.snapshot(obj), **m2m}
        self.events.append(self._event(obj, AuditEvent.Action.CREATE, audit.diff({}, after)))

    def updated(self, obj: models.Model, changes: dict[str, list]) -> None:
        self.events.append(self._event(obj, AuditEvent.Action.UPDATE, changes))

    def _event(self, obj: models.Model, action: str, changes: dict) -> AuditEvent:
        return AuditEvent(
            actor=self.actor,
            action=action,
            object_type=audit.object_label(obj),
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            owner_id=getattr(obj, "owner_id", None),
            changes=changes,
        )

    def save(self) -> None:
        AuditEvent.objects.bulk_create(self.events, batch_size=BATCH)
        self.events = []


def _stamped(model: type[models.Model], unit: Unit, actor: User | None, **values: Any):
    return model(
        owner=unit.organisation,
        created_by=actor,
        updated_by=actor,
        **values,
    )


def job_seekers(rng: random.Random, unit: Unit, trail: Trail) -> None:
    """A profile for each of the unit's persons, in the occupations its employers offer."""
    actor = trail.actor
    occupations = {o.code: o for o in Occupation.objects.filter(code__in={j.isco for j in JOBS})}
    nearby = list(Governorate.objects.filter(country=unit.governorate.country))
    shares = [(job, job.weight) for job in JOBS]
    rows, sought, preferred = [], [], []
    chosen_jobs = []
    for person in unit.persons:
        job = weighted(rng, shares)
        chosen_jobs.append(job)
        codes = sorted(
            {job.isco} | ({weighted(rng, shares).isco} if rng.random() < 0.35 else set())
        )
        woman = person.sex == Sex.FEMALE
        if person.nationality == "JO":
            permit = "not_needed"
        elif person.nationality == "SY":
            permit = weighted(rng, [("valid", 60), ("applied", 15), ("none", 20), ("expired", 5)])
        else:
            permit = weighted(rng, [("valid", 50), ("none", 50)])
        registered_on = unit.registered[person.pk]
        available_from = day(rng, registered_on, registered_on + datetime.timedelta(days=10))
        rows.append(
            _stamped(
                JobSeeker,
                unit,
                actor,
                person=person,
                registered_on=registered_on,
                skills=sorted(rng.sample(job.skills, rng.randint(1, len(job.skills)))),
                experience_years=rng.choice((0, 0, 1, 2, 3, 5, 8, 12)),
                max_travel_km=rng.choice((10, 15, 20, 30, 30, 50)),
                available_from=available_from,
                available_until=available_from + datetime.timedelta(days=rng.randint(60, 365))
                if rng.random() < 0.3
                else None,
                expected_wage=wage(rng, job.daily_wage[0] - 2, job.daily_wage[0] + 1)
                if rng.random() < 0.8
                else None,
                work_permit_status=permit,
                work_permit_sector="agriculture"
                if permit in ("valid", "applied", "expired")
                else "",
                needs_transport=rng.random() < 0.45,
                needs_childcare=woman and rng.random() < 0.25,
                needs_separate_sanitation=woman and rng.random() < 0.35,
                needs_women_in_team=woman and rng.random() < 0.3,
            )
        )
        sought.append([occupations[code] for code in codes])
        preferred.append([unit.governorate] + ([rng.choice(nearby)] if rng.random() < 0.2 else []))
    JobSeeker.objects.bulk_create(rows, batch_size=BATCH)
    through_occupations = JobSeeker.occupations.through
    through_governorates = JobSeeker.preferred_governorates.through
    through_occupations.objects.bulk_create(
        [
            through_occupations(jobseeker_id=seeker.pk, occupation_id=occupation.pk)
            for seeker, chosen in zip(rows, sought, strict=True)
            for occupation in chosen
        ],
        batch_size=BATCH,
    )
    through_governorates.objects.bulk_create(
        [
            through_governorates(jobseeker_id=seeker.pk, governorate_id=governorate.pk)
            for seeker, places in zip(rows, preferred, strict=True)
            for governorate in dict.fromkeys(places)
        ],
        batch_size=BATCH,
    )
    for seeker, chosen, places, job in zip(rows, sought, preferred, chosen_jobs, strict=True):
        trail.created(
            seeker,
            occupations=sorted(o.code for o in chosen),
            preferred_governorates=sorted({g.pk for g in places}),
        )
        unit.sought[seeker.pk] = [o.code for o in chosen]
        unit.job_of[seeker.pk] = job
        unit.seeker_of[seeker.person_id] = seeker
    unit.seekers = rows


def counselling(rng: random.Random, unit: Unit, trail: Trail) -> int:
    """A career guidance session for about half the job seekers, a second for some."""
    if trail.actor is None:
        return 0
    topics = [t for t in CounsellingSession.Topic.values if t != "other"]
    rows = [
        _stamped(
            CounsellingSession,
            unit,
            trail.actor,
            job_seeker=seeker,
            date=day(rng, seeker.registered_on, min(seeker.registered_on + MONTH, END)),
            counsellor=trail.actor,
            topics=[t for t in topics if t in rng.sample(topics, rng.randint(1, 3))],
            action_plan=rng.choice(ACTION_PLANS),
        )
        for seeker in unit.seekers
        if rng.random() < 0.55
        for _ in range(rng.choice((1, 1, 1, 2)))
    ]
    CounsellingSession.objects.bulk_create(rows, batch_size=BATCH)
    for row in rows:
        trail.created(row)
    return len(rows)


def _other_referral(
    rng: random.Random, unit: Unit, seeker: JobSeeker, vacancy: Vacancy, status: str
) -> Referral:
    """A referral that did not end in a hire: after the registration, within the two weeks
    before the vacancy's start (or from the registration on, when that is later)."""
    first = max(seeker.registered_on, vacancy.start_date - datetime.timedelta(days=14))
    referred_on = day(rng, first, max(first, min(vacancy.start_date, END)))
    status_on = referred_on
    if status != Referral.Status.REFERRED:
        status_on = referred_on + datetime.timedelta(days=rng.randint(1, 7))
    return _referral(unit, seeker, vacancy, status, referred_on, status_on)


def _referral(
    unit: Unit,
    seeker: JobSeeker,
    vacancy: Vacancy,
    status: str,
    referred_on: datetime.date,
    status_on: datetime.date,
) -> Referral:
    return Referral(
        owner_id=vacancy.owner_id,
        created_by=unit.staff[0],
        updated_by=unit.staff[0],
        job_seeker=seeker,
        vacancy=vacancy,
        referred_on=referred_on,
        status=status,
        status_on=status_on,
    )


def referrals_and_placements(
    rng: random.Random,
    unit: Unit,
    hires: Iterable[Hire],
    vacancy_of: dict[Hire, Vacancy],
    trail: Trail,
) -> tuple[int, list[Placement]]:
    """The planned hires (referral, hire and placement, in the vacancy each fills), then
    referrals that ended otherwise, for about one job seeker in two."""
    referrals: list[Referral] = []
    taken: set[tuple[int, int]] = set()
    left = {v.pk: v.positions for v in unit.vacancies}
    made: list[tuple[Referral, Vacancy, Hire]] = []
    for hire in hires:
        vacancy = vacancy_of.get(hire)
        if vacancy is None:
            continue
        seeker = unit.seeker_of[hire.person_id]
        referral = _referral(
            unit, seeker, vacancy, Referral.Status.HIRED, hire.referred_on, hire.hired_on
        )
        referrals.append(referral)
        taken.add((seeker.pk, vacancy.pk))
        made.append((referral, vacancy, hire))
        left[vacancy.pk] -= 1
    for seeker in unit.seekers:
        if rng.random() < 0.5 and unit.vacancies:
            vacancy = rng.choice(unit.vacancies)
            if (seeker.pk, vacancy.pk) in taken:
                continue
            status = weighted(
                rng,
                [("rejected", 40), ("did_not_attend", 30), ("interviewed", 15), ("referred", 15)],
            )
            referrals.append(_other_referral(rng, unit, seeker, vacancy, status))
            taken.add((seeker.pk, vacancy.pk))

    Referral.objects.bulk_create(referrals, batch_size=BATCH)
    placements = []
    for referral, vacancy, hire in made:
        end = hire.end or vacancy.end_date
        if hire.end is not None:
            contract = "seasonal" if vacancy.end_date else "fixed_term"
        elif vacancy.end_date:
            contract = Placement.ContractType.SEASONAL
        else:
            contract = weighted(rng, [("open_ended", 60), ("fixed_term", 40)])
        placements.append(
            _stamped(
                Placement,
                unit,
                trail.actor,
                referral=referral,
                vacancy=vacancy,
                job_seeker=referral.job_seeker,
                start_date=hire.start,
                end_date=end,
                contract_type=contract,
                wage=vacancy.wage,
                wage_period=vacancy.wage_period,
                currency=vacancy.currency,
            )
        )
    Placement.objects.bulk_create(placements, batch_size=BATCH)
    for row in [*referrals, *placements]:
        trail.created(row)
    _mark_filled(unit, left, trail)
    return len(referrals), placements


def _mark_filled(unit: Unit, left: dict[int, int], trail: Trail) -> None:
    full = [v for v in unit.vacancies if left[v.pk] == 0 and v.status == Vacancy.Status.OPEN]
    Vacancy.objects.filter(pk__in=[v.pk for v in full]).update(
        status=Vacancy.Status.FILLED, updated_at=timezone.now()
    )
    for vacancy in full:
        vacancy.status = Vacancy.Status.FILLED
        trail.updated(vacancy, {"status": [Vacancy.Status.OPEN, Vacancy.Status.FILLED]})


def follow_ups(
    rng: random.Random, unit: Unit, placements: Iterable[Placement], trail: Trail
) -> int:
    """The 1- and 3-month checks, made for most placements by the time of the report."""
    rows = []
    for placement in placements:
        employed = True
        for checkpoint, days, reached in ((1, 30, 0.93), (3, 91, 0.85)):
            when = placement.start_date + datetime.timedelta(days=days + rng.randint(0, 10))
            if when > REPORTED or rng.random() > reached:
                break
            ended = placement.end_date is not None and placement.end_date < when
            employed = employed and not ended and rng.random() < (0.88 if checkpoint == 1 else 0.8)
            reason = ""
            if not employed:
                reason = FollowUp.Reason.CONTRACT_ENDED if ended else weighted(rng, LEFT_REASONS)
            rows.append(
                _stamped(
                    FollowUp,
                    unit,
                    trail.actor,
                    placement=placement,
                    checkpoint=checkpoint,
                    date=when,
                    still_employed=employed,
                    reason=reason,
                )
            )
    FollowUp.objects.bulk_create(rows, batch_size=BATCH)
    for row in rows:
        trail.created(row)
    return len(rows)
