"""Request and response bodies of /api/v1/grants. Amounts are strings of decimal digits (never
JSON numbers, which clients read as floats), each with its currency."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from taawon.core.api_pages import page_of
from taawon.core.fields import ApiDate


class GrantCallOut(Schema):
    id: int
    title: str
    kind: str
    country: str
    currency: str
    budget: str
    max_grant: str
    awarded: str
    opens_on: datetime.date
    closes_on: datetime.date
    scoring_closes_on: datetime.date
    published: bool
    owner_id: int


GrantCallListOut = page_of(GrantCallOut)


class GrantApplicationOut(Schema):
    id: int
    call_id: int
    owner_id: int
    name: str
    sector: str
    governorate: str
    locality: str | None
    amount_requested: str
    currency: str
    jobs_planned: int
    eligibility: str
    rank: int | None = Field(
        description="Rank by the panel's average; null until all scores are in"
    )
    score: str | None = Field(description="The panel's average out of 100, once all scores are in")
    awarded: str | None


GrantApplicationListOut = page_of(GrantApplicationOut)


class GrantScoresIn(Schema):
    scores: dict[str, str] = Field(description="criterion id -> score, from 0 to the call's scale")


class GrantDeclarationIn(Schema):
    conflicted: bool
    note: str = ""


class GrantAwardIn(Schema):
    amount: str
    decided_on: ApiDate
    departure_reason: str = ""


class GrantAwardOut(Schema):
    id: int
    application_id: int
    call_id: int
    amount: str
    currency: str
    decided_on: datetime.date
    rank: int | None
    departs_from_ranking: bool
    departure_reason: str
    agreement_reference: str
    agreement_signed_on: datetime.date | None
    committed: str
    paid: str


GrantAwardListOut = page_of(GrantAwardOut)


class GrantTrainingOut(Schema):
    participant_id: int
    event_id: int
    event: str
    course_id: int
    course: str
    start_date: datetime.date
    end_date: datetime.date
    completed: bool
    certified: bool


class GrantTrancheIn(Schema):
    amount: str
    planned_on: ApiDate


class GrantPaymentIn(Schema):
    paid_on: ApiDate
    reference: str
    paid_currency: str = ""
    exchange_rate: str | None = None
    rate_source: str = ""


class GrantTrancheOut(Schema):
    id: int
    award_id: int
    number: int
    amount: str
    currency: str
    status: str
    planned_on: datetime.date
    approved_on: datetime.date | None
    paid_on: datetime.date | None
    reference: str
    paid_currency: str
    paid_amount: str | None
    exchange_rate: str | None
    rate_source: str


class GrantApprovalIn(Schema):
    approved_on: ApiDate


class GrantReportOut(Schema):
    funded: int
    by_sector: dict[str, int]
    awarded: dict[str, str]
    paid: dict[str, str]
    jobs_total: int
    jobs_men: int
    jobs_women: int
    jobs: dict[str, int] = Field(description="'sex/nationality' -> jobs created")
    survival: dict[str, int | None] = Field(description="followed and surviving at 6 and 12 months")


class GrantFollowUpIn(Schema):
    what: str = Field(description="status, progress, jobs or visit")
    date: ApiDate
    status: str = ""
    revenue: str | None = None
    results: str = ""
    placement_id: int | None = Field(None, description="jobs: a placement of an employment unit")
    count: int | None = Field(None, description="jobs: a head count, without placement_id")
    sex: str = ""
    nationality: str = ""
    kind: str = ""
    mentor: str = ""
    topics: str = ""
    follow_up_actions: str = ""


class GrantFollowUpOut(Schema):
    id: int
    what: str


GrantTrainingListOut = page_of(GrantTrainingOut)
