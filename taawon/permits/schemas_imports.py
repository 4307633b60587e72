"""Schemas of the permit import API (taawon.permits.import_api)."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

from taawon.core.api_pages import page_of


class ImportErrorOut(Schema):
    row: int | None = Field(None, description="The row number as Excel shows it; none for the file")
    column: str = Field("", description="The column's header as the file writes it")
    code: str
    message: str = Field(description="In the request's language")
    value: str | None = None


class ImportSummaryOut(Schema):
    id: int
    filename: str
    size: int
    status: str
    owner_id: int
    counts: dict[str, int] = Field(
        description="rows, create, update, unchanged, rows_with_errors, persons_by_identifier, "
        "persons_by_duplicate_check, persons_new; after a commit also permits_created, "
        "permits_updated, persons_created"
    )
    error_count: int
    created_at: datetime.datetime
    checked_at: datetime.datetime | None
    committed_at: datetime.datetime | None


class ImportOut(ImportSummaryOut):
    headers: list[str]
    mapping: dict[str, str | None] = Field(description="The file's header for each column key")
    day_first: bool | None
    file_error: ImportErrorOut | None
    errors: list[ImportErrorOut] = Field(description="A page of the errors (errors_offset)")
    errors_offset: int
    errors_limit: int


ImportListOut = page_of(ImportSummaryOut, "ImportListOut")


class ErrorPage(Schema):
    errors_limit: int = Field(100, ge=0, le=1000)
    errors_offset: int = Field(0, ge=0)


class MappingIn(Schema):
    mapping: dict[str, str | None] = Field(
        description="For each column key, the header of the file that holds it (null: none)"
    )
    date_order: Literal["auto", "day", "month"] = "auto"
