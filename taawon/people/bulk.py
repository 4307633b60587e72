"""Write many persons at once: the bulk path behind the demo, the registry benchmarks and the
permit import's new holders.

`register_person` checks for duplicates and audits row by row, which is right at a desk and
far too slow for a million records. This path writes the same rows: Person; its NameKey rows
from the same `index_keys` the people services use, so that search and the duplicate check
work on bulk data; PersonIdentifier rows encrypted with the same cipher and blind index; the
consents asked at registration; and, unless told not to, the "create" audit events
`audit.record_create` would write. It checks nothing: the records must be valid, as
`taawon.demo.population` makes them and the permit import has checked them.

Rows go straight to the tables (`taawon.core.bulk`), one transaction per batch. Rows are
dated on their registration day, not on the day of the load.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models, transaction

from taawon.core import audit
from taawon.core.bulk import BulkTable
from taawon.core.crypto import cipher
from taawon.core.models import AuditEvent
from taawon.lib.crypto import normalise_identifier
from taawon.lib.names import index_keys
from taawon.people.models import Consent, NameKey, Person, PersonIdentifier
from taawon.people.services import IDENTIFIER_SENSITIVE, NAME_FIELDS


@dataclass
class PersonRecord:
    """One person to register: Person field values (ids for places) and raw identifiers."""

    index: int
    owner_id: int
    registered_on: datetime.date
    values: dict[str, Any]
    identifiers: dict[str, str] = field(default_factory=dict)
    registered_by_id: int | None = None
    # purpose -> given (Consent.Purpose values); purposes not asked are left out
    consents: dict[str, bool] = field(
        default_factory=lambda: {Consent.Purpose.REGISTRATION.value: True}
    )
    pk: int | None = None  # set by the writer


BATCH_SIZE = 5000
# Registrations happen in office hours; every record of a day gets the same time.
REGISTRATION_HOUR = 10


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


class StagedRegistration:
    """What `bulk_register` would write, worked out now (ids reserved, identifiers encrypted,
    audit events made), for `insert` to write later inside the caller's transaction, which
    then does nothing but insert: the permit import's short write lock."""

    def __init__(self, records: Iterable[PersonRecord], *, with_audit: bool = True) -> None:
        self.writer = _Writer(with_audit=with_audit)
        self.records = list(records)
        tables: tuple[list, ...] = ([], [], [], [], [])
        for start in range(0, len(self.records), BATCH_SIZE):
            batch = self.records[start : start + BATCH_SIZE]
            persons, identifiers = self.writer.persons, self.writer.identifiers
            rows = self.writer.rows(batch, persons.reserve_ids, identifiers.reserve_ids)
            for table, table_rows in zip(tables, rows, strict=True):
                table.extend(table_rows)
        # Name keys in the order of the (key, person) index: its pages are then written one
        # after the other instead of all over the index.
        key = self.writer.name_keys.attnames.index("key")
        tables[1].sort(key=lambda row: (row[key], row[1 - key]))
        self.rows = tables

    def insert(self) -> int:
        """Write the staged rows (in the caller's transaction); how many persons."""
        self.writer.insert(self.rows)
        return len(self.records)


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
        self.persons = BulkTable(Person, with_id=True)
        self.name_keys = BulkTable(NameKey, with_id=False)
        self.identifiers = BulkTable(PersonIdentifier, with_id=True)
        self.consents = BulkTable(Consent, with_id=False)
        self.events = BulkTable(AuditEvent, with_id=False)
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
        self.insert(self.rows(batch, self.persons.new_ids, self.identifiers.new_ids))

    def rows(
        self,
        batch: list[PersonRecord],
        person_ids: Callable[[int], list[int]],
        identifier_ids: Callable[[int], list[int]],
    ) -> tuple[list, ...]:
        """Every table's rows for `batch`, with ids from `person_ids` and `identifier_ids`."""
        person_rows, key_rows, consent_rows, events = [], [], [], []
        identifiers: list[tuple[PersonRecord, dict[str, Any]]] = []
        for record, pk in zip(batch, person_ids(len(batch)), strict=True):
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
                            "near_indexes": self.cipher.near_indexes(kind, value),
                        },
                    )
                )
        identifier_rows = []
        for (record, values), pk in zip(identifiers, identifier_ids(len(identifiers)), strict=True):
            values["id"] = pk
            identifier_rows.append(self.identifiers.row(values))
            if self.with_audit:
                row = PersonIdentifier(**values)
                events.append(
                    self._created(
                        row, values["created_at"], record.registered_by_id, IDENTIFIER_SENSITIVE
                    )
                )

        if self.name_keys.attnames == ["key", "person_id"]:
            key_rows = [(key, pk) for pk, key in key_rows]
        return person_rows, key_rows, identifier_rows, consent_rows, events

    def insert(self, rows: tuple[list, ...]) -> None:
        tables = (self.persons, self.name_keys, self.identifiers, self.consents, self.events)
        for table, table_rows in zip(tables, rows, strict=True):
            table.insert(table_rows)

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
