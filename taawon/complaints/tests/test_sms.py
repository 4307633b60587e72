"""Complaints by SMS: the gateway posts to the messaging webhook with the shared secret; a
message to a unit's complaints line becomes a complaint and its receipt is queued by SMS."""

import pytest

from taawon.messaging.models import OutboundMessage

from ..models import Complaint, SmsLine

URL = "/messaging/inbound/sms"
LINE = "+962790000100"
SENDER = "+962791112233"


@pytest.fixture
def line(personas, settings):
    settings.SMS_INBOUND_SECRET = "s3cret-shared-with-the-gateway"
    return SmsLine.objects.create(owner=personas.unit_a, number=LINE)


def _post(client, body, secret="s3cret-shared-with-the-gateway", **extra):
    return client.post(
        URL,
        {"from": SENDER, "to": LINE, "text": body, "id": "gw-1", **extra},
        headers={"X-Taawon-Secret": secret} if secret is not None else {},
    )


def _nothing_written():
    return not Complaint.objects.exists() and not OutboundMessage.objects.exists()


@pytest.mark.parametrize("secret", ["wrong", "", None])
def test_a_bad_or_missing_secret_is_refused_and_nothing_written(client, line, secret):
    response = _post(client, "1 لم يدفع لي", secret=secret)
    assert response.status_code == 403
    assert _nothing_written()


def test_without_a_configured_secret_the_webhook_does_not_exist(client, personas, settings):
    settings.SMS_INBOUND_SECRET = ""
    SmsLine.objects.create(owner=personas.unit_a, number=LINE)
    assert _post(client, "hello", secret="").status_code == 404
    assert _nothing_written()


def test_only_post_is_answered(client, line):
    assert client.get(URL).status_code == 405


def test_a_message_becomes_a_complaint_and_its_receipt_is_queued(client, line, personas):
    response = _post(client, "٣ المشرف يتحرش بالعاملات")
    assert response.status_code == 200, response.content
    complaint = Complaint.objects.get()
    assert complaint.channel == "sms"
    assert complaint.owner == personas.unit_a
    assert complaint.category == "harassment" and complaint.sensitive
    assert complaint.language == "ar"
    assert complaint.description == "المشرف يتحرش بالعاملات"
    assert complaint.contact_phone == SENDER
    receipt = OutboundMessage.objects.get()
    assert receipt.to == SENDER and complaint.reference in receipt.body
    assert receipt.language == "ar"


def test_a_message_without_a_category_comes_in_sensitive(client, line):
    _post(client, "Nobody paid us for June")
    complaint = Complaint.objects.get()
    assert complaint.category == "other" and complaint.sensitive and complaint.language == "en"


def test_a_redelivered_message_is_one_complaint(client, line):
    assert _post(client, "1 unpaid").status_code == 200
    again = _post(client, "1 unpaid")
    assert again.status_code == 200 and again.json()["duplicate"]
    assert Complaint.objects.count() == 1 and OutboundMessage.objects.count() == 1


def test_a_number_no_unit_answers_is_refused(client, line):
    response = _post(client, "1 unpaid", to="+962790000999")
    assert response.status_code == 422
    assert "to" in response.json()["errors"]
    assert _nothing_written()


@pytest.mark.parametrize(
    "change, field",
    [({"from": "12"}, "from"), ({"text": "  "}, "text"), ({"text": "x" * 1601}, "text")],
)
def test_a_malformed_message_is_refused_on_its_field(client, line, change, field):
    response = _post(client, "1 unpaid", **change)
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert _nothing_written()


def test_a_json_body_is_taken_too(client, line):
    response = client.post(
        URL,
        {"from": SENDER, "to": LINE, "text": "7 شكرا للوحدة", "id": "gw-9"},
        content_type="application/json",
        headers={"X-Taawon-Secret": "s3cret-shared-with-the-gateway"},
    )
    assert response.status_code == 200
    assert Complaint.objects.get().category == "thanks"
    bad = client.post(
        URL,
        "[1, 2]",
        content_type="application/json",
        headers={"X-Taawon-Secret": "s3cret-shared-with-the-gateway"},
    )
    assert bad.status_code == 400
