import datetime

import pytest

from taawon.accounts.services import create_token
from taawon.core.models import AuditEvent

from ..models import Cooperative
from ..services import set_member_counts
from .factories import CooperativeFactory, DistrictFactory

URL = "/api/v1/cooperatives"


class Api:
    def __init__(self, client, user):
        self.client = client
        self.headers = {"Authorization": f"Bearer {create_token(user=user)}"}

    def get(self, path="", **params):
        return self.client.get(URL + path, params, headers=self.headers)

    def post(self, path="", body=None):
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
def registry(personas):
    return {
        "a": CooperativeFactory(
            owner=personas.coop_a,
            name_en="Al-Khair Agricultural Cooperative",
            name_ar="جمعية الخير التعاونية الزراعية",
            value_chains=["vegetables", "dairy"],
        ),
        "b": CooperativeFactory(
            owner=personas.coop_b, name_en="Women of the Valley", name_ar="جمعية نساء الغور"
        ),
        "office": CooperativeFactory(
            owner=personas.country_office, name_en="Olive Growers", name_ar="مزارعو الزيتون"
        ),
    }


def new_cooperative(place, **overrides):
    body = {
        "registration_number": "88/2020",
        "name_ar": "جمعية الأمل التعاونية",
        "name_en": "Al-Amal Cooperative",
        "type": "multipurpose",
        "value_chains": ["honey", "dates"],
        "governorate": place.governorate_id,
        "district": place.pk,
        "founding_date": "2020-02-02",
        "phone": "0791234567",
        "email": "amal@example.org",
    }
    body.update(overrides)
    return body


def test_the_list_is_country_wide_filtered_and_paged_by_limit_and_offset(api, registry):
    counsellor = api("counsellor_a")

    first = counsellor.get(limit=2).json()
    second = counsellor.get(limit=2, offset=2).json()
    vegetables = counsellor.get(value_chain="vegetables").json()
    arabic = counsellor.get(q="نساء").json()

    assert len(first["items"]) == 2
    assert first["next_offset"] == 2
    assert len(second["items"]) == 1
    assert second["next_offset"] is None
    assert [c["name_en"] for c in vegetables["items"]] == ["Al-Khair Agricultural Cooperative"]
    assert vegetables["items"][0]["value_chains"] == ["dairy", "vegetables"]
    assert [c["name_en"] for c in arabic["items"]] == ["Women of the Valley"]


def test_a_bad_filter_is_a_422_with_the_field_named(api, registry):
    response = api("officer").get(type="banking", limit=1000)

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"type", "limit"}


@pytest.mark.parametrize("persona", ["outsider", "aggregate"])
def test_users_without_registry_rights_get_nothing(api, registry, persona):
    user = api(persona)

    assert user.get().json()["items"] == []
    assert user.get(f"/{registry['a'].pk}").status_code == 404


def test_reading_a_cooperative_includes_its_members_and_units(api, personas, registry):
    cooperative = registry["a"]
    cooperative.organisation = personas.coop_a
    cooperative.save()
    set_member_counts(
        cooperative=cooperative,
        as_of=datetime.date(2024, 3, 1),
        counts={("female", "SY"): 4, ("male", "JO"): 9},
        recorded_by=None,
    )

    body = api("counsellor_b").get(f"/{cooperative.pk}").json()

    assert body["name_ar"] == "جمعية الخير التعاونية الزراعية"
    assert body["owner"] == personas.coop_a.pk
    assert body["members"]["total"] == 13
    assert body["members"]["women"] == 4
    assert body["members"]["by_nationality"][0] == {
        "nationality": "JO",
        "women": 0,
        "men": 9,
        "total": 9,
    }
    assert body["employment_units"] == [personas.unit_a.pk]


def test_creating_with_a_single_possible_owner_needs_no_owner_field(api, personas):
    district = DistrictFactory()

    response = api("counsellor_a").post(body=new_cooperative(district))

    assert response.status_code == 201, response.json()
    body = response.json()
    cooperative = Cooperative.objects.get(pk=body["id"])
    assert cooperative.owner == personas.unit_a
    assert body["phone"] == "+962791234567"
    assert body["value_chains"] == ["dates", "honey"]
    assert body["country"] == "JO"
    assert (body["type"], body["status"]) == ("multipurpose", "active")
    assert AuditEvent.objects.filter(
        object_type="cooperatives.cooperative", object_id=str(cooperative.pk)
    ).exists()


