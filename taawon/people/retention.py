"""Retention: archived persons are anonymised `RETENTION_DAYS` after their archiving.

A person is spared while an app above people still needs them: apps register a handler for
the event "person.retention_holds" (person_ids=set[int], today=date) returning the ids they
hold (permits: a live permit; employment: an open referral or placement), so that people
never imports them. `apply_retention` is what the command and the background task call.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import CharField, DateTimeField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from taawon.core import events
from taawon.core.audit import object_label
from taawon.core.models import AuditEvent

from .models import Person
from .services import anonymise_person

HOLDS_EVENT = "person.retention_holds"
REASON = "retention"


@dataclass
class RetentionResult:
    due: int = 0
    held: int = 0
    anonymised: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"due": self.due, "held": self.held, "anonymised": len(self.anonymised)}


def archived_before(cutoff: datetime.datetime) -> QuerySet[Person]:
    """Archived, not yet anonymised persons whose (latest) archiving is older than `cutoff`;
    a record archived without an audit event (a bulk load) counts from its last change."""
    archived_at = (
        AuditEvent.objects.filter(
            object_type=object_label(Person),
            object_id=Cast(OuterRef("pk"), CharField()),
            action=AuditEvent.Action.ARCHIVE,
        )
        .order_by("-at")
        .values("at")[:1]
    )
    return (
        Person.objects.filter(status=Person.Status.ARCHIVED, anonymised_at__isnull=True)
        .alias(
            archived_at=Coalesce(Subquery(archived_at), "updated_at", output_field=DateTimeField())
        )
        .filter(archived_at__lte=cutoff)
        .order_by("pk")
    )


def held(person_ids: set[int], today: datetime.date) -> set[int]:
    """Those of `person_ids` that an app still needs (live permit, open record)."""
    found: set[int] = set()
    for ids in events.dispatch(HOLDS_EVENT, person_ids=person_ids, today=today).values():
        found |= set(ids)
    return found


def apply_retention(
    *, dry_run: bool = False, now: datetime.datetime | None = None
) -> RetentionResult:
    """Anonymise every archived person past the retention period and not held; with
    `dry_run`, only count. Each person is anonymised in its own transaction (audited)."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.RETENTION_DAYS)
    due = list(archived_before(cutoff).values_list("pk", flat=True))
    holding = held(set(due), timezone.localdate(now)) if due else set()
    result = RetentionResult(due=len(due), held=len(holding))
    for person in Person.objects.filter(pk__in=sorted(set(due) - holding)).order_by("pk"):
        if not dry_run:
            anonymise_person(person=person, anonymised_by=None, reason=REASON)
        result.anonymised.append(person.pk)
    return result
