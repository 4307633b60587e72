"""One-click referral from a recommendation: the Refer button of a job seeker's recommended
vacancies and of a vacancy's candidates. It calls the same referral service as the referral
form; with htmx it answers the button's new state and, out of band, the page's referrals
panel; without htmx, a redirect back."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taawon.core.exceptions import PermissionDenied, ValidationFailed

from .. import rules
from ..placements import services as placement_services
from ..seekers import queries as seeker_queries
from ..unit import access
from ..vacancies import queries as vacancy_queries


def _id(request: HttpRequest, name: str) -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise BadRequest(name) from None


@login_required
@require_POST
def refer_match(request: HttpRequest) -> HttpResponse:
    seeker = seeker_queries.get_job_seeker_for_user(request.user, _id(request, "job_seeker"))
    vacancy = vacancy_queries.get_vacancy_for_user(
        request.user, _id(request, "vacancy"), access.CHANGE
    )
    error = ""
    try:
        placement_services.refer_job_seeker(
            job_seeker=seeker, vacancy=vacancy, referred_by=request.user
        )
    except ValidationFailed as failed:
        error = " ".join(m for messages_ in failed.field_errors.values() for m in messages_)
        error = error or str(failed.message)
    except PermissionDenied as denied:
        error = str(denied.message)
    back = vacancy if request.POST.get("back") == "vacancy" else seeker
    if request.htmx:
        context = {"referred": not error, "error": error, "seeker": seeker, "vacancy": vacancy}
        if not error:
            context.update(_referrals_panel(request, back is vacancy, seeker, vacancy))
        return render(request, "employment/includes/refer_button.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The job seeker was referred."))
    return redirect(back)


def _referrals_panel(request: HttpRequest, on_vacancy: bool, seeker, vacancy) -> dict[str, Any]:
    """The referrals panel of the page the button is on, as that page shows it: the response
    swaps it in out of band, so that the new referral shows without a reload."""
    if on_vacancy:
        referrals = list(vacancy_queries.referrals_of_vacancy(request.user, vacancy))
        for referral in referrals:
            referral.vacancy = vacancy  # the rules read its status; spare a query per row
            referral.actions = rules.referral_actions(request.user, referral)
        return {"oob": "vacancy", "referrals": referrals}
    referrals = seeker_queries.referrals_of_job_seeker(request.user, seeker)
    return {"oob": "seeker", "referrals": referrals}
