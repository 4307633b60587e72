"""Shapes of awareness sessions, with participants and head counts."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

from taawon.core.api_pages import page_of
from taawon.core.fields import ApiDate
from taawon.indicators.locks import LOCK_REASON

from .. import rules
from ..unit.schemas import OWNER, Stamped
from .models import AwarenessSession


class HeadCountIO(Schema):
    sex: str = Field(description="female or male")
    nationality: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2")
    count: int = Field(ge=0)


class AwarenessOut(Stamped):
    topic: AwarenessSession.Topic
    topic_detail: str
    date: datetime.date
    governorate: int
    district: int | None
    venue: str
    facilitator: str
    participants: list[int] = Field(description="Registered persons' ids")
    head_counts: list[HeadCountIO] = Field(description="Participants who were not registered")
    notes: str
    actions: list[Literal["change"]] = Field(
        description="change (PATCH) when the session is yours to change; empty otherwise"
    )

    @staticmethod
    def resolve_governorate(obj) -> int:
        return obj.governorate_id

    @staticmethod
    def resolve_district(obj) -> int | None:
        return obj.district_id

    @staticmethod
    def resolve_participants(obj: AwarenessSession) -> list[int]:
        return sorted(p.pk for p in obj.participants.all())

    @staticmethod
    def resolve_head_counts(obj: AwarenessSession) -> list[dict]:
        return [
            {"sex": h.sex, "nationality": h.nationality, "count": h.count}
            for h in sorted(obj.head_counts.all(), key=lambda h: (h.nationality, h.sex))
        ]

    @staticmethod
    def resolve_actions(obj: AwarenessSession, context) -> list[str]:
        return rules.awareness_actions(context["request"].auth, obj)


AwarenessListOut = page_of(AwarenessOut)


class AwarenessIn(Schema):
    owner: int | None = OWNER
    topic: AwarenessSession.Topic
    topic_detail: str = Field("", max_length=200, description="Required when topic is other")
    date: ApiDate
    governorate: int
    district: int | None = None
    venue: str = Field(max_length=200)
    facilitator: str = Field(max_length=200)
    participants: list[int] = Field(default_factory=list, description="Registered persons' ids")
    head_counts: list[HeadCountIO] = Field(default_factory=list)
    notes: str = Field("", max_length=5000)
    reason: str = Field("", max_length=2000, description=LOCK_REASON)


class AwarenessPatchIn(Schema):
    """Only the fields sent are changed; `participants` and `head_counts` replace the lists."""

    topic: AwarenessSession.Topic | None = None
    topic_detail: str | None = Field(None, max_length=200)
    date: ApiDate | None = None
    governorate: int | None = None
    district: int | None = None
    venue: str | None = Field(None, max_length=200)
    facilitator: str | None = Field(None, max_length=200)
    participants: list[int] | None = None
    head_counts: list[HeadCountIO] | None = None
    notes: str | None = Field(None, max_length=5000)
    reason: str | None = Field(None, max_length=2000, description=LOCK_REASON)
