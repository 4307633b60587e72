"""Seasonal campaigns over the API: draft, change, run, apply."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Status

from taawon.core.api_pages import PageIn, fetch_page

from ..unit.api import CHANGE, listing, owning_unit, router
from . import queries, services
from .schemas import (
    AssignmentListOut,
    CampaignAppliedOut,
    CampaignIn,
    CampaignListOut,
    CampaignOut,
    CampaignPatchIn,
    CampaignRunOut,
)


@router.get(
    "/campaigns",
    response=CampaignListOut,
    summary="List seasonal campaigns",
    description=listing("Campaigns of your units, newest first."),
    operation_id="taawon_employment_api_campaigns_list_campaigns",
)
def list_campaigns(request: HttpRequest, page: Query[PageIn]):
    qs = queries.campaign_list(request.auth).prefetch_related("vacancies")
    return fetch_page(qs, page)


@router.get(
    "/campaigns/{int:campaign_id}",
    response=CampaignOut,
    summary="Read a campaign",
    operation_id="taawon_employment_api_campaigns_read_campaign",
)
def read_campaign(request: HttpRequest, campaign_id: int):
    return queries.get_campaign_for_user(request.auth, campaign_id)


@router.get(
    "/campaigns/{int:campaign_id}/assignments",
    response=AssignmentListOut,
    summary="A campaign's proposed assignments",
    description=listing("The campaign's assignments, by employer and vacancy, best first."),
    operation_id="taawon_employment_api_campaigns_campaign_assignments",
)
def campaign_assignments(request: HttpRequest, campaign_id: int, page: Query[PageIn]):
    campaign = queries.get_campaign_for_user(request.auth, campaign_id)
    return fetch_page(queries.assignments_of(campaign), page)


@router.post(
    "/campaigns",
    response={201: CampaignOut},
    summary="Draft a campaign",
    operation_id="taawon_employment_api_campaigns_create_campaign",
)
def create_campaign(request: HttpRequest, payload: CampaignIn):
    user = request.auth
    data = payload.dict()
    owner = owning_unit(user, data.pop("owner"))
    campaign = services.draft_campaign(owner=owner, drafted_by=user, **data)
    return Status(201, queries.get_campaign_for_user(user, campaign.pk))


@router.patch(
    "/campaigns/{int:campaign_id}",
    response=CampaignOut,
    summary="Change a campaign",
    operation_id="taawon_employment_api_campaigns_update_campaign",
)
def update_campaign(request: HttpRequest, campaign_id: int, payload: CampaignPatchIn):
    user = request.auth
    campaign = queries.get_campaign_for_user(user, campaign_id, CHANGE)
    services.update_campaign(campaign=campaign, updated_by=user, **payload.dict(exclude_unset=True))
    return queries.get_campaign_for_user(user, campaign.pk)


@router.post(
    "/campaigns/{int:campaign_id}/run",
    response=CampaignRunOut,
    summary="Run a campaign's allocation",
    description="Proposes the allocation now when the campaign is small (`proposed` true); "
    "otherwise the campaign is `running` in the background: read it again later. Floors that "
    "cannot be met are a 400 with how far they are, and nothing changes.",
    operation_id="taawon_employment_api_campaigns_run_campaign",
)
def run_campaign(request: HttpRequest, campaign_id: int):
    user = request.auth
    campaign = queries.get_campaign_for_user(user, campaign_id, CHANGE)
    proposed = services.run_campaign(campaign=campaign, run_by=user)
    return {"proposed": proposed, "campaign": queries.get_campaign_for_user(user, campaign.pk)}


@router.post(
    "/campaigns/{int:campaign_id}/apply",
    response=CampaignAppliedOut,
    summary="Create a campaign's referrals",
    description="Every proposed assignment becomes a referral in one action; those that "
    "became invalid since the run are skipped, each with its reason.",
    operation_id="taawon_employment_api_campaigns_apply_campaign",
)
def apply_campaign(request: HttpRequest, campaign_id: int):
    user = request.auth
    campaign = queries.get_campaign_for_user(user, campaign_id, CHANGE)
    applied = services.apply_campaign(campaign=campaign, applied_by=user)
    return {"created": applied.created, "skipped": [a for a, _reason in applied.skipped]}
