"""The summary tables: the figures they give are the records' own, for every summarised
indicator, viewer and range, and stay so after any kind of write (a form's save, a bulk insert,
a raw update, a merge, a deletion), because the database's triggers log every change."""

from __future__ import annotations

import datetime
import io
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext

from taawon.employment.placements.models import Placement
from taawon.employment.seekers.models import CounsellingSession, JobSeeker
from taawon.employment.seekers.services import record_counselling_session
from taawon.employment.tests.factories import PersonFactory
from taawon.indicators import summary, triggers
from taawon.indicators.engine import IndicatorError, compute, cube
from taawon.indicators.models import Cell, Change, Fact, SummaryBuilt, UniqueCell
from taawon.indicators.tests.test_permits_and_donors import permits  # noqa: F401
from taawon.people.models import Person

SUMMARISED = sorted(i.code for i in summary.summarised_indicators())
THIS_YEAR = datetime.date.today().year
RANGES = [
    # whole months (cells only), a range with partial months at both ends, one day
    (datetime.date(2020, 7, 1), datetime.date(2020, 9, 30)),
    (datetime.date(2020, 7, 10), datetime.date(2020, 9, 5)),
    (datetime.date(2020, 7, 15), datetime.date(2020, 7, 15)),
    (datetime.date(2023, 1, 1), datetime.date(2024, 12, 31)),
    (datetime.date(THIS_YEAR - 1, 12, 20), datetime.date(THIS_YEAR, 12, 31)),
]
QUESTIONS = [
    ("cube", ("sex", "nationality", "governorate", "month")),
    ("compute", ("unit", "quarter")),
    ("compute", ("nationality",)),
    ("compute", ()),
]


def _figures(user, code, start, end):
    results = []
    for kind, by in QUESTIONS:
        try:
            results.append(_figure(user, code, start, end, kind, by))
        except IndicatorError as refused:
            # A donor asks for whole periods, by governorate at the finest: refused both ways.
            results.append(refused.field_errors)
    return results


def _figure(user, code, start, end, kind, by):
    if kind == "cube":
        result = cube(user, code, start=start, end=end, by=by, margins=[by[:1], by[1:3]])
        return result.cells, result.total, result.margins
    result = compute(user, code, start=start, end=end, by=by)
    return result.cells, result.row_totals, result.col_totals, result.total


@contextmanager
def from_the_records():
    """Questions asked inside are answered from the records (no summary is built)."""
    summary.catch_up()
    built = list(SummaryBuilt.objects.all())
    SummaryBuilt.objects.all().delete()
    try:
        yield
    finally:
        SummaryBuilt.objects.bulk_create(built)


def assert_summary_is_the_records(users, codes=SUMMARISED, ranges=RANGES) -> int:
    """Every figure of every question the same both ways; returns how many were not zero."""
    nonzero = 0
    for user in users:
        for code in codes:
            for start, end in ranges:
                kept = _figures(user, code, start, end)
                with from_the_records():
                    counted = _figures(user, code, start, end)
                assert kept == counted, (user.username, code, start, end)
                nonzero += bool(isinstance(kept[-1], tuple) and kept[-1][-1])
    return nonzero


@pytest.fixture
def people(personas, data_set, request):
    """The employment data set and the permits', as the personas see them, with counselling
    sessions in both units."""
    request.getfixturevalue("permits")
    for seeker, day, by in [
        (JobSeeker.objects.filter(owner=personas.unit_a).first(), (2020, 7, 20), "counsellor_a"),
        (JobSeeker.objects.filter(owner=personas.unit_a).last(), (2020, 9, 2), "counsellor_a"),
        (JobSeeker.objects.filter(owner=personas.unit_b).first(), (2020, 8, 31), "counsellor_b"),
    ]:
        record_counselling_session(
            job_seeker=seeker,
            date=datetime.date(*day),
            topics=["cv"],
            recorded_by=getattr(personas, by),
        )
    return personas


