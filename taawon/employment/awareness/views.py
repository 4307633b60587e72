"""Pages for awareness sessions: the list, a session with who came, and changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from taawon.core import confirming
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
    ParticipantListForm,
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
def awareness_detail(
    request: HttpRequest,
    pk: int,
    list_form: ParticipantListForm | None = None,
    status: int = 200,
) -> HttpResponse:
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
        "list_form": list_form or ParticipantListForm(),
    }
    template_name = "employment/awareness_detail.html"
    if request.htmx and q:
        template_name += "#found"
    return render(request, template_name, context, status=status)


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


def _one_line(text: str) -> str:
    # A hidden field carries the list again; commas separate its entries as newlines do.
    return ", ".join(line.strip() for line in text.splitlines() if line.strip())


@login_required
@require_POST
def awareness_participants_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Several participants at once: persons picked from the search are added at once; a
    pasted list is shown first (who was found, what was not) and added on confirmation, all
    in one service call or, when cancelled or refused, none."""
    session = queries.get_awareness_for_user(request.user, pk, access.CHANGE)
    form = ParticipantListForm(request.POST)
    if not form.is_valid():
        return awareness_detail(request, pk, list_form=form, status=400)
    picked = list(access.people_by_ids(request.user, form.cleaned_data["person"]))
    paste = form.cleaned_data["paste"]
    pasted = queries.resolve_participant_list(request.user, paste, region=session.owner.country)
    if pasted.bad:
        form.add_error(
            "paste",
            _("Neither an identifier nor a phone number: %(entries)s")
            % {"entries": _(", ").join(pasted.bad)},
        )
        return awareness_detail(request, pk, list_form=form, status=400)
    people = list(dict.fromkeys([*picked, *pasted.found]))
    token = confirming.token("participants", session.pk, sorted(p.pk for p in people))
    confirm = request.POST.get(confirming.FIELD)
    if paste.strip() and confirm != token:
        if confirm:
            messages.warning(request, str(confirming.ConfirmationChanged.default_message))
        return render(
            request,
            "employment/awareness_participants_confirm.html",
            {
                "session": session,
                "people": people,
                "pasted": pasted,
                "token": token,
                "hidden": [("paste", _one_line(paste))]
                + [("person", p) for p in form.cleaned_data["person"]],
            },
            status=409 if confirm else 200,
        )
    try:
        added = services.add_awareness_participants(
            session=session, people=people, added_by=request.user
        )
    except ValidationFailed as error:
        for message in [m for messages_ in error.field_errors.values() for m in messages_]:
            messages.error(request, message)
        return redirect(session)
    messages.success(
        request,
        ngettext("%(n)s participant was added.", "%(n)s participants were added.", len(added))
        % {"n": len(added)},
    )
    missing = pasted.not_found + pasted.ambiguous
    if missing:
        messages.warning(request, _("Not added: %(entries)s") % {"entries": _(", ").join(missing)})
    return redirect(session)
