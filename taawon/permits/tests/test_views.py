import datetime

import pytest
from django.urls import reverse

from taawon.core.models import AuditEvent

from ..models import Permit
from .factories import application, issued, person, submitted


def url(name, *args):
    return reverse(f"permits:{name}", args=args)


@pytest.fixture
def permits(personas, world):
    """An issued permit of Khaled (unit A), a submitted application of Mariam (unit B)."""
    khaled = issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        number="WP-A-1",
    )
    mariam = submitted(person=world.mariam, cooperative=world.coop_b, by=personas.counsellor_b)
    return khaled, mariam


def test_the_list_shows_the_units_own_permits_only(client, personas, permits):
    khaled, mariam = permits
    client.force_login(personas.counsellor_a)
    response = client.get(url("permit_list"))
    assert response.status_code == 200
    assert khaled.get_absolute_url() in response.text
    assert mariam.get_absolute_url() not in response.text


def test_the_list_filters_and_answers_htmx_with_the_rows_only(client, personas, permits):
    khaled, mariam = permits
    client.force_login(personas.officer)
    response = client.get(
        url("permit_list"), {"status": "submitted"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert mariam.get_absolute_url() in response.text
    assert khaled.get_absolute_url() not in response.text
    assert "<form" not in response.text
    response = client.get(url("permit_list"), {"q": "wp-a-1"})
    assert khaled.get_absolute_url() in response.text
    assert mariam.get_absolute_url() not in response.text


def test_a_bad_filter_is_ignored_with_a_message_and_no_500(client, personas, permits):
    client.force_login(personas.officer)
    response = client.get(url("permit_list"), {"status": "nonsense", "expiring": "x", "page": "z"})
    assert response.status_code == 200
    assert response.context["form"].errors["status"]


def test_the_expiring_filter_keeps_permits_expiring_within_the_days(client, personas, world):
    soon = issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        issued_on=datetime.date.today() - datetime.timedelta(days=300),
        expires_on=datetime.date.today() + datetime.timedelta(days=20),
    )
    client.force_login(personas.counsellor_a)
    assert soon.get_absolute_url() in client.get(url("permit_list"), {"expiring": 30}).text
    assert soon.get_absolute_url() not in client.get(url("permit_list"), {"expiring": 7}).text


def test_the_detail_shows_history_and_checklist(client, personas, permits):
    khaled, _mariam = permits
    client.force_login(personas.counsellor_a)
    response = client.get(khaled.get_absolute_url())
    assert response.status_code == 200
    history = [row.transition for row in response.context["history"]]
    assert history == [
        "Permit issued",
        "Submitted to the ministry",
        "Documents updated",
        "Application started",
    ]
    assert [code for code, *_ in response.context["checklist"]][:4] == [
        "identity",
        "photo",
        "medical",
        "cooperative_letter",
    ]
    # The unit may not record the ministry's decision; it may renew.
    assert response.context["actions"]["renew"] is True
    assert response.context["actions"]["cancel"] is False


@pytest.mark.parametrize(
    "name", ["permit_detail", "permit_documents", "permit_submit", "permit_renew", "permit_cancel"]
)
def test_a_user_of_another_cooperative_gets_404(client, personas, permits, name):
    khaled, _mariam = permits
    client.force_login(personas.counsellor_b)
    assert client.get(url(name, khaled.pk)).status_code == 404
    assert client.post(url(name, khaled.pk), {}).status_code == 404


@pytest.mark.parametrize("name", ["permit_issue", "permit_reject"])
def test_decision_pages_are_404_out_of_scope_and_403_for_the_unit(client, personas, permits, name):
    _khaled, mariam = permits
    client.force_login(personas.counsellor_a)
    assert client.get(url(name, mariam.pk)).status_code == 404
    client.force_login(personas.counsellor_b)
    assert client.get(url(name, mariam.pk)).status_code == 403


def test_pages_across_permits_are_404_without_reach(client, personas, permits):
    client.force_login(personas.outsider)
    for name in ("permit_list", "expiring_list", "permit_report", "permit_report_xlsx"):
        assert client.get(url(name)).status_code == 404
    client.force_login(personas.aggregate)
    assert client.get(url("permit_list")).status_code == 404


def test_applying_from_the_person_page_starts_a_draft(client, personas, world):
    client.force_login(personas.counsellor_a)
    response = client.post(
        url("permit_apply", world.khaled.pk),
        {
            "cooperative": world.coop_a.pk,
            "sector": "agriculture",
            "kind": "flexible",
            "language": "ar",
            "documents": ["identity", "photo"],
        },
    )
    permit = Permit.objects.get(person=world.khaled)
    assert response.status_code == 302
    assert response["Location"] == permit.get_absolute_url()
    assert permit.status == Permit.Status.DRAFT
    assert permit.owner == personas.unit_a
    assert permit.documents == ["identity", "photo"]


def test_applying_for_a_person_of_another_unit_is_404(client, personas, world):
    client.force_login(personas.counsellor_a)
    assert client.get(url("permit_apply", world.mariam.pk)).status_code == 404


def test_bad_application_input_gives_field_errors_and_writes_nothing(
    client, personas, world, writes_nothing
):
    client.force_login(personas.counsellor_a)
    with writes_nothing():
        response = client.post(
            url("permit_apply", world.khaled.pk),
            {
                "cooperative": world.coop_b.pk,  # out of reach: not a choice
                "sector": "fishing",
                "kind": "employer",
                "language": "ar",
                "applied_on": "2999-01-01",
                "documents": ["passport_of_the_moon"],
            },
        )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"cooperative", "sector", "documents"} <= set(errors)
    with writes_nothing():
        response = client.post(
            url("permit_apply", world.khaled.pk),
            {
                "cooperative": world.coop_a.pk,
                "sector": "agriculture",
                "kind": "employer",
                "language": "ar",
                "applied_on": "2099-01-01",
            },
        )
    errors = response.context["form"].errors
    assert set(errors) == {"employer_name", "applied_on"}