def test_creating_requires_the_owner_when_several_are_possible(api, personas):
    district = DistrictFactory()
    admin_a = api("admin_a")

    missing = admin_a.post(body=new_cooperative(district))
    foreign = admin_a.post(body=new_cooperative(district, owner=personas.coop_b.pk))
    chosen = admin_a.post(body=new_cooperative(district, owner=personas.coop_a.pk))

    assert missing.status_code == 400
    assert "owner" in missing.json()["errors"]
    assert foreign.status_code == 400
    assert "owner" in foreign.json()["errors"]
    assert chosen.status_code == 201
    assert chosen.json()["owner"] == personas.coop_a.pk


def test_creating_with_bad_values_is_a_400_by_field_and_writes_nothing(api):
    district = DistrictFactory()
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()

    response = api("counsellor_a").post(
        body=new_cooperative(
            district,
            founding_date=tomorrow,
            phone="99",
            email="nope",
            district=DistrictFactory().pk,
            value_chains=["gold"],
        )
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {
        "founding_date",
        "phone",
        "email",
        "district",
        "value_chains",
    }
    assert not Cooperative.objects.exists()


def test_a_duplicate_registration_number_is_a_400(api, registry):
    district = DistrictFactory()

    response = api("officer").post(
        body=new_cooperative(
            district,
            owner=registry["b"].owner_id,
            registration_number=registry["a"].registration_number,
        )
    )

    assert response.status_code == 400
    assert "registration_number" in response.json()["errors"]


def test_creating_with_a_malformed_body_is_a_422(api):
    response = api("counsellor_a").post(body={"type": "banking", "governorate": "north"})

    assert response.status_code == 422
    assert {"type", "governorate", "registration_number"} <= set(response.json()["errors"])


def test_creating_with_an_unknown_governorate_is_a_400(api):
    response = api("counsellor_a").post(
        body=new_cooperative(DistrictFactory(), governorate=999999, district=None)
    )

    assert response.status_code == 400
    assert "governorate" in response.json()["errors"]


def test_users_who_may_not_change_the_registry_cannot_create(api):
    assert api("viewer_a").post(body=new_cooperative(DistrictFactory())).status_code == 403
    assert api("aggregate").post(body=new_cooperative(DistrictFactory())).status_code == 403


def test_patch_changes_only_the_fields_sent(api, registry):
    cooperative = registry["a"]

    response = api("admin_a").patch(
        f"/{cooperative.pk}", {"name_en": "Al-Khair Cooperative", "value_chains": ["honey"]}
    )

    assert response.status_code == 200, response.json()
    cooperative.refresh_from_db()
    assert cooperative.name_en == "Al-Khair Cooperative"
    assert cooperative.name_ar == "جمعية الخير التعاونية الزراعية"
    assert response.json()["value_chains"] == ["honey"]


def test_patch_with_a_bad_value_is_a_400_and_changes_nothing(api, registry):
    cooperative = registry["a"]

    response = api("admin_a").patch(f"/{cooperative.pk}", {"name_en": "X", "phone": "1"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["phone"]
    cooperative.refresh_from_db()
    assert cooperative.name_en == "Al-Khair Agricultural Cooperative"


def test_a_counsellor_cannot_patch_or_archive_cooperatives_of_others(api, registry):
    counsellor = api("counsellor_a")

    for cooperative in (registry["b"], registry["office"]):
        assert counsellor.get(f"/{cooperative.pk}").status_code == 200
        assert counsellor.patch(f"/{cooperative.pk}", {"name_en": "X"}).status_code == 404
        assert counsellor.post(f"/{cooperative.pk}/archive").status_code == 404
    registry["b"].refresh_from_db()
    assert registry["b"].name_en == "Women of the Valley"


def test_archiving_through_the_api(api, registry):
    response = api("admin_a").post(f"/{registry['a'].pk}/archive")

    assert response.status_code == 200
    assert response.json()["is_archived"] is True
    assert api("admin_a").get(archived="true").json()["items"][0]["id"] == registry["a"].pk


def test_value_chains_are_listed_in_both_languages(api):
    chains = api("counsellor_a").get("/value-chains").json()["items"]

    assert len(chains) == 12
    assert chains[0] == {"code": "vegetables", "name_en": "Vegetables", "name_ar": "الخضروات"}


def test_the_openapi_document_describes_the_cooperatives_resource(client):
    document = client.get("/api/v1/openapi.json").json()

    assert "/api/v1/cooperatives" in document["paths"]
    assert "patch" in document["paths"]["/api/v1/cooperatives/{cooperative_id}"]
