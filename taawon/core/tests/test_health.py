import pytest


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_home_asks_anonymous_users_to_log_in(client):
    response = client.get("/en/")
    assert response.status_code == 302
    assert "/en/accounts/login/" in response["Location"]


def test_login_page_renders_in_arabic_right_to_left(client, personas):
    response = client.get("/ar/accounts/login/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()
    assert "bootstrap.rtl.min.css" in response.content.decode()
