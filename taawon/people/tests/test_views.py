"""The registry's pages, in English and Arabic, for users of each role."""

import pytest
from django.urls import reverse
from django.utils import translation

from taawon.core.models import AuditEvent
from taawon.core.testing import PASSWORD
from taawon.people.models import DuplicateDecision, Person

from .factories import PersonFactory, governorate

NATIONAL_ID = "9871234567"


def url(name: str, *args, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse(f"people:{name}", args=args)


@pytest.fixture
def login(client):
    def as_user(user):
        client.logout()
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return as_user


@pytest.fixture
def mine(personas):
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
        identifiers={"national_id": NATIONAL_ID},
    )


@pytest.fixture
def theirs(personas):
    return PersonFactory(
        owner=personas.unit_b,
        given_name_en="Layla",
        family_name_en="Haddad",
        given_name_ar="ليلى",
        family_name_ar="حداد",
        sex="female",
        birth_year=1985,
        phone="+962795555555",
    )


def form_data(**changes) -> dict:
    data = {
        "given_name_ar": "سعاد",
        "family_name_ar": "الحمدان",
        "given_name_en": "Suad",
        "family_name_en": "Al-Hamdan",
        "sex": "female",
        "date_of_birth": "1991-04-12",
        "nationality": "SY",
        "displacement_status": "refugee",
        "phone": "0791234567",
        "identifier_national_id": "",
    }
    data.update(changes)
    return data


# ---- List ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "direction"), [("en", 'dir="ltr"'), ("ar", 'dir="rtl"')])
def test_the_list_shows_own_units_persons_in_both_languages(
    personas, login, mine, theirs, lang, direction
):
    response = login(personas.counsellor_a).get(url("person_list", lang=lang))

    assert response.status_code == 200
    html = response.content.decode()
    assert direction in html
    assert "محمد الخليل" in html
    assert "Layla" not in html
    assert 'hx-trigger="input changed delay:400ms' in html


def test_a_live_search_returns_only_the_rows(personas, login, mine):
    response = login(personas.counsellor_a).get(
        url("person_list"), {"q": "Mohammed"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "<html" not in html
    assert "محمد الخليل" in html


def test_the_list_filters_and_searches(personas, login, mine, theirs):
    client = login(personas.officer)

    html = client.get(url("person_list"), {"q": "layla"}).content.decode()
    assert "Haddad" in html and "Al-Khalil" not in html
    html = client.get(url("person_list"), {"sex": "male"}).content.decode()
    assert "Al-Khalil" in html and "Haddad" not in html
    html = client.get(url("person_list"), {"governorate": "banana"}).content.decode()
    assert "Al-Khalil" in html  # a malformed filter is ignored, not a 500


def test_the_list_page_costs_the_same_queries_for_more_rows(
    personas, login, django_assert_max_num_queries
):
    client = login(personas.counsellor_a)
    PersonFactory.create_batch(3, owner=personas.unit_a)
    with django_assert_max_num_queries(100) as few:
        client.get(url("person_list"))
    PersonFactory.create_batch(12, owner=personas.unit_a)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("person_list"))

    assert response.content.decode().count("<tr>") == 16  # header + 15 rows


def test_users_without_registry_rights_get_a_404(personas, login):
    assert login(personas.aggregate).get(url("person_list")).status_code == 404
    assert login(personas.ministry_officer).get(url("person_create")).status_code == 404


# ---- Detail, reveal, history --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_detail_page_shows_both_scripts_and_masks_identifiers(personas, login, mine, lang):
    response = login(personas.counsellor_a).get(url("person_detail", mine.pk, lang=lang))

    html = response.content.decode()
    assert response.status_code == 200
    assert "محمد الخليل" in html and "Mohammad Al-Khalil" in html
    assert NATIONAL_ID not in html
    assert url("identifier_reveal", mine.pk, mine.identifiers.get().pk, lang=lang) in html
    assert url("person_edit", mine.pk, lang=lang) in html
    if lang == "ar":
        assert 'dir="rtl"' in html


def test_revealing_an_identifier_shows_it_and_audits(personas, login, mine):
    identifier = mine.identifiers.get()

    response = login(personas.counsellor_a).post(
        url("identifier_reveal", mine.pk, identifier.pk), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert NATIONAL_ID in response.content.decode()
    assert AuditEvent.objects.filter(action="reveal", object_id=str(identifier.pk)).exists()


def test_a_viewer_reads_but_sees_no_change_or_reveal_buttons(personas, login, mine):
    client = login(personas.viewer_a)

    html = client.get(url("person_detail", mine.pk)).content.decode()

    assert "Mohammad Al-Khalil" in html
    assert url("person_edit", mine.pk) not in html
    assert url("person_archive", mine.pk) not in html
    assert "identifiers/" not in html
    assert client.get(url("person_edit", mine.pk)).status_code == 404
    assert client.post(url("person_archive", mine.pk)).status_code == 404
    assert client.post(url("person_create"), form_data()).status_code == 404
    reveal = url("identifier_reveal", mine.pk, mine.identifiers.get().pk)
    assert client.post(reveal).status_code == 403
    assert Person.objects.get(pk=mine.pk).status == "active"


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("person_detail", "get"),
        ("person_edit", "get"),
        ("person_edit", "post"),
        ("person_archive", "post"),
        ("person_restore", "post"),
        ("person_history", "get"),
        ("consent_add", "post"),
    ],
)
def test_another_units_person_is_a_404(personas, login, theirs, name, method):
    client = login(personas.counsellor_a)

    response = getattr(client, method)(url(name, theirs.pk))

    assert response.status_code == 404
    assert Person.objects.get(pk=theirs.pk).status == "active"


