"""Background work of duplicate detection (django-tasks; a worker runs it)."""

from __future__ import annotations

from django_tasks import task

from . import queries, services


@task()
def detect_duplicates(run_id: int) -> None:
    """Run batch detection `run_id` (queued by services.start_detection)."""
    services.run_detection(run=queries.get_run(run_id))
