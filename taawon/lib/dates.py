"""Dates as people type them into spreadsheets, read strictly.

A wrong date on a work permit is worse than a rejected row, so this module accepts the common
forms and refuses to guess. What `parse_date` accepts:

- `date` and `datetime` objects (a datetime's time of day is dropped);
- year first: 2021-04-03, 2021/04/03, 2021.04.03 (never read as year-day-month), optionally
  followed by a time (2021-04-03 00:00:00, 2021-04-03T10:20), which is dropped;
- day and month first with a four-digit year: 3/4/2021, 03-04-2021, 03.04.2021 (one separator,
  used twice), also followed optionally by a time;
- a day, an English month name and a four-digit year: 3 Apr 2021, 03-Apr-2021, 3 April 2021;
- Excel serial numbers (int, float or a numeric string) in the 1900 date system, including the
  fictitious 29 February 1900 that Excel inherited from Lotus 1-2-3: serials 1 to 59 count from
  31 December 1899, 60 is that non-existent day, and from 61 on they count from 30 December 1899.
  A fraction is a time of day and is dropped. Only serials from 1 January 1920 to 31 December 2099
  are read as dates, because a small number in a date column is more often an age or a count;
- Arabic-Indic and Persian digits anywhere above, and stray bidi marks around them.

Which of the first two numbers of 03/04/2021 is the day is decided by `day_first`:

- True (the default; Jordan, Lebanon and Iraq write the day first) reads day/month/year;
- False reads month/day/year;
- None means the file's convention is unknown: a value is accepted only when it reads one way
  alone (a part above 12, or day and month equal), and otherwise is "ambiguous_day_month".
  `infer_day_first` recovers a file's convention from its unambiguous values.

Everything else raises `DateError` with a stable `code` (the Django layer translates by code),
an English `message` and the `params` a translation needs:

- "not_a_date": nothing above matches (text, a time alone, a boolean, mixed separators);
- "two_digit_year": 03/04/21 could be 1921 or 2021;
- "ambiguous_day_month": day and month could be swapped and the convention is unknown;
- "impossible_date": 31/02/2020, month 13, Excel's 29 February 1900;
- "out_of_range": a real date or serial number outside 1900-2099 (serials: 1920-2099).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from taawon.lib.arabic import ARABIC_INDIC_DIGITS

EARLIEST = date(1900, 1, 1)
LATEST = date(2099, 12, 31)
EARLIEST_SERIAL_DATE = date(1920, 1, 1)

_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\ufeff"))
_BIDI_MARKS.update(dict.fromkeys(range(0x2066, 0x206A)))
_TIME = (
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp]\.?[Mm]\.?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_YEAR_FIRST = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME)
_DAY_OR_MONTH_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d+)" + _TIME)
_MONTH_NAME = re.compile(r"(\d{1,2})[-/. ]\s*([A-Za-z]+)\.?[-/., ]\s*(\d+)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


class DateError(ValueError):
    """A value that is not a date, or not one we may read without guessing."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


def parse_date(value: object, *, day_first: bool | None = True, date1904: bool = False) -> date:
    """Read `value` as a calendar date by the rules in the module docstring.

    `date1904` reads serial numbers in the 1904 date system of old Mac workbooks.
    """
    if isinstance(value, datetime):
        return _in_range(value.date(), value)
    if isinstance(value, date):
        return _in_range(value, value)
    if isinstance(value, bool):
        raise _not_a_date(value)
    if isinstance(value, int | float):
        return _from_serial(value, value, date1904=date1904)
    if not isinstance(value, str):
        raise _not_a_date(value)

    text = value.translate(ARABIC_INDIC_DIGITS).translate(_BIDI_MARKS).strip()
    if match := _YEAR_FIRST.fullmatch(text):
        year, _, month, day = match.groups()
        return _make(int(year), int(month), int(day), value)
    if match := _DAY_OR_MONTH_FIRST.fullmatch(text):
        first, _, second, year = match.groups()
        return _day_month_year(int(first), int(second), year, value, day_first)
    if match := _MONTH_NAME.fullmatch(text):
        day, name, year = match.groups()
        month = _MONTHS.get(name.lower())
        if month is None:
            raise _not_a_date(value)
        _check_year_digits(year, value)
        return _make(int(year), month, int(day), value)
    if _NUMBER.fullmatch(text):
        return _from_serial(float(text), value, date1904=date1904)
    raise _not_a_date(value)


