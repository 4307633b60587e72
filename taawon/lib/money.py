"""Money, read once for every form, API schema, service and importer.

Amounts are `Decimal` with a currency, never floats. Each currency has the number of decimals
people write for it, as CLDR gives them (ISO 4217 minor units, except where CLDR says cash and
everyday use differ): the Jordanian dinar has 3 (fils), the US dollar 2, the Lebanese pound and
the Iraqi dinar 0. An amount with more decimals than its currency has is refused, not rounded:
a rounded grant or fee is a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from taawon.lib.arabic import ARABIC_INDIC_DIGITS

# ISO 4217 code -> decimals written (CLDR).
DECIMALS: dict[str, int] = {"JOD": 3, "USD": 2, "EUR": 2, "LBP": 0, "IQD": 0, "SYP": 0}
CURRENCIES = tuple(DECIMALS)
# Arabic decimal and thousands separators, and the spaces people leave in long numbers.
_SEPARATORS = str.maketrans({"\u066b": ".", "\u066c": "", ",": "", " ": "", "\u00a0": ""})


class MoneyError(ValueError):
    """A bad amount; `code` is stable ("not_a_number", "negative", "too_many_decimals",
    "too_large", "unknown_currency") and `params` carry what a translated message needs."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


def decimals(currency: str) -> int:
    try:
        return DECIMALS[currency.upper()]
    except KeyError:
        raise MoneyError("unknown_currency", currency=currency) from None


def parse_amount(
    value: object,
    currency: str,
    *,
    minimum: Decimal | None = Decimal(0),
    maximum: Decimal | None = None,
) -> Decimal:
    """`value` (a Decimal, an int, or text as people type it) as a Decimal of `currency`.

    Accepts Arabic-Indic digits, the Arabic decimal separator and thousands separators; refuses
    floats (binary fractions are not money), more decimals than the currency has, amounts below
    `minimum` (zero by default) or above `maximum`. The result carries the currency's decimals.
    """
    places = decimals(currency)
    if isinstance(value, float | bool):
        raise MoneyError("not_a_number")
    if isinstance(value, Decimal | int):
        amount = Decimal(value)
    else:
        text = str(value or "").translate(ARABIC_INDIC_DIGITS).translate(_SEPARATORS).strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise MoneyError("not_a_number") from None
    if not amount.is_finite():
        raise MoneyError("not_a_number")
    if minimum is not None and amount < minimum:
        raise MoneyError("negative" if minimum == 0 else "too_small", minimum=minimum)
    if maximum is not None and amount > maximum:
        raise MoneyError("too_large", maximum=maximum)
    quantum = Decimal(1).scaleb(-places)
    if amount != amount.quantize(quantum):
        raise MoneyError("too_many_decimals", places=places, currency=currency)
    return amount.quantize(quantum)


def parse_money(value: object, currency: str, **limits: Decimal | None) -> Money:
    return Money(parse_amount(value, currency, **limits), currency.upper())
