"""Request and response bodies of /api/v1/complaints."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from taawon.core.api_pages import page_of

from .models import Category, ComplainantKind, ComplaintStatus, ReferralService


class StepOut(Schema):
    at: datetime.datetime
    by: str | None
    status: ComplaintStatus
    note: str


class ComplaintOut(Schema):
    id: int
    reference: str
    owner_id: int
    channel: str
    complainant_kind: ComplainantKind
    category: Category
    sensitive: bool
    status: ComplaintStatus
    received_at: datetime.datetime
    acknowledge_by: datetime.datetime
    acknowledged_at: datetime.datetime | None
    overdue: bool
    referred_to: str
    closed_at: datetime.datetime | None
    days_to_close: int | None
    person_informed: bool
    satisfaction: int | None
    person_id: int | None
    employer_id: int | None
    actions: list[str] = Field(description="Steps you may take on this complaint now")


class ComplaintDetailOut(ComplaintOut):
    description: str
    contact_name: str
    contact_phone: str
    language: str
    steps: list[StepOut]


ComplaintListOut = page_of(ComplaintOut)


class ComplaintIn(Schema):
    owner_id: int
    category: Category
    description: str = Field(max_length=4000)
    complainant_kind: ComplainantKind = ComplainantKind.ANONYMOUS
    contact_name: str = Field("", max_length=200)
    contact_phone: str = Field("", max_length=30)
    language: str = Field("ar", max_length=5)
    sensitive: bool = False
    person_id: int | None = None
    employer_id: int | None = None
    named_staff_id: int | None = None


class ReceiptOut(Schema):
    complaint: ComplaintOut
    pin: str = Field(description="Given once with the reference, to follow the complaint")


class StepIn(Schema):
    action: str = Field(description="acknowledge, start, refer, resolve, close or note")
    note: str = Field("", max_length=4000)
    service: ReferralService | None = None
    person_informed: bool | None = None
    satisfaction: int | None = None
