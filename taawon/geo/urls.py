from django.urls import path

from . import views

app_name = "geo"

urlpatterns = [
    path("districts/", views.district_options, name="district_options"),
    path("governorates/", views.governorate_options, name="governorate_options"),
    path("governorates/search/", views.governorate_search, name="governorate_search"),
    path("districts/search/", views.district_search, name="district_search"),
]
