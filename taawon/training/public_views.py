"""The public page that checks a certificate's verification code, without an account.

It shows the name, the course and the date of a genuine certificate and nothing else; an
unknown (forged, mistyped) code gets one neutral answer."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from taawon.core.forms import StyledFormMixin

from . import queries


class VerifyForm(StyledFormMixin, forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=20)


def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    found = None
    unknown = False
    if request.GET and form.is_valid():
        participant = queries.by_certificate_code(form.cleaned_data["code"])
        if participant is None:
            unknown = True
        else:
            person = participant.person
            found = {
                "name_ar": person.name_ar,
                "name_en": person.name_en,
                "course": participant.event.course,
                "date": participant.event.end_date,
            }
    return render(
        request,
        "training/verify.html",
        {"form": form, "found": found, "unknown": unknown},
        status=404 if unknown else 200,
    )
