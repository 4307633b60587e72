import datetime
import re

import pytest

from taawon.core.models import AuditEvent
from taawon.people.models import Person
from taawon.people.tests.factories import PersonFactory as RegisteredPersonFactory

from ..awareness.models import AwarenessSession
from ..employers.models import Employer, FarmVisit
from ..placements.models import Placement, Referral
from ..seekers.models import JobSeeker
from ..seekers.services import register_job_seeker
from ..vacancies.models import Vacancy
from ..vacancies.services import update_vacancy
from .factories import (
    AwarenessSessionFactory,
    FarmVisitFactory,
    PersonFactory,
    PlacementFactory,
    ReferralFactory,
    governorate,
)


@pytest.fixture
def records(personas, unit_a):
    """unit_a's records plus a visit, a placement with a referral, and an awareness session."""
    visit = FarmVisitFactory(
        employer=unit_a.employer,
        staff=[personas.counsellor_a],
        recorded_by=personas.counsellor_a,
        osh_checklist={"drinking_water": "yes", "first_aid": "no"},
    )
    referral = ReferralFactory(
        job_seeker=unit_a.seeker, vacancy=unit_a.vacancy, referred_by=personas.counsellor_a
    )
    placement = PlacementFactory(referral=referral, placed_by=personas.counsellor_a)
    other = ReferralFactory(
        job_seeker=register_job_seeker(
            person=PersonFactory(owner=personas.unit_a),
            occupations=["9211"],
            registered_by=personas.counsellor_a,
        ),
        vacancy=unit_a.vacancy,
        referred_by=personas.counsellor_a,
    )
    session = AwarenessSessionFactory(
        owner=personas.unit_a, participants=[unit_a.person], recorded_by=personas.counsellor_a
    )
    return {
        "unit": unit_a,
        "visit": visit,
        "referral": referral,
        "open_referral": other,
        "placement": placement,
        "session": session,
    }


def pages(records) -> list[str]:
    """Every page of one unit's records (GET), in the URL form without the language."""
    unit = records["unit"]
    return [
        "employment/",
        "employment/employers/",
        "employment/employers/new/",
        f"employment/employers/{unit.employer.pk}/",
        f"employment/employers/{unit.employer.pk}/edit/",
        f"employment/employers/{unit.employer.pk}/workplaces/new/",
        f"employment/workplaces/{unit.workplace.pk}/edit/",
        f"employment/employers/{unit.employer.pk}/visits/new/",
        f"employment/employers/{unit.employer.pk}/vacancies/new/",
        "employment/visits/",
        f"employment/visits/{records['visit'].pk}/",
        f"employment/visits/{records['visit'].pk}/edit/",
        "employment/vacancies/",
        f"employment/vacancies/{unit.vacancy.pk}/",
        f"employment/vacancies/{unit.vacancy.pk}/edit/",
        f"employment/vacancies/{unit.vacancy.pk}/refer/",
        "employment/job-seekers/",
        f"employment/job-seekers/{unit.seeker.pk}/",
        f"employment/job-seekers/{unit.seeker.pk}/edit/",
        f"employment/job-seekers/{unit.seeker.pk}/counselling/new/",
        f"employment/job-seekers/{unit.seeker.pk}/refer/",
        f"employment/referrals/{records['open_referral'].pk}/status/",
        f"employment/referrals/{records['open_referral'].pk}/place/",
        "employment/placements/",
        "employment/placements/?due=1",
        f"employment/placements/{records['placement'].pk}/",
        f"employment/placements/{records['placement'].pk}/follow-up/",
        "employment/awareness/",
        "employment/awareness/new/",
        f"employment/awareness/{records['session'].pk}/",
        f"employment/awareness/{records['session'].pk}/edit/",
    ]


