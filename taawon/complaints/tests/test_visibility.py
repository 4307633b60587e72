"""Who reads which complaint: scoping, then the sensitivity rule (queries.py), the same on the
list, the page and the API."""

import pytest

from taawon.accounts.services import create_token
from taawon.employment.tests.factories import EmployerFactory

from .. import queries
from .factories import complaint, focal_point


@pytest.fixture
def world(personas):
    p = personas
    focal = focal_point(p.unit_a)
    focal_b = focal_point(p.unit_b, "focal_b")
    employer_of_focal = EmployerFactory(owner=p.unit_a, created_by=focal)
    return {
        "focal": focal,
        "focal_b": focal_b,
        "ordinary": complaint(p.unit_a),
        "abuse": complaint(p.unit_a, category="harassment"),
        "marked": complaint(p.unit_a, category="safety", sensitive=True),
        "abuse_at_focal_employer": complaint(
            p.unit_a, category="harassment", employer=employer_of_focal
        ),
        "names_counsellor": complaint(
            p.unit_a, category="service_quality", named_staff=p.counsellor_a
        ),
        "abuse_b": complaint(p.unit_b, category="harassment"),
        "ordinary_b": complaint(p.unit_b),
    }


def test_each_role_reads_what_the_sensitivity_rule_allows(personas, world):
    p = personas
    complaints = {k: v for k, v in world.items() if k not in ("focal", "focal_b")}

    def read_by(user) -> set[str]:
        ids = set(queries.complaints_for(user).values_list("pk", flat=True))
        return {name for name, c in complaints.items() if c.pk in ids}

    read = {
        name: read_by(user)
        for name, user in {
            "focal": world["focal"],
            "focal_b": world["focal_b"],
            "officer": p.officer,
            "counsellor_a": p.counsellor_a,
            "clerk_a": p.clerk_a,
            "viewer_a": p.viewer_a,
            "admin_a": p.admin_a,
            "admin": p.admin,
            "counsellor_b": p.counsellor_b,
            "ministry": p.ministry_officer,
            "aggregate": p.aggregate,
            "outsider": p.outsider,
        }.items()
    }
    unit_a_ordinary = {"ordinary", "names_counsellor"}
    assert read["focal"] == unit_a_ordinary | {"abuse", "marked"}
    assert read["focal_b"] == {"abuse_b", "ordinary_b"}
    # The country office reads every sensitive complaint of the country.
    assert read["officer"] == set(complaints)
    # Unit staff who are not focal points read none of the sensitive ones.
    assert read["counsellor_a"] == {"ordinary"}  # and not the one naming them
    assert read["clerk_a"] == unit_a_ordinary
    assert read["viewer_a"] == unit_a_ordinary
    assert read["admin_a"] == unit_a_ordinary
    # A system administrator without a focal point's or the country office's role neither.
    assert read["admin"] == unit_a_ordinary | {"ordinary_b"}
    assert read["counsellor_b"] == {"ordinary_b"}
    assert read["ministry"] == set()
    assert read["aggregate"] == set()
    assert read["outsider"] == set()


def test_a_focal_point_stops_reading_when_no_longer_designated(personas, world):
    from ..models import FocalPoint

    FocalPoint.objects.filter(user=world["focal"]).delete()
    visible = set(queries.complaints_for(world["focal"]).values_list("pk", flat=True))
    assert world["abuse"].pk not in visible
    assert world["ordinary"].pk in visible


def test_hidden_complaints_do_not_exist_on_the_page_or_the_api(client, personas, world):
    p = personas
    cases = [
        (p.counsellor_a, world["abuse"]),
        (p.counsellor_a, world["names_counsellor"]),
        (world["focal"], world["abuse_at_focal_employer"]),
        (world["focal"], world["abuse_b"]),
        (p.counsellor_b, world["ordinary"]),
    ]
    for user, hidden in cases:
        client.force_login(user)
        assert client.get(f"/en/complaints/{hidden.pk}/").status_code == 404
        assert client.get(f"/en/complaints/{hidden.pk}/step/").status_code == 404
        token = {"Authorization": f"Bearer {create_token(user=user)}"}
        assert client.get(f"/api/v1/complaints/{hidden.pk}", headers=token).status_code == 404
        listed = client.get("/api/v1/complaints", headers=token).json()["items"]
        assert hidden.pk not in {item["id"] for item in listed}
        page = client.get("/en/complaints/").content.decode()
        assert hidden.reference not in page


def test_the_focal_point_reads_a_sensitive_complaint_and_the_reading_is_audited(
    client, personas, world
):
    from taawon.core.models import AuditEvent

    client.force_login(world["focal"])
    response = client.get(f"/ar/complaints/{world['abuse'].pk}/")
    assert response.status_code == 200
    assert world["abuse"].reference in response.content.decode()
    assert AuditEvent.objects.filter(
        actor=world["focal"], action="view", object_id=str(world["abuse"].pk)
    ).exists()


def test_the_focal_points_home_page_lists_what_awaits_acknowledgement(client, personas, world):
    client.force_login(world["focal"])
    html = client.get("/ar/").content.decode()
    assert "complaints-awaiting" in html and world["abuse"].reference in html
    client.force_login(personas.counsellor_a)
    html = client.get("/en/").content.decode()
    assert "complaints-awaiting" not in html
