"""Pages of surveys: forms (upload, versions, assignment, status, the XLSForm), submissions
(list, page with labels in the reader's language, edit with history, review, media, export
of a form's submissions) and the cooperative needs assessment's analysis."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, get_language_bidi, ngettext
from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.core import audit
from taawon.core.forms import submit
from taawon.core.pagination import page_number, paginate
from taawon.lib.tabular.export import MEDIA_TYPES

from . import analysis, queries, rules, services, tables, xforms
from .forms import (
    AssignForm,
    FormFilterForm,
    MediaForm,
    ReviewForm,
    StatusForm,
    SubmissionFilterForm,
    UploadForm,
    edit_form_class,
)


def _require_reader(request: HttpRequest) -> None:
    if not rules.may_read_any(request.user):
        raise Http404


def _form_to_change(request: HttpRequest, pk: int):
    """The form `pk` if its reader may change it; 404 if they may not read it, else 403."""
    survey = queries.get_form_for_user(request.user, pk)
    if not rules.may_change_form(request.user, survey):
        raise Forbidden
    return survey


def _language() -> str:
    return (get_language() or "en").split("-")[0]


@login_required
def form_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    form = FormFilterForm(request.GET or None)
    page = paginate(
        queries.form_list(request.user, **form.filters()), page_number(request.GET.get("page"))
    )
    query = request.GET.copy()
    query.pop("page", None)
    template_name = "surveys/form_list.html"
    if request.htmx:
        template_name += "#rows"
    return render(
        request,
        template_name,
        {
            "form": form,
            "page_obj": page,
            "query_string": query.urlencode(),
            "may_design": rules.may_design(request.user),
        },
    )


@login_required
def form_upload(request: HttpRequest) -> HttpResponse:
    if not rules.may_design(request.user):
        raise Http404
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    version = submit(
        request,
        form,
        lambda: services.upload_form(
            owner=form.cleaned_data["owner"],
            content=form.cleaned_data["xlsform"],
            uploaded_by=request.user,
            assigned=form.cleaned_data["assigned"],
        ),
    )
    if version is not None:
        messages.success(
            request,
            _("Version %(version)s of “%(title)s” is ready for ODK Collect.")
            % {"version": version.version, "title": version.form.title},
        )
        return redirect(version.form)
    return render(request, "surveys/form_upload.html", {"form": form})


@login_required
def form_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = queries.get_form_for_user(request.user, pk)
    versions = list(queries.versions_of(survey))
    may_change = rules.may_change_form(request.user, survey)
    return render(
        request,
        "surveys/form_detail.html",
        {
            "survey": survey,
            "versions": versions,
            "assigned": survey.assigned.order_by("name_en"),
            "may_change": may_change,
            "assign_form": AssignForm(
                user=request.user, initial={"assigned": survey.assigned.all()}
            )
            if may_change
            else None,
            "status_form": StatusForm(initial={"status": survey.status}) if may_change else None,
            "submissions": queries.submission_list(request.user, form=survey.pk).count(),
            "may_fill": rules.may_fill(request.user, survey),
            "server_url": request.build_absolute_uri("/openrosa/key/") + "<token>/",
            "media": queries.media_states(versions[0]) if versions else [],
        },
    )


@login_required
def form_assign(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _form_to_change(request, pk)
    form = AssignForm(request.POST or None, user=request.user)
    done = submit(
        request,
        form,
        lambda: services.assign_form(
            form=survey, organisations=form.cleaned_data["assigned"], by=request.user
        ),
    )
    if done is not None:
        messages.success(request, _("The form's organisations were saved."))
        return redirect(survey)
    return render(request, "surveys/form_assign.html", {"survey": survey, "form": form})


@login_required
def form_status(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _form_to_change(request, pk)
    form = StatusForm(request.POST or None, initial={"status": survey.status})
    done = submit(
        request,
        form,
        lambda: services.set_form_status(
            form=survey, status=form.cleaned_data["status"], by=request.user
        ),
    )
    if done is not None:
        return redirect(survey)
    return render(request, "surveys/form_assign.html", {"survey": survey, "form": form})


@login_required
def form_media(request: HttpRequest, pk: int) -> HttpResponse:
    """The files the current version refers to, and the upload of those missing or changed."""
    survey = _form_to_change(request, pk)
    version = queries.current_version(survey)
    form = MediaForm(request.POST or None, request.FILES or None)
    kept = submit(
        request,
        form,
        lambda: services.add_media_files(
            version=version, files=form.cleaned_data["files"], by=request.user
        ),
    )
    if kept is not None:
        messages.success(
            request,
            ngettext(
                "%(count)d file kept for version %(version)s.",
                "%(count)d files kept for version %(version)s.",
                len(kept),
            )
            % {"count": len(kept), "version": version.version},
        )
        return redirect("surveys:form_media", pk=survey.pk)
    return render(
        request,
        "surveys/form_media.html",
        {
            "survey": survey,
            "version": version,
            "media": queries.media_states(version),
            "form": form,
        },
    )


@login_required
def form_media_file(request: HttpRequest, pk: int, filename: str) -> HttpResponse:
    survey = queries.get_form_for_user(request.user, pk)
    found = queries.media_file(queries.current_version(survey), filename)
    if found is None:
        raise Http404
    response = HttpResponse(bytes(found.content), content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def form_xlsform(request: HttpRequest, pk: int) -> HttpResponse:
    survey = queries.get_form_for_user(request.user, pk)
    version = queries.current_version(survey)
    response = HttpResponse(bytes(version.xlsform), content_type=MEDIA_TYPES["xlsx"])
    response["Content-Disposition"] = (
        f'attachment; filename="{survey.form_id}-{version.version}.xlsx"'
    )
    return response


@login_required
def form_export(request: HttpRequest, pk: int) -> HttpResponse:
    """A form's submissions the reader sees, as XLSX (a sheet per repeat) or CSV."""
    survey = queries.get_form_for_user(request.user, pk)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise Http404
    labels = request.GET.get("headers") == "labels"
    version = queries.current_version(survey)
    rows = list(
        queries.submission_list(request.user, form=survey.pk).defer(None).order_by("received_at")
    )
    audit.record_export(
        actor=request.user,
        name=f"surveys:{survey.form_id}",
        filters={"format": fmt, "headers": "labels" if labels else "names", "rows": len(rows)},
    )
    if fmt == "xlsx":
        content = tables.write_xlsx(
            version.schema, rows, labels=labels, language=_language(), rtl=get_language_bidi()
        )
        response = HttpResponse(content, content_type=MEDIA_TYPES["xlsx"])
        name = f"{survey.form_id}.xlsx"
    else:
        content, zipped = tables.write_csv(
            version.schema, rows, labels=labels, language=_language()
        )
        response = HttpResponse(
            content, content_type="application/zip" if zipped else MEDIA_TYPES["csv"]
        )
        name = f"{survey.form_id}.{'zip' if zipped else 'csv'}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    form = SubmissionFilterForm(request.GET or None)
    filters = form.filters()
    page = paginate(
        queries.submission_list(request.user, **filters), page_number(request.GET.get("page"))
    )
    survey = None
    if filters.get("form"):
        survey = queries.forms_for(request.user).filter(pk=filters["form"]).first()
    query = request.GET.copy()
    query.pop("page", None)
    template_name = "surveys/submission_list.html"
    if request.htmx:
        template_name += "#rows"
    return render(
        request,
        template_name,
        {"form": form, "page_obj": page, "query_string": query.urlencode(), "survey": survey},
    )


