"""Shapes of referrals, placements and follow-ups."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from taawon.core.fields import ApiDate

from ..unit.models import Currency, WagePeriod
from ..unit.schemas import Page, Stamped
from .models import FollowUp, Placement, Referral


class ReferralOut(Stamped):
    job_seeker: int
    vacancy: int
    referred_on: datetime.date
    status: Referral.Status
    status_on: datetime.date
    note: str
    placement: int | None

    @staticmethod
    def resolve_job_seeker(obj) -> int:
        return obj.job_seeker_id

    @staticmethod
    def resolve_vacancy(obj) -> int:
        return obj.vacancy_id

    @staticmethod
    def resolve_placement(obj: Referral) -> int | None:
        return getattr(getattr(obj, "placement", None), "pk", None)


class ReferralListOut(Page):
    items: list[ReferralOut]


class ReferralIn(Schema):
    job_seeker: int
    vacancy: int
    referred_on: ApiDate | None = Field(None, description="Today by default")
    note: str = Field("", max_length=500)


class ReferralPatchIn(Schema):
    """A hire is recorded by creating a placement, never by setting "hired" here."""

    status: Referral.Status
    on: ApiDate | None = Field(None, description="Today by default")
    note: str | None = Field(None, max_length=500)


class FollowUpOut(Schema):
    id: int
    checkpoint: FollowUp.Checkpoint
    date: datetime.date
    still_employed: bool
    reason: str
    note: str


class FollowUpListOut(Schema):
    items: list[FollowUpOut]


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


class PlacementListOut(Page):
    items: list[PlacementOut]


class PlacementIn(Schema):
    referral: int = Field(description="A referral that is referred or interviewed")
    start_date: ApiDate
    end_date: ApiDate | None = None
    contract_type: Placement.ContractType
    wage: Decimal
    wage_period: WagePeriod
    currency: Currency = Currency.JOD


class PlacementPatchIn(Schema):
    end_date: ApiDate | None = None
    contract_type: Placement.ContractType | None = None
    wage: Decimal | None = None
    wage_period: WagePeriod | None = None
    currency: Currency | None = None
