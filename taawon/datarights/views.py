"""Pages of people's rights over their data: parse, fetch through queries, call services, render."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taawon.accounts import scoping
from taawon.core.exceptions import DomainError
from taawon.core.forms import run_service
from taawon.lib.tabular.export import MEDIA_TYPES
from taawon.people import queries as people_queries

from . import access_copy, queries, rules, services
from .forms import (
    AccessRequestForm,
    AgreementForm,
    ConsentChangeForm,
    CorrectionRequestForm,
    PartnerExportForm,
    RefusalForm,
)

LATEST = 20


def _require_reach(user) -> None:
    if scoping.reach(user, scoping.READ, domain=rules.DOMAIN).empty:
        raise Http404


def _person_to_handle(request: HttpRequest, pk: int):
    person = people_queries.get_person_for_user(request.user, pk)
    if not rules.may_handle_person(request.user, person):
        raise PermissionDenied
    return person


def _correction_to_decide(request: HttpRequest, pk: int):
    correction = queries.get_correction_for_user(request.user, pk)
    if not rules.may_handle_person(request.user, correction.person):
        raise PermissionDenied
    return correction


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    _require_reach(request.user)
    user = request.user
    return render(
        request,
        "datarights/overview.html",
        {
            "open_corrections": queries.correction_requests(user, status="open")[:LATEST],
            "closed_corrections": queries.correction_requests(user)
            .exclude(status="open")
            .order_by("-decided_at", "-pk")[:LATEST],
            "access_requests": queries.access_requests(user)[:LATEST],
            "agreements": queries.agreements(user),
            "exports": queries.partner_exports(user)[:LATEST],
            "may_record_agreements": rules.may_record_agreements(user),
            "may_export": bool(queries.agreements_for_export(user)),
            "today": timezone.localdate(),
        },
    )


@login_required
def access_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Record how identity was checked, then hand over the copy as a PDF."""
    person = _person_to_handle(request, pk)
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            services.record_access_request,
            person=person,
            identity_check=form.cleaned_data["identity_check"],
            identity_note=form.cleaned_data["identity_note"],
            language=form.cleaned_data["language"],
            requested_by=request.user,
        )
        if done is not None:
            pdf = access_copy.subject_access_pdf(
                person=person, user=request.user, language=done.language
            )
            response = HttpResponse(pdf, content_type="application/pdf")
            name = f"taawon-data-{person.pk}-{timezone.localdate().isoformat()}.pdf"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    return render(request, "datarights/access_form.html", {"form": form, "person": person})


@login_required
def correction_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_to_handle(request, pk)
    form = CorrectionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        correction = run_service(
            form,
            services.request_correction,
            person=person,
            requested_by=request.user,
            **form.cleaned_data,
        )
        if correction is not None:
            messages.success(request, _("The correction request is recorded."))
            return redirect(correction)
    return render(request, "datarights/correction_form.html", {"form": form, "person": person})


@login_required
def correction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    correction = queries.get_correction_for_user(request.user, pk)
    return render(
        request,
        "datarights/correction_detail.html",
        {
            "correction": correction,
            "actions": rules.correction_actions(request.user, correction),
            "refusal": RefusalForm(),
        },
    )


@login_required
@require_POST
def correction_apply(request: HttpRequest, pk: int) -> HttpResponse:
    correction = _correction_to_decide(request, pk)
    try:
        done = services.apply_correction(request=correction, decided_by=request.user)
    except DomainError as error:
        # The registry's words for the value, on the request's page; nothing was changed.
        reasons = [m for ms in error.field_errors.values() for m in ms] or [str(error.message)]
        return render(
            request,
            "datarights/correction_detail.html",
            {
                "correction": correction,
                "actions": rules.correction_actions(request.user, correction),
                "refusal": RefusalForm(),
                "apply_errors": reasons,
            },
            status=400,
        )
    messages.success(request, _("The record is corrected."))
    return redirect(done)


@login_required
@require_POST
def correction_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    correction = _correction_to_decide(request, pk)
    form = RefusalForm(request.POST)
    if form.is_valid():
        done = run_service(
            form,
            services.refuse_correction,
            request=correction,
            reason=form.cleaned_data["reason"],
            decided_by=request.user,
        )
        if done is not None:
            messages.success(request, _("The request is refused; the reason is kept."))
            return redirect(done)
    return render(
        request,
        "datarights/correction_detail.html",
        {
            "correction": correction,
            "actions": rules.correction_actions(request.user, correction),
            "refusal": form,
        },
        status=400,
    )


@login_required
@require_POST
def consent_change(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_to_handle(request, pk)
    form = ConsentChangeForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            _("Choose a purpose and an answer."), status=400, content_type="text/plain"
        )
    done = run_service(
        form,
        services.change_consent,
        person=person,
        purpose=form.cleaned_data["purpose"],
        given=form.cleaned_data["given"],
        changed_by=request.user,
    )
    if done is None:
        return HttpResponse(
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain",
        )
    if done.given:
        messages.success(request, _("Consent is given again for this purpose."))
    else:
        messages.success(request, _("Consent is withdrawn for this purpose."))
    return redirect(person)


@login_required
def agreement_create(request: HttpRequest) -> HttpResponse:
    if not rules.may_record_agreements(request.user):
        raise Http404
    form = AgreementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner_id = data.pop("owner")
        owner = scoping.organisations(request.user, scoping.CHANGE, domain=rules.DOMAIN).get(
            pk=owner_id
        )
        agreement = run_service(
            form, services.record_agreement, owner=owner, data=data, recorded_by=request.user
        )
        if agreement is not None:
            messages.success(request, _("The agreement is recorded."))
            return redirect(agreement)
    return render(request, "datarights/agreement_form.html", {"form": form})


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = queries.get_agreement_for_user(request.user, pk)
    return render(
        request,
        "datarights/agreement_detail.html",
        {
            "agreement": agreement,
            "exports": agreement.exports.select_related("created_by").order_by("-created_at")[
                :LATEST
            ],
            "may_export": rules.may_export_under(request.user, agreement),
            "in_force": agreement.in_force_on(timezone.localdate()),
        },
    )


@login_required
def partner_export(request: HttpRequest) -> HttpResponse:
    """A person-level list, with names, for a partner under an agreement; the list's filters
    come in the query string, as for every export."""
    agreements = list(queries.agreements_for_export(request.user))
    lists = services.partner_lists(request.user)
    if not lists or not rules.may_record_agreements(request.user):
        raise Http404
    initial = {"agreement": request.GET.get("agreement"), "list_name": request.GET.get("list")}
    form = PartnerExportForm(
        request.POST or None, agreements=agreements, lists=lists, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        # A workbook is complete only once written: it goes through a file, sent once the
        # export is logged (FileResponse closes it, and the system deletes it then).
        target = tempfile.TemporaryFile()  # noqa: SIM115
        logged = run_service(
            form,
            services.export_to_partner,
            user=request.user,
            agreement=form.chosen_agreement(),
            list_name=form.cleaned_data["list_name"],
            params=request.GET,
            fmt=form.cleaned_data["format"],
            target=target,
        )
        if logged is not None:
            target.seek(0)
            name = f"{logged.list_name}-{timezone.localdate().isoformat()}.{logged.format}"
            return FileResponse(
                target, as_attachment=True, filename=name, content_type=MEDIA_TYPES[logged.format]
            )
        target.close()
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "datarights/partner_export.html",
        {"form": form, "query": request.GET.urlencode()},
        status=status,
    )
