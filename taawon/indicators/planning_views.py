"""The logframe page (targets and what was achieved) and the reporting period locks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taawon.core.exceptions import DomainError
from taawon.core.forms import submit

from . import access, queries, rules, services
from .planning_forms import LockForm, LogframeItemForm, TargetForm, UnlockForm


def _require_planner(request: HttpRequest) -> None:
    if not rules.may_plan(request.user):
        raise Http404


@login_required
def logframe(request: HttpRequest) -> HttpResponse:
    if not access.may_see_indicators(request.user):
        raise Http404
    return render(
        request,
        "indicators/logframe.html",
        {
            "items": queries.logframe_progress(request.user),
            "may_plan": rules.may_plan(request.user),
        },
    )


@login_required
def logframe_item_create(request: HttpRequest) -> HttpResponse:
    _require_planner(request)
    form = LogframeItemForm(request.POST or None, user=request.user)
    item = submit(
        request,
        form,
        lambda: services.create_logframe_item(created_by=request.user, **form.cleaned_data),
        shown=DomainError,
    )
    if item is not None:
        messages.success(request, _("The logframe item was added."))
        return redirect("indicators:logframe")
    title = _("New logframe item")
    return render(request, "indicators/planning_form.html", {"form": form, "title": title})


@login_required
def target_set(request: HttpRequest) -> HttpResponse:
    _require_planner(request)
    form = TargetForm(request.POST or None, user=request.user)
    target = submit(
        request,
        form,
        lambda: services.set_target(set_by=request.user, **form.cleaned_data),
        shown=DomainError,
    )
    if target is not None:
        messages.success(request, _("The target was saved."))
        return redirect("indicators:logframe")
    title = _("Set a target")
    return render(request, "indicators/planning_form.html", {"form": form, "title": title})


@login_required
def period_locks(request: HttpRequest) -> HttpResponse:
    _require_planner(request)
    form = LockForm(request.POST or None, user=request.user)
    lock = submit(
        request,
        form,
        lambda: services.lock_period(locked_by=request.user, **form.cleaned_data),
        shown=DomainError,
    )
    if lock is not None:
        messages.success(request, _("The period was locked."))
        return redirect("indicators:period_locks")
    return render(
        request,
        "indicators/period_locks.html",
        {
            "form": form,
            "locks": queries.period_locks(request.user),
            "unlock": UnlockForm(user=request.user),
        },
    )


@login_required
@require_POST
def period_unlock(request: HttpRequest) -> HttpResponse:
    _require_planner(request)
    form = UnlockForm(request.POST, user=request.user)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose a locked period you may unlock."))
    lock = form.cleaned_data["lock"]
    services.unlock_period(lock=lock, unlocked_by=request.user)
    messages.success(request, _("The period was unlocked."))
    return redirect("indicators:period_locks")
