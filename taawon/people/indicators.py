"""The registry's indicator, registered with the indicator engine (taawon.indicators)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from taawon.indicators.registry import COUNT_PERSONS, PERSONS, Indicator, register

from .models import Person


def _persons():
    return Person.objects.all()


def register_indicators() -> None:
    register(
        Indicator(
            code="persons_registered",
            name=_("Persons registered"),
            definition=_(
                "Unique persons added to the registry in the period (the day their record was "
                "created); records merged into another person are left out, so a duplicate "
                "counts once."
            ),
            unit=PERSONS,
            rows=_persons,
            date="created_at",
            measure=COUNT_PERSONS,
            subject="",
            governorate="governorate",
            list_url="people:person_list",
            list_filters={
                "governorate": "governorate",
                "sex": "sex",
                "nationality": "nationality",
                "displacement": "displacement_status",
            },
            summarised=True,
            order=10,
        )
    )
