"""The idle timeout, and the half-filled form that survives it."""

import os
import re
import subprocess
import sys
import time

from django.test import Client
from django.utils import timezone

from taawon.accounts.drafts import DRAFT, refilled
from taawon.accounts.middleware import LAST_SEEN
from taawon.accounts.models import User
from taawon.core.testing import PASSWORD

KEY = "Mr7c-xSzXpj38JeHrl8Hn8ZuHl2v6zuF6GHjIRTSjRE="


def go_idle(client: Client, minutes: int = 31) -> None:
    session = client.session
    session[LAST_SEEN] = int(time.time()) - minutes * 60
    session.save()


def add_url(org) -> str:
    return f"/en/accounts/organisations/{org.pk}/users/add/"


NEW_USER = {
    "username": "farah",
    "first_name": "Farah",
    "last_name": "Haddad & Sons <x>",
    "email": "farah@example.org",
    "role": "data_clerk",
    "preferred_language": "ar",
    "password": "olive-press-harvest-2031",
    "password_confirmation": "olive-press-harvest-2031",
}


def test_a_request_within_the_idle_time_keeps_the_session(client, personas):
    client.force_login(personas.counsellor_a)
    go_idle(client, minutes=29)

    assert client.get("/en/accounts/profile/").status_code == 200
    assert client.session[LAST_SEEN] >= int(time.time()) - 5


def test_after_the_idle_time_the_next_request_needs_a_new_login(client, personas):
    client.force_login(personas.counsellor_a)
    go_idle(client)

    response = client.get("/en/accounts/profile/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/accounts/profile/"
    assert "_auth_user_id" not in client.session
    assert client.get("/en/accounts/profile/").status_code == 302


def test_a_session_ends_at_the_latest_twelve_hours_after_the_login(client, personas):
    client.force_login(personas.counsellor_a)
    client.get("/en/accounts/profile/")
    end = client.session.get_expiry_date()
    assert abs((end - timezone.now()).total_seconds() - 12 * 3600) < 60

    go_idle(client, minutes=10)  # the next request stamps the session again
    client.get("/en/accounts/profile/")

    assert client.session[LAST_SEEN] >= int(time.time()) - 5
    assert client.session.get_expiry_date() == end


def test_the_idle_time_comes_from_the_setting(client, personas, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client.force_login(personas.counsellor_a)
    go_idle(client, minutes=6)

    assert client.get("/en/accounts/profile/").status_code == 302


def test_an_idle_browser_session_is_refused_by_the_api(client, personas):
    client.force_login(personas.counsellor_a)
    assert client.get("/api/v1/accounts/me").status_code == 200
    go_idle(client)

    assert client.get("/api/v1/accounts/me").status_code == 401


def test_a_form_posted_after_the_idle_time_comes_back_filled_after_the_new_login(
    client, personas
):
    client.force_login(personas.admin_a)
    page = add_url(personas.unit_a)
    assert client.get(page).status_code == 200
    go_idle(client)

    posted = client.post(page, NEW_USER, HTTP_REFERER=f"http://testserver{page}")

    assert posted.status_code == 302
    assert posted["Location"] == f"/en/accounts/login/?next={page}"
    assert not User.objects.filter(username="farah").exists()
    kept = client.session[DRAFT]["data"]
    assert kept["username"] == ["farah"]
    assert not {"password", "password_confirmation", "csrfmiddlewaretoken"} & set(kept)

    login_page = client.get(posted["Location"]).content.decode()
    assert "30 minutes without activity" in login_page
    signed_in = client.post(
        posted["Location"], {"username": "admin_a", "password": PASSWORD, "next": page}
    )
    assert signed_in["Location"] == page

    form = client.get(page).content.decode()
    assert re.search(r'<input[^>]* name="username"[^>]* value="farah">', form)
    assert 'value="Farah"' in form
    assert 'value="Haddad &amp; Sons &lt;x&gt;"' in form
    assert 'value="farah@example.org"' in form
    assert '<option value="data_clerk" selected>' in form
    assert '<option value="ar" selected>' in form
    assert '<option value="counsellor" selected>' not in form
    assert "olive-press-harvest-2031" not in form
    # Shown once: the next visit shows an empty form.
    assert DRAFT not in client.session
    assert 'value="farah"' not in client.get(page).content.decode()


def test_the_kept_form_is_not_shown_to_someone_else_who_signs_in(client, personas):
    client.force_login(personas.admin_a)
    page = add_url(personas.unit_a)
    client.get(page)
    go_idle(client)
    client.post(page, NEW_USER, HTTP_REFERER=f"http://testserver{page}")

    client.post("/en/accounts/login/", {"username": "admin", "password": PASSWORD})
    form = client.get(page).content.decode()

    assert 'value="farah"' not in form
    assert DRAFT not in client.session


def test_an_htmx_post_after_the_idle_time_sends_the_whole_page_to_the_login(client, personas):
    client.force_login(personas.admin_a)
    go_idle(client)

    response = client.post(
        f"/en/accounts/organisations/{personas.unit_a.pk}/users/{personas.clerk_a.pk}/active/",
        {"active": "0"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/en/accounts/",
    )

    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/en/accounts/login/?next=")
    personas.clerk_a.refresh_from_db()
    assert personas.clerk_a.is_active


def test_refilling_touches_only_post_forms_and_never_passwords_or_hidden_fields():
    html = (
        '<form method="get"><input name="q"></form>'
        '<form method="post"><input type="hidden" name="next" value="/x/">'
        '<input type="password" name="secret"><textarea name="notes">\nold</textarea>'
        '<input type="checkbox" name="agree" checked><input type="radio" name="r" value="a">'
        '<input type="radio" name="r" value="b"></form>'
    )

    out = refilled(
        html, {"q": ["z"], "next": ["/evil/"], "secret": ["s"], "notes": ["a < b"], "r": ["b"]}
    )

    assert '<form method="get"><input name="q"></form>' in out
    assert '<input type="hidden" name="next" value="/x/">' in out
    assert '<input type="password" name="secret">' in out
    assert '<textarea name="notes">\na &lt; b</textarea>' in out
    assert '<input type="checkbox" name="agree">' in out
    assert '<input type="radio" name="r" value="b" checked>' in out
    assert '<input type="radio" name="r" value="a">' in out


def _idle_setting(value: str | None, tmp_path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAAWON_")}
    env.update(
        DJANGO_SETTINGS_MODULE="taawon.settings",
        TAAWON_VAR_DIR=str(tmp_path),
        TAAWON_SECRET_KEY="s",
        TAAWON_FIELD_KEYS=KEY,
    )
    if value is not None:
        env["TAAWON_SESSION_IDLE_MINUTES"] = value
    code = "from django.conf import settings; print(settings.SESSION_IDLE_MINUTES)"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=tmp_path
    )


def test_the_idle_minutes_default_to_30_and_are_read_from_the_environment(tmp_path):
    assert _idle_setting(None, tmp_path).stdout.strip() == "30"
    assert _idle_setting("10", tmp_path).stdout.strip() == "10"
    for bad in ("soon", "0"):
        result = _idle_setting(bad, tmp_path)
        assert result.returncode != 0
        assert "TAAWON_SESSION_IDLE_MINUTES" in result.stderr
