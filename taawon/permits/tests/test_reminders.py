import datetime
import io

import pytest
from django.core.management import call_command

from taawon.messaging.models import OutboundMessage
from taawon.people.models import Consent

from .. import services
from ..services import reminders
from ..tasks import send_expiry_reminders
from .factories import issued

TODAY = datetime.date.today()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def expiring_permit(personas, world):
    """Mariam's permit (unit B, phone +962781112233, messages in Arabic) ending in 20 days."""
    return issued(
        person=world.mariam,
        cooperative=world.coop_b,
        by=personas.counsellor_b,
        decided_by=personas.ministry_officer,
        number="WP-R-1",
        issued_on=days(-340),
        expires_on=days(20),
    )


def test_window_for():
    assert reminders.window_for(40) is None
    assert reminders.window_for(30) == 30
    assert reminders.window_for(8) == 30
    assert reminders.window_for(7) == 7
    assert reminders.window_for(0) == 7


def test_the_task_sends_one_reminder_and_running_it_twice_sends_nothing_more(
    expiring_permit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = send_expiry_reminders.enqueue()
    with django_capture_on_commit_callbacks(execute=True):
        second = send_expiry_reminders.enqueue()

    assert first.return_value == {"queued": 1}
    assert second.return_value == {"already": 1}
    message = OutboundMessage.objects.get()
    assert message.status == OutboundMessage.Status.SENT
    assert message.to == "+962781112233"
    assert message.purpose == "permit_expiry"
    assert message.dedupe_key == f"permit_expiry:{expiring_permit.pk}:{days(20).isoformat()}:30"
    assert message.language == "ar"
    assert message.body.startswith("ينتهي تصريح العمل")
    assert "WP-R-1" in message.body
    assert message.owner_id == expiring_permit.owner_id


def test_one_reminder_per_window_30_then_7_days_before(expiring_permit):
    expires = expiring_permit.expires_on
    for before in (25, 24, 6, 5, 1):
        reminders.queue_expiry_reminders(today=expires - datetime.timedelta(days=before))
    assert sorted(OutboundMessage.objects.values_list("dedupe_key", flat=True)) == [
        f"permit_expiry:{expiring_permit.pk}:{expires.isoformat()}:30",
        f"permit_expiry:{expiring_permit.pk}:{expires.isoformat()}:7",
    ]
    # Nothing 40 days before, nor after the expiry.
    OutboundMessage.objects.all().delete()
    reminders.queue_expiry_reminders(today=expires - datetime.timedelta(days=40))
    reminders.queue_expiry_reminders(today=expires + datetime.timedelta(days=1))
    assert not OutboundMessage.objects.exists()


def test_the_reminder_is_in_the_holders_language(personas, world):
    permit = issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        number="WP-EN-1",
        issued_on=days(-340),
        expires_on=days(10),
        language="en",
    )
    reminders.queue_expiry_reminders()
    message = OutboundMessage.objects.get()
    assert message.language == "en"
    assert message.body.startswith("Your work permit WP-EN-1 expires on")
    assert permit.cooperative.display_name in message.body


def test_no_reminder_without_a_phone_after_a_refusal_or_with_a_renewal_under_way(
    personas, world, expiring_permit
):
    Consent.objects.create(
        person=world.mariam, owner=world.mariam.owner, purpose="sms", given=False, date=TODAY
    )
    assert reminders.queue_expiry_reminders() == {"refused_sms": 1}
    Consent.objects.create(
        person=world.mariam, owner=world.mariam.owner, purpose="sms", given=True, date=days(1)
    )
    services.renew_permit(permit=expiring_permit, created_by=personas.counsellor_b)
    assert reminders.queue_expiry_reminders() == {}
    world.khaled.phone = ""
    world.khaled.save(update_fields=["phone"])
    issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        issued_on=days(-340),
        expires_on=days(10),
    )
    assert reminders.queue_expiry_reminders() == {"no_phone": 1}
    assert not OutboundMessage.objects.exists()


def test_the_command_runs_the_reminders_and_a_second_run_sends_nothing(expiring_permit):
    out = io.StringIO()
    call_command("permit-reminders", stdout=out)
    call_command("permit-reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        "1 reminder(s) queued.",
        "0 reminder(s) queued (already: 1).",
    ]
    assert OutboundMessage.objects.count() == 1


def test_the_command_can_leave_the_work_to_the_worker(expiring_permit):
    out = io.StringIO()
    call_command("permit-reminders", "--enqueue", stdout=out)
    assert out.getvalue().startswith("Queued for the worker")
    # The immediate backend of the tests ran it at once.
    assert OutboundMessage.objects.count() == 1
