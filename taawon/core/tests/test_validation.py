"""One translated message per kind of phone and money error, and the field-error collectors."""

from decimal import Decimal

import pytest
from django.utils import translation

from taawon.core.validation import (
    clean_amount,
    clean_phone,
    money_message,
    phone_message,
)
from taawon.lib.money import CODES, MoneyError
from taawon.lib.phones import InvalidPhone


def test_every_money_error_code_has_its_own_message():
    params = {"minimum": Decimal(5), "maximum": Decimal(10000), "places": 3, "currency": "JOD"}
    messages = {code: money_message(MoneyError(code, **params)) for code in CODES}
    assert all(messages.values())
    assert len(set(messages.values())) == len(CODES)


def test_money_messages_say_the_limit_and_the_decimals():
    assert money_message(MoneyError("too_large", maximum=Decimal("1E+4"))) == "Enter at most 10000."
    assert money_message(MoneyError("too_large", maximum=None)) == "This amount is too large."
    assert money_message(MoneyError("too_small", minimum=Decimal(5))) == "Enter at least 5."
    assert money_message(MoneyError("too_many_decimals", places=2)) == "Use at most 2 decimals."
    assert money_message(MoneyError("too_many_decimals", places=1)) == "Use at most 1 decimal."
    assert (
        money_message(MoneyError("too_many_decimals", places=0))
        == "Enter a whole number, without decimals."
    )


def test_an_unknown_money_code_is_a_programming_error():
    with pytest.raises(ValueError):
        money_message(MoneyError("no_such_code"))


def test_messages_are_translated():
    with translation.override("ar"):
        assert "رقم هاتف" in phone_message(InvalidPhone("12"))
        assert "أدخل" in money_message(MoneyError("not_a_number"))


def test_clean_phone_collects_the_message_under_the_field():
    errors: dict[str, list[str]] = {}
    assert clean_phone("079 123 4567", region="JO", errors=errors, field="phone") == "+962791234567"
    assert clean_phone("", region="JO", errors=errors, field="phone") == ""
    assert errors == {}
    assert clean_phone("0791234567", region=None, errors=errors, field="to") == ""
    assert clean_phone("12", region="JO", errors=errors, field="phone") == ""
    assert errors == {
        "to": ["Enter a phone number in international format, such as +962791234567."],
        "phone": ["Enter a valid phone number, for example +962 79 123 4567."],
    }


def test_clean_amount_reads_money_by_currency_and_quantities_by_places():
    errors: dict[str, list[str]] = {}
    assert clean_amount("١٢٫٥", currency="JOD", errors=errors, field="fee") == Decimal("12.500")
    assert clean_amount("2.5", places=2, errors=errors, field="dunums") == Decimal("2.50")
    assert errors == {}
    assert clean_amount("12.5", currency="LBP", errors=errors, field="wage") is None
    assert clean_amount("0", currency="USD", positive=True, errors=errors, field="wage") is None
    assert clean_amount("ten", currency="JOD", errors=errors, field="fee") is None
    assert errors == {
        "wage": ["Enter a whole number, without decimals.", "The amount must be more than zero."],
        "fee": ["Enter the amount as a number, for example 15 or 12.500."],
    }
