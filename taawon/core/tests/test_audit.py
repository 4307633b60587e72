"""The audit trail's functions for bulk writers give the rows its one-at-a-time functions do."""

import datetime

from django.utils import timezone

from taawon.accounts.models import Organisation
from taawon.core import audit
from taawon.core.models import AuditEvent


def _organisation() -> Organisation:
    return Organisation.objects.create(
        name_en="Cooperative C",
        name_ar="الجمعية ج",
        kind=Organisation.Kind.COOPERATIVE,
        country="JO",
    )


def test_creation_row_is_the_event_record_create_writes(db):
    organisation = _organisation()
    written = audit.record_create(None, organisation, sensitive=["name_ar"])
    fields = Organisation._meta.concrete_fields
    values = {f.attname: getattr(organisation, f.attname) for f in fields}
    at = timezone.now() - datetime.timedelta(days=1)
    row = audit.creation_row(
        Organisation,
        values,
        actor_id=None,
        at=at,
        object_repr=str(organisation),
        sensitive=["name_ar"],
    )
    assert row["changes"] == written.changes
    assert row["changes"]["name_ar"] == [audit.MASK, audit.MASK]
    for column in ("action", "object_type", "object_id", "object_repr", "owner_id"):
        assert row[column] == getattr(written, column), column
    assert row["at"] == at


def test_events_made_unsaved_are_saved_together(db):
    first, second = _organisation(), _organisation()
    events = [
        audit.event(actor=None, action=AuditEvent.Action.UPDATE, obj=o, changes={"x": [1, 2]})
        for o in (first, second)
    ]
    assert not AuditEvent.objects.exists()
    audit.record_many(events)
    assert sorted(AuditEvent.objects.values_list("object_id", flat=True)) == sorted(
        [str(first.pk), str(second.pk)]
    )
