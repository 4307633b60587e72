"""The cube: every indicator by four dimensions in one query gives, cell for cell, the figures
of the two-dimension cross tables filtered on the other two, and totals counted by the
database."""

from __future__ import annotations

import datetime
from itertools import product

import pytest
from django.utils import timezone

from taawon.employment.seekers.models import JobSeeker
from taawon.employment.tests.factories import JobSeekerFactory, PersonFactory
from taawon.indicators import registry
from taawon.indicators.engine import IndicatorError, compute, cube
from taawon.indicators.tests.test_permits_and_donors import permits  # noqa: F401

START, END = datetime.date(2020, 7, 1), datetime.date(2020, 9, 30)
# The employment data set's quarter, the permits' two years (issued, then renewed), and this
# year with the last (the registry's records are created today).
THIS_YEAR = timezone.localdate().year
PERIODS = [
    (START, END),
    (datetime.date(2023, 1, 1), datetime.date(2024, 12, 31)),
    (datetime.date(THIS_YEAR - 1, 1, 1), datetime.date(THIS_YEAR, 12, 31)),
]
DASHBOARD = ("sex", "nationality", "governorate", "month")


def _allowed(user, code: str) -> tuple[str, ...]:
    allowed = []
    for dimension in DASHBOARD:
        try:
            compute(user, code, start=START, end=START, by=(dimension,))
        except IndicatorError:
            continue
        allowed.append(dimension)
    return tuple(allowed)


@pytest.mark.django_db
@pytest.mark.parametrize("code", sorted(registry.INDICATORS))
@pytest.mark.parametrize(("start", "end"), PERIODS)
@pytest.mark.usefixtures("permits")
def test_each_cell_is_the_cross_tables_cell_with_the_other_keys_filtered(
    personas, data_set, code, start, end
):
    officer = personas.officer
    by = _allowed(officer, code)
    result = cube(officer, code, start=start, end=end, by=by)
    assert result.dimensions == by
    assert result.total == compute(officer, code, start=start, end=end).total
    # The last two dimensions as the cross table's, the first ones as its filters.
    crossed, filtered = by[-2:], by[:-2]
    filter_keys = [result.keys[by.index(d)] for d in filtered]
    nonzero = 0
    for chosen in product(*filter_keys):
        filters = dict(zip(filtered, chosen, strict=True))
        table = compute(officer, code, start=start, end=end, by=crossed, filters=filters)
        for cell, value in table.cells.items():
            assert result.value(*chosen, *cell) == value, (chosen, cell)
            nonzero += bool(value)
    assert nonzero == len(result.cells)
    assert all(result.cells.values())


@pytest.mark.django_db
@pytest.mark.usefixtures("permits")
def test_there_are_figures_to_compare(personas, data_set):
    # The comparison above is not vacuous: the data sets fill cells of the cubes.
    for code, (start, end) in [
        ("job_seekers_placed", PERIODS[0]),
        ("jobs_secured", PERIODS[0]),
        ("farms_visited", PERIODS[0]),
        ("persons_registered", PERIODS[2]),
        ("permits_issued", PERIODS[1]),
    ]:
        by = _allowed(personas.officer, code)
        result = cube(personas.officer, code, start=start, end=end, by=by)
        assert result.cells, code


@pytest.mark.django_db
def test_person_margins_are_distinct_counts(personas, data_set):
    # The Syrian woman was placed in August and again in September: one person in the total
    # and in the women's margin, one in each month's cell.
    result = cube(
        personas.counsellor_a,
        "job_seekers_placed",
        start=START,
        end=END,
        by=("sex", "month"),
        margins=[("sex",), ("month",)],
    )
    table = compute(
        personas.counsellor_a, "job_seekers_placed", start=START, end=END, by=("month", "sex")
    )
    assert result.margins[("sex",)] == {
        (sex,): value for sex, value in table.col_totals.items() if value
    }
    assert result.margins[("month",)] == {
        (month,): value for month, value in table.row_totals.items() if value
    }
    assert result.total == table.total == 2
    assert sum(result.cells.values()) == 3


@pytest.mark.django_db
def test_a_record_saved_now_is_in_the_cube(personas, data_set):
    before = cube(
        personas.counsellor_a, "job_seekers_registered", start=START, end=END, by=DASHBOARD
    )
    person = PersonFactory(owner=personas.unit_a, sex="female", nationality="IQ")
    seeker = JobSeekerFactory(person=person, owner=personas.unit_a)
    JobSeeker.objects.filter(pk=seeker.pk).update(registered_on=datetime.date(2020, 8, 3))
    after = cube(
        personas.counsellor_a, "job_seekers_registered", start=START, end=END, by=DASHBOARD
    )
    governorate = person.governorate.iso_code if person.governorate else "none"
    cell = ("female", "IQ", governorate, "2020-08")
    assert after.value(*cell) == before.value(*cell) + 1
    assert after.total == before.total + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"by": ["sex", "nationality", "governorate", "month", "age"]}, "by"),
        ({"by": ["sex", "sex"]}, "by"),
        ({"by": ["sex"], "margins": [("month",)]}, "margins"),
        ({"filters": {"sex": "other"}}, "sex"),
    ],
)
def test_bad_input_to_a_cube_is_refused_with_the_field_at_fault(personas, arguments, field):
    with pytest.raises(IndicatorError) as refused:
        cube(personas.officer, "jobs_secured", start=START, end=END, **arguments)
    assert field in refused.value.field_errors
