from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from taawon.core.pickers import LIMIT, Option, options_response, query_of

from . import queries


@login_required
def district_options(request: HttpRequest) -> HttpResponse:
    """<option>s of a governorate's districts, for htmx-driven district pickers."""
    districts = queries.districts_of(request.GET.get("governorate"))
    return render(request, "geo/district_options.html", {"districts": districts})


@login_required
def governorate_options(request: HttpRequest) -> HttpResponse:
    """<option>s of a country's governorates (all countries, grouped, when none is given)."""
    groups = queries.governorate_choices(request.GET.get("country") or None)
    return render(request, "geo/governorate_options.html", {"groups": groups})


@login_required
def governorate_search(request: HttpRequest) -> HttpResponse:
    """The place picker's search: governorates by English or Arabic name, ISO or P-code."""
    found = queries.search_governorates(query_of(request), country=request.GET.get("country"))
    return options_response(
        request, [Option(g.pk, g.display_name, g.country) for g in found[:LIMIT]]
    )


@login_required
def district_search(request: HttpRequest) -> HttpResponse:
    """Districts by name or code, within a governorate when one is given."""
    found = queries.search_districts(
        query_of(request), governorate=request.GET.get("governorate") or None
    )
    return options_response(
        request,
        [Option(d.pk, d.display_name, d.governorate.display_name) for d in found[:LIMIT]],
    )
