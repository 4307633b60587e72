"""The export definitions of each app's lists, one module per app, over that app's queries."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils import timezone


def text(path: str) -> Callable[[Any], str]:
    """A reader of a dotted attribute path as text in the active language ("" when missing):
    str() of a related record is its localised display name."""
    parts = path.split(".")

    def read(row: Any) -> str:
        value = row
        for part in parts:
            value = getattr(value, part, None)
            if value is None:
                return ""
        return str(value)

    return read


def raw(path: str) -> Callable[[Any], Any]:
    """A reader of a dotted attribute path as its value (dates stay dates, numbers numbers);
    the empty path reads the row itself."""
    parts = path.split(".") if path else []

    def read(row: Any) -> Any:
        value = row
        for part in parts:
            value = getattr(value, part, None)
            if value is None:
                return None
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            # The time as people on the server's clock read it (Asia/Amman by default).
            return timezone.localtime(value)
        return value

    return read


def display(path: str, field: str) -> Callable[[Any], str]:
    """A reader of a choice field's label, on the record at `path` ("" for the row itself)."""
    target = raw(path)

    def read(row: Any) -> str:
        record = target(row)
        return "" if record is None else str(getattr(record, f"get_{field}_display")())

    return read
