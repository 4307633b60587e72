"""The completion rule of a course, as a plain calculation (no database): a participant
completes when they attended at least the course's share of the event's session days and,
when the course sets one, reached its minimum post-test score."""

from __future__ import annotations

from decimal import Decimal


def completes(
    *,
    days_attended: int,
    session_days: int,
    min_attendance_percent: int,
    post_score: Decimal | None = None,
    min_post_score: Decimal | None = None,
) -> bool:
    if session_days <= 0:
        return False
    # Compared in whole numbers: 4 days of 5 is 80%, exactly the usual rule.
    if days_attended * 100 < min_attendance_percent * session_days:
        return False
    below = post_score is None or (min_post_score is not None and post_score < min_post_score)
    return min_post_score is None or not below
