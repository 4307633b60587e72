"""The programme's countries and what differs between them, in one table: time zone,
currencies in use, phone numbers, and the features that exist in a country.

A feature that exists only in some countries (flexible work permits through cooperatives exist
in Jordan alone) is asked for with `has_feature(country, feature)`; an app's rules switch its
menu entry, pages and API off for organisations elsewhere. Pure: no Django model is imported.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass

# Features that exist in some of the programme's countries only.
FLEXIBLE_PERMITS = "flexible_permits"
GRANTS = "grants"
SSE_INITIATIVES = "sse_initiatives"


@dataclass(frozen=True)
class CountrySettings:
    code: str  # ISO 3166-1 alpha-2
    time_zone: str  # IANA
    # Currencies amounts are recorded in, the local one first (lib.money knows their decimals).
    currencies: tuple[str, ...]
    calling_code: str  # E.164 country calling code, with "+"
    phone_example: str  # a mobile number as people write it, for help texts
    features: frozenset[str]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_currency(self) -> str:
        return self.currencies[0]


COUNTRIES: dict[str, CountrySettings] = {
    "JO": CountrySettings(
        code="JO",
        time_zone="Asia/Amman",
        currencies=("JOD", "USD"),
        calling_code="+962",
        phone_example="+962 79 123 4567",
        features=frozenset({FLEXIBLE_PERMITS, GRANTS}),
    ),
    # Lebanon: several exchange rates are in use at once since 2019 (official, the banks'
    # platform, the market), so a payment in another currency records which one it used.
    "LB": CountrySettings(
        code="LB",
        time_zone="Asia/Beirut",
        currencies=("LBP", "USD"),
        calling_code="+961",
        phone_example="+961 71 123 456",
        features=frozenset({GRANTS, SSE_INITIATIVES}),
    ),
    "IQ": CountrySettings(
        code="IQ",
        time_zone="Asia/Baghdad",
        currencies=("IQD", "USD"),
        calling_code="+964",
        phone_example="+964 770 123 4567",
        features=frozenset({GRANTS}),
    ),
}
DEFAULT_COUNTRY = "JO"


def settings_for(country: str | None) -> CountrySettings:
    """The country's settings; a country outside the programme gets Jordan's (the default
    region the project reads phones in), never an error on a page."""
    return COUNTRIES.get((country or "").upper(), COUNTRIES[DEFAULT_COUNTRY])


def has_feature(country: str | None, feature: str) -> bool:
    """Whether `feature` exists in `country` (an ISO code; unknown countries have none)."""
    entry = COUNTRIES.get((country or "").upper())
    return entry is not None and feature in entry.features


def countries_with(feature: str) -> frozenset[str]:
    return frozenset(code for code, entry in COUNTRIES.items() if feature in entry.features)


def currencies_of(country: str | None) -> tuple[str, ...]:
    return settings_for(country).currencies


def time_zone_of(country: str | None) -> str:
    return settings_for(country).time_zone
