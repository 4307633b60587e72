from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.form_list, name="form_list"),
    path("upload/", views.form_upload, name="form_upload"),
    path("forms/<int:pk>/", views.form_detail, name="form_detail"),
    path("forms/<int:pk>/assign/", views.form_assign, name="form_assign"),
    path("forms/<int:pk>/status/", views.form_status, name="form_status"),
    path("forms/<int:pk>/media/", views.form_media, name="form_media"),
    path("forms/<int:pk>/media/<str:filename>", views.form_media_file, name="form_media_file"),
    path("forms/<int:pk>/xlsform/", views.form_xlsform, name="form_xlsform"),
    path("forms/<int:pk>/export/", views.form_export, name="form_export"),
    path("submissions/", views.submission_list, name="submission_list"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/edit/", views.submission_edit, name="submission_edit"),
    path("submissions/<int:pk>/review/", views.submission_review, name="submission_review"),
    path(
        "submissions/<int:pk>/media/<str:name>",
        views.submission_media,
        name="submission_media",
    ),
    path("needs-assessment/", views.needs_assessment, name="needs_assessment"),
]
