"""Demo data for the employment units, on the programme's calendar: the brief's quarter, 1 July
to 30 September 2020, whose table the units' indicators give back exactly at 1,620 job seekers
(140 farms visited, 2,000 jobs secured, 1,300 placed of whom 299 Syrians and 454 women; the
registered are the demo's persons, 24% Syrian and 36.5% women), in proportion at other sizes.
Around them: employers and their vacancies, profiles and counselling, referrals that did not
end in a hire, follow-ups at one and three months (into January 2021), the next season's open
vacancies, and awareness sessions on labour law, OSH, COVID-19 and work permits.

The few hundred records a unit makes at its desk (employers, visits, vacancies, sessions) go
through the services (`desk`); the ten thousand about job seekers go in bulk with the same
audit events (`bulk`). The demo command calls `load_demo` once the units, their users and the
registered persons exist.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from taawon.accounts.models import Membership, Organisation, User
from taawon.geo.models import District, Governorate
from taawon.people.models import Person

from . import bulk, desk, seasons, timeline
from .plan import (
    AWARENESS,
    BUSINESSES_PER_FARM,
    OPEN_POSITIONS_PER_JOB,
    PLACED,
    SEEKERS,
    STAFF_ROLES,
    Unit,
)

__all__ = ["PLACED", "SEEKERS", "DemoSummary", "load_demo"]


@dataclass
class DemoSummary:
    employers: int = 0
    visits: int = 0
    vacancies: int = 0
    positions: int = 0
    job_seekers: int = 0
    referrals: int = 0
    placements: int = 0
    follow_ups: int = 0
    counselling_sessions: int = 0
    awareness_sessions: int = 0
    farm_crops: int = 0
    campaigns: int = 0
    placements_by_unit: dict[int, int] = field(default_factory=dict)


def _staff_by_unit(units: Sequence[Organisation], users: Any) -> dict[int, list[User]]:
    """Each unit's staff among `users`, counsellors first."""
    given = list(users.values() if isinstance(users, Mapping) else users)
    flat = [u for item in given for u in (item if isinstance(item, list | tuple) else [item])]
    staff: dict[int, list[User]] = defaultdict(list)
    memberships = (
        Membership.objects.filter(
            user__in=[u for u in flat if u is not None],
            organisation_id__in=[unit.pk for unit in units],
            role__in=STAFF_ROLES,
        )
        .select_related("user")
        .order_by("role", "user_id")  # "counsellor" sorts before "data_clerk" and "manager"
    )
    for membership in memberships:
        if membership.user not in staff[membership.organisation_id]:
            staff[membership.organisation_id].append(membership.user)
    return staff


def _persons(ids: Iterable[Any]) -> list[Person]:
    """The active persons among `ids` (rows or ids) with no job seeker profile yet."""
    pks = [getattr(p, "pk", p) for p in ids]
    return list(
        Person.objects.filter(pk__in=pks, status=Person.Status.ACTIVE, job_seeker__isnull=True)
        .select_related("governorate")
        .order_by("pk")
    )


def _home(persons: list[Person]) -> tuple[Governorate, list[District]]:
    """Where most of a unit's job seekers live: the unit's governorate and its districts."""
    counts = Counter(p.governorate_id for p in persons if p.governorate_id)
    governorates = Governorate.objects.filter(country="JO").order_by("pk")
    if counts:
        governorates = Governorate.objects.filter(pk=counts.most_common(1)[0][0])
    governorate = governorates.first()
    return governorate, list(District.objects.filter(governorate=governorate).order_by("pk"))


def _seekers(unit: Unit) -> list[timeline.Seeker]:
    """The unit's persons as the plan sees them, with their day of registration."""
    days = timeline.registration_days(
        [timezone.localdate(p.created_at) if p.created_at else None for p in unit.persons]
    )
    unit.registered = {p.pk: on for p, on in zip(unit.persons, days, strict=True)}
    return [
        timeline.Seeker(p.pk, on, p.nationality == "SY", p.sex == "female")
        for p, on in zip(unit.persons, days, strict=True)
    ]


def load_demo(
    *,
    rng: random.Random,
    units: Sequence[Organisation],
    persons_by_unit: Mapping[int, Iterable[Person | int]],
    users: Mapping[str, User] | Iterable[User],
) -> DemoSummary:
    """Build the employment units' records for the demo.

    `units` are the employment units; `persons_by_unit` maps a unit's id to its registered
    job seekers (persons or their ids, in registration order; archived and merged ones are
    skipped); `users` are the demo's users (a mapping or an iterable): each unit's
    counsellors, data clerks and managers among them do its work, its first counsellor most
    of it. The targets scale with the persons (`timeline.Targets`): all units together reach
    them, each unit with its share.
    """
    staff = _staff_by_unit(units, users)
    summary = DemoSummary()
    plans = []
    for organisation in units:
        persons = _persons(persons_by_unit.get(organisation.pk, ()))
        governorate, districts = _home(persons)
        unit = Unit(
            organisation, governorate, districts, staff.get(organisation.pk) or [None], persons
        )
        plans.append((unit, _seekers(unit)))
    seekers = [seeker for _unit, unit_seekers in plans for seeker in unit_seekers]
    targets = timeline.Targets.for_seekers(len(seekers))
    hires = timeline.plan_hires(rng, seekers, targets)
    farms = timeline.apportion(targets.farms_visited, [len(s) for _u, s in plans])
    awareness = timeline.apportion(round(AWARENESS * len(seekers) / SEEKERS), [1] * len(plans))
    for (unit, unit_seekers), unit_farms, sessions in zip(plans, farms, awareness, strict=True):
        mine = {s.person_id for s in unit_seekers}
        unit_hires = [h for h in hires if h.person_id in mine]
        trail = bulk.Trail(unit.staff[0])
        # One transaction per unit: one commit instead of thousands.
        with transaction.atomic():
            desk.employers(
                rng,
                unit,
                farms=unit_farms,
                businesses=max(round(unit_farms * BUSINESSES_PER_FARM), 1),
            )
            summary.visits += desk.visits(rng, unit)
            bulk.job_seekers(rng, unit, trail)
            summary.counselling_sessions += bulk.counselling(rng, unit, trail)
            vacancy_of = desk.vacancies_for(rng, unit, unit_hires)
            desk.open_vacancies(rng, unit, round(len(unit_hires) * OPEN_POSITIONS_PER_JOB))
            referrals, placements = bulk.referrals_and_placements(
                rng, unit, unit_hires, vacancy_of, trail
            )
            summary.follow_ups += bulk.follow_ups(rng, unit, placements, trail)
            trail.save()
            desk.close_ended(rng, unit, unit.staff[0])
            summary.awareness_sessions += desk.awareness(rng, unit, max(sessions, 1))
            summary.farm_crops += seasons.calendars_and_crops(rng, unit)
            summary.campaigns += seasons.campaign(unit)
        summary.employers += len(unit.employers)
        summary.vacancies += len(unit.vacancies)
        summary.positions += sum(v.positions for v in unit.vacancies)
        summary.job_seekers += len(unit.seekers)
        summary.referrals += referrals
        summary.placements += len(placements)
        summary.placements_by_unit[unit.organisation.pk] = len(placements)
    return summary
