from django.urls import path

from . import views

app_name = "cooperatives"

urlpatterns = [
    path("", views.cooperative_list, name="cooperative_list"),
    path("new/", views.cooperative_create, name="cooperative_create"),
    path("<int:pk>/", views.cooperative_detail, name="cooperative_detail"),
    path("<int:pk>/edit/", views.cooperative_edit, name="cooperative_edit"),
    path("<int:pk>/archive/", views.cooperative_archive, name="cooperative_archive"),
    path("<int:pk>/members/", views.cooperative_members, name="cooperative_members"),
    path("<int:pk>/history/", views.cooperative_history, name="cooperative_history"),
    path("<int:pk>/units/new/", views.employment_unit_create, name="employment_unit_create"),
]
