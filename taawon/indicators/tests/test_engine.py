"""The engine on hand-built data sets: each indicator's figure, its breakdowns and totals,
unique persons, scope, and the errors of bad input."""

from __future__ import annotations

import datetime

import pytest

from taawon.employment.placements.services import record_follow_up
from taawon.employment.seekers.services import record_counselling_session
from taawon.employment.tests.factories import (
    AwarenessSessionFactory,
    JobSeekerFactory,
    PersonFactory,
    VacancyFactory,
)
from taawon.employment.tests.test_indicators import registered
from taawon.employment.unit import indicators as unit_indicators
from taawon.indicators import registry
from taawon.indicators.dimensions import DIMENSIONS
from taawon.indicators.engine import IndicatorError, compute
from taawon.people.models import Person

START, END = datetime.date(2020, 7, 1), datetime.date(2020, 9, 30)
BRIEF = {
    "farms_visited": "farms_visited",
    "jobs_secured": "jobs_secured",
    "job_seekers_registered": "registered",
    "job_seekers_placed": "placed",
}


def table(user, code, *by, start=START, end=END, **filters):
    return compute(user, code, start=start, end=end, by=by, filters=filters)


@pytest.mark.django_db
def test_it_counts_the_brief_indicators_as_the_unit_page_does(personas, data_set):
    unit = unit_indicators.unit_indicators(personas.counsellor_a, start=START, end=END)
    for code, label in BRIEF.items():
        expected = unit[label]
        assert table(personas.counsellor_a, code).total == expected.value, code
        if expected.syrians is not None:
            by_nationality = table(personas.counsellor_a, code, "nationality")
            assert by_nationality.cells[("SY",)] == expected.syrians, code
            by_sex = table(personas.counsellor_a, code, "sex")
            assert by_sex.cells[("female",)] == expected.women, code
    assert table(personas.counsellor_a, "job_seekers_registered").total == 5


@pytest.mark.django_db
def test_a_person_merged_into_another_counts_once(personas, data_set):
    # Six job seekers registered in the period, one of whose persons was merged away.
    assert table(personas.counsellor_a, "job_seekers_registered").total == 5
    merged = Person.objects.filter(merged_into__isnull=False).get()
    Person.objects.filter(pk=merged.pk).update(merged_into=None, status=Person.Status.ACTIVE)
    # Live: the change counts at once.
    assert table(personas.counsellor_a, "job_seekers_registered").total == 6


@pytest.mark.django_db
@pytest.mark.parametrize("code", sorted(DIMENSIONS))
def test_each_breakdown_of_an_event_indicator_sums_to_its_total(personas, data_set, code):
    result = table(personas.counsellor_a, "jobs_secured", code)
    assert result.total == 3
    assert sum(result.cells.values()) == result.total
    assert sum(result.row_totals.values()) == result.total
    assert len(result.cells) == len(result.keys[0])


@pytest.mark.django_db
def test_person_totals_are_distinct_counts_not_sums(personas, data_set):
    # The Syrian woman was placed in August and again in September.
    result = table(personas.counsellor_a, "job_seekers_placed", "month", "sex")
    assert result.keys == (("2020-07", "2020-08", "2020-09"), ("female", "male"))
    assert result.cells[("2020-08", "female")] == 1
    assert result.cells[("2020-09", "female")] == 1
    assert result.cells[("2020-07", "male")] == 0
    assert result.row_totals == {"2020-07": 0, "2020-08": 2, "2020-09": 1}
    assert result.col_totals == {"female": 1, "male": 1}
    assert result.total == 2
    assert sum(result.cells.values()) == 3


@pytest.mark.django_db
def test_a_cross_table_fills_every_key_with_zeros(personas, data_set):
    result = table(personas.counsellor_a, "jobs_secured", "nationality", "quarter")
    assert result.keys[0] == ("JO", "SY", "PS", "IQ", "other")
    assert result.keys[1] == ("2020-Q3",)
    assert len(result.cells) == 5
    assert result.cells[("SY", "2020-Q3")] == 2
    assert result.cells[("PS", "2020-Q3")] == 0
    assert result.labels["nationality"]["SY"] == "Syrian"


