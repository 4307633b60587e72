"""The one NinjaAPI (v1): wires each app's router and maps every error to a 4xx JSON body.

Errors always look like `{"detail": "...", "errors": {"field": ["message", ...]}}`, and so do
the failures that are not the client's: a database that does not answer (503) and any other
server error (500, logged with its traceback). The interactive docs (/docs) need a login; the
OpenAPI document (/openapi.json) stays public: it describes the routes, not their data, and
clients generate their code from it.
"""

from __future__ import annotations

import json
import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.db import DatabaseError, DataError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.views import openapi_json
from ninja.parser import Parser

from taawon.accounts.api_auth import BearerTokenAuth, SessionAuth
from taawon.core.exceptions import DomainError, ValidationFailed
from taawon.core.validation import clean_text


class UnsupportedMediaType(Exception):
    pass


# Longest list a body or a query string may carry: more is a mistake or an attack, and a list
# of a million ids would hold a worker for minutes.
MAX_LIST_ITEMS = 1000


class StrictJSONParser(Parser):
    """Bodies must be sent as application/json. Every text in a body or a query string goes
    through `core.validation.clean_text`, and no list is longer than MAX_LIST_ITEMS: refused
    with a 422 naming the field."""

    def parse_body(self, request: HttpRequest):
        content_type = request.content_type or ""
        if content_type != "application/json":
            raise UnsupportedMediaType(content_type)
        errors: dict[str, list[str]] = {}
        data = _clean_input(json.loads(request.body), "", errors)
        if errors:
            raise InputRefused(field_errors=errors)
        return data

    def parse_querydict(self, data, list_fields, request: HttpRequest):
        errors: dict[str, list[str]] = {}
        result = {
            key: _clean_input(value, key, errors)
            for key, value in super().parse_querydict(data, list_fields, request).items()
        }
        if errors:
            raise InputRefused(field_errors=errors)
        return result


class InputRefused(ValidationFailed):
    status = 422


def _clean_input(value, field: str, errors: dict[str, list[str]]):
    if isinstance(value, str):
        return clean_text(value, errors=errors, field=field or "__all__")
    if isinstance(value, list):
        if len(value) > MAX_LIST_ITEMS:
            message = _("Send at most %(count)s items.") % {"count": MAX_LIST_ITEMS}
            errors.setdefault(field or "__all__", []).append(message)
            return value
        return [_clean_input(item, field, errors) for item in value]
    if isinstance(value, dict):
        return {
            key: _clean_input(item, f"{field}.{key}" if field else str(key), errors)
            for key, item in value.items()
        }
    return value


def login_for_docs(view):
    """ninja wraps both the docs page and the OpenAPI document with `docs_decorator`; only the
    page (an interactive console) needs a login."""
    if getattr(view, "func", None) is openapi_json:
        return view
    return login_required(view)


api = NinjaAPI(
    title="Taawon API",
    version="1",
    urls_namespace="api-v1",
    auth=[BearerTokenAuth(), SessionAuth()],
    parser=StrictJSONParser(),
    docs_url="/docs",
    docs_decorator=login_for_docs,
    openapi_url="/openapi.json",
)
logger = logging.getLogger(__name__)


def error_response(request, status: int, detail: str, errors: dict | None = None, **extra):
    return api.create_response(
        request, {"detail": detail, "errors": errors or {}, **extra}, status=status
    )


def _field_name(loc: list) -> str:
    # ninja locations look like ["body", "payload", "phone"] or ["query", "page"]
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form")]
    return ".".join(parts) or "__all__"


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        message = error.get("msg", _("Invalid value."))
        errors.setdefault(_field_name(list(error.get("loc", []))), []).append(message)
    return error_response(request, 422, _("Some fields are not valid."), errors)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(Http404)
def on_not_found(request, exc) -> HttpResponse:
    return error_response(request, 404, _("Not found."))


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc) -> HttpResponse:
    return error_response(request, 401, _("Authentication required: send a valid bearer token."))


@api.exception_handler(RequestDataTooBig)
def on_too_large(request, exc) -> HttpResponse:
    # ninja reads request.body before the parser runs, so the size check surfaces here.
    return error_response(request, 413, _("The request body is too large."))


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError) -> HttpResponse:
    cause = exc.__cause__
    if isinstance(cause, DomainError):
        return on_domain_error(request, cause)
    if isinstance(cause, UnsupportedMediaType):
        return error_response(request, 415, _("Send the request body as application/json."))
    if isinstance(cause, ValueError):
        return error_response(request, 400, _("The request body is not valid JSON."))
    return error_response(request, exc.status_code, str(exc))


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc) -> HttpResponse:
    return error_response(request, 403, _("You do not have permission to do this."))


@api.exception_handler(SuspiciousOperation)
def on_suspicious(request, exc) -> HttpResponse:
    return error_response(request, 400, _("The request is not valid."))


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def on_out_of_range(request, exc: Exception) -> HttpResponse:
    # The last guard: a value the database cannot hold (an integer past 64 bits on SQLite, a
    # number or text PostgreSQL refuses) that no schema caught is the client's error, not ours.
    logger.warning("value out of the database's range on %s: %s", request.path, exc)
    return error_response(request, 422, _("A value is out of the range the system accepts."))


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def on_database_unavailable(request, exc: Exception) -> HttpResponse:
    logger.error("database unavailable on %s: %s", request.path, exc)
    response = error_response(
        request, 503, _("The service is unavailable for a moment. Try again shortly.")
    )
    response["Retry-After"] = "30"
    return response


@api.exception_handler(DatabaseError)
@api.exception_handler(Exception)
def on_server_error(request, exc: Exception) -> HttpResponse:
    logger.error("API error on %s", request.path, exc_info=exc)
    return error_response(request, 500, _("Something went wrong on our side."))


def _add_routers() -> None:
    from taawon.accounts.api import router as accounts_router
    from taawon.complaints.api import router as complaints_router
    from taawon.cooperatives.api import router as cooperatives_router
    from taawon.datarights.api import router as datarights_router
    from taawon.duplicates.api import router as duplicates_router
    from taawon.employment.api import router as employment_router
    from taawon.grants.api import router as grants_router
    from taawon.indicators.api import router as indicators_router
    from taawon.people.api import router as people_router
    from taawon.permits.api import router as permits_router
    from taawon.protection.api import router as protection_router
    from taawon.surveys.api import router as surveys_router
    from taawon.training.api import router as training_router

    api.add_router("/accounts", accounts_router)
    api.add_router("/persons", people_router)
    api.add_router("/cooperatives", cooperatives_router)
    api.add_router("/employment", employment_router)
    api.add_router("/duplicates", duplicates_router)
    api.add_router("/permits", permits_router)
    api.add_router("/indicators", indicators_router)
    api.add_router("/protection", protection_router)
    api.add_router("/complaints", complaints_router)
    api.add_router("/data-rights", datarights_router)
    api.add_router("/training", training_router)
    api.add_router("/grants", grants_router)
    api.add_router("/surveys", surveys_router)


_add_routers()
