"""Scoped reads of referrals, placements and their follow-ups."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear

from taawon.accounts import scoping
from taawon.accounts.models import User
from taawon.occupations.models import Occupation
from taawon.protection import rules as protection

from ..unit.access import READ
from .models import FollowUp, Placement, Referral

# Days after a placement's start when each follow-up falls due.
FOLLOW_UP_DAYS = {FollowUp.Checkpoint.ONE_MONTH: 30, FollowUp.Checkpoint.THREE_MONTHS: 91}


def get_referral_for_user(user: User, pk, action: str = READ) -> Referral:
    qs = Referral.objects.select_related(
        "job_seeker", "job_seeker__person", "vacancy", "vacancy__employer", "vacancy__occupation"
    )
    return scoping.get_scoped_or_404(qs, user, pk, action)


def placement_list(
    user: User, *, follow_up_due: bool = False, today: datetime.date | None = None
) -> QuerySet[Placement]:
    """Placements `user` may read, latest start first, with their follow-ups fetched.

    `follow_up_due`: only those whose 1- or 3-month follow-up is due by `today` and missing.
    """
    qs = scoping.scope(Placement.objects.all(), user)
    if follow_up_due:
        today = today or datetime.date.today()
        due = Q()
        for checkpoint, days in FOLLOW_UP_DAYS.items():
            done = FollowUp.objects.filter(placement=OuterRef("pk"), checkpoint=checkpoint)
            due |= Q(start_date__lte=today - datetime.timedelta(days=days)) & ~Exists(done)
        qs = qs.filter(due)
    return (
        qs.select_related(
            "job_seeker",
            "job_seeker__person",
            "vacancy",
            "vacancy__employer",
            "vacancy__occupation",
        )
        .prefetch_related("follow_ups")
        .order_by("-start_date", "-pk")
    )


def get_placement_for_user(user: User, pk, action: str = READ) -> Placement:
    qs = Placement.objects.select_related(
        "job_seeker",
        "job_seeker__person",
        "vacancy",
        "vacancy__employer",
        "vacancy__occupation",
        "referral",
        "owner",
        "created_by",
    ).prefetch_related("follow_ups")
    return scoping.get_scoped_or_404(qs, user, pk, action)


def referral_list(user: User, *, status: str = "") -> QuerySet[Referral]:
    qs = scoping.scope(Referral.objects.all(), user)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related(
        "job_seeker", "job_seeker__person", "vacancy", "vacancy__employer", "vacancy__occupation"
    ).order_by("-referred_on", "-pk")


def get_follow_up_for_user(user: User, pk, action: str = READ) -> FollowUp:
    return scoping.get_scoped_or_404(FollowUp.objects.select_related("placement"), user, pk, action)


def under_18_at_start(qs: QuerySet[Placement]) -> QuerySet[Placement]:
    """The placements of `qs` whose person was under 18 on the day the job started.

    The age is the one `taawon.protection` counts (a year of birth alone: born on its last
    day), compared in SQL on year, month and day so that SQLite and PostgreSQL agree. Persons
    with no birth recorded cannot be counted and are left out.
    """
    person = "job_seeker__person__"
    born_on = ExtractMonth(f"{person}date_of_birth") * 100 + ExtractDay(f"{person}date_of_birth")
    adult = protection.ADULT_AGE
    return qs.annotate(
        start_year=ExtractYear("start_date"),
        start_on=ExtractMonth("start_date") * 100 + ExtractDay("start_date"),
        born_on=Coalesce(born_on, Value(1231)),
    ).filter(
        Q(**{f"{person}birth_year__gt": F("start_year") - adult})
        | Q(**{f"{person}birth_year": F("start_year") - adult}, born_on__gt=F("start_on"))
    )


def young_workers_placed(user: User) -> QuerySet[Placement]:
    """Placements `user` may read of persons under 18 on the day the job started (for the
    unit's follow-up visits), latest start first, with the vacancy's occupation and hours."""
    return under_18_at_start(placement_list(user))


def young_workers_by_occupation(user: User) -> list[dict]:
    """`young_workers_placed` counted by occupation and weekly hours, most first."""
    counts = (
        young_workers_placed(user)
        .order_by()
        .values(
            "vacancy__occupation__code",
            "vacancy__hours_per_day",
            "vacancy__days_per_week",
        )
        .annotate(n=Count("pk"))
    )
    merged: dict[tuple[str, Decimal], int] = {}
    for row in counts:
        hours = row["vacancy__hours_per_day"] * row["vacancy__days_per_week"]
        key = (row["vacancy__occupation__code"], hours)
        merged[key] = merged.get(key, 0) + row["n"]
    titles = {o.code: o for o in Occupation.objects.filter(code__in={c for c, _h in merged})}
    rows = [
        {"occupation": titles[code], "weekly_hours": hours, "placed": n}
        for (code, hours), n in merged.items()
    ]
    return sorted(rows, key=lambda r: (-r["placed"], r["occupation"].code, r["weekly_hours"]))
