"""Money, read once for every form, API schema, service and importer.

Amounts are `Decimal` with a currency, never floats. Each currency has the number of decimals
people write for it, as CLDR gives them (ISO 4217 minor units, except where CLDR says cash and
everyday use differ): the Jordanian dinar has 3 (fils), the US dollar 2, the Lebanese pound and
the Iraqi dinar 0. An amount with more decimals than its currency has is refused, not rounded:
a rounded grant or fee is a wrong one.

Text is read as people type it: Arabic-Indic digits, the Arabic decimal separator (٫), and
thousands separators (1,250 or ١٬٢٥٠ or 1 250). A comma is a thousands separator only in groups
of three, as in `lib.tabular`: "1,5" is refused rather than guessed, since it is 1.5 in much of
the world and a typo for 15 or 1,500 elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from taawon.lib.arabic import ARABIC_INDIC_DIGITS

# ISO 4217 code -> decimals written (CLDR).
DECIMALS: dict[str, int] = {"JOD": 3, "USD": 2, "EUR": 2, "LBP": 0, "IQD": 0, "SYP": 0}
CURRENCIES = tuple(DECIMALS)
# Every code MoneyError may carry; core.validation has one message for each.
CODES = (
    "not_a_number",
    "negative",
    "not_positive",
    "too_small",
    "too_large",
    "too_many_decimals",
    "unknown_currency",
)
# The Arabic decimal and thousands separators; spaces (also no-break ones) group thousands too.
_NUMBER_TEXT = str.maketrans({"\u066b": ".", "\u066c": ",", " ": "", "\u00a0": "", "\u202f": ""})
_PLAIN = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# Far beyond any amount, and small enough that quantizing to the decimals cannot overflow.
_MAX_DIGITS = 20


class MoneyError(ValueError):
    """A bad amount; `code` is one of CODES, stable, and `params` carry what a translated
    message needs (`minimum`, `maximum`, `places`, `currency`)."""

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
    """How many decimals amounts of `currency` are written with; MoneyError when unknown."""
    try:
        return DECIMALS[str(currency).upper()]
    except KeyError:
        raise MoneyError("unknown_currency", currency=currency) from None


def _number(value: object) -> Decimal:
    if isinstance(value, float | bool):
        # A float is a binary fraction: 0.1 is not a tenth. Callers pass text or Decimal.
        raise MoneyError("not_a_number")
    if isinstance(value, Decimal | int):
        amount = Decimal(value)
    elif isinstance(value, str):
        text = value.translate(ARABIC_INDIC_DIGITS).translate(_NUMBER_TEXT).strip()
        if _GROUPED.fullmatch(text):
            text = text.replace(",", "")
        if not _PLAIN.fullmatch(text):
            raise MoneyError("not_a_number")
        amount = Decimal(text)
    else:
        raise MoneyError("not_a_number")
    if not amount.is_finite():
        raise MoneyError("not_a_number")
    return amount


def parse_decimal(
    value: object,
    *,
    places: int,
    minimum: Decimal | int | None = 0,
    maximum: Decimal | int | None = None,
    positive: bool = False,
    currency: str = "",
) -> Decimal:
    """`value` as a Decimal with exactly `places` decimals: the reading of `parse_amount`, for
    quantities that are not money (dunums, workers per dunum) as well.

    Refuses floats, text that is not a number, amounts below `minimum` (zero by default; None
    for no bound), zero when `positive`, above `maximum`, or with more than `places` decimals.
    """
    amount = _number(value)
    if minimum is not None and amount < minimum:
        raise MoneyError("negative" if minimum == 0 else "too_small", minimum=Decimal(minimum))
    if positive and amount <= 0:
        raise MoneyError("not_positive")
    if (maximum is not None and amount > maximum) or amount.adjusted() >= _MAX_DIGITS:
        raise MoneyError("too_large", maximum=None if maximum is None else Decimal(maximum))
    quantum = Decimal(1).scaleb(-places)
    try:
        exact = amount.quantize(quantum)
    except InvalidOperation:
        exact = None
    if exact != amount:
        raise MoneyError("too_many_decimals", places=places, currency=currency)
    return exact


def parse_amount(
    value: object,
    currency: str,
    *,
    minimum: Decimal | int | None = 0,
    maximum: Decimal | int | None = None,
    positive: bool = False,
) -> Decimal:
    """`value` (a Decimal, an int, or text as people type it) as a Decimal of `currency`.

    Accepts Arabic-Indic digits, the Arabic decimal separator and thousands separators; refuses
    floats (binary fractions are not money), more decimals than the currency has, amounts below
    `minimum` (zero by default), zero when `positive`, or above `maximum`. The result carries
    the currency's decimals: `parse_amount("10.5", "JOD") == Decimal("10.500")`.
    """
    places = decimals(currency)
    return parse_decimal(
        value,
        places=places,
        minimum=minimum,
        maximum=maximum,
        positive=positive,
        currency=str(currency).upper(),
    )


def parse_money(value: object, currency: str, **limits: Decimal | int | bool | None) -> Money:
    return Money(parse_amount(value, currency, **limits), currency.upper())  # type: ignore[arg-type]
