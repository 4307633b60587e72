from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="complaint_list"),
    path("new/", views.complaint_create, name="complaint_create"),
    path("<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("<int:pk>/step/", views.complaint_step, name="complaint_step"),
    path("focal-points/", views.focal_points, name="focal_points"),
    path("focal-points/<int:pk>/remove/", views.focal_point_remove, name="focal_point_remove"),
]
