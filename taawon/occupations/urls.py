from django.urls import path

from . import views

app_name = "occupations"

urlpatterns = [
    path("search/", views.occupation_search, name="occupation_search"),
]
