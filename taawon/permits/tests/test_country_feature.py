"""Flexible work permits through cooperatives exist only in Jordan: for a user who works only
in Lebanon (or Iraq) the menu has no entry, and the pages and the API refuse, saying why."""

from __future__ import annotations

import pytest
from django.test import Client

from taawon.accounts.models import Membership, Organisation, User
from taawon.core.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def lebanese_counsellor():
    office = Organisation.objects.create(name_en="ILO Lebanon", kind="country_office", country="LB")
    unit_parent = Organisation.objects.create(
        name_en="Coop L", kind="cooperative", country="LB", parent=office
    )
    user = User.objects.create_user(username="counsellor_lb", password=PASSWORD)
    Membership.objects.create(user=user, organisation=unit_parent, role="counsellor")
    return user


def _client(user) -> Client:
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def test_lebanon_gets_no_permits_menu_page_or_api(lebanese_counsellor):
    client = _client(lebanese_counsellor)
    home = client.get("/en/").content.decode()
    assert "/en/permits/" not in home
    page = client.get("/en/permits/")
    assert page.status_code == 404
    assert "exist only in Jordan" in page.content.decode()
    api = client.get("/api/v1/permits")
    assert api.status_code == 404 and "exist only in Jordan" in api.json()["detail"]


def test_jordan_keeps_its_permits(personas):
    client = _client(personas.counsellor_a)
    assert "/en/permits/" in client.get("/en/").content.decode()
    assert client.get("/en/permits/").status_code == 200
