"""The second factor: TOTP codes from the device's own key, recovery codes, and resets."""

import re
import time

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from taawon.accounts import second_factor, services
from taawon.core.exceptions import PermissionDenied
from taawon.core.models import AuditEvent
from taawon.core.testing import PASSWORD

SETUP = "/en/accounts/two-factor/setup/"
VERIFY = "/en/accounts/two-factor/verify/"
RECOVER = "/en/accounts/two-factor/recover/"
PROFILE = "/en/accounts/profile/"


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the phone shows, from the device's key (a later step for a second use: a
    code is accepted once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def log_in(client: Client, username: str, next_url: str = "") -> object:
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(f"/en/accounts/login/?next={next_url}", data)


def set_up(client: Client, user) -> list[str]:
    """Go through the setup page as a person would; the recovery codes shown."""
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"code": code(device)})
    assert response.status_code == 200
    return response.context["codes"]


# ---- Who must use one


def test_administrators_managers_and_system_administrators_must_use_one(personas):
    for user in (personas.admin, personas.admin_a, personas.officer):
        assert second_factor.required_for(user)
    for user in (personas.counsellor_a, personas.viewer_a, personas.ministry_officer):
        assert not second_factor.required_for(user)


def test_an_administrator_sets_it_up_after_the_password_before_any_page(client, personas):
    response = log_in(client, "admin_a", next_url="/en/accounts/profile/")

    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    # Every page leads back to the setup until it is done.
    home = client.get("/en/")
    assert home.status_code == 302
    assert home["Location"].startswith(SETUP)
    assert client.get("/en/people/").status_code == 302

    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<svg" in html
    device = TOTPDevice.objects.get(user=personas.admin_a, confirmed=False)
    assert page.context["secret"].replace(" ", "") in device.config_url
    assert "http" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org", ""
    )

    done = client.post(response["Location"], {"code": code(device)})

    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 == len(set(codes))
    assert all(c in done.content.decode() for c in codes)
    assert done.context["next"] == "/en/accounts/profile/"
    assert client.get("/en/accounts/profile/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    event = AuditEvent.objects.get(changes__second_factor__isnull=False)
    assert (event.actor, event.changes) == (
        personas.admin_a,
        {"second_factor": ["none", "authenticator"]},
    )


def test_a_wrong_code_does_not_confirm_the_authenticator(client, personas):
    client.force_login(personas.admin_a)
    client.get(SETUP)

    response = client.post(SETUP, {"code": "000000"})

    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not TOTPDevice.objects.filter(user=personas.admin_a, confirmed=True).exists()
    assert client.get("/en/").status_code == 302


def test_the_setup_page_keeps_the_same_key_until_confirmed(client, personas):
    client.force_login(personas.admin_a)

    first = client.get(SETUP).context["secret"]
    second = client.get(SETUP).context["secret"]

    assert first == second
    assert TOTPDevice.objects.filter(user=personas.admin_a).count() == 1


def test_the_next_login_asks_for_the_apps_code(personas):
    first = Client()
    first.force_login(personas.admin_a)
    set_up(first, personas.admin_a)
    device = TOTPDevice.objects.get(user=personas.admin_a)

    client = Client()
    response = log_in(client, "admin_a", next_url="/en/accounts/profile/")
    assert response["Location"].startswith(VERIFY)
    assert client.get("/en/").status_code == 302
    # The password alone does not replace the authenticator either.
    assert client.get(SETUP)["Location"].startswith(VERIFY)

    wrong = client.post(response["Location"], {"code": "123456"})
    assert wrong.context["form"].errors["code"]
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.LOGIN_FAILED, note="wrong second-factor code"
    ).exists()
    # django-otp makes each wrong code wait longer before the next try.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)

    right = client.post(response["Location"], {"code": code(device, steps_ahead=1)})

    assert right.status_code == 302
    assert right["Location"] == "/en/accounts/profile/"
    assert client.get("/en/accounts/profile/").status_code == 200


def test_a_code_is_accepted_once(personas):
    first = Client()
    first.force_login(personas.admin_a)
    set_up(first, personas.admin_a)
    device = TOTPDevice.objects.get(user=personas.admin_a)
    used = code(device, steps_ahead=1)

    client = Client()
    log_in(client, "admin_a")
    assert client.post(VERIFY, {"code": used}).status_code == 302

    again = Client()
    log_in(again, "admin_a")
    assert again.post(VERIFY, {"code": used}).status_code == 200


