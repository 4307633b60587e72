import pytest

from taawon.accounts.services import create_token
from taawon.people.models import Person

from ..awareness.models import AwarenessSession
from ..employers.models import Employer
from .factories import (
    AwarenessSessionFactory,
    FarmVisitFactory,
    JobSeekerFactory,
    PersonFactory,
    PlacementFactory,
    ReferralFactory,
    governorate,
)

URL = "/api/v1/employment"


class Api:
    def __init__(self, client, user):
        self.client = client
        self.headers = {"Authorization": f"Bearer {create_token(user=user)}"}

    def get(self, path, **params):
        return self.client.get(URL + path, params, headers=self.headers)

    def post(self, path, body=None):
        return self.client.post(
            URL + path, body or {}, content_type="application/json", headers=self.headers
        )

    def patch(self, path, body):
        return self.client.patch(
            URL + path, body, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api(client, personas):
    return lambda persona: Api(client, getattr(personas, persona))


@pytest.fixture
def records(personas, unit_a):
    referral = ReferralFactory(
        job_seeker=unit_a.seeker, vacancy=unit_a.vacancy, referred_by=personas.counsellor_a
    )
    return {
        "employer": unit_a.employer,
        "workplace": unit_a.workplace,
        "vacancy": unit_a.vacancy,
        "seeker": unit_a.seeker,
        "referral": referral,
        "placement": PlacementFactory(referral=referral, placed_by=personas.counsellor_a),
        "visit": FarmVisitFactory(
            employer=unit_a.employer, staff=[personas.counsellor_a], recorded_by=None
        ),
        "session": AwarenessSessionFactory(owner=personas.unit_a, recorded_by=None),
    }


RESOURCES = {
    "employer": "/employers/{}",
    "vacancy": "/vacancies/{}",
    "seeker": "/job-seekers/{}",
    "referral": "/referrals/{}",
    "placement": "/placements/{}",
    "visit": "/visits/{}",
    "session": "/awareness-sessions/{}",
}
LISTS = [
    "/employers",
    "/vacancies",
    "/job-seekers",
    "/referrals",
    "/placements",
    "/visits",
    "/awareness-sessions",
]


def test_the_openapi_document_describes_every_employment_resource(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    for collection in LISTS:
        assert {"get", "post"} <= set(paths[f"{URL}{collection}"]), collection
        item = next(p for p in paths if p.startswith(f"{URL}{collection}/{{"))
        assert {"get", "patch"} <= set(paths[item]), collection
    assert "follow_up_due" in str(paths[f"{URL}/placements"]["get"])


def test_a_counsellor_reads_every_record_of_the_unit(api, records):
    reader = api("counsellor_a")

    for name, path in RESOURCES.items():
        response = reader.get(path.format(records[name].pk))
        assert response.status_code == 200, name
        assert response.json()["id"] == records[name].pk


def test_a_counsellor_of_another_unit_gets_404_on_every_record_and_an_empty_list(api, records):
    other = api("counsellor_b")

    for name, path in RESOURCES.items():
        assert other.get(path.format(records[name].pk)).status_code == 404, name
        body = {"status": "interviewed"} if name == "referral" else {}
        assert other.patch(path.format(records[name].pk), body).status_code == 404, name
    for path in LISTS:
        assert other.get(path).json()["items"] == [], path
    assert other.post(f"/vacancies/{records['vacancy'].pk}/close").status_code == 404
    assert (
        other.post(
            f"/placements/{records['placement'].pk}/follow-ups",
            {"checkpoint": 1, "date": "2020-10-05", "still_employed": True},
        ).status_code
        == 404
    )


@pytest.mark.parametrize("persona", ["aggregate", "ministry_officer", "outsider"])
def test_users_without_employment_rights_list_nothing(api, records, persona):
    for path in LISTS:
        assert api(persona).get(path).json()["items"] == [], path


def test_lists_show_the_units_records_with_positions_filled(api, records):
    reader = api("counsellor_a")

    vacancies = reader.get("/vacancies", status="open", occupation="92").json()
    seekers = reader.get("/job-seekers", placed="true").json()

    assert [v["id"] for v in vacancies["items"]] == [records["vacancy"].pk]
    assert vacancies["items"][0]["filled"] == 1
    assert vacancies["items"][0]["occupation"] == "9211"
    assert [s["id"] for s in seekers["items"]] == [records["seeker"].pk]


def test_an_employer_and_a_workplace_are_created_and_changed(api, personas):
    writer = api("counsellor_a")

    created = writer.post(
        "/employers",
        {
            "kind": "farm",
            "name_ar": "مزرعة النخيل",
            "sector": "a",
            "phone": "0775550202",
            "governorate": governorate("JO-BA").pk,
        },
    )
    employer_id = created.json()["id"]
    workplace = writer.post(
        f"/employers/{employer_id}/workplaces",
        {"name": "Palm grove", "latitude": "32.2", "longitude": "35.6"},
    )
    changed = writer.patch(f"/employers/{employer_id}", {"size": "medium", "name_en": "Palms"})

    assert created.status_code == 201
    assert created.json()["phone"] == "+962775550202"
    assert created.json()["sector"] == "A"
    assert created.json()["owner"] == personas.unit_a.pk
    assert workplace.status_code == 201
    assert changed.json()["size"] == "medium"
    assert [w["name"] for w in changed.json()["workplaces"]] == ["Palm grove"]


def test_an_officer_names_the_unit_of_a_new_record(api, personas):
    body = {
        "kind": "business",
        "name_en": "Bakery",
        "sector": "C",
        "governorate": governorate("JO-IR").pk,
    }

    without = api("officer").post("/employers", body)
    with_unit = api("officer").post("/employers", {**body, "owner": personas.unit_b.pk})

    assert without.status_code == 400 and "owner" in without.json()["errors"]
    assert with_unit.status_code == 201
    assert Employer.objects.get(pk=with_unit.json()["id"]).owner == personas.unit_b


def vacancy_body(employer, **overrides):
    body = {
        "employer": employer.pk,
        "title": "Date pollinators",
        "occupation": "6112",
        "positions": 4,
        "start_date": "2020-03-01",
        "end_date": "2020-04-15",
        "wage": "18.5",
        "wage_period": "daily",
        "hours_per_day": "6",
        "skills": ["date_palm"],
        "work_permit_required": True,
        "permit_sector": "agriculture",
        "offers_transport": True,
    }
    body.update(overrides)
    return body


def test_a_vacancy_is_posted_changed_closed_and_reopened(api, records):
    writer = api("counsellor_a")

    created = writer.post("/vacancies", vacancy_body(records["employer"]))
    vacancy_id = created.json()["id"]
    changed = writer.patch(f"/vacancies/{vacancy_id}", {"positions": 6})
    closed = writer.post(f"/vacancies/{vacancy_id}/close")
    reopened = writer.post(f"/vacancies/{vacancy_id}/reopen")

    assert created.status_code == 201
    assert created.json()["wage"] == "18.500"
    assert created.json()["facilities"] == ["transport"]
    assert created.json()["filled"] == 0
    assert changed.json()["positions"] == 6
    assert closed.json()["status"] == "closed"
    assert reopened.json()["status"] == "open"


@pytest.mark.parametrize(
    "bad, field, status",
    [
        ({"end_date": "2020-02-01"}, "end_date", 400),
        ({"positions": 0}, "positions", 400),
        ({"positions": -1}, "positions", 400),
        ({"wage": "abc"}, "wage", 422),
        ({"occupation": "9999"}, "occupation", 400),
        ({"occupation": "611"}, "occupation", 400),
    ],
)
def test_a_bad_vacancy_gets_a_field_error_and_writes_nothing(
    api, records, writes_nothing, bad, field, status
):
    writer = api("counsellor_a")  # its token is audited: make it before the check
    with writes_nothing():
        response = writer.post("/vacancies", vacancy_body(records["employer"], **bad))

    assert response.status_code == status
    assert field in response.json()["errors"]


def test_a_vacancy_of_another_units_employer_is_a_field_error(api, records, writes_nothing):
    other = api("counsellor_b")
    with writes_nothing():
        response = other.post("/vacancies", vacancy_body(records["employer"]))

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["employer"]


def test_a_job_seeker_is_registered_and_counselled(api, personas):
    writer = api("counsellor_a")
    person = PersonFactory(owner=personas.unit_a)

    created = writer.post(
        "/job-seekers",
        {
            "person": person.pk,
            "occupations": ["9211", "9312"],
            "skills": ["harvesting"],
            "preferred_governorates": [governorate("JO-MA").pk],
            "expected_wage": "14",
            "needs_childcare": True,
        },
    )
    seeker_id = created.json()["id"]
    counselled = writer.post(
        f"/job-seekers/{seeker_id}/counselling",
        {"date": "2020-08-01", "topics": ["cv", "job_search"], "action_plan": "Visit farms"},
    )
    changed = writer.patch(f"/job-seekers/{seeker_id}", {"max_travel_km": 60})

    assert created.status_code == 201
    assert created.json()["occupations"] == ["9211", "9312"]
    assert created.json()["needs"] == ["childcare"]
    assert counselled.status_code == 201 and counselled.json()["topics"] == ["cv", "job_search"]
    assert changed.json()["max_travel_km"] == 60


def test_a_person_of_another_unit_cannot_be_registered_as_a_job_seeker(
    api, personas, writes_nothing
):
    person = PersonFactory(owner=personas.unit_b)
    writer = api("counsellor_a")

    with writes_nothing():
        response = writer.post("/job-seekers", {"person": person.pk, "occupations": ["9211"]})

    assert response.status_code == 400 and list(response.json()["errors"]) == ["person"]


def test_referral_placement_and_follow_ups_through_the_api(api, personas, unit_a):
    writer = api("counsellor_a")

    referral = writer.post(
        "/referrals",
        {"job_seeker": unit_a.seeker.pk, "vacancy": unit_a.vacancy.pk, "referred_on": "2020-09-01"},
    )
    interviewed = writer.patch(
        f"/referrals/{referral.json()['id']}", {"status": "interviewed", "on": "2020-09-02"}
    )
    placement = writer.post(
        "/placements",
        {
            "referral": referral.json()["id"],
            "start_date": "2020-09-05",
            "contract_type": "seasonal",
            "wage": "15",
            "wage_period": "daily",
        },
    )
    placement_id = placement.json()["id"]
    early = writer.post(
        f"/placements/{placement_id}/follow-ups",
        {"checkpoint": 1, "date": "2020-09-04", "still_employed": True},
    )
    left = writer.post(
        f"/placements/{placement_id}/follow-ups",
        {"checkpoint": 1, "date": "2020-10-05", "still_employed": False, "reason": "transport"},
    )
    changed = writer.patch(f"/placements/{placement_id}", {"end_date": "2020-10-04"})

    assert referral.status_code == 201
    assert interviewed.json()["status"] == "interviewed"
    assert placement.status_code == 201
    assert writer.get(f"/referrals/{referral.json()['id']}").json()["placement"] == placement_id
    assert early.status_code == 400 and list(early.json()["errors"]) == ["date"]
    assert left.status_code == 201 and left.json()["reason"] == "transport"
    assert changed.json()["end_date"] == "2020-10-04"
    assert changed.json()["follow_ups"][0]["still_employed"] is False


def test_a_placement_on_a_full_vacancy_is_refused(api, personas, records, writes_nothing):
    writer = api("counsellor_a")
    second = ReferralFactory(
        job_seeker=JobSeekerFactory(person=PersonFactory(owner=personas.unit_a)),
        vacancy=records["vacancy"],
    )
    writer.patch(f"/vacancies/{records['vacancy'].pk}", {"positions": 1})

    with writes_nothing():
        response = writer.post(
            "/placements",
            {
                "referral": second.pk,
                "start_date": "2020-09-05",
                "contract_type": "seasonal",
                "wage": "15",
                "wage_period": "daily",
            },
        )

    assert response.status_code == 400
    assert response.json()["errors"] == {"vacancy": ["Every position of this vacancy is filled."]}


def test_an_archived_persons_referral_is_refused(api, personas, unit_a, writes_nothing):
    Person.objects.filter(pk=unit_a.person.pk).update(status=Person.Status.ARCHIVED)
    writer = api("counsellor_a")

    with writes_nothing():
        response = writer.post(
            "/referrals", {"job_seeker": unit_a.seeker.pk, "vacancy": unit_a.vacancy.pk}
        )

    assert response.status_code == 400
    assert "archived" in response.json()["errors"]["job_seeker"][0]


def test_a_farm_visit_with_its_checklist_through_the_api(api, personas, unit_a):
    writer = api("counsellor_a")

    created = writer.post(
        "/visits",
        {
            "employer": unit_a.employer.pk,
            "workplace": unit_a.workplace.pk,
            "date": "2020-07-20",
            "purpose": "vacancy_collection",
            "osh_checklist": {"toilets": "no", "first_aid": "yes"},
        },
    )
    bad = writer.patch(f"/visits/{created.json()['id']}", {"osh_checklist": {"toilets": "maybe"}})

    assert created.status_code == 201
    assert created.json()["staff"] == [personas.counsellor_a.pk]
    assert created.json()["osh_checklist"] == {"toilets": "no", "first_aid": "yes"}
    assert bad.status_code == 400 and "osh_checklist" in bad.json()["errors"]


def test_an_awareness_session_with_participants_and_head_counts(api, personas):
    writer = api("counsellor_a")
    person = PersonFactory(owner=personas.unit_a)

    created = writer.post(
        "/awareness-sessions",
        {
            "topic": "work_permits",
            "date": "2020-06-15",
            "governorate": governorate("JO-MA").pk,
            "venue": "Cooperative hall",
            "facilitator": "Ministry of Labour inspector",
            "participants": [person.pk],
            "head_counts": [{"sex": "male", "nationality": "sy", "count": 20}],
        },
    )
    session_id = created.json()["id"]
    changed = writer.patch(
        f"/awareness-sessions/{session_id}",
        {"head_counts": [{"sex": "female", "nationality": "JO", "count": 3}]},
    )
    listed = writer.get("/awareness-sessions", topic="work_permits").json()

    assert created.status_code == 201
    assert created.json()["participants"] == [person.pk]
    assert created.json()["head_counts"] == [{"sex": "male", "nationality": "SY", "count": 20}]
    assert changed.json()["head_counts"] == [{"sex": "female", "nationality": "JO", "count": 3}]
    assert [s["id"] for s in listed["items"]] == [session_id]
    assert AwarenessSession.objects.get().owner == personas.unit_a


def test_an_awareness_session_cannot_name_a_person_out_of_reach(api, personas, writes_nothing):
    person = PersonFactory(owner=personas.unit_b)
    writer = api("counsellor_a")

    with writes_nothing():
        response = writer.post(
            "/awareness-sessions",
            {
                "topic": "osh",
                "date": "2020-06-15",
                "governorate": governorate("JO-MA").pk,
                "venue": "Hall",
                "facilitator": "Hiba",
                "participants": [person.pk],
            },
        )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["participants"]
