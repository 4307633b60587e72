"""Scoped reads of referrals, placements and their follow-ups."""

from __future__ import annotations

import datetime

from django.db.models import (
    Exists,
    OuterRef,
    Q,
    QuerySet,
)

from taawon.accounts import scoping
from taawon.accounts.models import User

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
