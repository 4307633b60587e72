from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("new/", views.event_create, name="event_create"),
    path("courses/", views.course_list, name="course_list"),
    path("trainers/", views.trainer_list, name="trainer_list"),
    path("cascade/", views.cascade_overview, name="cascade"),
    path("cascade/trainers/<int:person_pk>/", views.cascade_trainer, name="cascade_trainer"),
    path("cascade/tot/<int:pk>/", views.cascade_tot, name="cascade_tot"),
    path("people/search/", views.person_search, name="person_search"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/facilitators/new/", views.facilitator_add, name="facilitator_add"),
    path("<int:pk>/participants/new/", views.participant_add, name="participant_add"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/attendance/sheet.xlsx", views.sheet_download, name="sheet_download"),
    path("<int:pk>/attendance/sheet.pdf", views.sheet_pdf, name="sheet_pdf"),
    path("<int:pk>/attendance/upload/", views.sheet_upload, name="sheet_upload"),
    path("<int:pk>/certificates/", views.certificates_issue, name="certificates_issue"),
    path("participants/<int:pk>/scores/", views.participant_scores, name="participant_scores"),
    path("participants/<int:pk>/certificate/", views.certificate_issue, name="certificate_issue"),
    path("participants/<int:pk>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("attendance-uploads/<int:pk>/", views.import_detail, name="import_detail"),
    path("attendance-uploads/<int:pk>/commit/", views.import_commit, name="import_commit"),
]
