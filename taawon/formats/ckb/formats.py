"""Dates and numbers in Sorani Kurdish (Central Kurdish) as written in the Kurdistan Region.

Digits: Latin (0-9), with a dot before decimals and a comma between thousands, as in this
project's English and Arabic. The Kurdistan Region's government statements as the Sorani press
publishes them (Kurdistan24, for example: "11ـی کانوونی دووەمی 2025", "2023/5/25") write Latin
digits; Eastern Arabic digits (٠١٢…) are also seen in Sorani print, but Latin digits keep
amounts, phone numbers and dates identical across the three languages of the interface, in
spreadsheets and in SMS, and are what forms accept as input. Dates are day first, as in Iraq.

Month names: the Syriac-origin names Iraq uses, in Sorani spelling (کانوونی دووەم … کانوونی
یەکەم), not Django's Sorani catalogue's Kurdish solar names (ڕێبەندان …), which are not used for
the Gregorian calendar in official writing.
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

# The Arabic comma, which Sorani uses too, between the date and the time.
DATETIME_FORMAT = "j F Y، H:i"

MONTH_NAMES = (
    "کانوونی دووەم",
    "شوبات",
    "ئازار",
    "نیسان",
    "ئایار",
    "حوزەیران",
    "تەممووز",
    "ئاب",
    "ئەیلوول",
    "تشرینی یەکەم",
    "تشرینی دووەم",
    "کانوونی یەکەم",
)
LIST_SEPARATOR = "، "
# The currencies of taawon.lib.money.DECIMALS as Sorani text names them.
CURRENCY_NAMES = {
    "JOD": "دیناری ئوردنی",
    "USD": "دۆلاری ئەمریکی",
    "EUR": "یۆرۆ",
    "LBP": "لیرەی لوبنانی",
    "IQD": "دیناری عێراقی",
    "SYP": "لیرەی سووری",
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
