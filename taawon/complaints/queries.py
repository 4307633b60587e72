"""Every read of complaints: scoped through `accounts.scoping`, then the sensitivity rule.

The rule, on top of the unit's reach:
- a sensitive complaint (harassment or abuse always, or marked so) is read only by the focal
  points of its unit and by the country office's programme staff (administrators and
  managers there); a system administrator without such a role does not read it either;
- a sensitive complaint that names an employer is never read by that employer's counsellor
  (the staff member who registered the employer), even one who is a focal point;
- a complaint that names a staff member is never read by that staff member.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from taawon.accounts import scoping
from taawon.accounts.models import User

from . import rules
from .models import Complaint, ComplaintStatus, ComplaintStep, FocalPoint, SmsLine

OPEN = (
    ComplaintStatus.RECEIVED,
    ComplaintStatus.ACKNOWLEDGED,
    ComplaintStatus.IN_PROGRESS,
    ComplaintStatus.REFERRED,
)


def sensitive_owner_ids(user: User | None) -> frozenset[int] | None:
    """The units whose sensitive complaints `user` may read (None: every unit they read)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    held = scoping.memberships(user)
    office = [
        m
        for m in held
        if m.organisation.kind in rules.OFFICE_KINDS and m.role in rules.OFFICE_ROLES
    ]
    ids: set[int] = set()
    if office:
        reach = scoping.reach(
            user,
            scoping.READ,
            domain=rules.DOMAIN,
            roles=rules.OFFICE_ROLES,
            kinds=rules.OFFICE_KINDS,
        )
        if reach.everything:
            return None
        ids |= reach.organisation_ids
    readable = scoping.reach(user, scoping.READ, domain=rules.DOMAIN)
    focal = FocalPoint.objects.filter(user=user).values_list("owner_id", flat=True)
    ids |= {owner for owner in focal if owner in readable}
    return frozenset(ids)


def visible(user: User | None) -> Q:
    """The condition a complaint meets to be read by `user`, on top of scoping."""
    allowed = sensitive_owner_ids(user)
    if allowed is None:
        sensitive = Q(sensitive=True)
    else:
        sensitive = Q(sensitive=True, owner_id__in=sorted(allowed))
    if user is not None and user.is_authenticated:
        sensitive &= ~Q(employer__created_by=user)
        named = ~Q(named_staff=user)
    else:
        named = Q()
    return (Q(sensitive=False) | sensitive) & named


def complaints_for(user: User | None) -> QuerySet[Complaint]:
    """The complaints `user` reads, every filter aside."""
    return scoping.scope(Complaint.objects.all(), user).filter(visible(user))


def complaint_list(
    user: User | None,
    *,
    status: str = "",
    category: str = "",
    channel: str = "",
    owner: int | None = None,
    overdue: bool = False,
    q: str = "",
) -> QuerySet[Complaint]:
    qs = complaints_for(user).select_related("owner", "employer", "person")
    if status == "open":
        qs = qs.filter(status__in=OPEN)
    elif status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if channel:
        qs = qs.filter(channel=channel)
    if owner is not None:
        qs = qs.filter(owner_id=owner)
    if overdue:
        qs = qs.filter(overdue_condition())
    if q:
        qs = qs.filter(reference__iexact=q.strip())
    return qs.order_by("-received_at", "-id")


def overdue_condition(now: datetime.datetime | None = None) -> Q:
    """Received and not acknowledged by its due time."""
    return Q(status=ComplaintStatus.RECEIVED, acknowledge_by__lt=now or timezone.now())


def awaiting_acknowledgement(user: User | None) -> QuerySet[Complaint]:
    return (
        complaints_for(user)
        .filter(status=ComplaintStatus.RECEIVED)
        .select_related("owner")
        .order_by("acknowledge_by", "id")
    )


def get_complaint_for_user(user: User | None, pk, action: str = scoping.READ) -> Complaint:
    """One complaint `user` reads (and may `action`), or Http404: out of reach, sensitive and
    not theirs, or naming them, it does not exist for them."""
    try:
        return (
            scoping.scope(Complaint.objects.all(), user, action)
            .filter(visible(user))
            .select_related("owner", "employer", "person", "named_staff")
            .get(pk=pk)
        )
    except (Complaint.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def steps_of(complaint: Complaint) -> QuerySet[ComplaintStep]:
    return complaint.steps.select_related("by").order_by("at", "id")


def by_reference(reference: str) -> Complaint | None:
    """The complaint with `reference` (the public status page checks its PIN), or None."""
    return Complaint.objects.filter(reference=reference.strip().upper()).first()


def line_for(number: str) -> SmsLine | None:
    return SmsLine.objects.filter(number=number).select_related("owner").first()


def focal_points_for(user: User | None) -> QuerySet[FocalPoint]:
    units = rules.units_for_designation(user)
    return (
        FocalPoint.objects.filter(owner__in=units)
        .select_related("owner", "user")
        .order_by("owner__name_en", "user__username")
    )


def get_focal_point_for_user(user: User | None, pk) -> FocalPoint:
    try:
        return focal_points_for(user).get(pk=pk)
    except (FocalPoint.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def is_focal_point(user: User | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    # Only the staff who handle complaints are designated: nobody else costs a query.
    if not any(m.role in rules.HANDLING_ROLES for m in scoping.memberships(user)):
        return False
    return FocalPoint.objects.filter(user=user).exists()
