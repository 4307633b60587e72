"""API authentication: bearer tokens (made on the user's page or by `taawon createtoken`) or a
browser session."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security import SessionAuth as SessionAuth  # browser session, CSRF-checked

from . import scoping, services


class BearerTokenAuth(HttpBearer):
    """A revoked or expired token is no token: ninja answers 401."""

    def authenticate(self, request: HttpRequest, token: str):
        row = services.token_in_use(token)
        if row is None:
            return None
        user = row.user
        if row.organisation_id is not None:
            scoping.narrow_to_organisation(user, row.organisation_id)
        request.user = user
        return user
