"""Background work of the person registry (django-tasks; `taawon db_worker` runs it)."""

from __future__ import annotations

from django_tasks import task

from .retention import apply_retention


@task()
def apply_retention_task() -> dict[str, int]:
    """Anonymise the archived persons past the retention period (run daily)."""
    return apply_retention().as_dict()
