"""Request and response bodies of /api/v1/surveys."""

from __future__ import annotations

import datetime

from ninja import Schema

from taawon.core.api_pages import page_of

from .models import FormStatus, ReviewStatus


class VersionOut(Schema):
    version: str
    created_at: datetime.datetime
    md5: str


class FormOut(Schema):
    id: int
    form_id: str
    title: str
    status: FormStatus
    owner_id: int
    target: str


class MediaOut(Schema):
    filename: str
    uploaded: bool
    md5: str | None = None
    size: int | None = None


class FormDetailOut(FormOut):
    assigned: list[int]
    versions: list[VersionOut]
    media: list[MediaOut]  # the files the current version refers to, uploaded or not


FormListOut = page_of(FormOut)


class SubmissionOut(Schema):
    id: int
    form_id: str
    version: str
    instance_id: str
    owner_id: int
    received_at: datetime.datetime
    status: ReviewStatus
    missing_attachments: list[str]
    actions: list[str]


class SubmissionDetailOut(SubmissionOut):
    data: dict
    attachments: list[str]
    records: dict
    candidates: list[dict]


SubmissionListOut = page_of(SubmissionOut)


class SubmissionReviewIn(Schema):
    action: str
    note: str = ""
    decision: str = ""
