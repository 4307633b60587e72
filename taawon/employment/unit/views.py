"""The unit's own pages: the overview (counts and follow-ups due) and the indicators."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from taawon.indicators.engine import IndicatorError

from .. import rules
from ..placements import queries as placement_queries
from . import aggregates, periods, queries
from .forms import IndicatorFilterForm
from .web import require_reader


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    return render(
        request,
        "employment/overview.html",
        {
            "counts": queries.overview(request.user),
            "due": placement_queries.placement_list(request.user, follow_up_due=True)[:10],
            "may_add": rules.may_add(request.user),
        },
    )


@login_required
def unit_indicators(request: HttpRequest) -> HttpResponse:
    # Aggregate viewers too: they see the figures, small cells hidden (aggregates).
    if not aggregates.may_see_indicators(request.user):
        raise Http404
    form = IndicatorFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    try:
        result = aggregates.unit_indicators(request.user, **filters)
    except IndicatorError as error:
        # What the engine does not publish to this viewer (a donor's range of days): say why,
        # and show the quarter the range starts in.
        for field, messages in error.field_errors.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
        start, end = periods.quarter_of(filters["start"])
        result = aggregates.unit_indicators(request.user, start=start, end=end)
    template = "employment/unit_indicators.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {
            "form": form,
            "result": result,
            "aggregate_only": aggregates.aggregate_only(request.user),
            "edits_after_lock": aggregates.edits_after_lock(
                request.user, start=result.start, end=result.end, unit_id=result.unit_id
            ),
        },
    )
