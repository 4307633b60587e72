"""Dates, date ranges, amounts and lists as a reader of the current language expects them.

Each value comes two ways: as HTML for pages (`*_html`, isolated with `<bdi>` elements) and as
plain text for SMS, spreadsheets and messages (isolated with the Unicode isolate marks LRI/PDI).
Isolation keeps a left-to-right run (a date, an amount) in one piece inside right-to-left text:
without it the bidi algorithm orders the two dates of a range, or an amount and its currency,
from right to left, and 05/12/2026 – 04/12/2027 reads as a range ending before it starts.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.utils import dateformat, formats, numberformat, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from taawon.lib.money import DECIMALS

# Left-to-right isolate and pop directional isolate: plain-text twins of <bdi dir="ltr">.
LRI, PDI = "\u2066", "\u2069"
NBSP = "\u00a0"


class _DateFormat(dateformat.DateFormat):
    """Django's date format with the month names of the language's format module
    (`MONTH_NAMES`), so Arabic pages say كانون الأول where Django's catalogue says ديسمبر."""

    def __init__(self, value: datetime.date, months: tuple[str, ...]) -> None:
        super().__init__(value)
        self.months = months

    def _month(self) -> str | None:
        return self.months[self.data.month - 1] if self.months else None

    def F(self) -> str:  # Django's format letters
        return self._month() or super().F()

    def E(self) -> str:
        return self._month() or super().E()

    def M(self) -> str:
        return self._month() or super().M()

    def N(self) -> str:
        return self._month() or super().N()

    def b(self) -> str:
        return self._month() or super().b()


def format_date(value: datetime.date | None, fmt: str = "DATE_FORMAT") -> str:
    """`value` by `fmt` (a format setting's name such as "DATE_FORMAT", or a format string),
    with the language's month names; an aware datetime in the local time zone; "" for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    pattern = formats.get_format(fmt)
    months = formats.get_format("MONTH_NAMES")
    return _DateFormat(value, tuple(months) if months != "MONTH_NAMES" else ()).format(pattern)


def date_range_html(
    start: datetime.date | None, end: datetime.date | None, fmt: str = "SHORT_DATE_FORMAT"
) -> SafeString:
    """ "start – end", each date a left-to-right isolate, so that in Arabic the start is read
    first (on the right) and each date stays whole; "from start" or "until end" when open."""
    return _range(start, end, fmt, lambda text: format_html('<bdi dir="ltr">{}</bdi>', text))


def date_range_text(
    start: datetime.date | None, end: datetime.date | None, fmt: str = "SHORT_DATE_FORMAT"
) -> str:
    return str(_range(start, end, fmt, lambda text: f"{LRI}{text}{PDI}", html=False))


def _range(start, end, fmt, isolate, *, html: bool = True) -> str:
    escape = conditional_escape if html else str
    first, last = format_date(start, fmt), format_date(end, fmt)
    if first and last:
        text = escape(gettext("%(start)s – %(end)s")) % {
            "start": isolate(first),
            "end": isolate(last),
        }
    elif first:
        text = escape(gettext("from %(start)s")) % {"start": isolate(first)}
    elif last:
        text = escape(gettext("until %(end)s")) % {"end": isolate(last)}
    else:
        text = "—"
    return mark_safe(text) if html else text  # the parts are escaped above


def format_amount(amount: Decimal | int | str, currency: str = "") -> str:
    """The amount's digits as people read them: thousands grouped, the currency's decimals
    (lib.money) at most, trailing zeros of the fraction dropped: 10, 12.5, 2,000, 1,250.75."""
    value = Decimal(amount)
    places = DECIMALS.get(currency.upper())
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return numberformat.format(
        Decimal(text),
        formats.get_format("DECIMAL_SEPARATOR"),
        grouping=formats.get_format("NUMBER_GROUPING"),
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def currency_name(currency: str) -> str:
    """The currency as the language's format module names it (`CURRENCY_NAMES`: Arabic says
    دينار أردني), else its ISO code, which English readers in the region use."""
    names = formats.get_format("CURRENCY_NAMES")
    if not isinstance(names, dict):
        return currency
    return names.get(currency.upper(), currency)


def money_html(amount: Decimal | int | str | None, currency: str) -> SafeString:
    """<bdi>1,250.75 JOD</bdi>: the amount a left-to-right isolate, so that in Arabic
    "10 دينار أردني" keeps the number before the currency and neither swaps with the text
    around it; a no-break space keeps them on one line."""
    if amount is None or amount == "":
        return mark_safe("—")
    return format_html(
        '<bdi class="money"><bdi dir="ltr">{}</bdi>{}{}</bdi>',
        format_amount(amount, currency),
        NBSP,
        currency_name(currency),
    )


def money_text(amount: Decimal | int | str, currency: str) -> str:
    return f"{LRI}{format_amount(amount, currency)}{PDI}{NBSP}{currency_name(currency)}"


def list_separator() -> str:
    separator = formats.get_format("LIST_SEPARATOR")
    return ", " if separator == "LIST_SEPARATOR" else separator


def listing_html(items: Iterable[object]) -> SafeString:
    """Items joined by the language's list separator (the Arabic comma in Arabic), each
    isolated so that a Latin name inside Arabic text does not drag its neighbours along."""
    return mark_safe(  # each item is escaped
        list_separator().join(str(format_html("<bdi>{}</bdi>", item)) for item in items)
    )


def listing_text(items: Iterable[object]) -> str:
    return list_separator().join(str(item) for item in items)
