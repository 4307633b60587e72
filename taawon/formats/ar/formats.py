"""Dates and numbers in Arabic as written in Jordan.

The same day-first dates and the same digits and separators as in English (Jordanian forms write
5,000.250 in Arabic too; Django's Arabic formats use a decimal comma, so "10.000" read as ten
thousand), with the Levantine month names (كانون الثاني … كانون الأول) instead of the
Egyptian-style transliterations in Django's Arabic catalogue (يناير …).
"""

from taawon.formats.en.formats import (
    DATE_FORMAT,
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
    DECIMAL_SEPARATOR,
    FIRST_DAY_OF_WEEK,
    MONTH_DAY_FORMAT,
    NUMBER_GROUPING,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    THOUSAND_SEPARATOR,
    TIME_FORMAT,
    TIME_INPUT_FORMATS,
    YEAR_MONTH_FORMAT,
)

# The Arabic comma, as Arabic prose separates the date from the time.
DATETIME_FORMAT = "j F Y، H:i"

MONTH_NAMES = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)
LIST_SEPARATOR = "، "
# The currencies of taawon.lib.money.DECIMALS as Arabic text names them (CLDR's Arabic names).
CURRENCY_NAMES = {
    "JOD": "دينار أردني",
    "USD": "دولار أمريكي",
    "EUR": "يورو",
    "LBP": "ليرة لبنانية",
    "IQD": "دينار عراقي",
    "SYP": "ليرة سورية",
}

__all__ = [
    "CURRENCY_NAMES",
    "DATE_FORMAT",
    "DATE_INPUT_FORMATS",
    "DATETIME_FORMAT",
    "DATETIME_INPUT_FORMATS",
    "DECIMAL_SEPARATOR",
    "FIRST_DAY_OF_WEEK",
    "LIST_SEPARATOR",
    "MONTH_DAY_FORMAT",
    "MONTH_NAMES",
    "NUMBER_GROUPING",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "THOUSAND_SEPARATOR",
    "TIME_FORMAT",
    "TIME_INPUT_FORMATS",
    "YEAR_MONTH_FORMAT",
]
