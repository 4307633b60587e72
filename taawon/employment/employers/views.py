"""Pages for employers, their workplaces and farm visits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from taawon.core.exceptions import ValidationFailed
from taawon.core.forms import submit
from taawon.core.pagination import page_number, paginate

from .. import rules
from ..seasons import queries as season_queries
from ..unit import access, reference
from ..unit.web import query_string, require_adder, require_reader
from ..vacancies import queries as vacancy_queries
from . import queries, services
from .forms import EmployerFilterForm, EmployerForm, FarmVisitForm, WorkplaceForm
from .models import FarmVisit


@login_required
def employer_list(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    form = EmployerFilterForm(request.GET or None)
    page = paginate(
        queries.employer_list(request.user, **form.filters()), page_number(request.GET.get("page"))
    )
    template_name = "employment/employer_list.html"
    if request.htmx:
        template_name += "#rows"
    return render(
        request,
        template_name,
        {
            "form": form,
            "page_obj": page,
            "query_string": query_string(request),
            "may_add": rules.may_add(request.user),
        },
    )


@login_required
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employer = queries.get_employer_for_user(request.user, pk)
    return render(
        request,
        "employment/employer_detail.html",
        {
            "employer": employer,
            "workplaces": queries.workplaces_of(employer),
            "vacancies": vacancy_queries.vacancy_list(request.user, employer=employer)[:50],
            "visits": queries.visit_list(request.user, employer=employer)[:20],
            "crops": season_queries.farm_crop_list(request.user, employer=employer),
            "can_change": rules.may_change(request.user, employer),
        },
    )


@login_required
def employer_create(request: HttpRequest) -> HttpResponse:
    require_adder(request)
    form = EmployerForm(request.POST or None, user=request.user)
    employer = submit(
        request,
        form,
        lambda: services.register_employer(created_by=request.user, **form.service_kwargs()),
        shown=ValidationFailed,
    )
    if employer is not None:
        messages.success(request, _("The employer was added. Add its workplaces next."))
        return redirect(employer)
    return render(request, "employment/employer_form.html", {"form": form})


@login_required
def employer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employer = queries.get_employer_for_user(request.user, pk, access.CHANGE)
    form = EmployerForm(request.POST or None, user=request.user, employer=employer)
    saved = submit(
        request,
        form,
        lambda: services.update_employer(
            employer=employer, updated_by=request.user, **form.service_kwargs()
        ),
        shown=ValidationFailed,
    )
    if saved is not None:
        messages.success(request, _("The changes were saved."))
        return redirect(employer)
    return render(request, "employment/employer_form.html", {"form": form, "employer": employer})


@login_required
def workplace_create(request: HttpRequest, pk: int) -> HttpResponse:
    employer = queries.get_employer_for_user(request.user, pk, access.CHANGE)
    form = WorkplaceForm(request.POST or None, employer=employer)
    workplace = submit(
        request,
        form,
        lambda: services.add_workplace(
            employer=employer, created_by=request.user, **form.cleaned_data
        ),
        shown=ValidationFailed,
    )
    if workplace is not None:
        messages.success(request, _("The workplace was added."))
        return redirect(employer)
    return render(request, "employment/workplace_form.html", {"form": form, "employer": employer})


@login_required
def workplace_edit(request: HttpRequest, pk: int) -> HttpResponse:
    workplace = queries.get_workplace_for_user(request.user, pk, access.CHANGE)
    employer = workplace.employer
    form = WorkplaceForm(request.POST or None, employer=employer, workplace=workplace)
    saved = submit(
        request,
        form,
        lambda: services.update_workplace(
            workplace=workplace, updated_by=request.user, **form.cleaned_data
        ),
        shown=ValidationFailed,
    )
    if saved is not None:
        messages.success(request, _("The changes were saved."))
        return redirect(employer)
    return render(
        request,
        "employment/workplace_form.html",
        {"form": form, "employer": employer, "workplace": workplace},
    )


@login_required
def visit_list(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    purpose = request.GET.get("purpose", "")
    purpose = purpose if purpose in FarmVisit.Purpose.values else ""
    page = paginate(
        queries.visit_list(request.user, purpose=purpose), page_number(request.GET.get("page"))
    )
    return render(
        request,
        "employment/visit_list.html",
        {
            "page_obj": page,
            "purpose": purpose,
            "purposes": FarmVisit.Purpose.choices,
            "query_string": query_string(request),
        },
    )


@login_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = queries.get_visit_for_user(request.user, pk)
    answers = dict(FarmVisitForm.ANSWERS)
    checklist = [
        (
            item,
            answers.get(visit.osh_checklist.get(item.code, "")),
            visit.osh_checklist.get(item.code),
        )
        for item in reference.OSH_CHECKLIST
    ]
    return render(
        request,
        "employment/visit_detail.html",
        {
            "visit": visit,
            "checklist": checklist,
            "can_change": rules.may_change(request.user, visit),
        },
    )


@login_required
def visit_create(request: HttpRequest, pk: int) -> HttpResponse:
    employer = queries.get_employer_for_user(request.user, pk, access.CHANGE)
    form = FarmVisitForm(request.POST or None, employer=employer, user=request.user)
    visit = submit(
        request,
        form,
        lambda: services.record_farm_visit(
            employer=employer, recorded_by=request.user, **form.service_kwargs()
        ),
        shown=ValidationFailed,
    )
    if visit is not None:
        messages.success(request, _("The visit was recorded."))
        return redirect(visit)
    return render(request, "employment/visit_form.html", {"form": form, "employer": employer})


@login_required
def visit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    visit = queries.get_visit_for_user(request.user, pk, access.CHANGE)
    form = FarmVisitForm(
        request.POST or None, employer=visit.employer, user=request.user, visit=visit
    )
    saved = submit(
        request,
        form,
        lambda: services.update_farm_visit(
            visit=visit, updated_by=request.user, **form.service_kwargs()
        ),
        shown=ValidationFailed,
    )
    if saved is not None:
        messages.success(request, _("The changes were saved."))
        return redirect(visit)
    return render(
        request,
        "employment/visit_form.html",
        {"form": form, "employer": visit.employer, "visit": visit},
    )
