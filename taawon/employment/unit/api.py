"""The employment unit's REST resources, mounted at /api/v1/employment: a thin layer over the
same queries and services as the web pages. Records out of the caller's reach are 404; ids of
such records in a request body are field errors. Errors become JSON in taawon/api.py.

This module holds the one router, what every concern's routes share (pages, the owning unit,
records named by id) and the unit indicators; each concern adds its routes in its own api.py.

Each route names its OpenAPI operation id: the ids are part of the published API (clients are
generated from them), and django-ninja would otherwise derive them from the module a handler
lives in, which moves when the code is rearranged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router

from taawon.accounts.models import Organisation, User
from taawon.accounts.queries import OwnerWords, pick_owner
from taawon.core.api_pages import PAGE_NOTE
from taawon.core.exceptions import ValidationFailed
from taawon.core.fields import ApiDate

from .. import rules
from . import access, aggregates, periods
from .schemas import UnitIndicatorsOut

router = Router(tags=["employment"])
CHANGE = access.CHANGE
# What the owner picker says, in the words of employment records.
OWNER_WORDS = OwnerWords(
    none=gettext_lazy("You may not add employment records."),
    choose=gettext_lazy("You work for several units: choose the owner."),
    refused=gettext_lazy("You may not add records for this employment unit."),
)


def listing(text: str) -> str:
    """The description of a list endpoint: what it lists, then how its pages work."""
    return f"{text} {PAGE_NOTE}"


def owning_unit(user: User, owner_id: int | None) -> Organisation:
    """The unit a new record belongs to: the one asked for, or the caller's only one."""
    return pick_owner(
        user, owner_id, rules.DOMAIN, choices=rules.unit_choices(user), words=OWNER_WORDS
    )


def _ref(load: Callable[..., Any], user: User, pk: int | None, field: str, action: str = CHANGE):
    """A record named by id in a request body, or a field error when it is out of reach."""
    if pk is None:
        return None
    try:
        return load(user, pk, action)
    except Http404:
        raise ValidationFailed(field_errors={field: [_("Unknown or out of reach.")]}) from None


def _blank_none(data: dict[str, Any], *names: str) -> dict[str, Any]:
    # Optional choices travel as null; the services take "" for "none".
    for name in names:
        if name in data and data[name] is None:
            data[name] = ""
    return data


# ---- Indicators ---------------------------------------------------------------------------


@router.get(
    "/indicators",
    response=UnitIndicatorsOut,
    summary="Unit indicators for a period",
    description="Farms visited, jobs secured (positions filled), registered and placed job "
    "seekers, with the shares of Syrians and of women, for `unit` (default: every unit you "
    "may read) from `start` to `end`. A merged person counts once. Without `start` and "
    "`end`, the latest calendar quarter with something to count; with one of them, its "
    "quarter gives the other. Computed by the indicator engine (the same definitions as "
    "`/api/v1/indicators/`). An aggregate viewer (donor) gets the figures of its country's "
    'units together, with counts under 5 as "<5" and the shares that would reveal them left '
    "out (`suppressed` is then true); it may ask for whole months, quarters or years only, "
    "and for no single `unit` (400). `edits_after_lock` counts the period's records created "
    "or changed after their period was locked.",
    operation_id="taawon_employment_api_seasons_unit_indicators",
)
def unit_indicators(
    request: HttpRequest,
    start: ApiDate | None = None,
    end: ApiDate | None = None,
    unit: int | None = None,
):
    user = request.auth
    if not aggregates.may_see_indicators(user):
        raise Http404
    if start and end and end < start:
        raise ValidationFailed(
            field_errors={"end": [_("The end of the period is before its start.")]}
        )
    if unit is not None and not aggregates.indicator_units(user).filter(pk=unit).exists():
        raise ValidationFailed(field_errors={"unit": [_("Unknown or out of reach.")]})
    period = periods.completed(start, end)
    start, end = period or aggregates.default_period(user)
    result = aggregates.unit_indicators(user, start=start, end=end, unit_id=unit)
    return {
        "start": result.start,
        "end": result.end,
        "unit": result.unit_id,
        "suppressed": aggregates.aggregate_only(user),
        "edits_after_lock": aggregates.edits_after_lock(user, start=start, end=end, unit_id=unit),
        "indicators": [
            {
                "code": i.code,
                "label": i.label,
                "value": i.value,
                "syrians": i.syrians,
                "women": i.women,
                "syrian_share": i.syrian_share,
                "women_share": i.women_share,
            }
            for i in result.indicators
        ],
    }
