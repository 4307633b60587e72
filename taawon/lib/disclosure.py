"""Small-cell suppression of published counts: a count under `SMALL_CELL` is shown as "<5",
and a share is left out when it would give such a count away (its part, or the rest of its
whole, is small), so that no one can be recognised from the figures an aggregate viewer sees."""

from __future__ import annotations

SMALL_CELL = 5
SUPPRESSED = f"<{SMALL_CELL}"


def cell(count: int | None) -> int | str | None:
    """`count` as published: itself, or "<5" when under the threshold (None stays None)."""
    if count is None:
        return None
    return SUPPRESSED if count < SMALL_CELL else count


def share_publishable(part: int | None, whole: int | None) -> bool:
    """Whether the share `part / whole` may be published: neither the part nor the rest of
    the whole is a small cell."""
    if part is None or not whole:
        return False
    return part >= SMALL_CELL and whole - part >= SMALL_CELL
