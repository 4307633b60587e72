"""Grants indicators, registered with the indicator engine: ventures and initiatives funded,
grant money awarded and paid (one indicator per currency: amounts of two currencies are never
added), and jobs created by the funded ventures, by sex and nationality (a placement through
the employment app is one job, a head count is its number of workers)."""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from taawon.indicators.registry import COUNT_ROWS, EVENTS, MONEY, SUM, Indicator, register

from .models import Award, Currency, JobRecord, Tranche, TrancheStatus


def _awards():
    return Award.objects.all()


def _awarded_in(currency: str):
    return lambda: Award.objects.filter(currency=currency)


def _paid_in(currency: str):
    return lambda: Tranche.objects.filter(status=TrancheStatus.PAID, award__currency=currency)


def _jobs():
    return JobRecord.objects.all()


def _named(template, currency: str):
    return lazy(lambda: str(template) % {"currency": currency}, str)()


def register_indicators() -> None:
    register(
        Indicator(
            code="grants_ventures_funded",
            name=_("Ventures and initiatives funded"),
            definition=_(
                "Grants awarded in the period (date of the award decision): joint business "
                "ventures and SSE initiatives, one each."
            ),
            unit=EVENTS,
            rows=_awards,
            date="decided_on",
            measure=COUNT_ROWS,
            governorate="application__governorate",
            list_url="grants:award_list",
            order=300,
        )
    )
    for offset, currency in enumerate(Currency.values):
        register(
            Indicator(
                code=f"grants_awarded_{currency.lower()}",
                name=_named(_("Grant money awarded (%(currency)s)"), currency),
                definition=_(
                    "Sum of the grants awarded in the period in this currency (date of the "
                    "award decision)."
                ),
                unit=MONEY,
                rows=_awarded_in(currency),
                date="decided_on",
                measure=SUM,
                field="amount",
                governorate="application__governorate",
                order=301 + offset,
            )
        )
        register(
            Indicator(
                code=f"grants_paid_{currency.lower()}",
                name=_named(_("Grant money paid (%(currency)s)"), currency),
                definition=_(
                    "Sum of the tranches paid in the period, in the award's currency (a tranche "
                    "paid in another currency counts at its amount in the award's)."
                ),
                unit=MONEY,
                rows=_paid_in(currency),
                date="paid_on",
                measure=SUM,
                field="amount",
                governorate="award__application__governorate",
                order=311 + offset,
            )
        )
    register(
        Indicator(
            code="grants_jobs_created",
            name=_("Jobs created by funded ventures"),
            definition=_(
                "Workers taken on by funded ventures and initiatives, recorded in the period: "
                "a placement through the employment unit counts one, a head count its number; "
                "by sex and nationality."
            ),
            unit=EVENTS,
            rows=_jobs,
            date="recorded_on",
            measure=SUM,
            field="count",
            governorate="award__application__governorate",
            fields={"sex": "sex", "nationality": "nationality"},
            order=320,
        )
    )
