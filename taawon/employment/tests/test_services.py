import datetime
from decimal import Decimal

import pytest

from taawon.core.exceptions import PermissionDenied, ValidationFailed
from taawon.core.models import AuditEvent
from taawon.people.models import Person

from ..awareness.services import update_awareness_session
from ..employers.services import add_workplace, update_employer
from ..placements.models import FollowUp, Referral
from ..placements.services import record_follow_up, set_referral_status
from ..seekers.services import record_counselling_session, update_job_seeker
from ..vacancies.models import Vacancy
from ..vacancies.services import close_vacancy, reopen_vacancy, update_vacancy
from .factories import (
    TODAY,
    AwarenessSessionFactory,
    EmployerFactory,
    FarmVisitFactory,
    JobSeekerFactory,
    PersonFactory,
    PlacementFactory,
    ReferralFactory,
    VacancyFactory,
    WorkplaceFactory,
    governorate,
)


def errors_of(excinfo) -> dict:
    return excinfo.value.field_errors


def archive(person: Person) -> None:
    Person.objects.filter(pk=person.pk).update(status=Person.Status.ARCHIVED)
    person.refresh_from_db()


# ---- Employers, workplaces, visits --------------------------------------------------------


def test_it_registers_an_employer_with_an_e164_phone_and_audits_it(personas):
    employer = EmployerFactory(
        owner=personas.unit_a, created_by=personas.counsellor_a, phone="079 555 0101"
    )

    assert employer.phone == "+962795550101"
    assert employer.sector_entry.name_ar == "الزراعة والحراجة وصيد الأسماك"
    event = AuditEvent.objects.get(object_type="employment.employer", object_id=str(employer.pk))
    assert event.actor == personas.counsellor_a
    assert event.changes["owner"] == [None, personas.unit_a.pk]


def test_it_rejects_an_employer_with_an_unknown_sector_a_bad_phone_and_half_coordinates(
    personas, writes_nothing
):
    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        EmployerFactory(
            owner=personas.unit_a,
            created_by=personas.counsellor_a,
            sector="Z",
            phone="12",
            latitude="32.1",
        )

    assert set(errors_of(excinfo)) == {"sector", "phone", "longitude"}


def test_an_employer_belongs_to_an_employment_unit_the_user_works_for(personas, writes_nothing):
    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        EmployerFactory(owner=personas.unit_a, created_by=personas.counsellor_b)
    assert "owner" in errors_of(excinfo)

    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        EmployerFactory(owner=personas.coop_a, created_by=personas.admin_a)
    assert "owner" in errors_of(excinfo)


def test_a_workplace_is_in_its_employers_governorate_unless_told(personas, unit_a):
    workplace = WorkplaceFactory(employer=unit_a.employer, created_by=personas.counsellor_a)

    assert workplace.governorate == unit_a.employer.governorate
    assert workplace.owner_id == personas.unit_a.pk
    assert workplace.latitude == Decimal("32.34151")


def test_it_rejects_a_district_of_another_governorate_and_a_second_workplace_of_the_same_name(
    personas, unit_a, writes_nothing
):
    amman_district = governorate("JO-AM").districts.first()

    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        add_workplace(
            employer=unit_a.employer,
            name=unit_a.workplace.name,
            governorate=governorate("JO-MA"),
            district=amman_district,
            created_by=personas.counsellor_a,
        )

    assert set(errors_of(excinfo)) == {"name", "district"}


def test_a_visit_keeps_the_osh_checklist_in_the_lists_order(personas, unit_a):
    visit = FarmVisitFactory(
        employer=unit_a.employer,
        workplace=unit_a.workplace,
        staff=[personas.counsellor_a, personas.clerk_a],
        recorded_by=personas.counsellor_a,
        osh_checklist={"first_aid": "no", "drinking_water": "yes", "covid19": "na"},
    )

    assert list(visit.osh_checklist.items()) == [
        ("drinking_water", "yes"),
        ("first_aid", "no"),
        ("covid19", "na"),
    ]
    assert set(visit.staff.all()) == {personas.counsellor_a, personas.clerk_a}