@pytest.mark.django_db
def test_filters_keep_one_key(personas, data_set):
    women = table(personas.counsellor_a, "job_seekers_registered", "nationality", sex="female")
    assert women.total == 2
    assert women.cells[("SY",)] == 1 and women.cells[("JO",)] == 1


@pytest.mark.django_db
def test_a_user_of_unit_b_never_counts_unit_a(personas, data_set):
    assert table(personas.counsellor_b, "job_seekers_registered").total == 1
    assert table(personas.counsellor_b, "jobs_secured").total == 0
    assert (
        table(
            personas.counsellor_b,
            "farms_visited",
            start=datetime.date(2000, 1, 1),
            end=datetime.date.today(),
        ).total
        == 1
    )
    assert table(personas.officer, "job_seekers_registered").total == 6
    by_unit = table(personas.officer, "job_seekers_registered", "unit")
    assert by_unit.cells[(str(personas.unit_a.pk),)] == 5
    assert by_unit.cells[(str(personas.unit_b.pk),)] == 1
    assert table(personas.outsider, "job_seekers_registered").total == 0


@pytest.mark.django_db
def test_age_groups_and_disability_are_computed_on_the_counted_day(personas):
    a, ca = personas.unit_a, personas.counsellor_a
    day = datetime.date(2020, 7, 15)
    people = [
        # born 16 July 2002: still 17 on 15 July 2020
        PersonFactory(owner=a, date_of_birth=datetime.date(2002, 7, 16), birth_year=None),
        # born 15 July 2002: 18 that day
        PersonFactory(owner=a, date_of_birth=datetime.date(2002, 7, 15), birth_year=None),
        PersonFactory(owner=a, birth_year=1960, wg_walking=3),
        PersonFactory(owner=a, birth_year=None, date_of_birth=None, wg_seeing=2),
        PersonFactory(owner=a, birth_year=2010, wg_hearing=4),
    ]
    for person in people:
        seeker = JobSeekerFactory(person=person, registered_by=ca)
        seeker.__class__.objects.filter(pk=seeker.pk).update(registered_on=day)
    ages = table(ca, "job_seekers_registered", "age")
    assert ages.cells == {
        ("0-14",): 1,
        ("15-17",): 1,
        ("18-24",): 1,
        ("25-34",): 0,
        ("35-54",): 0,
        ("55+",): 1,
        ("unknown",): 1,
    }
    disability = table(ca, "job_seekers_registered", "disability")
    assert disability.cells == {("yes",): 2, ("no",): 1, ("unknown",): 2}


@pytest.mark.django_db
def test_the_other_employment_indicators(personas, data_set):
    a, ca = personas.unit_a, personas.counsellor_a
    seeker = registered(a, ca, "female", "PS")
    for day in (datetime.date(2020, 7, 5), datetime.date(2020, 8, 5), datetime.date(2020, 12, 1)):
        record_counselling_session(job_seeker=seeker, date=day, topics=["cv"], recorded_by=ca)
    assert table(ca, "counselling_sessions").total == 2
    assert table(ca, "counselling_sessions", "nationality").cells[("PS",)] == 2
    # Three placements in the period: each referred once, on its start date.
    assert table(ca, "referrals").total == 3
    assert table(ca, "vacancies_open").total == 3
    VacancyFactory(
        employer=data_set_farm(ca), posted_by=ca, positions=4, start_date=datetime.date(2020, 9, 1)
    )
    assert table(ca, "vacancies_open").total == 4
    positions = table(ca, "positions_open")
    assert positions.total == sum(v.positions for v in vacancies_in_period(ca))
    placement = placements_of(ca)[0]
    record_follow_up(
        placement=placement,
        checkpoint=3,
        date=datetime.date(2020, 9, 15),
        still_employed=True,
        recorded_by=ca,
    )
    assert table(ca, "still_employed_3_months").total == 1
    AwarenessSessionFactory(owner=a, recorded_by=ca, date=datetime.date(2020, 8, 1))
    participants = table(ca, "awareness_participants", "sex")
    assert participants.total == 15
    assert participants.cells == {("female",): 6, ("male",): 9}
    assert table(personas.counsellor_b, "awareness_participants").total == 0


