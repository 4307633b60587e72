import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taawon.core.models import AuditEvent

from ..models import Cooperative, MemberCount
from ..services import set_member_counts
from .factories import CooperativeFactory, DistrictFactory, GovernorateFactory

LIST = "/en/cooperatives/"


@pytest.fixture
def registry(personas):
    return {
        "a": CooperativeFactory(
            owner=personas.coop_a,
            name_en="Al-Khair Agricultural Cooperative",
            name_ar="جمعية الخير التعاونية الزراعية",
            registration_number="101/2012",
            value_chains=["vegetables"],
        ),
        "b": CooperativeFactory(
            owner=personas.coop_b,
            name_en="Women of the Valley",
            name_ar="جمعية نساء الغور",
            registration_number="202/2018",
        ),
        "office": CooperativeFactory(
            owner=personas.country_office,
            name_en="Olive Growers",
            name_ar="مزارعو الزيتون",
            registration_number="303/2001",
        ),
    }


def login(client, user):
    client.force_login(user)
    return client


def edit_data(cooperative, **overrides):
    data = {
        "registration_number": cooperative.registration_number,
        "name_ar": cooperative.name_ar,
        "name_en": cooperative.name_en,
        "type": cooperative.type,
        "status": cooperative.status,
        "governorate": cooperative.governorate_id,
        "district": "",
        "founding_date": "",
        "contact_person": "",
        "phone": cooperative.phone,
        "email": "",
        "address": "",
        "value_chains": ["dairy"],
    }
    data.update(overrides)
    return data


def test_the_list_shows_every_cooperative_of_the_country_with_both_names(
    client, personas, registry
):
    response = login(client, personas.counsellor_a).get(LIST)

    page = response.content.decode()
    assert response.status_code == 200
    for name in ["Women of the Valley", "جمعية نساء الغور", "Olive Growers", "101/2012"]:
        assert name in page
    assert "Vegetables" in page


def test_the_list_renders_right_to_left_in_arabic_with_the_arabic_name_first(
    client, personas, registry
):
    response = login(client, personas.counsellor_a).get("/ar/cooperatives/")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in page
    assert "الخضروات" in page
    assert page.index("جمعية الخير التعاونية الزراعية") < page.index(
        "Al-Khair Agricultural Cooperative"
    )


def test_live_search_answers_htmx_with_the_rows_only(client, personas, registry):
    response = login(client, personas.officer).get(
        LIST, {"q": "نساء"}, headers={"HX-Request": "true"}
    )

    page = response.content.decode()
    assert "<html" not in page
    assert 'id="cooperative-rows"' in page
    assert "Women of the Valley" in page
    assert "Olive Growers" not in page


def test_filters_and_search_apply_to_the_full_page(client, personas, registry):
    response = login(client, personas.officer).get(LIST, {"q": "303/2001", "status": "active"})

    page = response.content.decode()
    assert "Olive Growers" in page
    assert "Women of the Valley" not in page


def test_the_list_pages_and_keeps_the_filters_in_page_links(client, personas):
    for n in range(27):
        CooperativeFactory(owner=personas.coop_a, name_en=f"Cooperative {n:02d}")

    first = login(client, personas.officer).get(LIST, {"type": "agricultural"})
    second = client.get(LIST, {"type": "agricultural", "page": 2})

    assert "?type=agricultural&amp;page=2" in first.content.decode()
    assert "Cooperative 26" in second.content.decode()
    assert "Cooperative 00" not in second.content.decode()


def test_the_list_view_query_count_does_not_grow_with_rows(client, personas):
    login(client, personas.counsellor_a)
    CooperativeFactory(owner=personas.coop_a, district=DistrictFactory(), value_chains=["dairy"])
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(10):
        CooperativeFactory(
            owner=personas.coop_b, district=DistrictFactory(), value_chains=["dairy", "honey"]
        )

    with CaptureQueriesContext(connection) as many:
        client.get(LIST)

    assert len(many) == len(few)


@pytest.mark.parametrize("persona", ["outsider", "aggregate"])
def test_users_without_registry_rights_see_no_row_and_no_record(
    client, personas, registry, persona
):
    login(client, getattr(personas, persona))

    page = client.get(LIST).content.decode()
    assert "Al-Khair" not in page
    assert "Register a cooperative" not in page
    assert client.get(f"/en/cooperatives/{registry['a'].pk}/").status_code == 404


