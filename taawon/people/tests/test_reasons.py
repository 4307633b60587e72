"""The duplicate matcher's reasons in words: place names in the reader's language, each
record's values as recorded, and nothing of a record out of reach."""

import pytest
from django.urls import reverse
from django.utils import translation

from taawon.core.testing import PASSWORD
from taawon.people import services
from taawon.people.models import Person
from taawon.people.reasons import explain

from .factories import PersonFactory, district_of, governorate


@pytest.fixture
def mafraq(db):
    place = governorate("JO-MA")
    return place, district_of(place)


def test_a_place_reason_names_the_place_in_the_reader_s_language(mafraq):
    place, district = mafraq
    first = Person(governorate=place, district=district)
    second = Person(governorate=place, district=district)
    reason = {"code": "same_district", "points": 1.0, "detail": str(district.pk)}
    with translation.override("en"):
        assert explain(reason, first, second).text == f"Same district: {district.name_en}"
    with translation.override("ar"):
        assert district.name_ar in explain(reason, first, second).text
        assert str(district.pk) not in explain(reason, first, second).text


def test_a_name_reason_holds_each_record_s_spelling_of_that_part():
    first = Person(given_name_ar="فاطمة", family_name_ar="الخالدي", given_name_en="Fatima")
    second = Person(given_name_ar="فاطمه", family_name_ar="الخالدي")
    reason = {"code": "similar_name", "points": 1.2, "detail": "given: فاطمه ~ فاطمه"}
    with translation.override("en"):
        shown = explain(reason, first, second)
    assert shown.text == "Similar name (given name)"
    assert shown.sides == (("فاطمة", "Fatima"), ("فاطمه",))
    private = explain(reason, first, second, private=True)
    assert private.sides is None and private.detail == ""


def test_a_number_one_digit_apart_names_its_kind_never_the_numbers():
    first, second = Person(), Person()
    reason = {"code": "similar_identifier", "points": 4.0, "detail": "national_id"}
    with translation.override("en"):
        shown = explain(reason, first, second)
    assert shown.label == "Identity document number one digit apart (a typo?)"
    assert shown.text == "Number one digit apart: National ID"


@pytest.fixture
def mine(personas, mafraq):
    place, district = mafraq
    return PersonFactory(
        owner=personas.unit_a,
        given_name_ar="محمد",
        family_name_ar="الخليل",
        given_name_en="Mohammad",
        family_name_en="Al-Khalil",
        father_name_ar="",
        father_name_en="",
        sex="male",
        birth_year=1990,
        governorate=place,
        district=district,
    )


def newcomer(district, **changes) -> dict:
    data = {
        "given_name_en": "Mohamed",
        "family_name_en": "Elkhalil",
        "sex": "male",
        "birth_year": "1990",
        "nationality": "SY",
        "displacement_status": "refugee",
        "governorate": str(district.governorate_id),
        "district": str(district.pk),
    }
    data.update(changes)
    return data


def test_the_registration_warning_says_the_reasons_in_words(personas, client, mine, mafraq):
    _place, district = mafraq
    assert client.login(username=personas.counsellor_a.username, password=PASSWORD)
    with translation.override("en"):
        html = client.post(reverse("people:person_create"), newcomer(district)).content.decode()
    assert "Same year of birth" in html
    assert f"Same district: {district.name_en}" in html
    # The name being registered and the registered one, each as typed, each in its direction.
    assert '<bdi dir="auto">Mohamed Elkhalil</bdi>' in html
    assert '<bdi dir="auto">Mohammad Al-Khalil</bdi>' in html


def test_the_api_candidates_keep_the_codes_and_add_the_words(personas, mine, mafraq):
    _place, district = mafraq
    (candidate,) = services.check_duplicates(
        owner=personas.unit_a, data=newcomer(district), user=personas.counsellor_a
    )
    with translation.override("en"):
        reasons = {r["code"]: r for r in candidate.as_dict()["reasons"]}
    assert reasons["same_district"]["text"] == f"Same district: {district.name_en}"
    assert reasons["same_district"]["detail"] == str(district.pk)
    out_of_reach = services.check_duplicates(
        owner=personas.unit_b, data=newcomer(district), user=personas.counsellor_b
    )
    (hidden,) = out_of_reach
    with translation.override("en"):
        body = hidden.as_dict()
    assert all("values" not in r and "detail" not in r for r in body["reasons"])
    assert all(district.name_en not in r["text"] for r in body["reasons"])
