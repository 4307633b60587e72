"""The unit indicators page: a unit (or every unit in reach) and a period."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import indicators
from ..forms import IndicatorFilterForm
from .base import require_reader


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
