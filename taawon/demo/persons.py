"""Write many persons at once: the bulk path behind the demo and the registry benchmark.

`register_person` checks for duplicates and audits row by row, which is right at a desk and
far too slow for a million records. This path writes the same rows: Person; its NameKey rows
from the same `index_keys` the people services use, so that search and the duplicate check
work on bulk data; PersonIdentifier rows encrypted with the same cipher and blind index; the
consents asked at registration; and, unless told not to, the "create" audit events
`audit.record_create` would write. It checks nothing: the records must be valid, as
`taawon.demo.population` makes them.

Rows go straight to the tables, one transaction per batch, with the values Django would
send (columns and conversions come from the models): executemany on SQLite, COPY on
PostgreSQL. Going through model instances and `bulk_create` costs about 2 ms a person, too
slow for a million. Rows are dated on their registration day, not on the day of the load.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction

from taawon.core import audit
from taawon.core.crypto import cipher
from taawon.core.models import AuditEvent
from taawon.lib.crypto import normalise_identifier
from taawon.lib.names import index_keys
from taawon.people.models import Consent, NameKey, Person, PersonIdentifier
from taawon.people.services import IDENTIFIER_SENSITIVE, NAME_FIELDS

from .population import PersonRecord

BATCH_SIZE = 5000
# Registrations happen in office hours; every record of a day gets the same time.
REGISTRATION_HOUR = 10
# Values of these field types go to the database as they are.
_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
    models.AutoField,
    models.BigAutoField,
)


def bulk_register(
    records: Iterable[PersonRecord],
    *,
    batch_size: int = BATCH_SIZE,
    with_audit: bool = True,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write `records` (setting each one's `pk`) and return how many were written."""
    writer = _Writer(with_audit=with_audit)
    written = 0
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, batch_size)):
        # One transaction per batch: a long load shows progress and keeps SQLite's WAL small.
        with transaction.atomic():
            writer.write(batch)
        written += len(batch)
        if progress is not None:
            progress(written)
    return written


class _Table:
    """The rows of one model, written straight to its table."""

    def __init__(self, model: type[models.Model], *, with_id: bool) -> None:
        self.model = model
        self.connection = connections[DEFAULT_DB_ALIAS]
        fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
        self.attnames = [f.attname for f in fields]
        # Per column: name, default, converter (None: the value goes as it is), and a memo of
        # converted values for dates and times, which repeat (one moment a registration day).
        self.spec = [
            (
                f.attname,
                f.get_default(),
                None if isinstance(f, _PLAIN_FIELDS) or f.primary_key else f.get_db_prep_save,
                {} if isinstance(f, models.DateField) else None,
            )
            for f in fields
        ]
        quote = self.connection.ops.quote_name
        self.sql_table = quote(model._meta.db_table)
        self.sql_columns = ", ".join(quote(f.column) for f in fields)

    def row(self, values: dict[str, Any]) -> tuple:
        row = []
        for name, default, prepare, memo in self.spec:
            value = values.get(name, default)
            if prepare is not None and value is not None:
                if memo is None:
                    value = prepare(value, self.connection)
                elif value in memo:
                    value = memo[value]
                else:
                    converted = prepare(value, self.connection)
                    memo[value] = converted
                    value = converted
            row.append(value)
        return tuple(row)

    def insert(self, rows: Sequence[tuple]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                copy_sql = f"COPY {self.sql_table} ({self.sql_columns}) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(self.attnames))
                cursor.executemany(
                    f"INSERT INTO {self.sql_table} ({self.sql_columns}) VALUES ({placeholders})",
                    rows,
                )

    def new_ids(self, count: int) -> list[int]:
        """`count` primary keys for rows about to be inserted in this transaction."""
        if count == 0:
            return []
        table = self.model._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, count],
                )
                return [row[0] for row in cursor.fetchall()]
            if connection.vendor == "sqlite":
                # The transaction holds SQLite's write lock from its start (IMMEDIATE mode,
                # see settings), so no one else takes these ids meanwhile.
                cursor.execute(f"SELECT MAX(id) FROM {self.sql_table}")
                highest = cursor.fetchone()[0] or 0
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                sequence = cursor.fetchone()
                first = max(highest, sequence[0] if sequence else 0) + 1
                return list(range(first, first + count))
        raise NotImplementedError(f"bulk writes are not written for {connection.vendor}")