def record_pages(records) -> list[str]:
    """The pages of single records (everything but lists and creation forms)."""
    return [p for p in pages(records) if re.search(r"/\d+/", p)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_page_renders_for_a_counsellor_of_the_unit(client, personas, records, language):
    client.force_login(personas.counsellor_a)

    for page in pages(records):
        response = client.get(f"/{language}/{page}")
        assert response.status_code == 200, page
        assert f'lang="{language}"' in response.content.decode()


def test_pages_in_arabic_are_right_to_left_with_arabic_names(client, personas, records):
    client.force_login(personas.counsellor_a)
    unit = records["unit"]

    employer = client.get(f"/ar/employment/employers/{unit.employer.pk}/").content.decode()
    visit = client.get(f"/ar/employment/visits/{records['visit'].pk}/").content.decode()
    vacancies = client.get("/ar/employment/vacancies/").content.decode()

    assert 'dir="rtl"' in employer
    assert unit.employer.name_ar in employer
    assert "الزراعة والحراجة وصيد الأسماك" in employer
    assert "مياه شرب نظيفة للعمال" in visit
    assert "عمال مزارع المحاصيل" in vacancies  # the occupation's Arabic title (reference data)
    # Text that only the Arabic catalogue gives: without the translation these are English.
    assert '<h1 class="h3">الشواغر</h1>' in vacancies
    assert "انشر الشاغر من صفحة صاحب العمل." in vacancies
    assert '<th scope="col">الأجر</th>' in vacancies


def test_a_counsellor_of_another_unit_gets_404_on_every_record_page(client, personas, records):
    client.force_login(personas.counsellor_b)

    for page in record_pages(records):
        assert client.get(f"/en/{page}").status_code == 404, page


def test_lists_show_a_counsellor_only_their_units_records(client, personas, records, unit_b):
    client.force_login(personas.counsellor_b)

    employers = client.get("/en/employment/employers/").content.decode()
    vacancies = client.get("/en/employment/vacancies/").content.decode()
    seekers = client.get("/en/employment/job-seekers/").content.decode()

    assert unit_b.employer.get_absolute_url() in employers
    assert records["unit"].employer.get_absolute_url() not in employers
    assert unit_b.vacancy.get_absolute_url() in vacancies
    assert records["unit"].vacancy.get_absolute_url() not in vacancies
    assert records["unit"].seeker.get_absolute_url() not in seekers


def test_a_viewer_reads_but_gets_404_on_every_change_page(client, personas, records):
    client.force_login(personas.viewer_a)
    unit = records["unit"]

    assert client.get(f"/en/employment/vacancies/{unit.vacancy.pk}/").status_code == 200
    for page in pages(records):
        if "/edit/" in page or "/new/" in page or page.endswith(("/refer/", "/place/", "/status/")):
            assert client.get(f"/en/{page}").status_code == 404, page
        if page.endswith("/follow-up/"):
            assert client.get(f"/en/{page}").status_code == 404, page


@pytest.mark.parametrize("persona", ["aggregate", "ministry_officer", "outsider"])
def test_users_without_employment_rights_see_nothing(client, personas, records, persona):
    client.force_login(getattr(personas, persona))

    assert client.get("/en/employment/").status_code == 404
    assert client.get("/en/employment/vacancies/").status_code == 404
    assert client.get(f"/en/employment/vacancies/{records['unit'].vacancy.pk}/").status_code == 404


def test_pages_need_a_login(client, records):
    response = client.get("/en/employment/vacancies/")

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_navigation_offers_employment_to_counsellors_only(client, personas):
    client.force_login(personas.counsellor_a)
    assert "/en/employment/" in client.get("/en/employment/").content.decode()

    client.force_login(personas.aggregate)
    assert 'href="/en/employment/"' not in client.get("/en/").content.decode()


# ---- Employers ----------------------------------------------------------------------------


def test_a_counsellor_adds_an_employer_then_a_workplace(client, personas):
    client.force_login(personas.counsellor_a)
    mafraq = governorate("JO-MA")

    response = client.post(
        "/en/employment/employers/new/",
        {
            "kind": "farm",
            "name_ar": "مزرعة الخير",
            "name_en": "Al-Khair farm",
            "sector": "A",
            "size": "small",
            "phone": "0795550101",
            "governorate": mafraq.pk,
            "latitude": "32.34",
            "longitude": "36.2",
        },
    )

    employer = Employer.objects.get(name_en="Al-Khair farm")
    assert response.status_code == 302 and response["Location"] == employer.get_absolute_url()
    assert employer.owner == personas.unit_a and employer.phone == "+962795550101"

    response = client.post(
        f"/en/employment/employers/{employer.pk}/workplaces/new/",
        {"name": "Greenhouses", "governorate": "", "latitude": "32.3", "longitude": "36.1"},
    )
    assert response.status_code == 302
    assert employer.workplaces.get().governorate == mafraq


def test_the_employer_form_shows_the_services_field_errors_and_writes_nothing(
    client, personas, writes_nothing
):
    client.force_login(personas.counsellor_a)

    with writes_nothing():
        response = client.post(
            "/en/employment/employers/new/",
            {"kind": "farm", "sector": "A", "governorate": governorate("JO-MA").pk, "phone": "5"},
        )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the name in Arabic, in English, or both." in page
    assert "Enter a valid phone number" in page


def test_an_officer_chooses_the_unit_an_employer_belongs_to(client, personas):
    client.force_login(personas.officer)

    form = client.get("/en/employment/employers/new/").content.decode()
    client.post(
        "/en/employment/employers/new/",
        {
            "owner": personas.unit_b.pk,
            "kind": "business",
            "name_en": "Packing house",
            "sector": "C",
            "governorate": governorate("JO-IR").pk,
        },
    )

    assert "Unit A" in form and "Unit B" in form
    assert Employer.objects.get(name_en="Packing house").owner == personas.unit_b


def test_the_employer_list_filters_by_sector_and_renders_rows_for_htmx(client, personas, records):
    client.force_login(personas.counsellor_a)

    farms = client.get("/en/employment/employers/?sector=A", headers={"HX-Request": "true"})
    shops = client.get("/en/employment/employers/?sector=G").content.decode()

    assert "<html" not in farms.content.decode()
    assert records["unit"].employer.get_absolute_url() in farms.content.decode()
    assert records["unit"].employer.get_absolute_url() not in shops


# ---- Visits -------------------------------------------------------------------------------


def test_a_visit_is_recorded_with_its_osh_checklist(client, personas, unit_a):
    client.force_login(personas.counsellor_a)

    response = client.post(
        f"/en/employment/employers/{unit_a.employer.pk}/visits/new/",
        {
            "date": "2020-08-20",
            "purpose": "awareness",
            "workplace": unit_a.workplace.pk,
            "staff": [personas.counsellor_a.pk, personas.clerk_a.pk],
            "findings": "No shade near the greenhouses.",
            "next_steps": "Owner to put up a shaded rest area.",
            "osh_drinking_water": "yes",
            "osh_shade_and_breaks": "no",
            "osh_covid19": "na",
        },
    )

    visit = FarmVisit.objects.get()
    assert response.status_code == 302
    assert visit.osh_checklist == {
        "drinking_water": "yes",
        "shade_and_breaks": "no",
        "covid19": "na",
    }
    assert visit.staff.count() == 2


# ---- Vacancies ----------------------------------------------------------------------------


def vacancy_data(**overrides):
    data = {
        "title": "Olive pickers",
        "occupation": "9211",
        "positions": "5",
        "start_date": "2020-10-15",
        "end_date": "2020-12-15",
        "wage": "14.500",
        "wage_period": "daily",
        "currency": "JOD",
        "hours_per_day": "7",
        "days_per_week": "6",
        "skills": ["olive_harvest", "harvesting"],
        "min_experience_years": "0",
        "offers_transport": "on",
        "women_in_team": "on",
    }
    data.update(overrides)
    return data


def test_a_vacancy_is_posted_from_the_employer_page(client, personas, unit_a):
    client.force_login(personas.counsellor_a)

    response = client.post(
        f"/en/employment/employers/{unit_a.employer.pk}/vacancies/new/", vacancy_data()
    )

    vacancy = Vacancy.objects.get(title="Olive pickers")
    assert response["Location"] == vacancy.get_absolute_url()
    assert vacancy.facilities == ["transport", "women_in_team"]
    assert vacancy.skills == ["harvesting", "olive_harvest"]


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"end_date": "2020-10-01"}, "The end date is before the start date."),
        ({"positions": "0"}, "A vacancy has at least one position."),
        ({"wage": "fifteen"}, "Enter the amount as a number"),
        ({"occupation": "921"}, "Select a valid choice"),
    ],
)
def test_the_vacancy_form_refuses_bad_input_with_a_message_and_writes_nothing(
    client, personas, unit_a, writes_nothing, bad, message
):
    client.force_login(personas.counsellor_a)

    with writes_nothing():
        response = client.post(
            f"/en/employment/employers/{unit_a.employer.pk}/vacancies/new/", vacancy_data(**bad)
        )

    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_vacancy_page_counts_filled_and_remaining_positions(client, personas, records):
    client.force_login(personas.counsellor_a)

    page = client.get(records["unit"].vacancy.get_absolute_url()).content.decode()

    assert "Remaining" in page
    assert '<div class="display-6">1</div><div>Filled</div>' in page
    assert '<div class="display-6">2</div><div>Remaining</div>' in page
    assert records["open_referral"].job_seeker.person.display_name in page


