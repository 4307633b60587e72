from decimal import Decimal

import pytest

from taawon.lib.money import (
    CODES,
    DECIMALS,
    Money,
    MoneyError,
    decimals,
    parse_amount,
    parse_decimal,
    parse_money,
)


def error(value: object, currency: str = "JOD", **limits: object) -> MoneyError:
    with pytest.raises(MoneyError) as caught:
        parse_amount(value, currency, **limits)
    assert caught.value.code in CODES
    return caught.value


def test_each_currency_has_the_decimals_cldr_gives_it():
    assert DECIMALS["JOD"] == 3
    assert DECIMALS["USD"] == 2
    assert DECIMALS["LBP"] == 0
    assert DECIMALS["IQD"] == 0
    assert decimals("jod") == 3


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        ("10.5", "JOD", "10.500"),
        ("10.125", "JOD", "10.125"),
        ("10.5", "USD", "10.50"),
        ("10.25", "usd", "10.25"),
        ("250000", "LBP", "250000"),
        ("25000", "IQD", "25000"),
        ("25000.000", "IQD", "25000"),  # trailing zeros are not decimals
    ],
)
def test_the_result_carries_the_currencys_decimals(value, currency, expected):
    amount = parse_amount(value, currency)
    assert amount == Decimal(expected)
    assert str(amount) == expected


@pytest.mark.parametrize(
    ("value", "currency", "places"),
    [("10.1255", "JOD", 3), ("10.125", "USD", 2), ("1500.5", "LBP", 0), ("0.5", "IQD", 0)],
)
def test_more_decimals_than_the_currency_has_are_refused_not_rounded(value, currency, places):
    refused = error(value, currency)
    assert refused.code == "too_many_decimals"
    assert refused.params == {"places": places, "currency": currency}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("١٢٫٥", "12.500"),  # Arabic-Indic digits and the Arabic decimal separator
        ("١٬٢٥٠٫٧٥", "1250.750"),  # and the Arabic thousands separator
        ("۱۲٫۵", "12.500"),  # Persian digits
        ("1,250", "1250.000"),
        ("1,250,000.5", "1250000.500"),
        ("1 250", "1250.000"),
        ("1\u00a0250", "1250.000"),
        (" 12.5 ", "12.500"),
        (".5", "0.500"),
        (Decimal("12.5"), "12.500"),
        (12, "12.000"),
    ],
)
def test_it_reads_amounts_as_people_type_them(value, expected):
    assert str(parse_amount(value, "JOD")) == expected


@pytest.mark.parametrize("value", [12.5, 0.1, 1.0, True])
def test_floats_are_refused_since_binary_fractions_are_not_money(value):
    assert error(value).code == "not_a_number"


@pytest.mark.parametrize(
    "value",
    [
        "",
        " ",
        None,
        "ten",
        "12.5 JOD",
        "1,5",
        "12,50",
        "1,2500",
        "1e3",
        "nan",
        "Infinity",
        Decimal("NaN"),
        Decimal("Infinity"),
        "--1",
        "1.2.3",
        [12],
    ],
)
def test_text_that_is_not_a_number_is_refused(value):
    assert error(value).code == "not_a_number"


def test_negative_amounts_are_refused_unless_the_minimum_allows_them():
    refused = error("-1")
    assert refused.code == "negative"
    assert refused.params == {"minimum": Decimal(0)}
    assert parse_amount("-1", "JOD", minimum=None) == Decimal("-1.000")
    assert parse_amount("0", "JOD") == Decimal("0.000")


def test_a_minimum_above_zero_is_too_small():
    refused = error("4.999", minimum=Decimal(5))
    assert refused.code == "too_small"
    assert refused.params == {"minimum": Decimal(5)}
    assert parse_amount("5", "JOD", minimum=Decimal(5)) == Decimal("5.000")


def test_positive_refuses_zero():
    assert error("0", positive=True).code == "not_positive"
    assert error("0.000", positive=True).code == "not_positive"
    assert parse_amount("0.001", "JOD", positive=True) == Decimal("0.001")


def test_amounts_above_the_maximum_are_too_large():
    refused = error("10000.001", maximum=Decimal(10000))
    assert refused.code == "too_large"
    assert refused.params == {"maximum": Decimal(10000)}
    assert parse_amount("10000", "JOD", maximum=Decimal(10000)) == Decimal("10000.000")


def test_absurdly_large_amounts_are_too_large_even_without_a_maximum():
    assert error("1" + "0" * 30).code == "too_large"
    assert error(Decimal("1E+40")).code == "too_large"


def test_an_unknown_currency_is_refused():
    refused = error("10", "XYZ")
    assert refused.code == "unknown_currency"
    assert refused.params == {"currency": "XYZ"}
    with pytest.raises(MoneyError):
        decimals("")


def test_it_is_a_value_error_for_callers_that_catch_those():
    with pytest.raises(ValueError):
        parse_amount("ten", "JOD")


def test_parse_decimal_reads_quantities_that_are_not_money_with_their_own_places():
    assert parse_decimal("2.75", places=2) == Decimal("2.75")
    assert parse_decimal("١٫٥", places=1) == Decimal("1.5")
    with pytest.raises(MoneyError) as caught:
        parse_decimal("2.755", places=2)
    assert caught.value.params == {"places": 2, "currency": ""}


def test_parse_money_keeps_the_currency_with_the_amount():
    money = parse_money("12.5", "usd")
    assert money == Money(Decimal("12.50"), "USD")
    assert str(money) == "12.50 USD"
