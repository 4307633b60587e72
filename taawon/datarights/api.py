"""People's rights over their data over HTTP: the same queries and services as the pages."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Status

from taawon.accounts.queries import OwnerWords, owner_choices, pick_owner
from taawon.core.api_pages import PageIn, fetch_page
from taawon.core.exceptions import PermissionDenied
from taawon.people import queries as people_queries

from . import queries, rules, services
from .schemas import (
    AccessRequestListOut,
    AgreementIn,
    AgreementListOut,
    AgreementOut,
    ConsentChangeIn,
    ConsentOut,
    CorrectionIn,
    CorrectionListOut,
    CorrectionOut,
    RefusalIn,
)

router = Router(tags=["data rights"])

AGREEMENT_OWNER_WORDS = OwnerWords(
    none=gettext_lazy("You may not record data-sharing agreements."),
    choose=gettext_lazy("Choose the organisation that owns the agreement."),
    refused=gettext_lazy("You may not record data-sharing agreements for this organisation."),
)


def _person_to_handle(user, person_id: int):
    person = people_queries.get_person_for_user(user, person_id)
    if not rules.may_handle_person(user, person):
        raise PermissionDenied(gettext_lazy("You may not handle this person's data requests."))
    return person


@router.get("/access-requests", response=AccessRequestListOut, summary="List copies handed over")
def list_access_requests(request: HttpRequest, page: Query[PageIn], person: int | None = None):
    """Subject-access copies of their data handed to persons (the PDF is made on the page)."""
    qs = queries.access_requests(request.auth).order_by("-created_at", "-pk")
    if person is not None:
        qs = qs.filter(person_id=person)
    return fetch_page(qs, page)


@router.get("/corrections", response=CorrectionListOut, summary="List correction requests")
def list_corrections(
    request: HttpRequest, page: Query[PageIn], status: str = "", person: int | None = None
):
    qs = queries.correction_requests(
        request.auth, status=status if status in ("open", "corrected", "refused") else ""
    ).order_by("-created_at", "-pk")
    if person is not None:
        qs = qs.filter(person_id=person)
    return fetch_page(qs, page)


@router.post("/corrections", response={201: CorrectionOut}, summary="Record a correction request")
def create_correction(request: HttpRequest, payload: CorrectionIn):
    """After checking who is asking: what the person says is wrong, and what it should be."""
    person = _person_to_handle(request.auth, payload.person)
    correction = services.request_correction(
        person=person,
        field=payload.field,
        requested_value=payload.requested_value,
        statement=payload.statement,
        identity_check=payload.identity_check,
        requested_by=request.auth,
    )
    return Status(201, queries.get_correction_for_user(request.auth, correction.pk))


@router.get("/corrections/{int:correction_id}", response=CorrectionOut, summary="Get a request")
def get_correction(request: HttpRequest, correction_id: int):
    return queries.get_correction_for_user(request.auth, correction_id)


def _to_decide(user, correction_id: int):
    correction = queries.get_correction_for_user(user, correction_id)
    if not rules.may_handle_person(user, correction.person):
        raise PermissionDenied(gettext_lazy("You may not handle this person's data requests."))
    return correction


@router.post(
    "/corrections/{int:correction_id}/apply", response=CorrectionOut, summary="Correct the record"
)
def apply_correction(request: HttpRequest, correction_id: int):
    """Makes the change through the registry's service and closes the request."""
    correction = _to_decide(request.auth, correction_id)
    services.apply_correction(request=correction, decided_by=request.auth)
    return queries.get_correction_for_user(request.auth, correction_id)


@router.post(
    "/corrections/{int:correction_id}/refuse", response=CorrectionOut, summary="Refuse a request"
)
def refuse_correction(request: HttpRequest, correction_id: int, payload: RefusalIn):
    correction = _to_decide(request.auth, correction_id)
    services.refuse_correction(request=correction, reason=payload.reason, decided_by=request.auth)
    return queries.get_correction_for_user(request.auth, correction_id)


@router.post("/consents", response={201: ConsentOut}, summary="Withdraw or give a consent")
def change_consent(request: HttpRequest, payload: ConsentChangeIn):
    """One purpose, from today. Withdrawing `sms` stops messages to the person; withdrawing
    `data_sharing` leaves them out of exports to partners."""
    person = _person_to_handle(request.auth, payload.person)
    consent = services.change_consent(
        person=person,
        purpose=payload.purpose,
        given=payload.given,
        note=payload.note,
        changed_by=request.auth,
    )
    return Status(201, consent)


@router.get("/agreements", response=AgreementListOut, summary="List data-sharing agreements")
def list_agreements(request: HttpRequest, page: Query[PageIn]):
    return fetch_page(queries.agreements(request.auth).order_by("-starts_on", "-pk"), page)


@router.get("/agreements/{int:agreement_id}", response=AgreementOut, summary="Get an agreement")
def get_agreement(request: HttpRequest, agreement_id: int):
    return queries.get_agreement_for_user(request.auth, agreement_id)


@router.post("/agreements", response={201: AgreementOut}, summary="Record an agreement")
def create_agreement(request: HttpRequest, payload: AgreementIn):
    """Managers and administrators of the owning organisation (programme officers)."""
    user = request.auth
    choices = [
        o for o in owner_choices(user, rules.DOMAIN) if rules.may_record_agreement_for(user, o.pk)
    ]
    owner = pick_owner(
        user, payload.owner, rules.DOMAIN, choices=choices, words=AGREEMENT_OWNER_WORDS
    )
    agreement = services.record_agreement(
        owner=owner, data=payload.dict(exclude={"owner"}), recorded_by=user
    )
    return Status(201, queries.get_agreement_for_user(user, agreement.pk))