def test_the_vacancy_list_filters_by_status_occupation_and_governorate(client, personas, records):
    client.force_login(personas.counsellor_a)
    url = records["unit"].vacancy.get_absolute_url()

    def listed(query: str) -> bool:
        return url in client.get(f"/en/employment/vacancies/?{query}").content.decode()

    assert listed("status=open")
    assert not listed("status=closed")
    assert listed("occupation=92") and listed("occupation=9211")
    assert not listed("occupation=7112")
    assert listed(f"governorate={governorate('JO-MA').pk}")
    assert not listed(f"governorate={governorate('JO-AM').pk}")


def test_closing_a_vacancy_takes_a_post(client, personas, unit_a):
    client.force_login(personas.counsellor_a)
    url = f"/en/employment/vacancies/{unit_a.vacancy.pk}/close/"

    assert client.get(url).status_code == 405
    client.post(url)
    unit_a.vacancy.refresh_from_db()
    assert unit_a.vacancy.status == Vacancy.Status.CLOSED


# ---- Job seekers, referrals, placements ---------------------------------------------------


def test_the_person_link_leads_to_the_profile_or_to_creating_it(client, personas, unit_a):
    client.force_login(personas.counsellor_a)
    newcomer = PersonFactory(owner=personas.unit_a)

    existing = client.get(f"/en/employment/people/{unit_a.person.pk}/")
    new = client.get(f"/en/employment/people/{newcomer.pk}/")

    assert existing["Location"] == unit_a.seeker.get_absolute_url()
    assert new["Location"] == f"/en/employment/people/{newcomer.pk}/job-seeker/new/"


