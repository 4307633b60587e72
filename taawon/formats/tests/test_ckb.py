"""Dates, amounts and lists in Sorani Kurdish (ckb): Latin digits, Iraq's month names."""

import datetime
from decimal import Decimal

from django.template import Context, Template
from django.utils import formats, translation

from taawon.formats import render

SORANI_MONTHS = [
    "کانوونی دووەم",
    "شوبات",
    "ئازار",
    "نیسان",
    "ئایار",
    "حوزەیران",
    "تەممووز",
    "ئاب",
    "ئەیلوول",
    "تشرینی یەکەم",
    "تشرینی دووەم",
    "کانوونی یەکەم",
]
DEC_5 = datetime.date(2026, 12, 5)


def rendered(source: str, **context) -> str:
    return Template("{% load display %}" + source).render(Context(context))


def test_sorani_dates_are_day_first_with_latin_digits_and_iraqs_month_names():
    with translation.override("ckb"):
        assert rendered('{{ d|date:"SHORT_DATE_FORMAT" }}', d=DEC_5) == "05/12/2026"
        assert rendered("{{ d|longdate }}", d=DEC_5) == "5 کانوونی یەکەم 2026"
        for month, name in enumerate(SORANI_MONTHS, start=1):
            assert render.format_date(datetime.date(2026, month, 1), "F Y") == f"{name} 2026"


def test_sorani_amounts_use_latin_digits_a_decimal_point_and_the_sorani_currency_name():
    with translation.override("ckb"):
        assert formats.get_format("DECIMAL_SEPARATOR") == "."
        assert render.format_amount(Decimal("1250000"), "IQD") == "1,250,000"
        assert rendered("{{ fee|money:'IQD' }}", fee=Decimal("1250000")) == (
            '<bdi class="money"><bdi dir="ltr">1,250,000</bdi>\xa0دیناری عێراقی</bdi>'
        )
        assert rendered('{{ x|floatformat:"2g" }}', x=Decimal("12345.5")) == "12,345.50"


def test_sorani_lists_use_the_arabic_comma():
    with translation.override("ckb"):
        assert rendered("{{ xs|listing }}", xs=["هەولێر", "Duhok"]) == (
            "<bdi>هەولێر</bdi>، <bdi>Duhok</bdi>"
        )
