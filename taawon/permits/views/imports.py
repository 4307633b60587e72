"""Pages of permit imports: upload, column mapping, the dry run's result (polled while the
worker checks the file), commit, the errors as a spreadsheet, and the list of imports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taawon.accounts import scoping
from taawon.core import audit, exceptions
from taawon.core.forms import add_domain_error
from taawon.core.pagination import page_number, paginate
from taawon.lib.tabular import errors_to_xlsx, validate_mapping

from .. import queries, rules
from ..forms.imports import MappingForm, UploadForm
from ..importing.columns import SPECS
from ..importing.messages import COLUMN_LABELS, HEADINGS, message_for
from ..models import PermitImport
from ..services import imports as services

SHOWN_ERRORS = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_reach(user) -> None:
    if not rules.may_read(user):
        raise Http404


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    _require_reach(request.user)
    page = paginate(queries.imports_for(request.user), page_number(request.GET.get("page")))
    template_name = "permits/imports/import_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template_name += "#rows"
    return render(
        request,
        template_name,
        {"page_obj": page, "query_string": "", "may_import": rules.may_import(request.user)},
    )


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    owners = rules.import_owners(request.user)
    if not owners:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.upload_import(
                name=upload.name,
                data=upload,
                owner=form.cleaned_data["owner"],
                uploaded_by=request.user,
            )
        except exceptions.PermissionDenied:
            raise PermissionDenied from None
        if batch.status == PermitImport.Status.FAILED:
            return redirect(batch)
        if validate_mapping(batch.headers, batch.mapping, SPECS):
            messages.info(request, _("Choose which column of the file holds each field."))
            return redirect("permits:import_mapping", pk=batch.pk)
        services.start_check(batch=batch, started_by=request.user)
        return redirect(batch)
    return render(request, "permits/imports/import_upload.html", {"form": form})


def _batch_to_change(request: HttpRequest, pk: int) -> PermitImport:
    batch = queries.get_import_for_user(request.user, pk, scoping.CHANGE)
    if not rules.may_import(request.user):
        raise PermissionDenied
    return batch


@login_required
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_to_change(request, pk)
    if batch.status not in (PermitImport.Status.UPLOADED, PermitImport.Status.CHECKED):
        return redirect(batch)
    form = MappingForm(request.POST or None, batch=batch)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.set_mapping(
                batch=batch,
                mapping=form.mapping(),
                day_first=form.day_first(),
                changed_by=request.user,
            )
            services.start_check(batch=batch, started_by=request.user)
        except exceptions.PermissionDenied:
            raise PermissionDenied from None
        except exceptions.Conflict as error:
            messages.warning(request, str(error.message))
            return redirect(batch)
        except exceptions.DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect(batch)
    problems = [message_for(p) for p in validate_mapping(batch.headers, batch.mapping, SPECS)]
    return render(
        request,
        "permits/imports/import_mapping.html",
        {"batch": batch, "form": form, "problems": problems if not form.is_bound else []},
    )


def _shown_errors(batch: PermitImport) -> list[dict]:
    shown = []
    for error in services.errors_from_json(batch.errors[:SHOWN_ERRORS]):
        shown.append(
            {
                "row": getattr(error, "row", None),
                "column": getattr(error, "column", ""),
                "message": message_for(error),
                "value": error.params.get("value", ""),
            }
        )
    return shown


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = queries.get_import_for_user(request.user, pk)
    template_name = "permits/imports/import_detail.html"
    if request.htmx and not request.htmx.history_restore_request:
        template_name += "#progress"
    may_change = rules.may_change_import(request.user, batch)
    file_error = (
        message_for(services.errors_from_json([batch.file_error])[0]) if batch.file_error else ""
    )
    mapped = [
        (COLUMN_LABELS.get(spec.key, spec.key), batch.mapping.get(spec.key))
        for spec in SPECS
        if batch.mapping.get(spec.key)
    ]
    return render(
        request,
        template_name,
        {
            "batch": batch,
            "busy": batch.status in (PermitImport.Status.CHECKING, PermitImport.Status.COMMITTING),
            "may_change": may_change,
            "file_error": file_error,
            "errors": _shown_errors(batch),
            "more_errors": max(0, batch.error_count - SHOWN_ERRORS),
            "mapped": mapped,
        },
    )


@login_required
@require_POST
def import_check(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_to_change(request, pk)
    try:
        services.start_check(batch=batch, started_by=request.user)
    except exceptions.PermissionDenied:
        raise PermissionDenied from None
    except exceptions.Conflict as error:
        messages.warning(request, str(error.message))
    return redirect(batch)


@login_required
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_to_change(request, pk)
    try:
        services.start_commit(batch=batch, started_by=request.user)
    except exceptions.PermissionDenied:
        raise PermissionDenied from None
    except exceptions.Conflict as error:
        messages.warning(request, str(error.message))
    return redirect(batch)


@login_required
def import_errors(request: HttpRequest, pk: int) -> HttpResponse:
    batch = queries.get_import_for_user(request.user, pk)
    audit.record_export(
        actor=request.user,
        name="permits.import_errors",
        filters={"import": batch.pk},
        owner_id=batch.owner_id,
    )
    errors = services.errors_from_json(batch.errors)
    content = errors_to_xlsx(
        errors,
        headings=[str(h) for h in HEADINGS],
        message=message_for,
        right_to_left=get_language_bidi(),
    )
    response = HttpResponse(content, content_type=XLSX)
    stem = batch.filename.rsplit(".", 1)[0] or "permits"
    response["Content-Disposition"] = f'attachment; filename="{_ascii(stem)}-errors.xlsx"'
    return response


def _ascii(text: str) -> str:
    cleaned = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in text)
    return cleaned.strip("_")[:80] or "permits"
