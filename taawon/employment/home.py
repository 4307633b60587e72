"""The employment panels of the home page (registered in apps.py; see taawon.core.panels):
each role's work of the day, read through the employment unit's scoped queries.

- a counsellor: the follow-ups due or overdue, the job seekers waiting for a referral;
- a cooperative's or unit's manager: the unit's figures of this month against the last;
- the country office: the country's figures, unit by unit;
- an aggregate viewer: the unit indicators of the year, small cells hidden.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.accounts.models import Membership, Organisation
from taawon.core.panels import SHOWN, owned_within, role_reach
from taawon.people.models import Person

from . import rules
from .employers.models import FarmVisit
from .placements import queries as placement_queries
from .placements.models import FollowUp, Placement, Referral
from .seekers.models import JobSeeker
from .unit import aggregates

Role = Membership.Role
Kind = Organisation.Kind
DOMAIN = "employment"
COUNSELLING = frozenset({Role.COUNSELLOR})
MANAGING = frozenset({Role.ADMINISTRATOR, Role.MANAGER})
UNIT_KINDS = frozenset({Kind.COOPERATIVE, Kind.EMPLOYMENT_UNIT})
COUNTRY_KINDS = frozenset({Kind.COUNTRY_OFFICE})
# A referral still under way: the job seeker is not waiting for one.
OPEN_REFERRAL = (Referral.Status.REFERRED, Referral.Status.INTERVIEWED)


def _render(template: str, request: HttpRequest, **context) -> str:
    return render_to_string(template, context, request=request)


def _today() -> datetime.date:
    return timezone.localdate()


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


# ---- Counsellor ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpDue:
    placement: Placement
    checkpoint: str
    due_on: datetime.date
    overdue: bool


def _first_due(placement: Placement, today: datetime.date) -> FollowUpDue:
    missing = rules.missing_follow_ups(placement)
    checkpoint = FollowUp.Checkpoint(missing[0])
    due_on = placement.start_date + datetime.timedelta(
        days=placement_queries.FOLLOW_UP_DAYS[checkpoint]
    )
    return FollowUpDue(placement, checkpoint.label, due_on, due_on < today)


def follow_ups_due(*, request: HttpRequest) -> str:
    """Placements of the counsellor's unit whose 1- or 3-month follow-up is due, oldest first."""
    reach = role_reach(request.user, domain=DOMAIN, roles=COUNSELLING)
    if reach.empty:
        return ""
    today = _today()
    due = owned_within(
        placement_queries.placement_list(request.user, follow_up_due=True, today=today), reach
    ).order_by("start_date", "pk")
    rows = [_first_due(p, today) for p in due[:SHOWN]]
    return _render(
        "employment/home/follow_ups_due.html",
        request,
        panel_id="follow-ups-due",
        rows=rows,
        count=due.count() if len(rows) == SHOWN else len(rows),
        more_url=reverse("employment:placement_list") + "?due=1",
    )


def waiting_for_referral(*, request: HttpRequest) -> str:
    """Active job seekers of the counsellor's unit with no referral under way and no current
    job, who registered first first."""
    reach = role_reach(request.user, domain=DOMAIN, roles=COUNSELLING)
    if reach.empty:
        return ""
    today = _today()
    referred = Referral.objects.filter(job_seeker=OuterRef("pk"), status__in=OPEN_REFERRAL)
    working = Placement.objects.filter(job_seeker=OuterRef("pk")).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    waiting = (
        owned_within(scoping.scope(JobSeeker.objects.all(), request.user), reach)
        .filter(person__status=Person.Status.ACTIVE)
        .exclude(Exists(referred))
        .exclude(Exists(working))
        .select_related("person")
        .order_by("registered_on", "pk")
    )
    rows = list(waiting[:SHOWN])
    return _render(
        "employment/home/waiting_for_referral.html",
        request,
        panel_id="waiting-for-referral",
        rows=rows,
        count=waiting.count() if len(rows) == SHOWN else len(rows),
        more_url=reverse("employment:job_seeker_list") + "?placed=no",
    )


