"""Pages of one permit's life: the list, the permit with its checklist and history, and a form
per transition. Each form calls the one service of its transition; the service's field errors
land on the form, so bad input writes nothing and says why."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.core.exceptions import FeatureUnavailable
from taawon.core.forms import submit
from taawon.core.pagination import page_number, paginate
from taawon.formats.render import listing_text
from taawon.geo.countries import country_name
from taawon.people import queries as people_queries

from .. import documents, queries, rules, services
from ..forms import (
    ApplicationForm,
    CancelForm,
    DocumentsForm,
    IssueForm,
    PermitFilterForm,
    RejectForm,
    RenewForm,
    SubmitForm,
)
from ..models import Permit, PermitStatus
from .history import describe_history

DOMAIN = "permits"


def require_reader(request: HttpRequest) -> None:
    # No reach at all: a 404, like a record out of scope. Reach only where the scheme does
    # not exist (Lebanon, Iraq): a 404 that says why.
    if rules.feature_off(request.user):
        raise FeatureUnavailable(str(rules.FEATURE_OFF_MESSAGE))
    if not rules.may_read(request.user):
        raise Http404


def query_string(request: HttpRequest) -> str:
    """The current filters, ready for "?{{ query_string }}page=N"."""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def posted(request: HttpRequest):
    """The form data of a POST (even an empty one: every field may be optional), else None."""
    return request.POST if request.method == "POST" else None


def actions(user, permit: Permit) -> dict[str, bool]:
    """Which transitions the page offers `user`: the rules' allowed actions, by name."""
    allowed = rules.allowed_actions(user, permit)
    return {action: action in allowed for action in rules.ACTIONS}


def permit_for_action(request: HttpRequest, pk: int, action: str) -> Permit:
    """The permit whose `action` form `request.user` opens: 404 out of reach (or without any
    right to change it), 403 when the action is never theirs on it (the ministry's decision
    for the cooperative, the cooperative's paperwork for the ministry); the service checks the
    state when the form is sent."""
    permit = queries.get_permit_for_user(request.user, pk, scoping.CHANGE)
    if not rules.may_ever(request.user, permit, action):
        raise PermissionDenied
    return permit


# ---- List and detail ------------------------------------------------------------------------


