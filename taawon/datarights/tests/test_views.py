"""The pages, in English and Arabic, for each role: scoping, the person's panel, corrections,
consent changes, agreements and the partner export refused without an agreement."""

from __future__ import annotations

import io

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from taawon.core.models import AuditEvent
from taawon.datarights import services
from taawon.datarights.models import (
    CorrectionRequest,
    PartnerExport,
    SharedPerson,
    SharingAgreement,
)
from taawon.people.models import Consent


def url(name: str, *args, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse(f"datarights:{name}", args=args)


@pytest.fixture
def request_of_amal(personas, amal):
    return services.request_correction(
        person=amal,
        field="given_name_en",
        requested_value="Amaal",
        identity_check="known",
        requested_by=personas.counsellor_a,
    )


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_person_page_shows_consents_requests_and_shares(
    client, login, personas, amal, agreement, request_of_amal, lang
):
    services.export_to_partner(
        user=personas.admin_a,
        agreement=agreement,
        list_name="people",
        params=QueryDict(),
        fmt="csv",
        target=io.BytesIO(),
    )
    login(personas.counsellor_a)
    with translation.override(lang):
        page = client.get(reverse("people:person_detail", args=[amal.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert url("consent_change", amal.pk, lang=lang) in html
    assert url("access_request", amal.pk, lang=lang) in html
    assert (
        request_of_amal.get_absolute_url() in html or f"/corrections/{request_of_amal.pk}/" in html
    )
    assert "Protection Partner" in html
    assert "DSA-2026-01" in html


def test_a_viewer_sees_the_panel_without_its_actions(client, login, personas, amal):
    login(personas.viewer_a)
    html = client.get(reverse("people:person_detail", args=[amal.pk])).content.decode()
    assert "datarights-heading" in html
    assert url("consent_change", amal.pk) not in html
    assert url("access_request", amal.pk) not in html


def test_withdrawing_a_consent_from_the_page(client, login, personas, amal):
    login(personas.counsellor_a)
    response = client.post(url("consent_change", amal.pk), {"purpose": "sms", "given": "no"})
    assert response.status_code == 302
    assert services.consent_state(amal)["sms"] is False
    bad = client.post(url("consent_change", amal.pk), {"purpose": "nonsense", "given": "no"})
    assert bad.status_code == 400
    assert Consent.objects.filter(person=amal).count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [("counsellor_b", 404), ("viewer_a", 403), ("ministry_officer", 404), ("aggregate", 404)],
)
def test_consent_changes_are_scoped(client, login, personas, amal, persona, status):
    login(getattr(personas, persona))
    response = client.post(url("consent_change", amal.pk), {"purpose": "sms", "given": "no"})
    assert response.status_code == status
    assert not Consent.objects.filter(person=amal).exists()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_correction_from_request_to_change(client, login, personas, amal, lang):
    login(personas.counsellor_a)
    assert client.get(url("correction_create", amal.pk, lang=lang)).status_code == 200
    response = client.post(
        url("correction_create", amal.pk, lang=lang),
        {
            "field": "family_name_en",
            "requested_value": "Al-Zu'bi",
            "statement": "Spelt as in my passport",
            "identity_check": "document",
        },
    )
    request = CorrectionRequest.objects.get()
    assert response.status_code == 302
    assert client.get(url("correction_detail", request.pk, lang=lang)).status_code == 200
    assert client.post(url("correction_apply", request.pk, lang=lang)).status_code == 302
    amal.refresh_from_db()
    assert amal.family_name_en == "Al-Zu'bi"
    request.refresh_from_db()
    assert request.status == "corrected"


def test_a_bad_correction_form_shows_why_and_writes_nothing(client, login, personas, amal):
    login(personas.counsellor_a)
    response = client.post(
        url("correction_create", amal.pk),
        {"field": "sex", "requested_value": "", "identity_check": "document"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["requested_value"]
    assert not CorrectionRequest.objects.exists()


def test_refusing_needs_a_reason_on_the_page(client, login, personas, request_of_amal):
    login(personas.counsellor_a)
    assert (
        client.post(url("correction_refuse", request_of_amal.pk), {"reason": ""}).status_code == 400
    )
    done = client.post(
        url("correction_refuse", request_of_amal.pk), {"reason": "Passport says Amal."}
    )
    assert done.status_code == 302
    request_of_amal.refresh_from_db()
    assert request_of_amal.refusal_reason == "Passport says Amal."


@pytest.mark.parametrize(
    ("persona", "detail", "decide"),
    [
        ("counsellor_a", 200, 302),
        ("viewer_a", 200, 403),
        ("counsellor_b", 404, 404),
        ("officer", 200, 302),
        ("outsider", 404, 404),
    ],
)
def test_correction_pages_are_scoped(
    client, login, personas, request_of_amal, persona, detail, decide
):
    login(getattr(personas, persona))
    assert client.get(url("correction_detail", request_of_amal.pk)).status_code == detail
    response = client.post(url("correction_refuse", request_of_amal.pk), {"reason": "No."})
    assert response.status_code == decide


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("counsellor_a", True), ("counsellor_b", False), ("officer", True), ("viewer_a", True)],
)
def test_the_overview_lists_what_the_user_reaches(
    client, login, personas, request_of_amal, persona, sees
):
    login(getattr(personas, persona))
    for lang in ("en", "ar"):
        page = client.get(url("overview", lang=lang))
        assert page.status_code == 200
        assert (
            request_of_amal.get_absolute_url().split("/", 2)[2] in page.content.decode()
        ) is sees


def test_the_overview_is_closed_to_those_who_read_no_record(client, login, personas):
    for persona in ("ministry_officer", "aggregate", "outsider"):
        login(getattr(personas, persona))
        assert client.get(url("overview")).status_code == 404


def test_recording_an_agreement(client, login, personas):
    login(personas.admin_a)
    data = {
        "owner": personas.coop_a.pk,
        "partner": "Legal Aid Partner",
        "purpose": "Legal counselling",
        "fields_shared": "names, phone",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "document_reference": "DSA-LA-7",
    }
    assert client.get(url("agreement_create", lang="ar")).status_code == 200
    bad = client.post(url("agreement_create"), {**data, "ends_on": "2025-01-01"})
    assert bad.status_code == 200 and bad.context["form"].errors["ends_on"]
    assert not SharingAgreement.objects.exists()
    assert client.post(url("agreement_create"), data).status_code == 302
    agreement = SharingAgreement.objects.get()
    assert agreement.owner == personas.coop_a
    login(personas.counsellor_a)
    assert client.get(url("agreement_create")).status_code == 404
    login(personas.counsellor_b)
    assert client.get(url("agreement_detail", agreement.pk)).status_code == 404


def test_the_partner_export_page_refuses_without_an_agreement_and_writes_nothing(
    client, login, personas, amal, agreement
):
    login(personas.admin_a)
    assert client.get(url("partner_export", lang="ar")).status_code == 200
    events = AuditEvent.objects.count()
    response = client.post(
        url("partner_export"), {"agreement": "", "list_name": "people", "format": "csv"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["agreement"]
    assert not PartnerExport.objects.exists()
    assert AuditEvent.objects.count() == events


def test_the_partner_export_page_sends_the_file_and_logs_it(
    client, login, personas, amal, agreement
):
    login(personas.admin_a)
    response = client.post(
        url("partner_export") + "?q=Amal",
        {"agreement": agreement.pk, "list_name": "people", "format": "csv"},
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Amal" in body
    logged = PartnerExport.objects.get()
    assert logged.filters == {"q": "Amal"}
    assert list(SharedPerson.objects.values_list("person", flat=True)) == [amal.pk]


def test_the_partner_export_is_closed_to_counsellors(client, login, personas, agreement):
    login(personas.counsellor_a)
    assert client.get(url("partner_export")).status_code == 404


def test_a_value_the_registry_refuses_is_shown_on_the_request_which_stays_open(
    client, login, personas, amal
):
    request = services.request_correction(
        person=amal,
        field="phone",
        requested_value="12",
        identity_check="callback",
        requested_by=personas.counsellor_a,
    )
    login(personas.counsellor_a)
    response = client.post(url("correction_apply", request.pk))
    assert response.status_code == 400
    assert "alert-danger" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "open"
    amal.refresh_from_db()
    assert amal.phone == "+962791112233"


def test_the_consent_buttons_say_what_they_do_in_arabic(client, login, personas, amal):
    """A consent given can be withdrawn ("سحب الموافقة", not a permit's "سحب الطلب"), one
    never asked can be given, and the copies list the counsellor by name."""
    counsellor = personas.counsellor_a
    counsellor.first_name, counsellor.last_name = "Hiba", "Masaeed"
    counsellor.save(update_fields=["first_name", "last_name"])
    services.change_consent(
        person=amal, purpose=Consent.Purpose.SMS, given=True, changed_by=personas.counsellor_a
    )
    services.record_access_request(
        person=amal, identity_check="document", language="ar", requested_by=personas.counsellor_a
    )
    login(personas.counsellor_a)
    with translation.override("ar"):
        html = client.get(reverse("people:person_detail", args=[amal.pk])).content.decode()
    panel = html.split('id="datarights-heading"')[1]
    assert "سحب الموافقة" in panel and "سحب الطلب" not in panel
    assert "منح الموافقة" in panel
    assert "<bdi>Hiba Masaeed</bdi>" in panel
    assert f">{counsellor.username}<" not in panel
