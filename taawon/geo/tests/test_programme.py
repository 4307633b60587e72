"""The per-country table: time zones, currencies, phones and features."""

from __future__ import annotations

import datetime

import pytest

from taawon.geo import programme
from taawon.lib.money import decimals
from taawon.lib.phones import normalise_phone


def test_each_country_has_its_time_zone_and_currencies():
    assert {c: s.time_zone for c, s in programme.COUNTRIES.items()} == {
        "JO": "Asia/Amman",
        "LB": "Asia/Beirut",
        "IQ": "Asia/Baghdad",
    }
    assert programme.currencies_of("JO") == ("JOD", "USD")
    assert programme.currencies_of("LB") == ("LBP", "USD")
    assert programme.currencies_of("IQ") == ("IQD", "USD")
    # The decimals each is written with: fils, cents, none for the pound and the Iraqi dinar.
    assert [decimals(c) for c in ("JOD", "USD", "LBP", "IQD")] == [3, 2, 0, 0]


def test_the_time_zones_are_real_ones():
    moment = datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC)
    offsets = {c: moment.astimezone(s.zone).utcoffset() for c, s in programme.COUNTRIES.items()}
    # Amman and Baghdad keep UTC+3 all year; Beirut is UTC+2 in winter.
    assert offsets == {
        "JO": datetime.timedelta(hours=3),
        "LB": datetime.timedelta(hours=2),
        "IQ": datetime.timedelta(hours=3),
    }


@pytest.mark.parametrize("country", ["JO", "LB", "IQ"])
def test_each_countrys_example_phone_is_valid_there(country):
    settings = programme.COUNTRIES[country]
    number = normalise_phone(settings.phone_example, country)
    assert number.startswith(settings.calling_code)


def test_lebanese_and_iraqi_numbers_typed_locally_are_read_in_their_country():
    assert normalise_phone("71 123 456", "LB") == "+96171123456"
    assert normalise_phone("0770 123 4567", "IQ") == "+9647701234567"


def test_flexible_permits_exist_only_in_jordan():
    assert programme.countries_with(programme.FLEXIBLE_PERMITS) == {"JO"}
    assert programme.has_feature("lb", programme.SSE_INITIATIVES)
    assert not programme.has_feature("SY", programme.GRANTS)
    assert programme.settings_for("FR").code == "JO"
