from datetime import date, datetime

import pytest

from taawon.lib.dates import DateError, excel_serial_to_date, infer_day_first, parse_date


def error_code(value: object, **kwargs: object) -> str:
    with pytest.raises(DateError) as caught:
        parse_date(value, **kwargs)
    assert caught.value.message
    return caught.value.code


def test_it_passes_date_and_datetime_objects_through_dropping_the_time():
    assert parse_date(date(2021, 4, 3)) == date(2021, 4, 3)
    assert parse_date(datetime(2021, 4, 3, 17, 45)) == date(2021, 4, 3)


@pytest.mark.parametrize(
    "text",
    ["2021-04-03", "2021/04/03", "2021.4.3", "2021-04-03 00:00:00", "2021-04-03T10:20:30Z"],
)
def test_it_reads_year_first_dates(text):
    assert parse_date(text) == date(2021, 4, 3)


@pytest.mark.parametrize(
    "text", ["03/04/2021", "3/4/2021", "03-04-2021", "03.04.2021", " 3/4/2021 "]
)
def test_it_reads_day_first_dates_by_default(text):
    assert parse_date(text) == date(2021, 4, 3)


def test_it_reads_month_first_when_told_the_file_writes_month_first():
    assert parse_date("04/03/2021", day_first=False) == date(2021, 4, 3)


@pytest.mark.parametrize("text", ["3 Apr 2021", "03-Apr-2021", "3 April 2021", "3 april, 2021"])
def test_it_reads_english_month_names(text):
    assert parse_date(text) == date(2021, 4, 3)


def test_it_reads_arabic_indic_and_persian_digits_and_ignores_bidi_marks():
    assert parse_date("٠٣/٠٤/٢٠٢١") == date(2021, 4, 3)
    assert parse_date("\u200f۲۰۲۱-۰۴-۰۳\u200f") == date(2021, 4, 3)


def test_it_reads_excel_serial_numbers_as_int_float_and_text():
    assert parse_date(44289) == date(2021, 4, 3)
    assert parse_date(44289.75) == date(2021, 4, 3)
    assert parse_date("44289") == date(2021, 4, 3)
    assert parse_date("٤٤٢٨٩") == date(2021, 4, 3)


def test_it_counts_excel_serials_across_the_fictitious_29_february_1900():
    assert excel_serial_to_date(1) == date(1900, 1, 1)
    assert excel_serial_to_date(59) == date(1900, 2, 28)
    assert excel_serial_to_date(61) == date(1900, 3, 1)
    with pytest.raises(DateError) as caught:
        excel_serial_to_date(60)
    assert caught.value.code == "impossible_date"


def test_it_reads_serials_in_the_1904_date_system_when_asked():
    assert parse_date(42827, date1904=True) == date(2021, 4, 3)


def test_it_rejects_a_two_digit_year():
    assert error_code("03/04/21") == "two_digit_year"
    assert error_code("03-Apr-21") == "two_digit_year"


def test_it_rejects_day_and_month_that_could_swap_when_the_convention_is_unknown():
    assert error_code("03/04/2021", day_first=None) == "ambiguous_day_month"


def test_it_accepts_unambiguous_day_month_orders_when_the_convention_is_unknown():
    assert parse_date("25/03/2021", day_first=None) == date(2021, 3, 25)
    assert parse_date("03/25/2021", day_first=None) == date(2021, 3, 25)
    assert parse_date("04/04/2021", day_first=None) == date(2021, 4, 4)


@pytest.mark.parametrize("text", ["31/02/2020", "29/02/2021", "01/13/2021", "00/01/2021"])
def test_it_rejects_impossible_dates(text):
    assert error_code(text) == "impossible_date"


def test_it_rejects_a_month_first_date_read_day_first_when_the_month_would_be_13():
    assert error_code("04/13/2021") == "impossible_date"


@pytest.mark.parametrize("value", [45, "2021", 20210403, 1e12, "01/01/1850", date(1800, 1, 1)])
def test_it_rejects_numbers_and_dates_outside_the_plausible_range(value):
    assert error_code(value) == "out_of_range"


@pytest.mark.parametrize(
    "value", ["", "tomorrow", "03/04-2021", "3 Foo 2021", "12:30", True, None, "2021-04", "1/2/203"]
)
def test_it_rejects_what_is_not_a_date(value):
    assert error_code(value) == "not_a_date"


def test_its_errors_carry_the_value_for_translation():
    with pytest.raises(DateError) as caught:
        parse_date("31/02/2020")
    assert caught.value.params == {"value": "31/02/2020"}
    assert "31/02/2020" in str(caught.value)


def test_it_infers_day_first_from_unambiguous_values():
    assert infer_day_first(["03/04/2021", "25/12/2020", None, 44289]) is True


def test_it_infers_month_first_from_unambiguous_values():
    assert infer_day_first(["03/04/2021", "12/25/2020"]) is False


def test_it_infers_nothing_from_ambiguous_or_contradictory_values():
    assert infer_day_first(["03/04/2021", "2021-12-25"]) is None
    assert infer_day_first(["25/12/2020", "12/25/2020"]) is None
