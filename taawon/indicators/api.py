"""The indicators' REST resources, mounted at /api/v1/indicators: the same engine, scope and
validation as the page. Bad parameters are 400 with the field at fault named."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from ninja import Query, Router

from taawon.core.api_pages import PAGE_NOTE, PageIn, fetch_page

from . import access, dhis2, dimensions, registry
from .engine import compute
from .published import publish
from .schemas import (
    DimensionListOut,
    DimensionOut,
    IndicatorListOut,
    IndicatorOut,
    KeyOut,
    TableOut,
)

router = Router(tags=["indicators"])

# Query parameters that are not filters on a dimension's key.
RESERVED = {"start", "end", "by"}
NO_DIMENSIONS = Query([])


def _require_viewer(request: HttpRequest) -> None:
    if not access.may_see_indicators(request.user):
        raise Http404


def _indicator_out(indicator: registry.Indicator, user) -> IndicatorOut:
    codes = dimensions.allowed(indicator)
    if access.aggregate_only(user):
        codes = [c for c in codes if not dimensions.DIMENSIONS[c].fine]
    return IndicatorOut(
        code=indicator.code,
        name=str(indicator.name),
        definition=str(indicator.definition),
        unit=indicator.unit,
        dimensions=codes,
    )


@router.get(
    "",
    response=IndicatorListOut,
    operation_id="indicators_list",
    summary="Indicators: code, name, definition, unit and the dimensions that break it down",
    description=f"The registered indicators, in their order. {PAGE_NOTE}",
)
def indicator_list(request: HttpRequest, page: Query[PageIn]):
    _require_viewer(request)
    return fetch_page([_indicator_out(i, request.user) for i in registry.all_indicators()], page)


@router.get(
    "/dimensions",
    response=DimensionListOut,
    operation_id="indicators_dimensions",
    summary="Dimensions: code, label and, but for periods, their keys as the caller sees them",
    description=f"Every dimension, in its order. {PAGE_NOTE}",
)
def dimension_list(request: HttpRequest, page: Query[PageIn]):
    _require_viewer(request)
    today = datetime.date.today()
    result = []
    probe = registry.all_indicators()[0] if registry.INDICATORS else None
    for code, dimension in dimensions.DIMENSIONS.items():
        keys = None
        if not dimension.period and probe is not None:
            viewer = access.viewer(request.user, probe)
            keys = [KeyOut(key=k, label=lab) for k, lab in dimension.keys(today, today, viewer)]
        result.append(
            DimensionOut(
                code=code,
                label=str(dimension.label),
                needs_person=dimension.person,
                keys_depend_on_period=dimension.period,
                keys=keys,
            )
        )
    return fetch_page(result, page)


@router.get(
    "/dhis2",
    response=dict,
    operation_id="indicators_dhis2",
    summary="The indicators of a whole month, quarter or year as a DHIS2 dataValueSets document, "
    "through the mapping file of TAAWON_DHIS2_MAPPING (programme officers only)",
)
def dhis2_data_value_set(request: HttpRequest, start: str = "", end: str = ""):
    if not dhis2.may_export(request.user):
        raise Http404
    return dhis2.export(request.user, start=start, end=end)


@router.get(
    "/{code}",
    response=TableOut,
    operation_id="indicators_table",
    summary="An indicator over [start, end], by up to two dimensions (by=sex&by=governorate); "
    "any other parameter named after a dimension keeps only that key (sex=female)",
)
def indicator_table(
    request: HttpRequest,
    code: str,
    start: str = "",
    end: str = "",
    by: list[str] = NO_DIMENSIONS,
):
    _require_viewer(request)
    filters = {
        name: value
        for name, value in request.GET.items()
        if name not in RESERVED and name in dimensions.DIMENSIONS
    }
    table = compute(request.user, code, start=start, end=end, by=by, filters=filters)
    shown = publish(table, request.user)
    names = table.dimensions

    def cell(keys: tuple[str, ...]) -> dict:
        return {"keys": dict(zip(names, keys, strict=True)), "value": shown.cell(*keys)}

    return {
        "indicator": _indicator_out(table.indicator, request.user),
        "start": table.start,
        "end": table.end,
        "dimensions": list(names),
        "filters": table.filters,
        "keys": {
            name: [{"key": k, "label": table.labels[name][k]} for k in keys]
            for name, keys in zip(names, table.keys, strict=True)
        },
        "cells": [cell(keys) for keys in table.cells],
        "row_totals": [
            {"keys": {names[0]: k}, "value": shown.row_total(k)} for k in table.row_totals
        ],
        "col_totals": [
            {"keys": {names[1]: k}, "value": shown.col_total(k)} for k in table.col_totals
        ],
        "total": shown.total,
        "suppressed": shown.suppressed,
    }
