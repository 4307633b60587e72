"""Awareness sessions over the API: participants by name and head counts."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Status

from taawon.accounts.models import User
from taawon.core.api_pages import PageIn, fetch_page
from taawon.core.exceptions import ValidationFailed

from ..unit import access
from ..unit.api import CHANGE, listing, owning_unit, router
from . import queries, services
from .models import AwarenessSession
from .schemas import AwarenessIn, AwarenessListOut, AwarenessOut, AwarenessPatchIn


def _people(user: User, ids: list[int]) -> list:
    people = []
    for pk in dict.fromkeys(ids):
        try:
            people.append(access.get_person_for_user(user, pk))
        except Http404:
            raise ValidationFailed(
                field_errors={"participants": [_("Unknown or out of reach.")]}
            ) from None
    return people


def _head_counts(rows: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["sex"], row["nationality"].upper())
        counts[key] = counts.get(key, 0) + row["count"]
    return counts


# ---- Awareness sessions -------------------------------------------------------------------


def _awareness_data(user: User, data: dict[str, Any]) -> dict[str, Any]:
    if "participants" in data:
        data["participants"] = _people(user, data["participants"] or [])
    if "head_counts" in data:
        data["head_counts"] = _head_counts(data["head_counts"] or [])
    return data


@router.get(
    "/awareness-sessions",
    response=AwarenessListOut,
    summary="List awareness sessions",
    description=listing("Sessions of your units, newest first."),
    operation_id="taawon_employment_api_records_list_awareness_sessions",
)
def list_awareness_sessions(
    request: HttpRequest,
    page: Query[PageIn],
    topic: AwarenessSession.Topic | None = None,
    governorate: int | None = None,
):
    qs = queries.awareness_list(request.auth, topic=topic or "", governorate=governorate)
    return fetch_page(qs.prefetch_related("participants", "head_counts"), page)


@router.get(
    "/awareness-sessions/{int:session_id}",
    response=AwarenessOut,
    summary="Read an awareness session",
    operation_id="taawon_employment_api_records_read_awareness_session",
)
def read_awareness_session(request: HttpRequest, session_id: int):
    return queries.get_awareness_for_user(request.auth, session_id)


@router.post(
    "/awareness-sessions",
    response={201: AwarenessOut},
    summary="Record an awareness session",
    operation_id="taawon_employment_api_records_create_awareness_session",
)
def create_awareness_session(request: HttpRequest, payload: AwarenessIn):
    """Participants are registered persons (`participants`), head counts by sex and
    nationality of those who were not registered (`head_counts`), or both."""
    user = request.auth
    data = _awareness_data(user, payload.dict())
    owner = owning_unit(user, data.pop("owner"))
    session = services.record_awareness_session(owner=owner, recorded_by=user, **data)
    return Status(201, queries.get_awareness_for_user(user, session.pk))


@router.patch(
    "/awareness-sessions/{int:session_id}",
    response=AwarenessOut,
    summary="Change an awareness session",
    operation_id="taawon_employment_api_records_update_awareness_session",
)
def update_awareness_session(request: HttpRequest, session_id: int, payload: AwarenessPatchIn):
    user = request.auth
    session = queries.get_awareness_for_user(user, session_id, CHANGE)
    data = _awareness_data(user, payload.dict(exclude_unset=True))
    services.update_awareness_session(session=session, updated_by=user, **data)
    return queries.get_awareness_for_user(user, session.pk)