class _NameKeys:
    """`index_keys` of a person's names, remembered name by name.

    The same few hundred names recur across a registry, and index_keys is the union of each
    name's keys; the first records are checked against the full call, and should that ever
    stop holding, every record gets the full call.
    """

    CHECKED = 500
    LIMIT = 100_000

    def __init__(self) -> None:
        self.by_name: dict[str, frozenset[str]] = {}
        self.checked = 0
        self.per_name = True

    def __call__(self, names: Sequence[str]) -> set[str]:
        if not self.per_name:
            return index_keys(*names)
        if len(self.by_name) > self.LIMIT:
            self.by_name.clear()
        keys: set[str] = set()
        for name in names:
            if name:
                cached = self.by_name.get(name)
                if cached is None:
                    cached = self.by_name[name] = frozenset(index_keys(name))
                keys |= cached
        if self.checked < self.CHECKED:
            self.checked += 1
            full = index_keys(*names)
            if keys != full:
                self.per_name = False
                return full
        return keys


class _Writer:
    def __init__(self, *, with_audit: bool) -> None:
        self.with_audit = with_audit
        self.persons = _Table(Person, with_id=True)
        self.name_keys = _Table(NameKey, with_id=False)
        self.identifiers = _Table(PersonIdentifier, with_id=True)
        self.consents = _Table(Consent, with_id=False)
        self.events = _Table(AuditEvent, with_id=False)
        self.keys_of = _NameKeys()
        self.cipher = cipher()
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.moments: dict[datetime.date, datetime.datetime] = {}

    def _moment(self, day: datetime.date) -> datetime.datetime:
        if day not in self.moments:
            self.moments[day] = datetime.datetime.combine(
                day, datetime.time(REGISTRATION_HOUR), tzinfo=self.zone
            )
        return self.moments[day]

    def write(self, batch: list[PersonRecord]) -> None:
        person_rows, key_rows, consent_rows, events = [], [], [], []
        identifiers: list[tuple[PersonRecord, dict[str, Any]]] = []
        for record, pk in zip(batch, self.persons.new_ids(len(batch)), strict=True):
            record.pk = pk
            when = self._moment(record.registered_on)
            stamp = {
                "created_at": when,
                "updated_at": when,
                "created_by_id": record.registered_by_id,
                "updated_by_id": record.registered_by_id,
                "owner_id": record.owner_id,
            }
            values = {**record.values, **stamp, "id": pk}
            person_rows.append(self.persons.row(values))
            names = [record.values.get(name, "") for name in NAME_FIELDS]
            # (person_id, key) in NameKey's column order; turned round below if it changes.
            key_rows.extend((pk, key) for key in sorted(self.keys_of(names)))
            consent_rows.extend(
                self.consents.row(
                    {
                        **stamp,
                        "person_id": pk,
                        "purpose": purpose,
                        "given": given,
                        "date": record.registered_on,
                    }
                )
                for purpose, given in record.consents.items()
            )
            if self.with_audit:
                events.append(self._created(Person(**values), when, record.registered_by_id))
            for kind, raw in record.identifiers.items():
                kind, value = str(kind), normalise_identifier(raw)
                identifiers.append(
                    (
                        record,
                        {
                            **stamp,
                            "person_id": pk,
                            "kind": kind,
                            "value_encrypted": self.cipher.encrypt(value),
                            "blind_index": self.cipher.blind_index(kind, value),
                        },
                    )
                )
        identifier_rows = []
        for (record, values), pk in zip(
            identifiers, self.identifiers.new_ids(len(identifiers)), strict=True
        ):
            values["id"] = pk
            identifier_rows.append(self.identifiers.row(values))
            if self.with_audit:
                row = PersonIdentifier(**values)
                events.append(
                    self._created(
                        row, values["created_at"], record.registered_by_id, IDENTIFIER_SENSITIVE
                    )
                )

        self.persons.insert(person_rows)
        if self.name_keys.attnames == ["key", "person_id"]:
            key_rows = [(key, pk) for pk, key in key_rows]
        self.name_keys.insert(key_rows)
        self.identifiers.insert(identifier_rows)
        self.consents.insert(consent_rows)
        self.events.insert(events)

    def _created(
        self,
        obj: models.Model,
        when: datetime.datetime,
        actor_id: int | None,
        sensitive: Iterable[str] = (),
    ) -> tuple:
        """The row `audit.record_create` writes for `obj`, dated `when`."""
        return self.events.row(
            {
                "at": when,
                "actor_id": actor_id,
                "action": AuditEvent.Action.CREATE.value,
                "object_type": audit.object_label(obj),
                "object_id": str(obj.pk),
                "object_repr": str(obj)[:200],
                "owner_id": getattr(obj, "owner_id", None),
                "changes": audit.diff({}, audit.snapshot(obj), sensitive),
                "note": "",
            }
        )
