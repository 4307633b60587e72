"""Scoped reads of awareness sessions (labour law, OSH, COVID-19)."""

from __future__ import annotations

from django.db.models import (
    Count,
    OuterRef,
    Sum,
)
from django.db.models.functions import Coalesce

from taawon.accounts import scoping
from taawon.accounts.models import User

from ..unit.access import READ
from .models import AwarenessHeadCount, AwarenessSession


def awareness_list(user: User, *, topic: str = "", governorate: int | None = None):
    """Sessions `user` may read, newest first, with `registered` and `counted` participants."""
    qs = scoping.scope(AwarenessSession.objects.all(), user)
    if topic:
        qs = qs.filter(topic=topic)
    if governorate:
        qs = qs.filter(governorate_id=governorate)
    counted = (
        AwarenessHeadCount.objects.filter(session=OuterRef("pk"))
        .values("session")
        .annotate(total=Sum("count"))
        .values("total")
    )
    return (
        qs.select_related("governorate", "district", "owner")
        .annotate(
            registered=Count("participants", distinct=True),
            counted=Coalesce(counted, 0),
        )
        .order_by("-date", "-pk")
    )


def get_awareness_for_user(user: User, pk, action: str = READ) -> AwarenessSession:
    qs = AwarenessSession.objects.select_related(
        "governorate", "district", "owner", "created_by"
    ).prefetch_related("head_counts", "participants")
    return scoping.get_scoped_or_404(qs, user, pk, action)
