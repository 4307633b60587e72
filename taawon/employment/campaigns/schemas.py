"""Shapes of seasonal campaigns and their proposed assignments."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

from taawon.core.api_pages import page_of

from .. import rules
from ..matching.wording import floor_effects
from ..unit.schemas import OWNER, Stamped
from .models import Campaign


class CampaignOut(Stamped):
    name: str
    vacancies: list[int]
    women_share: int | None
    refugee_share: int | None
    status: Campaign.Status
    proposed_at: datetime.datetime | None
    applied_at: datetime.datetime | None
    method: str
    optimal: bool | None
    positions: int
    candidates: int
    total_score: float | None
    floor_report: list[dict]
    floors_left_empty: list[dict] = Field(
        [],
        description=(
            "Per floor: group, scope, share, left_empty (positions it left empty that the "
            "allocation without it fills), positions, and text (in words)"
        ),
    )
    run_error: str
    actions: list[Literal["change", "run", "apply"]] = Field(
        description=(
            "What you may do with the campaign now: change (PATCH) and run (POST "
            "/campaigns/{id}/run) while a draft or proposed, apply (POST /campaigns/{id}/apply) "
            "when proposed. Empty while it runs, once applied, or when you may only read it."
        )
    )

    @staticmethod
    def resolve_floors_left_empty(obj: Campaign) -> list[dict]:
        return floor_effects(obj.floor_report, obj.positions)

    @staticmethod
    def resolve_vacancies(obj: Campaign) -> list[int]:
        return sorted(v.pk for v in obj.vacancies.all())

    @staticmethod
    def resolve_actions(obj: Campaign, context) -> list[str]:
        return rules.campaign_actions(context["request"].auth, obj)


CampaignListOut = page_of(CampaignOut)


class CampaignIn(Schema):
    owner: int | None = OWNER
    name: str = Field(max_length=200)
    vacancies: list[int] = Field(description="Open vacancies of your units")
    women_share: int | None = Field(None, description="Women in each vacancy, at least (%)")
    refugee_share: int | None = Field(None, description="Refugees over the campaign, at least (%)")


class CampaignPatchIn(Schema):
    name: str | None = Field(None, max_length=200)
    vacancies: list[int] | None = None
    women_share: int | None = None
    refugee_share: int | None = None


class AssignmentOut(Schema):
    job_seeker: int
    vacancy: int
    score: float
    distance_km: float
    referral: int | None
    skipped_reason: str

    @staticmethod
    def resolve_job_seeker(obj) -> int:
        return obj.job_seeker_id

    @staticmethod
    def resolve_vacancy(obj) -> int:
        return obj.vacancy_id

    @staticmethod
    def resolve_referral(obj) -> int | None:
        return obj.referral_id


AssignmentListOut = page_of(AssignmentOut)


class CampaignRunOut(Schema):
    proposed: bool = Field(description="False when the run goes on in the background")
    campaign: CampaignOut


class CampaignAppliedOut(Schema):
    created: int
    skipped: list[AssignmentOut]
