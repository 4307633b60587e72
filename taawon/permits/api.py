"""Work permits over HTTP, mounted at /api/v1/permits: a thin layer over the same queries and
services as the pages, scoped the same way. Permits out of the caller's reach are 404; ids of
out-of-reach records in a body are field errors; errors become JSON in taawon/api.py."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Status

from taawon.accounts import scoping
from taawon.accounts.queries import OwnerWords, pick_owner
from taawon.core.api_pages import PageIn, fetch_page
from taawon.core.exceptions import NotFound, ValidationFailed
from taawon.core.fields import ApiDate
from taawon.people import queries as people_queries

from . import queries, reports, rules, services
from .forms.permits import default_owner
from .import_api import router as import_router
from .models import Permit, PermitKind, PermitStatus, Sector
from .schemas import (
    PAGE,
    ApplicationIn,
    CancelIn,
    DocumentsIn,
    IssueIn,
    PermitListOut,
    PermitOut,
    RejectIn,
    RenewIn,
    ReportOut,
    SubmitIn,
)

router = Router(tags=["work permits"])
CHANGE = scoping.CHANGE


def _require_reader(request: HttpRequest) -> None:
    if rules.feature_off(request.auth):
        raise NotFound(str(rules.FEATURE_OFF_MESSAGE))
    if not rules.may_read(request.auth):
        raise NotFound()


def _page(qs: QuerySet, page: PageIn) -> dict[str, Any]:
    return fetch_page(qs.prefetch_related("person__identifiers"), page)


def _read(request: HttpRequest, permit: Permit) -> Permit:
    return queries.get_permit_for_user(request.auth, permit.pk)


# ---- Reading --------------------------------------------------------------------------------


@router.get(
    "",
    response=PermitListOut,
    summary="List work permits",
    description=(
        "Permits you may read, newest first. `q` is a permit number or words of the holder's "
        "name; `status=issued` keeps permits in force, `expired=true` issued permits past "
        "their end; `expiring_within` keeps issued permits ending in that many days with no "
        f"renewal under way. {PAGE}"
    ),
)
def list_permits(
    request: HttpRequest,
    page: Query[PageIn],
    q: str = Query("", max_length=100),
    status: PermitStatus | None = None,
    expired: bool = Query(False, description="Issued permits past their expiry date"),
    sector: Sector | None = None,
    kind: PermitKind | None = None,
    cooperative: int | None = None,
    expiring_within: int | None = Query(None, ge=1, le=366),
):
    _require_reader(request)
    qs = queries.permit_list(
        request.auth,
        q=q,
        status=queries.EXPIRED if expired else (status or ""),
        sector=sector or "",
        kind=kind or "",
        cooperative=cooperative,
    )
    if expiring_within is not None:
        qs = qs.filter(
            pk__in=queries.expiring(request.auth, within_days=expiring_within).values("pk")
        )
    return _page(qs, page)


@router.get(
    "/expiring",
    response=PermitListOut,
    summary="Permits expiring soon",
    description=(
        "Issued permits ending from today to `days` days later with no renewal under way, "
        f"by cooperative, soonest first. {PAGE}"
    ),
)
def list_expiring(
    request: HttpRequest,
    page: Query[PageIn],
    days: int = Query(30, ge=1, le=366),
    cooperative: int | None = None,
):
    _require_reader(request)
    qs = queries.expiring(request.auth, within_days=days)
    if cooperative is not None:
        qs = qs.filter(cooperative_id=cooperative)
    return _page(qs, page)


@router.get(
    "/report",
    response=ReportOut,
    summary="Report of permits issued in a period",
    description=(
        "Permits issued from `start` to `end` (both included) within your reach, by sex, "
        "nationality, sector, cooperative and the cooperative's governorate; with "
        "`national_total` (the ministry's count of permits for Syrians in the period), the "
        "share of it issued through these cooperatives."
    ),
)
def read_report(
    request: HttpRequest,
    start: ApiDate,
    end: ApiDate,
    national_total: int | None = Query(None, ge=1, le=100_000_000),
):
    _require_reader(request)
    if end < start:
        raise ValidationFailed(
            field_errors={"end": [_("The end of the period is before its start.")]}
        )
    return reports.permit_report(request.auth, start=start, end=end, national_total=national_total)


@router.get("/{int:permit_id}", response=PermitOut, summary="Read a work permit")
def read_permit(request: HttpRequest, permit_id: int):
    return queries.get_permit_for_user(request.auth, permit_id)


# ---- Changes --------------------------------------------------------------------------------


def _field_ref(load, field: str):
    try:
        return load()
    except Http404:
        raise ValidationFailed(field_errors={field: [_("Unknown or out of reach.")]}) from None


# An owner named in a request and out of reach reads like any other id out of reach.
OWNER_WORDS = OwnerWords(
    none=gettext_lazy("Unknown or out of reach."),
    choose=gettext_lazy("Unknown or out of reach."),
    refused=gettext_lazy("Unknown or out of reach."),
)


def _one(qs: QuerySet, pk: int, field: str):
    found = qs.filter(pk=pk).first()
    if found is None:
        raise ValidationFailed(field_errors={field: [_("Unknown or out of reach.")]})
    return found


@router.post(
    "",
    response={201: PermitOut},
    summary="Start an application",
    description="A draft application for a registry person under a cooperative.",
)
def create_application(request: HttpRequest, payload: ApplicationIn):
    user = request.auth
    if not rules.may_apply(user):
        raise NotFound()
    person = _field_ref(lambda: people_queries.get_person_for_user(user, payload.person), "person")
    cooperative = _one(queries.cooperatives_for_permits(user), payload.cooperative, "cooperative")
    if payload.owner is None:
        owner = default_owner(user, cooperative, person)
    else:
        owner = pick_owner(user, payload.owner, rules.DOMAIN, words=OWNER_WORDS)
    permit = services.create_application(
        person=person,
        cooperative=cooperative,
        owner=owner,
        sector=payload.sector,
        kind=payload.kind,
        employer_name=payload.employer_name,
        language=payload.language,
        applied_on=payload.applied_on,
        documents_received=payload.documents,
        created_by=user,
    )
    return Status(201, _read(request, permit))


@router.put(
    "/{int:permit_id}/documents",
    response=PermitOut,
    summary="Record the documents received",
    description="Replaces the list of documents received (draft applications).",
)
def set_documents(request: HttpRequest, permit_id: int, payload: DocumentsIn):
    permit = queries.get_permit_for_user(request.auth, permit_id, CHANGE)
    services.set_documents(
        permit=permit, documents_received=payload.documents, updated_by=request.auth
    )
    return _read(request, permit)


@router.post(
    "/{int:permit_id}/submit",
    response=PermitOut,
    summary="Submit the application to the ministry",
    description="Every required document must have been received.",
)
def submit_application(request: HttpRequest, permit_id: int, payload: SubmitIn):
    permit = queries.get_permit_for_user(request.auth, permit_id, CHANGE)
    services.submit_application(permit=permit, submitted_by=request.auth, **payload.dict())
    return _read(request, permit)


@router.post(
    "/{int:permit_id}/issue",
    response=PermitOut,
    summary="Record that the ministry issued the permit",
    description="Ministry officers of the permit's country and system administrators only.",
)
def issue_permit(request: HttpRequest, permit_id: int, payload: IssueIn):
    permit = queries.get_permit_for_user(request.auth, permit_id, CHANGE)
    services.issue_permit(permit=permit, decided_by=request.auth, **payload.dict())
    return _read(request, permit)


@router.post(
    "/{int:permit_id}/reject",
    response=PermitOut,
    summary="Record that the ministry rejected the application",
    description="Ministry officers of the permit's country and system administrators only.",
)
def reject_permit(request: HttpRequest, permit_id: int, payload: RejectIn):
    permit = queries.get_permit_for_user(request.auth, permit_id, CHANGE)
    services.reject_permit(
        permit=permit,
        reason=payload.rejection_reason,
        ministry_reference=payload.ministry_reference,
        decided_by=request.auth,
    )
    return _read(request, permit)


@router.post(
    "/{int:permit_id}/renew",
    response={201: PermitOut},
    summary="Start the renewal of an issued permit",
    description="A new application linked to the permit; the new application is returned.",
)
def renew_permit(request: HttpRequest, permit_id: int, payload: RenewIn):
    permit = queries.get_permit_for_user(request.auth, permit_id, CHANGE)
    if not rules.may_apply(request.auth):
        raise NotFound()
    renewal = services.renew_permit(
        permit=permit, created_by=request.auth, applied_on=payload.applied_on
    )
    return Status(201, _read(request, renewal))


@router.post(
    "/{int:permit_id}/cancel",
    response=PermitOut,
    summary="Withdraw a draft application or cancel an issued permit",
    description=(
        "Withdrawing a draft is the cooperative's; cancelling an issued permit is the "
        "ministry's decision."
    ),
)
def cancel_permit(request: HttpRequest, permit_id: int, payload: CancelIn):
    permit = queries.get_permit_for_user(request.auth, permit_id, CHANGE)
    services.cancel_permit(
        permit=permit,
        reason=payload.cancellation_reason,
        cancelled_on=payload.cancelled_on,
        cancelled_by=request.auth,
    )
    return _read(request, permit)


router.add_router("/imports", import_router)
