"""API authentication: bearer tokens (`taawon createtoken USERNAME`) or a browser session."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security import SessionAuth as SessionAuth  # browser session, CSRF-checked

from . import services


class BearerTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = services.user_for_token(token)
        if user is not None:
            request.user = user
        return user
