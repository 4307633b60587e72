"""Background work of exports (django-tasks; `taawon db_worker` runs it)."""

from __future__ import annotations

from django_tasks import task

from . import services
from .models import ExportJob


@task()
def run_export_job(job_id: int) -> str:
    """Write a large list's export (queued by services.request_export)."""
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    return services.run_export_job(job=job).status


@task()
def purge_exports() -> int:
    """Remove export files past their day (daily or hourly: `taawon purge-exports`)."""
    return services.purge_exports()
