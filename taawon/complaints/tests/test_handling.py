"""Case handling: steps with their history, what each status opens to whom, overdue
acknowledgement, focal points, and the same through the API."""

import datetime

import pytest
from django.utils import timezone

from taawon.accounts.services import create_token
from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed

from .. import queries, rules, services
from ..models import Complaint, ComplaintStep, FocalPoint
from .factories import complaint, focal_point


def test_a_complaint_goes_from_received_to_closed_with_its_history(personas):
    c = complaint(personas.unit_a)
    by = personas.counsellor_a
    assert rules.allowed_actions(by, c) == [
        "acknowledge",
        "start",
        "refer",
        "resolve",
        "close",
        "note",
    ]
    services.take_step(complaint=c, action="acknowledge", by=by, note="Called back")
    services.take_step(complaint=c, action="refer", by=by, service="legal_aid")
    services.take_step(complaint=c, action="resolve", by=by, note="Wages paid")
    closed = services.take_step(
        complaint=c, action="close", by=by, person_informed=True, satisfaction=4
    )
    assert closed.status == "closed" and closed.person_informed and closed.satisfaction == 4
    assert closed.referred_to == "legal_aid" and closed.acknowledged_at is not None
    assert closed.days_to_close == 0
    steps = list(queries.steps_of(closed))
    assert [s.status for s in steps] == [
        "received",
        "acknowledged",
        "referred",
        "resolved",
        "closed",
    ]
    assert steps[1].by == by and steps[1].note == "Called back"
    assert rules.allowed_actions(by, closed) == []
    with pytest.raises(Conflict):
        services.take_step(complaint=closed, action="note", by=by, note="late")


@pytest.mark.parametrize(
    "action, extra, field",
    [
        ("refer", {}, "service"),
        ("refer", {"service": "astrology"}, "service"),
        ("close", {}, "person_informed"),
        ("close", {"person_informed": True, "satisfaction": 6}, "satisfaction"),
        ("close", {"person_informed": True, "satisfaction": 0}, "satisfaction"),
        ("note", {"note": "  "}, "note"),
        ("explode", {}, "action"),
    ],
)
def test_a_step_with_bad_input_is_refused_with_nothing_written(personas, action, extra, field):
    c = complaint(personas.unit_a)
    with pytest.raises(ValidationFailed) as refused:
        services.take_step(complaint=c, action=action, by=personas.counsellor_a, **extra)
    assert field in refused.value.field_errors
    c.refresh_from_db()
    assert c.status == "received" and ComplaintStep.objects.filter(complaint=c).count() == 1


def test_who_may_take_steps(personas):
    c = complaint(personas.unit_a)
    for user in (personas.viewer_a, personas.clerk_a, personas.counsellor_b, personas.outsider):
        assert rules.allowed_actions(user, c) == []
        with pytest.raises(PermissionDenied):
            services.take_step(complaint=c, action="acknowledge", by=user)
    assert rules.allowed_actions(personas.officer, c)


def test_an_unacknowledged_complaint_is_overdue_after_the_set_days(personas, settings):
    settings.COMPLAINTS_ACKNOWLEDGE_DAYS = 2
    old = complaint(personas.unit_a, received_at=timezone.now() - datetime.timedelta(days=3))
    fresh = complaint(personas.unit_a)
    overdue = queries.complaint_list(personas.counsellor_a, overdue=True)
    assert list(overdue) == [old]
    services.take_step(complaint=old, action="start", by=personas.counsellor_a)
    assert not queries.complaint_list(personas.counsellor_a, overdue=True).exists()
    assert fresh.acknowledge_by - fresh.received_at == datetime.timedelta(days=2)


def test_recording_in_person_is_for_the_units_staff(personas):
    with pytest.raises(PermissionDenied):
        services.record_complaint(
            owner=personas.unit_b,
            category="safety",
            description="x",
            recorded_by=personas.counsellor_a,
        )
    with pytest.raises(ValidationFailed) as refused:
        services.record_complaint(
            owner=personas.unit_a,
            category="safety",
            description="x",
            complainant_kind="anonymous",
            contact_name="Ali",
            recorded_by=personas.counsellor_a,
        )
    assert "complainant_kind" in refused.value.field_errors
    assert not Complaint.objects.exists()