# ---- Manager of a cooperative or unit -----------------------------------------------------


@dataclass(frozen=True)
class Figure:
    label: str
    this_month: int
    last_month: int

    @property
    def change(self) -> int:
        return self.this_month - self.last_month


def _by_month(queryset, field: str, this_start: datetime.date, last_start: datetime.date):
    return queryset.aggregate(
        this_month=Count("pk", filter=Q(**{f"{field}__gte": this_start})),
        last_month=Count(
            "pk", filter=Q(**{f"{field}__gte": last_start, f"{field}__lt": this_start})
        ),
    )


def unit_figures(*, request: HttpRequest) -> str:
    """The figures of the manager's units this month (so far) against the whole last month."""
    user = request.user
    reach = role_reach(user, domain=DOMAIN, roles=MANAGING, kinds=UNIT_KINDS)
    if reach.empty:
        return ""
    today = _today()
    this_start = _month_start(today)
    last_start = _month_start(this_start - datetime.timedelta(days=1))
    measures = (
        (_("Registrations"), JobSeeker.objects.all(), "registered_on"),
        (_("Referrals"), Referral.objects.all(), "referred_on"),
        (_("Placements"), Placement.objects.all(), "start_date"),
        (_("Farm visits"), FarmVisit.objects.all(), "date"),
    )
    figures = []
    for label, queryset, field in measures:
        scoped = owned_within(scoping.scope(queryset, user), reach).filter(
            **{f"{field}__gte": last_start, f"{field}__lte": today}
        )
        figures.append(Figure(label, **_by_month(scoped, field, this_start, last_start)))
    return _render(
        "employment/home/unit_figures.html",
        request,
        panel_id="unit-figures",
        figures=figures,
        this_start=this_start,
        last_start=last_start,
        more_url=reverse("employment:overview"),
    )


# ---- Country office -----------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    unit: Organisation
    job_seekers: int
    placements_this_month: int


def country_figures(*, request: HttpRequest) -> str:
    """Per employment unit of the country: its job seekers and its placements this month."""
    user = request.user
    reach = role_reach(user, domain=DOMAIN, roles=MANAGING, kinds=COUNTRY_KINDS)
    if reach.empty:
        return ""
    this_start = _month_start(_today())
    units = Organisation.objects.filter(kind=Kind.EMPLOYMENT_UNIT, is_active=True)
    if not reach.everything:
        units = units.filter(pk__in=sorted(reach.organisation_ids))
    seekers = dict(
        owned_within(scoping.scope(JobSeeker.objects.all(), user), reach)
        .values_list("owner_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    placed = dict(
        owned_within(scoping.scope(Placement.objects.all(), user), reach)
        .filter(start_date__gte=this_start)
        .values_list("owner_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = [
        UnitRow(unit, seekers.get(unit.pk, 0), placed.get(unit.pk, 0))
        for unit in units.order_by("name_en")
    ]
    return _render(
        "employment/home/country_figures.html",
        request,
        panel_id="country-figures",
        rows=rows,
        this_start=this_start,
        total_seekers=sum(r.job_seekers for r in rows),
        total_placed=sum(r.placements_this_month for r in rows),
        more_url=reverse("employment:unit_indicators"),
    )


# ---- Aggregate viewer ---------------------------------------------------------------------


def indicators(*, request: HttpRequest) -> str:
    """The unit indicators of the latest quarter with figures, as an aggregate viewer may
    see them (the indicators page opens on the same period)."""
    user = request.user
    if not aggregates.aggregate_only(user):
        return ""
    start, end = aggregates.default_period(user, today=_today())
    result = aggregates.unit_indicators(user, start=start, end=end)
    return _render(
        "employment/home/indicators.html",
        request,
        panel_id="indicators",
        result=result,
        more_url=reverse("employment:unit_indicators"),
    )
