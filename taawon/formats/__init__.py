"""Jordan's way of writing dates and numbers, in English and in Arabic.

`settings.FORMAT_MODULE_PATH` points here, so Django's `date`, `floatformat` and form
localisation read `en/formats.py` and `ar/formats.py` before its own locale formats. Both
languages write dates day first (05/12/2026, read as 5 December in Jordan), a dot before decimals
and a comma between thousands, as Jordanian forms do in either language; Django's own Arabic
formats (a decimal comma, right-to-left marks inside short dates) break both.

`render.py` holds what templates and messages need beyond a format string: date ranges and
amounts isolated for right-to-left text, the Levantine month names, and joined lists.
"""
