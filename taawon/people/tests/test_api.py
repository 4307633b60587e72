"""/api/v1/persons: the same registry over HTTP, with 4xx JSON errors for bad input."""

import json

import pytest

from taawon.accounts.services import create_token
from taawon.core.api_pages import MAX_LIMIT
from taawon.people import rules
from taawon.people.models import DuplicateDecision, Person

from .factories import PersonFactory

API = "/api/v1/persons"
NATIONAL_ID = "9871234567"


@pytest.fixture
def api(client):
    class Api:
        def __init__(self):
            self.headers = {}

        def as_user(self, user):
            self.headers = {"Authorization": f"Bearer {create_token(user=user)}"}
            return self

        def get(self, path="", **params):
            return client.get(API + path, params, headers=self.headers)

        def send(self, method, path="", body=None, content_type="application/json"):
            data = body if isinstance(body, str | bytes) else json.dumps(body or {})
            return getattr(client, method)(
                API + path, data, content_type=content_type, headers=self.headers
            )

        def post(self, body, path=""):
            return self.send("post", path, body)

        def patch(self, path, body):
            return self.send("patch", path, body)

    return Api()


def new_person(**changes) -> dict:
    body = {
        "given_name_ar": "سعاد",
        "family_name_ar": "الحمدان",
        "given_name_en": "Suad",
        "family_name_en": "Al-Hamdan",
        "sex": "female",
        "date_of_birth": "1991-04-12",
        "nationality": "SY",
        "displacement_status": "refugee",
        "phone": "0791234567",
        "identifiers": {"national_id": NATIONAL_ID},
    }
    body.update(changes)
    return body


@pytest.fixture
def mine(personas):
    return PersonFactory(
        owner=personas.unit_a,
        given_name_en="Mohammad",
        family_name_en="Al-Khalil",
        given_name_ar="محمد",
        family_name_ar="الخليل",
        father_name_ar="",
        father_name_en="",
        sex="male",
        birth_year=1990,
    )


@pytest.fixture
def theirs(personas):
    return PersonFactory(owner=personas.unit_b, given_name_en="Layla", given_name_ar="ليلى")


def test_registering_returns_201_with_identifier_kinds_only(personas, api):
    response = api.as_user(personas.counsellor_a).post(new_person())

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["identifiers"] == ["national_id"]
    assert body["owner"] == personas.unit_a.pk
    assert body["phone"] == "+962791234567"
    assert NATIONAL_ID not in response.content.decode()
    assert Person.objects.get(pk=body["id"]).given_name_en == "Suad"


def test_the_list_is_scoped_paginated_and_searchable(personas, api, mine, theirs):
    PersonFactory.create_batch(3, owner=personas.unit_a)

    own = api.as_user(personas.counsellor_a).get(limit=2).json()
    assert len(own["items"]) == 2 and own["next_offset"] == 2
    rest = api.get(limit=2, offset=own["next_offset"]).json()
    assert len(rest["items"]) == 2 and rest["next_offset"] is None
    ids = {p["id"] for p in own["items"] + rest["items"]}
    assert theirs.pk not in ids and mine.pk in ids
    assert [p["id"] for p in api.get(q="Mohammed").json()["items"]] == [mine.pk]
    everyone = api.as_user(personas.officer).get(limit=100).json()["items"]
    assert theirs.pk in {p["id"] for p in everyone}


def test_a_page_holds_at_most_the_api_s_largest_page(personas, api):
    response = api.as_user(personas.counsellor_a).get(limit=MAX_LIMIT + 1)

    assert response.status_code == 422
    assert "limit" in response.json()["errors"]


def test_getting_a_person(personas, api, mine):
    response = api.as_user(personas.counsellor_a).get(f"/{mine.pk}")

    assert response.status_code == 200
    assert response.json()["given_name_ar"] == "محمد"


def test_each_person_carries_the_actions_of_its_reader(personas, api, mine):
    everything = ["change", "archive", "record_consent", "reveal"]
    counsellor = api.as_user(personas.counsellor_a)
    assert counsellor.get(f"/{mine.pk}").json()["actions"] == everything
    assert counsellor.get().json()["items"][0]["actions"] == everything
    clerk = api.as_user(personas.clerk_a).get(f"/{mine.pk}").json()
    assert clerk["actions"] == ["change", "archive", "record_consent"]
    assert api.as_user(personas.viewer_a).get(f"/{mine.pk}").json()["actions"] == []
    officer = api.as_user(personas.officer).get().json()["items"][0]
    assert officer["actions"] == rules.person_actions(personas.officer, mine)


@pytest.mark.parametrize("method", ["get", "patch"])
def test_another_units_person_is_a_404(personas, api, theirs, method):
    api.as_user(personas.counsellor_a)
    if method == "get":
        response = api.get(f"/{theirs.pk}")
    else:
        response = api.patch(f"/{theirs.pk}", {"phone": "0797777777"})

    assert response.status_code == 404
    assert set(response.json()) >= {"detail", "errors"}
    assert Person.objects.get(pk=theirs.pk).phone == ""


