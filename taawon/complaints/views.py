"""Pages of complaints for the unit's staff: the list, recording one in person, a complaint
with its history and its next step, and the unit's focal points."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taawon.accounts import scoping
from taawon.core import audit
from taawon.core.exceptions import DomainError, ValidationFailed
from taawon.core.forms import submit
from taawon.core.pagination import page_number, paginate

from . import queries, rules, services
from .forms import ACTION_LABELS, ComplaintFilterForm, ComplaintForm, FocalPointForm, StepForm


def _require_reader(request: HttpRequest) -> None:
    if not rules.may_read_any(request.user):
        raise Http404


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    form = ComplaintFilterForm(request.GET or None)
    page = paginate(
        queries.complaint_list(request.user, **form.filters()),
        page_number(request.GET.get("page")),
    )
    template_name = "complaints/complaint_list.html"
    if request.htmx:
        template_name += "#rows"
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        template_name,
        {
            "form": form,
            "page_obj": page,
            "query_string": query.urlencode(),
            "may_record": rules.may_record(request.user),
            "may_designate": rules.may_designate(request.user),
            "now": timezone.now(),
        },
    )


@login_required
def complaint_create(request: HttpRequest) -> HttpResponse:
    if not rules.may_record(request.user):
        raise Http404
    form = ComplaintForm(request.POST or None, user=request.user)
    receipt = submit(
        request,
        form,
        lambda: services.record_complaint(recorded_by=request.user, **form.service_kwargs()),
        shown=ValidationFailed,
    )
    if receipt is not None:
        # The PIN is shown once, to be given to the complainant with the reference.
        messages.success(
            request,
            _(
                "The complaint was recorded. Give the complainant its reference %(reference)s "
                "and PIN %(pin)s to follow it."
            )
            % {"reference": receipt.complaint.reference, "pin": receipt.pin},
        )
        if queries.complaints_for(request.user).filter(pk=receipt.complaint.pk).exists():
            return redirect(receipt.complaint)
        return redirect("complaints:complaint_list")
    return render(request, "complaints/complaint_form.html", {"form": form})


@login_required
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = queries.get_complaint_for_user(request.user, pk)
    if complaint.sensitive:
        # Who read a sensitive complaint is on its record, as for a revealed identifier.
        audit.record(actor=request.user, action="view", obj=complaint)
    actions = rules.allowed_actions(request.user, complaint)
    labels = dict(ACTION_LABELS)
    return render(
        request,
        "complaints/complaint_detail.html",
        {
            "complaint": complaint,
            "steps": queries.steps_of(complaint),
            "actions": [(action, labels[action]) for action in actions],
            "overdue": queries.complaints_for(request.user)
            .filter(queries.overdue_condition(), pk=complaint.pk)
            .exists(),
        },
    )


@login_required
def complaint_step(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = queries.get_complaint_for_user(request.user, pk, scoping.CHANGE)
    actions = rules.allowed_actions(request.user, complaint)
    if not rules.may_handle(request.user, complaint):
        raise Forbidden
    initial = {"action": request.GET.get("action")} if request.GET.get("action") in actions else {}
    form = StepForm(request.POST or None, actions=actions, initial=initial)
    done = submit(
        request,
        form,
        lambda: services.take_step(
            complaint=complaint,
            by=request.user,
            action=form.cleaned_data["action"],
            note=form.cleaned_data["note"],
            service=form.cleaned_data["service"],
            person_informed=form.cleaned_data["person_informed"],
            satisfaction=form.cleaned_data["satisfaction"],
        ),
        shown=DomainError,
    )
    if done is not None:
        messages.success(request, _("The step was recorded."))
        return redirect(done)
    return render(
        request,
        "complaints/step_form.html",
        {"form": form, "complaint": complaint, "actions": actions},
    )


@login_required
def focal_points(request: HttpRequest) -> HttpResponse:
    if not rules.may_designate(request.user):
        raise Http404
    form = FocalPointForm(request.POST or None, user=request.user)
    focal = submit(
        request,
        form,
        lambda: services.designate_focal_point(by=request.user, **form.cleaned_data),
        shown=ValidationFailed,
    )
    if focal is not None:
        messages.success(request, _("The focal point was designated."))
        return redirect("complaints:focal_points")
    return render(
        request,
        "complaints/focal_points.html",
        {"form": form, "focal_points": queries.focal_points_for(request.user)},
    )


@login_required
@require_POST
def focal_point_remove(request: HttpRequest, pk: int) -> HttpResponse:
    focal = queries.get_focal_point_for_user(request.user, pk)
    services.remove_focal_point(focal_point=focal, by=request.user)
    messages.success(request, _("The focal point was removed."))
    return redirect("complaints:focal_points")
