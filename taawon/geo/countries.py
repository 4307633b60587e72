"""Countries and nationalities from pycountry, with names in the active language."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language

# The programme's countries and the nationalities it serves most come first in pickers.
PRIORITY = ["JO", "SY", "LB", "IQ", "PS", "EG", "YE", "SD"]


@cache
def _translator(language: str):
    if language == "en":
        return None
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return None


def country_name(code: str, language: str | None = None) -> str:
    country = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    translator = _translator((language or get_language() or "en")[:2])
    return translator.gettext(country.name) if translator else name


def is_country(code: str) -> bool:
    return bool(code) and pycountry.countries.get(alpha_2=code.upper()) is not None


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    codes = [c.alpha_2 for c in pycountry.countries]
    rest = sorted((c for c in codes if c not in PRIORITY), key=lambda c: country_name(c, language))
    return [(c, country_name(c, language)) for c in PRIORITY + rest]
