"""The audit trail: who did what to which record, with the fields that changed.

Services call these inside their transaction, so a change and its audit row commit together.
Sensitive values are never written to the trail: they appear as a mask.
"""

from __future__ import annotations

import datetime
import decimal
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


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    changes: dict | None = None,
    note: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=object_label(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        owner_id=getattr(obj, "owner_id", None),
        changes=changes or {},
        note=note[:500],
    )


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
