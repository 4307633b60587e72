"""The date reader of forms and of the API (core.fields), on lib.dates.parse_date."""

import datetime

import pytest
from django import forms
from ninja import Schema
from pydantic import ValidationError

from taawon.core.fields import ApiDate, DateField

DEC_31 = datetime.date(2026, 12, 31)


class PeriodIn(Schema):
    start: ApiDate
    end: ApiDate | None = None


@pytest.mark.parametrize(
    "typed", ["31/12/2026", "2026-12-31", "31-12-2026", "31.12.2026", "٣١/١٢/٢٠٢٦", " 31/12/2026 "]
)
def test_a_form_reads_each_accepted_way_of_writing_a_date(typed):
    assert DateField().clean(typed) == DEC_31


def test_a_form_reads_the_day_first_as_people_here_write_it():
    assert DateField().clean("10/03/1974") == datetime.date(1974, 3, 10)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12/31/2026", "There is no such day"),
        ("31/02/2026", "There is no such day"),
        ("31/12/26", "Write the year in full"),
        ("46000", "Enter the date as dd/mm/yyyy"),
        ("tomorrow", "Enter the date as dd/mm/yyyy"),
        ("31/12/2999", "between 1900 and 2099"),
    ],
)
def test_a_form_refuses_other_dates_with_a_message_saying_how_to_write_them(typed, message):
    with pytest.raises(forms.ValidationError) as caught:
        DateField().clean(typed)
    assert message in caught.value.messages[0]


def test_a_form_field_may_hold_a_plausible_range():
    field = DateField(earliest=datetime.date(2000, 1, 1), latest=lambda: DEC_31)
    assert field.clean("01/01/2000") == datetime.date(2000, 1, 1)
    with pytest.raises(forms.ValidationError, match="cannot be before 01/01/2000"):
        field.clean("31/12/1999")
    with pytest.raises(forms.ValidationError, match="cannot be after 31/12/2026"):
        field.clean("01/01/2027")


def test_the_widget_is_a_text_box_asking_for_the_day_first():
    html = DateField().widget.render("when", DEC_31)
    assert 'type="text"' in html
    assert 'value="31/12/2026"' in html
    assert 'placeholder="dd/mm/yyyy"' in html
    assert 'dir="ltr"' in html


@pytest.mark.parametrize("sent", ["2026-12-31", "31/12/2026", "٢٠٢٦-١٢-٣١"])
def test_the_api_reads_iso_and_day_first_dates(sent):
    assert PeriodIn(start=sent).start == DEC_31


@pytest.mark.parametrize("sent", ["12/31/2026", "2026/12/31", "31-12-2026", "31 Dec 2026", 46000])
def test_the_api_refuses_other_dates_on_the_field(sent):
    with pytest.raises(ValidationError) as caught:
        PeriodIn(start="2026-01-01", end=sent)
    (error,) = caught.value.errors()
    assert error["loc"] == ("end",)
    assert "dd/mm/yyyy" in error["msg"]


def test_the_openapi_schema_says_which_dates_are_read():
    schema = PeriodIn.model_json_schema()["properties"]["start"]
    assert schema["format"] == "date"
    assert "dd/mm/yyyy" in schema["description"]
