"""What every employment resource's shapes share (the owner, stamps and pages), and the
unit indicators."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

OWNER = Field(
    None,
    description=(
        "Employment unit (organisation id); required when you may add records for more than one"
    ),
)
PAGE = "Pages never count the whole table: follow `next_offset` (null on the last page)."


class Page(Schema):
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last page")


class Stamped(Schema):
    id: int
    owner: int = Field(description="Owning employment unit (organisation id)")
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_owner(obj) -> int:
        return obj.owner_id


class IndicatorOut(Schema):
    code: str
    label: str
    value: int
    syrians: int | None
    women: int | None
    syrian_share: float | None
    women_share: float | None


class UnitIndicatorsOut(Schema):
    start: datetime.date
    end: datetime.date
    unit: int | None
    indicators: list[IndicatorOut]