def test_patching_changes_only_what_is_sent(personas, api, mine):
    response = api.as_user(personas.counsellor_a).patch(
        f"/{mine.pk}", {"phone": "0797777777", "identifiers": {"passport": "N123"}}
    )

    assert response.status_code == 200, response.content
    mine.refresh_from_db()
    assert mine.phone == "+962797777777"
    assert mine.given_name_en == "Mohammad"
    assert response.json()["identifiers"] == ["passport"]


@pytest.mark.parametrize("who", ["viewer_a", "ministry_officer", "aggregate"])
def test_users_who_may_not_change_cannot_write(personas, api, mine, who):
    api.as_user(getattr(personas, who))

    created = api.post(new_person())
    patched = api.patch(f"/{mine.pk}", {"phone": "0797777777"})

    assert created.status_code in (403, 404)
    assert patched.status_code in (403, 404)
    assert Person.objects.count() == 1


def test_an_invalid_phone_is_a_field_error(personas, api):
    response = api.as_user(personas.counsellor_a).post(new_person(phone="12345"))

    assert response.status_code == 400
    assert "phone" in response.json()["errors"]
    assert not Person.objects.exists()


def test_a_schema_error_is_a_422_with_the_field(personas, api):
    response = api.as_user(personas.counsellor_a).post(new_person(date_of_birth="not a date"))

    assert response.status_code == 422
    assert "date_of_birth" in response.json()["errors"]


def test_malformed_json_is_a_400(personas, api):
    response = api.as_user(personas.counsellor_a).send("post", body="{not json")

    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_body_that_is_not_json_is_a_415(personas, api):
    response = api.as_user(personas.counsellor_a).send(
        "post", body="sex=female", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 415


def test_an_oversized_body_is_a_413(personas, api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = api.as_user(personas.counsellor_a).post(new_person(family_name_en="x" * 2000))

    assert response.status_code == 413


def test_possible_duplicates_are_a_409_until_confirmed_new(personas, api, mine):
    api.as_user(personas.counsellor_a)
    body = new_person(
        given_name_ar="",
        family_name_ar="",
        given_name_en="Mohamed",
        family_name_en="Elkhalil",
        sex="male",
        date_of_birth=None,
        birth_year=1990,
        phone="",
        identifiers={},
    )

    conflict = api.post(body)
    created = api.post({**body, "duplicate_decision": "new"})

    assert conflict.status_code == 409
    payload = conflict.json()
    assert payload["code"] == "possible_duplicates"
    assert payload["errors"] == {}
    (candidate,) = payload["candidates"]
    assert candidate["person"] == mine.pk and candidate["may_view"] is True
    assert {r["code"] for r in candidate["reasons"]} >= {"same_birth_year"}
    assert created.status_code == 201
    assert DuplicateDecision.objects.get().person_id == created.json()["id"]


def test_a_candidate_out_of_reach_shows_no_names(personas, api):
    PersonFactory(
        owner=personas.unit_b,
        given_name_en="Mohammad",
        family_name_en="Al-Khalil",
        given_name_ar="محمد",
        family_name_ar="الخليل",
        father_name_ar="",
        father_name_en="",
        sex="male",
        birth_year=1990,
    )

    response = api.as_user(personas.counsellor_a).post(
        new_person(
            given_name_ar="",
            family_name_ar="",
            given_name_en="Muhammad",
            family_name_en="Al Khalil",
            sex="male",
            date_of_birth=None,
            birth_year=1990,
            identifiers={},
        )
    )

    assert response.status_code == 409
    (candidate,) = response.json()["candidates"]
    assert candidate["may_view"] is False
    assert candidate["organisation"] == "Unit B"
    assert "Khalil" not in response.content.decode()
    assert "الخليل" not in response.content.decode()


def test_an_officer_over_several_organisations_names_the_owner(personas, api):
    api.as_user(personas.officer)

    missing = api.post(new_person())
    foreign = api.post(new_person(owner=999_999))
    created = api.post(new_person(owner=personas.unit_b.pk))

    assert missing.status_code == 400 and "owner" in missing.json()["errors"]
    assert foreign.status_code == 400 and "owner" in foreign.json()["errors"]
    assert created.status_code == 201
    assert created.json()["owner"] == personas.unit_b.pk


def test_a_counsellor_cannot_register_for_another_unit(personas, api):
    response = api.as_user(personas.counsellor_a).post(new_person(owner=personas.unit_b.pk))

    assert response.status_code == 400
    assert not Person.objects.exists()


def test_no_token_is_a_401(api):
    assert api.get().status_code == 401
