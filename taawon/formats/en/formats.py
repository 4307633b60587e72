"""Dates and numbers in English as written in Jordan: day first, month names in full."""

DATE_FORMAT = "j F Y"  # 5 December 2026
SHORT_DATE_FORMAT = "d/m/Y"  # 05/12/2026
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
# Sunday: the working week in Jordan runs from Sunday to Thursday.
FIRST_DAY_OF_WEEK = 0

# Day first. A month-first date (10/03/1974 meant as 3 October) is read as 10 March, as people
# here mean it; taawon.core.fields.DateField reads inputs more strictly still.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# Not a Django format: the month names `taawon.formats.render.long_date` writes. Empty means
# Django's own (translated) names.
MONTH_NAMES: tuple[str, ...] = ()
# Not a Django format: names of currencies (by ISO code) when the code is not what people say.
CURRENCY_NAMES: dict[str, str] = {}
# Not a Django format: what joins the items of a list.
LIST_SEPARATOR = ", "
