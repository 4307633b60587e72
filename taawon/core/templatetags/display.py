"""Template filters that write dates, ranges, amounts and lists for the reader's language.

    {% load display %}
    {{ permit.issued_on|daterange:permit.expires_on }}   05/12/2026 – 04/12/2027, isolated
    {{ permit.fee_paid|money:permit.fee_currency }}       10 JOD / 10 دينار أردني
    {{ crops|listing }}                                   a, b, c / a، b، c
    {{ cooperative.founding_date|longdate }}              5 December 2026 / 5 كانون الأول 2026
    {{ event.at|longdate:"DATETIME_FORMAT" }}             any format, Levantine month names

Short dates need nothing more than Django's `|date:"SHORT_DATE_FORMAT"` (05/12/2026, from
taawon.formats). The work is done in taawon.formats.render, which messages and exports share.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal

from django import template
from django.utils.safestring import SafeString

from taawon.formats import render

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def longdate(value: datetime.date | None, fmt: str = "DATE_FORMAT") -> str:
    return render.format_date(value, fmt)


@register.filter(expects_localtime=True)
def daterange(start: datetime.date | None, end: datetime.date | None) -> SafeString:
    return render.date_range_html(start or None, end or None)


@register.filter(expects_localtime=True)
def longdaterange(start: datetime.date | None, end: datetime.date | None) -> SafeString:
    return render.date_range_html(start or None, end or None, "DATE_FORMAT")


@register.filter
def money(amount: Decimal | int | str | None, currency: str = "") -> SafeString:
    return render.money_html(amount, currency or "")


@register.filter
def listing(items: Iterable[object] | None) -> SafeString:
    return render.listing_html(items or ())


@register.filter
def monthnames(months: Iterable[int] | None) -> list[str]:
    """Month numbers (1-12) as the language names them: {{ months|monthnames|listing }}."""
    return [render.format_date(datetime.date(2000, month, 1), "F") for month in months or ()]


@register.simple_tag
def listsep() -> str:
    """The list separator alone, for lists a template builds in a loop."""
    return render.list_separator()


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@register.filter
def recorded(value: object) -> object:
    """A value as the audit trail recorded it (dates in ISO), shown as the reader writes it:
    2026-12-05 becomes 05/12/2026; anything else is left as it is."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return render.format_date(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return value
