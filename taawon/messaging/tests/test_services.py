import datetime

import pytest
from django.utils import timezone

from taawon.core.exceptions import ValidationFailed
from taawon.core.models import AuditEvent

from ..models import OutboundMessage
from ..services import MAX_ATTEMPTS, queue_message, send_queued
from ..tasks import send_queued_messages


def queue(personas, key="permit:1:2024-06-30:30", **overrides):
    values = {
        "to": "+962 79 123 4567",
        "body": "Your work permit expires on 30/06/2024.",
        "language": "en",
        "purpose": "permit_expiry",
        "dedupe_key": key,
        "owner": personas.coop_a,
        "send": False,
    }
    values.update(overrides)
    return queue_message(**values)


def test_it_queues_a_message_in_international_format_and_audits_it(personas):
    message = queue(personas)

    assert message.status == OutboundMessage.Status.QUEUED
    assert message.to == "+962791234567"
    assert AuditEvent.objects.filter(
        object_type="messaging.outboundmessage", object_id=str(message.pk), action="create"
    ).exists()


def test_the_same_key_is_queued_once_and_the_second_call_returns_none(personas):
    first = queue(personas)
    second = queue(personas, body="Another text")

    assert first is not None
    assert second is None
    assert OutboundMessage.objects.count() == 1


def test_it_rejects_a_bad_phone_an_empty_body_and_an_unknown_language(personas):
    with pytest.raises(ValidationFailed) as caught:
        queue(personas, to="12", body=" ", language="fr")
    assert set(caught.value.field_errors) == {"to", "body", "language"}
    assert not OutboundMessage.objects.exists()


def test_sending_marks_messages_sent_once_even_when_run_twice(personas):
    queue(personas, key="a")
    queue(personas, key="b")

    first = send_queued()
    second = send_queued()

    assert first == {"sent": 2, "failed": 0, "retry": 0}
    assert second == {"sent": 0, "failed": 0, "retry": 0}
    assert set(OutboundMessage.objects.values_list("status", flat=True)) == {"sent"}
    assert all(m.sent_at and m.backend == "log" for m in OutboundMessage.objects.all())


def test_the_task_sends_through_the_configured_backend(personas, gateway, settings):
    settings.MESSAGE_BACKEND = "sms_http"
    message = queue(personas)

    result = send_queued_messages.enqueue()

    assert result.return_value == {"sent": 1, "failed": 0, "retry": 0}
    message.refresh_from_db()
    assert message.status == "sent"
    assert message.provider_reference == "gw-1"
    assert gateway.requests[0]["json"]["reference"] == str(message.pk)


def test_a_refused_message_fails_at_once_and_an_outage_is_retried_then_given_up(
    personas, gateway, settings
):
    settings.MESSAGE_BACKEND = "sms_http"
    gateway.status = 400
    refused = queue(personas, key="refused")
    send_queued()
    refused.refresh_from_db()
    assert (refused.status, refused.attempts) == ("failed", 1)
    assert "400" in refused.error

    gateway.status = 503
    down = queue(personas, key="down")
    for _attempt in range(MAX_ATTEMPTS):
        # The retry waits out its backoff; here the claim is released by hand.
        OutboundMessage.objects.filter(pk=down.pk).update(claimed_until=None)
        send_queued()
    down.refresh_from_db()
    assert (down.status, down.attempts) == ("failed", MAX_ATTEMPTS)


def test_a_message_claimed_by_another_worker_is_left_alone(personas):
    message = queue(personas)
    OutboundMessage.objects.filter(pk=message.pk).update(
        claimed_until=timezone.now() + datetime.timedelta(minutes=5)
    )

    assert send_queued() == {"sent": 0, "failed": 0, "retry": 0}
    message.refresh_from_db()
    assert message.status == "queued"


def test_queueing_with_send_asks_the_worker_after_commit(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = queue(personas, send=True)

    assert len(callbacks) == 1
    message.refresh_from_db()
    assert message.status == "sent"
