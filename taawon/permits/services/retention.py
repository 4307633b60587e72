"""How long an uploaded permits spreadsheet is kept: no longer than it is needed.

The file carries every holder's identity number. It is needed from the upload through the
mapping step and the dry run to the commit; after the commit the permits are in the database,
and a file nobody commits is abandoned. `purge_import_files` drops the file of every committed
import, and of every other one uploaded more than TAAWON_UPLOAD_RETENTION_DAYS ago (which then
cannot be imported: the user uploads it again). Run daily: `taawon purge-import-files`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from taawon.core import audit
from taawon.core.models import AuditEvent

from ..models import PermitImport

# A check or a commit under way reads the file: left alone, whatever its age.
RUNNING = (PermitImport.Status.CHECKING, PermitImport.Status.COMMITTING)


@transaction.atomic
def purge_import_files(
    *, now: datetime.datetime | None = None, retention_days: int | None = None
) -> int:
    """Drop the stored file of committed and expired imports; the number of files dropped."""
    days = settings.UPLOAD_RETENTION_DAYS if retention_days is None else retention_days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    batches = (
        PermitImport.objects.select_for_update()
        .filter(content__isnull=False)
        .filter(Q(status=PermitImport.Status.COMMITTED) | Q(created_at__lt=cutoff))
        .exclude(status__in=RUNNING)
        .defer("content")
    )
    purged = 0
    for batch in batches:
        before = audit.snapshot(batch, ["status"])
        batch.content = None
        if batch.status != PermitImport.Status.COMMITTED:
            batch.status = PermitImport.Status.FAILED
        batch.save(update_fields=["content", "status", "updated_at"])
        changes = audit.diff(before, audit.snapshot(batch, ["status"]))
        audit.record(
            actor=None,
            action=AuditEvent.Action.UPDATE,
            obj=batch,
            changes={**changes, "content": [f"{batch.size} bytes", None]},
            note="uploaded file purged (retention)",
        )
        purged += 1
    return purged
