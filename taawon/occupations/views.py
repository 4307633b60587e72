"""The occupation picker's search (ISCO-08 is reference data: anyone logged in reads it)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from taawon.core.pickers import LIMIT, Option, options_response, query_of

from . import queries
from .models import Occupation


@login_required
def occupation_search(request: HttpRequest) -> HttpResponse:
    """Unit groups whose code starts with, or whose English or Arabic title holds, what was
    typed; the value is the code, as the forms' occupation fields take it."""
    found = queries.search(query_of(request), limit=LIMIT * 4)
    units = [o for o in found if o.level == Occupation.Level.UNIT][:LIMIT]
    return options_response(request, [Option(o.code, f"{o.code} {o.display_title}") for o in units])
