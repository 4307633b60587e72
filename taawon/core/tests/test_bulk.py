"""The bulk path writes every row it is given, as the ORM would, however the rows are cut into
statements (several rows a statement on SQLite, COPY on PostgreSQL)."""

import datetime

import pytest
from django.utils import timezone

from taawon.core import bulk
from taawon.core.bulk import BulkTable
from taawon.core.models import AuditEvent


@pytest.mark.parametrize("count", [1, 499, 500, 1_234])
def test_every_row_is_written_with_its_values(db, count):
    table = BulkTable(AuditEvent, with_id=False)
    at = timezone.now() - datetime.timedelta(days=3)
    rows = [
        table.row(
            {
                "at": at,
                "action": AuditEvent.Action.CREATE,
                "object_type": "bulk.test",
                "object_id": str(index),
                "object_repr": f"row {index}",
                "owner_id": index % 7,
                "changes": {"index": index},
                "note": "",
            }
        )
        for index in range(count)
    ]
    table.insert(rows)
    written = AuditEvent.objects.filter(object_type="bulk.test")
    assert written.count() == count
    by_id = {event.object_id: event for event in written}
    for index in (0, count // 2, count - 1):
        event = by_id[str(index)]
        assert (event.object_repr, event.owner_id, event.changes) == (
            f"row {index}",
            index % 7,
            {"index": index},
        )
        assert event.at == at


def test_a_wide_table_is_cut_within_sqlites_limit_of_bound_values(db, monkeypatch):
    # A limit that holds three rows of the table a statement: the rows still all go in.
    table = BulkTable(AuditEvent, with_id=False)
    monkeypatch.setattr(bulk, "_variable_limit", lambda raw: 3 * len(table.attnames) + 1)
    rows = [
        table.row(
            {
                "at": timezone.now(),
                "action": "create",
                "object_type": "bulk.wide",
                "object_id": str(i),
            }
        )
        for i in range(10)
    ]
    table.insert(rows)
    assert sorted(
        int(pk)
        for pk in AuditEvent.objects.filter(object_type="bulk.wide").values_list(
            "object_id", flat=True
        )
    ) == list(range(10))
