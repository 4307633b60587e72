"""Complaints indicators, registered with the indicator engine (taawon.indicators): received
(in all and by category), closed, the days they took to close, and satisfied complainants.
Broken down by unit (the owner) and period like every indicator; counts only, so a sensitive
complaint is counted but never shown."""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from taawon.indicators.registry import COUNT_ROWS, EVENTS, SUM, Indicator, register

from .models import Category, Complaint


def _complaints():
    return Complaint.objects.all()


def _closed():
    return Complaint.objects.filter(closed_at__isnull=False)


def _satisfied():
    return Complaint.objects.filter(closed_at__isnull=False, satisfaction__gte=4)


def _of(category: str):
    return lambda: Complaint.objects.filter(category=category)


def _per_category(label):
    # Translated when shown, in the reader's language, not once at start-up.
    return lazy(lambda: _("Complaints received: %(category)s") % {"category": label}, str)()


def register_indicators() -> None:
    register(
        Indicator(
            code="complaints_received",
            name=_("Complaints and feedback received"),
            definition=_(
                "Complaints and feedback received in the period, by every channel (in person, "
                "SMS, public form), anonymous ones included."
            ),
            unit=EVENTS,
            rows=_complaints,
            date="received_at",
            measure=COUNT_ROWS,
            list_url="complaints:complaint_list",
            order=200,
        )
    )
    for offset, (value, label) in enumerate(Category.choices):
        register(
            Indicator(
                code=f"complaints_{value}",
                name=_per_category(label),
                definition=_("Complaints and feedback of this category received in the period."),
                unit=EVENTS,
                rows=_of(value),
                date="received_at",
                measure=COUNT_ROWS,
                list_url="complaints:complaint_list",
                order=201 + offset,
            )
        )
    register(
        Indicator(
            code="complaints_closed",
            name=_("Complaints closed"),
            definition=_("Complaints closed in the period (date of closure)."),
            unit=EVENTS,
            rows=_closed,
            date="closed_at",
            measure=COUNT_ROWS,
            order=220,
        )
    )
    register(
        Indicator(
            code="complaint_days_to_close",
            name=_("Days taken to close complaints"),
            definition=_(
                "Sum of the days from receipt to closure of the complaints closed in the "
                "period; divided by the complaints closed, the average time to close."
            ),
            unit=EVENTS,
            rows=_closed,
            date="closed_at",
            measure=SUM,
            field="days_to_close",
            order=221,
        )
    )
    register(
        Indicator(
            code="complaints_satisfied",
            name=_("Complaints closed with the complainant satisfied"),
            definition=_(
                "Complaints closed in the period whose complainant gave a satisfaction of 4 "
                "or 5 out of 5."
            ),
            unit=EVENTS,
            rows=_satisfied,
            date="closed_at",
            measure=COUNT_ROWS,
            order=222,
        )
    )
