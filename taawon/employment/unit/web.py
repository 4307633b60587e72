"""What the employment views share: the filters in a query string, and forms that call a
service and show its field errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest

from taawon.core.exceptions import ValidationFailed
from taawon.core.forms import add_domain_error

from .. import rules


def query_string(request: HttpRequest) -> str:
    """The current filters, ready for "?{{ query_string }}page=N"."""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def submit(request: HttpRequest, form, call: Callable[[], Any], *extra_forms) -> Any | None:
    """On a valid POST, the service's result; None when the form is shown (again).

    The service's field errors land on the form, so nothing is written and the user sees why.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    if not all(f.is_valid() for f in extra_forms):
        return None
    try:
        return call()
    except ValidationFailed as error:
        add_domain_error(form, error)
        return None


def require_reader(request: HttpRequest) -> None:
    if not rules.may_read(request.user):
        raise Http404


def require_adder(request: HttpRequest) -> None:
    if not rules.may_add(request.user):
        raise Http404
