"""Two gates every page request passes after Django's authentication: the idle timeout, and the
second factor of those who must (or chose to) use one."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import drafts, second_factor

LAST_SEEN = "taawon_last_seen"
# Writing the session on every request would cost a write per page; a minute is precise enough.
STAMP_EVERY_SECONDS = 60


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def start_session_clock(request: HttpRequest, **kwargs) -> None:
    """At login (Django's `user_logged_in`): the session ends `SESSION_COOKIE_AGE` from now
    whatever happens (a fixed end, or each idle stamp would push it further), and its idle
    clock starts."""
    request.session.set_expiry(
        timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    )
    request.session[LAST_SEEN] = int(time.time())


class IdleSessionMiddleware:
    """Ends a session after `SESSION_IDLE_MINUTES` without a request. A form posted after that
    is kept (without passwords or files) and filled in again once its user has signed in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(LAST_SEEN)
            if seen is not None and now - seen > settings.SESSION_IDLE_MINUTES * 60:
                early = self._sign_out(request)
                if early is not None:
                    return early
            elif seen is None:
                start_session_clock(request)  # a session from before these clocks
            elif now - seen >= STAMP_EVERY_SECONDS:
                request.session[LAST_SEEN] = now
        response = self.get_response(request)
        if request.method == "GET" and request.user.is_authenticated:
            drafts.refill(request, response)
        return response

    def _sign_out(self, request: HttpRequest) -> HttpResponse | None:
        page = drafts.page_of(request)
        kept = drafts.take(request) if request.method == "POST" and not _is_api(request) else None
        user_id = request.user.pk
        logout(request)
        if _is_api(request):
            return None  # continues unauthenticated: the API answers 401
        if kept:
            drafts.keep(request, user_id=user_id, page=page, data=kept)
            messages.info(
                request,
                _(
                    "You were signed out after %(minutes)s minutes without activity. Sign in "
                    "again: what you typed is kept."
                )
                % {"minutes": settings.SESSION_IDLE_MINUTES},
            )
        else:
            messages.info(
                request,
                _("You were signed out after %(minutes)s minutes without activity.")
                % {"minutes": settings.SESSION_IDLE_MINUTES},
            )
        login_page = redirect_to_login(page)
        if request.headers.get("HX-Request"):
            # htmx would swap the login page into a fragment; have it load the whole page.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login_page["Location"]
            return response
        if request.method == "POST":
            return login_page
        return None  # a page that needs a login redirects to it by itself


# Pages a signed-in user reaches before passing the second factor.
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:two_factor_setup",
        "accounts:two_factor_verify",
        "accounts:two_factor_recover",
        "set_language",
        "healthz",
    }
)


class SecondFactorMiddleware:
    """After the password, a user who must (or chose to) use a second factor sees no page
    before passing it: those without one set it up, the others type a code. A browser session
    that has not passed it is no session for the API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified():
            enrolled = second_factor.has_second_factor(user)
            if enrolled or second_factor.required_for(user):
                if _is_api(request):
                    request.user = AnonymousUser()
                elif not self._open(request):
                    step = "two_factor_verify" if enrolled else "two_factor_setup"
                    return second_factor_redirect(f"accounts:{step}", request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _open(request: HttpRequest) -> bool:
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            return resolve(request.path_info).view_name in OPEN_BEFORE_SECOND_FACTOR
        except Resolver404:
            return False


def second_factor_redirect(url_name: str, next_url: str) -> HttpResponse:
    response = redirect(url_name)
    response["Location"] += "?" + urlencode({"next": next_url})
    return response
