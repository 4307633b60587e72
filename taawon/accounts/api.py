"""The accounts API: who the caller is. Users are managed in the web UI."""

from django.http import HttpRequest
from ninja import Router

from . import queries
from .schemas import MeOut

router = Router(tags=["accounts"])


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict:
    """The authenticated user and their memberships."""
    user = request.auth
    return {
        "username": user.username,
        "preferred_language": user.preferred_language,
        "memberships": [
            {
                "organisation": m.organisation_id,
                "organisation_name": m.organisation.display_name,
                "role": m.role,
            }
            for m in queries.memberships_of(user)
        ],
    }
