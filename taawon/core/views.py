"""Site-wide pages: home, health check and error pages."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import panels
from .exceptions import FeatureUnavailable


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"panels": panels.home_panels(request)})


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found."), "errors": {}}, status=404)
    explanation = str(exception) if isinstance(exception, FeatureUnavailable) else ""
    return render(request, "errors/404.html", {"explanation": explanation}, status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        # An API client reads JSON, whatever failed (an error outside the API's own handlers)
        body = {"detail": _("Something went wrong on our side."), "errors": {}}
        return JsonResponse(body, status=500)
    return render(request, "errors/500.html", status=500)
