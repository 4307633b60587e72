from django.urls import path

from . import search, views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create, name="person_create"),
    path("search/", search.person_search, name="person_search"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/archive/", views.person_archive, name="person_archive"),
    path("<int:pk>/restore/", views.person_restore, name="person_restore"),
    path("<int:pk>/anonymise/", views.person_anonymise, name="person_anonymise"),
    path("<int:pk>/history/", views.person_history, name="person_history"),
    path("<int:pk>/consents/new/", views.consent_add, name="consent_add"),
    path(
        "<int:pk>/identifiers/<int:identifier_pk>/reveal/",
        views.identifier_reveal,
        name="identifier_reveal",
    ),
]
