"""The subject-access copy: recorded with how identity was checked, audited, in the person's
language, identifiers masked."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from taawon.core.models import AuditEvent
from taawon.core.testing import pdf_text
from taawon.datarights import access_copy, services
from taawon.datarights.models import AccessRequest


def test_the_arabic_copy_names_the_person_in_arabic_and_masks_identifiers(personas, amal):
    html = access_copy.subject_access_html(person=amal, user=personas.counsellor_a, language="ar")
    assert 'lang="ar" dir="rtl"' in html
    assert "أمل يوسف الزعبي" in html
    assert "تصاريح العمل" in html  # the headings in Arabic too
    assert "9951234567" not in html
    assert "•••••••567" in html


def test_the_arabic_pdf_holds_the_person_s_arabic_name(personas, amal):
    pdf = access_copy.subject_access_pdf(person=amal, user=personas.counsellor_a, language="ar")
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "أمل يوسف الزعبي" in text
    assert "9951234567" not in text


def test_masked_keeps_only_the_last_digits():
    assert access_copy.masked("9951234567") == "•••••••567"
    assert access_copy.masked("12") == "••••"


def test_a_counsellor_records_the_identity_check_and_gets_the_pdf(client, login, personas, amal):
    login(personas.counsellor_a)
    with translation.override("ar"):
        url = reverse("datarights:access_request", args=[amal.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"identity_check": "document", "language": "ar"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    request = AccessRequest.objects.get()
    assert (request.person, request.created_by, request.identity_check, request.language) == (
        amal,
        personas.counsellor_a,
        "document",
        "ar",
    )
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, object_id=str(amal.pk), changes__person=amal.pk
    ).exists()


def test_no_copy_without_the_identity_check(client, login, personas, amal):
    login(personas.counsellor_a)
    url = reverse("datarights:access_request", args=[amal.pk])
    response = client.post(url, {"identity_check": "", "language": "ar"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert not AccessRequest.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("counsellor_b", 404), ("viewer_a", 403)])
def test_the_copy_is_not_for_those_who_may_not_handle_the_person(
    client, login, personas, amal, persona, status
):
    login(getattr(personas, persona))
    url = reverse("datarights:access_request", args=[amal.pk])
    assert client.post(url, {"identity_check": "document", "language": "en"}).status_code == status
    assert not AccessRequest.objects.exists()


def test_the_service_refuses_a_language_it_does_not_write(personas, amal):
    from taawon.core.exceptions import ValidationFailed

    with pytest.raises(ValidationFailed) as refused:
        services.record_access_request(
            person=amal, identity_check="document", language="fr", requested_by=None
        )
    assert "language" in refused.value.field_errors
