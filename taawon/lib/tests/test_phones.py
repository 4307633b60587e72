import pytest

from taawon.lib.phones import InvalidPhone, normalise_phone, phone_or_none


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        # Jordan: mobile and Amman landline, national and international forms
        ("079 123 4567", "JO", "+962791234567"),
        ("0791234567", "jo", "+962791234567"),
        ("+962 79 123 4567", "JO", "+962791234567"),
        ("00962791234567", "JO", "+962791234567"),
        ("06 461 2345", "JO", "+96264612345"),
        # Lebanon: mobiles with 03 and 71, a Beirut landline
        ("03 123 456", "LB", "+9613123456"),
        ("71 123 456", "LB", "+96171123456"),
        ("+961 1 123 456", "LB", "+9611123456"),
        # Iraq: Asiacell, Zain
        ("0770 123 4567", "IQ", "+9647701234567"),
        ("+964 780 123 4567", "IQ", "+9647801234567"),
        # Syria, typed in Jordan with its country code, and at home without it
        ("+963 944 123 456", "JO", "+963944123456"),
        ("0944 123 456", "SY", "+963944123456"),
    ],
)
def test_it_reads_numbers_of_the_programme_countries_with_and_without_country_code(
    raw, region, e164
):
    assert normalise_phone(raw, region) == e164


def test_a_number_with_its_country_code_ignores_the_region():
    assert normalise_phone("+961 3 123 456", "JO") == "+9613123456"
    assert normalise_phone("+962 79 123 4567", "IQ") == "+962791234567"


def test_the_same_national_number_means_a_different_phone_in_another_country():
    assert normalise_phone("03 123 456", "LB") == "+9613123456"
    with pytest.raises(InvalidPhone):
        normalise_phone("03 123 456", "JO")


@pytest.mark.parametrize(
    ("raw", "region"),
    [
        ("٠٧٩١٢٣٤٥٦٧", "JO"),  # Arabic-Indic digits
        ("۰۷۹۱۲۳۴۵۶۷", "JO"),  # Persian digits
        ("+٩٦٢ ٧٩ ١٢٣ ٤٥٦٧", "LB"),
        ("\u200f+962 79 123 4567\u200e", "JO"),  # bidi marks an Arabic keyboard leaves
        ("\u2066079-123-4567\u2069", "JO"),
    ],
)
def test_it_reads_arabic_indic_digits_and_ignores_invisible_marks(raw, region):
    assert normalise_phone(raw, region) == "+962791234567"


@pytest.mark.parametrize("raw", ["", "   ", None, "\u200f"])
def test_blank_is_no_number_not_an_error(raw):
    assert normalise_phone(raw, "JO") == ""


@pytest.mark.parametrize(
    ("raw", "region"),
    [
        ("12", "JO"),
        ("abc", "JO"),
        ("079 123", "JO"),  # too short
        ("079 123 4567 89", "JO"),  # too long
        ("+962 12", "JO"),
        ("0770 123 4567", "JO"),  # an Iraqi mobile is not a Jordanian number
        ("+999 123 456", "JO"),  # no such country code
    ],
)
def test_it_refuses_invalid_numbers(raw, region):
    with pytest.raises(InvalidPhone) as caught:
        normalise_phone(raw, region)
    assert caught.value.code == "invalid"
    assert caught.value.text == raw.strip()


@pytest.mark.parametrize("region", [None, ""])
def test_without_a_region_only_international_numbers_are_read(region):
    assert normalise_phone("+962791234567", region) == "+962791234567"
    with pytest.raises(InvalidPhone) as caught:
        normalise_phone("0791234567", region)
    assert caught.value.code == "no_country_code"
    with pytest.raises(InvalidPhone) as caught:
        normalise_phone("+962 12", region)
    assert caught.value.code == "invalid"


def test_it_is_a_value_error_for_callers_that_catch_those():
    with pytest.raises(ValueError):
        normalise_phone("12", "JO")


def test_phone_or_none_gives_none_instead_of_raising():
    assert phone_or_none("079 123 4567", "JO") == "+962791234567"
    assert phone_or_none("", "JO") == ""
    assert phone_or_none("12", "JO") is None
    assert phone_or_none("0791234567", None) is None
