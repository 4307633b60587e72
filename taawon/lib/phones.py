"""Phone numbers, read once for every form, API schema, service and importer.

Numbers are stored in E.164 (`+962791234567`). A number typed without its country code is read
as a number of the owning organisation's country (`region`); the programme's countries and the
country most of its refugees come from are the ones people type most often. Arabic-Indic and
Persian digits and stray bidi marks are accepted, since phones are typed on Arabic keyboards.
"""

from __future__ import annotations

import phonenumbers

from taawon.lib.arabic import ARABIC_INDIC_DIGITS

# Jordan, Lebanon, Iraq, and Syria (most refugees' numbers from home).
PROGRAMME_REGIONS = ("JO", "LB", "IQ", "SY")
DEFAULT_REGION = "JO"
EXAMPLE = "+962 79 123 4567"

_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\ufeff"))
_INVISIBLE.update(dict.fromkeys(range(0x2066, 0x206A)))


class InvalidPhone(ValueError):
    """The text is not a valid phone number (for its region, when it has no country code).

    `code` is stable: "no_country_code" when only international numbers are accepted
    (`region=None`) and the text has no country code; "invalid" otherwise. `text` is what was
    read, without the invisible marks.
    """

    def __init__(self, text: str, code: str = "invalid") -> None:
        super().__init__(text)
        self.text = text
        self.code = code


def normalise_phone(raw: str | None, region: str | None = DEFAULT_REGION) -> str:
    """`raw` as E.164, or "" when it is blank.

    `region` (an ISO 3166 alpha-2 code) reads a number typed without its country code; with
    `region=None` only numbers written in international form are accepted. Raises
    `InvalidPhone` when the text is not a valid number.
    """
    text = str(raw or "").translate(ARABIC_INDIC_DIGITS).translate(_INVISIBLE).strip()
    if not text:
        return ""
    region = (region or "").upper() or None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        missing = region is None and exc.error_type == exc.INVALID_COUNTRY_CODE
        raise InvalidPhone(text, "no_country_code" if missing else "invalid") from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_or_none(raw: str | None, region: str | None = DEFAULT_REGION) -> str | None:
    """Like `normalise_phone`, but None instead of raising (for importers that collect errors)."""
    try:
        return normalise_phone(raw, region)
    except InvalidPhone:
        return None