def test_a_visit_rejects_unknown_checklist_items_bad_answers_and_staff_of_another_unit(
    personas, unit_a, writes_nothing
):
    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        FarmVisitFactory(
            employer=unit_a.employer,
            staff=[personas.counsellor_b],
            recorded_by=personas.counsellor_a,
            osh_checklist={"drinking_water": "maybe", "parking": "yes"},
        )

    errors = errors_of(excinfo)
    assert set(errors) == {"staff", "osh_checklist"}
    assert len(errors["osh_checklist"]) == 2


def test_a_visit_cannot_name_a_workplace_of_another_employer_or_a_future_date(
    personas, unit_a, writes_nothing
):
    other = EmployerFactory(owner=personas.unit_a, created_by=personas.counsellor_a)

    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        FarmVisitFactory(
            employer=other,
            workplace=unit_a.workplace,
            staff=[personas.counsellor_a],
            recorded_by=personas.counsellor_a,
            date=datetime.date.today() + datetime.timedelta(days=3),
        )

    assert set(errors_of(excinfo)) == {"workplace", "date"}


def test_a_counsellor_of_another_unit_may_not_change_the_employer(personas, unit_a):
    with pytest.raises(PermissionDenied):
        update_employer(
            employer=unit_a.employer, updated_by=personas.counsellor_b, name_en="Taken over"
        )


def test_updating_an_employer_audits_only_what_changed(personas, unit_a):
    update_employer(
        employer=unit_a.employer, updated_by=personas.counsellor_a, size="medium", notes=""
    )

    event = AuditEvent.objects.filter(object_type="employment.employer").latest("id")
    assert event.action == "update"
    assert event.changes == {"size": ["small", "medium"]}


# ---- Vacancies ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"end_date": datetime.date(2020, 8, 31)}, "end_date"),
        ({"positions": 0}, "positions"),
        ({"positions": -2}, "positions"),
        ({"wage": "fifteen"}, "wage"),
        ({"wage": "NaN"}, "wage"),
        ({"wage": "-3"}, "wage"),
        ({"occupation": "9999"}, "occupation"),
        ({"occupation": "921"}, "occupation"),
        ({"work_permit_required": True}, "permit_sector"),
        ({"skills": ["juggling"]}, "skills"),
        ({"hours_per_day": "25"}, "hours_per_day"),
    ],
)
def test_a_vacancy_with_bad_input_gets_a_field_error_and_writes_nothing(
    personas, unit_a, writes_nothing, bad, field
):
    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        VacancyFactory(employer=unit_a.employer, posted_by=personas.counsellor_a, **bad)

    assert list(errors_of(excinfo)) == [field]
    assert errors_of(excinfo)[field][0]


def test_the_positions_message_says_a_vacancy_needs_one(personas, unit_a):
    with pytest.raises(ValidationFailed) as excinfo:
        VacancyFactory(employer=unit_a.employer, posted_by=personas.counsellor_a, positions=0)

    assert errors_of(excinfo)["positions"] == ["A vacancy has at least one position."]


def test_the_isco_messages_tell_a_missing_code_from_a_broader_group(personas, unit_a):
    with pytest.raises(ValidationFailed) as missing:
        VacancyFactory(employer=unit_a.employer, posted_by=personas.counsellor_a, occupation="9999")
    with pytest.raises(ValidationFailed) as broad:
        VacancyFactory(employer=unit_a.employer, posted_by=personas.counsellor_a, occupation="92")

    assert "not an ISCO-08 code" in errors_of(missing)["occupation"][0]
    assert "unit groups" in errors_of(broad)["occupation"][0]


def test_a_vacancy_is_posted_open_with_its_wage_in_fils(personas, unit_a):
    vacancy = VacancyFactory(
        employer=unit_a.employer, posted_by=personas.counsellor_a, wage="12.5", positions="4"
    )

    assert vacancy.status == Vacancy.Status.OPEN
    assert vacancy.wage == Decimal("12.500")
    assert vacancy.positions == 4
    assert vacancy.owner_id == personas.unit_a.pk
    assert vacancy.occupation.code == "9211"


