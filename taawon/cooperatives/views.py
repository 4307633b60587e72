"""The registry's web pages: parse, fetch through queries, change through services, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taawon.accounts.scoping import CHANGE
from taawon.core.forms import submit
from taawon.core.pagination import page_number, paginate
from taawon.core.queries import history_for_object
from taawon.geo.countries import country_name

from . import queries, rules, services
from .forms import (
    CooperativeFilterForm,
    CooperativeForm,
    EmploymentUnitForm,
    MemberCountsForm,
    MemberRowFormSet,
    counts_from_rows,
    member_rows_initial,
)


def _query_string(request: HttpRequest) -> str:
    """The current filters, ready for "?{{ query_string }}page=N"."""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


@login_required
def cooperative_list(request: HttpRequest) -> HttpResponse:
    form = CooperativeFilterForm(
        request.GET or None, countries=queries.registry_countries(request.user)
    )
    cooperatives = queries.cooperative_list(request.user, **form.filters())
    page = paginate(cooperatives, page_number(request.GET.get("page")))
    template_name = "cooperatives/cooperative_list.html"
    if request.htmx:
        template_name += "#rows"
    return render(
        request,
        template_name,
        {
            "form": form,
            "page_obj": page,
            "query_string": _query_string(request),
            "may_register": rules.may_register(request.user),
        },
    )


@login_required
def cooperative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cooperative = queries.get_cooperative_for_user(request.user, pk)
    return render(
        request,
        "cooperatives/cooperative_detail.html",
        {
            "cooperative": cooperative,
            "country_name": country_name(cooperative.country),
            "members": queries.member_totals(cooperative),
            "units": queries.employment_units(cooperative),
            "may": rules.flags(rules.cooperative_actions(request.user, cooperative)),
        },
    )


@login_required
def cooperative_history(request: HttpRequest, pk: int) -> HttpResponse:
    cooperative = queries.get_cooperative_for_user(request.user, pk)
    page = paginate(history_for_object(cooperative), page_number(request.GET.get("page")))
    return render(
        request,
        "cooperatives/cooperative_history.html",
        {"cooperative": cooperative, "page_obj": page, "query_string": ""},
    )


@login_required
def cooperative_create(request: HttpRequest) -> HttpResponse:
    if not rules.may_register(request.user):
        raise Http404
    form = CooperativeForm(request.POST or None, user=request.user)
    cooperative = submit(
        request,
        form,
        lambda: services.register_cooperative(created_by=request.user, **form.service_kwargs()),
    )
    if cooperative is not None:
        messages.success(request, _("The cooperative was registered."))
        return redirect(cooperative)
    return render(request, "cooperatives/cooperative_form.html", {"form": form})


def _changeable(request: HttpRequest, pk: int, action: str):
    """The cooperative if the user may take `action` on it now; 404 otherwise, archived
    included."""
    cooperative = queries.get_cooperative_for_user(request.user, pk, CHANGE)
    if action not in rules.cooperative_actions(request.user, cooperative):
        raise Http404
    return cooperative


@login_required
def cooperative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cooperative = _changeable(request, pk, rules.CHANGE)
    form = CooperativeForm(request.POST or None, user=request.user, cooperative=cooperative)
    updated = submit(
        request,
        form,
        lambda: services.update_cooperative(
            cooperative=cooperative, updated_by=request.user, **form.service_kwargs()
        ),
    )
    if updated is not None:
        messages.success(request, _("The changes were saved."))
        return redirect(cooperative)
    return render(
        request, "cooperatives/cooperative_form.html", {"form": form, "cooperative": cooperative}
    )


@login_required
@require_POST
def cooperative_archive(request: HttpRequest, pk: int) -> HttpResponse:
    cooperative = _changeable(request, pk, rules.ARCHIVE)
    services.archive_cooperative(cooperative=cooperative, archived_by=request.user)
    messages.success(request, _("The cooperative was archived."))
    return redirect(cooperative)


@login_required
def cooperative_members(request: HttpRequest, pk: int) -> HttpResponse:
    cooperative = _changeable(request, pk, rules.RECORD_MEMBERS)
    latest = queries.member_totals(cooperative)
    if request.method == "POST":
        form = MemberCountsForm(request.POST)
        rows = MemberRowFormSet(request.POST, prefix="rows")
    else:
        form = MemberCountsForm(initial={"as_of": latest.as_of if latest else None})
        counts = queries.member_counts_on(cooperative, latest.as_of) if latest else {}
        rows = MemberRowFormSet(prefix="rows", initial=member_rows_initial(counts))
    recorded = submit(
        request,
        form,
        lambda: services.set_member_counts(
            cooperative=cooperative,
            as_of=form.cleaned_data["as_of"],
            counts=counts_from_rows(rows),
            recorded_by=request.user,
        ),
        rows,
    )
    if recorded is not None:
        messages.success(request, _("The member counts were saved."))
        return redirect(cooperative)
    return render(
        request,
        "cooperatives/cooperative_members.html",
        {"cooperative": cooperative, "form": form, "rows": rows},
    )


@login_required
def employment_unit_create(request: HttpRequest, pk: int) -> HttpResponse:
    cooperative = _changeable(request, pk, rules.ADD_UNIT)
    form = EmploymentUnitForm(request.POST or None)
    unit = submit(
        request,
        form,
        lambda: services.attach_employment_unit(
            cooperative=cooperative, created_by=request.user, **form.cleaned_data
        ),
    )
    if unit is not None:
        messages.success(request, _("The employment unit was added."))
        return redirect(cooperative)
    return render(
        request,
        "cooperatives/employment_unit_form.html",
        {"cooperative": cooperative, "form": form},
    )
