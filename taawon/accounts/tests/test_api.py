import pytest

from taawon.accounts import services
from taawon.accounts.models import User

ME = "/api/v1/accounts/me"


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def assert_unauthorised(response) -> None:
    assert response.status_code == 401
    body = response.json()
    assert body["errors"] == {}
    assert body["detail"]


def test_a_valid_token_authenticates(client, personas):
    token = services.create_token(user=personas.counsellor_a)

    response = client.get(ME, **bearer(token))

    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "counsellor_a"
    assert body["preferred_language"] == "en"
    assert body["memberships"] == [
        {
            "organisation": personas.unit_a.pk,
            "organisation_name": "Unit A",
            "role": "counsellor",
        }
    ]


def test_using_a_token_records_when_it_was_last_used(client, personas):
    token = services.create_token(user=personas.counsellor_a)

    client.get(ME, **bearer(token))

    assert personas.counsellor_a.api_tokens.get().last_used_at is not None


def test_a_request_without_a_token_is_unauthorised(client, personas):
    assert_unauthorised(client.get(ME))


@pytest.mark.parametrize(
    "header",
    ["Bearer tw_not-a-real-token", "Bearer nonsense", "Bearer ", "Basic Zm9vOmJhcg==", "tw_x"],
)
def test_an_invalid_token_is_unauthorised(client, personas, header):
    services.create_token(user=personas.counsellor_a)

    assert_unauthorised(client.get(ME, HTTP_AUTHORIZATION=header))


def test_a_revoked_token_is_unauthorised(client, personas):
    token = services.create_token(user=personas.counsellor_a)
    row = personas.counsellor_a.api_tokens.get()
    services.revoke_token(token=row, revoked_by=personas.counsellor_a)

    assert_unauthorised(client.get(ME, **bearer(token)))


def test_the_token_of_an_inactive_user_is_unauthorised(client, personas):
    token = services.create_token(user=personas.counsellor_a)
    User.objects.filter(pk=personas.counsellor_a.pk).update(is_active=False)

    assert_unauthorised(client.get(ME, **bearer(token)))


def test_a_logged_in_browser_session_authenticates(client, personas):
    client.force_login(personas.viewer_a)

    response = client.get(ME)

    assert response.status_code == 200
    assert response.json()["username"] == "viewer_a"


def test_the_openapi_document_is_served_with_the_accounts_path(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/accounts/me" in document["paths"]
    assert "BearerTokenAuth" in document["components"]["securitySchemes"]
