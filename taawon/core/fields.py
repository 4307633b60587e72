"""The date reader of forms and of the API: `taawon.lib.dates.parse_date`, the importers' reader.

One reader for every way a date comes in, so that 10/03/1974 is 10 March 1974 in a form, an
API call and a spreadsheet alike. Forms and API accept the day first (31/12/2026, 31-12-2026,
31.12.2026) and ISO (2026-12-31), with Arabic-Indic digits; a form also takes "31 Dec 2026".
Never a bare number: parse_date reads 45000 as an Excel serial date, which a person typing
into a form does not mean. A refused date gets a message that says how to write it, by the
stable code of `DateError`.

The widget is a text box asking for dd/mm/yyyy in the page's language, not `type="date"`: a
browser's date box shows the browser's order (mm/dd/yyyy on most phones set to English, the
defect this replaces), and counsellors copy dates of birth and permit dates off documents, which
is quicker typed than scrolled to in a picker decades back.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from taawon.lib.arabic import ARABIC_INDIC_DIGITS
from taawon.lib.dates import DateError, parse_date

DATE_MESSAGES = {
    "not_a_date": _("Enter the date as dd/mm/yyyy, such as 31/12/2026."),
    "two_digit_year": _("Write the year in full, such as 31/12/2026."),
    "ambiguous_day_month": _("Enter the date as dd/mm/yyyy, such as 31/12/2026."),
    "impossible_date": _("There is no such day: check the day and the month (dd/mm/yyyy)."),
    "out_of_range": _("Enter a date between 1900 and 2099."),
}

# What the API accepts: ISO, or the day first with slashes, after digits are made Latin.
_API_SHAPES = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}")
_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")

Limit = datetime.date | Callable[[], datetime.date] | None


def read_date(value: object) -> datetime.date:
    """`value` as typed into a form or sent to the API, day first; DateError if not a date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).translate(ARABIC_INDIC_DIGITS).strip()
    if _BARE_NUMBER.fullmatch(text):
        raise DateError("not_a_date", f"{value} is not a date.", value=str(value))
    return parse_date(text, day_first=True)


class DateInput(forms.DateInput):
    """A text box for dd/mm/yyyy, left to right in Arabic pages too (the digits' order)."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "placeholder": pgettext_lazy("date input", "dd/mm/yyyy"),
                "dir": "ltr",
                "autocomplete": "off",
                "size": 10,
                **(attrs or {}),
            },
            format="%d/%m/%Y",
        )


class DateField(forms.DateField):
    """A date read by `read_date`, optionally within plausible limits (`earliest`, `latest`:
    a date, or a callable such as `timezone.localdate` for "not in the future")."""

    widget = DateInput
    default_error_messages = {
        **DATE_MESSAGES,
        "invalid": DATE_MESSAGES["not_a_date"],
        "too_early": _("The date cannot be before %(limit)s."),
        "too_late": _("The date cannot be after %(limit)s."),
    }

    def __init__(self, *, earliest: Limit = None, latest: Limit = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.earliest = earliest
        self.latest = latest

    def to_python(self, value: object) -> datetime.date | None:
        if value in self.empty_values:
            return None
        try:
            return read_date(value)
        except DateError as error:
            raise ValidationError(
                self.error_messages[error.code], code=error.code, params={"value": value}
            ) from error

    def validate(self, value: datetime.date | None) -> None:
        super().validate(value)
        if value is None:
            return
        earliest, latest = _limit(self.earliest), _limit(self.latest)
        if earliest is not None and value < earliest:
            raise ValidationError(
                self.error_messages["too_early"], code="too_early", params=_shown(earliest)
            )
        if latest is not None and value > latest:
            raise ValidationError(
                self.error_messages["too_late"], code="too_late", params=_shown(latest)
            )


def _limit(limit: Limit) -> datetime.date | None:
    return limit() if callable(limit) else limit


def _shown(limit: datetime.date) -> dict[str, str]:
    return {"limit": formats.date_format(limit, "SHORT_DATE_FORMAT")}


def _api_date(value: object) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    text = value.translate(ARABIC_INDIC_DIGITS).strip() if isinstance(value, str) else ""
    if not _API_SHAPES.fullmatch(text):
        raise PydanticCustomError("date_format", str(DATE_MESSAGES["not_a_date"]))
    try:
        return parse_date(text, day_first=True)
    except DateError as error:
        raise PydanticCustomError(f"date_{error.code}", str(DATE_MESSAGES[error.code])) from None


# A date in an API input schema: yyyy-mm-dd or dd/mm/yyyy (day first), refused otherwise with
# the form's message on the field.
ApiDate = Annotated[
    datetime.date,
    BeforeValidator(_api_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "description": "yyyy-mm-dd or dd/mm/yyyy (day first)",
        }
    ),
]

__all__ = ["ApiDate", "DateField", "DateInput", "read_date"]