def _answers(submission, language: str) -> list[dict]:
    """The submission's answers in the form's order, labelled in `language`."""
    shown = []
    for question in xforms.questions(submission.version.schema):
        if question.repeat or question.type in xforms.NO_VALUE_TYPES:
            continue
        if question.type == xforms.REPEAT:
            entries = xforms.value_at(submission.data, question.path) or []
            shown.append(
                {
                    "label": xforms.label_in(question.labels, language) or question.name,
                    "repeat": [
                        _entry(submission, question.path, entry, language)
                        for entry in entries
                        if isinstance(entry, dict)
                    ],
                    "group": True,
                }
            )
            continue
        if question.type == xforms.GROUP:
            shown.append(
                {
                    "label": xforms.label_in(question.labels, language) or question.name,
                    "group": True,
                }
            )
            continue
        shown.append(_answer(question, xforms.value_at(submission.data, question.path), language))
    return shown


def _answer(question, value, language: str) -> dict:
    text = value if isinstance(value, str) else ""
    if question.choices and text:
        options = {name: xforms.label_in(labels, language) for name, labels in question.choices}
        text = ", ".join(options.get(v, v) for v in text.split())
    return {
        "label": xforms.label_in(question.labels, language) or question.name,
        "name": question.path,
        "value": text,
        "media": question.type in xforms.MEDIA_TYPES and bool(text),
    }


