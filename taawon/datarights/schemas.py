"""Shapes of data requests and agreements in the API."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from taawon.core.api_pages import page_of
from taawon.core.fields import ApiDate

from . import rules
from .models import CorrectionRequest, SharingAgreement


class AccessRequestOut(Schema):
    id: int
    person: int = Field(alias="person_id")
    owner: int = Field(alias="owner_id")
    identity_check: str
    identity_note: str
    language: str
    created_at: datetime.datetime
    created_by: int | None = Field(alias="created_by_id")


class CorrectionIn(Schema):
    person: int
    field: str = Field(description="The person's field that is wrong, e.g. `family_name_ar`")
    requested_value: str = Field(description="What it should be (dates as yyyy-mm-dd)")
    statement: str = ""
    identity_check: str = Field(description="document, unhcr, known or callback")


class RefusalIn(Schema):
    reason: str


class CorrectionOut(Schema):
    id: int
    person: int = Field(alias="person_id")
    owner: int = Field(alias="owner_id")
    field: str
    current_value: str
    requested_value: str
    statement: str
    identity_check: str
    status: str = Field(description="open, corrected or refused")
    refusal_reason: str
    decided_at: datetime.datetime | None
    decided_by: int | None = Field(alias="decided_by_id")
    change_event: int | None = Field(
        alias="change_event_id", description="The audit event of the change made"
    )
    created_at: datetime.datetime
    actions: list[str] = Field(description="What you may do now: apply, refuse")

    @staticmethod
    def resolve_actions(obj: CorrectionRequest, context) -> list[str]:
        return rules.correction_actions(context["request"].auth, obj)


class ConsentChangeIn(Schema):
    person: int
    purpose: str = Field(description="registration, data_sharing, sms or photos")
    given: bool = Field(description="false withdraws the consent, true gives it again")
    note: str = ""


class ConsentOut(Schema):
    id: int
    person: int = Field(alias="person_id")
    purpose: str
    given: bool
    date: datetime.date


class AgreementIn(Schema):
    owner: int | None = Field(None, description="Owning organisation (when you have several)")
    partner: str
    purpose: str
    fields_shared: str
    starts_on: ApiDate
    ends_on: ApiDate
    document_reference: str


class AgreementOut(Schema):
    id: int
    owner: int = Field(alias="owner_id")
    partner: str
    purpose: str
    fields_shared: str
    starts_on: datetime.date
    ends_on: datetime.date
    document_reference: str
    exports: int = Field(description="Partner exports made under it")

    @staticmethod
    def resolve_exports(obj: SharingAgreement) -> int:
        return obj.exports.count()


AccessRequestListOut = page_of(AccessRequestOut)
CorrectionListOut = page_of(CorrectionOut)
AgreementListOut = page_of(AgreementOut)
