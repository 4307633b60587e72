"""The demo records too many to make one service call each: job seeker profiles, counselling
sessions, referrals, placements and follow-ups, about ten thousand rows at the brief's scale.

They go in with `bulk_create`, each with the "create" audit event `audit.record_create` would
write (by the unit's counsellor). Nothing here checks them: they are valid as made, and the
database's constraints hold them to it. Vacancies are never overbooked because their positions
left are counted here as the placements are made; full ones are then marked filled, with the
update audited as the services do.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
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
    PLACED_SYRIAN_RATIO,
    PLACED_WOMEN_RATIO,
    REPORTED,
    START,
    Unit,
    day,
    wage,
    weighted,
)

BATCH = 1000


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
    for person in unit.persons:
        job = weighted(rng, shares)
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
        available_from = day(rng, START - datetime.timedelta(days=10), END)
        rows.append(
            _stamped(
                JobSeeker,
                unit,
                actor,
                person=person,
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
    for seeker, chosen, places in zip(rows, sought, preferred, strict=True):
        trail.created(
            seeker,
            occupations=sorted(o.code for o in chosen),
            preferred_governorates=sorted({g.pk for g in places}),
        )
        unit.sought[seeker.pk] = [o.code for o in chosen]
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
            date=day(rng, START, END),
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


def _chosen_for_placement(rng: random.Random, seekers: list[JobSeeker], count: int) -> set[int]:
    """`count` job seekers, women and Syrians a little less often, as the brief reports."""
    keyed = []
    for seeker in seekers:
        weight = 1.0
        if seeker.person.sex == Sex.FEMALE:
            weight *= PLACED_WOMEN_RATIO
        if seeker.person.nationality == "SY":
            weight *= PLACED_SYRIAN_RATIO
        # Efraimidis–Spirakis: the largest u ** (1 / w) are a weighted sample without
        # replacement.
        keyed.append((rng.random() ** (1 / weight), seeker.pk))
    return {pk for _key, pk in sorted(keyed, reverse=True)[:count]}


def _referral_day(rng: random.Random, vacancy: Vacancy) -> datetime.date:
    first = max(START, vacancy.start_date - datetime.timedelta(days=14))
    return day(rng, first, max(first, min(vacancy.start_date, END)))


def _referral(
    rng: random.Random, unit: Unit, seeker: JobSeeker, vacancy: Vacancy, status: str
) -> Referral:
    referred_on = _referral_day(rng, vacancy)
    status_on = referred_on
    if status != Referral.Status.REFERRED:
        status_on = referred_on + datetime.timedelta(days=rng.randint(1, 7))
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
    rng: random.Random, unit: Unit, placed: int, trail: Trail
) -> tuple[int, list[Placement]]:
    """Referrals that ended otherwise (about one for every two job seekers), then the hires:
    `placed` job seekers in vacancies of their occupations where positions are left."""
    referrals: list[Referral] = []
    taken: set[tuple[int, int]] = set()
    for seeker in unit.seekers:
        if rng.random() < 0.5 and unit.vacancies:
            vacancy = rng.choice(unit.vacancies)
            status = weighted(
                rng,
                [("rejected", 40), ("did_not_attend", 30), ("interviewed", 15), ("referred", 15)],
            )
            referrals.append(_referral(rng, unit, seeker, vacancy, status))
            taken.add((seeker.pk, vacancy.pk))

    left = {v.pk: v.positions for v in unit.vacancies}
    by_isco: dict[str, list[Vacancy]] = defaultdict(list)
    for vacancy in unit.vacancies:
        by_isco[vacancy.occupation.code].append(vacancy)
    chosen = _chosen_for_placement(rng, unit.seekers, placed)
    hires: list[tuple[Referral, Vacancy, datetime.date]] = []
    for seeker in unit.seekers:
        if seeker.pk not in chosen:
            continue
        fitting = [v for code in unit.sought[seeker.pk] for v in by_isco[code] if left[v.pk] > 0]
        # Counsellors also place people outside the occupations they named, when it pays.
        candidates = [
            v
            for v in fitting or [v for v in unit.vacancies if left[v.pk] > 0]
            if (seeker.pk, v.pk) not in taken
        ]
        if not candidates:
            continue
        vacancy = rng.choice(candidates)
        referral = _referral(rng, unit, seeker, vacancy, Referral.Status.HIRED)
        # The job starts with the vacancy, or once hired if later, and within its season.
        start = max(vacancy.start_date, referral.status_on)
        if vacancy.end_date is not None:
            start = min(start, vacancy.end_date)
        referral.status_on = min(referral.status_on, start)
        referrals.append(referral)
        taken.add((seeker.pk, vacancy.pk))
        hires.append((referral, vacancy, start))
        left[vacancy.pk] -= 1

    Referral.objects.bulk_create(referrals, batch_size=BATCH)
    placements = [
        _stamped(
            Placement,
            unit,
            trail.actor,
            referral=referral,
            vacancy=vacancy,
            job_seeker=referral.job_seeker,
            start_date=start,
            end_date=vacancy.end_date,
            contract_type=Placement.ContractType.SEASONAL
            if vacancy.end_date
            else weighted(rng, [("open_ended", 60), ("fixed_term", 40)]),
            wage=vacancy.wage,
            wage_period=vacancy.wage_period,
            currency=vacancy.currency,
        )
        for referral, vacancy, start in hires
    ]
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
