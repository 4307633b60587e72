"""Edits of a locked period's data: a record dated in a period its owner (or an organisation
above it) has locked may still be created or changed, but only with a reason, which is kept
(LockedEdit) and counted on the period's report.

The services that write the records the indicators count call `note_edit` inside their
transaction, after the write: when the reason is missing they raise, and the transaction,
hence the write, is rolled back.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import User
from taawon.core.exceptions import ValidationFailed

from .models import LockedEdit
from .queries import is_locked

REASON_REQUIRED = _(
    "This record is dated in a reporting period that is locked: say why it is changed now."
)


def locked_day(owner_id: int, days: Iterable[datetime.date | None]) -> datetime.date | None:
    """The first of `days` lying in a period locked for `owner_id`, None when none does."""
    for day in days:
        if day is not None and is_locked(owner_id, day):
            return day
    return None


def note_edit(
    *,
    record: models.Model,
    owner_id: int,
    days: Iterable[datetime.date | None],
    reason: str | None,
    by: User | None,
) -> LockedEdit | None:
    """Keeps the reason for writing `record` when one of `days` (its date, and its date
    before the change) lies in a period locked for `owner_id`; raises ValidationFailed on
    field `reason` when none was given. Does nothing outside locked periods."""
    day = locked_day(owner_id, days)
    if day is None:
        return None
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(field_errors={"reason": [REASON_REQUIRED]})
    return LockedEdit.objects.create(
        organisation_id=owner_id,
        model_label=record._meta.label_lower,
        object_id=record.pk,
        date=day,
        reason=reason[:2000],
        by=by if by is not None and by.is_authenticated else None,
    )


# The API's description of the `reason` field of the records the indicators count.
LOCK_REASON = (
    "Required when the record is dated in a locked reporting period of its owner: why it is "
    "created or changed after the lock (kept, and counted on that period's report)."
)