def test_the_step_page_records_a_step(client, personas):
    c = complaint(personas.unit_a)
    client.force_login(personas.counsellor_a)
    page = client.get(f"/ar/complaints/{c.pk}/step/?action=refer")
    assert page.status_code == 200
    response = client.post(
        f"/en/complaints/{c.pk}/step/", {"action": "refer", "service": "", "note": ""}
    )
    assert response.status_code == 200 and "service" in response.context["form"].errors
    response = client.post(
        f"/en/complaints/{c.pk}/step/", {"action": "refer", "service": "protection"}
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.status == "referred"


def test_the_record_page_gives_the_reference_and_pin(client, personas):
    client.force_login(personas.counsellor_a)
    assert client.get("/ar/complaints/new/").status_code == 200
    response = client.post(
        "/en/complaints/new/",
        {
            "owner": personas.unit_a.pk,
            "complainant_kind": "worker",
            "contact_name": "Huda",
            "category": "safety",
            "language": "ar",
            "description": "لا توجد مياه شرب في الموقع",
        },
        follow=True,
    )
    c = Complaint.objects.get()
    assert c.channel == "in_person" and c.created_by == personas.counsellor_a
    assert c.reference in response.content.decode()
    # Anyone else's unit is not offered, and refused when sent.
    response = client.post(
        "/en/complaints/new/",
        {
            "owner": personas.unit_b.pk,
            "complainant_kind": "worker",
            "category": "safety",
            "language": "ar",
            "description": "x",
        },
    )
    assert "owner" in response.context["form"].errors
    assert Complaint.objects.count() == 1


def test_a_sensitive_complaint_recorded_by_a_counsellor_leaves_their_sight(client, personas):
    client.force_login(personas.counsellor_a)
    response = client.post(
        "/en/complaints/new/",
        {
            "owner": personas.unit_a.pk,
            "complainant_kind": "anonymous",
            "category": "harassment",
            "language": "ar",
            "description": "تحرش",
        },
    )
    assert response.status_code == 302 and response.url == "/en/complaints/"
    assert Complaint.objects.get().sensitive


def test_focal_points_are_designated_by_the_units_managers(client, personas):
    client.force_login(personas.counsellor_a)
    assert client.get("/en/complaints/focal-points/").status_code == 404
    client.force_login(personas.admin_a)
    assert client.get("/ar/complaints/focal-points/").status_code == 200
    response = client.post(
        "/en/complaints/focal-points/",
        {"owner": personas.unit_a.pk, "user": personas.counsellor_a.pk},
    )
    assert response.status_code == 302
    focal = FocalPoint.objects.get()
    assert (focal.owner, focal.user) == (personas.unit_a, personas.counsellor_a)
    # Not a staff member of unit A: refused on the field.
    response = client.post(
        "/en/complaints/focal-points/",
        {"owner": personas.unit_a.pk, "user": personas.counsellor_b.pk},
    )
    assert "user" in response.context["form"].errors
    assert FocalPoint.objects.count() == 1
    # Unit B's are out of reach.
    other = focal_point(personas.unit_b, "focal_b")
    other_row = FocalPoint.objects.get(user=other)
    assert client.post(f"/en/complaints/focal-points/{other_row.pk}/remove/").status_code == 404
    assert client.post(f"/en/complaints/focal-points/{focal.pk}/remove/").status_code == 302
    assert not FocalPoint.objects.filter(pk=focal.pk).exists()


# ---- API ------------------------------------------------------------------------------------


@pytest.fixture
def api(client):
    class Api:
        def __init__(self, user):
            self.headers = {"Authorization": f"Bearer {create_token(user=user)}"}

        def get(self, path="", **params):
            return client.get("/api/v1/complaints" + path, params, headers=self.headers)

        def post(self, path, body):
            return client.post(
                "/api/v1/complaints" + path,
                body,
                content_type="application/json",
                headers=self.headers,
            )

    return Api


def test_the_api_records_lists_and_steps_a_complaint(api, personas):
    unit_a = api(personas.counsellor_a)
    created = unit_a.post(
        "",
        {
            "owner_id": personas.unit_a.pk,
            "category": "wages_unpaid",
            "description": "Unpaid",
            "language": "en",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert len(body["pin"]) == 6 and body["complaint"]["actions"][0] == "acknowledge"
    pk = body["complaint"]["id"]
    listed = unit_a.get().json()["items"]
    assert [item["id"] for item in listed] == [pk]
    stepped = unit_a.post(f"/{pk}/steps", {"action": "acknowledge", "note": "seen"})
    assert stepped.status_code == 200 and stepped.json()["status"] == "acknowledged"
    assert [s["status"] for s in stepped.json()["steps"]] == ["received", "acknowledged"]
    assert unit_a.post(f"/{pk}/steps", {"action": "refer"}).status_code == 400
    assert api(personas.counsellor_b).get(f"/{pk}").status_code == 404
    assert api(personas.viewer_a).post(f"/{pk}/steps", {"action": "start"}).status_code == 403
    assert api(personas.outsider).get().status_code == 404


@pytest.mark.parametrize(
    "change, field",
    [
        ({"owner_id": -1}, "owner_id"),
        ({"category": "bribery"}, "category"),
        ({"description": ""}, "description"),
        ({"person_id": 987654321}, "person_id"),
        ({"employer_id": 987654321}, "employer_id"),
        ({"named_staff_id": 987654321}, "named_staff_id"),
        ({"contact_phone": "12"}, "contact_phone"),
    ],
)
def test_the_api_refuses_bad_input_on_its_field(api, personas, change, field):
    body = {"owner_id": personas.unit_a.pk, "category": "safety", "description": "x", **change}
    response = api(personas.counsellor_a).post("", body)
    assert response.status_code in (400, 422), response.content
    assert field in response.json()["errors"]
    assert not Complaint.objects.exists()


def test_the_api_refuses_another_units_owner(api, personas):
    response = api(personas.counsellor_a).post(
        "", {"owner_id": personas.unit_b.pk, "category": "safety", "description": "x"}
    )
    assert response.status_code == 400 and "owner_id" in response.json()["errors"]
