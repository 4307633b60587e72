"""Field-error messages for the kinds of value `lib` reads: phones and money.

`lib.phones` and `lib.money` know nothing of Django; they raise errors with stable codes. This
module is the one place that turns a code into the translated message a person reads, so that
the cooperative registry, the person registry, employment, permits and messaging say the same
thing about the same mistake. Services, forms, schemas and importers call `clean_phone` and
`clean_amount` (which collect the message under a field) or `phone_message`/`money_message`.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from taawon.lib.money import MoneyError, parse_amount, parse_decimal
from taawon.lib.phones import InvalidPhone, normalise_phone
from taawon.lib.text import has_nul, strip_controls

FieldErrors = MutableMapping[str, list[str]]

PHONE_MESSAGES = {
    "invalid": gettext_lazy("Enter a valid phone number, for example +962 79 123 4567."),
    "no_country_code": gettext_lazy(
        "Enter a phone number in international format, such as +962791234567."
    ),
}


NUL_MESSAGE = gettext_lazy("Remove the invisible null character from this text.")


def clean_text(value: str, *, errors: FieldErrors, field: str) -> str:
    """The one cleaning of typed text (see `lib.text`): NUL refused with a message under
    `field`; bidirectional overrides and control characters removed. Forms (through
    `core.forms.StyledFormMixin`) and every API body and query string (through the API's
    parser) call it."""
    if has_nul(value):
        errors.setdefault(field, []).append(str(NUL_MESSAGE))
        value = value.replace("\x00", "")
    return strip_controls(value)


def phone_message(error: InvalidPhone) -> str:
    return str(PHONE_MESSAGES.get(error.code, PHONE_MESSAGES["invalid"]))


def money_message(error: MoneyError) -> str:
    """The message for a MoneyError; every code of `lib.money.CODES` has one."""
    params = error.params
    code = error.code
    if code == "not_a_number":
        return _("Enter the amount as a number, for example 15 or 12.500.")
    if code == "negative":
        return _("The amount cannot be negative.")
    if code == "not_positive":
        return _("The amount must be more than zero.")
    if code == "too_small":
        return _("Enter at least %(minimum)s.") % {"minimum": _number(params["minimum"])}
    if code == "too_large":
        if params.get("maximum") is None:
            return _("This amount is too large.")
        return _("Enter at most %(maximum)s.") % {"maximum": _number(params["maximum"])}
    if code == "too_many_decimals":
        places = int(params["places"])  # type: ignore[call-overload]
        if places == 0:
            return _("Enter a whole number, without decimals.")
        return ngettext(
            "Use at most %(places)s decimal.", "Use at most %(places)s decimals.", places
        ) % {"places": places}
    if code == "unknown_currency":
        return _("Choose a currency.")
    raise ValueError(f"no message for the money error {code!r}")


def _number(value: object) -> str:
    # Decimal("1E+4") would print in exponent form
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def clean_phone(value: object, *, region: str | None, errors: FieldErrors, field: str) -> str:
    """`value` in E.164, "" when blank, or "" with the message added to `errors[field]`."""
    try:
        return normalise_phone(str(value or ""), region)
    except InvalidPhone as exc:
        errors.setdefault(field, []).append(phone_message(exc))
        return ""


def clean_amount(
    value: object,
    *,
    currency: str | None = None,
    places: int | None = None,
    errors: FieldErrors,
    field: str,
    **limits: Decimal | int | bool | None,
) -> Decimal | None:
    """`value` read by `lib.money` with `currency`'s decimals (or `places` for a quantity that
    is not money), or None with the message added to `errors[field]`. Blank is the caller's
    to decide (required or not) before calling."""
    try:
        if currency is not None:
            return parse_amount(value, currency, **limits)  # type: ignore[arg-type]
        if places is None:
            raise TypeError("clean_amount needs a currency or places")
        return parse_decimal(value, places=places, **limits)  # type: ignore[arg-type]
    except MoneyError as exc:
        errors.setdefault(field, []).append(money_message(exc))
        return None
