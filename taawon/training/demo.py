"""The demo's training (`taawon demo`), after the programme brief: the ILO, with the ITC-ILO and
ILO HQ, trained 63 cooperative representatives on Think.coop and Start.coop and gave an online
training of trainers on My.Coop to 32 trainers; the trainers then trained their cooperatives'
members (the second generation), one of them ran a training of trainers of her own, whose
trainers trained others (the third generation), and a refresher closed a cycle.

Everything goes through the services; certificates are issued to everyone who completed.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from taawon.accounts.models import Organisation, User
from taawon.cooperatives.models import Cooperative
from taawon.people.models import Person

from . import services
from .models import Course, Event

ORGANISER = "ILO Jordan"
PARTNER = "ITC-ILO and ILO HQ (COOP unit)"
REPRESENTATIVES = 63
TRAINERS = 32
THINK, START, BOTH = 40, 35, 12  # 40 + 35 - 12 = 63 different people


@dataclass
class DemoSummary:
    events: int = 0
    representatives: int = 0
    trainers: int = 0
    second_generation: int = 0
    third_generation: int = 0
    certificates: int = 0


def _days(start: datetime.date, count: int) -> tuple[datetime.date, datetime.date]:
    return start, start + datetime.timedelta(days=count - 1)


class _Pool:
    """Persons of each unit, drawn without replacement."""

    def __init__(self, rng: random.Random, persons_by_unit: dict[int, list[int]]) -> None:
        self.left = {unit: rng.sample(ids, len(ids)) for unit, ids in persons_by_unit.items()}

    def take(self, unit: int, n: int) -> list[int]:
        taken, self.left[unit] = self.left[unit][:n], self.left[unit][n:]
        return taken


def _run(
    *,
    rng: random.Random,
    owner: Organisation,
    course: Course,
    kind: str,
    mode: str,
    start: datetime.date,
    length: int,
    people: Sequence[tuple[Person, Cooperative | None, str]],
    title: str,
    place: str = "",
    platform: str = "",
    staff: User | None = None,
    trainers: Sequence[Person] = (),
    reason: str = "",
    absent: int = 0,
    summary: DemoSummary,
) -> Event:
    first, last = _days(start, length)
    event = services.plan_event(
        owner=owner,
        course=course,
        kind=kind,
        mode=mode,
        start_date=first,
        end_date=last,
        language="ar",
        title=title,
        place=place,
        platform=platform,
        organiser=ORGANISER if staff is not None else owner.name_en,
        partner=PARTNER if staff is not None else "",
        planned_participants=len(people),
        by=None,
    )
    if staff is not None:
        services.add_facilitator(event=event, user=staff, by=None)
    for trainer in trainers:
        certified = course.trainers.filter(person=trainer).exists()
        services.add_facilitator(
            event=event, person=trainer, uncertified_reason="" if certified else reason, by=None
        )
    participants = [
        services.add_participant(event=event, person=person, cooperative=coop, role=role, by=None)
        for person, coop, role in people
    ]
    dates = [day.date for day in event.days.order_by("date")]
    present = {}
    for index, participant in enumerate(participants):
        # The last `absent` came on the first day only: they do not complete.
        present[participant.pk] = dates[:1] if index >= len(participants) - absent else dates
    services.record_attendance(event=event, present=present, by=None)
    for participant in participants:
        pre = Decimal(rng.randrange(30, 61))
        services.record_scores(
            participant=participant,
            pre_score=pre,
            post_score=min(Decimal(100), pre + Decimal(rng.randrange(15, 41))),
            by=None,
        )
    summary.certificates += services.issue_certificates(
        event=event, by=None, issued_on=event.end_date
    )
    summary.events += 1
    return event


@transaction.atomic
def load_demo(
    *,
    rng: random.Random,
    office: Organisation,
    units: Sequence[Organisation],
    cooperatives: Sequence[Cooperative],
    persons_by_unit: dict[int, list[int]],
    officer: User,
    administrator: User,
) -> DemoSummary:
    """`officer` (the country office's programme officer) facilitates the programme's own
    events; `administrator` reads the cascade for the summary."""
    summary = DemoSummary()
    courses = {c.code: c for c in Course.objects.all()}
    coop_of = {c.organisation_id: c for c in cooperatives}
    pool = _Pool(rng, persons_by_unit)
    persons = Person.objects.in_bulk([pk for ids in persons_by_unit.values() for pk in ids])

    def town(unit: Organisation) -> str:
        # Where the cooperative is, in both languages: a short title for its events.
        coop = coop_of.get(unit.parent_id)
        place = coop.governorate if coop is not None and coop.governorate_id else None
        return f"{place.name_en} · {place.name_ar}" if place else unit.name_en

    def represent(unit: Organisation, n: int, role: str):
        return [(persons[pk], coop_of.get(unit.parent_id), role) for pk in pool.take(unit.pk, n)]

    # 63 representatives: Think.coop (40, in two places), Start.coop (35, 12 of them also
    # on Think.coop).
    reps: list[tuple[Person, Cooperative | None, str]] = []
    for index, unit in enumerate(units):
        share = REPRESENTATIVES // len(units) + (1 if index < REPRESENTATIVES % len(units) else 0)
        reps += represent(unit, share, "board" if index % 2 else "manager")
    think, start = reps[:THINK], reps[THINK - BOTH :]
    assert len(start) == START
    half = THINK // 2
    for number, (group, place) in enumerate(
        ((think[:half], "Mafraq"), (think[half:], "Irbid")), start=1
    ):
        _run(
            rng=rng,
            owner=office,
            course=courses["think-coop"],
            kind="training",
            mode="in_person",
            start=datetime.date(2020, 9, 6 + 7 * (number - 1)),
            length=3,
            people=group,
            title=f"Think.coop · {place}",
            place=place,
            staff=officer,
            summary=summary,
        )
    _run(
        rng=rng,
        owner=office,
        course=courses["start-coop"],
        kind="training",
        mode="blended",
        start=datetime.date(2020, 11, 1),
        length=3,
        people=start,
        title="Start.coop · Amman",
        place="Amman",
        platform="Zoom",
        staff=officer,
        summary=summary,
    )
    summary.representatives = len({p.pk for p, _c, _r in reps})

    # The online training of trainers on My.Coop: 32 trainers, who become certified.
    trainees = []
    for index, unit in enumerate(units):
        share = TRAINERS // len(units) + (1 if index < TRAINERS % len(units) else 0)
        trainees += represent(unit, share, "trainer")
    tot = _run(
        rng=rng,
        owner=office,
        course=courses["my-coop"],
        kind="tot",
        mode="online",
        start=datetime.date(2020, 10, 4),
        length=5,
        people=trainees,
        title="My.Coop · online training of trainers",
        platform="ITC-ILO eCampus",
        staff=officer,
        summary=summary,
    )
    summary.trainers = tot.participants.filter(completed=True).count()
    by_unit: dict[int, list[Person]] = {}
    for person, _coop, _role in trainees:
        by_unit.setdefault(person.owner_id, []).append(person)

    # Generation 2: two trainers of each cooperative train 15 of its members.
    second: dict[int, list[Person]] = {}
    for index, unit in enumerate(units):
        members = represent(unit, 15, "member")
        second[unit.pk] = [p for p, _c, _r in members]
        _run(
            rng=rng,
            owner=unit,
            course=courses["my-coop"],
            kind="training",
            mode="in_person",
            start=datetime.date(2020, 11, 15 + index),
            length=2,
            people=members,
            title=f"My.Coop · {town(unit)}",
            place=town(unit),
            trainers=by_unit[unit.pk][:2],
            absent=1,
            summary=summary,
        )
    # A trainer of the first cooperative runs a training of trainers for eight members...
    first = units[0]
    local_tot = _run(
        rng=rng,
        owner=first,
        course=courses["my-coop"],
        kind="tot",
        mode="in_person",
        start=datetime.date(2021, 1, 10),
        length=3,
        people=[(p, coop_of.get(first.parent_id), "trainer") for p in second[first.pk][:8]],
        title=f"My.Coop · training of trainers · {town(first)}",
        place=town(first),
        trainers=by_unit[first.pk][:1],
        summary=summary,
    )
    local = [p.person for p in local_tot.participants.filter(completed=True)]
    # ...two of whom train ten more each (generation 3).
    for index, trainer in enumerate(local[:2]):
        _run(
            rng=rng,
            owner=first,
            course=courses["my-coop"],
            kind="training",
            mode="in_person",
            start=datetime.date(2021, 2, 7 + 7 * index),
            length=2,
            people=represent(first, 10, "member"),
            title=f"My.Coop · {town(first)} · {index + 1}",
            place=town(first),
            trainers=[trainer],
            summary=summary,
        )
    # A refresher for the trainer who started it, led by one of her own trainees: a cycle.
    _run(
        rng=rng,
        owner=first,
        course=courses["my-coop"],
        kind="refresher",
        mode="in_person",
        start=datetime.date(2021, 3, 7),
        length=1,
        people=[(by_unit[first.pk][0], coop_of.get(first.parent_id), "trainer")],
        title=f"My.Coop · refresher · {town(first)}",
        place=town(first),
        trainers=[local[0]],
        summary=summary,
    )
    from . import queries

    reach = queries.tot_reach(administrator, tot)
    summary.second_generation = len(reach.generation(2))
    summary.third_generation = len(reach.generation(3))
    return summary
