from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from taawon.accounts.services import create_token
from taawon.core.testing import PASSWORD
from taawon.datarights import services
from taawon.people.tests.factories import PersonFactory


@pytest.fixture
def amal(personas):
    """A refugee registered by unit A, with a national ID and a phone."""
    return PersonFactory(
        owner=personas.unit_a,
        given_name_ar="أمل",
        father_name_ar="يوسف",
        family_name_ar="الزعبي",
        given_name_en="Amal",
        father_name_en="Yousef",
        family_name_en="Al-Zoubi",
        phone="+962791112233",
        identifiers={"national_id": "9951234567"},
    )


@pytest.fixture
def agreement(personas):
    """Cooperative A's agreement with a protection partner, in force a year around today."""
    today = timezone.localdate()
    return services.record_agreement(
        owner=personas.coop_a,
        data={
            "partner": "Protection Partner",
            "purpose": "Case management referrals",
            "fields_shared": "names, phone, sex, year of birth, governorate",
            "starts_on": today - datetime.timedelta(days=180),
            "ends_on": today + datetime.timedelta(days=180),
            "document_reference": "DSA-2026-01",
        },
        recorded_by=personas.admin_a,
    )


@pytest.fixture
def login(client):
    def as_user(user):
        client.logout()
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return as_user


@pytest.fixture
def api(client):
    class Api:
        headers: dict = {}

        def as_user(self, user):
            self.headers = {"Authorization": f"Bearer {create_token(user=user)}"}
            return self

        def get(self, path, **params):
            return client.get("/api/v1/data-rights" + path, params, headers=self.headers)

        def post(self, path, body):
            data = body if isinstance(body, str) else json.dumps(body)
            return client.post(
                "/api/v1/data-rights" + path,
                data,
                content_type="application/json",
                headers=self.headers,
            )

    return Api()
