"""Employers, their workplaces and farm visits over the API."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Status

from taawon.accounts.models import User
from taawon.core.api_pages import PageIn, fetch_page
from taawon.core.exceptions import ValidationFailed

from ..unit.api import CHANGE, _blank_none, _ref, listing, owning_unit, router
from . import queries, services
from .models import Employer, FarmVisit
from .schemas import (
    EmployerDetailOut,
    EmployerIn,
    EmployerListOut,
    EmployerPatchIn,
    VisitIn,
    VisitListOut,
    VisitOut,
    VisitPatchIn,
    WorkplaceIn,
    WorkplaceListOut,
    WorkplaceOut,
    WorkplacePatchIn,
)


def _users(ids: list[int]) -> list[User]:
    users = list(User.objects.filter(pk__in=set(ids), is_active=True))
    if len(users) != len(set(ids)):
        # The same words as for a user of another unit: ids reveal nothing.
        raise ValidationFailed(field_errors={"staff": [_("Choose a staff member of this unit.")]})
    return users


# ---- Employers and workplaces -------------------------------------------------------------


@router.get(
    "/employers",
    response=EmployerListOut,
    summary="List employers",
    description=listing(
        "Farms and businesses of your units, by name; `q` matches a name or the owner's "
        "name, `sector` is an ISIC Rev.4 section."
    ),
    operation_id="taawon_employment_api_records_list_employers",
)
def list_employers(
    request: HttpRequest,
    page: Query[PageIn],
    q: str = "",
    kind: Employer.Kind | None = None,
    sector: str = "",
    governorate: int | None = None,
):
    qs = queries.employer_list(
        request.auth, q=q, kind=kind or "", sector=sector.upper(), governorate=governorate
    )
    return fetch_page(qs, page)


@router.get(
    "/employers/{int:employer_id}",
    response=EmployerDetailOut,
    summary="Read an employer",
    operation_id="taawon_employment_api_records_read_employer",
)
def read_employer(request: HttpRequest, employer_id: int):
    return queries.get_employer_for_user(request.auth, employer_id)


@router.post(
    "/employers",
    response={201: EmployerDetailOut},
    summary="Add an employer",
    operation_id="taawon_employment_api_records_create_employer",
)
def create_employer(request: HttpRequest, payload: EmployerIn):
    user = request.auth
    data = _blank_none(payload.dict(), "size")
    owner = owning_unit(user, data.pop("owner"))
    employer = services.register_employer(owner=owner, created_by=user, **data)
    return Status(201, queries.get_employer_for_user(user, employer.pk))


@router.patch(
    "/employers/{int:employer_id}",
    response=EmployerDetailOut,
    summary="Change an employer",
    operation_id="taawon_employment_api_records_update_employer",
)
def update_employer(request: HttpRequest, employer_id: int, payload: EmployerPatchIn):
    user = request.auth
    employer = queries.get_employer_for_user(user, employer_id, CHANGE)
    data = _blank_none(payload.dict(exclude_unset=True), "size")
    services.update_employer(employer=employer, updated_by=user, **data)
    return queries.get_employer_for_user(user, employer.pk)


@router.post(
    "/employers/{int:employer_id}/workplaces",
    response={201: WorkplaceOut},
    summary="Add a workplace",
    operation_id="taawon_employment_api_records_create_workplace",
)
def create_workplace(request: HttpRequest, employer_id: int, payload: WorkplaceIn):
    user = request.auth
    employer = queries.get_employer_for_user(user, employer_id, CHANGE)
    return Status(201, services.add_workplace(employer=employer, created_by=user, **payload.dict()))


@router.patch(
    "/workplaces/{int:workplace_id}",
    response=WorkplaceOut,
    summary="Change a workplace",
    operation_id="taawon_employment_api_records_update_workplace",
)
def update_workplace(request: HttpRequest, workplace_id: int, payload: WorkplacePatchIn):
    user = request.auth
    workplace = queries.get_workplace_for_user(user, workplace_id, CHANGE)
    return services.update_workplace(
        workplace=workplace, updated_by=user, **payload.dict(exclude_unset=True)
    )


@router.get(
    "/employers/{int:employer_id}/workplaces",
    response=WorkplaceListOut,
    summary="List an employer's workplaces",
    description=listing("The employer's workplaces, by name."),
    operation_id="taawon_employment_api_subrecords_list_workplaces",
)
def list_workplaces(request: HttpRequest, employer_id: int, page: Query[PageIn]):
    employer = queries.get_employer_for_user(request.auth, employer_id)
    return fetch_page(queries.workplaces_of(employer), page)


@router.get(
    "/workplaces/{int:workplace_id}",
    response=WorkplaceOut,
    summary="Read a workplace",
    operation_id="taawon_employment_api_subrecords_read_workplace",
)
def read_workplace(request: HttpRequest, workplace_id: int):
    return queries.get_workplace_for_user(request.auth, workplace_id)


# ---- Farm visits --------------------------------------------------------------------------


def _visit_refs(user: User, data: dict[str, Any]) -> dict[str, Any]:
    if "workplace" in data:
        workplace = _ref(queries.get_workplace_for_user, user, data["workplace"], "workplace")
        data["workplace"] = workplace
    if "staff" in data:
        data["staff"] = _users(data["staff"]) if data["staff"] else [user]
    return data


@router.get(
    "/visits",
    response=VisitListOut,
    summary="List farm visits",
    description=listing("Visits to employers of your units, newest first."),
    operation_id="taawon_employment_api_records_list_visits",
)
def list_visits(
    request: HttpRequest,
    page: Query[PageIn],
    employer: int | None = None,
    purpose: FarmVisit.Purpose | None = None,
):
    user = request.auth
    employer_row = queries.get_employer_for_user(user, employer) if employer else None
    qs = queries.visit_list(user, employer=employer_row, purpose=purpose or "")
    return fetch_page(qs, page)


@router.get(
    "/visits/{int:visit_id}",
    response=VisitOut,
    summary="Read a farm visit",
    operation_id="taawon_employment_api_records_read_visit",
)
def read_visit(request: HttpRequest, visit_id: int):
    return queries.get_visit_for_user(request.auth, visit_id)


@router.post(
    "/visits",
    response={201: VisitOut},
    summary="Record a farm visit",
    operation_id="taawon_employment_api_records_create_visit",
)
def create_visit(request: HttpRequest, payload: VisitIn):
    """`osh_checklist` answers the items of the OSH checklist: drinking_water, toilets,
    separate_sanitation, shade_and_breaks, first_aid, protective_equipment,
    pesticide_storage, pesticide_reentry, machinery, safe_transport, working_hours,
    no_child_labour, written_terms, covid19."""
    user = request.auth
    data = payload.dict()
    employer = _ref(queries.get_employer_for_user, user, data.pop("employer"), "employer")
    data = _visit_refs(user, data)
    visit = services.record_farm_visit(employer=employer, recorded_by=user, **data)
    return Status(201, queries.get_visit_for_user(user, visit.pk))


@router.patch(
    "/visits/{int:visit_id}",
    response=VisitOut,
    summary="Change a farm visit",
    operation_id="taawon_employment_api_records_update_visit",
)
def update_visit(request: HttpRequest, visit_id: int, payload: VisitPatchIn):
    user = request.auth
    visit = queries.get_visit_for_user(user, visit_id, CHANGE)
    data = _visit_refs(user, payload.dict(exclude_unset=True))
    services.update_farm_visit(visit=visit, updated_by=user, **data)
    return queries.get_visit_for_user(user, visit.pk)
