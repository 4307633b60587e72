"""The person picker's search: persons the user may read, by name in either script."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from taawon.core.pickers import LIMIT, Option, options_response, query_of

from . import queries


@login_required
def person_search(request: HttpRequest) -> HttpResponse:
    q = query_of(request)
    found = queries.person_list(request.user, q=q)[:LIMIT] if q else []
    return options_response(request, [_option(person) for person in found])


def _option(person) -> Option:
    detail = " · ".join(
        str(part) for part in (person.birth_year or "", person.governorate or "") if part
    )
    return Option(person.pk, person.display_name, detail)