@pytest.mark.django_db
def test_every_figure_of_the_summary_is_the_records(people):
    users = [
        people.officer,
        people.counsellor_a,
        people.counsellor_b,
        people.aggregate,
        people.admin_a,
        people.outsider,
    ]
    # Figures there are: the comparison is not one of zeros.
    assert assert_summary_is_the_records(users) > 40
    # And the summary answered them: its facts are the rows that count, one each.
    for code in SUMMARISED:
        assert SummaryBuilt.objects.filter(indicator=code).exists()
        indicator = summary.registry.get(code)
        dated = indicator.rows().filter(**{f"{indicator.date}__isnull": False})
        if indicator.measure == summary.registry.COUNT_PERSONS:
            dated = dated.filter(**{f"{indicator.person_path('merged_into')}__isnull": True})
        assert Fact.objects.filter(indicator=code).count() == dated.count(), code
    assert Fact.objects.count() > 20
    assert Cell.objects.filter(indicator="jobs_secured").exists()
    # Unique-person indicators have unique cells too, whose persons are the facts' persons.
    placed = UniqueCell.objects.filter(indicator="job_seekers_placed")
    assert placed.exists()
    assert not UniqueCell.objects.filter(indicator="jobs_secured").exists()


@pytest.mark.django_db
def test_the_ministry_officers_permits_come_from_the_records(people):
    # Their scope is the permits sent to the ministry, which is not a set of owners.
    start, end = datetime.date(2023, 1, 1), datetime.date(2024, 12, 31)
    indicator = summary.registry.get("permits_issued")
    assert summary.reader(people.ministry_officer, indicator, start, end, [], {}) is None
    assert summary.reader(people.officer, indicator, start, end, [], {}) is not None
    assert assert_summary_is_the_records([people.ministry_officer], ["permits_issued"]) == 1


def _jobs_by_sex(user):
    start, end = RANGES[0]
    return compute(user, "jobs_secured", start=start, end=end, by=["sex"]).cells


@pytest.mark.django_db
def test_a_change_of_any_kind_is_in_the_next_figure(people):
    officer, a = people.officer, people.unit_a
    start, end = RANGES[0]
    assert _jobs_by_sex(officer) == {("female",): 2, ("male",): 1}

    # A raw update of the person behind two placements: they move to the other sex.
    placed = Person.objects.filter(job_seeker__placements__isnull=False).order_by("pk")
    woman = placed.filter(sex="female").first()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Person._meta.db_table} SET sex = %s WHERE id = %s", ["male", woman.pk]
        )
    assert _jobs_by_sex(officer) == {("female",): 0, ("male",): 3}

    # A bulk insert (no signal, no save()) of job seekers registered in the period.
    newcomers = [PersonFactory(owner=a, sex="female", nationality="IQ") for _ in range(3)]
    before = compute(officer, "job_seekers_registered", start=start, end=end).total
    JobSeeker.objects.bulk_create(
        [
            JobSeeker(
                person=p,
                owner=a,
                registered_on=datetime.date(2020, 8, 3),
            )
            for p in newcomers
        ]
    )
    assert compute(officer, "job_seekers_registered", start=start, end=end).total == before + 3

    # A merge: the person merged away stops counting as a unique person.
    Person.objects.filter(pk=newcomers[0].pk).update(
        status=Person.Status.MERGED, merged_into=newcomers[1]
    )
    assert compute(officer, "job_seekers_registered", start=start, end=end).total == before + 2

    # A session recorded through the service, then deleted.
    seeker = JobSeeker.objects.get(person=newcomers[1])
    session = record_counselling_session(
        job_seeker=seeker,
        date=datetime.date(2020, 9, 30),
        topics=["cv"],
        recorded_by=people.counsellor_a,
    )
    sessions = compute(officer, "counselling_sessions", start=start, end=end, by=["nationality"])
    assert sessions.cells[("IQ",)] == 1
    CounsellingSession.objects.filter(pk=session.pk).delete()
    sessions = compute(officer, "counselling_sessions", start=start, end=end, by=["nationality"])
    assert sessions.cells[("IQ",)] == 0

    # A job seeker handed to the other unit: unit B's counsellor now counts it, A's does not.
    JobSeeker.objects.filter(pk=seeker.pk).update(owner=people.unit_b)
    by_unit = compute(officer, "job_seekers_registered", start=start, end=end, by=["unit"])
    assert by_unit.cells[(str(people.unit_b.pk),)] == 2

    # After all that, still the records' figures everywhere; and built again from scratch,
    # the summary holds the very same facts and cells the changes left.
    assert assert_summary_is_the_records([officer, people.counsellor_a, people.counsellor_b])
    kept = _tables()
    summary.rebuild_all()
    assert _tables() == kept
    assert not Change.objects.exists()