def test_a_wage_has_the_decimals_of_its_own_currency(personas, unit_a, writes_nothing):
    """Dollars have cents, pounds none, dinars fils: a vacancy, a placement and a job seeker's
    expected wage are read with the decimals of the currency they name."""
    ca = personas.counsellor_a
    dollars = VacancyFactory(employer=unit_a.employer, posted_by=ca, wage="12.5", currency="USD")
    pounds = VacancyFactory(employer=unit_a.employer, posted_by=ca, wage="900000", currency="LBP")
    assert (dollars.wage, pounds.wage) == (Decimal("12.50"), Decimal("900000"))
    referral = ReferralFactory(job_seeker=unit_a.seeker, vacancy=pounds, referred_by=ca)

    with writes_nothing():
        with pytest.raises(ValidationFailed) as cents:
            VacancyFactory(employer=unit_a.employer, posted_by=ca, wage="12.505", currency="USD")
        with pytest.raises(ValidationFailed) as piastres:
            update_vacancy(vacancy=pounds, updated_by=ca, wage="900000.5")
        with pytest.raises(ValidationFailed) as expected:
            update_job_seeker(
                job_seeker=unit_a.seeker, updated_by=ca, expected_wage="10.5", currency="LBP"
            )
        with pytest.raises(ValidationFailed) as placed:
            PlacementFactory(referral=referral, placed_by=ca, wage="15.5", currency="LBP")

    assert list(cents.value.field_errors) == ["wage"]
    assert list(piastres.value.field_errors) == ["wage"]
    assert list(expected.value.field_errors) == ["expected_wage"]
    assert list(placed.value.field_errors) == ["wage"]


def test_positions_cannot_drop_below_the_placements_made(personas, unit_a, writes_nothing):
    referral = ReferralFactory(
        job_seeker=unit_a.seeker, vacancy=unit_a.vacancy, referred_by=personas.counsellor_a
    )
    PlacementFactory(referral=referral, placed_by=personas.counsellor_a)
    vacancy = unit_a.vacancy

    update_vacancy(vacancy=vacancy, updated_by=personas.counsellor_a, positions=1)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED

    update_vacancy(vacancy=vacancy, updated_by=personas.counsellor_a, positions=2)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.OPEN

    second = PersonFactory(owner=personas.unit_a)
    seeker = JobSeekerFactory(person=second, registered_by=personas.counsellor_a)
    PlacementFactory(
        referral=ReferralFactory(
            job_seeker=seeker, vacancy=vacancy, referred_by=personas.counsellor_a
        ),
        placed_by=personas.counsellor_a,
    )
    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        update_vacancy(vacancy=vacancy, updated_by=personas.counsellor_a, positions=1)
    assert "2 positions are already filled" in errors_of(excinfo)["positions"][0]


def test_a_closed_vacancy_reopens_as_filled_when_no_position_is_left(personas, unit_a):
    vacancy = VacancyFactory(employer=unit_a.employer, positions=1, posted_by=personas.counsellor_a)
    referral = ReferralFactory(
        job_seeker=unit_a.seeker, vacancy=vacancy, referred_by=personas.counsellor_a
    )
    PlacementFactory(referral=referral, placed_by=personas.counsellor_a)

    close_vacancy(vacancy=vacancy, closed_by=personas.counsellor_a)
    vacancy = reopen_vacancy(vacancy=vacancy, reopened_by=personas.counsellor_a)

    assert vacancy.status == Vacancy.Status.FILLED


# ---- Job seekers and counselling ----------------------------------------------------------


def test_a_job_seeker_profile_is_kept_by_the_persons_unit_by_default(personas):
    person = PersonFactory(owner=personas.unit_a)

    seeker = JobSeekerFactory(
        person=person,
        occupations=["9211", "6111"],
        preferred_governorates=[governorate("JO-MA").pk, governorate("JO-IR")],
        expected_wage="14",
        needs_childcare=True,
        registered_by=personas.counsellor_a,
    )

    assert seeker.owner == personas.unit_a
    assert sorted(o.code for o in seeker.occupations.all()) == ["6111", "9211"]
    assert seeker.preferred_governorates.count() == 2
    assert seeker.needs == ["childcare"]
    event = AuditEvent.objects.get(object_type="employment.jobseeker")
    assert event.changes["occupations"] == [None, ["6111", "9211"]]


def test_an_archived_person_cannot_become_a_job_seeker(personas, writes_nothing):
    person = PersonFactory(owner=personas.unit_a)
    archive(person)

    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        JobSeekerFactory(person=person, registered_by=personas.counsellor_a)

    assert list(errors_of(excinfo)) == ["person"]


