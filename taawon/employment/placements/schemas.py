"""Shapes of referrals, placements and follow-ups."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import WithJsonSchema

from taawon.core.api_pages import page_of
from taawon.core.fields import ApiDate
from taawon.indicators.locks import LOCK_REASON

from .. import rules
from ..unit.models import Currency, WagePeriod
from ..unit.schemas import Stamped
from . import young
from .models import FollowUp, Placement, Referral


class ReferralOut(Stamped):
    job_seeker: int
    vacancy: int
    referred_on: datetime.date
    status: Referral.Status
    status_on: datetime.date
    note: str
    placement: int | None
    actions: list[Literal["change_status", "place"]] = Field(
        description=(
            "What you may do with the referral now: change_status (PATCH, to one of "
            "referred, interviewed, rejected, did_not_attend; never once hired), place (POST "
            "/placements with this referral: referred or interviewed, to an open vacancy). "
            "Empty when you may only read it."
        )
    )

    @staticmethod
    def resolve_job_seeker(obj) -> int:
        return obj.job_seeker_id

    @staticmethod
    def resolve_vacancy(obj) -> int:
        return obj.vacancy_id

    @staticmethod
    def resolve_placement(obj: Referral) -> int | None:
        return getattr(getattr(obj, "placement", None), "pk", None)

    @staticmethod
    def resolve_actions(obj: Referral, context) -> list[str]:
        return rules.referral_actions(context["request"].auth, obj)


ReferralListOut = page_of(ReferralOut)


class ReferralIn(Schema):
    job_seeker: int
    vacancy: int
    referred_on: ApiDate | None = Field(None, description="Today by default")
    note: str = Field("", max_length=500)
    reason: str = Field("", max_length=2000, description=LOCK_REASON)


# What a referral's status may be set to by hand: never "hired" (a placement records a hire),
# which the service refuses with its reason.
SetStatus = Annotated[
    Referral.Status,
    WithJsonSchema(
        {
            "type": "string",
            "enum": [str(status) for status in rules.MANUAL_STATUSES],
            "description": "The referral's new status; a hire is recorded by a placement.",
        }
    ),
]


class ReferralPatchIn(Schema):
    """A hire is recorded by creating a placement, never by setting "hired" here."""

    status: SetStatus
    on: ApiDate | None = Field(None, description="Today by default")
    note: str | None = Field(None, max_length=500)


class FollowUpOut(Schema):
    id: int
    checkpoint: FollowUp.Checkpoint
    date: datetime.date
    still_employed: bool
    reason: str
    note: str


FollowUpListOut = page_of(FollowUpOut)


class FollowUpPatchIn(Schema):
    date: ApiDate | None = None
    still_employed: bool | None = None
    reason: FollowUp.Reason | None = None
    note: str | None = Field(None, max_length=500)


class FollowUpIn(Schema):
    checkpoint: FollowUp.Checkpoint = Field(description="1 or 3 (months)")
    date: ApiDate
    still_employed: bool
    reason: FollowUp.Reason | None = Field(None, description="Required when not employed")
    note: str = Field("", max_length=500)


class PlacementOut(Stamped):
    referral: int
    vacancy: int
    job_seeker: int
    start_date: datetime.date
    end_date: datetime.date | None
    contract_type: Placement.ContractType
    wage: Decimal
    wage_period: WagePeriod
    currency: Currency
    follow_ups: list[FollowUpOut]
    actions: list[Literal["change", "follow_up"]] = Field(
        description=(
            "What you may do with the placement now: change (PATCH its terms), follow_up "
            "(POST /placements/{id}/follow-ups, while the 1- or 3-month follow-up is missing). "
            "Empty when you may only read it."
        )
    )

    @staticmethod
    def resolve_referral(obj) -> int:
        return obj.referral_id

    @staticmethod
    def resolve_vacancy(obj) -> int:
        return obj.vacancy_id

    @staticmethod
    def resolve_job_seeker(obj) -> int:
        return obj.job_seeker_id

    @staticmethod
    def resolve_follow_ups(obj: Placement) -> list:
        return sorted(obj.follow_ups.all(), key=lambda f: f.checkpoint)

    @staticmethod
    def resolve_actions(obj: Placement, context) -> list[str]:
        return rules.placement_actions(context["request"].auth, obj)


PlacementListOut = page_of(PlacementOut)


class YoungWorkerOut(Schema):
    """A placement of a person under 18 on the day the job started."""

    placement: int
    job_seeker: int
    vacancy: int
    occupation: str = Field(description="ISCO-08 unit group code")
    age_at_start: int
    weekly_hours: Decimal
    hazardous: bool = Field(description="The vacancy is hazardous work as it stands now")
    start_date: datetime.date
    end_date: datetime.date | None
    still_employed: bool | None = Field(description="The latest follow-up's answer, if any")

    @staticmethod
    def resolve_placement(obj: Placement) -> int:
        return obj.pk

    @staticmethod
    def resolve_job_seeker(obj: Placement) -> int:
        return obj.job_seeker_id

    @staticmethod
    def resolve_vacancy(obj: Placement) -> int:
        return obj.vacancy_id

    @staticmethod
    def resolve_occupation(obj: Placement) -> str:
        return obj.vacancy.occupation.code

    @staticmethod
    def resolve_age_at_start(obj: Placement) -> int | None:
        return young.age_at_start(obj)

    @staticmethod
    def resolve_weekly_hours(obj: Placement) -> Decimal:
        return young.weekly_hours(obj)

    @staticmethod
    def resolve_hazardous(obj: Placement) -> bool:
        return young.hazardous(obj)

    @staticmethod
    def resolve_still_employed(obj: Placement) -> bool | None:
        follow_ups = sorted(obj.follow_ups.all(), key=lambda f: f.checkpoint)
        return follow_ups[-1].still_employed if follow_ups else None


YoungWorkerListOut = page_of(YoungWorkerOut)


class PlacementIn(Schema):
    referral: int = Field(description="A referral that is referred or interviewed")
    start_date: ApiDate
    end_date: ApiDate | None = None
    contract_type: Placement.ContractType
    wage: Decimal
    wage_period: WagePeriod
    currency: Currency = Currency.JOD
    reason: str = Field("", max_length=2000, description=LOCK_REASON)


class PlacementPatchIn(Schema):
    end_date: ApiDate | None = None
    contract_type: Placement.ContractType | None = None
    wage: Decimal | None = None
    wage_period: WagePeriod | None = None
    currency: Currency | None = None
    reason: str | None = Field(None, max_length=2000, description=LOCK_REASON)
