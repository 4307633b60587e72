"""The unit's own pages (the overview, the indicators) and what every concern's views share:
the filters in a query string, and forms that call a service and show its field errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from taawon.core.exceptions import ValidationFailed
from taawon.core.forms import add_domain_error

from ..placements import queries as placement_queries
from . import access, indicators, queries
from .forms import IndicatorFilterForm


def query_string(request: HttpRequest) -> str:
    """The current filters, ready for "?{{ query_string }}page=N"."""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def submit(request: HttpRequest, form, call: Callable[[], Any], *extra_forms) -> Any | None:
    """On a valid POST, the service's result; None when the form is shown (again).

    The service's field errors land on the form, so nothing is written and the user sees why.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    if not all(f.is_valid() for f in extra_forms):
        return None
    try:
        return call()
    except ValidationFailed as error:
        add_domain_error(form, error)
        return None


def require_reader(request: HttpRequest) -> None:
    if not access.may_read(request.user):
        raise Http404


def require_adder(request: HttpRequest) -> None:
    if not access.may_add(request.user):
        raise Http404


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    return render(
        request,
        "employment/overview.html",
        {
            "counts": queries.overview(request.user),
            "due": placement_queries.placement_list(request.user, follow_up_due=True)[:10],
            "may_add": access.may_add(request.user),
        },
    )


@login_required
def unit_indicators(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    form = IndicatorFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    result = indicators.unit_indicators(request.user, **filters)
    template = "employment/unit_indicators.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {"form": form, "result": result})
