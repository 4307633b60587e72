"""Third step of a commit: the resolved rows staged, then written in bulk.

Everything that reads the database or works a row out (owners, the permits to update and
their audit events, every new row with its id reserved beforehand, as a sequence gives ids)
is done by `stage`, before the write transaction; `write`, inside it, only inserts and
updates, so that SQLite's write lock is held for the inserts alone (a few seconds for 40,000
rows) and the other users' writes wait that long at most.

New holders go through the registry's bulk path (taawon.people.bulk, staged: name keys,
encrypted identifiers and "create" audit events, as registration writes them, without a
consent the ministry's list does not carry). New permits go straight to their table by the
same path, updated ones through bulk_update, and each gets the audit event its service would
have written, made by the audit trail's own functions (`audit.creation_row`, `audit.event`)
and inserted in bulk too.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from taawon.accounts.models import User
from taawon.cooperatives.models import Cooperative
from taawon.core import audit
from taawon.core.bulk import BulkTable
from taawon.core.models import AuditEvent
from taawon.people.bulk import PersonRecord, StagedRegistration
from taawon.people.models import DisplacementStatus

from ..models import MessageLanguage, Permit, PermitImport, PermitStatus
from .chunked import chunks
from .reading import PlannedRow
from .resolving import person_values

BATCH = 2_000
# Holders whose nationality makes them refugees in the programme's countries when a list
# says nothing more (the flexible permit is the Syrian refugees' permit in Jordan).
REFUGEE_NATIONALITIES = frozenset({"SY"})


def _owners(cooperative_ids: set[int]) -> dict[int, tuple[int, str]]:
    """cooperative id -> (owner id of its permits, country)."""
    owners = {}
    for batch in chunks(sorted(cooperative_ids)):
        for pk, organisation_id, owner_id, country in Cooperative.objects.filter(
            pk__in=batch
        ).values_list("pk", "organisation_id", "owner_id", "country"):
            owners[pk] = (organisation_id or owner_id, country)
    return owners


def _displacement(nationality: str, country: str) -> str:
    if nationality == country:
        return DisplacementStatus.HOST_COMMUNITY
    if nationality in REFUGEE_NATIONALITIES:
        return DisplacementStatus.REFUGEE
    return DisplacementStatus.OTHER


def _new_persons(rows: Sequence[PlannedRow], owners, *, by: User | None, today):
    """The new holders (one per identity document) as the registry's bulk records."""
    first: dict[tuple[str, str], PlannedRow] = {}
    for row in rows:
        if row.person_how == "new":
            first.setdefault(row.identity, row)
    records = {}
    for index, (identity, row) in enumerate(first.items()):
        owner_id, country = owners[row.cooperative_id]
        values = person_values(row)
        values.update(
            displacement_status=_displacement(row.nationality, country),
            birth_year_estimated=False,
        )
        records[identity] = PersonRecord(
            index=index,
            owner_id=owner_id,
            registered_on=today,
            values=values,
            identifiers={row.identifier_kind: row.identifier},
            registered_by_id=by.pk if by else None,
            consents={},
        )
    return records


@dataclass
class Staged:
    """What a commit writes, worked out before its transaction: every row, ids reserved."""

    persons: StagedRegistration
    permit_rows: list[tuple] = field(default_factory=list)
    event_rows: list[tuple] = field(default_factory=list)
    changed: list[Permit] = field(default_factory=list)
    changed_fields: set[str] = field(default_factory=set)
    events: list[AuditEvent] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def stage(
    rows: Sequence[PlannedRow],
    *,
    imported_by: User | None,
    batch: PermitImport | None,
    today: datetime.date,
) -> Staged:
    """Read and work out, before the transaction, everything `write` will write. New holders
    and permits get their ids now (reserved as a sequence gives them), so that renewals and
    holders point to them in rows built here."""
    owners = _owners({row.cooperative_id for row in rows})
    records = _new_persons(rows, owners, by=imported_by, today=today)
    staged = Staged(persons=StagedRegistration(records.values(), with_audit=True))
    for row in rows:
        if row.person_how == "new":
            row.person_id = records[row.identity].pk
    creates = [row for row in rows if row.action == "create"]
    by_number = _stage_permits(staged, creates, owners, by=imported_by, batch=batch)

    updates = [row for row in rows if row.action == "update"]
    staged.changed_fields = {"updated_by", "updated_at"}
    by_id = {row.existing["id"]: row for row in updates}
    for ids in chunks(sorted(by_id)):
        for permit in Permit.objects.filter(pk__in=ids):
            row = by_id[permit.pk]
            before = audit.snapshot(permit, [_name(f) for f in (*row.changes, "owner_id")])
            for name, value in row.changes.items():
                setattr(permit, name, value)
            if row.previous_row is not None and permit.previous_id is None:
                permit.previous_id = by_number.get(row.previous_row.number)
                row.changes["previous_id"] = permit.previous_id
            if "cooperative_id" in row.changes:
                permit.owner_id = owners[row.cooperative_id][0]
                row.changes["owner_id"] = permit.owner_id
            permit.updated_by = imported_by
            staged.changed_fields.update(row.changes)
            staged.changed.append(permit)
            after = audit.snapshot(permit, before.keys())
            staged.events.append(
                audit.event(
                    actor=imported_by,
                    action=AuditEvent.Action.UPDATE,
                    obj=permit,
                    changes=audit.diff(before, after),
                    note="import_updated",
                )
            )
    staged.counts = {
        "permits_created": len(creates),
        "permits_updated": len(staged.changed),
        "persons_created": len(records),
    }
    return staged


