from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Schema

from taawon.core.api_pages import page_of

Value = int | Decimal | str


class KeyOut(Schema):
    key: str
    label: str


class DimensionOut(Schema):
    code: str
    label: str
    needs_person: bool
    keys_depend_on_period: bool
    keys: list[KeyOut] | None = None


class IndicatorOut(Schema):
    code: str
    name: str
    definition: str
    unit: str
    dimensions: list[str]


IndicatorListOut = page_of(IndicatorOut)
DimensionListOut = page_of(DimensionOut)


class CellOut(Schema):
    keys: dict[str, str]
    value: Value


class TableOut(Schema):
    indicator: IndicatorOut
    start: datetime.date
    end: datetime.date
    dimensions: list[str]
    filters: dict[str, str]
    keys: dict[str, list[KeyOut]]
    cells: list[CellOut]
    row_totals: list[CellOut]
    col_totals: list[CellOut]
    total: Value
    suppressed: bool
