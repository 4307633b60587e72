"""Dates, ranges, amounts and lists as each language writes them (no database)."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from taawon.formats import render

LEVANTINE = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]
DEC_5 = datetime.date(2026, 12, 5)
NEXT_DEC_4 = datetime.date(2027, 12, 4)


def rendered(source: str, **context) -> str:
    return Template("{% load display %}" + source).render(Context(context))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_short_dates_are_day_first_in_both_languages(lang):
    with translation.override(lang):
        assert rendered('{{ d|date:"SHORT_DATE_FORMAT" }}', d=DEC_5) == "05/12/2026"


def test_long_dates_name_the_month_and_arabic_uses_the_levantine_names():
    with translation.override("en"):
        assert rendered("{{ d|longdate }}", d=DEC_5) == "5 December 2026"
        assert rendered('{{ d|date:"DATE_FORMAT" }}', d=DEC_5) == "5 December 2026"
    with translation.override("ar"):
        assert rendered("{{ d|longdate }}", d=DEC_5) == "5 كانون الأول 2026"
        for month, name in enumerate(LEVANTINE, start=1):
            assert render.format_date(datetime.date(2026, month, 1), "F Y") == f"{name} 2026"
        assert rendered("{{ months|monthnames|listing }}", months=[1, 2]) == (
            "<bdi>كانون الثاني</bdi>، <bdi>شباط</bdi>"
        )


def test_a_datetime_is_shown_in_local_time_with_the_month_name():
    moment = datetime.datetime(2026, 12, 5, 20, 30, tzinfo=datetime.UTC)  # 23:30 in Amman
    with translation.override("ar"):
        assert rendered('{{ t|longdate:"DATETIME_FORMAT" }}', t=moment) == (
            "5 كانون الأول 2026، 23:30"
        )
    with translation.override("en"):
        assert rendered('{{ t|date:"SHORT_DATETIME_FORMAT" }}', t=moment) == "05/12/2026 23:30"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_range_isolates_each_date_in_start_end_order(lang):
    with translation.override(lang):
        html = rendered("{{ a|daterange:b }}", a=DEC_5, b=NEXT_DEC_4)
        text = render.date_range_text(DEC_5, NEXT_DEC_4)
    assert html == '<bdi dir="ltr">05/12/2026</bdi> – <bdi dir="ltr">04/12/2027</bdi>'
    assert text == "\u206605/12/2026\u2069 – \u206604/12/2027\u2069"


def test_an_open_range_says_from_or_until():
    with translation.override("en"):
        assert rendered("{{ a|daterange:None }}", a=DEC_5) == (
            'from <bdi dir="ltr">05/12/2026</bdi>'
        )
        assert rendered("{{ None|daterange:b }}", b=NEXT_DEC_4) == (
            'until <bdi dir="ltr">04/12/2027</bdi>'
        )
        assert rendered("{{ None|daterange:None }}") == "—"


@pytest.mark.parametrize(
    ("amount", "currency", "digits"),
    [
        ("10.000", "JOD", "10"),
        ("12.500", "JOD", "12.5"),
        ("2000.000", "JOD", "2,000"),
        ("1250.750", "JOD", "1,250.75"),
        ("0.250", "JOD", "0.25"),
        ("1500000", "LBP", "1,500,000"),
        ("7.10", "USD", "7.1"),
    ],
)
def test_amounts_drop_trailing_zeros_and_group_thousands_in_both_languages(
    amount, currency, digits
):
    for lang in ("en", "ar"):
        with translation.override(lang):
            assert render.format_amount(Decimal(amount), currency) == digits


def test_an_amount_keeps_its_currency_after_it_isolated_from_the_text_around():
    with translation.override("en"):
        assert rendered("{{ fee|money:'JOD' }}", fee=Decimal("10.000")) == (
            '<bdi class="money"><bdi dir="ltr">10</bdi>\xa0JOD</bdi>'
        )
    with translation.override("ar"):
        assert rendered("{{ fee|money:'JOD' }}", fee=Decimal("1250.750")) == (
            '<bdi class="money"><bdi dir="ltr">1,250.75</bdi>\xa0دينار أردني</bdi>'
        )
        assert render.money_text(Decimal("10.000"), "JOD") == "\u206610\u2069\xa0دينار أردني"
        assert rendered("{{ fee|money:'JOD' }}", fee=None) == "—"


def test_numbers_in_arabic_keep_a_decimal_point_and_comma_thousands():
    with translation.override("ar"):
        assert rendered('{{ x|floatformat:"3g" }}', x=Decimal("10.000")) == "10.000"
        assert rendered('{{ x|floatformat:"2g" }}', x=Decimal("12345.5")) == "12,345.50"


def test_lists_are_joined_with_the_languages_comma_and_escaped():
    with translation.override("en"):
        assert rendered("{{ xs|listing }}", xs=["a", "<b>"]) == (
            "<bdi>a</bdi>, <bdi>&lt;b&gt;</bdi>"
        )
        assert rendered("{% listsep %}") == ", "
    with translation.override("ar"):
        assert rendered("{{ xs|listing }}", xs=["طماطم", "Olives"]) == (
            "<bdi>طماطم</bdi>، <bdi>Olives</bdi>"
        )
        assert rendered("{% listsep %}") == "، "
