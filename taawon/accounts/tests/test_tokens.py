"""API tokens: expiry, organisation, the user's page, the command line."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from taawon.accounts import services
from taawon.accounts.models import ApiToken, Membership, token_digest
from taawon.core.exceptions import PermissionDenied, ValidationFailed
from taawon.people.tests.factories import PersonFactory

ME = "/api/v1/accounts/me"
TOKENS = "/en/accounts/tokens/"


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def today() -> datetime.date:
    return timezone.localdate()


# ---- Expiry


def test_a_token_expires_after_90_days_by_default(personas):
    services.create_token(user=personas.counsellor_a)

    row = ApiToken.objects.get()
    expected = today() + datetime.timedelta(days=91)
    assert timezone.localtime(row.expires_at).date() == expected
    assert timezone.localtime(row.expires_at).time() == datetime.time()


def test_a_token_works_through_its_last_day(client, personas):
    token = services.create_token(user=personas.counsellor_a, expires_on=today())

    assert client.get(ME, **bearer(token)).status_code == 200


def test_a_token_may_last_one_year_but_not_more(personas):
    services.create_token(
        user=personas.counsellor_a, expires_on=today() + datetime.timedelta(days=365)
    )
    with pytest.raises(ValidationFailed) as caught:
        services.create_token(
            user=personas.counsellor_a, expires_on=today() + datetime.timedelta(days=366)
        )
    assert "expires_on" in caught.value.field_errors
    assert ApiToken.objects.count() == 1


def test_a_token_cannot_expire_in_the_past(personas):
    with pytest.raises(ValidationFailed) as caught:
        services.create_token(
            user=personas.counsellor_a, expires_on=today() - datetime.timedelta(days=1)
        )
    assert "expires_on" in caught.value.field_errors


def test_an_expired_token_is_refused_with_401_json(client, personas):
    token = services.create_token(user=personas.counsellor_a)
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = client.get(ME, **bearer(token))

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


# ---- Organisation


def test_a_token_is_limited_to_one_of_its_users_organisations(personas):
    with pytest.raises(ValidationFailed) as caught:
        services.create_token(user=personas.counsellor_a, organisation=personas.unit_b)
    assert "organisation" in caught.value.field_errors
    assert not ApiToken.objects.exists()


def test_a_token_for_one_organisation_reaches_only_its_records(client, personas):
    # counsellor_a also works for unit B: an unlimited token reads both units.
    Membership.objects.create(
        user=personas.counsellor_a, organisation=personas.unit_b, role=Membership.Role.COUNSELLOR
    )
    in_a = PersonFactory(owner=personas.unit_a)
    in_b = PersonFactory(owner=personas.unit_b)
    everywhere = services.create_token(user=personas.counsellor_a)
    only_a = services.create_token(user=personas.counsellor_a, organisation=personas.unit_a)

    for person in (in_a, in_b):
        url = f"/api/v1/persons/{person.pk}"
        assert client.get(url, **bearer(everywhere)).status_code == 200
    assert client.get(f"/api/v1/persons/{in_a.pk}", **bearer(only_a)).status_code == 200
    assert client.get(f"/api/v1/persons/{in_b.pk}", **bearer(only_a)).status_code == 404
    listed = client.get("/api/v1/persons", **bearer(only_a)).json()
    assert [item["id"] for item in listed["items"]] == [in_a.pk]


def test_a_system_administrators_token_for_one_organisation_is_limited_to_it(client, personas):
    Membership.objects.create(
        user=personas.admin, organisation=personas.unit_a, role=Membership.Role.MANAGER
    )
    in_a = PersonFactory(owner=personas.unit_a)
    in_b = PersonFactory(owner=personas.unit_b)
    token = services.create_token(user=personas.admin, organisation=personas.unit_a)

    assert client.get(f"/api/v1/persons/{in_a.pk}", **bearer(token)).status_code == 200
    assert client.get(f"/api/v1/persons/{in_b.pk}", **bearer(token)).status_code == 404


# ---- The user's page


def test_the_tokens_page_creates_a_token_shown_once_and_stored_hashed(client, personas):
    client.force_login(personas.counsellor_a)
    expires = today() + datetime.timedelta(days=30)

    response = client.post(
        TOKENS,
        {
            "name": "ODK sync",
            "organisation": personas.unit_a.pk,
            "expires_on": expires.strftime("%d/%m/%Y"),
        },
    )

    assert response.status_code == 200
    token = response.context["new_token"]
    assert token.startswith("tw_")
    assert token in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    row = ApiToken.objects.get(user=personas.counsellor_a)
    assert (row.name, row.organisation, row.digest) == (
        "ODK sync",
        personas.unit_a,
        token_digest(token),
    )
    assert timezone.localtime(row.expires_at).date() == expires + datetime.timedelta(days=1)
    # Shown once: the list shows the prefix only.
    again = client.get(TOKENS).content.decode()
    assert token not in again
    assert row.prefix in again
    assert "ODK sync" in again


def test_the_tokens_page_offers_the_users_own_organisations_only(client, personas):
    client.force_login(personas.counsellor_a)

    response = client.get(TOKENS)

    assert list(response.context["form"].fields["organisation"].queryset) == [personas.unit_a]
    refused = client.post(
        TOKENS, {"name": "x", "organisation": personas.unit_b.pk, "expires_on": "01/01/2030"}
    )
    assert refused.context["form"].errors["organisation"]
    assert not ApiToken.objects.exists()


def test_the_tokens_page_refuses_more_than_a_year(client, personas):
    client.force_login(personas.counsellor_a)
    too_late = today() + datetime.timedelta(days=400)

    response = client.post(
        TOKENS, {"name": "x", "organisation": "", "expires_on": too_late.strftime("%d/%m/%Y")}
    )

    assert response.context["form"].errors["expires_on"]
    assert not ApiToken.objects.exists()


def test_the_tokens_page_lists_and_revokes_the_users_tokens(client, personas):
    token = services.create_token(user=personas.counsellor_a, name="laptop")
    services.create_token(user=personas.counsellor_b, name="someone else's")
    row = ApiToken.objects.get(user=personas.counsellor_a)
    client.force_login(personas.counsellor_a)

    page = client.get(TOKENS).content.decode()
    assert "laptop" in page
    assert "someone else" not in page

    response = client.post(f"/en/accounts/tokens/{row.pk}/revoke/")

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert Client().get(ME, **bearer(token)).status_code == 401


def test_a_user_cannot_revoke_someone_elses_token(client, personas):
    services.create_token(user=personas.counsellor_b)
    row = ApiToken.objects.get()
    client.force_login(personas.counsellor_a)

    assert client.post(f"/en/accounts/tokens/{row.pk}/revoke/").status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None


def test_nobody_creates_a_token_for_someone_else(personas):
    with pytest.raises(PermissionDenied):
        services.create_token(user=personas.counsellor_a, created_by=personas.admin_a)


# ---- The command line


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_createtoken_takes_an_expiry_and_an_organisation(personas):
    expires = today() + datetime.timedelta(days=10)

    out, _err = run(
        "createtoken",
        "counsellor_a",
        "--expires",
        expires.isoformat(),
        "--organisation",
        str(personas.unit_a.pk),
    )

    row = ApiToken.objects.get(digest=token_digest(out.strip()))
    assert row.organisation == personas.unit_a
    assert timezone.localtime(row.expires_at).date() == expires + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--expires", "tomorrow"), "YYYY-MM-DD"),
        (("--expires", "2999-01-01"), "one year"),
        (("--organisation", "999999"), "No organisation"),
    ],
)
def test_createtoken_refuses_bad_options(personas, args, message):
    with pytest.raises(CommandError, match=message):
        run("createtoken", "counsellor_a", *args)
    assert not ApiToken.objects.exists()


def test_createtoken_refuses_an_organisation_of_someone_else(personas):
    with pytest.raises(CommandError, match="your own organisations"):
        run("createtoken", "counsellor_a", "--organisation", str(personas.unit_b.pk))
