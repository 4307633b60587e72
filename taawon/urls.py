from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from taawon.api import api
from taawon.core import access_log
from taawon.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("messaging/", include("taawon.messaging.urls")),
    path("openrosa/", include("taawon.surveys.openrosa_urls")),
]

urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("accounts/", include("taawon.accounts.urls")),
    path("access-log/", access_log.access_log, name="access_log"),
    path("geo/", include("taawon.geo.urls")),
    path("occupations/", include("taawon.occupations.urls")),
    path("people/", include("taawon.people.urls")),
    path("cooperatives/", include("taawon.cooperatives.urls")),
    path("employment/", include("taawon.employment.urls")),
    path("duplicates/", include("taawon.duplicates.urls")),
    path("permits/", include("taawon.permits.urls")),
    path("indicators/", include("taawon.indicators.urls")),
    path("exports/", include("taawon.exports.urls")),
    path("reports/", include("taawon.reports.urls")),
    path("complaints/", include("taawon.complaints.urls")),
    path("feedback/", include("taawon.complaints.public_urls")),
    path("data-rights/", include("taawon.datarights.urls")),
    path("training/", include("taawon.training.urls")),
    path("certificates/", include("taawon.training.public_urls")),
    path("grants/", include("taawon.grants.urls")),
    path("surveys/", include("taawon.surveys.urls")),
    prefix_default_language=True,
)
if settings.ADMIN_ENABLED:
    # Off in production unless TAAWON_ADMIN_ENABLED=1: users work in the real UI.
    urlpatterns += i18n_patterns(path("admin/", admin.site.urls), prefix_default_language=True)

handler400 = "taawon.core.views.bad_request"
handler403 = "taawon.core.views.permission_denied"
handler404 = "taawon.core.views.page_not_found"
handler500 = "taawon.core.views.server_error"
