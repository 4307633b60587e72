"""The audit trail: who did what to which record, with the fields that changed.

Services call these inside their transaction, so a change and its audit row commit together.
Sensitive values are never written to the trail: they appear as a mask.
"""

from __future__ import annotations

import datetime
import decimal
import functools
from collections.abc import Iterable
from typing import Any

from django.db import models

from .models import AuditEvent

MASK = "•••"


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return str(value)


def object_label(obj: models.Model) -> str:
    return obj._meta.label_lower


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of `obj` as JSON-safe values, keyed by field name."""
    names = fields or [
        f.name
        for f in obj._meta.concrete_fields
        if f.name not in {"id", "created_at", "updated_at", "created_by", "updated_by"}
    ]
    values = {}
    for name in names:
        field = obj._meta.get_field(name)
        raw = getattr(obj, field.attname) if field.is_relation else getattr(obj, name)
        values[name] = _plain(raw)
    return values


def diff(
    before: dict[str, Any], after: dict[str, Any], sensitive: Iterable[str] = ()
) -> dict[str, list]:
    hidden = set(sensitive)
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changes[name] = [MASK, MASK] if name in hidden else [old, new]
    return changes


def event(
    *,
    actor,
    action: str,
    obj: models.Model,
    changes: dict | None = None,
    note: str = "",
) -> AuditEvent:
    """The audit event of `action` on `obj`, not saved yet: `record` saves one, `record_many`
    many at once."""
    return AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=object_label(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        owner_id=getattr(obj, "owner_id", None),
        changes=changes or {},
        note=note[:500],
    )


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    changes: dict | None = None,
    note: str = "",
) -> AuditEvent:
    created = event(actor=actor, action=action, obj=obj, changes=changes, note=note)
    created.save(force_insert=True)
    return created


EXPORT_TYPE = "export"


def record_export(
    *, actor, name: str, filters: dict[str, Any] | None = None, owner_id: int | None = None
) -> AuditEvent:
    """A download of data (a report, an error workbook): which one, with which filters.

    Not tied to a row: the object is the export's name, so that the access log lists it.
    """
    created = AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        action=AuditEvent.Action.EXPORT,
        object_type=EXPORT_TYPE,
        object_id=name[:64],
        object_repr=name[:200],
        owner_id=owner_id,
        changes={"filters": {key: _plain(value) for key, value in (filters or {}).items()}},
    )
    created.save(force_insert=True)
    return created


def record_many(events: Iterable[AuditEvent], *, batch_size: int = 2_000) -> list[AuditEvent]:
    """Save the events `event` made, in batches (bulk writes: one insert a batch)."""
    return AuditEvent.objects.bulk_create(list(events), batch_size=batch_size)


@functools.cache
def _audited(model: type[models.Model]) -> tuple[tuple[str, str], ...]:
    # (field name, attname) of what `snapshot` takes of an instance of `model`.
    return tuple(
        (f.name, f.attname)
        for f in model._meta.concrete_fields
        if f.name not in {"id", "created_at", "updated_at", "created_by", "updated_by"}
    )


def creation_row(
    model: type[models.Model],
    values: dict[str, Any],
    *,
    actor_id: int | None,
    at: datetime.datetime,
    object_repr: str,
    note: str = "",
    sensitive: Iterable[str] = (),
) -> dict[str, Any]:
    """The columns of the "create" event `record_create` writes for a new row of `model`,
    from the row's column values (attnames, "id" included) rather than an instance: for
    writers that insert many rows straight to their table (core.bulk.BulkTable)."""
    hidden = set(sensitive)
    changes = {}
    for name, attname in _audited(model):
        value = _plain(values.get(attname))
        if value is not None:
            changes[name] = [MASK, MASK] if name in hidden else [None, value]
    return {
        "at": at,
        "actor_id": actor_id,
        "action": AuditEvent.Action.CREATE.value,
        "object_type": model._meta.label_lower,
        "object_id": str(values["id"]),
        "object_repr": object_repr[:200],
        "owner_id": values.get("owner_id"),
        "changes": dict(sorted(changes.items())),
        "note": note[:500],
    }


def record_create(actor, obj: models.Model, *, sensitive: Iterable[str] = ()) -> AuditEvent:
    return record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=obj,
        changes=diff({}, snapshot(obj), sensitive),
    )


def record_update(
    actor, obj: models.Model, before: dict[str, Any], *, sensitive: Iterable[str] = ()
) -> AuditEvent | None:
    """Record the fields of `obj` that differ from `before`; nothing if none did."""
    changes = diff(before, snapshot(obj, before.keys()), sensitive)
    if not changes:
        return None
    return record(actor=actor, action=AuditEvent.Action.UPDATE, obj=obj, changes=changes)
