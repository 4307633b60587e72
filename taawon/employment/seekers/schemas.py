"""Shapes of job seekers and counselling sessions."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from taawon.core.api_pages import page_of
from taawon.core.fields import ApiDate
from taawon.indicators.locks import LOCK_REASON

from ..unit.models import Currency, PermitSector, WagePeriod
from ..unit.schemas import Stamped
from .models import CounsellingSession, JobSeeker


class JobSeekerOut(Stamped):
    person: int
    occupations: list[str] = Field(description="ISCO-08 unit group codes")
    skills: list[str]
    experience_years: int
    preferred_governorates: list[int]
    max_travel_km: int
    available_from: datetime.date | None
    available_until: datetime.date | None
    expected_wage: Decimal | None
    expected_wage_period: WagePeriod
    currency: Currency
    work_permit_status: JobSeeker.PermitStatus
    work_permit_sector: str
    needs: list[str] = Field(
        description="Of transport, childcare, separate_sanitation, women_in_team"
    )
    notes: str
    language: str = Field(description="Language of the SMS sent to the job seeker: ar or en")

    @staticmethod
    def resolve_person(obj) -> int:
        return obj.person_id

    @staticmethod
    def resolve_occupations(obj: JobSeeker) -> list[str]:
        return sorted(o.code for o in obj.occupations.all())

    @staticmethod
    def resolve_preferred_governorates(obj: JobSeeker) -> list[int]:
        return sorted(g.pk for g in obj.preferred_governorates.all())


JobSeekerListOut = page_of(JobSeekerOut)


class JobSeekerIn(Schema):
    person: int = Field(description="Registry person id; the person must be active")
    owner: int | None = Field(None, description="Employment unit; the person's own by default")
    occupations: list[str] = Field(description="ISCO-08 unit group codes sought")
    skills: list[str] = Field(default_factory=list)
    experience_years: int = 0
    preferred_governorates: list[int] = Field(default_factory=list)
    max_travel_km: int = 25
    available_from: ApiDate | None = None
    available_until: ApiDate | None = None
    expected_wage: Decimal | None = None
    expected_wage_period: WagePeriod = WagePeriod.DAILY
    currency: Currency = Currency.JOD
    work_permit_status: JobSeeker.PermitStatus = JobSeeker.PermitStatus.NONE
    work_permit_sector: PermitSector | None = None
    needs_transport: bool = False
    needs_childcare: bool = False
    needs_separate_sanitation: bool = False
    needs_women_in_team: bool = False
    notes: str = Field("", max_length=5000)
    language: str = Field("ar", description="Language of the SMS sent to the job seeker: ar or en")
    reason: str = Field("", max_length=2000, description=LOCK_REASON)


class JobSeekerPatchIn(Schema):
    occupations: list[str] | None = None
    skills: list[str] | None = None
    experience_years: int | None = None
    preferred_governorates: list[int] | None = None
    max_travel_km: int | None = None
    available_from: ApiDate | None = None
    available_until: ApiDate | None = None
    expected_wage: Decimal | None = None
    expected_wage_period: WagePeriod | None = None
    currency: Currency | None = None
    work_permit_status: JobSeeker.PermitStatus | None = None
    work_permit_sector: PermitSector | None = None
    needs_transport: bool | None = None
    needs_childcare: bool | None = None
    needs_separate_sanitation: bool | None = None
    needs_women_in_team: bool | None = None
    notes: str | None = Field(None, max_length=5000)
    language: str | None = None
    reason: str | None = Field(None, max_length=2000, description=LOCK_REASON)


class CounsellingOut(Stamped):
    job_seeker: int
    date: datetime.date
    counsellor: int
    topics: list[CounsellingSession.Topic]
    notes: str
    action_plan: str

    @staticmethod
    def resolve_job_seeker(obj) -> int:
        return obj.job_seeker_id

    @staticmethod
    def resolve_counsellor(obj) -> int:
        return obj.counsellor_id


class CounsellingIn(Schema):
    date: ApiDate
    topics: list[CounsellingSession.Topic]
    notes: str = Field("", max_length=5000)
    action_plan: str = Field("", max_length=5000)


CounsellingListOut = page_of(CounsellingOut)


class CounsellingPatchIn(Schema):
    date: ApiDate | None = None
    topics: list[CounsellingSession.Topic] | None = None
    notes: str | None = Field(None, max_length=5000)
    action_plan: str | None = Field(None, max_length=5000)
