"""The demo holds data requests, agreements and a logged partner export, in both languages."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from taawon.datarights.models import (
    AccessRequest,
    CorrectionRequest,
    PartnerExport,
    SharedPerson,
    SharingAgreement,
)
from taawon.people import queries as people_queries
from taawon.people.models import Consent


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_the_demo_has_requests_agreements_and_a_logged_partner_export():
    call_command("demo", "--no-serve", "--scale", "0.1", stdout=io.StringIO())

    assert SharingAgreement.objects.count() == 2
    assert {r.status for r in CorrectionRequest.objects.all()} == {"open", "corrected", "refused"}
    assert CorrectionRequest.objects.get(status="refused").refusal_reason
    assert AccessRequest.objects.count() == 2
    export = PartnerExport.objects.get()
    assert export.agreement.partner == "UNHCR Jordan"
    assert export.rows == SharedPerson.objects.count() >= 1
    withheld = people_queries.withheld_consent(
        "data_sharing", SharedPerson.objects.values_list("person_id", flat=True)
    )
    assert not withheld
    withdrawn = Consent.objects.get(purpose="sms", note="لا ترغب في تلقي الرسائل النصية")
    assert people_queries.withheld_consent("sms", [withdrawn.person_id])