def test_a_job_seeker_profile_is_created_from_a_person(client, personas):
    client.force_login(personas.counsellor_a)
    person = PersonFactory(owner=personas.unit_a)

    response = client.post(
        f"/en/employment/people/{person.pk}/job-seeker/new/",
        {
            "occupation_1": "9211",
            "occupation_2": "7112",
            "occupation_3": "",
            "skills": ["harvesting", "masonry"],
            "experience_years": "3",
            "preferred_governorates": [governorate("JO-MA").pk],
            "max_travel_km": "40",
            "expected_wage": "15",
            "expected_wage_period": "daily",
            "currency": "JOD",
            "work_permit_status": "valid",
            "work_permit_sector": "agriculture",
            "needs_transport": "on",
        },
    )

    seeker = JobSeeker.objects.get(person=person)
    assert response["Location"] == seeker.get_absolute_url()
    assert sorted(o.code for o in seeker.occupations.all()) == ["7112", "9211"]
    assert seeker.needs == ["transport"]


def test_an_archived_person_gets_a_message_not_a_profile(client, personas, writes_nothing):
    client.force_login(personas.counsellor_a)
    person = PersonFactory(owner=personas.unit_a)
    Person.objects.filter(pk=person.pk).update(status=Person.Status.ARCHIVED)

    with writes_nothing():
        response = client.post(
            f"/en/employment/people/{person.pk}/job-seeker/new/",
            {
                "occupation_1": "9211",
                "experience_years": "0",
                "max_travel_km": "10",
                "expected_wage_period": "daily",
                "currency": "JOD",
                "work_permit_status": "none",
            },
        )

    assert response.status_code == 200
    assert "archived or merged" in response.content.decode()


