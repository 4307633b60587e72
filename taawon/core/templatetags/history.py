"""`{% load history %}`: the changes of an audit event worth a line in a record's history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template

register = template.Library()

# Values that show as "—": a change between two of them changed nothing the reader can see.
_EMPTY = (None, "", [], {}, ())


def _empty(value: Any) -> bool:
    return any(value == empty for empty in _EMPTY)


def _something(before: Any, after: Any) -> bool:
    # Two equal values may still be a change: a masked identifier shows "•••" on both sides.
    return not (_empty(before) and _empty(after))


@register.filter
def changed(changes: Mapping[str, Any] | Iterable[tuple] | None) -> list:
    """The changes with something on either side, in their given shape: an event's `changes`
    mapping ({field: [before, after]}) as (field, [before, after]) pairs, or rows (label,
    before, after). A row that would read "— → —" is left out."""
    if not changes:
        return []
    if isinstance(changes, Mapping):
        return [
            (name, pair)
            for name, pair in changes.items()
            if not isinstance(pair, list | tuple) or len(pair) != 2 or _something(pair[0], pair[1])
        ]
    return [row for row in changes if _something(row[-2], row[-1])]
