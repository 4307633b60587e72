"""Bad input is refused cleanly, on SQLite and PostgreSQL alike: integers past 64 bits in
filters, path ids and id lists, NUL and bidirectional overrides in text, implausible dates,
and over-long lists give a 404 or a 4xx with field errors, never a 500."""

from __future__ import annotations

import json

import pytest

from taawon.accounts.services import create_token
from taawon.core.lookups import register_lookups
from taawon.employment.tests.conftest import build_unit
from taawon.lib.text import strip_controls
from taawon.people.models import Person

HUGE = 2**70
NEGATIVE_HUGE = -(2**70)


@pytest.fixture
def api(client, personas):
    headers = {"Authorization": f"Bearer {create_token(user=personas.counsellor_a)}"}

    class Api:
        def get(self, path, **params):
            return client.get("/api/v1" + path, params, headers=headers)

        def post(self, path, body):
            return client.post(
                "/api/v1" + path, json.dumps(body), content_type="application/json", headers=headers
            )

    return Api()


@pytest.fixture
def unit(personas):
    return build_unit(personas.unit_a, personas.counsellor_a)


def new_person(**changes) -> dict:
    return {
        "given_name_ar": "سعاد",
        "family_name_ar": "الحمدان",
        "given_name_en": "Suad",
        "family_name_en": "Al-Hamdan",
        "sex": "female",
        "date_of_birth": "1991-04-12",
        "nationality": "SY",
        "displacement_status": "refugee",
        "phone": "0791234567",
        **changes,
    }


# ---- Integers past 64 bits ------------------------------------------------------------------


@pytest.mark.parametrize("value", [HUGE, NEGATIVE_HUGE])
def test_a_huge_id_in_a_filter_is_no_server_error(api, unit, value):
    for path, name in [
        ("/persons", "governorate"),
        ("/persons", "owner"),
        ("/employment/vacancies", "employer"),
        ("/employment/job-seekers", "governorate"),
        ("/permits", "cooperative"),
    ]:
        response = api.get(path, **{name: value})
        assert response.status_code in (200, 404, 422), (path, name, response.content[:300])


def test_a_huge_path_id_is_a_404(api, unit, client, personas):
    for path in ("/persons/", "/employment/vacancies/", "/employment/job-seekers/", "/permits/"):
        assert api.get(f"{path}{HUGE}").status_code == 404, path
    client.force_login(personas.counsellor_a)
    assert client.get(f"/en/people/{HUGE}/").status_code == 404
    assert client.get(f"/en/employment/vacancies/{HUGE}/").status_code == 404


def test_a_huge_id_in_an_id_list_is_a_field_error(api, unit, personas):
    body = {
        "topic": "labour_rights",
        "date": "2020-03-01",
        "governorate": unit.person.governorate_id or 1,
        "venue": "Hall",
        "facilitator": "Rana",
        "participants": [unit.person.pk, HUGE],
    }
    response = api.post("/employment/awareness-sessions", body)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response.json()["errors"]


def test_the_database_lookups_match_nothing_for_an_out_of_range_id(personas):
    register_lookups()  # idempotent: what CoreConfig.ready() did
    person = Person.objects.create(
        owner=personas.unit_a, given_name_ar="س", family_name_ar="ح", sex="female"
    )
    assert list(Person.objects.filter(pk__in=[person.pk, HUGE])) == [person]
    assert not Person.objects.filter(owner=HUGE).exists()
    assert not Person.objects.filter(owner__in=[HUGE, NEGATIVE_HUGE]).exists()
    assert not Person.objects.filter(pk=HUGE).exists()


# ---- NUL, bidirectional overrides and control characters ------------------------------------


def test_a_nul_in_api_text_is_a_field_error(api, personas):
    response = api.post("/persons", new_person(family_name_en="Al-\x00Hamdan"))
    assert response.status_code == 422
    assert "family_name_en" in response.json()["errors"]
    assert not Person.objects.filter(given_name_en="Suad").exists()


def test_a_nul_in_a_query_string_is_a_field_error(api, personas):
    response = api.get("/persons", q="Suad\x00")
    assert response.status_code == 422
    assert "q" in response.json()["errors"]


def test_a_nul_in_a_form_is_a_field_error(client, personas):
    client.force_login(personas.counsellor_a)
    response = client.get("/en/people/", {"q": "Suad\x00"})
    assert response.status_code in (200, 400)
    response = client.post(
        "/en/people/new/",
        {"given_name_ar": "سعاد\x00", "family_name_ar": "الحمدان", "sex": "female"},
    )
    assert response.status_code == 200
    assert "given_name_ar" in response.context["form"].errors


def test_bidi_overrides_and_controls_are_removed_from_names_sent_to_the_api(api, personas):
    response = api.post(
        "/persons",
        new_person(given_name_en="\u202eSuad\u202c", family_name_en="Al\u2066-Hamdan\x07"),
    )
    assert response.status_code == 201, response.content[:500]
    person = Person.objects.get(pk=response.json()["id"])
    assert person.given_name_en == "Suad"
    assert person.family_name_en == "Al-Hamdan"


def test_bidi_overrides_are_removed_from_names_typed_into_a_form(client, personas):
    client.force_login(personas.counsellor_a)
    client.post(
        "/en/people/new/",
        {
            "given_name_ar": "\u202eسعاد",
            "family_name_ar": "الحمدان",
            "given_name_en": "Suad\u2067",
            "family_name_en": "Al-Hamdan",
            "sex": "female",
            "date_of_birth": "12/04/1991",
            "nationality": "SY",
            "displacement_status": "refugee",
            "duplicate_decision": "new",
        },
    )
    person = Person.objects.get(family_name_en="Al-Hamdan")
    assert person.given_name_ar == "سعاد"
    assert person.given_name_en == "Suad"
    page = client.get(f"/en/people/{person.pk}/").content.decode()
    assert "\u202e" not in page and "\u2067" not in page


def test_the_text_cleaning_keeps_the_marks_arabic_typing_uses():
    text = "\u200fمحمد\u200e Ali\u200c\tx\ny"
    assert strip_controls(text) == text
    assert strip_controls("a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i\u2069") == (
        "abcdefghi"
    )
    assert strip_controls("a\x01\x1f\x7f\x85\x9fb") == "ab"


# ---- Dates and lists ------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_implausible_vacancy_date_is_a_field_error(api, unit, day):
    body = {
        "employer": unit.employer.pk,
        "title": "Date pollinators",
        "occupation": "6112",
        "positions": 4,
        "start_date": day,
        "wage": "18.5",
        "wage_period": "daily",
        "hours_per_day": "6",
    }
    response = api.post("/employment/vacancies", body)
    assert response.status_code == 422, response.content[:300]
    assert "start_date" in response.json()["errors"]


@pytest.mark.parametrize("day", ["1899-12-31", "2999-01-01"])
def test_an_implausible_birth_date_is_a_field_error(api, personas, day):
    response = api.post("/persons", new_person(date_of_birth=day))
    assert response.status_code in (400, 422), response.content[:300]
    assert "date_of_birth" in response.json()["errors"]


def test_an_over_long_list_is_a_field_error(api, unit):
    body = {
        "topic": "labour_rights",
        "date": "2020-03-01",
        "governorate": 1,
        "venue": "Hall",
        "facilitator": "Rana",
        "participants": list(range(1, 1002)),
    }
    response = api.post("/employment/awareness-sessions", body)
    assert response.status_code == 422
    assert "participants" in response.json()["errors"]