def test_the_detail_page_shows_members_value_chains_contact_and_history_link(
    client, personas, registry
):
    cooperative = registry["a"]
    set_member_counts(
        cooperative=cooperative,
        as_of=datetime.date(2024, 6, 30),
        counts={("female", "JO"): 12, ("male", "SY"): 7},
        recorded_by=personas.admin_a,
    )

    response = login(client, personas.counsellor_b).get(cooperative.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    for text in ["Jordan", "Syria", ">19<", "Vegetables", "+962791234567"]:
        assert text in page
    assert f"/en/cooperatives/{cooperative.pk}/history/" in page


def test_readers_without_change_reach_see_no_edit_buttons_and_get_404_on_changes(
    client, personas, registry
):
    login(client, personas.counsellor_a)
    for cooperative in (registry["b"], registry["office"]):
        base = f"/en/cooperatives/{cooperative.pk}"
        detail = client.get(f"{base}/").content.decode()

        assert f"{base}/edit/" not in detail
        assert client.get(f"{base}/edit/").status_code == 404
        assert client.post(f"{base}/edit/", edit_data(cooperative, name_en="X")).status_code == 404
        assert client.post(f"{base}/archive/").status_code == 404
        assert client.post(f"{base}/members/", {}).status_code == 404
        assert client.post(f"{base}/units/new/", {"name_en": "U"}).status_code == 404
    registry["b"].refresh_from_db()
    assert registry["b"].name_en == "Women of the Valley"
    assert not registry["b"].is_archived


def test_a_cooperative_administrator_edits_their_cooperative(client, personas, registry):
    cooperative = registry["a"]
    login(client, personas.admin_a)
    assert (
        f"/en/cooperatives/{cooperative.pk}/edit/"
        in client.get(cooperative.get_absolute_url()).content.decode()
    )

    response = client.post(
        f"/en/cooperatives/{cooperative.pk}/edit/",
        edit_data(cooperative, name_en="Al-Khair Cooperative", phone="0795555555"),
    )

    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert cooperative.name_en == "Al-Khair Cooperative"
    assert cooperative.phone == "+962795555555"
    assert [c.code for c in cooperative.value_chains.all()] == ["dairy"]


def test_the_edit_form_refreshes_districts_by_htmx_and_rejects_a_foreign_district(
    client, personas, registry
):
    cooperative = registry["a"]
    login(client, personas.admin_a)
    page = client.get(f"/en/cooperatives/{cooperative.pk}/edit/").content.decode()
    assert 'hx-get="/en/geo/districts/"' in page
    assert 'hx-target="#id_district"' in page

    foreign = DistrictFactory()
    response = client.post(
        f"/en/cooperatives/{cooperative.pk}/edit/", edit_data(cooperative, district=foreign.pk)
    )

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    cooperative.refresh_from_db()
    assert cooperative.district is None


def test_the_registration_form_renders_in_arabic_with_a_choice_of_owner(client, personas):
    login(client, personas.admin_a)

    page = client.get("/ar/cooperatives/new/").content.decode()

    assert 'dir="rtl"' in page
    assert 'hx-get="/ar/geo/districts/"' in page
    assert 'name="owner"' in page
    assert "الجمعية أ" in page
    assert "الخضروات" in page


def test_a_user_with_one_possible_owner_is_not_asked_for_it(client, personas):
    login(client, personas.counsellor_a)

    page = client.get("/en/cooperatives/new/").content.decode()

    assert 'name="owner"' not in page


def test_registering_from_the_form_creates_an_audited_cooperative(client, personas):
    district = DistrictFactory()
    login(client, personas.admin_a)

    response = client.post(
        "/ar/cooperatives/new/",
        {
            "owner": personas.coop_a.pk,
            "registration_number": "55/2019",
            "name_ar": "جمعية الأمل التعاونية",
            "name_en": "",
            "type": "multipurpose",
            "status": "active",
            "value_chains": ["dates", "honey"],
            "governorate": district.governorate_id,
            "district": district.pk,
            "founding_date": "2019-04-01",
            "phone": "0791234567",
        },
    )

    cooperative = Cooperative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ar/cooperatives/{cooperative.pk}/"
    assert cooperative.owner == personas.coop_a
    assert cooperative.district == district
    assert AuditEvent.objects.filter(
        object_type="cooperatives.cooperative", actor=personas.admin_a
    ).exists()


def test_the_form_shows_service_errors_on_their_fields_and_saves_nothing(client, personas):
    district = DistrictFactory()
    login(client, personas.counsellor_a)
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)

    response = client.post(
        "/en/cooperatives/new/",
        {
            "registration_number": "55/2019",
            "name_en": "Hope",
            "type": "multipurpose",
            "status": "active",
            "governorate": district.governorate_id,
            "founding_date": tomorrow.isoformat(),
            "phone": "12",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "The founding date cannot be in the future." in page
    assert "Enter a valid phone number" in page
    assert not Cooperative.objects.exists()


def test_viewers_cannot_register_cooperatives(client, personas):
    login(client, personas.viewer_a)

    assert "Register a cooperative" not in client.get(LIST).content.decode()
    assert client.get("/en/cooperatives/new/").status_code == 404
    assert client.post("/en/cooperatives/new/", {"name_en": "X"}).status_code == 404


def test_archiving_takes_a_cooperative_off_the_list(client, personas, registry):
    cooperative = registry["a"]
    login(client, personas.admin_a)

    response = client.post(f"/en/cooperatives/{cooperative.pk}/archive/")

    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert cooperative.is_archived
    assert "Al-Khair" not in client.get(LIST).content.decode()
    assert client.get(f"/en/cooperatives/{cooperative.pk}/edit/").status_code == 404
    assert client.post(f"/en/cooperatives/{cooperative.pk}/archive/").status_code == 404


def test_recording_members_by_nationality_and_sex(client, personas, registry):
    cooperative = registry["a"]
    login(client, personas.admin_a)
    assert client.get(f"/en/cooperatives/{cooperative.pk}/members/").status_code == 200

    response = client.post(
        f"/en/cooperatives/{cooperative.pk}/members/",
        {
            "as_of": "2024-12-31",
            "rows-TOTAL_FORMS": "3",
            "rows-INITIAL_FORMS": "0",
            "rows-0-nationality": "JO",
            "rows-0-women": "14",
            "rows-0-men": "30",
            "rows-1-nationality": "SY",
            "rows-1-women": "6",
            "rows-1-men": "",
            "rows-2-nationality": "",
        },
    )

    assert response.status_code == 302
    rows = set(MemberCount.objects.values_list("sex", "nationality", "count"))
    assert rows == {("female", "JO", 14), ("male", "JO", 30), ("female", "SY", 6)}


def test_a_nationality_given_twice_is_refused(client, personas, registry):
    cooperative = registry["a"]
    login(client, personas.admin_a)

    response = client.post(
        f"/en/cooperatives/{cooperative.pk}/members/",
        {
            "as_of": "2024-12-31",
            "rows-TOTAL_FORMS": "2",
            "rows-INITIAL_FORMS": "0",
            "rows-0-nationality": "JO",
            "rows-0-women": "1",
            "rows-1-nationality": "JO",
            "rows-1-men": "2",
        },
    )

    assert response.status_code == 200
    assert "Each nationality goes on one row only." in response.content.decode()
    assert not MemberCount.objects.exists()


def test_adding_an_employment_unit_from_the_detail_page(client, personas, registry):
    cooperative = registry["a"]
    login(client, personas.admin_a)

    response = client.post(
        f"/en/cooperatives/{cooperative.pk}/units/new/",
        {"name_en": "Al-Khair employment unit", "name_ar": "وحدة التشغيل"},
    )

    assert response.status_code == 302
    detail = client.get(cooperative.get_absolute_url()).content.decode()
    assert "Al-Khair employment unit" in detail


def test_the_history_page_lists_the_audited_changes(client, personas, registry):
    cooperative = registry["a"]
    login(client, personas.admin_a)
    client.post(
        f"/en/cooperatives/{cooperative.pk}/edit/", edit_data(cooperative, name_en="Renamed")
    )

    page = client.get(f"/ar/cooperatives/{cooperative.pk}/history/").content.decode()

    assert "Renamed" in page
    assert "admin_a" in page


def test_the_governorate_filter_offers_only_places_of_the_users_country(client, personas):
    GovernorateFactory(country="LB", name_en="Zgharta-test", name_ar="زغرتا")
    GovernorateFactory(country="JO", name_en="Jordan-test", name_ar="الأردن")

    page = login(client, personas.counsellor_a).get(LIST).content.decode()

    assert "Jordan-test" in page
    assert "Zgharta-test" not in page
