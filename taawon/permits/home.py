"""The work permits panels of the home page (registered in apps.py; see taawon.core.panels),
read through the permits' scoped queries:

- a counsellor: the permits of their unit expiring within 30 days;
- a ministry officer: the applications waiting for a decision, oldest first;
- the country office: the permits issued this month and this year, cooperative by cooperative.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from taawon.accounts import scoping
from taawon.accounts.models import Membership, Organisation
from taawon.core.panels import SHOWN, owned_within, role_reach

from . import queries, rules
from .models import PermitStatus

Role = Membership.Role
DOMAIN = rules.DOMAIN
EXPIRING_DAYS = 30
# An application the ministry has had this long is flagged as waiting long.
LONG_WAIT_DAYS = 30
COUNSELLING = frozenset({Role.COUNSELLOR})
COUNTRY_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER})
COUNTRY_KINDS = frozenset({Organisation.Kind.COUNTRY_OFFICE})


def expiring_permits(*, request: HttpRequest) -> str:
    """Issued permits of the counsellor's unit ending within 30 days, none renewed yet."""
    if not rules.may_read(request.user):
        return ""
    reach = role_reach(request.user, domain=DOMAIN, roles=COUNSELLING)
    if reach.empty:
        return ""
    permits = owned_within(queries.expiring(request.user, within_days=EXPIRING_DAYS), reach)
    permits = permits.order_by("expires_on", "pk")
    rows = list(permits[:SHOWN])
    return render_to_string(
        "permits/home/expiring_permits.html",
        {
            "panel_id": "expiring-permits",
            "rows": rows,
            "count": permits.count() if len(rows) == SHOWN else len(rows),
            "days": EXPIRING_DAYS,
            "more_url": reverse("permits:expiring_list") + f"?days={EXPIRING_DAYS}",
        },
        request=request,
    )


def awaiting_decision(*, request: HttpRequest) -> str:
    """Applications submitted to the ministry and not decided yet, the longest waiting first."""
    if not rules.may_read(request.user):
        return ""
    user = request.user
    reach = role_reach(
        user,
        scoping.CHANGE,
        domain=DOMAIN,
        roles=rules.DECIDING_ROLES,
        kinds=rules.DECIDING_KINDS,
    )
    if reach.empty:
        return ""
    today = timezone.localdate()
    waiting = owned_within(queries.permit_list(user, status=PermitStatus.SUBMITTED), reach)
    counts = waiting.aggregate(
        total=Count("pk"),
        long=Count(
            "pk", filter=Q(submitted_on__lt=today - datetime.timedelta(days=LONG_WAIT_DAYS))
        ),
    )
    rows = list(waiting.order_by("submitted_on", "pk")[:SHOWN])
    return render_to_string(
        "permits/home/awaiting_decision.html",
        {
            "panel_id": "awaiting-decision",
            "rows": rows,
            "count": counts["total"],
            "long": counts["long"],
            "long_days": LONG_WAIT_DAYS,
            "today": today,
            "more_url": reverse("permits:permit_list") + f"?status={PermitStatus.SUBMITTED}",
        },
        request=request,
    )


def country_permits(*, request: HttpRequest) -> str:
    """Permits issued this month and this year, per cooperative of the country."""
    if not rules.may_read(request.user):
        return ""
    user = request.user
    reach = role_reach(user, domain=DOMAIN, roles=COUNTRY_ROLES, kinds=COUNTRY_KINDS)
    if reach.empty:
        return ""
    today = timezone.localdate()
    month, year = today.replace(day=1), today.replace(month=1, day=1)
    rows = list(
        owned_within(queries.permits_for(user), reach)
        .filter(issued_on__gte=year, issued_on__lte=today)
        .values("cooperative_id", "cooperative__name_en", "cooperative__name_ar")
        .annotate(this_month=Count("pk", filter=Q(issued_on__gte=month)), this_year=Count("pk"))
        .order_by("cooperative__name_en", "cooperative_id")
    )
    return render_to_string(
        "permits/home/country_permits.html",
        {
            "panel_id": "country-permits",
            "rows": rows,
            "month": month,
            "year": year,
            "total_month": sum(r["this_month"] for r in rows),
            "total_year": sum(r["this_year"] for r in rows),
            "more_url": reverse("permits:permit_report"),
        },
        request=request,
    )