def test_another_units_identifier_cannot_be_revealed(personas, login, theirs):
    PersonFactory(owner=personas.unit_b, identifiers={"passport": "N1"})
    identifier = Person.objects.get(identifiers__kind="passport").identifiers.get()

    response = login(personas.counsellor_a).post(
        url("identifier_reveal", identifier.person_id, identifier.pk)
    )

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="reveal").exists()


def test_the_history_page_shows_changes_with_identifiers_masked(personas, login, mine):
    client = login(personas.counsellor_a)
    client.post(url("identifier_reveal", mine.pk, mine.identifiers.get().pk))
    client.post(url("person_edit", mine.pk), form_data(given_name_en="Mohamed"))

    html = client.get(url("person_history", mine.pk)).content.decode()

    assert "Al-Hamdan" in html  # the edit's new value
    assert "•••" in html
    assert NATIONAL_ID not in html
    assert "viewed a sensitive identifier" in html


# ---- Create, duplicates, edit, archive ----------------------------------------------------


def test_registering_a_person_redirects_to_the_record(personas, login):
    response = login(personas.counsellor_a).post(
        url("person_create"),
        form_data(identifier_national_id=NATIONAL_ID, governorate=governorate("JO-AM").pk),
    )

    person = Person.objects.get(given_name_en="Suad")
    assert response.status_code == 302
    assert response.url == person.get_absolute_url()
    assert person.owner == personas.unit_a
    assert person.identifiers.get().kind == "national_id"


def test_service_errors_land_on_their_fields(personas, login):
    response = login(personas.counsellor_a).post(
        url("person_create"), form_data(phone="12", given_name_ar="", given_name_en="")
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "phone" in form.errors and "given_name_en" in form.errors
    assert not Person.objects.exists()


def test_the_arabic_form_has_right_to_left_arabic_inputs(personas, login):
    html = login(personas.counsellor_a).get(url("person_create", lang="ar")).content.decode()

    assert 'dir="rtl"' in html
    assert 'name="given_name_ar"' in html
    assert 'lang="ar"' in html
    assert reverse("geo:district_options").removeprefix("/en") in html


def duplicate_of_mine(**changes):
    return form_data(
        given_name_ar="",
        family_name_ar="",
        given_name_en="Mohamed",
        family_name_en="Elkhalil",
        sex="male",
        date_of_birth="",
        birth_year="1990",
        phone="",
        **changes,
    )


def test_a_possible_duplicate_shows_the_candidate_and_both_choices(personas, login, mine):
    response = login(personas.counsellor_a).post(url("person_create"), duplicate_of_mine())

    html = response.content.decode()
    assert response.status_code == 200
    assert Person.objects.count() == 1
    assert "محمد الخليل" in html
    assert "Same year of birth" in html
    assert f'name="same_as" value="{mine.pk}"' in html
    assert 'name="decision" value="new"' in html


def test_register_as_new_after_the_prompt(personas, login, mine):
    response = login(personas.counsellor_a).post(
        url("person_create"), duplicate_of_mine(decision="new")
    )

    new = Person.objects.get(given_name_en="Mohamed")
    assert response.status_code == 302
    assert DuplicateDecision.objects.get(person=new).candidate == mine


def test_same_person_registers_nothing_and_opens_the_record(personas, login, mine):
    response = login(personas.counsellor_a).post(
        url("person_create"), duplicate_of_mine(same_as=mine.pk)
    )

    assert response.status_code == 302
    assert response.url == mine.get_absolute_url()
    assert Person.objects.count() == 1
    decision = DuplicateDecision.objects.get()
    assert (decision.person, decision.candidate, decision.decision) == (None, mine, "same")


def test_a_candidate_of_another_unit_is_shown_without_its_names(personas, login, theirs):
    client = login(personas.counsellor_a)
    data = form_data(
        given_name_en="Leila",
        family_name_en="Hadad",
        given_name_ar="",
        family_name_ar="",
        date_of_birth="",
        birth_year="1985",
        phone="0795555555",
    )

    html = client.post(url("person_create"), data).content.decode()
    assert "Unit B" in html
    assert "ليلى" not in html and "Haddad" not in html
    response = client.post(url("person_create"), {**data, "same_as": theirs.pk})

    assert "Unit B" in response.content.decode()
    assert "Haddad" not in response.content.decode()
    assert Person.objects.count() == 1


def test_editing_saves_and_reports_errors(personas, login, mine):
    client = login(personas.counsellor_a)

    bad = client.post(url("person_edit", mine.pk), form_data(phone="abc"))
    good = client.post(url("person_edit", mine.pk), form_data(phone="0797777777"))

    assert "phone" in bad.context["form"].errors
    assert good.status_code == 302
    mine.refresh_from_db()
    assert mine.phone == "+962797777777"
    assert mine.identifiers.count() == 1  # an empty identifier field keeps the number


def test_archive_asks_then_archives_and_restore_brings_back(personas, login, mine):
    client = login(personas.counsellor_a)

    confirm = client.get(url("person_archive", mine.pk))
    assert confirm.status_code == 200 and Person.objects.get(pk=mine.pk).status == "active"
    client.post(url("person_archive", mine.pk), {"note": "moved"})
    assert Person.objects.get(pk=mine.pk).status == "archived"
    client.post(url("person_restore", mine.pk))
    assert Person.objects.get(pk=mine.pk).status == "active"


def test_recording_a_consent(personas, login, mine):
    response = login(personas.counsellor_a).post(
        url("consent_add", mine.pk), {"purpose": "sms", "given": "no", "date": "2024-05-01"}
    )

    assert response.status_code == 302
    consent = mine.consents.get()
    assert (consent.purpose, consent.given) == ("sms", False)
