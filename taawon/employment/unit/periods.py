"""The programme's reporting periods: calendar quarters (the brief reports July to September
2020). Plain date arithmetic."""

from __future__ import annotations

import datetime


def quarter_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last days of the calendar quarter holding `day`."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    if first_month == 10:
        return start, datetime.date(day.year, 12, 31)
    return start, datetime.date(day.year, first_month + 3, 1) - datetime.timedelta(days=1)


def completed(
    start: datetime.date | None, end: datetime.date | None
) -> tuple[datetime.date, datetime.date] | None:
    """A period given by one end only, completed with its quarter: from `start` to the end of
    its quarter, or from the start of `end`'s quarter; None when neither is given."""
    if start and end:
        return start, end
    if start:
        return start, quarter_of(start)[1]
    if end:
        return quarter_of(end)[0], end
    return None
