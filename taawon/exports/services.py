"""Writing a list's export: straight into the response for a small list, through a
background task (ExportJob) for a large one. Every export is written to the audit trail
(the access log's "who took data away"), with its filters and whether it named people."""

from __future__ import annotations

import datetime
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone, translation

from taawon.core import audit

from . import registry
from .models import ExportJob
from .registry import ListExport

# Query-string keys that belong to the export, not to the list's filters.
EXPORT_KEYS = ("format", "identified", "page")


def list_params(params: QueryDict) -> QueryDict:
    """The list page's filters out of an export's query string."""
    filters = params.copy()
    for key in EXPORT_KEYS:
        filters.pop(key, None)
    return filters


def check_identified(*, user, export: ListExport, identified: bool) -> None:
    """Names on request only, and only for a user whose role may reveal them."""
    if identified and not export.may_identify(user):
        raise PermissionDenied


def record_export(
    *, user, export: ListExport, params: QueryDict, fmt: str, identified: bool
) -> None:
    filters = {key: value for key, value in list_params(params).items() if value}
    audit.record_export(
        actor=user,
        name=f"exports.{export.name}",
        filters={**filters, "format": fmt, "identified": identified},
    )


def write(
    target: IO[bytes],
    *,
    user,
    export: ListExport,
    params: QueryDict,
    fmt: str,
    identified: bool,
    progress=None,
) -> int:
    """Write the export of the list as `user` sees it with `params` into `target`."""
    from taawon.lib.tabular import export as writers

    columns, values = registry.reader(user, export, identified=identified)
    queryset = export.rows(user, list_params(params))
    if export.only:
        queryset = queryset.only(*export.only)
    rows = registry.iterate(
        queryset,
        values,
        persons_of=export.persons_of if identified else None,
    )
    headers = [str(column.header) for column in columns]
    if fmt == "csv":
        return writers.write_csv(
            target, headers=headers, hxl=[c.hxl for c in columns], rows=rows, progress=progress
        )
    return writers.write_xlsx(
        target,
        headers=headers,
        rows=rows,
        title=str(export.title),
        right_to_left=translation.get_language_bidi(),
        progress=progress,
    )


def csv_lines(*, user, export: ListExport, params: QueryDict, identified: bool) -> Iterator[str]:
    """The CSV export line by line, for a streamed response."""
    from taawon.lib.tabular.export import iter_csv

    columns, values = registry.reader(user, export, identified=identified)
    queryset = export.rows(user, list_params(params))
    if export.only:
        queryset = queryset.only(*export.only)
    rows = registry.iterate(
        queryset,
        values,
        persons_of=export.persons_of if identified else None,
    )
    return iter_csv(
        headers=[str(column.header) for column in columns],
        hxl=[column.hxl for column in columns],
        rows=rows,
    )


def is_large(count: int) -> bool:
    return count > settings.EXPORT_BACKGROUND_ROWS


@transaction.atomic
def request_export(
    *, user, export: ListExport, params: QueryDict, fmt: str, identified: bool, total: int
) -> ExportJob:
    """Queue the export of a large list; the job page follows it."""
    check_identified(user=user, export=export, identified=identified)
    job = ExportJob.objects.create(
        requested_by=user,
        list_name=export.name,
        format=fmt,
        params=list(list_params(params).lists()),
        identified=identified,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        rows_total=total,
    )
    record_export(user=user, export=export, params=params, fmt=fmt, identified=identified)

    def enqueue() -> None:
        from . import tasks

        tasks.run_export_job.enqueue(job.pk)

    transaction.on_commit(enqueue)
    return job


def job_path(job: ExportJob) -> Path:
    return Path(settings.EXPORT_DIR) / job.file_name


def run_export_job(*, job: ExportJob) -> ExportJob:
    """Write a queued export's file (the worker's side of `request_export`), in the language
    and with the scope of the user who asked, as they are now."""
    export = registry.get(job.list_name)
    user = job.requested_by
    params = QueryDict(mutable=True)
    for key, values in job.params:
        params.setlist(key, values)
    if not export.may_read(user) or (job.identified and not export.may_identify(user)):
        # The user lost access between the request and the run.
        _finish(job, ExportJob.Status.FAILED)
        return job
    job.file_name = f"{secrets.token_hex(16)}.{job.format}"
    job.status = ExportJob.Status.RUNNING
    job.save(update_fields=["file_name", "status"])
    path = job_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(rows_done=done)

    # Owner-only from its creation: the file holds personal data.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with translation.override(job.language), os.fdopen(descriptor, "wb") as target:
            count = write(
                target,
                user=user,
                export=export,
                params=params,
                fmt=job.format,
                identified=job.identified,
                progress=progress,
            )
    except Exception:
        path.unlink(missing_ok=True)
        _finish(job, ExportJob.Status.FAILED)
        raise
    job.rows_done = job.rows_total = count
    _finish(job, ExportJob.Status.DONE)
    return job


def _finish(job: ExportJob, status: str) -> None:
    job.status = status
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at", "rows_done", "rows_total"])


def purge_exports(*, now: datetime.datetime | None = None) -> int:
    """Remove the files of exports older than EXPORT_RETENTION_HOURS (run daily or more
    often: `taawon purge-exports`); the number of jobs expired."""
    cutoff = (now or timezone.now()) - datetime.timedelta(hours=settings.EXPORT_RETENTION_HOURS)
    expired = 0
    old = ExportJob.objects.filter(created_at__lt=cutoff).exclude(status=ExportJob.Status.EXPIRED)
    for job in old:
        if job.file_name:
            job_path(job).unlink(missing_ok=True)
        job.status = ExportJob.Status.EXPIRED
        job.file_name = ""
        job.save(update_fields=["status", "file_name"])
        expired += 1
    return expired
