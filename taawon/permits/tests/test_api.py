import datetime

import pytest

from taawon.accounts.services import create_token

from ..models import Permit
from .factories import application, issued, submitted

URL = "/api/v1/permits"


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

    def put(self, path, body):
        return self.client.put(
            URL + path, body, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api(client, personas):
    return lambda user: Api(client, user)


@pytest.fixture
def permits(personas, world):
    khaled = issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        number="WP-A-1",
    )
    mariam = submitted(person=world.mariam, cooperative=world.coop_b, by=personas.counsellor_b)
    return khaled, mariam


def test_list_and_read_are_scoped(api, personas, permits):
    khaled, mariam = permits
    unit_a = api(personas.counsellor_a)
    body = unit_a.get("").json()
    assert [item["id"] for item in body["items"]] == [khaled.pk]
    assert body["next_offset"] is None
    assert unit_a.get(f"/{khaled.pk}").status_code == 200
    assert unit_a.get(f"/{mariam.pk}").status_code == 404
    assert api(personas.outsider).get("").status_code == 404


def test_the_ministry_reads_permits_but_not_the_persons(api, personas, world, permits):
    khaled, mariam = permits
    ministry = api(personas.ministry_officer)
    body = ministry.get("").json()
    assert {item["id"] for item in body["items"]} == {khaled.pk, mariam.pk}
    permit = ministry.get(f"/{khaled.pk}").json()
    assert set(permit["holder"]) == {
        "id",
        "name_ar",
        "name_en",
        "sex",
        "nationality",
        "identifier_kinds",
    }
    assert permit["holder"]["identifier_kinds"] == ["moi_card"]
    assert "MOI-1000001" not in str(permit) and world.khaled.phone not in str(permit)
    assert (
        ministry.client.get(
            f"/api/v1/persons/{world.khaled.pk}", headers=ministry.headers
        ).status_code
        == 404
    )


def test_filters(api, personas, permits):
    khaled, mariam = permits
    officer = api(personas.officer)
    assert [i["id"] for i in officer.get("", status="submitted").json()["items"]] == [mariam.pk]
    assert [i["id"] for i in officer.get("", q="wp-a-1 ").json()["items"]] == [khaled.pk]
    # The factory's permit ended in 2024: expired.
    assert [i["id"] for i in officer.get("", expired="true").json()["items"]] == [khaled.pk]
    assert officer.get("", status="nonsense").status_code == 422
    assert officer.get("", limit=0).status_code == 422


def test_the_whole_life_through_the_api(api, personas, world):
    unit = api(personas.counsellor_a)
    response = unit.post(
        "",
        {
            "person": world.khaled.pk,
            "cooperative": world.coop_a.pk,
            "sector": "agriculture",
            "documents": ["identity"],
        },
    )
    assert response.status_code == 201, response.json()
    permit = response.json()
    assert permit["status"] == "draft"
    assert permit["owner"] == personas.unit_a.pk
    assert permit["missing_documents"] == ["photo", "medical", "cooperative_letter"]
    pk = permit["id"]

    response = unit.post(f"/{pk}/submit")
    assert response.status_code == 400
    assert "documents" in response.json()["errors"]

    response = unit.put(
        f"/{pk}/documents", {"documents": ["identity", "photo", "medical", "cooperative_letter"]}
    )
    assert response.json()["missing_documents"] == []
    assert unit.post(f"/{pk}/submit", {"ministry_reference": "MOL-9"}).json()["status"] == (
        "submitted"
    )
    # Only the ministry records its decision.
    assert unit.post(f"/{pk}/issue", {}).status_code == 422
    decision = {
        "permit_number": "wp 77",
        "issued_on": "2024-01-10",
        "expires_on": "2025-01-09",
        "fee_paid": "10.000",
    }
    assert unit.post(f"/{pk}/issue", decision).status_code == 403
    ministry = api(personas.ministry_officer)
    response = ministry.post(f"/{pk}/issue", decision)
    assert response.status_code == 200, response.json()
    assert response.json()["permit_number"] == "WP77"
    assert response.json()["state"] == "expired" or response.json()["state"] == "issued"

    response = unit.post(f"/{pk}/renew", {})
    assert response.status_code == 201
    renewal = response.json()
    assert renewal["previous"] == pk
    response = unit.post(f"/{renewal['id']}/cancel", {"cancellation_reason": "Not needed"})
    assert response.json()["status"] == "cancelled"


