"""Cell values converted to the kind a column holds, or a coded reason why not.

Numbers arrive as Excel numbers (int or float) or as text typed in many ways: with Arabic-Indic
digits, the Arabic decimal separator (٫) or thousands separators (1,250 or ١٬٢٥٠). A comma is
read as a thousands separator only in groups of three (1,250,000); "1,5" is refused rather than
guessed, since it is 1.5 in much of the world and a typo for 15 or 1,500 elsewhere.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from taawon.lib.arabic import ARABIC_INDIC_DIGITS
from taawon.lib.dates import DateError, parse_date
from taawon.lib.tabular.columns import ColumnSpec
from taawon.lib.tabular.table import normalise_header

_NUMBER_TEXT = str.maketrans({"٫": ".", "٬": ","}) | ARABIC_INDIC_DIGITS
_PLAIN = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


class CellProblem(Exception):
    """Why one cell cannot be converted: a stable code, an English message, its params."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


def is_formula(value: object) -> bool:
    if isinstance(value, str):
        return value.lstrip().startswith("=")
    return isinstance(value, ArrayFormula | DataTableFormula)


def formula_text(value: object) -> str:
    return str(getattr(value, "text", None) or value)


def to_text(value: object) -> str:
    """A cell as text: Excel numbers without a spurious ".0", dates as yyyy-mm-dd."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def to_int(value: object) -> int:
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise CellProblem(
            "not_an_integer", f"{to_text(value)} is not a whole number.", value=to_text(value)
        )
    return int(number)


def to_decimal(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise _not_a_number(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _not_a_number(value)
        # repr: the shortest text that reads back as the same float: 0.1, not 0.1000000000000000055
        return Decimal(repr(value))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    text = value.strip().translate(_NUMBER_TEXT)
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if not _PLAIN.fullmatch(text):
        raise _not_a_number(value)
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise _not_a_number(value) from exc
    if not number.is_finite() or number.adjusted() > 30:
        raise _not_a_number(value)
    return number


def to_date(value: object, *, day_first: bool | None, date1904: bool) -> date:
    try:
        return parse_date(value, day_first=day_first, date1904=date1904)
    except DateError as exc:
        raise CellProblem(exc.code, exc.message, **exc.params) from exc


def choice_reader(spec: ColumnSpec) -> Callable[[object], str]:
    """A function from a cell to the spec's choice it spells (case, Arabic forms folded)."""
    spellings = {
        normalise_header(spelling): choice
        for choice, others in spec.choices.items()
        for spelling in (choice, *others)
    }

    # A column of choices holds a handful of distinct spellings in 180,000 rows: each is
    # normalised once.
    seen: dict[str, str | None] = {}

    def read(value: object) -> str:
        text = to_text(value)
        try:
            choice = seen[text]
        except KeyError:
            choice = seen[text] = spellings.get(normalise_header(text))
        if choice is None:
            allowed = ", ".join(spec.choices)
            raise CellProblem(
                "invalid_choice",
                f"{text} is not one of: {allowed}.",
                value=text,
                choices=list(spec.choices),
            )
        return choice

    return read


def _not_a_number(value: object) -> CellProblem:
    text = to_text(value)
    return CellProblem("not_a_number", f"{text} is not a number.", value=text)
