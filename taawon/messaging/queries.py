"""Reads of outgoing messages."""

from __future__ import annotations

from collections.abc import Iterable

from .models import OutboundMessage


def taken_dedupe_keys(keys: Iterable[str]) -> set[str]:
    """Those of `keys` a message was queued under already (it is never queued again)."""
    keys = sorted(set(keys))
    taken: set[str] = set()
    # In slices: SQLite caps the parameters of one statement.
    for start in range(0, len(keys), 500):
        taken.update(
            OutboundMessage.objects.filter(dedupe_key__in=keys[start : start + 500]).values_list(
                "dedupe_key", flat=True
            )
        )
    return taken