def test_bad_input_gives_field_errors_and_writes_nothing(api, personas, world, writes_nothing):
    unit = api(personas.counsellor_a)
    with writes_nothing():
        response = unit.post(
            "",
            {
                "person": world.mariam.pk,  # another unit's
                "cooperative": world.coop_a.pk,
                "sector": "agriculture",
            },
        )
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"person"}
        response = unit.post(
            "",
            {
                "person": world.khaled.pk,
                "cooperative": world.coop_b.pk,
                "sector": "agriculture",
            },
        )
        assert set(response.json()["errors"]) == {"cooperative"}
        response = unit.post(
            "",
            {"person": world.khaled.pk, "cooperative": world.coop_a.pk, "sector": "fishing"},
        )
        assert response.status_code == 422
        assert "sector" in response.json()["errors"]
        response = unit.post(
            "",
            {
                "person": world.khaled.pk,
                "cooperative": world.coop_a.pk,
                "sector": "agriculture",
                "kind": "employer",
                "documents": ["moon"],
            },
        )
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"employer_name", "documents"}


def test_a_decision_with_bad_dates_writes_nothing(api, personas, permits, writes_nothing):
    _khaled, mariam = permits
    ministry = api(personas.ministry_officer)
    with writes_nothing():
        response = ministry.post(
            f"/{mariam.pk}/issue",
            {"permit_number": "X1", "issued_on": "2024-05-01", "expires_on": "2024-04-01"},
        )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"expires_on"}
    with writes_nothing():
        response = ministry.post(f"/{mariam.pk}/reject", {"rejection_reason": " "})
    assert set(response.json()["errors"]) == {"rejection_reason"}
    mariam.refresh_from_db()
    assert mariam.status == Permit.Status.SUBMITTED


@pytest.mark.parametrize(
    "method,path,body",
    [
        ("get", "/{pk}", None),
        ("put", "/{pk}/documents", {"documents": []}),
        ("post", "/{pk}/submit", {}),
        ("post", "/{pk}/renew", {}),
        ("post", "/{pk}/cancel", {"cancellation_reason": "x"}),
        (
            "post",
            "/{pk}/issue",
            {"permit_number": "Z", "issued_on": "2024-01-01", "expires_on": "2024-12-31"},
        ),
        ("post", "/{pk}/reject", {"rejection_reason": "x"}),
    ],
)
def test_a_user_of_another_cooperative_gets_404(api, personas, world, method, path, body):
    permit = application(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    other = api(personas.counsellor_b)
    url = path.format(pk=permit.pk)
    response = other.get(url) if method == "get" else getattr(other, method)(url, body)
    assert response.status_code == 404


def test_expiring_and_report(api, personas, world):
    today = datetime.date.today()
    near = issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        issued_on=today - datetime.timedelta(days=300),
        expires_on=today + datetime.timedelta(days=15),
    )
    unit_a, unit_b = api(personas.counsellor_a), api(personas.counsellor_b)
    assert [i["id"] for i in unit_a.get("/expiring", days=30).json()["items"]] == [near.pk]
    assert unit_a.get("/expiring", days=7).json()["items"] == []
    assert unit_b.get("/expiring", days=30).json()["items"] == []
    assert [i["id"] for i in unit_a.get("", expiring_within=20).json()["items"]] == [near.pk]

    start = (today - datetime.timedelta(days=400)).isoformat()
    report = unit_a.get("/report", start=start, end=today.isoformat(), national_total=4).json()
    assert report["total"] == 1
    assert report["by_sex"][0] == {"key": "male", "label": "Male", "count": 1, "share": "100.0"}
    assert report["share_of_national"] == "25.0"
    assert unit_b.get("/report", start=start, end=today.isoformat()).json()["total"] == 0
    response = unit_a.get("/report", start=today.isoformat(), end=start)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"end"}
    assert unit_a.get("/report", start="soon", end=start).status_code == 422


def test_the_openapi_document_describes_the_permits(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/permits",
        "/api/v1/permits/{permit_id}",
        "/api/v1/permits/{permit_id}/issue",
        "/api/v1/permits/expiring",
        "/api/v1/permits/report",
    ):
        assert path in paths
