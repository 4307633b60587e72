from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
