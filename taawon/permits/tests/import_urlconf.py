"""A URLconf for the import API's tests: the router mounted at /api/v1/permits/imports as the
site mounts it, with the site API's error mapping, apart from the other apps' routers."""

from django.http import Http404
from django.urls import path
from ninja import NinjaAPI

from taawon.accounts.api_auth import BearerTokenAuth, SessionAuth
from taawon.core.exceptions import DomainError

from ..import_api import router

api = NinjaAPI(urls_namespace="permit-imports-test", auth=[BearerTokenAuth(), SessionAuth()])
api.add_router("/permits/imports", router)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": "Not found.", "errors": {}}, status=404)


urlpatterns = [path("api/v1/", api.urls)]
