"""Surveys over HTTP, mounted at /api/v1/surveys: forms and submissions through the same
queries (scoping) and services as the pages. Uploading an XLSForm is a page (a file upload);
ODK Collect talks to /openrosa/, not to this API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from taawon.accounts import scoping
from taawon.core.api_pages import PAGE_NOTE, PageIn, fetch_page
from taawon.core.exceptions import NotFound

from . import queries, rules, services
from .models import ReviewStatus, Submission
from .schemas import (
    FormDetailOut,
    FormListOut,
    SubmissionDetailOut,
    SubmissionListOut,
    SubmissionReviewIn,
)

router = Router(tags=["surveys"])


def _require_reader(request: HttpRequest) -> None:
    if not rules.may_read_any(request.auth):
        raise NotFound()


def _form(form) -> dict:
    return {
        name: getattr(form, name)
        for name in ("id", "form_id", "title", "status", "owner_id", "target")
    }


def _submission(user, submission: Submission) -> dict:
    return {
        "id": submission.pk,
        "form_id": submission.form.form_id,
        "version": submission.version.version,
        "instance_id": submission.instance_id,
        "owner_id": submission.owner_id,
        "received_at": submission.received_at,
        "status": submission.status,
        "missing_attachments": submission.missing_attachments,
        "actions": rules.allowed_actions(user, submission),
    }


@router.get("/forms", response=FormListOut, summary="List survey forms", description=PAGE_NOTE)
def list_forms(request: HttpRequest, page: Query[PageIn]):
    _require_reader(request)
    result = fetch_page(queries.form_list(request.auth), page)
    result["items"] = [_form(f) for f in result["items"]]
    return result


@router.get("/forms/{form_pk}", response=FormDetailOut, summary="One survey form")
def get_form(request: HttpRequest, form_pk: int):
    form = queries.get_form_for_user(request.auth, form_pk)
    versions = list(queries.versions_of(form))
    return {
        **_form(form),
        "assigned": sorted(form.assigned.values_list("id", flat=True)),
        "versions": [
            {"version": v.version, "created_at": v.created_at, "md5": v.md5} for v in versions
        ],
        "media": [
            {
                "filename": state.filename,
                "uploaded": not state.missing,
                "md5": state.media.md5 if state.media else None,
                "size": state.media.size if state.media else None,
            }
            for state in (queries.media_states(versions[0]) if versions else [])
        ],
    }


@router.get(
    "/submissions",
    response=SubmissionListOut,
    summary="List submissions",
    description=f"Submissions of the organisations you read, newest first. {PAGE_NOTE}",
)
def list_submissions(
    request: HttpRequest,
    page: Query[PageIn],
    form: int | None = None,
    status: ReviewStatus | None = None,
):
    _require_reader(request)
    qs = queries.submission_list(request.auth, form=form, status=status or "")
    result = fetch_page(qs, page)
    result["items"] = [_submission(request.auth, s) for s in result["items"]]
    return result


def _detail(user, submission: Submission) -> dict:
    return {
        **_submission(user, submission),
        "data": submission.data,
        "attachments": list(submission.attachments.values_list("name", flat=True)),
        "records": submission.records,
        "candidates": submission.candidates,
    }


@router.get("/submissions/{submission_id}", response=SubmissionDetailOut, summary="One submission")
def get_submission(request: HttpRequest, submission_id: int):
    return _detail(request.auth, queries.get_submission_for_user(request.auth, submission_id))


@router.post(
    "/submissions/{submission_id}/review",
    response=SubmissionDetailOut,
    summary="Approve or reject a submission",
    description=(
        "`action` is one of the submission's `actions` (approve, reject). Approving a "
        "submission of a form that feeds the registry creates its records; when its person "
        "may already be registered it waits with `candidates`: approve again with `decision` "
        '"new" or the candidate\'s person id.'
    ),
)
def review_submission(request: HttpRequest, submission_id: int, payload: SubmissionReviewIn):
    submission = queries.get_submission_for_user(request.auth, submission_id, scoping.CHANGE)
    submission = services.review_submission(
        submission=submission,
        action=payload.action,
        by=request.auth,
        note=payload.note,
        decision=payload.decision,
    )
    return _detail(request.auth, submission)