def _tables():
    facts = set(
        Fact.objects.values_list(
            "indicator",
            "row_id",
            "owner_id",
            "person_id",
            "day",
            "sex",
            "nationality",
            "governorate",
        )
    )
    cells = set(
        Cell.objects.values_list(
            "indicator", "owner_id", "month", "sex", "nationality", "governorate", "value"
        )
    )
    unique = set(
        UniqueCell.objects.values_list(
            "indicator", "month", "sex", "nationality", "governorate", "value"
        )
    )
    return facts, cells, unique


DASHBOARD = ("sex", "nationality", "governorate", "month")


def _placed(user, start, end):
    """The dashboard's cube of unique persons placed, and whether the unique cells answered."""
    with CaptureQueriesContext(connection) as read:
        table = cube(user, "job_seekers_placed", start=start, end=end, by=DASHBOARD)
    used = any(UniqueCell._meta.db_table in query["sql"] for query in read.captured_queries)
    return (table.cells, table.total), used


@pytest.mark.django_db
def test_unique_persons_by_month_come_from_the_unique_cells_where_they_can(people):
    start, end = RANGES[0]
    # A person placed twice: the second placement moved into the month of the first and
    # handed to the other unit. In that month they are one person, for the cells as for
    # the records, whoever placed them.
    person = (
        Person.objects.annotate(placed=Count("job_seeker__placements"))
        .filter(placed__gte=2)
        .first()
    )
    first, second = Placement.objects.filter(job_seeker__person=person).order_by("pk")[:2]
    Placement.objects.filter(pk=second.pk).update(start_date=first.start_date, owner=people.unit_b)
    for user, answers in [
        (people.officer, True),  # sees every unit with placements
        (people.counsellor_a, False),  # not unit B's: the cells would count its persons
    ]:
        for begin, finish in [(start, end), RANGES[1]]:
            kept, used = _placed(user, begin, finish)
            with from_the_records():
                counted, _used = _placed(user, begin, finish)
            assert kept == counted, (user.username, begin, finish)
            assert used is answers, user.username
    # Asked by fewer keys, a person counted under two keys in a month would count twice: the
    # facts answer.
    with CaptureQueriesContext(connection) as read:
        cube(people.officer, "job_seekers_placed", start=start, end=end, by=("sex", "month"))
    assert not any(UniqueCell._meta.db_table in q["sql"] for q in read.captured_queries)
    month = first.start_date.replace(day=1)
    in_month = UniqueCell.objects.filter(indicator="job_seekers_placed", month=month)
    facts = Fact.objects.filter(indicator="job_seekers_placed", day__gte=month)
    facts = facts.filter(day__lt=summary._next_month(month))
    assert sum(in_month.values_list("value", flat=True)) == facts.count() - 1
    assert summary.differences(summary.registry.get("job_seekers_placed")) == 0


