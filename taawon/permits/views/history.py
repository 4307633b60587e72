"""A permit's audit events in words: the transition, who, when, and the fields that changed
with their labels and readable values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist

from taawon.core.models import AuditEvent
from taawon.formats.render import listing_text

from .. import documents
from ..models import MessageLanguage, Permit, PermitKind, PermitStatus, Sector
from ..services import TRANSITIONS

CHOICES = {
    "status": PermitStatus,
    "sector": Sector,
    "kind": PermitKind,
    "language": MessageLanguage,
}


# Links to other rows show as ids in the trail; the page names them elsewhere.
HIDDEN = frozenset(
    {"renewals", "person", "cooperative", "owner", "previous", "source", "decided_by"}
)


@dataclass(frozen=True)
class HistoryRow:
    event: AuditEvent
    transition: str
    changes: list[tuple[str, object, object]]


def _label(name: str) -> str:
    try:
        return str(Permit._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:
        return name


def _show(name: str, value: object) -> object:
    if value is None or value == "":
        return None
    if name in CHOICES:
        try:
            return CHOICES[name](value).label
        except ValueError:
            return value
    if name == "documents" and isinstance(value, list):
        return listing_text(documents.label(code) for code in value) or None
    return value


def describe_history(events: Iterable[AuditEvent]) -> list[HistoryRow]:
    rows = []
    for event in events:
        changes = [
            (_label(name), _show(name, pair[0]), _show(name, pair[1]))
            for name, pair in sorted(event.changes.items())
            if isinstance(pair, list) and len(pair) == 2 and name not in HIDDEN
        ]
        transition = TRANSITIONS.get(event.note)
        rows.append(
            HistoryRow(
                event=event,
                transition=str(transition) if transition else event.get_action_display(),
                changes=changes,
            )
        )
    return rows