def test_a_person_has_one_job_seeker_profile(personas, unit_a, writes_nothing):
    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        JobSeekerFactory(person=unit_a.person, registered_by=personas.counsellor_a)

    assert "already has a job seeker profile" in errors_of(excinfo)["person"][0]


def test_a_job_seeker_needs_unit_group_occupations_and_a_sane_availability(
    personas, writes_nothing
):
    person = PersonFactory(owner=personas.unit_a)

    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        JobSeekerFactory(
            person=person,
            occupations=["61"],
            available_from=datetime.date(2020, 10, 1),
            available_until=datetime.date(2020, 9, 1),
            expected_wage="abc",
            registered_by=personas.counsellor_a,
        )

    assert set(errors_of(excinfo)) == {"occupations", "available_until", "expected_wage"}


def test_a_valid_work_permit_names_its_sector(personas, unit_a, writes_nothing):
    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        update_job_seeker(
            job_seeker=unit_a.seeker, updated_by=personas.counsellor_a, work_permit_status="valid"
        )
    assert list(errors_of(excinfo)) == ["work_permit_sector"]

    update_job_seeker(
        job_seeker=unit_a.seeker,
        updated_by=personas.counsellor_a,
        work_permit_status="valid",
        work_permit_sector="agriculture",
        occupations=["9211", "9212"],
    )
    unit_a.seeker.refresh_from_db()
    assert unit_a.seeker.work_permit_sector == "agriculture"
    event = AuditEvent.objects.filter(object_type="employment.jobseeker").latest("id")
    assert event.changes["occupations"] == [["9211"], ["9211", "9212"]]


def test_a_counselling_session_needs_a_topic_and_is_kept_by_the_seekers_unit(
    personas, unit_a, writes_nothing
):
    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        record_counselling_session(
            job_seeker=unit_a.seeker, date=TODAY, topics=[], recorded_by=personas.counsellor_a
        )
    assert list(errors_of(excinfo)) == ["topics"]

    session = record_counselling_session(
        job_seeker=unit_a.seeker,
        date=TODAY,
        topics=["work_permit", "career_guidance"],
        action_plan="Apply for an agricultural work permit through the cooperative.",
        recorded_by=personas.counsellor_a,
    )
    assert session.counsellor == personas.counsellor_a
    assert session.topics == ["career_guidance", "work_permit"]
    assert session.owner_id == personas.unit_a.pk


# ---- Referrals, placements, follow-ups ----------------------------------------------------


def test_an_archived_person_cannot_be_referred(personas, unit_a, writes_nothing):
    archive(unit_a.person)

    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        ReferralFactory(
            job_seeker=unit_a.seeker, vacancy=unit_a.vacancy, referred_by=personas.counsellor_a
        )

    assert list(errors_of(excinfo)) == ["job_seeker"]
    assert "archived" in errors_of(excinfo)["job_seeker"][0]


def test_a_job_seeker_is_referred_to_a_vacancy_once_and_only_while_it_is_open(
    personas, unit_a, writes_nothing
):
    ReferralFactory(
        job_seeker=unit_a.seeker, vacancy=unit_a.vacancy, referred_by=personas.counsellor_a
    )
    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        ReferralFactory(
            job_seeker=unit_a.seeker, vacancy=unit_a.vacancy, referred_by=personas.counsellor_a
        )
    assert list(errors_of(excinfo)) == ["job_seeker"]

    closed = VacancyFactory(employer=unit_a.employer, posted_by=personas.counsellor_a)
    close_vacancy(vacancy=closed, closed_by=personas.counsellor_a)
    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        ReferralFactory(job_seeker=unit_a.seeker, vacancy=closed, referred_by=personas.counsellor_a)
    assert errors_of(excinfo) == {"vacancy": ["This vacancy is closed."]}


def test_a_counsellor_cannot_refer_to_another_units_vacancy(personas, unit_a, unit_b):
    with pytest.raises(PermissionDenied):
        ReferralFactory(
            job_seeker=unit_a.seeker, vacancy=unit_b.vacancy, referred_by=personas.counsellor_a
        )