def write(staged: Staged) -> dict[str, int]:
    """Write what `stage` worked out; the caller holds the transaction, in which nothing is
    read: only inserts (COPY on PostgreSQL, multi-row INSERTs on SQLite) and the updates."""
    staged.persons.insert()
    permits, events = BulkTable(Permit, with_id=True), BulkTable(AuditEvent, with_id=False)
    for start in range(0, len(staged.permit_rows), BATCH * 10):
        permits.insert(staged.permit_rows[start : start + BATCH * 10])
    for start in range(0, len(staged.event_rows), BATCH * 10):
        events.insert(staged.event_rows[start : start + BATCH * 10])
    if staged.changed:
        Permit.objects.bulk_update(staged.changed, sorted(staged.changed_fields), batch_size=BATCH)
    audit.record_many(staged.events, batch_size=BATCH)
    return dict(staged.counts)


def _stage_permits(
    staged: Staged,
    creates: Sequence[PlannedRow],
    owners,
    *,
    by: User | None,
    batch: PermitImport | None,
) -> dict[str, int]:
    """The new permits' rows and their "imported" audit events, for their tables (the demo's
    bulk path), ids reserved first so that a renewal points to a permit of the same file in
    the same insert; number -> id."""
    permits, events = BulkTable(Permit, with_id=True), BulkTable(AuditEvent, with_id=False)
    ids = permits.reserve_ids(len(creates))
    by_number = {row.number: pk for row, pk in zip(creates, ids, strict=True)}
    by_id = by.pk if getattr(by, "pk", None) else None
    now = timezone.now()
    for row, pk in zip(creates, ids, strict=True):
        previous_id = row.previous_id
        if previous_id is None and row.previous_row is not None:
            previous_id = by_number.get(row.previous_row.number)
        values = {
            "id": pk,
            "owner_id": owners[row.cooperative_id][0],
            "person_id": row.person_id,
            "cooperative_id": row.cooperative_id,
            "sector": row.sector,
            "kind": row.kind,
            "employer_name": row.employer_name,
            "status": PermitStatus.ISSUED.value,
            "documents": [],
            "language": MessageLanguage.ARABIC.value,
            "applied_on": None,
            "submitted_on": None,
            "ministry_reference": row.ministry_reference,
            "permit_number": row.number,
            "issued_on": row.issued_on,
            "expires_on": row.expires_on,
            "fee_paid": row.fee_paid,
            "fee_currency": "JOD",
            "decided_on": row.issued_on,
            "decided_by_id": None,
            "rejection_reason": "",
            "cancelled_on": None,
            "cancellation_reason": "",
            "previous_id": previous_id,
            "source_id": batch.pk if batch is not None else None,
            "created_at": now,
            "updated_at": now,
            "created_by_id": by_id,
            "updated_by_id": by_id,
        }
        staged.permit_rows.append(permits.row(values))
        staged.event_rows.append(
            events.row(
                audit.creation_row(
                    Permit, values, actor_id=by_id, at=now, object_repr=row.number, note="imported"
                )
            )
        )
    return by_number


def _name(attname: str) -> str:
    """The field name the audit trail uses ("cooperative" for "cooperative_id")."""
    return attname.removesuffix("_id")
