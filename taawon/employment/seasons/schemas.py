"""Shapes of crop calendars, farm crops, the labour demand forecast and season notices."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from taawon.core.api_pages import page_of
from taawon.core.fields import ApiDate

from ..unit.schemas import OWNER, Stamped

MONTHS = Field(default_factory=list, description="Month numbers, 1 (January) to 12")


class CropCalendarOut(Stamped):
    crop: str = Field(description="Crop code (reference list of crops)")
    governorate: int
    planting_months: list[int]
    harvest_months: list[int]
    workers_per_dunum: Decimal
    notes: str

    @staticmethod
    def resolve_governorate(obj) -> int:
        return obj.governorate_id


CropCalendarListOut = page_of(CropCalendarOut)


class CropCalendarIn(Schema):
    owner: int | None = OWNER
    crop: str
    governorate: int
    planting_months: list[int] = MONTHS
    harvest_months: list[int] = MONTHS
    workers_per_dunum: Decimal = Field(description="Workers a dunum needs in the months worked")
    notes: str = Field("", max_length=300)


class CropCalendarPatchIn(Schema):
    crop: str | None = None
    governorate: int | None = None
    planting_months: list[int] | None = None
    harvest_months: list[int] | None = None
    workers_per_dunum: Decimal | None = None
    notes: str | None = Field(None, max_length=300)


class FarmCropOut(Stamped):
    employer: int
    workplace: int | None
    calendar: int
    crop: str
    dunums: Decimal

    @staticmethod
    def resolve_employer(obj) -> int:
        return obj.employer_id

    @staticmethod
    def resolve_workplace(obj) -> int | None:
        return obj.workplace_id

    @staticmethod
    def resolve_calendar(obj) -> int:
        return obj.calendar_id

    @staticmethod
    def resolve_crop(obj) -> str:
        return obj.calendar.crop


FarmCropListOut = page_of(FarmCropOut)


class FarmCropIn(Schema):
    employer: int = Field(description="The farm (employer id)")
    calendar: int = Field(description="A crop calendar of the farm's governorate")
    workplace: int | None = None
    dunums: Decimal


class FarmCropPatchIn(Schema):
    calendar: int | None = None
    workplace: int | None = None
    dunums: Decimal | None = None


class SeasonOut(Schema):
    month: datetime.date = Field(description="First day of the month the season starts in")
    crops: list[str]


class ForecastRowOut(Schema):
    governorate: int
    workers: list[int] = Field(description="Workers needed, one per month of `months`")
    seasons: list[SeasonOut]


class ForecastOut(Schema):
    months: list[datetime.date]
    rows: list[ForecastRowOut]
    totals: list[int]


class SeasonNoticeIn(Schema):
    owner: int | None = OWNER
    governorate: int
    month: ApiDate = Field(description="Any day of the month the season starts in")


class SeasonNoticeOut(Schema):
    crops: list[str]
    queued: int
    counts: dict[str, int] = Field(
        description="Per outcome: queued, already (sent before), no_phone, refused_sms, bad_phone"
    )