def test_documents_then_submit_through_the_forms(client, personas, world):
    permit = application(person=world.khaled, cooperative=world.coop_a, by=personas.counsellor_a)
    client.force_login(personas.counsellor_a)
    response = client.post(url("permit_submit", permit.pk), {})
    assert response.status_code == 200
    assert (
        "documents" in response.context["form"].errors
        or response.context["form"].non_field_errors()
    )
    permit.refresh_from_db()
    assert permit.status == Permit.Status.DRAFT

    response = client.post(
        url("permit_documents", permit.pk),
        {"documents": ["identity", "photo", "medical", "cooperative_letter"]},
    )
    assert response.status_code == 302
    response = client.post(url("permit_submit", permit.pk), {"ministry_reference": "MOL/77"})
    assert response.status_code == 302
    permit.refresh_from_db()
    assert permit.status == Permit.Status.SUBMITTED
    assert permit.ministry_reference == "MOL/77"


def test_the_ministry_issues_through_the_form_and_bad_dates_write_nothing(
    client, personas, permits, writes_nothing
):
    _khaled, mariam = permits
    client.force_login(personas.ministry_officer)
    with writes_nothing():
        response = client.post(
            url("permit_issue", mariam.pk),
            {
                "permit_number": "WP-B-1",
                "issued_on": "2024-03-01",
                "expires_on": "2024-02-01",
                "fee_paid": "ten",
            },
        )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"expires_on", "fee_paid"}
    response = client.post(
        url("permit_issue", mariam.pk),
        {
            "permit_number": "WP-B-1",
            "issued_on": "2024-03-01",
            "expires_on": "2025-02-28",
            "fee_paid": "10.000",
        },
    )
    assert response.status_code == 302
    mariam.refresh_from_db()
    assert mariam.status == Permit.Status.ISSUED
    assert mariam.permit_number == "WP-B-1"


def test_rejection_needs_a_reason(client, personas, permits, writes_nothing):
    _khaled, mariam = permits
    client.force_login(personas.ministry_officer)
    with writes_nothing():
        response = client.post(url("permit_reject", mariam.pk), {"rejection_reason": "  "})
    assert "rejection_reason" in response.context["form"].errors
    response = client.post(url("permit_reject", mariam.pk), {"rejection_reason": "Incomplete file"})
    assert response.status_code == 302
    mariam.refresh_from_db()
    assert mariam.status == Permit.Status.REJECTED


def test_renew_then_withdraw_the_renewal(client, personas, permits):
    khaled, _mariam = permits
    client.force_login(personas.counsellor_a)
    response = client.post(url("permit_renew", khaled.pk), {})
    renewal = Permit.objects.get(previous=khaled)
    assert response["Location"] == renewal.get_absolute_url()
    response = client.post(url("permit_cancel", renewal.pk), {"cancellation_reason": "Left Jordan"})
    assert response.status_code == 302
    renewal.refresh_from_db()
    assert renewal.status == Permit.Status.CANCELLED
    notes = list(
        AuditEvent.objects.filter(object_type="permits.permit", object_id=str(renewal.pk))
        .order_by("id")
        .values_list("note", flat=True)
    )
    assert notes == ["renewal_of", "cancelled"]


