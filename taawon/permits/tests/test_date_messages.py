"""Dates in the permits' messages read as the user's language writes them (dd/mm/yyyy), not
as ISO: the lifecycle's overlap refusal and the import's overlap row error alike."""

from __future__ import annotations

import datetime

from django.utils import translation

from taawon.lib.tabular import RowError

from ..importing.messages import message_for
from ..invariants import Term
from ..services.lifecycle import overlap_message

HELD = Term("WP-1", datetime.date(2026, 3, 5), datetime.date(2027, 3, 4))


def test_the_overlap_refusal_shows_the_other_permits_days_day_first():
    with translation.override("en"):
        message = overlap_message(HELD)

    assert "from 05/03/2026 to 04/03/2027" in message
    assert "2026-03-05" not in message


def test_the_imports_overlap_error_shows_its_days_day_first():
    error = RowError(
        3,
        "Issue date",
        "overlap",
        "Overlaps permit WP-1.",
        {"other": "WP-1", "start": "2026-03-05", "end": "2027-03-04", "value": "2026-06-01"},
    )

    with translation.override("en"):
        message = message_for(error)

    assert "from 05/03/2026 to 04/03/2027" in message
    assert error.params["start"] == "2026-03-05"  # stored as ISO, shown day first
