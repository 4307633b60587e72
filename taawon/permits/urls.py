from django.urls import include, path

from .views import permits, reports

app_name = "permits"

urlpatterns = [
    path("", permits.permit_list, name="permit_list"),
    path("expiring/", reports.expiring_list, name="expiring_list"),
    path("report/", reports.permit_report, name="permit_report"),
    path("report.xlsx", reports.permit_report_xlsx, name="permit_report_xlsx"),
    path("people/<int:person_pk>/apply/", permits.permit_apply, name="permit_apply"),
    path("<int:pk>/", permits.permit_detail, name="permit_detail"),
    path("<int:pk>/documents/", permits.permit_documents, name="permit_documents"),
    path("<int:pk>/submit/", permits.permit_submit, name="permit_submit"),
    path("<int:pk>/issue/", permits.permit_issue, name="permit_issue"),
    path("<int:pk>/reject/", permits.permit_reject, name="permit_reject"),
    path("<int:pk>/renew/", permits.permit_renew, name="permit_renew"),
    path("<int:pk>/cancel/", permits.permit_cancel, name="permit_cancel"),
    path("imports/", include("taawon.permits.import_urls")),
]
