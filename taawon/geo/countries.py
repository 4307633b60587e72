"""Countries and nationalities from pycountry, with names in the active language."""

from __future__ import annotations

import gettext
import re
from functools import cache

import pycountry
from django.utils.translation import get_language

# The programme's countries and the nationalities it serves most come first in pickers.
PRIORITY = ["JO", "SY", "LB", "IQ", "PS", "EG", "YE", "SD"]

# pycountry's Arabic catalogue gives long official forms with vowel marks for these
# ("الجمهوريّة العربيّة السّوريّة"); the people we serve pick from the short names.
ARABIC_NAMES = {
    "JO": "الأردن",
    "SY": "سوريا",
    "LB": "لبنان",
    "IQ": "العراق",
    "PS": "فلسطين",
    "EG": "مصر",
    "YE": "اليمن",
    "SD": "السودان",
}

# pycountry's Sorani catalogue has Jordan, Iraq, Lebanon, Egypt, Yemen and Sudan, but not these
# ("Syrian Arab Republic", "Palestine, State of" come back in English).
SORANI_NAMES = {
    "SY": "سووریا",
    "PS": "فەلەستین",
    "TR": "تورکیا",
    "IR": "ئێران",
}

# Arabic vowel marks, shadda and sukun: kept out of names so that they sort and match plainly.
_HARAKAT = re.compile("[\u064b-\u0652]")


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
    language = _base(language)
    if language == "ar" and country.alpha_2 in ARABIC_NAMES:
        return ARABIC_NAMES[country.alpha_2]
    if language == "ckb" and country.alpha_2 in SORANI_NAMES:
        return SORANI_NAMES[country.alpha_2]
    translator = _translator(language)
    return _HARAKAT.sub("", translator.gettext(country.name)) if translator else name


def is_country(code: str) -> bool:
    return bool(code) and pycountry.countries.get(alpha_2=code.upper()) is not None


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    return list(_country_choices(_base(language)))


def _base(language: str | None) -> str:
    # "ckb" is three letters: cutting a code to two would read it as "ck" and fall to English.
    return (language or get_language() or "en").split("-")[0].lower()


@cache
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    # Every form with a nationality asks for it, and its names come from pycountry's
    # catalogues one by one: worked out once per language.
    codes = [c.alpha_2 for c in pycountry.countries]
    rest = sorted((c for c in codes if c not in PRIORITY), key=lambda c: country_name(c, language))
    return tuple((c, country_name(c, language)) for c in PRIORITY + rest)