def test_a_counsellor_of_another_unit_cannot_open_the_persons_employment_pages(
    client, personas, unit_a
):
    client.force_login(personas.counsellor_b)

    assert client.get(f"/en/employment/people/{unit_a.person.pk}/").status_code == 404
    assert (
        client.get(f"/en/employment/people/{unit_a.person.pk}/job-seeker/new/").status_code == 404
    )


def test_referral_from_the_vacancy_page_lists_seekers_of_the_occupation_first(
    client, personas, unit_a
):
    client.force_login(personas.counsellor_a)
    builder = register_job_seeker(
        person=PersonFactory(owner=personas.unit_a),
        occupations=["7112"],
        registered_by=personas.counsellor_a,
    )

    form = client.get(f"/en/employment/vacancies/{unit_a.vacancy.pk}/refer/").content.decode()
    response = client.post(
        f"/en/employment/vacancies/{unit_a.vacancy.pk}/refer/",
        {"job_seeker": builder.pk, "referred_on": "2020-09-01", "note": "Has picked olives"},
    )

    assert form.index(f"★ {unit_a.person.display_name}") < form.index(builder.person.display_name)
    assert response["Location"] == unit_a.vacancy.get_absolute_url()
    assert Referral.objects.get(job_seeker=builder).note == "Has picked olives"


def test_referral_from_the_job_seeker_page(client, personas, unit_a):
    client.force_login(personas.counsellor_a)

    response = client.post(
        f"/en/employment/job-seekers/{unit_a.seeker.pk}/refer/",
        {"vacancy": unit_a.vacancy.pk, "referred_on": "2020-09-01"},
    )

    assert response["Location"] == unit_a.seeker.get_absolute_url()
    assert Referral.objects.filter(job_seeker=unit_a.seeker, vacancy=unit_a.vacancy).exists()


def test_a_counsellor_cannot_refer_to_a_vacancy_of_another_unit_by_posting_its_id(
    client, personas, unit_a, unit_b, writes_nothing
):
    client.force_login(personas.counsellor_a)

    with writes_nothing():
        response = client.post(
            f"/en/employment/job-seekers/{unit_a.seeker.pk}/refer/",
            {"vacancy": unit_b.vacancy.pk, "referred_on": "2020-09-01"},
        )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_placing_and_following_up_through_the_pages(client, personas, records):
    client.force_login(personas.counsellor_a)
    referral = records["open_referral"]

    response = client.post(
        f"/en/employment/referrals/{referral.pk}/place/",
        {
            "start_date": "2020-09-02",
            "contract_type": "seasonal",
            "wage": "15",
            "wage_period": "daily",
            "currency": "JOD",
        },
    )
    placement = Placement.objects.get(referral=referral)
    assert response["Location"] == placement.get_absolute_url()

    too_early = client.post(
        f"/en/employment/placements/{placement.pk}/follow-up/",
        {"checkpoint": "1", "date": "2020-09-01", "still_employed": "yes"},
    )
    # The start day first, as every date on the pages, not in ISO.
    assert "cannot be before the job started (02/09/2020)" in too_early.content.decode()

    client.post(
        f"/en/employment/placements/{placement.pk}/follow-up/",
        {"checkpoint": "1", "date": "2020-10-02", "still_employed": "no", "reason": "transport"},
    )
    follow_up = placement.follow_ups.get()
    assert follow_up.still_employed is False and follow_up.reason == "transport"


