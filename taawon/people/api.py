"""The person registry over HTTP: the same queries and services as the pages."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Status

from taawon.accounts import scoping
from taawon.accounts.queries import OwnerWords, pick_owner
from taawon.core.api_pages import PageIn, fetch_page

from . import queries, services, validation
from .schemas import (
    AnonymiseIn,
    PersonFilters,
    PersonIn,
    PersonListOut,
    PersonOut,
    PersonPatchIn,
    StatusChangeIn,
)

router = Router(tags=["persons"])

PERSON_FIELDS = set(validation.PERSON_FIELDS)
OWNER_WORDS = OwnerWords(
    none=gettext_lazy("You may not register persons."),
    choose=gettext_lazy("Choose the organisation that registers this person."),
    refused=gettext_lazy("You may not register persons for this organisation."),
)


@router.get("", response=PersonListOut, summary="List persons")
def list_persons(request: HttpRequest, filters: Query[PersonFilters], page: Query[PageIn]):
    """Persons you may read, newest first. `q` searches names in both scripts."""
    persons = queries.person_list(
        request.auth,
        q=filters.q,
        governorate=filters.governorate,
        sex=filters.sex,
        nationality=filters.nationality,
        displacement_status=filters.displacement_status,
        status=None if filters.status == "all" else filters.status,
    ).prefetch_related("identifiers")
    return fetch_page(persons, page)


@router.get("/{int:person_id}", response=PersonOut, summary="Get a person")
def get_person(request: HttpRequest, person_id: int):
    return queries.get_person_for_user(request.auth, person_id)


@router.post("", response={201: PersonOut}, summary="Register a person")
def create_person(request: HttpRequest, payload: PersonIn):
    """Registers a person. When the registry may already hold them, answers 409 with the
    candidates; send again with `"duplicate_decision": "new"` to register anyway."""
    user = request.auth
    data = payload.dict(include=PERSON_FIELDS)
    person = services.register_person(
        owner=pick_owner(user, payload.owner, "people", words=OWNER_WORDS),
        data=data,
        identifiers=payload.identifiers,
        registered_by=user,
        duplicate_decision=payload.duplicate_decision,
    )
    return Status(201, queries.get_person_for_user(user, person.pk))


@router.patch("/{int:person_id}", response=PersonOut, summary="Change a person")
def update_person(request: HttpRequest, person_id: int, payload: PersonPatchIn):
    user = request.auth
    person = queries.get_person_for_user(user, person_id, scoping.CHANGE)
    sent = payload.dict(exclude_unset=True)
    identifiers = sent.pop("identifiers", None) or {}
    services.update_person(person=person, data=sent, identifiers=identifiers, updated_by=user)
    return queries.get_person_for_user(user, person.pk)


@router.post("/{int:person_id}/archive", response=PersonOut, summary="Archive a person")
def archive_person(request: HttpRequest, person_id: int, payload: StatusChangeIn):
    person = queries.get_person_for_user(request.auth, person_id, scoping.CHANGE)
    services.archive_person(person=person, archived_by=request.auth, note=payload.note)
    return queries.get_person_for_user(request.auth, person.pk)


@router.post("/{int:person_id}/restore", response=PersonOut, summary="Restore a person")
def restore_person(request: HttpRequest, person_id: int, payload: StatusChangeIn):
    person = queries.get_person_for_user(request.auth, person_id, scoping.CHANGE)
    services.restore_person(person=person, restored_by=request.auth, note=payload.note)
    return queries.get_person_for_user(request.auth, person.pk)


@router.post(
    "/{int:person_id}/anonymise", response=PersonOut, summary="Anonymise a person (erasure)"
)
def anonymise_person(request: HttpRequest, person_id: int, payload: AnonymiseIn):
    """Administrators only. Erases names, identifiers, phone, day and month of birth; the row
    stays, so aggregates keep counting the person. Calling this confirms it."""
    person = queries.get_person_for_user(request.auth, person_id, scoping.CHANGE)
    services.anonymise_person(
        person=person, anonymised_by=request.auth, reason=payload.reason, confirm=payload.confirm
    )
    return queries.get_person_for_user(request.auth, person.pk)
