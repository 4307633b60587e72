"""Complaints over HTTP, mounted at /api/v1/complaints: the same queries (scoping and the
sensitivity rule) and services as the pages. A complaint the caller does not read is 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from taawon.accounts import scoping
from taawon.accounts.models import Organisation, User
from taawon.core.api_pages import PAGE_NOTE, PageIn, fetch_page
from taawon.core.exceptions import NotFound, ValidationFailed
from taawon.employment.employers import queries as employer_queries
from taawon.people import queries as people_queries

from . import queries, rules, services
from .models import Category, Channel, Complaint, ComplaintStatus
from .schemas import ComplaintDetailOut, ComplaintIn, ComplaintListOut, ReceiptOut, StepIn

router = Router(tags=["complaints"])


def _require_reader(request: HttpRequest) -> None:
    if not rules.may_read_any(request.auth):
        raise NotFound()


def _out(user, complaint: Complaint, now=None) -> dict:
    now = now or timezone.now()
    return {
        **{
            name: getattr(complaint, name)
            for name in (
                "id",
                "reference",
                "owner_id",
                "channel",
                "complainant_kind",
                "category",
                "sensitive",
                "status",
                "received_at",
                "acknowledge_by",
                "acknowledged_at",
                "referred_to",
                "closed_at",
                "days_to_close",
                "person_informed",
                "satisfaction",
                "person_id",
                "employer_id",
            )
        },
        "overdue": complaint.status == ComplaintStatus.RECEIVED and complaint.acknowledge_by < now,
        "actions": rules.allowed_actions(user, complaint),
    }


def _detail(user, complaint: Complaint) -> dict:
    return {
        **_out(user, complaint),
        "description": complaint.description,
        "contact_name": complaint.contact_name,
        "contact_phone": complaint.contact_phone,
        "language": complaint.language,
        "steps": [
            {
                "at": step.at,
                "by": step.by.username if step.by else None,
                "status": step.status,
                "note": step.note,
            }
            for step in queries.steps_of(complaint)
        ],
    }


@router.get(
    "",
    response=ComplaintListOut,
    summary="List complaints and feedback",
    description=(
        "Complaints you read, newest first: sensitive ones only if you are a focal point of "
        f"their unit or of the country office; never one that names you. {PAGE_NOTE}"
    ),
)
def list_complaints(
    request: HttpRequest,
    page: Query[PageIn],
    status: ComplaintStatus | None = None,
    category: Category | None = None,
    channel: Channel | None = None,
    overdue: bool = False,
):
    _require_reader(request)
    qs = queries.complaint_list(
        request.auth,
        status=status or "",
        category=category or "",
        channel=channel or "",
        overdue=overdue,
    )
    result = fetch_page(qs, page)
    now = timezone.now()
    result["items"] = [_out(request.auth, c, now) for c in result["items"]]
    return result


@router.get("/{complaint_id}", response=ComplaintDetailOut, summary="One complaint")
def get_complaint(request: HttpRequest, complaint_id: int):
    complaint = queries.get_complaint_for_user(request.auth, complaint_id)
    return _detail(request.auth, complaint)


def _owner(user, owner_id: int) -> Organisation:
    owner = Organisation.objects.filter(pk=owner_id).first()
    if owner is None or not rules.may_record_for(user, owner.pk):
        raise ValidationFailed(field_errors={"owner_id": [_("Choose a unit you work for.")]})
    return owner


def _lookup(field: str, getter):
    try:
        return getter()
    except Http404:
        raise ValidationFailed(field_errors={field: [_("No such record you may read.")]}) from None


@router.post(
    "",
    response={201: ReceiptOut},
    summary="Record a complaint (in person)",
    description="The PIN in the answer is given to the complainant with the reference, once.",
)
def record_complaint(request: HttpRequest, payload: ComplaintIn):
    if not rules.may_record(request.auth):
        raise NotFound()
    user = request.auth
    owner = _owner(user, payload.owner_id)
    person = employer = named = None
    if payload.person_id is not None:
        person = _lookup(
            "person_id", lambda: people_queries.get_person_for_user(user, payload.person_id)
        )
    if payload.employer_id is not None:
        employer = _lookup(
            "employer_id",
            lambda: employer_queries.get_employer_for_user(user, payload.employer_id),
        )
    if payload.named_staff_id is not None:
        named = User.objects.filter(
            pk=payload.named_staff_id,
            memberships__organisation_id__in=sorted(
                scoping.reach(user, scoping.READ, domain=rules.DOMAIN).organisation_ids
            )
            or [owner.pk],
        ).first()
        if named is None:
            raise ValidationFailed(
                field_errors={"named_staff_id": [_("No such staff member of your units.")]}
            )
    receipt = services.record_complaint(
        owner=owner,
        category=payload.category,
        description=payload.description,
        complainant_kind=payload.complainant_kind,
        contact_name=payload.contact_name,
        contact_phone=payload.contact_phone,
        language=payload.language,
        sensitive=payload.sensitive,
        person=person,
        employer=employer,
        named_staff=named,
        recorded_by=user,
    )
    return Status(201, {"complaint": _out(user, receipt.complaint), "pin": receipt.pin})


@router.post(
    "/{complaint_id}/steps",
    response=ComplaintDetailOut,
    summary="Take a step of a complaint's handling",
    description=(
        "`action` is one of the complaint's `actions`. Referring needs `service`; closing "
        "needs `person_informed`, and takes `satisfaction` (1 to 5) when known."
    ),
)
def take_step(request: HttpRequest, complaint_id: int, payload: StepIn):
    complaint = queries.get_complaint_for_user(request.auth, complaint_id)
    complaint = services.take_step(
        complaint=complaint,
        action=payload.action,
        by=request.auth,
        note=payload.note,
        service=payload.service or "",
        person_informed=payload.person_informed,
        satisfaction=payload.satisfaction,
    )
    return _detail(request.auth, complaint)
