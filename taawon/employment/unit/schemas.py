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


class UnitIndicatorOut(Schema):
    code: str
    label: str
    value: int | str = Field(description='The count; "<5" for an aggregate viewer under 5')
    syrians: int | str | None = Field(description='Syrians counted; "<5" as for `value`')
    women: int | str | None = Field(description='Women counted; "<5" as for `value`')
    syrian_share: float | None = Field(description="Share of Syrians, 0 to 1; null if unknown")
    women_share: float | None = Field(description="Share of women, 0 to 1; null if unknown")


class UnitIndicatorsOut(Schema):
    start: datetime.date
    end: datetime.date
    unit: int | None
    suppressed: bool = Field(description="Small cells hidden (aggregate viewers)")
    edits_after_lock: int = Field(
        description="Records of the period's locked days created or changed after the lock "
        "(each with a reason kept)"
    )
    indicators: list[UnitIndicatorOut]
