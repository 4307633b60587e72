"""Complaints for tests, recorded through the service (as the system: no recording user)."""

from __future__ import annotations

from taawon.accounts.models import Membership, User
from taawon.core.testing import PASSWORD

from .. import services
from ..models import Complaint, FocalPoint


def complaint(owner, *, category: str = "wages_unpaid", **extra) -> Complaint:
    extra.setdefault("description", "لم أستلم أجري منذ شهرين")
    return services.record_complaint(owner=owner, category=category, **extra).complaint


def focal_point(unit, username: str = "focal_a") -> User:
    """A counsellor of `unit` designated its focal point."""
    user = User.objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(user=user, organisation=unit, role=Membership.Role.COUNSELLOR)
    FocalPoint.objects.create(owner=unit, user=user)
    return user
