"""Pages for job seekers: the list, a profile made from a registry person, counselling and
referral from the profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from taawon.core.exceptions import ValidationFailed
from taawon.core.forms import submit
from taawon.core.pagination import page_number, paginate

from .. import matching, rules
from ..placements import services as placement_services
from ..placements.forms import ReferralForm
from ..unit import access, reference
from ..unit.web import query_string, require_adder, require_reader
from ..vacancies import queries as vacancy_queries
from . import queries, services
from .forms import CounsellingForm, JobSeekerFilterForm, JobSeekerForm


@login_required
def job_seeker_list(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    form = JobSeekerFilterForm(request.GET or None)
    page = paginate(
        queries.job_seeker_list(request.user, **form.filters()),
        page_number(request.GET.get("page")),
    )
    template_name = "employment/job_seeker_list.html"
    if request.htmx:
        template_name += "#rows"
    return render(
        request,
        template_name,
        {"form": form, "page_obj": page, "query_string": query_string(request)},
    )


@login_required
def job_seeker_of_person(request: HttpRequest, person_pk: int) -> HttpResponse:
    """Where the person page links: the person's profile, or the form to create it."""
    person = access.get_person_for_user(request.user, person_pk)
    seeker = queries.job_seeker_of(request.user, person)
    if seeker is not None:
        return redirect(seeker)
    return redirect("employment:job_seeker_create", person_pk=person.pk)


@login_required
def job_seeker_create(request: HttpRequest, person_pk: int) -> HttpResponse:
    require_adder(request)
    person = access.get_person_for_user(request.user, person_pk)
    existing = queries.job_seeker_of(request.user, person)
    if existing is not None:
        return redirect(existing)
    form = JobSeekerForm(request.POST or None, user=request.user)
    seeker = submit(
        request,
        form,
        lambda: services.register_job_seeker(
            person=person, registered_by=request.user, **form.service_kwargs()
        ),
        shown=ValidationFailed,
    )
    if seeker is not None:
        messages.success(request, _("The job seeker profile was created."))
        return redirect(seeker)
    return render(request, "employment/job_seeker_form.html", {"form": form, "person": person})


@login_required
def job_seeker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = queries.get_job_seeker_for_user(request.user, pk)
    return render(
        request,
        "employment/job_seeker_detail.html",
        {
            "seeker": seeker,
            "person": seeker.person,
            "skills": reference.skill_names(seeker.skills),
            "sessions": queries.counselling_of(seeker),
            "referrals": queries.referrals_of_job_seeker(request.user, seeker),
            "can_change": rules.may_change(request.user, seeker),
            "recommendations": matching.recommend_vacancies(request.user, seeker),
        },
    )


@login_required
def job_seeker_edit(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = queries.get_job_seeker_for_user(request.user, pk, access.CHANGE)
    form = JobSeekerForm(request.POST or None, user=request.user, job_seeker=seeker)
    saved = submit(
        request,
        form,
        lambda: services.update_job_seeker(
            job_seeker=seeker, updated_by=request.user, **form.service_kwargs()
        ),
        shown=ValidationFailed,
    )
    if saved is not None:
        messages.success(request, _("The changes were saved."))
        return redirect(seeker)
    return render(
        request,
        "employment/job_seeker_form.html",
        {"form": form, "person": seeker.person, "seeker": seeker},
    )


@login_required
def counselling_create(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = queries.get_job_seeker_for_user(request.user, pk, access.CHANGE)
    form = CounsellingForm(request.POST or None)
    session = submit(
        request,
        form,
        lambda: services.record_counselling_session(
            job_seeker=seeker, recorded_by=request.user, **form.cleaned_data
        ),
        shown=ValidationFailed,
    )
    if session is not None:
        messages.success(request, _("The counselling session was recorded."))
        return redirect(seeker)
    return render(request, "employment/counselling_form.html", {"form": form, "seeker": seeker})


@login_required
def job_seeker_refer(request: HttpRequest, pk: int) -> HttpResponse:
    """Refer the job seeker to an open vacancy; those in an occupation sought come first."""
    seeker = queries.get_job_seeker_for_user(request.user, pk, access.CHANGE)
    form = ReferralForm(
        request.POST or None, vacancies=vacancy_queries.open_vacancies_for(request.user, seeker)
    )
    referral = submit(
        request,
        form,
        lambda: placement_services.refer_job_seeker(
            job_seeker=seeker, referred_by=request.user, **form.cleaned_data
        ),
        shown=ValidationFailed,
    )
    if referral is not None:
        messages.success(request, _("The job seeker was referred."))
        return redirect(seeker)
    return render(request, "employment/referral_form.html", {"form": form, "seeker": seeker})
