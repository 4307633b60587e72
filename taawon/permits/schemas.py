"""Shapes of work permits in the API: what goes in for each transition, what comes out.

A permit shows of its holder only what the ministry needs (name, sex, nationality, the kinds
of identifier held), never the phone or the identifiers themselves.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from taawon.core.api_pages import PAGE_NOTE, page_of
from taawon.core.fields import ApiDate
from taawon.indicators.locks import LOCK_REASON

from . import documents, queries, rules
from .models import MessageLanguage, Permit, PermitKind, PermitStatus, Sector

PAGE = PAGE_NOTE


class HolderOut(Schema):
    id: int = Field(description="The registry person (their page is not open to every reader)")
    name_ar: str
    name_en: str
    sex: str
    nationality: str = Field(description="ISO 3166-1 alpha-2; empty when not recorded")
    identifier_kinds: list[str] = Field(description="Kinds of identifier held, not their values")


class PermitOut(Schema):
    id: int
    owner: int = Field(description="Organisation handling it (the cooperative or its unit)")
    cooperative: int
    cooperative_name: str
    holder: HolderOut
    sector: Sector
    kind: PermitKind
    employer_name: str
    status: PermitStatus
    state: str = Field(description="The status, or `expired` for an issued permit past its end")
    documents: list[str] = Field(description="Codes of the documents received")
    missing_documents: list[str] = Field(description="Required documents not yet received")
    language: MessageLanguage
    applied_on: datetime.date | None
    submitted_on: datetime.date | None
    ministry_reference: str
    permit_number: str | None
    issued_on: datetime.date | None
    expires_on: datetime.date | None
    fee_paid: Decimal | None
    fee_currency: str
    decided_on: datetime.date | None
    rejection_reason: str
    cancelled_on: datetime.date | None
    cancellation_reason: str
    previous: int | None = Field(description="The permit this one renews")
    actions: list[str] = Field(
        description=(
            "What you may do with the permit now, by name, of: "
            + ", ".join(rules.ACTIONS)
            + " (each the endpoint of that name: `documents` is PUT /{id}/documents, the "
            "others POST /{id}/<action>). Your role and the permit's state decide it; the "
            "values you send are still checked."
        )
    )
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_owner(obj: Permit) -> int:
        return obj.owner_id

    @staticmethod
    def resolve_cooperative(obj: Permit) -> int:
        return obj.cooperative_id

    @staticmethod
    def resolve_cooperative_name(obj: Permit) -> str:
        return obj.cooperative.display_name

    @staticmethod
    def resolve_holder(obj: Permit) -> dict:
        holder = queries.holder_of(obj)
        return {
            "id": holder.person_id,
            "name_ar": holder.name_ar,
            "name_en": holder.name_en,
            "sex": holder.sex,
            "nationality": holder.nationality,
            "identifier_kinds": list(holder.identifier_kinds),
        }

    @staticmethod
    def resolve_state(obj: Permit) -> str:
        return queries.state_of(obj)

    @staticmethod
    def resolve_missing_documents(obj: Permit) -> list[str]:
        return documents.missing(obj.kind, obj.documents)

    @staticmethod
    def resolve_previous(obj: Permit) -> int | None:
        return obj.previous_id

    @staticmethod
    def resolve_actions(obj: Permit, context) -> list[str]:
        return rules.allowed_actions(context["request"].auth, obj)


PermitListOut = page_of(PermitOut)


DOCUMENTS = Field(
    default_factory=list,
    description="Codes of the documents received, of: " + ", ".join(documents.DOCUMENTS),
)


class ApplicationIn(Schema):
    person: int = Field(description="Registry person (id) you may read")
    cooperative: int = Field(description="Cooperative (id) the permit is under")
    owner: int | None = Field(
        None,
        description=(
            "Organisation handling it: the cooperative's or one of its units; by default the "
            "unit that registered the person, else your own"
        ),
    )
    sector: Sector
    kind: PermitKind = PermitKind.FLEXIBLE
    employer_name: str = Field("", max_length=200, description="For an employer-specific permit")
    language: MessageLanguage = MessageLanguage.ARABIC
    applied_on: ApiDate | None = Field(None, description="Default: today")
    documents: list[str] = DOCUMENTS


class DocumentsIn(Schema):
    documents: list[str] = DOCUMENTS


class SubmitIn(Schema):
    submitted_on: ApiDate | None = Field(None, description="Default: today")
    ministry_reference: str = Field("", max_length=50)


class IssueIn(Schema):
    permit_number: str = Field(max_length=60)
    issued_on: ApiDate
    expires_on: ApiDate
    fee_paid: Decimal | None = Field(None, description="In dinars, at most three decimals")
    ministry_reference: str = Field("", max_length=50)
    reason: str = Field("", max_length=2000, description=LOCK_REASON)


class RejectIn(Schema):
    rejection_reason: str = Field(max_length=2000)
    ministry_reference: str = Field("", max_length=50)


class RenewIn(Schema):
    applied_on: ApiDate | None = Field(None, description="Default: today")


class CancelIn(Schema):
    cancellation_reason: str = Field(max_length=2000)
    cancelled_on: ApiDate | None = Field(None, description="Default: today")


class RowOut(Schema):
    key: str
    label: str
    count: int
    share: Decimal | None = Field(description="Percent of the report's total, one decimal")


class ReportOut(Schema):
    start: datetime.date
    end: datetime.date
    total: int
    by_sex: list[RowOut]
    by_nationality: list[RowOut]
    by_sector: list[RowOut]
    by_cooperative: list[RowOut]
    by_governorate: list[RowOut] = Field(description="By the cooperative's governorate")
    syrians: int = Field(description="Permits for Syrians in the report")
    national_total: int | None
    share_of_national: Decimal | None = Field(
        description="`syrians` in percent of `national_total`, one decimal"
    )
