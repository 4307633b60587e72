"""Background work of permits (django-tasks; `taawon db_worker` runs it)."""

from __future__ import annotations

from django_tasks import task

from taawon.indicators import summary

from .models import PermitImport
from .services import imports, reminders, retention


@task()
def send_expiry_reminders() -> dict[str, int]:
    """Queue today's expiry reminders and have them sent (daily: `taawon permit-reminders`)."""
    return reminders.queue_expiry_reminders()


@task()
def check_permit_import(import_id: int) -> str:
    """The dry run of an uploaded file (queued by services.imports.start_check)."""
    return imports.run_check(batch=PermitImport.objects.get(pk=import_id)).status


@task()
def commit_permit_import(import_id: int) -> str:
    """The commit of a checked file (queued by services.imports.start_commit); then, in a
    transaction of its own, its rows folded into the indicators' summary here in the worker,
    rather than by the next person to open a dashboard."""
    status = imports.run_commit(batch=PermitImport.objects.get(pk=import_id)).status
    summary.catch_up()
    return status


@task()
def purge_import_files() -> int:
    """Drop the files of committed and expired imports (daily: `taawon purge-import-files`)."""
    return retention.purge_import_files()