def _entry(submission, repeat_path: str, entry: dict, language: str) -> list[dict]:
    found = []
    for question in xforms.questions(submission.version.schema):
        if question.repeat != repeat_path or question.type in (xforms.GROUP, xforms.REPEAT):
            continue
        relative = question.path[len(repeat_path) + 1 :]
        found.append(_answer(question, xforms.value_at(entry, relative), language))
    return found


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = queries.get_submission_for_user(request.user, pk)
    actions = rules.allowed_actions(request.user, submission)
    review = None
    if set(actions) & {rules.APPROVE, rules.REJECT}:
        review = ReviewForm(actions=actions, candidates=submission.candidates)
    return render(
        request,
        "surveys/submission_detail.html",
        {
            "submission": submission,
            "answers": _answers(submission, _language()),
            "revisions": queries.revisions_of(submission),
            "attachments": submission.attachments.defer("content"),
            "may_edit": rules.EDIT in actions,
            "review_form": review,
        },
    )


def _editable(submission):
    return [
        q
        for q in xforms.questions(submission.version.schema)
        if not q.repeat and q.type not in (xforms.GROUP, xforms.REPEAT, *xforms.NO_VALUE_TYPES)
    ]


@login_required
def submission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = queries.get_submission_for_user(request.user, pk, scoping.CHANGE)
    if rules.EDIT not in rules.allowed_actions(request.user, submission):
        raise Forbidden
    questions = _editable(submission)
    language = _language()

    class Labelled:
        def __init__(self, question):
            self.path = question.path
            self.label = xforms.label_in(question.labels, language) or question.name

    form_class = edit_form_class(
        [Labelled(q) for q in questions], lambda path: xforms.value_at(submission.data, path)
    )
    form = form_class(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.edit_submission(
            submission=submission,
            changes={q.path: form.cleaned_data[f"q{i}"] for i, q in enumerate(questions)},
            by=request.user,
            note=form.cleaned_data["note"],
        ),
    )
    if done is not None:
        messages.success(request, _("The submission was changed; its earlier answers are kept."))
        return redirect(submission)
    return render(request, "surveys/submission_edit.html", {"submission": submission, "form": form})


@login_required
def submission_review(request: HttpRequest, pk: int) -> HttpResponse:
    submission = queries.get_submission_for_user(request.user, pk, scoping.CHANGE)
    actions = rules.allowed_actions(request.user, submission)
    if not rules.may_review(request.user, submission):
        raise Forbidden
    form = ReviewForm(request.POST or None, actions=actions, candidates=submission.candidates)
    done = submit(
        request,
        form,
        lambda: services.review_submission(
            submission=submission,
            action=form.cleaned_data["action"],
            by=request.user,
            note=form.cleaned_data["note"],
            decision=form.cleaned_data.get("decision") or "",
        ),
    )
    if done is not None:
        if done.status == "waiting":
            messages.warning(
                request,
                _("This person may already be registered: choose a candidate or a new person."),
            )
        else:
            messages.success(request, _("The review was saved."))
        return redirect(submission)
    return render(
        request, "surveys/submission_review.html", {"submission": submission, "form": form}
    )


@login_required
def submission_media(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    submission = queries.get_submission_for_user(request.user, pk)
    found = queries.attachment_of(submission, name)
    response = HttpResponse(bytes(found.content), content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def needs_assessment(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    page = analysis.page(request.user, request.GET, language=_language())
    fmt = request.GET.get("format")
    if fmt in ("xlsx", "csv"):
        return analysis.download(page, fmt, rtl=get_language_bidi())
    return render(request, "surveys/needs_assessment.html", page)
