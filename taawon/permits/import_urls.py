"""Pages of permit imports, mounted by taawon.permits.urls under "imports/" (namespace
"permits"): upload, column mapping, the dry run's result, commit, the errors as a spreadsheet."""

from django.urls import path

from .views import imports as views

urlpatterns = [
    path("", views.import_list, name="import_list"),
    path("new/", views.import_upload, name="import_upload"),
    path("<int:pk>/", views.import_detail, name="import_detail"),
    path("<int:pk>/mapping/", views.import_mapping, name="import_mapping"),
    path("<int:pk>/check/", views.import_check, name="import_check"),
    path("<int:pk>/commit/", views.import_commit, name="import_commit"),
    path("<int:pk>/errors.xlsx", views.import_errors, name="import_errors"),
]
