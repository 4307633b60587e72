"""The public pages, without an account: the complaints and feedback form, its receipt, and
the status page where a reference number and its PIN show where a complaint stands.

A wrong or unknown reference or PIN gets one neutral answer that says nothing of whether the
reference exists. Both pages are throttled per client address (`throttle`); a throttled
submitter keeps what they wrote in the form.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from taawon.core.exceptions import ValidationFailed
from taawon.core.forms import run_service

from . import queries, services, throttle
from .forms import PublicComplaintForm, StatusForm
from .models import Channel

RECEIPT = "complaints_receipt"
TOO_MANY = 429


def feedback_form(request: HttpRequest) -> HttpResponse:
    form = PublicComplaintForm(request.POST or None)
    status = 200
    # Only a submission that would be written counts towards the limit: one refused for its
    # content writes nothing, and the person corrects it without losing a try.
    if request.method == "POST" and form.is_valid():
        if form.is_bot:
            form.add_error(None, _("This form could not be sent. Try again."))
        elif not throttle.allowed(request):
            form.add_error(
                None,
                _(
                    "Too many messages were sent from your connection in a short time. What "
                    "you wrote is kept below: wait a few minutes, then send it again."
                ),
            )
            status = TOO_MANY
        else:
            receipt = run_service(
                form,
                services.record_complaint,
                shown=ValidationFailed,
                owner=form.cleaned_data["owner"],
                category=form.cleaned_data["category"],
                description=form.cleaned_data["description"],
                complainant_kind=form.cleaned_data["complainant_kind"],
                contact_name=form.cleaned_data["contact_name"],
                contact_phone=form.cleaned_data["contact_phone"],
                channel=Channel.WEB,
                language=get_language() or "ar",
            )
            if receipt is not None:
                request.session[RECEIPT] = {
                    "reference": receipt.complaint.reference,
                    "pin": receipt.pin,
                }
                return redirect("feedback:thanks")
    return render(request, "complaints/public_form.html", {"form": form}, status=status)


def feedback_thanks(request: HttpRequest) -> HttpResponse:
    receipt = request.session.pop(RECEIPT, None)
    if receipt is None:
        return redirect("feedback:form")
    return render(request, "complaints/public_thanks.html", {"receipt": receipt})


def feedback_status(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.POST or None)
    complaint = None
    not_found = False
    status = 200
    if request.method == "POST" and form.is_valid():
        if not throttle.allowed(request, "status", times=4):
            form.add_error(
                None,
                _("Too many lookups from your connection in a short time. Try again later."),
            )
            status = TOO_MANY
        else:
            found = queries.by_reference(form.cleaned_data["reference"])
            if services.pin_matches(found, form.cleaned_data["pin"]):
                complaint = found
            else:
                not_found = True
    return render(
        request,
        "complaints/public_status.html",
        {"form": form, "complaint": complaint, "not_found": not_found},
        status=status,
    )
