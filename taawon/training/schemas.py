"""Request and response bodies of /api/v1/training."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from taawon.core.api_pages import page_of
from taawon.core.fields import ApiDate

from .models import EventKind, Language, Mode, Role


class CourseOut(Schema):
    id: int
    code: str
    subject: str
    name_en: str
    name_ar: str
    min_attendance_percent: int
    min_post_score: Decimal | None
    score_max: Decimal
    languages: list[str]


class EventOut(Schema):
    id: int
    owner_id: int
    course_id: int
    title: str
    kind: EventKind
    mode: Mode
    language: Language
    start_date: datetime.date
    end_date: datetime.date
    place: str
    platform: str
    organiser: str
    partner: str
    planned_participants: int
    actions: list[str] = Field(description="What you may do on this event")


class ParticipantOut(Schema):
    id: int
    person_id: int
    cooperative_id: int | None
    venture_id: int | None = Field(description="The funded venture (grants award) represented")
    role: Role
    days_attended: int
    pre_score: Decimal | None
    post_score: Decimal | None
    gain: Decimal | None
    completed: bool
    certificate_code: str | None
    certificate_issued_on: datetime.date | None


class FacilitatorOut(Schema):
    id: int
    person_id: int | None
    user_id: int | None
    uncertified_reason: str


class EventDetailOut(EventOut):
    session_days: list[datetime.date]
    facilitators: list[FacilitatorOut]
    participants: list[ParticipantOut]


EventListOut = page_of(EventOut)
CourseListOut = page_of(CourseOut)


class EventIn(Schema):
    owner_id: int
    course_id: int
    kind: EventKind
    mode: Mode
    language: Language = Language.ARABIC
    start_date: ApiDate
    end_date: ApiDate
    title: str = Field("", max_length=200)
    place: str = Field("", max_length=200)
    platform: str = Field("", max_length=200)
    organiser: str = Field("", max_length=200)
    partner: str = Field("", max_length=200)
    planned_participants: int = Field(0, ge=0, le=10_000)


class ParticipantIn(Schema):
    person_id: int
    cooperative_id: int | None = None
    venture_id: int | None = Field(
        None, description="A funded venture (grants award) you read, the person represents"
    )
    role: Role = Role.MEMBER


class FacilitatorIn(Schema):
    person_id: int | None = None
    user_id: int | None = None
    uncertified_reason: str = Field("", max_length=500)


class AttendanceIn(Schema):
    present: dict[int, list[ApiDate]] = Field(
        description="Participant id -> the session days they were present (replaces them)"
    )


class ScoresIn(Schema):
    pre_score: str | None = Field(None, max_length=12)
    post_score: str | None = Field(None, max_length=12)


class GenerationOut(Schema):
    generation: int
    people: int
    by_sex: dict[str, int]
    by_nationality: dict[str, int]


class CascadeOut(Schema):
    generations: list[GenerationOut]
    total: int
