"""Background work of messaging (django-tasks; `taawon db_worker` runs it)."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def send_queued_messages() -> dict[str, int]:
    """Send the queued messages through the configured backend (see services.send_queued)."""
    return services.send_queued()
