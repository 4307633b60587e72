"""Certificates: a PDF in Arabic and English on one A4 page, with the Arabic shaped (HTML text
through WeasyPrint and the Noto Sans Arabic font the project ships, `reports.pdf`), and a QR
code of the public page that verifies its code."""

from __future__ import annotations

import segno
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from taawon.formats.render import format_date

from .models import Participant


def verification_url(participant: Participant, request: HttpRequest | None = None) -> str:
    with translation.override("ar"):
        path = reverse("certificates:verify") + f"?code={participant.certificate_code}"
    return request.build_absolute_uri(path) if request is not None else path


def _in(language: str, value) -> str:
    with translation.override(language):
        return format_date(value)


def certificate_html(participant: Participant, request: HttpRequest | None = None) -> str:
    event = participant.event
    course = event.course
    person = participant.person
    url = verification_url(participant, request)
    qr = segno.make(url, error="m").svg_inline(scale=3, dark="#212529")
    return render_to_string(
        "training/certificate.html",
        {
            "participant": participant,
            "name_ar": person.name_ar or person.name_en,
            "name_en": person.name_en or person.name_ar,
            "course_ar": course.name_ar,
            "course_en": course.name_en,
            "kind_ar": _label(event.get_kind_display, "ar"),
            "kind_en": _label(event.get_kind_display, "en"),
            "dates_ar": f"{_in('ar', event.start_date)} – {_in('ar', event.end_date)}",
            "dates_en": f"{_in('en', event.start_date)} – {_in('en', event.end_date)}",
            "issued_ar": _in("ar", participant.certificate_issued_on),
            "issued_en": _in("en", participant.certificate_issued_on),
            "organiser": event.organiser,
            "partner": event.partner,
            "code": participant.certificate_code,
            "url": url,
            "qr": mark_safe(qr),  # segno's own SVG: no user text in it
        },
    )


def _label(getter, language: str) -> str:
    with translation.override(language):
        return str(getter())


def certificate_pdf(participant: Participant, request: HttpRequest | None = None) -> bytes:
    from taawon.reports.pdf import render_pdf

    return render_pdf(certificate_html(participant, request))
