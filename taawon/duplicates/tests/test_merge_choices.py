"""A merge in which the reviewer keeps fields from either record, and its exact undo; the
reasons of a pair in words, on the page and in the API."""

import datetime
import json

import pytest
from django.forms.models import model_to_dict

from taawon.accounts.services import create_token
from taawon.core.exceptions import ValidationFailed
from taawon.duplicates import services
from taawon.people.models import Consent, Person
from taawon.people.tests.factories import district_of

from .factories import ConsentFactory, governorate, khaled, pair_of

MAFRAQ = "JO-MA"


def state(person: Person) -> dict:
    """Everything a person record holds of its own, and its name keys."""
    person.refresh_from_db()
    values = model_to_dict(person, exclude=["id"])
    values["name_keys"] = sorted(person.name_keys.values_list("key", flat=True))
    return values


@pytest.fixture
def arabic_only_and_both(personas):
    """The survivor was registered with an Arabic name only; the other in both scripts, with
    another phone, date of birth, district and education."""
    place = governorate(MAFRAQ)
    kept = khaled(
        personas.unit_a,
        personas.counsellor_a,
        given_name_en="",
        father_name_en="",
        family_name_en="",
        governorate=place,
        district=district_of(place),
    )
    other = khaled(
        personas.unit_a,
        personas.counsellor_a,
        given_name_ar="خالد",
        phone="+962795550000",
        date_of_birth=datetime.date(1990, 4, 3),
        education_level="vocational",
        governorate=place,
        district=district_of(place),
    )
    return kept, other


def test_the_survivor_takes_a_value_it_lacks_and_keeps_its_own_unless_told(
    personas, arabic_only_and_both
):
    kept, other = arabic_only_and_both
    services.merge_pair(
        pair=pair_of(kept, other), survivor=kept, performed_by=personas.counsellor_a
    )
    kept.refresh_from_db()
    assert kept.name_en == "Khaled Ibrahim Al-Zoubi"  # it had none: not lost
    assert kept.name_ar == "خالد إبراهيم الزعبي"
    assert kept.phone == "+962791234567"  # its own, by default
    assert kept.date_of_birth == datetime.date(1990, 3, 4)
    assert kept.education_level == "vocational"  # empty on the survivor
    assert "t:khaled" in set(kept.name_keys.values_list("key", flat=True))


def test_a_merge_with_choices_then_undo_gives_back_the_survivor_exactly(
    personas, arabic_only_and_both
):
    kept, other = arabic_only_and_both
    before = state(kept)
    other_before = state(other)
    merge = services.merge_pair(
        pair=pair_of(kept, other),
        survivor=kept,
        performed_by=personas.counsellor_a,
        keep={"phone": other.pk, "birth": other.pk, "name_ar": kept.pk},
    )
    kept.refresh_from_db()
    assert kept.phone == "+962795550000"
    assert kept.date_of_birth == datetime.date(1990, 4, 3)
    assert kept.name_en == "Khaled Ibrahim Al-Zoubi"
    assert merge.moves["keep"] == {"phone": other.pk, "birth": other.pk, "name_ar": kept.pk}
    assert merge.moves["values_before"]["phone"] == "+962791234567"

    services.undo_merge(merge=merge, performed_by=personas.counsellor_a)
    after = state(kept)
    for volatile in ("updated_by",):
        before.pop(volatile), after.pop(volatile)
    assert after == before
    other_after = state(other)
    other_before.pop("updated_by"), other_after.pop("updated_by")
    assert other_after == other_before


def test_keeping_the_survivor_s_own_value_wins_over_the_fill_in(personas, arabic_only_and_both):
    kept, other = arabic_only_and_both
    services.merge_pair(
        pair=pair_of(kept, other),
        survivor=kept,
        performed_by=personas.counsellor_a,
        keep={"name_en": kept.pk},
    )
    kept.refresh_from_db()
    assert kept.name_en == ""


def test_a_choice_outside_the_pair_or_an_unknown_field_is_refused(personas, arabic_only_and_both):
    kept, other = arabic_only_and_both
    pair = pair_of(kept, other)
    for keep in ({"phone": 999999}, {"salary": kept.pk}):
        with pytest.raises(ValidationFailed) as refused:
            services.merge_pair(
                pair=pair, survivor=kept, performed_by=personas.counsellor_a, keep=keep
            )
        assert "keep" in refused.value.field_errors
    assert Person.objects.get(pk=other.pk).status == Person.Status.ACTIVE


