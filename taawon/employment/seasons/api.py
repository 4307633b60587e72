"""Crop calendars, farm crops, the labour demand forecast and season notices over the API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Status

from taawon.core.api_pages import PageIn, fetch_page
from taawon.core.fields import ApiDate

from ..employers import queries as employer_queries
from ..unit.api import CHANGE, _ref, listing, owning_unit, router
from . import queries, services
from .schemas import (
    CropCalendarIn,
    CropCalendarListOut,
    CropCalendarOut,
    CropCalendarPatchIn,
    FarmCropIn,
    FarmCropListOut,
    FarmCropOut,
    FarmCropPatchIn,
    ForecastOut,
    SeasonNoticeIn,
    SeasonNoticeOut,
)

# ---- Crop calendars and farm crops --------------------------------------------------------


@router.get(
    "/crop-calendars",
    response=CropCalendarListOut,
    summary="List crop calendars",
    description=listing("Calendars of your units, by governorate and crop."),
    operation_id="taawon_employment_api_seasons_list_crop_calendars",
)
def list_crop_calendars(
    request: HttpRequest,
    page: Query[PageIn],
    governorate: int | None = None,
    crop: str = "",
):
    qs = queries.crop_calendar_list(request.auth, governorate=governorate, crop=crop)
    return fetch_page(qs, page)


@router.get(
    "/crop-calendars/{int:calendar_id}",
    response=CropCalendarOut,
    summary="Read a crop calendar",
    operation_id="taawon_employment_api_seasons_read_crop_calendar",
)
def read_crop_calendar(request: HttpRequest, calendar_id: int):
    return queries.get_crop_calendar_for_user(request.auth, calendar_id)


@router.post(
    "/crop-calendars",
    response={201: CropCalendarOut},
    summary="Add a crop calendar",
    operation_id="taawon_employment_api_seasons_create_crop_calendar",
)
def create_crop_calendar(request: HttpRequest, payload: CropCalendarIn):
    user = request.auth
    data = payload.dict()
    owner = owning_unit(user, data.pop("owner"))
    calendar = services.add_crop_calendar(owner=owner, created_by=user, **data)
    return Status(201, queries.get_crop_calendar_for_user(user, calendar.pk))


@router.patch(
    "/crop-calendars/{int:calendar_id}",
    response=CropCalendarOut,
    summary="Change a crop calendar",
    operation_id="taawon_employment_api_seasons_update_crop_calendar",
)
def update_crop_calendar(request: HttpRequest, calendar_id: int, payload: CropCalendarPatchIn):
    user = request.auth
    calendar = queries.get_crop_calendar_for_user(user, calendar_id, CHANGE)
    services.update_crop_calendar(
        calendar=calendar, updated_by=user, **payload.dict(exclude_unset=True)
    )
    return queries.get_crop_calendar_for_user(user, calendar.pk)


@router.get(
    "/farm-crops",
    response=FarmCropListOut,
    summary="List farm crops",
    description=listing("Crops the farms of your units grow; `employer` keeps one farm's."),
    operation_id="taawon_employment_api_seasons_list_farm_crops",
)
def list_farm_crops(request: HttpRequest, page: Query[PageIn], employer: int | None = None):
    farm = employer_queries.get_employer_for_user(request.auth, employer) if employer else None
    return fetch_page(queries.farm_crop_list(request.auth, employer=farm), page)


@router.get(
    "/farm-crops/{int:farm_crop_id}",
    response=FarmCropOut,
    summary="Read a farm crop",
    operation_id="taawon_employment_api_seasons_read_farm_crop",
)
def read_farm_crop(request: HttpRequest, farm_crop_id: int):
    return queries.get_farm_crop_for_user(request.auth, farm_crop_id)


@router.post(
    "/farm-crops",
    response={201: FarmCropOut},
    summary="Add a crop a farm grows",
    operation_id="taawon_employment_api_seasons_create_farm_crop",
)
def create_farm_crop(request: HttpRequest, payload: FarmCropIn):
    user = request.auth
    data = payload.dict()
    employer = _ref(employer_queries.get_employer_for_user, user, data.pop("employer"), "employer")
    crop = services.add_farm_crop(employer=employer, created_by=user, **data)
    return Status(201, queries.get_farm_crop_for_user(user, crop.pk))


@router.patch(
    "/farm-crops/{int:farm_crop_id}",
    response=FarmCropOut,
    summary="Change a farm crop",
    operation_id="taawon_employment_api_seasons_update_farm_crop",
)
def update_farm_crop(request: HttpRequest, farm_crop_id: int, payload: FarmCropPatchIn):
    user = request.auth
    crop = queries.get_farm_crop_for_user(user, farm_crop_id, CHANGE)
    services.update_farm_crop(farm_crop=crop, updated_by=user, **payload.dict(exclude_unset=True))
    return queries.get_farm_crop_for_user(user, crop.pk)


# ---- Forecast and notices -----------------------------------------------------------------


@router.get(
    "/labour-forecast",
    response=ForecastOut,
    summary="Seasonal labour demand, month by month per governorate",
    description="Workers needed from `start`'s month (default: this month) for `months` "
    "months, from the crops of the farms you may read, with the seasons starting then.",
    operation_id="taawon_employment_api_seasons_labour_forecast",
)
def labour_forecast(
    request: HttpRequest,
    start: ApiDate | None = None,
    months: int = Query(12, ge=1, le=24),
    governorate: int | None = None,
):
    forecast = queries.labour_forecast(
        request.auth, first=start, count=months, governorate=governorate
    )
    return {
        "months": forecast.months,
        "totals": forecast.totals,
        "rows": [
            {
                "governorate": row.governorate.pk,
                "workers": row.workers,
                "seasons": [
                    {"month": day, "crops": [getattr(c, "code", c) for c in crops]}
                    for day, crops in row.seasons
                ],
            }
            for row in forecast.rows
        ],
    }


@router.post(
    "/season-notices",
    response=SeasonNoticeOut,
    summary="Send a season notice",
    description="Queues one SMS, in their language, to each job seeker of the unit who could "
    "work the season starting in `governorate` in `month`'s month. A job seeker who had it "
    "already is not sent it again.",
    operation_id="taawon_employment_api_seasons_send_season_notices",
)
def send_season_notices(request: HttpRequest, payload: SeasonNoticeIn):
    user = request.auth
    data = payload.dict()
    owner = owning_unit(user, data.pop("owner"))
    notices = services.send_season_notices(owner=owner, sent_by=user, **data)
    return {"crops": notices.crops, "queued": notices.queued, "counts": notices.counts}