def test_a_lost_phone_a_recovery_code_then_a_new_authenticator(personas):
    first = Client()
    first.force_login(personas.admin_a)
    codes = set_up(first, personas.admin_a)
    old = TOTPDevice.objects.get(user=personas.admin_a)

    client = Client()
    log_in(client, "admin_a", next_url="/en/accounts/profile/")
    page = client.get(VERIFY + "?next=/en/accounts/profile/").content.decode()
    assert "/en/accounts/two-factor/recover/" in page

    response = client.post(RECOVER, {"code": codes[0].upper(), "next": "/en/accounts/profile/"})

    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    assert StaticToken.objects.filter(device__user=personas.admin_a).count() == 9
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.LOGIN, note="second factor: a recovery code"
    ).exists()
    # A new phone: the new authenticator replaces the old one.
    client.get(response["Location"])
    new = TOTPDevice.objects.get(user=personas.admin_a, confirmed=False)
    client.post(response["Location"], {"code": code(new)})
    assert list(TOTPDevice.objects.filter(user=personas.admin_a)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()

    # The recovery code was used up.
    other = Client()
    log_in(other, "admin_a")
    refused = other.post(RECOVER, {"code": codes[0]})
    assert refused.status_code == 200
    assert refused.context["form"].errors["code"]


def test_an_api_session_without_the_second_factor_is_refused(client, personas):
    log_in(client, "admin_a")
    assert client.get("/api/v1/accounts/me").status_code == 401

    token = services.create_token(user=personas.admin_a)
    fresh = Client()
    assert fresh.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


# ---- Others may choose it


def test_a_counsellor_logs_in_with_the_password_alone(client, personas):
    response = log_in(client, "counsellor_a", next_url="/en/accounts/profile/")

    assert response["Location"] == "/en/accounts/profile/"
    assert "Turn on" in client.get(response["Location"]).content.decode()


def test_a_counsellor_who_turned_it_on_is_asked_for_the_code(personas):
    first = Client()
    first.force_login(personas.counsellor_a)
    set_up(first, personas.counsellor_a)
    assert first.get(PROFILE).status_code == 200

    client = Client()
    response = log_in(client, "counsellor_a")

    assert response["Location"].startswith(VERIFY)
    assert client.get("/en/").status_code == 302


def test_a_counsellor_may_turn_it_off_an_administrator_may_not(personas):
    for user in (personas.counsellor_a, personas.admin_a):
        client = Client()
        client.force_login(user)
        set_up(client, user)
        client.post("/en/accounts/two-factor/disable/")

    assert not second_factor.has_second_factor(personas.counsellor_a)
    assert second_factor.has_second_factor(personas.admin_a)
    with pytest.raises(PermissionDenied):
        services.disable_second_factor(user=personas.admin_a)


def test_new_recovery_codes_replace_the_old_ones(client, personas):
    client.force_login(personas.counsellor_a)
    old = set_up(client, personas.counsellor_a)

    response = client.post("/en/accounts/two-factor/recovery-codes/")

    new = response.context["codes"]
    assert len(new) == 10
    stored = set(
        StaticToken.objects.filter(device__user=personas.counsellor_a).values_list(
            "token", flat=True
        )
    )
    assert stored == set(new)
    assert not stored & set(old)


# ---- An administrator resets a user's second factor


def reset_url(org, user) -> str:
    return f"/en/accounts/organisations/{org.pk}/users/{user.pk}/two-factor/reset/"


def test_an_administrator_resets_a_users_second_factor(personas):
    own = Client()
    own.force_login(personas.counsellor_a)
    set_up(own, personas.counsellor_a)
    admin = Client()
    admin.force_login(personas.admin_a)
    set_up(admin, personas.admin_a)
    page = admin.get(f"/en/accounts/organisations/{personas.unit_a.pk}/users/").content.decode()
    assert reset_url(personas.unit_a, personas.counsellor_a) in page

    response = admin.post(reset_url(personas.unit_a, personas.counsellor_a))

    assert response.status_code == 302
    assert not second_factor.has_second_factor(personas.counsellor_a)
    assert not StaticToken.objects.filter(device__user=personas.counsellor_a).exists()
    event = AuditEvent.objects.get(note="reset by an administrator")
    assert (event.actor, event.object_id, event.changes) == (
        personas.admin_a,
        str(personas.counsellor_a.pk),
        {"second_factor": ["authenticator", "none"]},
    )
    # The counsellor's next login needs the password only.
    assert log_in(Client(), "counsellor_a", next_url="/en/accounts/profile/")[
        "Location"
    ] == "/en/accounts/profile/"


def test_a_reset_manager_sets_up_a_new_second_factor_at_the_next_login(personas):
    officer = Client()
    officer.force_login(personas.officer)
    set_up(officer, personas.officer)

    services.reset_second_factor(
        user=personas.officer, reset_by=personas.admin, organisation=personas.country_office
    )

    # Even the session that had passed it must set up a new one.
    assert officer.get("/en/")["Location"].startswith(SETUP)
    assert log_in(Client(), "officer")["Location"].startswith(SETUP)


def test_an_administrator_resets_only_users_they_manage(client, personas):
    other = Client()
    other.force_login(personas.counsellor_b)
    set_up(other, personas.counsellor_b)
    client.force_login(personas.admin_a)
    set_up(client, personas.admin_a)

    assert client.post(reset_url(personas.unit_b, personas.counsellor_b)).status_code == 404
    assert client.post(reset_url(personas.unit_a, personas.counsellor_b)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.reset_second_factor(
            user=personas.admin_a, reset_by=personas.admin_a, organisation=personas.coop_a
        )
    assert second_factor.has_second_factor(personas.counsellor_b)


def test_the_setup_page_shows_the_key_in_groups(client, personas):
    client.force_login(personas.counsellor_a)

    secret = client.get(SETUP).context["secret"]

    assert re.fullmatch(r"([A-Z2-7]{4} )*[A-Z2-7]{1,4}", secret)
