"""The registry's REST resource, mounted at /api/v1/cooperatives: a thin layer over the same
queries and services as the web pages. Errors become JSON in taawon/api.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Status

from taawon.accounts.queries import OwnerWords, pick_owner
from taawon.accounts.scoping import CHANGE
from taawon.core.api_pages import PAGE_NOTE, PageIn, fetch_page
from taawon.core.exceptions import ValidationFailed
from taawon.geo.models import District, Governorate

from . import queries, services
from .models import CooperativeStatus, CooperativeType
from .schemas import (
    CooperativeDetailOut,
    CooperativeIn,
    CooperativeListOut,
    CooperativeOut,
    CooperativePatchIn,
    ValueChainListOut,
)

router = Router(tags=["cooperatives"])
OWNER_WORDS = OwnerWords(
    none=gettext_lazy("You may not register cooperatives."),
    choose=gettext_lazy("You may register for several organisations: choose the owner."),
    refused=gettext_lazy("You may not register cooperatives for this organisation."),
)


def _places(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with governorate and district ids replaced by rows (reference data, unscoped)."""
    errors = {}
    for name, model in (("governorate", Governorate), ("district", District)):
        if data.get(name) is not None:
            data[name] = model.objects.filter(pk=data[name]).first()
            if data[name] is None:
                errors[name] = [_("Unknown %(name)s.") % {"name": model._meta.verbose_name}]
    if errors:
        raise ValidationFailed(field_errors=errors)
    return data


def _plain_choices(data: dict[str, Any]) -> dict[str, Any]:
    for name in ("type", "status"):
        if data.get(name) is not None:
            data[name] = str(data[name].value)
    return data


@router.get("", response=CooperativeListOut, summary="List cooperatives")
def list_cooperatives(
    request: HttpRequest,
    page: Query[PageIn],
    q: str = "",
    governorate: int | None = None,
    type: CooperativeType | None = None,
    status: CooperativeStatus | None = None,
    value_chain: str = "",
    archived: bool = False,
):
    """Cooperatives of your country's registry, filtered; `q` matches either name or the
    registration number. Pages never count the whole registry: follow `next_offset`."""
    qs = queries.cooperative_list(
        request.auth,
        q=q,
        governorate=governorate,
        type=type.value if type else "",
        status=status.value if status else "",
        value_chain=value_chain,
        archived=archived,
    )
    return fetch_page(qs, page)


@router.get(
    "/value-chains",
    response=ValueChainListOut,
    summary="List value chains",
    description=f"The value chains a cooperative may work in, in their order. {PAGE_NOTE}",
)
def list_value_chains(request: HttpRequest, page: Query[PageIn]):
    return fetch_page(queries.value_chains(), page)


@router.get("/{int:cooperative_id}", response=CooperativeDetailOut, summary="Read a cooperative")
def read_cooperative(request: HttpRequest, cooperative_id: int):
    return queries.get_cooperative_for_user(request.auth, cooperative_id)


@router.post("", response={201: CooperativeDetailOut}, summary="Register a cooperative")
def create_cooperative(request: HttpRequest, payload: CooperativeIn):
    user = request.auth
    data = _plain_choices(_places(payload.dict()))
    owner = pick_owner(user, data.pop("owner"), "cooperatives", words=OWNER_WORDS)
    cooperative = services.register_cooperative(owner=owner, created_by=user, **data)
    return Status(201, queries.get_cooperative_for_user(user, cooperative.pk))


@router.patch(
    "/{int:cooperative_id}", response=CooperativeDetailOut, summary="Change a cooperative"
)
def update_cooperative(request: HttpRequest, cooperative_id: int, payload: CooperativePatchIn):
    user = request.auth
    cooperative = queries.get_cooperative_for_user(user, cooperative_id, CHANGE)
    data = _plain_choices(_places(payload.dict(exclude_unset=True)))
    services.update_cooperative(cooperative=cooperative, updated_by=user, **data)
    return queries.get_cooperative_for_user(user, cooperative.pk)


@router.post(
    "/{int:cooperative_id}/archive", response=CooperativeOut, summary="Archive a cooperative"
)
def archive_cooperative(request: HttpRequest, cooperative_id: int):
    user = request.auth
    cooperative = queries.get_cooperative_for_user(user, cooperative_id, CHANGE)
    return services.archive_cooperative(cooperative=cooperative, archived_by=user)
