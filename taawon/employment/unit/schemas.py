"""What every employment resource's shapes share (the owner and stamps), and the unit
indicators. Pages are core's (`taawon.core.api_pages.page_of`)."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

OWNER = Field(
    None,
    description=(
        "Employment unit (organisation id); required when you may add records for more than one"
    ),
)


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
