"""`{% load history %}`: the changes of an audit event worth a line in a record's history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template

register = template.Library()

# Values that show as "—": a change between two of them changed nothing the reader can see.
_EMPTY = (None, "", [], {}, ())


def _shown(value: Any) -> Any:
    return None if any(value == empty for empty in _EMPTY) else value


@register.filter
def changed(changes: Mapping[str, Any] | Iterable[tuple] | None) -> list:
    """The changes whose two sides differ once shown, in their given shape: an event's
    `changes` mapping ({field: [before, after]}) as (field, [before, after]) pairs, or rows
    (label, before, after). A row reading "— → —", or the same value twice, is left out."""
    if not changes:
        return []
    if isinstance(changes, Mapping):
        return [
            (name, pair)
            for name, pair in changes.items()
            if not isinstance(pair, list | tuple)
            or len(pair) != 2
            or _shown(pair[0]) != _shown(pair[1])
        ]
    return [row for row in changes if _shown(row[-2]) != _shown(row[-1])]
