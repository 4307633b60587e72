"""Pages for awareness sessions: the list, a session with who came, and changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taawon.core.exceptions import ValidationFailed
from taawon.core.forms import submit
from taawon.core.pagination import page_number, paginate
from taawon.geo.countries import country_name

from .. import rules
from ..unit import access
from ..unit.web import query_string, require_adder, require_reader
from . import queries, services
from .forms import (
    AwarenessFilterForm,
    AwarenessForm,
    HeadCountFormSet,
    ParticipantSearchForm,
    head_count_rows,
    head_counts_from,
)

MAX_FOUND = 10


@login_required
def awareness_list(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    form = AwarenessFilterForm(request.GET or None)
    page = paginate(
        queries.awareness_list(request.user, **form.filters()),
        page_number(request.GET.get("page")),
    )
    return render(
        request,
        "employment/awareness_list.html",
        {
            "form": form,
            "page_obj": page,
            "query_string": query_string(request),
            "may_add": rules.may_add(request.user),
        },
    )


@login_required
def awareness_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = queries.get_awareness_for_user(request.user, pk)
    can_change = rules.CHANGE in rules.awareness_actions(request.user, session)
    search = ParticipantSearchForm(request.GET or None)
    q = search.cleaned_data.get("q", "") if search.is_valid() else ""
    found = []
    if can_change and q:
        taken = {p.pk for p in session.participants.all()}
        found = access.find_people(request.user, q, exclude=taken, limit=MAX_FOUND)
    context = {
        "session": session,
        "head_counts": [
            (count, country_name(count.nationality)) for count in session.head_counts.all()
        ],
        "search": search,
        "found": found,
        "q": q,
        "can_change": can_change,
    }
    template_name = "employment/awareness_detail.html"
    if request.htmx and q:
        template_name += "#found"
    return render(request, template_name, context)


def _form_and_rows(request: HttpRequest, session=None):
    form = AwarenessForm(request.POST or None, user=request.user, session=session)
    rows = HeadCountFormSet(
        request.POST or None,
        prefix="rows",
        initial=None if request.POST else head_count_rows(session),
    )
    return form, rows


@login_required
def awareness_create(request: HttpRequest) -> HttpResponse:
    require_adder(request)
    form, rows = _form_and_rows(request)
    session = submit(
        request,
        form,
        lambda: services.record_awareness_session(
            recorded_by=request.user, head_counts=head_counts_from(rows), **form.service_kwargs()
        ),
        rows,
        shown=ValidationFailed,
    )
    if session is not None:
        messages.success(
            request, _("The session was recorded. Add the registered participants below.")
        )
        return redirect(session)
    return render(request, "employment/awareness_form.html", {"form": form, "rows": rows})


@login_required
def awareness_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = queries.get_awareness_for_user(request.user, pk, access.CHANGE)
    form, rows = _form_and_rows(request, session)
    saved = submit(
        request,
        form,
        lambda: services.update_awareness_session(
            session=session,
            updated_by=request.user,
            head_counts=head_counts_from(rows),
            **form.service_kwargs(),
        ),
        rows,
        shown=ValidationFailed,
    )
    if saved is not None:
        messages.success(request, _("The changes were saved."))
        return redirect(session)
    return render(
        request,
        "employment/awareness_form.html",
        {"form": form, "rows": rows, "session": session},
    )


@login_required
@require_POST
def awareness_participant(request: HttpRequest, pk: int) -> HttpResponse:
    """Add (action=add) or remove (action=remove) one registered participant."""
    session = queries.get_awareness_for_user(request.user, pk, access.CHANGE)
    person = access.get_person_for_user(request.user, request.POST.get("person"))
    current = list(session.participants.all())
    if request.POST.get("action") == "remove":
        participants = [p for p in current if p.pk != person.pk]
    else:
        participants = [*current, person]
    try:
        services.update_awareness_session(
            session=session, updated_by=request.user, participants=participants
        )
    except ValidationFailed as error:
        for message in [m for messages_ in error.field_errors.values() for m in messages_]:
            messages.error(request, message)
    return redirect(session)
