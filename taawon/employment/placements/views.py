"""Pages for a referral's progress, placements and their follow-ups."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from taawon.core.exceptions import ValidationFailed
from taawon.core.forms import submit
from taawon.core.pagination import page_number, paginate

from .. import rules
from ..unit import access
from ..unit.web import query_string, require_reader
from . import queries, services, young
from .forms import FollowUpForm, PlacementForm, ReferralStatusForm


@login_required
def referral_status(request: HttpRequest, pk: int) -> HttpResponse:
    referral = queries.get_referral_for_user(request.user, pk, access.CHANGE)
    if not rules.status_choices(referral):
        raise Http404
    form = ReferralStatusForm(request.POST or None, referral=referral)
    saved = submit(
        request,
        form,
        lambda: services.set_referral_status(
            referral=referral, changed_by=request.user, **form.cleaned_data
        ),
        shown=ValidationFailed,
    )
    if saved is not None:
        messages.success(request, _("The referral was updated."))
        return redirect(referral.vacancy)
    return render(
        request, "employment/referral_status_form.html", {"form": form, "referral": referral}
    )


@login_required
def placement_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Hire the referred job seeker; the service refuses a closed or full vacancy."""
    referral = queries.get_referral_for_user(request.user, pk, access.CHANGE)
    if rules.placement_errors(referral):
        raise Http404
    form = PlacementForm(request.POST or None, referral=referral)
    placement = submit(
        request,
        form,
        lambda: services.place_job_seeker(
            referral=referral, placed_by=request.user, **form.cleaned_data
        ),
        shown=ValidationFailed,
    )
    if placement is not None:
        messages.success(request, _("The placement was recorded."))
        return redirect(placement)
    return render(request, "employment/placement_form.html", {"form": form, "referral": referral})


@login_required
def placement_list(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    due = request.GET.get("due") == "1"
    page = paginate(
        queries.placement_list(request.user, follow_up_due=due),
        page_number(request.GET.get("page")),
    )
    return render(
        request,
        "employment/placement_list.html",
        {"page_obj": page, "due": due, "query_string": query_string(request)},
    )


@login_required
def young_workers(request: HttpRequest) -> HttpResponse:
    """Persons placed before they turned 18, by occupation and weekly hours, and one by one
    for the unit's follow-up visits."""
    require_reader(request)
    page = paginate(
        queries.young_workers_placed(request.user), page_number(request.GET.get("page"))
    )
    for placement in page:
        placement.age_at_start = young.age_at_start(placement)
        placement.weekly_hours = young.weekly_hours(placement)
        placement.hazardous = young.hazardous(placement)
    return render(
        request,
        "employment/young_workers.html",
        {
            "page_obj": page,
            "by_occupation": queries.young_workers_by_occupation(request.user),
            "query_string": query_string(request),
        },
    )


@login_required
def placement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    placement = queries.get_placement_for_user(request.user, pk)
    return render(
        request,
        "employment/placement_detail.html",
        {
            "placement": placement,
            "missing": rules.missing_follow_ups(placement),
            "actions": rules.flags(
                rules.PLACEMENT_ACTIONS, rules.placement_actions(request.user, placement)
            ),
        },
    )


@login_required
def follow_up_create(request: HttpRequest, pk: int) -> HttpResponse:
    placement = queries.get_placement_for_user(request.user, pk, access.CHANGE)
    missing = rules.missing_follow_ups(placement)
    if not missing:
        raise Http404
    form = FollowUpForm(request.POST or None, checkpoints=missing)
    follow_up = submit(
        request,
        form,
        lambda: services.record_follow_up(
            placement=placement, recorded_by=request.user, **form.cleaned_data
        ),
        shown=ValidationFailed,
    )
    if follow_up is not None:
        messages.success(request, _("The follow-up was recorded."))
        return redirect(placement)
    return render(request, "employment/follow_up_form.html", {"form": form, "placement": placement})