def test_the_placement_form_says_when_the_vacancy_is_full(client, personas, records):
    client.force_login(personas.counsellor_a)
    vacancy = records["unit"].vacancy
    update_vacancy(vacancy=vacancy, updated_by=personas.counsellor_a, positions=1)

    response = client.post(
        f"/en/employment/referrals/{records['open_referral'].pk}/place/",
        {
            "start_date": "2020-09-02",
            "contract_type": "seasonal",
            "wage": "15",
            "wage_period": "daily",
            "currency": "JOD",
        },
    )

    assert response.status_code == 200
    assert "Every position of this vacancy is filled." in response.content.decode()
    assert not Placement.objects.filter(referral=records["open_referral"]).exists()


def test_a_referral_status_is_updated(client, personas, records):
    client.force_login(personas.counsellor_a)
    referral = records["open_referral"]

    client.post(
        f"/en/employment/referrals/{referral.pk}/status/",
        {"status": "did_not_attend", "on": datetime.date.today().isoformat(), "note": ""},
    )

    referral.refresh_from_db()
    assert referral.status == Referral.Status.DID_NOT_ATTEND


# ---- Awareness sessions -------------------------------------------------------------------


def test_an_awareness_session_is_recorded_with_head_counts_then_participants(client, personas):
    client.force_login(personas.counsellor_a)
    # Registered through the registry's service, which writes the name keys search reads.
    person = RegisteredPersonFactory(
        owner=personas.unit_a, given_name_en="Mariam", given_name_ar="مريم"
    )

    response = client.post(
        "/en/employment/awareness/new/",
        {
            "topic": "covid19",
            "date": "2020-08-10",
            "governorate": governorate("JO-MA").pk,
            "venue": "Cooperative hall",
            "facilitator": "Hiba Masaeed",
            "rows-TOTAL_FORMS": "2",
            "rows-INITIAL_FORMS": "0",
            "rows-0-nationality": "SY",
            "rows-0-women": "7",
            "rows-0-men": "",
            "rows-1-nationality": "JO",
            "rows-1-women": "",
            "rows-1-men": "12",
        },
    )
    session = AwarenessSession.objects.get()
    assert response["Location"] == session.get_absolute_url()
    assert {(h.sex, h.nationality, h.count) for h in session.head_counts.all()} == {
        ("female", "SY", 7),
        ("male", "JO", 12),
    }

    found = client.get(f"{session.get_absolute_url()}?q=Mariam", headers={"HX-Request": "true"})
    assert "Mariam" in found.content.decode() and "<html" not in found.content.decode()

    client.post(
        f"/en/employment/awareness/{session.pk}/participants/",
        {"person": person.pk, "action": "add"},
    )
    assert list(session.participants.all()) == [person]
    assert AuditEvent.objects.filter(
        object_type="employment.awarenesssession", action="update"
    ).exists()


def test_the_person_panel_links_to_the_profile(client, personas, unit_a):
    from django.template import RequestContext, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/en/")
    request.user = personas.counsellor_a
    template = Template("{% load employment %}{% employment_panel person %}")

    with_profile = template.render(RequestContext(request, {"person": unit_a.person}))
    request.user = personas.counsellor_b
    out_of_reach = template.render(RequestContext(request, {"person": unit_a.person}))

    assert unit_a.seeker.get_absolute_url() in with_profile
    assert unit_a.seeker.get_absolute_url() not in out_of_reach


def test_a_person_page_offers_a_job_seeker_profile_to_the_unit_only(personas, client):
    person = RegisteredPersonFactory(owner=personas.unit_a)

    client.force_login(personas.counsellor_a)
    own = client.get(f"/en/people/{person.pk}/").content.decode()
    client.force_login(personas.officer)
    officer = client.get(f"/ar/people/{person.pk}/").content.decode()

    assert f"/en/employment/people/{person.pk}/job-seeker/new/" in own
    assert f"/ar/employment/people/{person.pk}/job-seeker/new/" in officer