def test_consents_are_one_per_purpose_after_a_merge_keeping_the_latest_decision(personas):
    kept = khaled(personas.unit_a, personas.counsellor_a)
    other = khaled(personas.unit_a, personas.counsellor_a, phone="+962795550000")
    day = datetime.date(2025, 1, 10)
    ConsentFactory(person=kept, date=day, recorded_by=personas.counsellor_a)
    same_again = ConsentFactory(person=other, date=day, recorded_by=personas.counsellor_a)
    ConsentFactory(person=kept, purpose="sms", given=True, date=day, recorded_by=None)
    sms_refused_later = ConsentFactory(
        person=other,
        purpose="sms",
        given=False,
        date=datetime.date(2025, 3, 1),
        recorded_by=personas.counsellor_a,
    )
    photos = ConsentFactory(person=other, purpose="photos", date=day, recorded_by=None)

    merge = services.merge_pair(
        pair=pair_of(kept, other), survivor=kept, performed_by=personas.counsellor_a
    )
    registration = kept.consents.filter(purpose=Consent.Purpose.REGISTRATION)
    assert registration.count() == 1
    assert same_again.pk not in set(kept.consents.values_list("pk", flat=True))
    latest_sms = kept.consents.filter(purpose="sms").order_by("-date").first()
    assert latest_sms.pk == sms_refused_later.pk and latest_sms.given is False
    assert photos.pk in set(kept.consents.values_list("pk", flat=True))
    assert merge.moves["kept"]["people.consent"]["person"] == [same_again.pk]

    services.undo_merge(merge=merge, performed_by=personas.counsellor_a)
    assert set(other.consents.values_list("pk", flat=True)) == {
        same_again.pk,
        sms_refused_later.pk,
        photos.pk,
    }


def test_the_pair_page_offers_each_differing_field_and_the_merge_keeps_the_pick(
    personas, login, url, arabic_only_and_both
):
    kept, other = arabic_only_and_both
    pair = pair_of(kept, other)
    client = login(personas.counsellor_a)
    page = client.get(url("pair_detail", pair.pk)).content.decode()
    assert 'name="keep_phone"' in page and 'name="keep_name_en"' in page
    assert 'name="keep_sex"' not in page  # the same on both
    assert "+962795550000" in page
    # Only the other record has a Latin name: its radio is checked already.
    assert f'id="id_keep_name_en-{other.pk}" value="{other.pk}" checked' in page

    choice = {"survivor": kept.pk, "keep_phone": other.pk, "keep_name_en": other.pk}
    asked = client.post(url("pair_merge", pair.pk), choice)
    assert asked.status_code == 200  # what the merge will do, to confirm
    kept.refresh_from_db()
    assert kept.phone != "+962795550000"
    confirmed = {**choice, "confirm": asked.context["token"]}
    response = client.post(url("pair_merge", pair.pk), confirmed)
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.phone == "+962795550000"
    assert kept.name_en == "Khaled Ibrahim Al-Zoubi"


def test_the_api_takes_the_same_choices(personas, client, arabic_only_and_both):
    kept, other = arabic_only_and_both
    pair = pair_of(kept, other)
    headers = {"Authorization": f"Bearer {create_token(user=personas.counsellor_a)}"}

    def merge(body):
        return client.post(
            f"/api/v1/duplicates/pairs/{pair.pk}/merge",
            json.dumps(body),
            content_type="application/json",
            headers=headers,
        )

    refused = merge({"survivor": kept.pk, "keep": {"phone": 12345678}})
    assert refused.status_code == 400 and "keep" in refused.json()["errors"]
    done = merge({"survivor": kept.pk, "keep": {"phone": other.pk}})
    assert done.status_code == 201
    assert done.json()["keep"] == {"phone": other.pk}
    assert Person.objects.get(pk=kept.pk).phone == "+962795550000"


# ---- Reasons in words ----------------------------------------------------------------------


@pytest.fixture
def fatima(personas):
    place = governorate(MAFRAQ)
    values = {
        "given_name_ar": "فاطمة",
        "family_name_ar": "الخالدي",
        "given_name_en": "",
        "father_name_en": "",
        "family_name_en": "",
        "father_name_ar": "",
        "sex": "female",
        "governorate": place,
        "district": district_of(place),
    }
    first = khaled(personas.unit_a, personas.counsellor_a, **values)
    second = khaled(personas.unit_a, personas.counsellor_a, **{**values, "given_name_ar": "فاطمه"})
    return pair_of(first, second), district_of(place)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_pair_page_says_the_reasons_in_words_with_the_names_as_recorded(
    personas, login, url, fatima, lang
):
    pair, district = fatima
    page = login(personas.counsellor_a).get(url("pair_detail", pair.pk, lang=lang))
    page = page.content.decode()
    name = district.name_ar if lang == "ar" else district.name_en
    if lang == "en":
        assert f"Same district: {name}" in page
    assert name in page
    assert f">{district.pk}<" not in page
    # Each record's own spelling, each in its own direction, not the normalised key twice.
    assert '<bdi dir="auto">فاطمة</bdi>' in page
    assert '<bdi dir="auto">فاطمه</bdi>' in page
    assert '<bdi dir="ltr">+962791234567</bdi>' in page  # a phone reads left to right


def test_the_api_keeps_the_codes_and_adds_the_words(personas, client, fatima):
    pair, district = fatima
    headers = {"Authorization": f"Bearer {create_token(user=personas.counsellor_a)}"}
    body = client.get(f"/api/v1/duplicates/pairs/{pair.pk}", headers=headers).json()
    by_code = {r["code"]: r for r in body["reasons"]}
    assert by_code["same_district"]["text"] == f"Same district: {district.name_en}"
    assert by_code["same_district"]["detail"] == str(district.pk)  # the machine's, kept
    names = [r for r in body["reasons"] if r["code"] in ("same_name", "same_given_name")]
    assert names and names[0]["values"][0][0] != names[0]["values"][1][0]
