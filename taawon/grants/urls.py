from django.urls import path

from . import views

app_name = "grants"

urlpatterns = [
    path("", views.call_list, name="call_list"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("calls/<int:pk>/publish/", views.call_publish, name="call_publish"),
    path("calls/<int:pk>/apply/", views.application_create, name="application_create"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/screen/", views.application_screen, name="application_screen"),
    path("applications/<int:pk>/declare/", views.application_declare, name="application_declare"),
    path("applications/<int:pk>/score/", views.application_score, name="application_score"),
    path("applications/<int:pk>/award/", views.application_award, name="application_award"),
    path("awards/", views.award_list, name="award_list"),
    path("awards/<int:pk>/", views.award_detail, name="award_detail"),
    path("awards/<int:pk>/agreement/", views.award_agreement, name="award_agreement"),
    path("awards/<int:pk>/tranches/new/", views.tranche_create, name="tranche_create"),
    path("tranches/<int:pk>/approve/", views.tranche_approve, name="tranche_approve"),
    path("tranches/<int:pk>/pay/", views.tranche_pay, name="tranche_pay"),
    path("awards/<int:pk>/follow-up/", views.award_follow_up, name="award_follow_up"),
    path("report/", views.grants_report, name="report"),
]
