"""The employment pickers' searches: employers, job seekers and open vacancies of the units the
user reads, through each concern's scoped queries."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from taawon.core.pickers import LIMIT, Option, options_response, query_of

from .employers import queries as employer_queries
from .seekers import queries as seeker_queries
from .unit.web import require_reader
from .vacancies import queries as vacancy_queries
from .vacancies.models import Vacancy


@login_required
def employer_search(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    q = query_of(request)
    found = employer_queries.employer_list(request.user, q=q)[:LIMIT] if q else []
    return options_response(
        request,
        [Option(e.pk, e.display_name, getattr(e.governorate, "display_name", "")) for e in found],
    )


@login_required
def job_seeker_search(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    q = query_of(request)
    found = seeker_queries.job_seeker_list(request.user, q=q)[:LIMIT] if q else []
    return options_response(
        request, [Option(s.pk, s.person.display_name, s.owner.display_name) for s in found]
    )


@login_required
def vacancy_search(request: HttpRequest) -> HttpResponse:
    """Open vacancies by title or employer: what a job seeker can be referred to."""
    require_reader(request)
    q = query_of(request)
    found = (
        vacancy_queries.vacancy_list(request.user, status=Vacancy.Status.OPEN, q=q)[:LIMIT]
        if q
        else []
    )
    return options_response(
        request,
        [
            Option(v.pk, f"{v} · {v.employer.display_name}", f"{v.start_date:%Y-%m-%d}")
            for v in found
        ],
    )
