"""Pages for vacancies: the filtered list, one vacancy with its referrals, and changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taawon.core.exceptions import Conflict, ValidationFailed
from taawon.core.forms import submit
from taawon.core.pagination import page_number, paginate
from taawon.protection import rules as protection_rules

from .. import matching, rules
from ..employers import queries as employer_queries
from ..placements import services as placement_services
from ..placements.forms import ReferralForm
from ..seekers import queries as seeker_queries
from ..unit import access, reference
from ..unit.web import query_string, require_reader
from . import queries, services
from .forms import VacancyFilterForm, VacancyForm


@login_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    form = VacancyFilterForm(request.GET or None)
    page = paginate(
        queries.vacancy_list(request.user, **form.filters()), page_number(request.GET.get("page"))
    )
    template_name = "employment/vacancy_list.html"
    if request.htmx:
        template_name += "#rows"
    return render(
        request,
        template_name,
        {"form": form, "page_obj": page, "query_string": query_string(request)},
    )


@login_required
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = queries.get_vacancy_for_user(request.user, pk)
    referrals = list(queries.referrals_of_vacancy(request.user, vacancy))
    for referral in referrals:
        referral.vacancy = vacancy  # the rules read its status; spare a query per row
        referral.actions = rules.referral_actions(request.user, referral)
    return render(
        request,
        "employment/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "remaining": max(vacancy.positions - vacancy.filled, 0),
            "skills": reference.skill_names(vacancy.skills),
            "hazards": protection_rules.hazards(vacancy.occupation.code, vacancy.tasks),
            "referrals": referrals,
            "actions": rules.flags(
                rules.VACANCY_ACTIONS, rules.vacancy_actions(request.user, vacancy)
            ),
            "recommendations": matching.recommend_job_seekers(request.user, vacancy),
        },
    )


@login_required
def vacancy_create(request: HttpRequest, pk: int) -> HttpResponse:
    employer = employer_queries.get_employer_for_user(request.user, pk, access.CHANGE)
    form = VacancyForm(request.POST or None, employer=employer)
    vacancy = submit(
        request,
        form,
        lambda: services.post_vacancy(
            employer=employer, posted_by=request.user, **form.service_kwargs()
        ),
        shown=ValidationFailed,
    )
    if vacancy is not None:
        messages.success(request, _("The vacancy was posted."))
        return redirect(vacancy)
    return render(request, "employment/vacancy_form.html", {"form": form, "employer": employer})


@login_required
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = queries.get_vacancy_for_user(request.user, pk, access.CHANGE)
    form = VacancyForm(request.POST or None, employer=vacancy.employer, vacancy=vacancy)
    saved = submit(
        request,
        form,
        lambda: services.update_vacancy(
            vacancy=vacancy, updated_by=request.user, **form.service_kwargs()
        ),
        shown=ValidationFailed,
    )
    if saved is not None:
        messages.success(request, _("The changes were saved."))
        return redirect(vacancy)
    return render(
        request,
        "employment/vacancy_form.html",
        {"form": form, "employer": vacancy.employer, "vacancy": vacancy},
    )


@login_required
@require_POST
def vacancy_close(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = queries.get_vacancy_for_user(request.user, pk, access.CHANGE)
    try:
        services.close_vacancy(vacancy=vacancy, closed_by=request.user)
    except Conflict as error:
        messages.error(request, str(error.message))
        return redirect(vacancy)
    messages.success(request, _("The vacancy was closed."))
    return redirect(vacancy)


@login_required
@require_POST
def vacancy_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = queries.get_vacancy_for_user(request.user, pk, access.CHANGE)
    try:
        services.reopen_vacancy(vacancy=vacancy, reopened_by=request.user)
    except Conflict as error:
        messages.error(request, str(error.message))
        return redirect(vacancy)
    messages.success(request, _("The vacancy was reopened."))
    return redirect(vacancy)


@login_required
def vacancy_refer(request: HttpRequest, pk: int) -> HttpResponse:
    """Refer a job seeker of the vacancy's unit; those seeking its occupation come first."""
    vacancy = queries.get_vacancy_for_user(request.user, pk, access.CHANGE)
    form = ReferralForm(
        request.POST or None,
        job_seekers=seeker_queries.referable_job_seekers(request.user, vacancy),
    )
    referral = submit(
        request,
        form,
        lambda: placement_services.refer_job_seeker(
            vacancy=vacancy, referred_by=request.user, **form.cleaned_data
        ),
        shown=ValidationFailed,
    )
    if referral is not None:
        messages.success(request, _("The job seeker was referred."))
        return redirect(vacancy)
    return render(request, "employment/referral_form.html", {"form": form, "vacancy": vacancy})
