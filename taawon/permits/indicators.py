"""The work permit indicators, registered with the indicator engine (taawon.indicators)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from taawon.accounts import scoping
from taawon.indicators.registry import COUNT_ROWS, EVENTS, Indicator, register

from . import rules
from .models import Permit
from .queries import permits_for


def _first_permits() -> QuerySet[Permit]:
    return Permit.objects.filter(previous__isnull=True)


def _renewals() -> QuerySet[Permit]:
    return Permit.objects.filter(previous__isnull=False)


def _scope(queryset: QuerySet[Permit], user) -> QuerySet[Permit]:
    # The permits app decides who reads which permits (a ministry officer: what was sent).
    return queryset.filter(pk__in=permits_for(user).values("pk"))


def _owners(user) -> scoping.Reach | None:
    """The owners whose every permit `_scope` gives `user` (for the summary tables): those
    of its whole-reading roles, unless a deciding role reaches further (it sees only what was
    sent to the ministry there, which is not a set of owners)."""
    whole = scoping.reach(user, scoping.READ, domain="permits", roles=rules.WHOLE_READING_ROLES)
    sent = scoping.reach(user, scoping.READ, domain="permits", roles=rules.DECIDING_ROLES)
    if (
        sent.empty
        or whole.everything
        or (not sent.everything and sent.organisation_ids <= whole.organisation_ids)
    ):
        return whole
    return None


def register_indicators() -> None:
    register(
        Indicator(
            code="permits_issued",
            name=_("Work permits issued"),
            definition=_(
                "First work permits (not renewals) with an issue date in the period, each "
                "permit once, whatever happened to it since."
            ),
            unit=EVENTS,
            rows=_first_permits,
            date="issued_on",
            measure=COUNT_ROWS,
            subject="person",
            governorate="person__governorate",
            scope=_scope,
            owners=_owners,
            summarised=True,
            watch=("previous_id",),
            list_url="permits:permit_list",
            order=110,
        )
    )
    register(
        Indicator(
            code="permits_renewed",
            name=_("Work permits renewed"),
            definition=_(
                "Renewals (permits that continue an earlier one) with an issue date in the "
                "period, each renewal once."
            ),
            unit=EVENTS,
            rows=_renewals,
            date="issued_on",
            measure=COUNT_ROWS,
            subject="person",
            governorate="person__governorate",
            scope=_scope,
            owners=_owners,
            summarised=True,
            watch=("previous_id",),
            list_url="permits:permit_list",
            order=120,
        )
    )
