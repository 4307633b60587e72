"""Records that hang off another: workplaces, counselling sessions and follow-ups (list, read,
change; they are created under their parent in records.py)."""

from __future__ import annotations

from django.http import HttpRequest

from .. import queries, services
from ..schemas.employers import WorkplaceListOut, WorkplaceOut
from ..schemas.placements import FollowUpListOut, FollowUpOut, FollowUpPatchIn
from ..schemas.seekers import CounsellingListOut, CounsellingOut, CounsellingPatchIn
from .records import CHANGE, LIMIT, OFFSET, _blank_none, _page, listing, router


@router.get(
    "/employers/{int:employer_id}/workplaces",
    response=WorkplaceListOut,
    summary="List an employer's workplaces",
)
def list_workplaces(request: HttpRequest, employer_id: int):
    employer = queries.get_employer_for_user(request.auth, employer_id)
    return {"items": list(queries.workplaces_of(employer))}


@router.get("/workplaces/{int:workplace_id}", response=WorkplaceOut, summary="Read a workplace")
def read_workplace(request: HttpRequest, workplace_id: int):
    return queries.get_workplace_for_user(request.auth, workplace_id)


@router.get(
    "/job-seekers/{int:job_seeker_id}/counselling",
    response=CounsellingListOut,
    summary="List a job seeker's counselling sessions",
    description=listing("Newest first."),
)
def list_counselling(
    request: HttpRequest, job_seeker_id: int, limit: int = LIMIT, offset: int = OFFSET
):
    seeker = queries.get_job_seeker_for_user(request.auth, job_seeker_id)
    return _page(queries.counselling_of(seeker), limit, offset)


@router.get(
    "/counselling/{int:session_id}", response=CounsellingOut, summary="Read a counselling session"
)
def read_counselling(request: HttpRequest, session_id: int):
    return queries.get_counselling_for_user(request.auth, session_id)


@router.patch(
    "/counselling/{int:session_id}",
    response=CounsellingOut,
    summary="Change a counselling session",
)
def update_counselling(request: HttpRequest, session_id: int, payload: CounsellingPatchIn):
    user = request.auth
    session = queries.get_counselling_for_user(user, session_id, CHANGE)
    services.update_counselling_session(
        session=session, updated_by=user, **payload.dict(exclude_unset=True)
    )
    return queries.get_counselling_for_user(user, session.pk)


@router.get(
    "/placements/{int:placement_id}/follow-ups",
    response=FollowUpListOut,
    summary="List a placement's follow-ups",
)
def list_follow_ups(request: HttpRequest, placement_id: int):
    placement = queries.get_placement_for_user(request.auth, placement_id)
    return {"items": list(placement.follow_ups.all())}


@router.get("/follow-ups/{int:follow_up_id}", response=FollowUpOut, summary="Read a follow-up")
def read_follow_up(request: HttpRequest, follow_up_id: int):
    return queries.get_follow_up_for_user(request.auth, follow_up_id)


@router.patch("/follow-ups/{int:follow_up_id}", response=FollowUpOut, summary="Change a follow-up")
def update_follow_up(request: HttpRequest, follow_up_id: int, payload: FollowUpPatchIn):
    user = request.auth
    follow_up = queries.get_follow_up_for_user(user, follow_up_id, CHANGE)
    data = _blank_none(payload.dict(exclude_unset=True), "reason")
    services.update_follow_up(follow_up=follow_up, updated_by=user, **data)
    return queries.get_follow_up_for_user(user, follow_up.pk)