def data_set_farm(user):
    from taawon.employment.employers.models import Employer

    return (
        Employer.objects.filter(owner__in=[o.owner_id for o in placements_of(user)])
        .filter(kind="farm")
        .first()
    )


def placements_of(user):
    from taawon.employment.placements.models import Placement

    return list(Placement.objects.filter(start_date__range=(START, END)).order_by("pk"))


def vacancies_in_period(user):
    from taawon.employment.vacancies.models import Vacancy

    return list(Vacancy.objects.filter(start_date__range=(START, END)))


@pytest.mark.django_db
def test_persons_registered_counts_registry_records_created_in_the_period(personas):
    a = personas.unit_a
    kept = PersonFactory(owner=a, sex="female", nationality="SY")
    PersonFactory(owner=a, sex="male", nationality="JO")
    merged = PersonFactory(owner=a, sex="female", nationality="SY")
    Person.objects.filter(pk=merged.pk).update(status=Person.Status.MERGED, merged_into=kept)
    PersonFactory(owner=personas.unit_b)
    today = datetime.date.today()
    result = table(personas.counsellor_a, "persons_registered", "sex", start=today, end=today)
    assert result.total == 2
    assert result.cells == {("female",): 1, ("male",): 1}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"code": "nothing"}, "indicator"),
        ({"by": ["colour"]}, "by"),
        ({"by": ["sex", "age", "governorate"]}, "by"),
        ({"by": ["sex", "sex"]}, "by"),
        ({"code": "farms_visited", "by": ["sex"]}, "by"),
        ({"start": "2020-09-30", "end": "2020-07-01"}, "end"),
        ({"start": "30 February"}, "start"),
        ({"end": ""}, "end"),
        ({"filters": {"sex": "other"}}, "sex"),
        ({"filters": {"colour": "red"}}, "colour"),
    ],
)
def test_bad_input_is_refused_with_the_field_at_fault(personas, arguments, field):
    query = {"code": "jobs_secured", "start": "2020-07-01", "end": "2020-09-30", **arguments}
    with pytest.raises(IndicatorError) as refused:
        compute(personas.officer, query.pop("code"), **query)
    assert field in refused.value.field_errors


def test_every_indicator_the_brief_asks_for_is_registered():
    assert {
        "persons_registered",
        "job_seekers_registered",
        "counselling_sessions",
        "farms_visited",
        "vacancies_open",
        "positions_open",
        "referrals",
        "job_seekers_placed",
        "jobs_secured",
        "still_employed_3_months",
        "awareness_participants",
        "permits_issued",
        "permits_renewed",
    } <= set(registry.INDICATORS)


@pytest.mark.django_db
def test_a_record_stamped_late_in_the_evening_counts_on_its_local_day(personas):
    from django.utils import timezone

    person = PersonFactory(owner=personas.unit_a)
    late = timezone.make_aware(datetime.datetime(2020, 7, 31, 23, 30))
    Person.objects.filter(pk=person.pk).update(created_at=late)
    july = table(
        personas.counsellor_a,
        "persons_registered",
        "month",
        start=datetime.date(2020, 7, 1),
        end=datetime.date(2020, 8, 31),
    )
    assert july.cells == {("2020-07",): 1, ("2020-08",): 0}
    august = table(
        personas.counsellor_a,
        "persons_registered",
        start=datetime.date(2020, 8, 1),
        end=datetime.date(2020, 8, 31),
    )
    assert august.total == 0