@login_required
def permit_list(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    form = PermitFilterForm(request.GET or None, user=request.user)
    permits = queries.permit_list(request.user, **form.filters())
    if (days := form.expiring_within()) is not None:
        permits = permits.filter(
            pk__in=queries.expiring(request.user, within_days=days).values("pk")
        )
    page = paginate(permits, page_number(request.GET.get("page")))
    template_name = "permits/permit_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template_name += "#rows"
    return render(
        request,
        template_name,
        {
            "form": form,
            "page_obj": page,
            "query_string": query_string(request),
            "today": timezone.localdate(),
            "may_apply": rules.may_apply(request.user),
        },
    )


@login_required
def permit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    permit = queries.get_permit_for_user(request.user, pk)
    holder = queries.holder_of(permit)
    return render(
        request,
        "permits/permit_detail.html",
        {
            "permit": permit,
            "state": queries.state_of(permit),
            "holder": holder,
            "nationality": country_name(holder.nationality) if holder.nationality else "",
            "may_open_person": rules.may_open_person(request.user, permit),
            "checklist": documents.checklist(permit.kind, permit.documents),
            "missing": documents.missing(permit.kind, permit.documents),
            "renewals": queries.renewals_of(permit),
            "history": describe_history(queries.permit_history(permit)[:100]),
            "actions": actions(request.user, permit),
            "today": timezone.localdate(),
        },
    )


# ---- Transitions ----------------------------------------------------------------------------


def _form_page(request, permit, form, *, title: str, submit_label: str, intro: str = ""):
    return render(
        request,
        "permits/permit_form.html",
        {
            "permit": permit,
            "holder": queries.holder_of(permit) if permit else None,
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "intro": intro,
        },
    )


@login_required
def permit_apply(request: HttpRequest, person_pk: int) -> HttpResponse:
    """Start an application for a registry person (from the person's page)."""
    person = people_queries.get_person_for_user(request.user, person_pk)
    if not rules.may_apply(request.user):
        raise Http404
    form = ApplicationForm(posted(request), user=request.user)
    permit = submit(
        request,
        form,
        lambda: services.create_application(
            person=person, created_by=request.user, **form.service_kwargs(person=person)
        ),
    )
    if permit is not None:
        messages.success(request, _("The application was started."))
        return redirect(permit)
    return render(
        request,
        "permits/permit_form.html",
        {
            "form": form,
            "person": person,
            "title": _("Apply for a work permit"),
            "submit_label": _("Start the application"),
            "cancel_url": person.get_absolute_url(),
        },
    )


@login_required
def permit_documents(request: HttpRequest, pk: int) -> HttpResponse:
    permit = permit_for_action(request, pk, rules.DOCUMENTS)
    form = DocumentsForm(posted(request), initial={"documents": permit.documents})
    done = submit(
        request,
        form,
        lambda: services.set_documents(
            permit=permit,
            documents_received=form.cleaned_data["documents"],
            updated_by=request.user,
        ),
    )
    if done is not None:
        messages.success(request, _("The documents were recorded."))
        return redirect(permit)
    return _form_page(
        request,
        permit,
        form,
        title=_("Documents received"),
        submit_label=_("Save"),
        intro=_("Required for this kind of permit: %(documents)s.")
        % {
            "documents": listing_text(
                documents.label(code) for code in documents.REQUIRED.get(permit.kind, ())
            )
        },
    )


@login_required
def permit_submit(request: HttpRequest, pk: int) -> HttpResponse:
    permit = permit_for_action(request, pk, rules.SUBMIT)
    form = SubmitForm(posted(request))
    done = submit(
        request,
        form,
        lambda: services.submit_application(
            permit=permit, submitted_by=request.user, **form.cleaned_data
        ),
    )
    if done is not None:
        messages.success(request, _("The application was submitted to the ministry."))
        return redirect(permit)
    return _form_page(
        request, permit, form, title=_("Submit to the ministry"), submit_label=_("Submit")
    )


@login_required
def permit_issue(request: HttpRequest, pk: int) -> HttpResponse:
    permit = permit_for_action(request, pk, rules.ISSUE)
    form = IssueForm(posted(request))
    done = submit(
        request,
        form,
        lambda: services.issue_permit(permit=permit, decided_by=request.user, **form.cleaned_data),
    )
    if done is not None:
        messages.success(request, _("The permit was recorded as issued."))
        return redirect(permit)
    return _form_page(
        request,
        permit,
        form,
        title=_("The ministry issued the permit"),
        submit_label=_("Record the permit"),
    )


@login_required
def permit_reject(request: HttpRequest, pk: int) -> HttpResponse:
    permit = permit_for_action(request, pk, rules.REJECT)
    form = RejectForm(posted(request))
    done = submit(
        request,
        form,
        lambda: services.reject_permit(
            permit=permit,
            decided_by=request.user,
            reason=form.cleaned_data["rejection_reason"],
            ministry_reference=form.cleaned_data["ministry_reference"],
        ),
    )
    if done is not None:
        messages.success(request, _("The rejection was recorded."))
        return redirect(permit)
    return _form_page(
        request,
        permit,
        form,
        title=_("The ministry rejected the application"),
        submit_label=_("Record the rejection"),
    )


@login_required
def permit_renew(request: HttpRequest, pk: int) -> HttpResponse:
    permit = permit_for_action(request, pk, rules.RENEW)
    form = RenewForm(posted(request))
    renewal = submit(
        request,
        form,
        lambda: services.renew_permit(
            permit=permit, created_by=request.user, applied_on=form.cleaned_data["applied_on"]
        ),
    )
    if renewal is not None:
        messages.success(request, _("The renewal application was started."))
        return redirect(renewal)
    return _form_page(
        request,
        permit,
        form,
        title=_("Renew the permit"),
        submit_label=_("Start the renewal"),
        intro=_("A new application, linked to this permit, with the same holder and sector."),
    )


@login_required
def permit_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    permit = permit_for_action(request, pk, rules.CANCEL)
    form = CancelForm(posted(request))
    done = submit(
        request,
        form,
        lambda: services.cancel_permit(
            permit=permit,
            cancelled_by=request.user,
            reason=form.cleaned_data["cancellation_reason"],
            cancelled_on=form.cleaned_data["cancelled_on"],
        ),
    )
    if done is not None:
        messages.success(request, _("The permit was cancelled."))
        return redirect(permit)
    title = _("Cancel the permit") if permit.status == PermitStatus.ISSUED else _("Withdraw")
    return _form_page(request, permit, form, title=title, submit_label=_("Cancel it"))
