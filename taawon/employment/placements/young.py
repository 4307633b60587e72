"""What the young workers report shows of a placement: the person's age when the job started
and the job's weekly hours (the follow-up visit checks both against the law)."""

from __future__ import annotations

from decimal import Decimal

from taawon.protection import rules as protection

from .models import Placement


def age_at_start(placement: Placement) -> int | None:
    person = placement.job_seeker.person
    return protection.age_on(
        placement.start_date, date_of_birth=person.date_of_birth, birth_year=person.birth_year
    )


def weekly_hours(placement: Placement) -> Decimal:
    vacancy = placement.vacancy
    return vacancy.hours_per_day * vacancy.days_per_week


def hazardous(placement: Placement) -> bool:
    """Hazardous work as the vacancy states it now: a young worker in it is to be moved."""
    return placement.vacancy.hazardous
