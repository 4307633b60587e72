"""What the employment views share: the filters in a query string and the gates of the list
and "new" pages. Forms run through services with `taawon.core.forms.submit`."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from .. import rules


def query_string(request: HttpRequest) -> str:
    """The current filters, ready for "?{{ query_string }}page=N"."""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def require_reader(request: HttpRequest) -> None:
    if not rules.may_read(request.user):
        raise Http404


def require_adder(request: HttpRequest) -> None:
    if not rules.may_add(request.user):
        raise Http404
