"""Permit imports over HTTP, mounted by taawon.permits.api at /api/v1/permits/imports: the
same services as the pages. Upload a file (multipart) and its dry run starts; read the
import's status, counts and errors; correct its column mapping; commit it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from taawon.accounts import scoping
from taawon.core import audit
from taawon.core.api_pages import PageIn, fetch_page
from taawon.core.exceptions import PermissionDenied, ValidationFailed
from taawon.lib.tabular import DEFAULT_MAX_BYTES, errors_to_xlsx, validate_mapping

from . import queries, rules
from .importing.columns import SPECS
from .importing.messages import HEADINGS, message_for
from .models import PermitImport
from .schemas_imports import ErrorPage, ImportListOut, ImportOut, MappingIn
from .services import imports as services

router = Router(tags=["permit imports"])
import_router = router
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_ORDERS = {"auto": services.AUTO, "day": True, "month": False}


def _error_out(error) -> dict:
    return {
        "row": getattr(error, "row", None),
        "column": getattr(error, "column", ""),
        "code": error.code,
        "message": message_for(error),
        "value": None if error.params.get("value") is None else str(error.params["value"]),
    }


def _out(batch: PermitImport, page: ErrorPage | None = None) -> dict:
    page = page or ErrorPage()
    chunk = batch.errors[page.errors_offset : page.errors_offset + page.errors_limit]
    file_error = services.errors_from_json([batch.file_error])[0] if batch.file_error else None
    return {
        **{
            name: getattr(batch, name)
            for name in (
                "id",
                "filename",
                "size",
                "status",
                "owner_id",
                "counts",
                "error_count",
                "created_at",
                "checked_at",
                "committed_at",
                "headers",
                "mapping",
                "day_first",
            )
        },
        "file_error": _error_out(file_error) if file_error else None,
        "errors": [_error_out(e) for e in services.errors_from_json(chunk)],
        "errors_offset": page.errors_offset,
        "errors_limit": page.errors_limit,
    }


def _to_change(request: HttpRequest, import_id: int) -> PermitImport:
    return queries.get_import_for_user(request.auth, import_id, scoping.CHANGE)


@router.get("", response=ImportListOut, summary="List permit imports")
def list_imports(request: HttpRequest, page: Query[PageIn]):
    return fetch_page(queries.imports_for(request.auth), page)


@router.post("", response={202: ImportOut, 201: ImportOut}, summary="Upload a file for a dry run")
def upload_import(request: HttpRequest, file: File[UploadedFile], owner: Form[int | None] = None):
    """Send the spreadsheet (.xlsx or .csv) as multipart `file`; `owner` is the id of the
    organisation you import for, when you may import for several. When the file's headers
    name every required column, the dry run starts at once (202: poll the import until it is
    "checked"); otherwise (201) set the mapping first. A file that cannot be read is kept as
    "failed" with its `file_error`."""
    owners = rules.import_owners(request.auth)
    if not owners:
        raise PermissionDenied(_("You may not import permits."))
    chosen = [o for o in owners if owner is None or o.pk == owner]
    if len(chosen) != 1:
        raise ValidationFailed(field_errors={"owner": [_("Choose whom you import for.")]})
    if file.size > DEFAULT_MAX_BYTES:
        raise ValidationFailed(
            field_errors={
                "file": [
                    _("The file is too large; split it into files of at most %(limit)s MB.")
                    % {"limit": DEFAULT_MAX_BYTES // 2**20}
                ]
            }
        )
    batch = services.upload_import(
        name=file.name or "", data=file, owner=chosen[0], uploaded_by=request.auth
    )
    if batch.status == PermitImport.Status.UPLOADED and not validate_mapping(
        batch.headers, batch.mapping, SPECS
    ):
        services.start_check(batch=batch, started_by=request.auth)
        batch.refresh_from_db()
        return Status(202, _out(batch))
    return Status(201, _out(batch))


@router.get("/{int:import_id}", response=ImportOut, summary="Get an import's status and errors")
def get_import(request: HttpRequest, import_id: int, page: Query[ErrorPage]):
    """Its status (uploaded, checking, checked, committing, committed, failed), the counts of
    the dry run or of the commit, and a page of its errors."""
    return _out(queries.get_import_for_user(request.auth, import_id), page)


@router.post(
    "/{int:import_id}/mapping", response={202: ImportOut}, summary="Set the column mapping"
)
def set_mapping(request: HttpRequest, import_id: int, payload: MappingIn):
    """Which header holds each column, and the file's date order; the dry run starts again."""
    batch = services.set_mapping(
        batch=_to_change(request, import_id),
        mapping=payload.mapping,
        day_first=DATE_ORDERS[payload.date_order],
        changed_by=request.auth,
    )
    services.start_check(batch=batch, started_by=request.auth)
    batch.refresh_from_db()
    return Status(202, _out(batch))


@router.post("/{int:import_id}/commit", response={202: ImportOut}, summary="Import the permits")
def commit_import(request: HttpRequest, import_id: int):
    """Write the permits of a file whose dry run found no error, all or nothing (409 when it
    has errors or is not checked)."""
    batch = services.start_commit(batch=_to_change(request, import_id), started_by=request.auth)
    batch.refresh_from_db()
    return Status(202, _out(batch))


@router.get("/{int:import_id}/errors.xlsx", summary="Download an import's errors")
def download_errors(request: HttpRequest, import_id: int):
    batch = queries.get_import_for_user(request.auth, import_id)
    audit.record_export(
        actor=request.auth,
        name="permits.import_errors",
        filters={"import": batch.pk},
        owner_id=batch.owner_id,
    )
    content = errors_to_xlsx(
        services.errors_from_json(batch.errors),
        headings=[str(h) for h in HEADINGS],
        message=message_for,
        right_to_left=get_language_bidi(),
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="import-{batch.pk}-errors.xlsx"'
    return response