def test_the_unit_cannot_cancel_an_issued_permit(client, personas, permits, writes_nothing):
    khaled, _mariam = permits
    client.force_login(personas.counsellor_a)
    with writes_nothing():
        response = client.post(url("permit_cancel", khaled.pk), {"cancellation_reason": "x"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


# ---- The ministry officer ---------------------------------------------------------------


def test_a_ministry_officer_reads_the_permit_but_not_the_person(client, personas, world, permits):
    khaled, mariam = permits
    client.force_login(personas.ministry_officer)
    response = client.get(khaled.get_absolute_url())
    assert response.status_code == 200
    assert client.get(world.khaled.get_absolute_url()).status_code == 404
    page = response.text
    # What the permit needs: the name, sex and nationality; no phone, no identifiers, no link.
    assert "Khaled" in page
    assert world.khaled.get_absolute_url() not in page
    assert world.khaled.phone not in page
    assert "MOI-1000001" not in page
    assert response.context["may_open_person"] is False
    listing = client.get(url("permit_list")).text
    assert khaled.get_absolute_url() in listing and mariam.get_absolute_url() in listing


def test_the_ministry_officer_is_offered_the_decision_not_the_paperwork(client, personas, permits):
    _khaled, mariam = permits
    client.force_login(personas.ministry_officer)
    actions = client.get(mariam.get_absolute_url()).context["actions"]
    assert actions["issue"] and actions["reject"]
    assert not actions["documents"] and not actions["renew"]


def test_a_ministry_officer_cannot_apply(client, personas, world):
    client.force_login(personas.ministry_officer)
    assert client.get(url("permit_apply", world.khaled.pk)).status_code == 404


def test_the_person_page_shows_the_permits_panel(client, personas, world, permits):
    khaled, _mariam = permits
    client.force_login(personas.counsellor_a)
    page = client.get(world.khaled.get_absolute_url()).text
    assert khaled.get_absolute_url() in page
    assert url("permit_apply", world.khaled.pk) in page


# ---- Expiring and the report ------------------------------------------------------------


def test_the_expiring_page_groups_by_cooperative_within_scope(client, personas, world):
    today = datetime.date.today()
    near = issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        issued_on=today - datetime.timedelta(days=340),
        expires_on=today + datetime.timedelta(days=10),
    )
    other = issued(
        person=world.mariam,
        cooperative=world.coop_b,
        by=personas.counsellor_b,
        decided_by=personas.ministry_officer,
        issued_on=today - datetime.timedelta(days=340),
        expires_on=today + datetime.timedelta(days=12),
    )
    client.force_login(personas.counsellor_a)
    response = client.get(url("expiring_list"), {"days": 30})
    assert [[p.pk for p in rows] for _c, rows in response.context["groups"]] == [[near.pk]]
    client.force_login(personas.officer)
    response = client.get(url("expiring_list"), {"days": 30})
    assert sorted(p.pk for _c, rows in response.context["groups"] for p in rows) == sorted(
        [near.pk, other.pk]
    )
    response = client.get(url("expiring_list"), {"days": 5})
    assert response.context["groups"] == []
    response = client.get(url("expiring_list"), {"days": "-3"})
    assert response.status_code == 200
    assert response.context["form"].errors["days"]


def test_the_report_page_and_its_xlsx(client, personas, permits):
    client.force_login(personas.officer)
    params = {"start": "2023-01-01", "end": "2023-12-31", "national_total": "4"}
    response = client.get(url("permit_report"), params)
    assert response.status_code == 200
    assert response.context["report"].total == 1
    assert response.context["report"].share_of_national is not None
    response = client.get(url("permit_report_xlsx"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


def test_a_bad_report_period_gives_field_errors(client, personas, permits):
    client.force_login(personas.officer)
    response = client.get(url("permit_report"), {"start": "2023-12-31", "end": "2023-01-01"})
    assert response.status_code == 200
    assert response.context["report"] is None
    assert "end" in response.context["form"].errors
    response = client.get(url("permit_report_xlsx"), {"start": "soon", "end": "2023-01-01"})
    assert response.status_code == 400


def test_the_list_and_the_api_page_take_as_many_queries_for_many_permits_as_for_one(
    client, personas, world
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from taawon.accounts.services import create_token

    headers = {"Authorization": f"Bearer {create_token(user=personas.officer)}"}
    client.force_login(personas.officer)

    def counts():
        with CaptureQueriesContext(connection) as page:
            client.get(url("permit_list"))
        with CaptureQueriesContext(connection) as api:
            client.get("/api/v1/permits", headers=headers)
        return len(page), len(api)

    issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
    )
    counts()  # the first request of a token records its use
    one = counts()
    for _ in range(4):
        holder = person(personas.unit_b)
        application(person=holder, cooperative=world.coop_b, by=personas.counsellor_b)
    assert counts() == one
