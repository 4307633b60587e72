"""Training records for tests, made through the services (as the system: no user)."""

from __future__ import annotations

import datetime

from taawon.people.tests.factories import PersonFactory

from .. import services
from ..models import Course, Event

DAY = datetime.date(2021, 3, 14)


def course(code: str = "my-coop") -> Course:
    return Course.objects.get(code=code)


def event(owner, *, kind: str = "training", code: str = "my-coop", days: int = 5, **extra) -> Event:
    extra.setdefault("mode", "in_person")
    extra.setdefault("place", "Mafraq")
    start = extra.pop("start_date", DAY)
    return services.plan_event(
        owner=owner,
        course=course(code),
        kind=kind,
        start_date=start,
        end_date=start + datetime.timedelta(days=days - 1),
        by=None,
        **extra,
    )


def trained(event_, person, *, days: int | None = None):
    """`person` a participant of `event_`, present `days` days (all of them by default)."""
    participant = services.add_participant(event=event_, person=person, by=None)
    dates = [d.date for d in event_.days.order_by("date")]
    chosen = dates if days is None else dates[:days]
    services.record_attendance(event=event_, present={participant.pk: chosen}, by=None)
    participant.refresh_from_db()
    return participant


def person(owner, **extra):
    return PersonFactory(owner=owner, **extra)
