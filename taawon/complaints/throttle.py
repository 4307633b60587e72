"""A limit on the public form's submissions per client address, so that a script flooding it
is slowed down while a person sending one or two complaints never meets it.

Counted in Django's cache: files under var/cache/ (settings.py), shared by the server's worker
processes, so that the limit holds across them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

PREFIX = "complaints:form:"


def client_address(request: HttpRequest) -> str:
    if settings.BEHIND_TLS_PROXY:
        # The proxy appends the address it saw last: the client's, as far as we may trust.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(request: HttpRequest, bucket: str) -> str:
    return f"{PREFIX}{bucket}:{client_address(request)}"


def allowed(request: HttpRequest, bucket: str = "submit", *, times: int = 1) -> bool:
    """Count one try from the request's address; False once past `times` the limit in the
    window (the status page allows more lookups than the form submissions)."""
    key = _key(request, bucket)
    window = settings.COMPLAINTS_FORM_WINDOW_MINUTES * 60
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= settings.COMPLAINTS_FORM_LIMIT * times
