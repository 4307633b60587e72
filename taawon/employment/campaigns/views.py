"""Pages for seasonal campaigns: the list, drafting, running the allocation (inline when
small, in the background when big, with the page polling), the review with the floor report,
and "Create referrals" in one action."""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from taawon.core import confirming
from taawon.core.exceptions import ValidationFailed
from taawon.core.forms import submit
from taawon.core.pagination import page_number, paginate

from .. import matching, rules
from ..unit import access
from ..unit.web import require_adder, require_reader
from . import queries, services
from .forms import CampaignForm
from .models import Campaign


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    page = paginate(queries.campaign_list(request.user), page_number(request.GET.get("page")))
    return render(
        request,
        "employment/campaign_list.html",
        {"page_obj": page, "may_add": rules.may_add(request.user)},
    )


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    require_adder(request)
    form = CampaignForm(request.POST or None, user=request.user)
    campaign = submit(
        request,
        form,
        lambda: services.draft_campaign(drafted_by=request.user, **form.service_kwargs()),
        shown=ValidationFailed,
    )
    if campaign is not None:
        messages.success(request, _("The campaign was drafted. Run it to see a proposal."))
        return redirect(campaign)
    return render(request, "employment/campaign_form.html", {"form": form})


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = queries.get_campaign_for_user(request.user, pk, access.CHANGE)
    form = CampaignForm(request.POST or None, user=request.user, campaign=campaign)
    saved = submit(
        request,
        form,
        lambda: services.update_campaign(
            campaign=campaign, updated_by=request.user, **form.service_kwargs()
        ),
        shown=ValidationFailed,
    )
    if saved is not None:
        messages.success(request, _("The changes were saved."))
        return redirect(campaign)
    return render(request, "employment/campaign_form.html", {"form": form, "campaign": campaign})


def floor_lines(campaign: Campaign, names: dict[int, str]) -> list[dict[str, Any]]:
    """The library's floor report, worded again from its numbers in the reader's language."""
    groups = {"women": _("women"), "refugees": _("refugees")}
    statuses = {"met": _("Met"), "binding": _("Binding"), "short": _("Short")}
    lines = []
    for row in campaign.floor_report:
        values = {
            "group": groups.get(row["group"], row["group"]),
            "share": round(row["share"] * 100),
            "members": row["members"],
            "allocated": row["allocated"],
            "eligible": row["eligible"],
            "could": row["unconstrained"],
            "needed": math.ceil(row["share"] * row["unconstrained"] - 1e-9),
        }
        placed = _("%(members)s of %(allocated)s placed are %(group)s (floor %(share)s%%).")
        if row["status"] == "short":
            text = _(
                "Needs %(needed)s %(group)s to keep %(share)s%% of the %(could)s it could place "
                "without the floor; only %(eligible)s are candidates, so positions stay empty."
            )
            text = f"{text % values} {placed % values}"
        elif row["status"] == "binding":
            text = (
                placed % values + " " + _("Without the floor fewer would be: it changed who goes.")
            )
        else:
            text = placed % values
        if row.get("left_empty"):
            text += " " + ngettext(
                "%(count)s position left empty because of this floor.",
                "%(count)s positions left empty because of this floor.",
                row["left_empty"],
            ) % {"count": row["left_empty"]}
        where = names.get(row["vacancy"], "") if row["vacancy"] else _("The whole campaign")
        lines.append(
            {
                "where": where,
                "status": row["status"],
                "label": statuses[row["status"]],
                "text": text,
            }
        )
    return lines


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = queries.get_campaign_for_user(request.user, pk)
    if request.htmx and request.GET.get("poll"):
        if campaign.status != Campaign.Status.RUNNING:
            return HttpResponseClientRefresh()
        return render(request, "employment/campaign_detail.html#running", {"campaign": campaign})
    vacancies = list(queries.campaign_vacancies(campaign))
    names = {v.pk: f"{v.title or v.occupation.display_title} · {v.employer.display_name}"
             for v in vacancies}  # fmt: skip
    assignments = list(queries.assignments_of(campaign))
    per_vacancy: dict[int, int] = {}
    for assignment in assignments:
        per_vacancy[assignment.vacancy_id] = per_vacancy.get(assignment.vacancy_id, 0) + 1
    for vacancy in vacancies:
        vacancy.assigned = per_vacancy.get(vacancy.pk, 0)
    return render(
        request,
        "employment/campaign_detail.html",
        {
            "campaign": campaign,
            "vacancies": vacancies,
            "assignments": assignments,
            "totals": queries.campaign_totals(campaign),
            "floors": floor_lines(campaign, names),
            "actions": rules.flags(
                rules.CAMPAIGN_ACTIONS, rules.campaign_actions(request.user, campaign)
            ),
            "floor_effects": matching.floor_effects(campaign.floor_report, campaign.positions),
        },
    )


@login_required
@require_POST
def campaign_run(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = queries.get_campaign_for_user(request.user, pk, access.CHANGE)
    try:
        done = services.run_campaign(campaign=campaign, run_by=request.user)
    except ValidationFailed as error:
        messages.error(request, str(error.message))
        for problems in error.field_errors.values():
            for problem in problems:
                messages.error(request, problem)
        return redirect(campaign)
    if done:
        messages.success(request, _("The allocation is proposed: review it below."))
    else:
        messages.info(request, _("The campaign is big: the allocation runs in the background."))
    return redirect(campaign)


@login_required
def campaign_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """GET (or a POST without `confirm`): the referrals that would be created, to confirm; a
    POST with the token of what was shown creates them, or asks again when it changed."""
    campaign = queries.get_campaign_for_user(request.user, pk, access.CHANGE)
    confirm = request.POST.get(confirming.FIELD) if request.method == "POST" else None
    try:
        if not confirm:
            return _confirm_page(request, services.plan_campaign_referrals(campaign=campaign))
        applied = services.apply_campaign(
            campaign=campaign, applied_by=request.user, confirm=confirm
        )
    except ValidationFailed as error:
        for problems in error.field_errors.values():
            for problem in problems:
                messages.error(request, problem)
        return redirect(campaign)
    except confirming.ConfirmationChanged as error:
        messages.warning(request, str(error.message))
        plan = services.plan_campaign_referrals(campaign=campaign)
        return _confirm_page(request, plan, status=409)
    messages.success(
        request,
        ngettext("%(n)s referral was created.", "%(n)s referrals were created.", applied.created)
        % {"n": applied.created},
    )
    if applied.skipped:
        messages.warning(
            request,
            ngettext(
                "%(n)s proposal was skipped: it became invalid since the run (see below).",
                "%(n)s proposals were skipped: they became invalid since the run (see below).",
                len(applied.skipped),
            )
            % {"n": len(applied.skipped)},
        )
    return redirect(campaign)


def _confirm_page(
    request: HttpRequest, plan: services.ReferralPlan, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "employment/campaign_apply_confirm.html",
        {
            "campaign": plan.campaign,
            "plan": plan,
            "referrals": len(plan.to_refer),
            "placed": len(plan.assignments) - len(plan.to_refer),
        },
        status=status,
    )