def test_placing_the_last_position_hires_the_referral_and_fills_the_vacancy(personas, unit_a):
    vacancy = VacancyFactory(employer=unit_a.employer, positions=1, posted_by=personas.counsellor_a)
    referral = ReferralFactory(
        job_seeker=unit_a.seeker, vacancy=vacancy, referred_by=personas.counsellor_a
    )
    set_referral_status(
        referral=referral, status="interviewed", on=TODAY, changed_by=personas.counsellor_a
    )

    placement = PlacementFactory(referral=referral, wage="16.5", placed_by=personas.counsellor_a)

    referral.refresh_from_db()
    vacancy.refresh_from_db()
    assert referral.status == Referral.Status.HIRED
    assert vacancy.status == Vacancy.Status.FILLED
    assert placement.wage == Decimal("16.500")
    assert placement.vacancy == vacancy and placement.job_seeker == unit_a.seeker
    assert AuditEvent.objects.filter(object_type="employment.placement").count() == 1


def test_a_placement_on_a_full_vacancy_is_refused_and_writes_nothing(
    personas, unit_a, writes_nothing
):
    vacancy = VacancyFactory(employer=unit_a.employer, positions=1, posted_by=personas.counsellor_a)
    first = ReferralFactory(
        job_seeker=unit_a.seeker, vacancy=vacancy, referred_by=personas.counsellor_a
    )
    other = JobSeekerFactory(
        person=PersonFactory(owner=personas.unit_a), registered_by=personas.counsellor_a
    )
    second = ReferralFactory(job_seeker=other, vacancy=vacancy, referred_by=personas.counsellor_a)
    PlacementFactory(referral=first, placed_by=personas.counsellor_a)

    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        PlacementFactory(referral=second, placed_by=personas.counsellor_a)

    assert errors_of(excinfo) == {"vacancy": ["Every position of this vacancy is filled."]}


def test_a_placement_on_a_closed_vacancy_is_refused_and_writes_nothing(
    personas, unit_a, writes_nothing
):
    referral = ReferralFactory(
        job_seeker=unit_a.seeker, vacancy=unit_a.vacancy, referred_by=personas.counsellor_a
    )
    close_vacancy(vacancy=unit_a.vacancy, closed_by=personas.counsellor_a)

    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        PlacementFactory(referral=referral, placed_by=personas.counsellor_a)

    assert errors_of(excinfo) == {"vacancy": ["This vacancy is closed."]}


def test_a_placement_of_an_archived_person_or_a_rejected_referral_is_refused(
    personas, unit_a, writes_nothing
):
    referral = ReferralFactory(
        job_seeker=unit_a.seeker, vacancy=unit_a.vacancy, referred_by=personas.counsellor_a
    )
    set_referral_status(
        referral=referral, status="rejected", on=TODAY, changed_by=personas.counsellor_a
    )
    archive(unit_a.person)

    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        PlacementFactory(referral=referral, wage="abc", placed_by=personas.counsellor_a)

    assert set(errors_of(excinfo)) == {"referral", "wage"}
    assert len(errors_of(excinfo)["referral"]) == 2


def test_hired_is_set_by_a_placement_only(personas, unit_a, writes_nothing):
    referral = ReferralFactory(
        job_seeker=unit_a.seeker, vacancy=unit_a.vacancy, referred_by=personas.counsellor_a
    )

    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        set_referral_status(referral=referral, status="hired", changed_by=personas.counsellor_a)

    assert list(errors_of(excinfo)) == ["status"]


@pytest.fixture
def placement(personas, unit_a):
    referral = ReferralFactory(
        job_seeker=unit_a.seeker, vacancy=unit_a.vacancy, referred_by=personas.counsellor_a
    )
    return PlacementFactory(
        referral=referral, start_date=datetime.date(2020, 9, 6), placed_by=personas.counsellor_a
    )


def test_a_follow_up_before_the_start_date_is_refused_and_writes_nothing(
    personas, placement, writes_nothing
):
    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        record_follow_up(
            placement=placement,
            checkpoint=1,
            date=datetime.date(2020, 9, 5),
            still_employed=True,
            recorded_by=personas.counsellor_a,
        )

    assert list(errors_of(excinfo)) == ["date"]
    # Day first, as every date shown to a person (pages and API messages alike).
    assert "(06/09/2020)" in errors_of(excinfo)["date"][0]


