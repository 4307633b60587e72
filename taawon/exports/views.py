"""The export of a list page (its filters in the query string) and the page of an export
that runs in the background."""

from __future__ import annotations

import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from taawon.lib.tabular.export import FORMATS, MEDIA_TYPES

from . import queries, registry, services
from .models import ExportJob


def _filename(name: str, fmt: str) -> str:
    return f"{name}-{timezone.localdate().isoformat()}.{fmt}"


@login_required
@require_GET
def export_list(request: HttpRequest, name: str) -> HttpResponse:
    export = registry.get(name)
    if not export.may_read(request.user):
        raise Http404
    fmt = request.GET.get("format") or "xlsx"
    if fmt not in FORMATS:
        return HttpResponse(
            _("Unknown export format: choose XLSX or CSV."), status=400, content_type="text/plain"
        )
    identified = request.GET.get("identified") == "1"
    services.check_identified(user=request.user, export=export, identified=identified)
    params = request.GET
    total = export.rows(request.user, services.list_params(params)).count()
    if services.is_large(total):
        job = services.request_export(
            user=request.user,
            export=export,
            params=params,
            fmt=fmt,
            identified=identified,
            total=total,
        )
        return redirect(job)
    services.record_export(
        user=request.user, export=export, params=params, fmt=fmt, identified=identified
    )
    if fmt == "csv":
        response = StreamingHttpResponse(
            services.csv_lines(
                user=request.user, export=export, params=params, identified=identified
            ),
            content_type=MEDIA_TYPES["csv"],
        )
        response["Content-Disposition"] = f'attachment; filename="{_filename(name, fmt)}"'
        return response
    # A workbook is a zip: it is complete only once written, so it goes through a file.
    # FileResponse closes it once sent (and the system deletes it then).
    target = tempfile.TemporaryFile()  # noqa: SIM115
    services.write(
        target, user=request.user, export=export, params=params, fmt=fmt, identified=identified
    )
    target.seek(0)
    return FileResponse(
        target,
        as_attachment=True,
        filename=_filename(name, fmt),
        content_type=MEDIA_TYPES["xlsx"],
    )


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = queries.get_job_for_user(request.user, pk)
    export = registry.REGISTRY.get(job.list_name)
    template_name = "exports/job_detail.html"
    if request.htmx and not request.htmx.history_restore_request:
        template_name += "#progress"
    return render(
        request,
        template_name,
        {"job": job, "title": export.title if export else job.list_name},
    )


@login_required
def job_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = queries.get_job_for_user(request.user, pk)
    if job.status != ExportJob.Status.DONE or not job.file_name:
        raise Http404
    path = services.job_path(job)
    if not path.exists():
        raise Http404
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=_filename(job.list_name, job.format),
        content_type=MEDIA_TYPES[job.format],
    )
