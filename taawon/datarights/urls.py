from django.urls import path

from . import views

app_name = "datarights"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("persons/<int:pk>/copy/", views.access_request, name="access_request"),
    path("persons/<int:pk>/corrections/new/", views.correction_create, name="correction_create"),
    path("persons/<int:pk>/consent/", views.consent_change, name="consent_change"),
    path("corrections/<int:pk>/", views.correction_detail, name="correction_detail"),
    path("corrections/<int:pk>/apply/", views.correction_apply, name="correction_apply"),
    path("corrections/<int:pk>/refuse/", views.correction_refuse, name="correction_refuse"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("partner-export/", views.partner_export, name="partner_export"),
]
