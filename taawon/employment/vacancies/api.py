"""Vacancies over the API: post, change, close and reopen."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Status

from taawon.accounts.models import User
from taawon.core.api_pages import PageIn, fetch_page

from ..employers import queries as employer_queries
from ..unit.api import CHANGE, _blank_none, _ref, listing, router
from . import queries, services
from .models import Vacancy
from .schemas import VacancyIn, VacancyListOut, VacancyOut, VacancyPatchIn

# ---- Vacancies ----------------------------------------------------------------------------


def _vacancy_data(user: User, data: dict[str, Any]) -> dict[str, Any]:
    if "workplace" in data:
        data["workplace"] = _ref(
            employer_queries.get_workplace_for_user, user, data["workplace"], "workplace"
        )
    return _blank_none(data, "permit_sector")


@router.get(
    "/vacancies",
    response=VacancyListOut,
    summary="List vacancies",
    description=listing(
        "Vacancies of your units, latest start first, with positions `filled` counted "
        "from placements."
    ),
    operation_id="taawon_employment_api_records_list_vacancies",
)
def list_vacancies(
    request: HttpRequest,
    page: Query[PageIn],
    status: Vacancy.Status | None = None,
    occupation: str = Query("", description="ISCO-08 code of any level: 92 finds 9211"),
    governorate: int | None = None,
    employer: int | None = None,
    q: str = "",
):
    user = request.auth
    employer_row = employer_queries.get_employer_for_user(user, employer) if employer else None
    qs = queries.vacancy_list(
        user,
        status=status or "",
        occupation=occupation,
        governorate=governorate,
        employer=employer_row,
        q=q,
    )
    return fetch_page(qs, page)


@router.get(
    "/vacancies/{int:vacancy_id}",
    response=VacancyOut,
    summary="Read a vacancy",
    operation_id="taawon_employment_api_records_read_vacancy",
)
def read_vacancy(request: HttpRequest, vacancy_id: int):
    return queries.get_vacancy_for_user(request.auth, vacancy_id)


@router.post(
    "/vacancies",
    response={201: VacancyOut},
    summary="Post a vacancy",
    operation_id="taawon_employment_api_records_create_vacancy",
)
def create_vacancy(request: HttpRequest, payload: VacancyIn):
    user = request.auth
    data = _vacancy_data(user, payload.dict())
    employer = _ref(employer_queries.get_employer_for_user, user, data.pop("employer"), "employer")
    vacancy = services.post_vacancy(employer=employer, posted_by=user, **data)
    return Status(201, queries.get_vacancy_for_user(user, vacancy.pk))


@router.patch(
    "/vacancies/{int:vacancy_id}",
    response=VacancyOut,
    summary="Change a vacancy",
    operation_id="taawon_employment_api_records_update_vacancy",
)
def update_vacancy(request: HttpRequest, vacancy_id: int, payload: VacancyPatchIn):
    """Positions never drop below the placements made."""
    user = request.auth
    vacancy = queries.get_vacancy_for_user(user, vacancy_id, CHANGE)
    data = _vacancy_data(user, payload.dict(exclude_unset=True))
    services.update_vacancy(vacancy=vacancy, updated_by=user, **data)
    return queries.get_vacancy_for_user(user, vacancy.pk)


@router.post(
    "/vacancies/{int:vacancy_id}/close",
    response=VacancyOut,
    summary="Close a vacancy",
    operation_id="taawon_employment_api_records_close_vacancy",
)
def close_vacancy(request: HttpRequest, vacancy_id: int):
    user = request.auth
    vacancy = queries.get_vacancy_for_user(user, vacancy_id, CHANGE)
    services.close_vacancy(vacancy=vacancy, closed_by=user)
    return queries.get_vacancy_for_user(user, vacancy.pk)


@router.post(
    "/vacancies/{int:vacancy_id}/reopen",
    response=VacancyOut,
    summary="Reopen a vacancy",
    operation_id="taawon_employment_api_records_reopen_vacancy",
)
def reopen_vacancy(request: HttpRequest, vacancy_id: int):
    user = request.auth
    vacancy = queries.get_vacancy_for_user(user, vacancy_id, CHANGE)
    services.reopen_vacancy(vacancy=vacancy, reopened_by=user)
    return queries.get_vacancy_for_user(user, vacancy.pk)
