"""Shapes of vacancies; `filled` is counted from placements."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from taawon.core.api_pages import page_of
from taawon.core.fields import ApiDate

from .. import rules
from ..unit.models import Currency, PermitSector, WagePeriod
from ..unit.schemas import Stamped
from .models import Vacancy


class VacancyOut(Stamped):
    employer: int
    workplace: int | None
    title: str
    occupation: str = Field(description="ISCO-08 unit group code")
    positions: int
    filled: int = Field(description="Placements made, counted")
    start_date: datetime.date
    end_date: datetime.date | None
    wage: Decimal
    wage_period: WagePeriod
    currency: Currency
    hours_per_day: Decimal
    days_per_week: int
    skills: list[str]
    tasks: list[str] = Field(description="Hazardous task codes the work involves")
    hazardous: bool = Field(
        description=(
            "Hazardous work (its occupation is on the list, or it states a hazardous task): "
            "nobody under 18 is referred to or placed in it"
        )
    )
    min_experience_years: int
    work_permit_required: bool
    permit_sector: str
    facilities: list[str] = Field(
        description="Of transport, childcare, separate_sanitation, women_in_team"
    )
    description: str
    status: Vacancy.Status
    actions: list[Literal["change", "close", "reopen", "refer"]] = Field(
        description=(
            "What you may do with the vacancy now: change (PATCH), close or reopen (POST "
            "/vacancies/{id}/close, /reopen), refer (POST /referrals with this vacancy). An "
            "open vacancy is closed or referred to, a filled one closed, a closed one reopened; "
            "empty when you may only read it."
        )
    )

    @staticmethod
    def resolve_employer(obj) -> int:
        return obj.employer_id

    @staticmethod
    def resolve_workplace(obj) -> int | None:
        return obj.workplace_id

    @staticmethod
    def resolve_occupation(obj: Vacancy) -> str:
        return obj.occupation.code

    @staticmethod
    def resolve_actions(obj: Vacancy, context) -> list[str]:
        return rules.vacancy_actions(context["request"].auth, obj)


VacancyListOut = page_of(VacancyOut)


class VacancyIn(Schema):
    employer: int
    workplace: int | None = None
    title: str = Field("", max_length=200)
    occupation: str = Field(description="ISCO-08 unit group code, e.g. 9211")
    positions: int
    start_date: ApiDate
    end_date: ApiDate | None = None
    wage: Decimal
    wage_period: WagePeriod
    currency: Currency = Currency.JOD
    hours_per_day: Decimal
    days_per_week: int = 6
    skills: list[str] = Field(default_factory=list, description="Skill codes")
    tasks: list[str] = Field(
        default_factory=list,
        description="Hazardous task codes the work involves (GET /protection/hazards)",
    )
    min_experience_years: int = 0
    work_permit_required: bool = False
    permit_sector: PermitSector | None = None
    offers_transport: bool = False
    offers_childcare: bool = False
    separate_sanitation: bool = False
    women_in_team: bool = False
    description: str = Field("", max_length=5000)


class VacancyPatchIn(Schema):
    workplace: int | None = None
    title: str | None = Field(None, max_length=200)
    occupation: str | None = None
    positions: int | None = None
    start_date: ApiDate | None = None
    end_date: ApiDate | None = None
    wage: Decimal | None = None
    wage_period: WagePeriod | None = None
    currency: Currency | None = None
    hours_per_day: Decimal | None = None
    days_per_week: int | None = None
    skills: list[str] | None = None
    tasks: list[str] | None = None
    min_experience_years: int | None = None
    work_permit_required: bool | None = None
    permit_sector: PermitSector | None = None
    offers_transport: bool | None = None
    offers_childcare: bool | None = None
    separate_sanitation: bool | None = None
    women_in_team: bool | None = None
    description: str | None = Field(None, max_length=5000)
