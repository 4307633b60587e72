"""Login throttling (django-axes) and the audit of failed logins."""

import datetime

from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from taawon.accounts import services
from taawon.core.models import AuditEvent
from taawon.core.testing import PASSWORD

LOGIN = "/en/accounts/login/"


def attempt(client: Client, username: str, password: str, *, ip: str = "10.0.0.1", lang="en"):
    return client.post(
        f"/{lang}/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def fail(client: Client, username: str, times: int, *, ip: str = "10.0.0.1", lang="en") -> None:
    """`times` wrong passwords; the fifth one locks out."""
    for n in range(1, times + 1):
        expected = 200 if n < 5 else 429
        assert attempt(client, username, "wrong", ip=ip, lang=lang).status_code == expected


def test_four_wrong_passwords_then_the_right_one_logs_in(client, personas):
    fail(client, "counsellor_a", 4)

    response = attempt(client, "counsellor_a", PASSWORD)

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, personas):
    fail(client, "counsellor_a", 4)
    fifth = attempt(client, "counsellor_a", "wrong")
    assert fifth.status_code == 429

    response = attempt(client, "counsellor_a", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Too many failed logins" in page
    assert "15 minutes" in page


def test_the_lockout_page_is_in_the_pages_language(client, personas):
    fail(client, "counsellor_a", 4, lang="ar")

    response = attempt(client, "counsellor_a", "wrong", lang="ar")

    assert response.status_code == 429
    page = response.content.decode()
    assert 'lang="ar"' in page
    assert 'dir="rtl"' in page


def test_the_lockout_is_per_username_and_address(personas):
    fail(Client(), "counsellor_a", 5)

    assert attempt(Client(), "counsellor_a", PASSWORD).status_code == 429
    # Another address may still log in as that user, and another user from that address.
    assert attempt(Client(), "counsellor_a", PASSWORD, ip="10.0.0.2").status_code == 302
    assert attempt(Client(), "counsellor_b", PASSWORD).status_code == 302


def test_the_lockout_ends_after_fifteen_minutes(client, personas):
    fail(client, "counsellor_a", 5)
    assert attempt(client, "counsellor_a", PASSWORD).status_code == 429

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=16)
    )

    assert attempt(client, "counsellor_a", PASSWORD).status_code == 302


def test_a_successful_login_starts_the_count_again(personas):
    fail(Client(), "counsellor_a", 4)
    assert attempt(Client(), "counsellor_a", PASSWORD).status_code == 302
    fail(Client(), "counsellor_a", 4)

    assert attempt(Client(), "counsellor_a", PASSWORD).status_code == 302


def test_the_api_bearer_token_of_a_locked_out_user_still_works(personas):
    token = services.create_token(user=personas.counsellor_a)
    fail(Client(), "counsellor_a", 5)
    assert attempt(Client(), "counsellor_a", PASSWORD).status_code == 429

    response = Client().get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 200


def test_a_failed_login_is_audited_with_username_and_address_never_the_password(
    client, personas
):
    secret = "my-secret-guess-42"
    before = timezone.now()

    attempt(client, "counsellor_a", secret, ip="192.0.2.7")

    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.actor is None
    assert (event.object_type, event.object_id) == ("accounts.user", str(personas.counsellor_a.pk))
    assert event.changes == {"username": [None, "counsellor_a"], "ip_address": [None, "192.0.2.7"]}
    assert event.at >= before
    stored = f"{event.changes} {event.note} {event.object_repr}"
    assert secret not in stored
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).exists()


def test_a_failed_login_of_an_unknown_username_is_audited_too(client, personas):
    attempt(client, "nobody-here", "guess")

    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.object_id == ""
    assert event.changes["username"] == [None, "nobody-here"]


def test_a_refused_login_during_a_lockout_is_audited_as_such(client, personas):
    fail(client, "counsellor_a", 5)

    attempt(client, "counsellor_a", PASSWORD)

    events = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED).order_by("id")
    assert events.count() == 6
    assert events.last().note == "locked out"
    assert PASSWORD not in str(events.last().changes)
