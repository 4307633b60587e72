"""Referrals, placements and their follow-ups over the API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Status

from taawon.core.api_pages import PageIn, fetch_page

from ..seekers import queries as seeker_queries
from ..unit import access
from ..unit.api import CHANGE, _blank_none, _ref, listing, router
from ..vacancies import queries as vacancy_queries
from . import queries, services
from .models import Referral
from .schemas import (
    FollowUpIn,
    FollowUpListOut,
    FollowUpOut,
    FollowUpPatchIn,
    PlacementIn,
    PlacementListOut,
    PlacementOut,
    PlacementPatchIn,
    ReferralIn,
    ReferralListOut,
    ReferralOut,
    ReferralPatchIn,
    YoungWorkerListOut,
)

# ---- Referrals, placements, follow-ups ----------------------------------------------------


@router.get(
    "/referrals",
    response=ReferralListOut,
    summary="List referrals",
    description=listing("Referrals to vacancies of your units, newest first."),
    operation_id="taawon_employment_api_records_list_referrals",
)
def list_referrals(
    request: HttpRequest,
    page: Query[PageIn],
    status: Referral.Status | None = None,
    vacancy: int | None = None,
    job_seeker: int | None = None,
):
    qs = queries.referral_list(request.auth, status=status or "")
    if vacancy is not None:
        qs = qs.filter(vacancy_id=vacancy)
    if job_seeker is not None:
        qs = qs.filter(job_seeker_id=job_seeker)
    return fetch_page(qs.select_related("placement"), page)


@router.get(
    "/referrals/{int:referral_id}",
    response=ReferralOut,
    summary="Read a referral",
    operation_id="taawon_employment_api_records_read_referral",
)
def read_referral(request: HttpRequest, referral_id: int):
    return queries.get_referral_for_user(request.auth, referral_id)


@router.post(
    "/referrals",
    response={201: ReferralOut},
    summary="Refer a job seeker",
    operation_id="taawon_employment_api_records_create_referral",
)
def create_referral(request: HttpRequest, payload: ReferralIn):
    user = request.auth
    data = payload.dict()
    seeker = _ref(
        seeker_queries.get_job_seeker_for_user,
        user,
        data.pop("job_seeker"),
        "job_seeker",
        access.READ,
    )
    vacancy = _ref(vacancy_queries.get_vacancy_for_user, user, data.pop("vacancy"), "vacancy")
    referral = services.refer_job_seeker(
        job_seeker=seeker, vacancy=vacancy, referred_by=user, **data
    )
    return Status(201, queries.get_referral_for_user(user, referral.pk))


@router.patch(
    "/referrals/{int:referral_id}",
    response=ReferralOut,
    summary="Change a referral's status",
    operation_id="taawon_employment_api_records_update_referral",
)
def update_referral(request: HttpRequest, referral_id: int, payload: ReferralPatchIn):
    user = request.auth
    referral = queries.get_referral_for_user(user, referral_id, CHANGE)
    services.set_referral_status(referral=referral, changed_by=user, **payload.dict())
    return queries.get_referral_for_user(user, referral.pk)


@router.get(
    "/placements",
    response=PlacementListOut,
    summary="List placements",
    description=listing(
        "Placements of your units, latest start first; `follow_up_due` keeps those whose "
        "1- or 3-month follow-up is due and missing."
    ),
    operation_id="taawon_employment_api_records_list_placements",
)
def list_placements(
    request: HttpRequest,
    page: Query[PageIn],
    follow_up_due: bool = False,
):
    return fetch_page(queries.placement_list(request.auth, follow_up_due=follow_up_due), page)


@router.get(
    "/young-workers",
    response=YoungWorkerListOut,
    summary="List young workers placed",
    description=listing(
        "Placements of your units of persons under 18 on the day the job started, latest "
        "start first, with their age then, the occupation, the weekly hours and whether the "
        "vacancy is hazardous work: the unit's follow-up visits. Persons with no birth "
        "recorded are not counted."
    ),
    operation_id="taawon_employment_api_records_list_young_workers",
)
def list_young_workers(request: HttpRequest, page: Query[PageIn]):
    return fetch_page(queries.young_workers_placed(request.auth), page)


@router.get(
    "/placements/{int:placement_id}",
    response=PlacementOut,
    summary="Read a placement",
    operation_id="taawon_employment_api_records_read_placement",
)
def read_placement(request: HttpRequest, placement_id: int):
    return queries.get_placement_for_user(request.auth, placement_id)


@router.post(
    "/placements",
    response={201: PlacementOut},
    summary="Place a referred job seeker",
    operation_id="taawon_employment_api_records_create_placement",
)
def create_placement(request: HttpRequest, payload: PlacementIn):
    """Refused with an error on `vacancy` when the vacancy is closed or every position is
    filled; the count is taken under a lock, so two at once never overbook."""
    user = request.auth
    data = payload.dict()
    referral = _ref(queries.get_referral_for_user, user, data.pop("referral"), "referral")
    placement = services.place_job_seeker(referral=referral, placed_by=user, **data)
    return Status(201, queries.get_placement_for_user(user, placement.pk))


@router.patch(
    "/placements/{int:placement_id}",
    response=PlacementOut,
    summary="Change a placement's terms",
    operation_id="taawon_employment_api_records_update_placement",
)
def update_placement(request: HttpRequest, placement_id: int, payload: PlacementPatchIn):
    user = request.auth
    placement = queries.get_placement_for_user(user, placement_id, CHANGE)
    services.update_placement(
        placement=placement, updated_by=user, **payload.dict(exclude_unset=True)
    )
    return queries.get_placement_for_user(user, placement.pk)


@router.post(
    "/placements/{int:placement_id}/follow-ups",
    response={201: FollowUpOut},
    summary="Record a follow-up",
    operation_id="taawon_employment_api_records_create_follow_up",
)
def create_follow_up(request: HttpRequest, placement_id: int, payload: FollowUpIn):
    user = request.auth
    placement = queries.get_placement_for_user(user, placement_id, CHANGE)
    data = _blank_none(payload.dict(), "reason")
    return Status(201, services.record_follow_up(placement=placement, recorded_by=user, **data))


@router.get(
    "/placements/{int:placement_id}/follow-ups",
    response=FollowUpListOut,
    summary="List a placement's follow-ups",
    description=listing("The placement's follow-ups, by checkpoint."),
    operation_id="taawon_employment_api_subrecords_list_follow_ups",
)
def list_follow_ups(request: HttpRequest, placement_id: int, page: Query[PageIn]):
    placement = queries.get_placement_for_user(request.auth, placement_id)
    return fetch_page(placement.follow_ups.order_by("checkpoint", "pk"), page)


@router.get(
    "/follow-ups/{int:follow_up_id}",
    response=FollowUpOut,
    summary="Read a follow-up",
    operation_id="taawon_employment_api_subrecords_read_follow_up",
)
def read_follow_up(request: HttpRequest, follow_up_id: int):
    return queries.get_follow_up_for_user(request.auth, follow_up_id)


@router.patch(
    "/follow-ups/{int:follow_up_id}",
    response=FollowUpOut,
    summary="Change a follow-up",
    operation_id="taawon_employment_api_subrecords_update_follow_up",
)
def update_follow_up(request: HttpRequest, follow_up_id: int, payload: FollowUpPatchIn):
    user = request.auth
    follow_up = queries.get_follow_up_for_user(user, follow_up_id, CHANGE)
    data = _blank_none(payload.dict(exclude_unset=True), "reason")
    services.update_follow_up(follow_up=follow_up, updated_by=user, **data)
    return queries.get_follow_up_for_user(user, follow_up.pk)
