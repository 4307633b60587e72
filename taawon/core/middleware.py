"""The web's last guard against input the database cannot hold.

Forms bound what they read, and the API's schemas and parser do the same; a value that still
reaches the database out of its range (an integer past 64 bits on SQLite raises OverflowError,
PostgreSQL raises DataError for a NUL or a number too large) is the client's mistake: a 400
page, not a 500.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DataError
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)


class BadInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OverflowError | DataError):
            return None
        from .views import bad_request

        logger.warning("input out of the database's range on %s: %s", request.path, exception)
        return bad_request(request, exception)
