"""Login throttling: django-axes' lockout check, and the audit of every failed login."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import services


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a sign-in while its username and address are locked out.

    Every sign-in through a page (ours and the admin's) passes its request; a call without
    one (a script, Django's test client) has no address to count failures by, so it is not
    checked here instead of failing.
    """

    def authenticate(self, request: HttpRequest | None, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The page a locked-out sign-in gets (AXES_LOCKOUT_CALLABLE), in the page's language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def audit_failed_login(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    """Receiver of Django's `user_login_failed`: every refused sign-in, ours or the admin's,
    lands in the audit trail (the credentials Django sends have the password masked; only
    the username is read)."""
    username = str(credentials.get("username") or "")
    ip_address = get_client_ip_address(request) if request is not None else None
    locked = request is not None and getattr(request, "axes_locked_out", False)
    services.record_failed_login(
        username=username, ip_address=ip_address, reason="locked out" if locked else ""
    )
