import datetime

import pytest

from ..awareness.queries import awareness_list
from ..employers.queries import employer_list, visit_list
from ..employers.services import add_workplace
from ..placements.queries import placement_list, referral_list
from ..placements.services import record_follow_up
from ..rules import may_read
from ..seekers.queries import job_seeker_list, referable_job_seekers
from ..unit.queries import overview
from ..vacancies.queries import get_vacancy_for_user, vacancy_list
from .conftest import build_unit
from .factories import (
    AwarenessSessionFactory,
    EmployerFactory,
    FarmVisitFactory,
    JobSeekerFactory,
    PersonFactory,
    PlacementFactory,
    ReferralFactory,
    VacancyFactory,
    governorate,
)


def grow(personas, units: int = 1) -> None:
    """More of every kind of record in unit A: a list's query count must not change."""
    for _ in range(units):
        unit = build_unit(personas.unit_a, personas.counsellor_a)
        FarmVisitFactory(employer=unit.employer, staff=[personas.counsellor_a], recorded_by=None)
        referral = ReferralFactory(job_seeker=unit.seeker, vacancy=unit.vacancy)
        placement = PlacementFactory(referral=referral)
        record_follow_up(
            placement=placement,
            checkpoint=1,
            date=datetime.date(2020, 10, 2),
            still_employed=True,
            recorded_by=None,
        )
        AwarenessSessionFactory(owner=personas.unit_a, participants=[unit.person], recorded_by=None)


# What the list pages and the API show of each row.
SHOWN = {
    "employers": lambda r: (r.governorate.display_name, r.owner.display_name, r.open_vacancies),
    "vacancies": lambda r: (
        r.employer.display_name,
        r.employer.governorate,
        r.occupation.code,
        r.filled,
        r.workplace and r.workplace.governorate,
    ),
    "job_seekers": lambda r: (
        r.person.display_name,
        r.person.governorate,
        r.placements_count,
        [o.code for o in r.occupations.all()],
    ),
    "placements": lambda r: (
        r.job_seeker.person.display_name,
        r.vacancy.employer.display_name,
        r.vacancy.occupation.code,
        [f.checkpoint for f in r.follow_ups.all()],
    ),
    "visits": lambda r: (
        r.employer.display_name,
        r.workplace,
        [u.username for u in r.staff.all()],
    ),
    "awareness": lambda r: (r.governorate.display_name, r.registered, r.counted),
    "referrals": lambda r: (r.job_seeker.person.display_name, r.vacancy.employer.display_name),
}


def render_rows(name: str, rows) -> list:
    return [SHOWN[name](row) for row in rows]


LISTS = {
    "employers": (employer_list, 1),
    "vacancies": (vacancy_list, 1),
    "job_seekers": (job_seeker_list, 2),
    "placements": (placement_list, 2),
    "visits": (visit_list, 2),
    "awareness": (awareness_list, 1),
    "referrals": (referral_list, 1),
}


@pytest.mark.parametrize("name", LISTS)
def test_a_list_takes_the_same_queries_whatever_the_number_of_rows(
    personas, django_assert_num_queries, name
):
    query, expected = LISTS[name]
    user = personas.counsellor_a
    grow(personas)
    may_read(user)  # the user's reach is read once per request, then cached

    with django_assert_num_queries(expected):
        render_rows(name, query(user))
    grow(personas, units=3)
    with django_assert_num_queries(expected):
        rows = list(query(user))
        render_rows(name, rows)
    assert len(rows) >= 4


def test_a_vacancy_is_in_its_workplaces_governorate_or_else_its_employers(personas):
    irbid, mafraq = governorate("JO-IR"), governorate("JO-MA")
    employer = EmployerFactory(owner=personas.unit_a, governorate=mafraq)
    in_irbid = add_workplace(
        employer=employer, name="Irbid field", governorate=irbid, created_by=None
    )
    at_workplace = VacancyFactory(employer=employer, workplace=in_irbid)
    at_employer = VacancyFactory(employer=employer)
    user = personas.counsellor_a

    assert list(vacancy_list(user, governorate=irbid.pk)) == [at_workplace]
    assert list(vacancy_list(user, governorate=mafraq.pk)) == [at_employer]


def test_the_occupation_filter_takes_a_code_of_any_level(personas):
    employer = EmployerFactory(owner=personas.unit_a)
    labourer = VacancyFactory(employer=employer, occupation="9211")
    mason = VacancyFactory(employer=employer, occupation="7112")
    user = personas.counsellor_a

    assert set(vacancy_list(user, occupation="9")) == {labourer}
    assert set(vacancy_list(user, occupation="7112")) == {mason}
    assert set(vacancy_list(user, occupation="")) == {labourer, mason}


def test_filled_counts_the_placements_of_each_vacancy(personas, unit_a):
    others = [JobSeekerFactory(person=PersonFactory(owner=personas.unit_a)) for _ in range(2)]
    for seeker in [unit_a.seeker, *others]:
        PlacementFactory(referral=ReferralFactory(job_seeker=seeker, vacancy=unit_a.vacancy))

    vacancy = get_vacancy_for_user(personas.counsellor_a, unit_a.vacancy.pk)

    assert vacancy.filled == 3 == vacancy.positions
    assert vacancy.status == "filled"


def test_follow_ups_fall_due_a_month_and_three_months_after_the_start(personas, unit_a):
    placement = PlacementFactory(
        referral=ReferralFactory(job_seeker=unit_a.seeker, vacancy=unit_a.vacancy),
        start_date=datetime.date(2020, 9, 1),
    )
    user = personas.counsellor_a

    def due(day: datetime.date) -> bool:
        return placement in placement_list(user, follow_up_due=True, today=day)

    assert not due(datetime.date(2020, 9, 30))
    assert due(datetime.date(2020, 10, 1))
    record_follow_up(
        placement=placement,
        checkpoint=1,
        date=datetime.date(2020, 10, 1),
        still_employed=True,
        recorded_by=None,
    )
    assert not due(datetime.date(2020, 11, 30))
    assert due(datetime.date(2020, 12, 1))


def test_referable_job_seekers_leave_out_those_referred_and_archived(personas, unit_a):
    from taawon.people.models import Person

    archived = JobSeekerFactory(person=PersonFactory(owner=personas.unit_a))
    Person.objects.filter(pk=archived.person_id).update(status="archived")
    mason = JobSeekerFactory(person=PersonFactory(owner=personas.unit_a), occupations=["7112"])
    referred = JobSeekerFactory(person=PersonFactory(owner=personas.unit_a))
    ReferralFactory(job_seeker=referred, vacancy=unit_a.vacancy)

    rows = list(referable_job_seekers(personas.counsellor_a, unit_a.vacancy))

    assert rows == [unit_a.seeker, mason]
    assert [row.fits for row in rows] == [True, False]


def test_the_overview_counts_what_the_user_may_read(personas, unit_a, unit_b):
    PlacementFactory(referral=ReferralFactory(job_seeker=unit_a.seeker, vacancy=unit_a.vacancy))

    mine = overview(personas.counsellor_a, today=datetime.date(2020, 12, 31))
    everyone = overview(personas.officer, today=datetime.date(2020, 12, 31))

    assert (mine.employers, mine.open_vacancies, mine.positions_open) == (1, 1, 2)
    assert (mine.job_seekers, mine.placed, mine.follow_ups_due) == (1, 1, 1)
    assert (everyone.employers, everyone.job_seekers, everyone.positions_open) == (2, 2, 5)
