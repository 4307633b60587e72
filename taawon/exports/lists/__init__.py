"""The export definitions of each app's lists, one module per app, over that app's queries."""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.utils import timezone


class Reader(ABC):
    """A column's reader. `bind()` gives the one an export uses: it may cache what is the
    same on many rows (a choice's label, a governorate's name) for that export, written in
    one language."""

    def __call__(self, row: Any) -> Any:
        return self.bind()(row)

    @abstractmethod
    def bind(self) -> Callable[[Any], Any]: ...


class text(Reader):
    """A dotted attribute path as text in the active language ("" when missing): str() of a
    related record is its localised display name, cached per record for one export."""

    def __init__(self, path: str) -> None:
        self.read = raw(path)

    def bind(self) -> Callable[[Any], str]:
        read = self.read
        names: dict[tuple[type, Any], str] = {}

        def value(row: Any) -> str:
            found = read(row)
            if found is None:
                return ""
            if isinstance(found, Model):
                key = (type(found), found.pk)
                if key not in names:
                    names[key] = str(found)
                return names[key]
            return str(found)

        return value


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


class display(Reader):
    """A choice field's label, on the record at `path` ("" for the row itself); the labels
    are translated once per export, not once per cell."""

    def __init__(self, path: str, field: str) -> None:
        self.target = raw(path)
        self.field = field

    def bind(self) -> Callable[[Any], str]:
        target, field = self.target, self.field
        labels: dict[Any, str] = {}

        def value(row: Any) -> str:
            record = target(row)
            if record is None:
                return ""
            code = getattr(record, field)
            if code not in labels:
                labels[code] = str(getattr(record, f"get_{field}_display")())
            return labels[code]

        return value
