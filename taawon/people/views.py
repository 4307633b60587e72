"""Pages of the person registry: parse, fetch through queries, call services, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taawon.accounts import scoping
from taawon.core import confirming, events, exceptions
from taawon.core.pagination import page_number, paginate
from taawon.geo.countries import country_name

from . import queries, rules, services, validation
from .forms import ConsentForm, DuplicateDecisionForm, PersonFilterForm, PersonForm
from .models import Person

DOMAIN = "people"


def _require_reach(user, action: str) -> None:
    # Users with no reach at all get a 404, like an out-of-scope record.
    allowed = rules.may_register if action == scoping.CHANGE else rules.may_read_registry
    if not allowed(user):
        raise Http404


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    _require_reach(request.user, scoping.READ)
    filters = PersonFilterForm(request.GET or None)
    persons = queries.person_list(request.user, **filters.filters())
    page = paginate(persons, page_number(request.GET.get("page")))
    query = request.GET.copy()
    query.pop("page", None)
    template_name = "people/person_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template_name += "#rows"
    return render(
        request,
        template_name,
        {
            "filters": filters,
            "page_obj": page,
            "query_string": f"{query.urlencode()}&" if query else "",
            "may_register": rules.may_register(request.user),
            "show_owner": len(scoping.reach(request.user, domain=DOMAIN).organisation_ids) != 1,
        },
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = queries.get_person_for_user(request.user, pk)
    services.record_person_view(person=person, viewed_by=request.user)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "identifiers": queries.identifiers_of(person),
            "consents": queries.consents_of(person),
            "nationality": country_name(person.nationality) if person.nationality else "",
            "functioning": [
                (
                    Person._meta.get_field(name).verbose_name.capitalize(),
                    getattr(person, f"get_{name}_display")(),
                )
                for name in validation.WG_FIELDS
            ],
            "actions": rules.person_actions(request.user, person),
            "panels": [
                html
                for html in events.dispatch(
                    "person.panels", request=request, person=person
                ).values()
                if html
            ],
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    _require_reach(request.user, scoping.CHANGE)
    form = PersonForm(request.POST or None, user=request.user)
    candidates = []
    if request.method == "POST" and form.is_valid():
        answer = DuplicateDecisionForm(request.POST)
        answer.is_valid()
        if answer.cleaned_data.get("decision") == "same":
            return _same_person(request, form, answer.cleaned_data.get("same_as"))
        decision = answer.cleaned_data.get("decision") or None
        try:
            person = form.register(duplicate_decision=decision)
        except services.PossibleDuplicates as found:
            candidates = found.candidates
        else:
            if person is not None:
                messages.success(request, _("The person is registered."))
                return redirect(person)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "candidates": candidates, "creating": True},
    )


def _same_person(request: HttpRequest, form: PersonForm, candidate_id: int | None):
    # The candidate and its score are worked out again here, never taken from the browser.
    candidates = form.check_duplicates()
    if candidates is None:
        return render(request, "people/person_form.html", {"form": form, "creating": True})
    chosen = next((c for c in candidates if c.person.pk == candidate_id), None)
    if chosen is None:
        return render(
            request,
            "people/person_form.html",
            {"form": form, "candidates": candidates, "creating": True},
        )
    services.record_same_person(
        candidate=chosen.person,
        decided_by=request.user,
        score=chosen.score,
        reasons=chosen.reasons,
    )
    if chosen.may_view:
        messages.info(request, _("Nothing new was registered: this is the existing record."))
        return redirect(chosen.person)
    return render(request, "people/person_elsewhere.html", {"candidate": chosen})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = queries.get_person_for_user(request.user, pk, scoping.CHANGE)
    form = PersonForm(request.POST or None, user=request.user, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            updated = form.update()
        except exceptions.Conflict as error:
            messages.error(request, str(error.message))
            return redirect(person)
        if updated is not None:
            messages.success(request, _("The changes are saved."))
            return redirect(person)
    return render(request, "people/person_form.html", {"form": form, "person": person})


def _status_change(request: HttpRequest, pk: int, *, archive: bool) -> HttpResponse:
    person = queries.get_person_for_user(request.user, pk, scoping.CHANGE)
    if request.method == "POST":
        note = request.POST.get("note", "")[:500]
        try:
            if archive:
                services.archive_person(person=person, archived_by=request.user, note=note)
                messages.success(request, _("The record is archived."))
            else:
                services.restore_person(person=person, restored_by=request.user, note=note)
                messages.success(request, _("The record is restored."))
        except exceptions.Conflict as error:
            messages.error(request, str(error.message))
        return redirect(person)
    return render(request, "people/person_confirm.html", {"person": person, "archive": archive})


@login_required
def person_archive(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(request, pk, archive=True)


@login_required
def person_restore(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(request, pk, archive=False)


@login_required
def person_anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    """Erasure on request: what will be erased, a reason, then the confirmed erasure."""
    person = queries.get_person_for_user(request.user, pk, scoping.CHANGE)
    if not rules.may_anonymise(request.user, person):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        try:
            services.anonymise_person(
                person=person,
                anonymised_by=request.user,
                reason=request.POST.get("reason", "")[:500],
                confirm=request.POST.get(confirming.FIELD, ""),
            )
        except exceptions.ValidationFailed as error:
            for problems in error.field_errors.values():
                for problem in problems:
                    messages.error(request, problem)
            status = 400
        except exceptions.Conflict as error:
            messages.warning(request, str(error.message))
            person = queries.get_person_for_user(request.user, pk, scoping.CHANGE)
            status = 409
        else:
            messages.success(request, _("The record is anonymised."))
            return redirect(person)
    return render(
        request,
        "people/person_anonymise.html",
        {"person": person, "token": services.anonymise_token(person), "field": confirming.FIELD},
        status=status,
    )


@login_required
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    person = queries.get_person_for_user(request.user, pk)
    page = paginate(queries.person_history(person), page_number(request.GET.get("page")))
    return render(
        request,
        "people/person_history.html",
        {"person": person, "page_obj": page, "events": queries.describe_history(page, person)},
    )


@login_required
@require_POST
def identifier_reveal(request: HttpRequest, pk: int, identifier_pk: int) -> HttpResponse:
    person = queries.get_person_for_user(request.user, pk)
    identifier = queries.get_identifier_for_user(request.user, person, identifier_pk)
    try:
        value = services.reveal_identifier(identifier=identifier, revealed_by=request.user)
    except exceptions.PermissionDenied:
        raise PermissionDenied from None
    return render(request, "people/person_detail.html#identifier_value", {"value": value})


@login_required
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = queries.get_person_for_user(request.user, pk, scoping.CHANGE)
    form = ConsentForm(request.POST or None, person=person, user=request.user)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("The consent is recorded."))
        return redirect(person)
    return render(request, "people/consent_form.html", {"form": form, "person": person})
