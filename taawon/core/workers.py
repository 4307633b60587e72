"""Whether a background worker (`taawon db_worker`) seems to be running.

Pages whose work is done by a task (the permit import's check, batch duplicate detection, the
SMS of season notices) would otherwise wait forever without saying why when nobody started a
worker. A worker takes a due task within a second or two, so a task still waiting after
`WAIT` while no task has started or finished meanwhile means that no worker is there.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

WAIT = datetime.timedelta(seconds=15)
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def worker_seems_absent(*, wait: datetime.timedelta = WAIT) -> bool:
    """True when a due task has waited longer than `wait` and no task ran meanwhile."""
    if settings.TASKS["default"]["BACKEND"] != DATABASE_BACKEND:
        return False  # other backends (the immediate one in tests) need no worker
    from django_tasks_db.models import DBTaskResult, get_date_max

    since = timezone.now() - wait
    # Due for longer than `wait`: enqueued before, and either to run at once or due before.
    waiting = DBTaskResult.objects.ready().filter(enqueued_at__lt=since)
    if not waiting.filter(Q(run_after=get_date_max()) | Q(run_after__lt=since)).exists():
        return False
    return not DBTaskResult.objects.filter(
        Q(started_at__gte=since) | Q(finished_at__gte=since)
    ).exists()
