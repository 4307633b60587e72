"""Dates and money typed into the permit pages and sent to the API: every accepted way of
writing a date is read day first; a range ending before it starts and a fee with more decimals
than the dinar has get a message on their field and write nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from taawon.accounts.services import create_token
from taawon.core.models import AuditEvent
from taawon.permits.models import Permit, PermitStatus
from taawon.permits.tests.factories import cooperative_of, person, submitted

ISSUED, EXPIRES = datetime.date(2026, 3, 1), datetime.date(2027, 2, 28)


@pytest.fixture
def application(personas):
    cooperative = cooperative_of(personas.coop_a)

    def make():
        return submitted(
            person=person(personas.unit_a), cooperative=cooperative, by=personas.counsellor_a
        )

    return make


def issue_page(client, permit, **data):
    return client.post(
        reverse("permits:permit_issue", args=[permit.pk]),
        {"permit_number": f"WP-IN-{permit.pk}", "fee_paid": "10", **data},
    )


@pytest.mark.parametrize(
    ("issued_on", "expires_on"),
    [
        ("01/03/2026", "28/02/2027"),
        ("2026-03-01", "2027-02-28"),
        ("01-03-2026", "28-02-2027"),
        ("1/3/2026", "28/2/2027"),
        ("٠١/٠٣/٢٠٢٦", "٢٨/٠٢/٢٠٢٧"),
    ],
)
def test_the_issue_form_reads_each_accepted_date_day_first(
    client, personas, application, issued_on, expires_on
):
    permit = application()
    client.force_login(personas.ministry_officer)
    response = issue_page(client, permit, issued_on=issued_on, expires_on=expires_on)
    assert response.status_code == 302, response.context["form"].errors
    permit.refresh_from_db()
    assert (permit.issued_on, permit.expires_on) == (ISSUED, EXPIRES)
    assert permit.fee_paid == Decimal("10.000")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"issued_on": "01/03/2026", "expires_on": "28/02/2026"},
            "expires_on",
            "The expiry date must be after the issue date.",
        ),
        ({"issued_on": "03/31/2026", "expires_on": "28/02/2027"}, "issued_on", "no such day"),
        ({"issued_on": "01/03/26", "expires_on": "28/02/2027"}, "issued_on", "year in full"),
        (
            {"issued_on": "01/03/2026", "expires_on": "28/02/2027", "fee_paid": "10.0005"},
            "fee_paid",
            "",
        ),
    ],
)
def test_bad_dates_ranges_and_fees_get_a_field_message_and_write_nothing(
    client, personas, application, data, field, message
):
    permit = application()
    client.force_login(personas.ministry_officer)
    events = AuditEvent.objects.count()
    response = issue_page(client, permit, **data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    permit.refresh_from_db()
    assert permit.status == PermitStatus.SUBMITTED and permit.issued_on is None
    assert AuditEvent.objects.count() == events


def test_the_api_reads_day_first_dates_and_refuses_others_on_the_field(
    client, personas, application
):
    headers = {"Authorization": f"Bearer {create_token(user=personas.ministry_officer)}"}

    def issue(permit, **dates):
        body = {"permit_number": f"WP-API-{permit.pk}", "fee_paid": "10.5", **dates}
        return client.post(
            f"/api/v1/permits/{permit.pk}/issue",
            body,
            content_type="application/json",
            headers=headers,
        )

    refused = application()
    for dates in (
        {"issued_on": "03/31/2026", "expires_on": "2027-02-28"},
        {"issued_on": "2026/03/01", "expires_on": "2027-02-28"},
        {"issued_on": "1 Mar 2026", "expires_on": "2027-02-28"},
    ):
        response = issue(refused, **dates)
        assert response.status_code == 422, dates
        assert list(response.json()["errors"]) == ["issued_on"]
    response = issue(refused, issued_on="2026-03-01", expires_on="28/02/2026")
    assert response.status_code == 400
    assert "expires_on" in response.json()["errors"]
    assert Permit.objects.get(pk=refused.pk).status == PermitStatus.SUBMITTED

    response = issue(application(), issued_on="01/03/2026", expires_on="2027-02-28")
    assert response.status_code == 200, response.json()
    assert response.json()["issued_on"] == "2026-03-01"
    assert response.json()["expires_on"] == "2027-02-28"
