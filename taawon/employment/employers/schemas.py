"""Shapes of employers, their workplaces and farm visits."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from taawon.core.api_pages import page_of
from taawon.core.fields import ApiDate
from taawon.indicators.locks import LOCK_REASON

from ..unit.schemas import OWNER, Stamped
from . import queries
from .models import Employer, FarmVisit


class WorkplaceOut(Schema):
    id: int
    employer: int
    name: str
    governorate: int
    district: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    address: str

    @staticmethod
    def resolve_employer(obj) -> int:
        return obj.employer_id

    @staticmethod
    def resolve_governorate(obj) -> int:
        return obj.governorate_id

    @staticmethod
    def resolve_district(obj) -> int | None:
        return obj.district_id


class WorkplaceIn(Schema):
    name: str = Field(max_length=200)
    governorate: int | None = Field(None, description="Defaults to the employer's")
    district: int | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    address: str = Field("", max_length=300)


class WorkplacePatchIn(Schema):
    name: str | None = Field(None, max_length=200)
    governorate: int | None = None
    district: int | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    address: str | None = Field(None, max_length=300)


class EmployerOut(Stamped):
    kind: Employer.Kind
    name_ar: str
    name_en: str
    owner_name: str
    sector: str = Field(description="ISIC Rev.4 section, A to U")
    size: str
    contact_name: str
    phone: str = Field(description="E.164")
    governorate: int
    district: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    address: str
    notes: str

    @staticmethod
    def resolve_governorate(obj) -> int:
        return obj.governorate_id

    @staticmethod
    def resolve_district(obj) -> int | None:
        return obj.district_id


WorkplaceListOut = page_of(WorkplaceOut)


class EmployerDetailOut(EmployerOut):
    workplaces: list[WorkplaceOut]

    @staticmethod
    def resolve_workplaces(obj: Employer) -> list:
        return list(queries.workplaces_of(obj))


EmployerListOut = page_of(EmployerOut)


class EmployerIn(Schema):
    owner: int | None = OWNER
    kind: Employer.Kind
    name_ar: str = Field("", max_length=200)
    name_en: str = Field("", max_length=200)
    owner_name: str = Field("", max_length=200)
    sector: str = Field(max_length=1, description="ISIC Rev.4 section, A to U")
    size: Employer.Size | None = None
    contact_name: str = Field("", max_length=200)
    phone: str = Field("", max_length=30, description="E.164, or a local number of the country")
    governorate: int
    district: int | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    address: str = Field("", max_length=300)
    notes: str = Field("", max_length=5000)


class EmployerPatchIn(Schema):
    """Only the fields sent are changed."""

    kind: Employer.Kind | None = None
    name_ar: str | None = Field(None, max_length=200)
    name_en: str | None = Field(None, max_length=200)
    owner_name: str | None = Field(None, max_length=200)
    sector: str | None = Field(None, max_length=1)
    size: Employer.Size | None = None
    contact_name: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=30)
    governorate: int | None = None
    district: int | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    address: str | None = Field(None, max_length=300)
    notes: str | None = Field(None, max_length=5000)


OSH_DESCRIPTION = 'Checklist item code → "yes", "no" or "na"; items not checked are left out'


class VisitOut(Stamped):
    employer: int
    workplace: int | None
    date: datetime.date
    purpose: FarmVisit.Purpose
    staff: list[int] = Field(description="User ids")
    findings: str
    osh_checklist: dict[str, str] = Field(description=OSH_DESCRIPTION)
    next_steps: str

    @staticmethod
    def resolve_employer(obj) -> int:
        return obj.employer_id

    @staticmethod
    def resolve_workplace(obj) -> int | None:
        return obj.workplace_id

    @staticmethod
    def resolve_staff(obj: FarmVisit) -> list[int]:
        return sorted(user.pk for user in obj.staff.all())


VisitListOut = page_of(VisitOut)


class VisitIn(Schema):
    employer: int
    workplace: int | None = None
    date: ApiDate
    purpose: FarmVisit.Purpose
    staff: list[int] = Field(description="User ids; defaults to you", default_factory=list)
    findings: str = Field("", max_length=5000)
    osh_checklist: dict[str, str] = Field(default_factory=dict, description=OSH_DESCRIPTION)
    next_steps: str = Field("", max_length=5000)
    reason: str = Field("", max_length=2000, description=LOCK_REASON)


class VisitPatchIn(Schema):
    workplace: int | None = None
    date: ApiDate | None = None
    purpose: FarmVisit.Purpose | None = None
    staff: list[int] | None = None
    findings: str | None = Field(None, max_length=5000)
    osh_checklist: dict[str, str] | None = Field(None, description=OSH_DESCRIPTION)
    next_steps: str | None = Field(None, max_length=5000)
    reason: str | None = Field(None, max_length=2000, description=LOCK_REASON)
