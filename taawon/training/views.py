"""Pages of training for the programme's and the units' staff: the events and the catalogue,
an event with its facilitators, participants, attendance, scores and certificates, the
attendance sheet (printed before, uploaded after through a dry run), certified trainers and
the cascade."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taawon.accounts import scoping
from taawon.core.exceptions import DomainError, ValidationFailed
from taawon.core.forms import add_domain_error, submit
from taawon.core.pagination import page_number, paginate
from taawon.core.pickers import Option, options_response, query_of
from taawon.people import queries as people_queries

from . import certificates, queries, rules, services, sheets
from .forms import (
    EventFilterForm,
    EventForm,
    FacilitatorForm,
    ParticipantForm,
    ScoresForm,
    SheetUploadForm,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_reader(request: HttpRequest) -> None:
    if not rules.may_read_any(request.user):
        raise Http404


def _changing(request: HttpRequest, pk) -> object:
    event = queries.get_event_for_user(request.user, pk)
    if not rules.may_change(request.user, event):
        raise Forbidden
    return event


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    form = EventFilterForm(request.GET or None)
    page = paginate(
        queries.event_list(request.user, **form.filters()), page_number(request.GET.get("page"))
    )
    template_name = "training/event_list.html"
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
            "may_run": rules.may_run(request.user),
        },
    )


@login_required
def course_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    return render(request, "training/course_list.html", {"courses": queries.courses()})


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    if not rules.may_run(request.user):
        raise Http404
    form = EventForm(request.POST or None, user=request.user)
    event = submit(
        request,
        form,
        lambda: services.plan_event(by=request.user, **form.cleaned_data),
        shown=ValidationFailed,
    )
    if event is not None:
        messages.success(request, _("The event was planned."))
        return redirect(event)
    return render(request, "training/event_form.html", {"form": form})


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = queries.get_event_for_user(request.user, pk)
    days = queries.days_of(event)
    participants = list(queries.participants_of(event))
    day_ids = [day.pk for day in days]
    for participant in participants:
        present = {mark.day_id for mark in participant.attendance.all()}
        participant.marks = [day_id in present for day_id in day_ids]
    return render(
        request,
        "training/event_detail.html",
        {
            "event": event,
            "days": days,
            "facilitators": queries.facilitators_of(event),
            "participants": participants,
            "may_change": rules.may_change(request.user, event),
            "completed": sum(p.completed for p in participants),
        },
    )


@login_required
def facilitator_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = _changing(request, pk)
    form = FacilitatorForm(request.POST or None, user=request.user)
    done = submit(
        request,
        form,
        lambda: services.add_facilitator(event=event, by=request.user, **form.cleaned_data),
        shown=ValidationFailed,
    )
    if done is not None:
        messages.success(request, _("The facilitator was added."))
        return redirect(event)
    return render(
        request,
        "training/simple_form.html",
        {"form": form, "event": event, "heading": _("Add a facilitator")},
    )


@login_required
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = _changing(request, pk)
    form = ParticipantForm(request.POST or None, user=request.user)
    done = submit(
        request,
        form,
        lambda: services.add_participant(event=event, by=request.user, **form.cleaned_data),
        shown=ValidationFailed,
    )
    if done is not None:
        messages.success(request, _("The participant was added."))
        return redirect(event)
    return render(
        request,
        "training/simple_form.html",
        {"form": form, "event": event, "heading": _("Add a participant")},
    )


@login_required
def person_search(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    q = query_of(request)
    found = people_queries.person_list(request.user, q=q)[:15] if q else []
    return options_response(
        request, [Option(p.pk, p.display_name, p.owner.display_name) for p in found]
    )


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Tick who was present on each session day."""
    event = _changing(request, pk)
    days = queries.days_of(event)
    participants = list(queries.participants_of(event))
    errors: list[str] = []
    if request.method == "POST":
        by_id = {day.pk: day.date for day in days}
        present: dict[int, set] = {p.pk: set() for p in participants}
        for key in request.POST.getlist("present"):
            participant_id, _sep, day_id = key.partition(":")
            try:
                participant_id, day_id = int(participant_id), int(day_id)
            except ValueError:
                errors.append(_("The form was not sent whole; tick the days again."))
                break
            if participant_id not in present or day_id not in by_id:
                errors.append(_("The form was not sent whole; tick the days again."))
                break
            present[participant_id].add(by_id[day_id])
        if not errors:
            try:
                services.record_attendance(event=event, present=present, by=request.user)
            except DomainError as error:
                errors.extend(m for texts in error.field_errors.values() for m in texts)
                if not errors:
                    errors.append(str(error.message))
            else:
                messages.success(request, _("The attendance was recorded."))
                return redirect(event)
    for participant in participants:
        present_ids = {mark.day_id for mark in participant.attendance.all()}
        participant.ticks = [(day, day.pk in present_ids) for day in days]
    return render(
        request,
        "training/attendance.html",
        {"event": event, "days": days, "participants": participants, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
def participant_scores(request: HttpRequest, pk: int) -> HttpResponse:
    participant = queries.get_participant_for_user(request.user, pk)
    if not rules.may_change(request.user, participant.event):
        raise Forbidden
    initial = {"pre_score": participant.pre_score, "post_score": participant.post_score}
    form = ScoresForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda: services.record_scores(
            participant=participant, by=request.user, **form.cleaned_data
        ),
        shown=DomainError,
    )
    if done is not None:
        messages.success(request, _("The scores were recorded."))
        return redirect(participant.event)
    return render(
        request,
        "training/simple_form.html",
        {
            "form": form,
            "event": participant.event,
            "heading": _("Test scores of %(name)s") % {"name": participant.person.display_name},
            "note": _("Scores out of %(max)s.")
            % {"max": services._plain(participant.event.course.score_max)},
        },
    )


@login_required
@require_POST
def certificate_issue(request: HttpRequest, pk: int) -> HttpResponse:
    participant = queries.get_participant_for_user(request.user, pk)
    if not rules.may_change(request.user, participant.event):
        raise Forbidden
    try:
        services.issue_certificate(participant=participant, by=request.user)
    except ValidationFailed as error:
        for texts in error.field_errors.values():
            for text in texts:
                messages.error(request, text)
        return redirect(participant.event)
    messages.success(request, _("The certificate was issued."))
    return redirect(participant.event)


@login_required
@require_POST
def certificates_issue(request: HttpRequest, pk: int) -> HttpResponse:
    event = _changing(request, pk)
    issued = services.issue_certificates(event=event, by=request.user)
    messages.success(request, _("Certificates issued: %(n)s.") % {"n": issued})
    return redirect(event)


@login_required
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    participant = queries.get_participant_for_user(request.user, pk)
    if not participant.certificate_code:
        raise Http404
    pdf = certificates.certificate_pdf(participant, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="certificate-{participant.certificate_code}.pdf"'
    )
    return response


@login_required
def sheet_download(request: HttpRequest, pk: int) -> HttpResponse:
    event = queries.get_event_for_user(request.user, pk)
    data = sheets.sheet_xlsx(
        event,
        list(queries.participants_of(event)),
        [day.date for day in queries.days_of(event)],
    )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="attendance-{event.pk}.xlsx"'
    return response


@login_required
def sheet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    event = queries.get_event_for_user(request.user, pk)
    data = sheets.sheet_pdf(
        event,
        list(queries.participants_of(event)),
        [day.date for day in queries.days_of(event)],
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="attendance-{event.pk}.pdf"'
    return response


@login_required
def sheet_upload(request: HttpRequest, pk: int) -> HttpResponse:
    event = _changing(request, pk)
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    batch = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > sheets.MAX_SHEET_BYTES:
            form.add_error("file", _("The file is too large (at most 2 MB)."))
        else:
            try:
                batch = services.upload_attendance_sheet(
                    event=event, name=upload.name, data=upload.read(), by=request.user
                )
            except ValidationFailed as error:
                add_domain_error(form, error)
    if batch is not None:
        return redirect("training:import_detail", pk=batch.pk)
    return render(
        request,
        "training/sheet_upload.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = queries.get_import_for_user(request.user, pk)
    return render(
        request,
        "training/import_detail.html",
        {
            "batch": batch,
            "event": batch.event,
            "may_change": rules.may_change(request.user, batch.event),
        },
    )


@login_required
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = queries.get_import_for_user(request.user, pk, scoping.CHANGE)
    try:
        services.commit_attendance_sheet(batch=batch, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("training:import_detail", pk=batch.pk)
    messages.success(request, _("The attendance of the sheet was recorded."))
    return redirect(batch.event)


@login_required
def trainer_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    page = paginate(queries.trainers_for(request.user), page_number(request.GET.get("page")))
    return render(request, "training/trainer_list.html", {"page_obj": page, "query_string": ""})


@login_required
def cascade_overview(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    per_tot, per_trainer = queries.cascade_totals(request.user)
    return render(
        request,
        "training/cascade.html",
        {"per_tot": per_tot, "per_trainer": per_trainer},
    )


def _tree_page(request: HttpRequest, result, heading: str, root=None) -> HttpResponse:
    people = queries.persons_by_id(result.people | set(result.roots))
    generations = [(number, queries.breakdown(result.generation(number))) for number in (1, 2, 3)]
    return render(
        request,
        "training/cascade_tree.html",
        {
            "heading": heading,
            "tree": result.tree,
            "people": people,
            "generations": generations,
            "total": queries.breakdown(result.people),
            "root": root,
        },
    )


@login_required
def cascade_trainer(request: HttpRequest, person_pk: int) -> HttpResponse:
    _require_reader(request)
    trainer = queries.trainers_for(request.user).filter(person_id=person_pk).first()
    if trainer is None:
        raise Http404
    result = queries.trainer_reach(request.user, trainer.person_id)
    return _tree_page(
        request,
        result,
        _("Cascade of %(name)s") % {"name": trainer.person.display_name},
        root=trainer.person,
    )


@login_required
def cascade_tot(request: HttpRequest, pk: int) -> HttpResponse:
    event = queries.get_event_for_user(request.user, pk)
    if event.kind != "tot":
        raise Http404
    result = queries.tot_reach(request.user, event)
    return _tree_page(request, result, _("Cascade of %(event)s") % {"event": str(event)})
