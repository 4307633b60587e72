"""A user whose preferred language is Sorani Kurdish (ckb) works in Sorani, right to left."""

import pytest

from taawon.accounts.models import User
from taawon.core.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_sorani_speaker_continues_in_sorani_after_login(client, personas):
    User.objects.filter(pk=personas.counsellor_a.pk).update(preferred_language="ckb")

    response = client.post(
        "/en/accounts/login/?next=/en/accounts/profile/",
        {"username": "counsellor_a", "password": PASSWORD, "next": "/en/accounts/profile/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/ckb/accounts/profile/"
    assert response.cookies["django_language"].value == "ckb"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="ckb" dir="rtl">' in page
    assert "هەژمارەکەم" in page  # "My account"
    assert 'value="ar" lang="ar">العربية</button>' in page


def test_the_language_switch_takes_a_user_to_sorani(client, personas):
    client.force_login(personas.counsellor_a)
    response = client.post("/i18n/setlang/", {"language": "ckb", "next": "/en/accounts/profile/"})

    assert response.status_code == 302
    assert response["Location"] == "/ckb/accounts/profile/"
