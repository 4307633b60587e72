from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("country/", views.country_dashboard, name="country_dashboard"),
    path("country/report.pdf", views.country_report_pdf, name="country_report_pdf"),
    path("unit/", views.unit_picker, name="unit_picker"),
    path("unit/<int:unit_id>/", views.unit_dashboard, name="unit_dashboard"),
    path("unit/<int:unit_id>/report.pdf", views.unit_report_pdf, name="unit_report_pdf"),
    path("dhis2/", views.dhis2_export, name="dhis2_export"),
]
