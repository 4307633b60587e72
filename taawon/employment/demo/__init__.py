"""Demo data for the employment units, after the programme brief (Jordan, July to September
2020): about 140 farm visits, 2,000 jobs secured from employers, the units' registered job
seekers with profiles and counselling, about 1,300 of every 1,620 placed (women and Syrians a
little less often, as reported), referrals that did not end in a hire, follow-ups at one and
three months, and awareness sessions on labour law, OSH, COVID-19 and work permits.

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

from taawon.accounts.models import Membership, Organisation, User
from taawon.geo.models import District, Governorate
from taawon.people.models import Person

from . import bulk, desk, seasons
from .plan import AWARENESS, PLACED, POSITIONS, SEEKERS, STAFF_ROLES, VISITS, Unit

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


def load_demo(
    *,
    rng: random.Random,
    units: Sequence[Organisation],
    persons_by_unit: Mapping[int, Iterable[Person | int]],
    users: Mapping[str, User] | Iterable[User],
) -> DemoSummary:
    """Build the employment units' records for the demo.

    `units` are the employment units; `persons_by_unit` maps a unit's id to its registered
    job seekers (persons or their ids; archived and merged ones are skipped); `users` are the
    demo's users (a mapping or an iterable): each unit's counsellors, data clerks and managers
    among them do its work, its first counsellor most of it. The targets scale with the
    persons: 1,620 give about 140 visits, 2,000 positions and 1,300 placements.
    """
    staff = _staff_by_unit(units, users)
    summary = DemoSummary()
    for organisation in units:
        persons = _persons(persons_by_unit.get(organisation.pk, ()))
        governorate, districts = _home(persons)
        unit = Unit(
            organisation, governorate, districts, staff.get(organisation.pk) or [None], persons
        )
        share = len(persons) / SEEKERS
        trail = bulk.Trail(unit.staff[0])
        # One transaction per unit: one commit instead of thousands.
        with transaction.atomic():
            visits = max(round(VISITS * share), 1)
            desk.employers(rng, unit, count=max(round(visits * 0.8), 1))
            summary.visits += desk.visits(rng, unit, visits)
            desk.vacancies(rng, unit, positions=max(round(POSITIONS * share), 1))
            bulk.job_seekers(rng, unit, trail)
            summary.counselling_sessions += bulk.counselling(rng, unit, trail)
            referrals, placements = bulk.referrals_and_placements(
                rng, unit, round(PLACED * share), trail
            )
            summary.follow_ups += bulk.follow_ups(rng, unit, placements, trail)
            trail.save()
            desk.close_ended(rng, unit, unit.staff[0])
            summary.awareness_sessions += desk.awareness(
                rng, unit, max(round(AWARENESS * share), 1)
            )
            summary.farm_crops += seasons.calendars_and_crops(rng, unit)
            summary.campaigns += seasons.campaign(unit)
        summary.employers += len(unit.employers)
        summary.vacancies += len(unit.vacancies)
        summary.positions += sum(v.positions for v in unit.vacancies)
        summary.job_seekers += len(unit.seekers)
        summary.referrals += referrals
        summary.placements += len(placements)
        summary.placements_by_unit[organisation.pk] = len(placements)
    return summary