def test_a_follow_up_says_why_someone_left_and_happens_once_per_checkpoint(
    personas, placement, writes_nothing
):
    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        record_follow_up(
            placement=placement,
            checkpoint=1,
            date=datetime.date(2020, 10, 6),
            still_employed=False,
            recorded_by=personas.counsellor_a,
        )
    assert errors_of(excinfo) == {"reason": ["Say why this person no longer works there."]}

    follow_up = record_follow_up(
        placement=placement,
        checkpoint=1,
        date=datetime.date(2020, 10, 6),
        still_employed=True,
        reason="transport",
        recorded_by=personas.counsellor_a,
    )
    assert follow_up.reason == ""

    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        record_follow_up(
            placement=placement,
            checkpoint=FollowUp.Checkpoint.ONE_MONTH,
            date=datetime.date(2020, 10, 7),
            still_employed=True,
            recorded_by=personas.counsellor_a,
        )
    assert list(errors_of(excinfo)) == ["checkpoint"]


# ---- Awareness sessions -------------------------------------------------------------------


def test_an_awareness_session_counts_registered_and_unregistered_participants(personas):
    people = [PersonFactory(owner=personas.unit_a) for _ in range(2)]

    session = AwarenessSessionFactory(
        owner=personas.unit_a,
        participants=people,
        head_counts={("female", "sy"): 4, ("male", "JO"): 0},
        recorded_by=personas.counsellor_a,
    )

    assert set(session.participants.all()) == set(people)
    assert [(h.sex, h.nationality, h.count) for h in session.head_counts.all()] == [
        ("female", "SY", 4)
    ]
    event = AuditEvent.objects.get(object_type="employment.awarenesssession")
    assert event.changes["head_counts"] == [None, {"female/SY": 4}]


def test_an_awareness_session_needs_participants_and_an_other_topic_described(
    personas, writes_nothing
):
    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        AwarenessSessionFactory(
            owner=personas.unit_a,
            topic="other",
            head_counts={},
            recorded_by=personas.counsellor_a,
        )

    assert set(errors_of(excinfo)) == {"topic_detail", "participants"}


def test_an_awareness_session_refuses_archived_and_unreachable_participants(
    personas, writes_nothing
):
    archived = PersonFactory(owner=personas.unit_a)
    archive(archived)
    elsewhere = PersonFactory(owner=personas.unit_b)

    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        AwarenessSessionFactory(
            owner=personas.unit_a,
            participants=[archived, elsewhere],
            head_counts={("female", "XX"): 3},
            recorded_by=personas.counsellor_a,
        )

    assert len(errors_of(excinfo)["participants"]) == 2
    assert errors_of(excinfo)["head_counts"] == ["Unknown nationality: XX."]


def test_updating_head_counts_replaces_them_and_audits_the_change(personas):
    session = AwarenessSessionFactory(owner=personas.unit_a, recorded_by=personas.counsellor_a)

    update_awareness_session(
        session=session,
        updated_by=personas.counsellor_a,
        head_counts={("female", "SY"): 10},
    )

    assert [(h.sex, h.count) for h in session.head_counts.all()] == [("female", 10)]
    event = AuditEvent.objects.filter(object_type="employment.awarenesssession").latest("id")
    assert event.changes["head_counts"][1] == {"female/SY": 10}


def test_a_date_given_as_text_is_read_by_the_forms_reader_day_first(personas, writes_nothing):
    employer = EmployerFactory(owner=personas.unit_a, created_by=personas.counsellor_a)
    vacancy = VacancyFactory(
        employer=employer,
        posted_by=personas.counsellor_a,
        start_date="01/07/2020",
        end_date="2020-11-30",
    )
    assert (vacancy.start_date, vacancy.end_date) == (
        datetime.date(2020, 7, 1),
        datetime.date(2020, 11, 30),
    )

    with writes_nothing(), pytest.raises(ValidationFailed) as excinfo:
        VacancyFactory(employer=employer, posted_by=personas.counsellor_a, start_date="31/02/2020")
    assert errors_of(excinfo)["start_date"] == ["Enter a valid date."]