def excel_serial_to_date(serial: float, *, date1904: bool = False) -> date:
    """The calendar date of an Excel serial number, time of day dropped; no range check."""
    if not math.isfinite(serial) or serial < (0 if date1904 else 1):
        raise DateError(
            "out_of_range", f"{serial:g} is not an Excel date number.", value=f"{serial:g}"
        )
    days = math.floor(serial)
    if date1904:
        return date(1904, 1, 1) + timedelta(days=days)
    if days == 60:
        raise DateError(
            "impossible_date",
            "Excel date number 60 is 29 February 1900, a day that did not exist.",
            value="60",
        )
    # Excel counts the non-existent 29 February 1900, so from 1 March 1900 on it is a day ahead.
    epoch = date(1899, 12, 31) if days < 60 else date(1899, 12, 30)
    try:
        return epoch + timedelta(days=days)
    except OverflowError as exc:
        raise DateError(
            "out_of_range", f"{serial:g} is not an Excel date number.", value=f"{serial:g}"
        ) from exc


def infer_day_first(values: Iterable[object]) -> bool | None:
    """The day/month order a column's values agree on, or None when they show none or both.

    Only values that read one way alone count (25/03/2021 says day first, 03/25/2021 month
    first). A column with both kinds is not consistent, so it gets None and its ambiguous values
    are then rejected rather than read by a convention the file itself breaks.
    """
    day_first = month_first = False
    for value in values:
        if not isinstance(value, str):
            continue
        text = value.translate(ARABIC_INDIC_DIGITS).translate(_BIDI_MARKS).strip()
        match = _DAY_OR_MONTH_FIRST.fullmatch(text)
        if not match:
            continue
        first, second = int(match.group(1)), int(match.group(3))
        if first > 12 >= second:
            day_first = True
        elif second > 12 >= first:
            month_first = True
        if day_first and month_first:
            return None
    if day_first:
        return True
    if month_first:
        return False
    return None


def _day_month_year(
    first: int, second: int, year: str, original: object, day_first: bool | None
) -> date:
    _check_year_digits(year, original)
    if day_first is None:
        if first <= 12 and second <= 12 and first != second:
            raise DateError(
                "ambiguous_day_month",
                f"{original} could be day/month or month/day; write it as yyyy-mm-dd.",
                value=str(original),
            )
        # Only one reading is a real date (or both readings are the same date).
        day_first = first > 12 or first == second
    day, month = (first, second) if day_first else (second, first)
    return _make(int(year), month, day, original)


def _check_year_digits(year: str, original: object) -> None:
    if len(year) == 4:
        return
    if len(year) == 2:
        raise DateError(
            "two_digit_year",
            f"{original} has a two-digit year; write the year in full, such as 2021.",
            value=str(original),
        )
    raise _not_a_date(original)


def _make(year: int, month: int, day: int, original: object) -> date:
    try:
        result = date(year, month, day)
    except ValueError as exc:
        raise DateError(
            "impossible_date", f"{original} is not a real date.", value=str(original)
        ) from exc
    return _in_range(result, original)


def _in_range(result: date, original: object) -> date:
    if not EARLIEST <= result <= LATEST:
        raise DateError(
            "out_of_range",
            f"{original} is outside the years {EARLIEST.year} to {LATEST.year}.",
            value=str(original),
        )
    return result


def _from_serial(serial: float, original: object, *, date1904: bool) -> date:
    result = excel_serial_to_date(serial, date1904=date1904)
    if not EARLIEST_SERIAL_DATE <= result <= LATEST:
        raise DateError(
            "out_of_range",
            f"{original} is not a date: as an Excel date number it falls outside the years "
            f"{EARLIEST_SERIAL_DATE.year} to {LATEST.year}.",
            value=str(original),
        )
    return result


def _not_a_date(original: object) -> DateError:
    return DateError("not_a_date", f"{original} is not a date.", value=str(original))