@pytest.mark.django_db
def test_the_triggers_log_the_columns_that_matter_only(people):
    summary.catch_up()
    person = PersonFactory(owner=people.unit_a)
    logged = Change.objects.filter(source=Person._meta.db_table, row_id=person.pk)
    assert logged.count() == 1  # its insert
    Person.objects.filter(pk=person.pk).update(sex="male")
    assert logged.count() == 2
    # A column no summarised indicator reads: no work for the summary.
    Person.objects.filter(pk=person.pk).update(phone="0790000000")
    assert logged.count() == 2
    Person.objects.filter(pk=person.pk).delete()
    assert logged.count() == 3


@pytest.mark.django_db
def test_a_database_with_records_from_before_the_summary_is_counted_from_them(people):
    # As after the migration that added the summary to a database in use: nothing built.
    SummaryBuilt.objects.all().delete()
    Fact.objects.all().delete()
    Cell.objects.all().delete()
    start, end = RANGES[0]
    placed = compute(people.officer, "job_seekers_placed", start=start, end=end).total
    assert placed == 2
    assert not Fact.objects.exists()
    counts = summary.rebuild_all()
    assert counts["jobs_secured"] == Fact.objects.filter(indicator="jobs_secured").count() == 4
    assert compute(people.officer, "job_seekers_placed", start=start, end=end).total == placed
    assert assert_summary_is_the_records([people.officer, people.counsellor_a])


@pytest.mark.django_db
def test_the_command_checks_the_summary_against_the_records_and_rebuilds_it(people):
    out = io.StringIO()
    call_command("indicators-summary", "--check", stdout=out)
    assert "jobs_secured: right" in out.getvalue()
    # A summary gone wrong (a cell edited by hand) is caught, and a rebuild puts it right.
    edited = Cell.objects.filter(indicator="jobs_secured").update(value=F("value") + 1)
    Fact.objects.filter(indicator="job_seekers_placed").first().delete()
    with pytest.raises(CommandError):
        call_command("indicators-summary", "--check", stdout=(out := io.StringIO()))
    assert f"jobs_secured: {edited} difference(s)" in out.getvalue()
    assert "job_seekers_placed: 1 difference(s)" in out.getvalue()
    call_command("indicators-summary", "--rebuild", stdout=io.StringIO())
    call_command("indicators-summary", "--check", stdout=io.StringIO())
    call_command("indicators-summary", stdout=(out := io.StringIO()))
    assert "jobs_secured: kept (4 row(s) counted)" in out.getvalue()
    assert "0 change(s) waiting" in out.getvalue()


@pytest.mark.django_db
def test_the_triggers_are_those_of_the_watched_tables_and_can_be_taken_away(people):
    tables = summary.watched_tables()
    assert {Person._meta.db_table, JobSeeker._meta.db_table} <= set(tables)
    assert sorted(table for _name, table in triggers.installed()) == sorted(
        table for table in tables for _event in range(3)
    )
    triggers.uninstall()
    summary.catch_up()
    PersonFactory(owner=people.unit_a)
    assert not Change.objects.exists()
    triggers.install()
    PersonFactory(owner=people.unit_a)
    assert Change.objects.count() == 1


@pytest.mark.django_db
def test_a_changed_definition_is_counted_from_the_records_until_built_again(people):
    start, end = RANGES[0]
    registered = compute(people.officer, "job_seekers_registered", start=start, end=end).total
    # One job seeker profile a person: the registrations add up, month by month, in cells.
    assert Cell.objects.filter(indicator="job_seekers_registered").exists()
    SummaryBuilt.objects.filter(indicator="job_seekers_registered").update(version="older")
    Cell.objects.filter(indicator="job_seekers_registered").delete()
    assert "job_seekers_registered" not in summary.built_codes()
    total = compute(people.officer, "job_seekers_registered", start=start, end=end).total
    assert total == registered
    summary.rebuild_all()
    assert Cell.objects.filter(indicator="job_seekers_registered").exists()
