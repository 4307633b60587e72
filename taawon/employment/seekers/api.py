"""Job seekers and their counselling sessions over the API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Status

from taawon.core.api_pages import PageIn, fetch_page

from ..unit import access
from ..unit.api import CHANGE, _blank_none, _ref, listing, owning_unit, router
from . import queries, services
from .schemas import (
    CounsellingIn,
    CounsellingListOut,
    CounsellingOut,
    CounsellingPatchIn,
    JobSeekerIn,
    JobSeekerListOut,
    JobSeekerOut,
    JobSeekerPatchIn,
)

# ---- Job seekers and counselling ----------------------------------------------------------


@router.get(
    "/job-seekers",
    response=JobSeekerListOut,
    summary="List job seekers",
    description=listing(
        "Job seekers of your units, newest first; `q` searches names as the registry does."
    ),
    operation_id="taawon_employment_api_records_list_job_seekers",
)
def list_job_seekers(
    request: HttpRequest,
    page: Query[PageIn],
    q: str = "",
    occupation: str = "",
    governorate: int | None = None,
    placed: bool | None = None,
):
    qs = queries.job_seeker_list(
        request.auth, q=q, occupation=occupation, governorate=governorate, placed=placed
    )
    return fetch_page(qs, page)


@router.get(
    "/job-seekers/{int:job_seeker_id}",
    response=JobSeekerOut,
    summary="Read a job seeker",
    operation_id="taawon_employment_api_records_read_job_seeker",
)
def read_job_seeker(request: HttpRequest, job_seeker_id: int):
    return queries.get_job_seeker_for_user(request.auth, job_seeker_id)


@router.post(
    "/job-seekers",
    response={201: JobSeekerOut},
    summary="Register a job seeker",
    operation_id="taawon_employment_api_records_create_job_seeker",
)
def create_job_seeker(request: HttpRequest, payload: JobSeekerIn):
    user = request.auth
    data = _blank_none(payload.dict(), "work_permit_sector")
    person = _ref(access.get_person_for_user, user, data.pop("person"), "person", access.READ)
    owner_id = data.pop("owner")
    owner = owning_unit(user, owner_id) if owner_id is not None else None
    seeker = services.register_job_seeker(person=person, owner=owner, registered_by=user, **data)
    return Status(201, queries.get_job_seeker_for_user(user, seeker.pk))


@router.patch(
    "/job-seekers/{int:job_seeker_id}",
    response=JobSeekerOut,
    summary="Change a job seeker",
    operation_id="taawon_employment_api_records_update_job_seeker",
)
def update_job_seeker(request: HttpRequest, job_seeker_id: int, payload: JobSeekerPatchIn):
    user = request.auth
    seeker = queries.get_job_seeker_for_user(user, job_seeker_id, CHANGE)
    data = _blank_none(payload.dict(exclude_unset=True), "work_permit_sector")
    services.update_job_seeker(job_seeker=seeker, updated_by=user, **data)
    return queries.get_job_seeker_for_user(user, seeker.pk)


@router.post(
    "/job-seekers/{int:job_seeker_id}/counselling",
    response={201: CounsellingOut},
    summary="Record a counselling session",
    operation_id="taawon_employment_api_records_create_counselling",
)
def create_counselling(request: HttpRequest, job_seeker_id: int, payload: CounsellingIn):
    user = request.auth
    seeker = queries.get_job_seeker_for_user(user, job_seeker_id, CHANGE)
    return Status(
        201,
        services.record_counselling_session(job_seeker=seeker, recorded_by=user, **payload.dict()),
    )


@router.get(
    "/job-seekers/{int:job_seeker_id}/counselling",
    response=CounsellingListOut,
    summary="List a job seeker's counselling sessions",
    description=listing("Newest first."),
    operation_id="taawon_employment_api_subrecords_list_counselling",
)
def list_counselling(request: HttpRequest, job_seeker_id: int, page: Query[PageIn]):
    seeker = queries.get_job_seeker_for_user(request.auth, job_seeker_id)
    return fetch_page(queries.counselling_of(seeker), page)


@router.get(
    "/counselling/{int:session_id}",
    response=CounsellingOut,
    summary="Read a counselling session",
    operation_id="taawon_employment_api_subrecords_read_counselling",
)
def read_counselling(request: HttpRequest, session_id: int):
    return queries.get_counselling_for_user(request.auth, session_id)


@router.patch(
    "/counselling/{int:session_id}",
    response=CounsellingOut,
    summary="Change a counselling session",
    operation_id="taawon_employment_api_subrecords_update_counselling",
)
def update_counselling(request: HttpRequest, session_id: int, payload: CounsellingPatchIn):
    user = request.auth
    session = queries.get_counselling_for_user(user, session_id, CHANGE)
    services.update_counselling_session(
        session=session, updated_by=user, **payload.dict(exclude_unset=True)
    )
    return queries.get_counselling_for_user(user, session.pk)
